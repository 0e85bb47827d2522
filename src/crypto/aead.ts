/* The envelope: how one field (or blob) is encrypted at rest. Claims ENC-4, ENC-5.

   Invariants
   - AES-256-GCM (NIST SP 800-38D) with a fresh random 96-bit IV for every seal; the caller
     never supplies an IV (the fixed-IV entry point exists only for the documented test vector).
     Random IVs bound a key to 2^32 seals (SP 800-38D §8.3); keys rotate long before that.
   - A versioned header names the data key (id + version) so old ciphertexts stay readable
     across rotations. The header is authenticated: it is the first part of the AAD.
   - The AAD binds the ciphertext to where it lives: organisation, table, column and row id,
     each length-prefixed so no two different contexts encode to the same bytes. A ciphertext
     copied to another row, column, table or organisation fails the tag check.
   - Any failure is a typed DecryptionFailed; no partial plaintext is ever returned.

   Byte layout (format version 1; docs/encryption.md has a test vector):
     off     len  field
     0       2    magic "PL" (0x50 0x4c)
     2       1    format version (0x01)
     3       1    L = key id length, 1..255, ASCII [A-Za-z0-9_:-]
     4       L    key id
     4+L     4    key version, uint32 big-endian, >= 1
     8+L     12   IV
     20+L    n    ciphertext (n = plaintext length)
     20+L+n  16   GCM tag
   AAD = header (bytes 0 .. 8+L) || "palisade.envelope.v1" context block, where the context block is
   the four strings org id, table, column, row id, each as uint32 big-endian byte length + UTF-8. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionFailed } from './errors.js';

export const ENVELOPE_FORMAT_VERSION = 1;
const MAGIC0 = 0x50;
const MAGIC1 = 0x4c;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const CONTEXT_LABEL = Buffer.from('palisade.envelope.v1', 'utf8');
const KEY_ID_RE = /^[A-Za-z0-9_:-]{1,255}$/;

/** Where a ciphertext lives. All four are bound into the AAD. */
export interface EnvelopeContext {
  orgId: string;
  table: string;
  column: string;
  rowId: string;
}

/** Which data key sealed an envelope. */
export interface KeyRef {
  keyId: string;
  version: number;
}

export interface EnvelopeHeader extends KeyRef {
  formatVersion: number;
  /** Header length in bytes (offset of the IV). */
  headerLength: number;
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new TypeError('AES-256-GCM needs a 32-byte key');
}

/* IVs come from the CSPRNG in blocks: one randomBytes call per 256 IVs instead of one per
   seal. Each IV is a distinct slice of a freshly allocated random block (a block is never
   refilled in place), so no IV is handed out twice. */
const IV_BLOCK = IV_BYTES * 256;
let ivBlock: Buffer = Buffer.alloc(0);
let ivAt = 0;
function freshIv(): Buffer {
  if (ivAt + IV_BYTES > ivBlock.length) {
    ivBlock = randomBytes(IV_BLOCK);
    ivAt = 0;
  }
  const iv = ivBlock.subarray(ivAt, ivAt + IV_BYTES);
  ivAt += IV_BYTES;
  return iv;
}

/* Headers repeat (a handful of live keys), so encoded ones are kept; bounded. */
const headerCache = new Map<string, Buffer>();
function cachedHeader(ref: KeyRef): Buffer {
  const id = `${ref.keyId}\u0000${ref.version}`;
  let h = headerCache.get(id);
  if (!h) {
    h = encodeHeader(ref);
    if (headerCache.size >= 1024) headerCache.clear();
    headerCache.set(id, h);
  }
  return h;
}

/** The header bytes for a key reference. Exposed so the re-encryption job can find rows
    sealed under a given key by prefix, in SQL. */
export function encodeHeader(ref: KeyRef): Buffer {
  if (!KEY_ID_RE.test(ref.keyId)) throw new TypeError('key id must be 1..255 chars of [A-Za-z0-9_:-]');
  if (!Number.isInteger(ref.version) || ref.version < 1 || ref.version > 0xffffffff) {
    throw new TypeError('key version must be an integer in 1..2^32-1');
  }
  const L = ref.keyId.length; // ASCII, so chars == bytes
  const h = Buffer.allocUnsafe(8 + L);
  h[0] = MAGIC0;
  h[1] = MAGIC1;
  h[2] = ENVELOPE_FORMAT_VERSION;
  h[3] = L;
  h.write(ref.keyId, 4, 'latin1');
  h.writeUInt32BE(ref.version, 4 + L);
  return h;
}

/** The header without the version: every envelope of one key chain starts with these bytes. */
export function encodeKeyIdPrefix(keyId: string): Buffer {
  return encodeHeader({ keyId, version: 1 }).subarray(0, 4 + keyId.length);
}

