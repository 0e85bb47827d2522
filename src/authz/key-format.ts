/* API key format: `pal_live_` + 32 base32 characters (160 random bits) + 7 base32 characters
   of CRC-32 over everything before it. The fixed prefix lets secret scanners (GitHub secret
   scanning, gitleaks, trufflehog) recognise a leaked key with a tight regex, and the checksum
   lets them — and us — reject a mistyped or made-up string without a database lookup. CRC-32
   is not a MAC and does not need to be: it detects accidents, the 160 random bits are the
   secret.

   Only SHA-256(key) is stored. A password hash (argon2id) exists to slow down guessing of
   low-entropy secrets; a 160-bit random key cannot be guessed at any speed, so a slow hash
   would only add CPU to every request without adding security, and no salt is needed because
   no two keys (or precomputed tables) collide in a 2^160 space. Claim RBAC-4. */
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { base32 } from '../lib/ids.js';

export const KEY_PREFIX = 'pal_live_';
const BODY_CHARS = 32; // 20 bytes × 8 / 5
const CHECK_CHARS = 7; // 4 bytes, padded to 35 bits
export const KEY_PATTERN = /^pal_live_[a-z2-7]{39}$/;

function checksum(text: string): string {
  const c = crc32(Buffer.from(text, 'utf8'));
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(c >>> 0);
  return base32(bytes);
}

export interface NewKey {
  /** Shown to the creator once, never stored. */
  key: string;
  /** SHA-256 of the key: the only form stored. */
  hash: Buffer;
  /** A recognisable, non-secret fragment for lists: the prefix and the first 4 body characters. */
  hint: string;
}

export function generateKey(): NewKey {
  const body = base32(randomBytes(20));
  if (body.length !== BODY_CHARS) throw new TypeError('unexpected key body length');
  const head = `${KEY_PREFIX}${body}`;
  const key = `${head}${checksum(head)}`;
  return { key, hash: hashKey(key), hint: `${KEY_PREFIX}${body.slice(0, 4)}…` };
}

/** True when the string has the key shape and its checksum matches (no database needed). */
export function isWellFormedKey(candidate: string): boolean {
  if (!KEY_PATTERN.test(candidate)) return false;
  const head = candidate.slice(0, KEY_PREFIX.length + BODY_CHARS);
  const check = candidate.slice(KEY_PREFIX.length + BODY_CHARS);
  return check.length === CHECK_CHARS && checksum(head) === check;
}

export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