/** Reads the header without decrypting. Throws DecryptionFailed('malformed' | 'unsupported_version'). */
export function parseHeader(envelope: Uint8Array): EnvelopeHeader {
  if (envelope.length < 4 || envelope[0] !== MAGIC0 || envelope[1] !== MAGIC1) {
    throw new DecryptionFailed('malformed');
  }
  const formatVersion = envelope[2] as number;
  if (formatVersion !== ENVELOPE_FORMAT_VERSION) throw new DecryptionFailed('unsupported_version', { formatVersion });
  const L = envelope[3] as number;
  const headerLength = 8 + L;
  if (L === 0 || envelope.length < headerLength + IV_BYTES + TAG_BYTES) throw new DecryptionFailed('malformed');
  const buf = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
  const keyId = buf.toString('latin1', 4, 4 + L);
  if (!KEY_ID_RE.test(keyId)) throw new DecryptionFailed('malformed');
  const version = buf.readUInt32BE(4 + L);
  if (version < 1) throw new DecryptionFailed('malformed');
  return { formatVersion, keyId, version, headerLength };
}

/** AAD = header || context block, in one buffer (one setAAD call). */
function encodeAad(header: Uint8Array, ctx: EnvelopeContext): Buffer {
  const parts = [ctx.orgId, ctx.table, ctx.column, ctx.rowId];
  let total = header.length + CONTEXT_LABEL.length;
  const lens: number[] = [];
  for (const p of parts) {
    if (typeof p !== 'string' || p.length === 0) throw new TypeError('envelope context needs org, table, column and row id');
    const l = Buffer.byteLength(p, 'utf8');
    lens.push(l);
    total += 4 + l;
  }
  const out = Buffer.allocUnsafe(total);
  out.set(header, 0);
  let off = header.length + CONTEXT_LABEL.copy(out, header.length);
  for (let i = 0; i < parts.length; i++) {
    off = out.writeUInt32BE(lens[i] as number, off);
    off += out.write(parts[i] as string, off, 'utf8');
  }
  return out;
}

function sealRaw(key: Uint8Array, ref: KeyRef, ctx: EnvelopeContext, plaintext: Uint8Array, iv: Uint8Array): Buffer {
  checkKey(key);
  const header = cachedHeader(ref);
  const hl = header.length;
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(encodeAad(header, ctx));
  const body = cipher.update(plaintext);
  const fin = cipher.final(); // empty for GCM, kept for correctness
  const out = Buffer.allocUnsafe(hl + IV_BYTES + plaintext.length + TAG_BYTES);
  header.copy(out, 0);
  out.set(iv, hl);
  body.copy(out, hl + IV_BYTES);
  fin.copy(out, hl + IV_BYTES + body.length);
  cipher.getAuthTag().copy(out, hl + IV_BYTES + plaintext.length);
  return out;
}

/** Encrypts `plaintext` under `key` (the data key `ref` names), bound to `ctx`. */
export function seal(key: Uint8Array, ref: KeyRef, ctx: EnvelopeContext, plaintext: Uint8Array): Buffer {
  return sealRaw(key, ref, ctx, plaintext, freshIv());
}

/** Only for the documented test vector: a fixed IV destroys GCM's security if ever reused. */
export function sealWithFixedIvForTestVector(
  key: Uint8Array,
  ref: KeyRef,
  ctx: EnvelopeContext,
  plaintext: Uint8Array,
  iv: Uint8Array,
): Buffer {
  if (iv.length !== IV_BYTES) throw new TypeError('IV must be 12 bytes');
  return sealRaw(key, ref, ctx, plaintext, iv);
}

/** Decrypts an envelope sealed under `key` for exactly `ctx`. `expected`, when given, must be the
    key the header names (the keyring resolves the key from the header, then checks it here). */
export function open(key: Uint8Array, envelope: Uint8Array, ctx: EnvelopeContext, expected?: KeyRef): Buffer {
  checkKey(key);
  const h = parseHeader(envelope);
  if (expected && (expected.keyId !== h.keyId || expected.version !== h.version)) {
    throw new DecryptionFailed('key_mismatch');
  }
  const buf = Buffer.from(envelope.buffer, envelope.byteOffset, envelope.byteLength);
  const iv = buf.subarray(h.headerLength, h.headerLength + IV_BYTES);
  const tag = buf.subarray(buf.length - TAG_BYTES);
  const body = buf.subarray(h.headerLength + IV_BYTES, buf.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(encodeAad(buf.subarray(0, h.headerLength), ctx));
  decipher.setAuthTag(tag);
  const out = decipher.update(body);
  try {
    decipher.final();
  } catch {
    out.fill(0); // unauthenticated plaintext must not escape
    throw new DecryptionFailed('authentication', { keyId: h.keyId, keyVersion: h.version });
  }
  return out;
}

/** Size of an envelope for a plaintext of `n` bytes under key id `keyId`. */
export function envelopeLength(keyId: string, n: number): number {
  return 8 + keyId.length + IV_BYTES + n + TAG_BYTES;
}
