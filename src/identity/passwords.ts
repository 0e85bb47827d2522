/* Password hashing. Invariants:
   - Hashing and verification never run on the event loop: @node-rs/argon2 and @node-rs/bcrypt
     run their async functions on the libuv thread pool (docs/architecture.md; docs/authentication.md).
   - Default: argon2id with the OWASP Password Storage Cheat Sheet parameters (m=19456 KiB, t=2,
     p=1), stored as a PHC string `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. By configuration:
     bcrypt with cost ≥ 12 (AUTH-1).
   - bcrypt reads at most 72 bytes and stops at a NUL byte, so two passwords sharing their first
     72 bytes would collide. We pre-hash: key = base64(HMAC-SHA-256(key = the 22-char bcrypt salt,
     msg = UTF-8 password)) (44 ASCII bytes, no NUL), then bcrypt(key). Keying the HMAC with the
     per-hash salt stops "hash shucking" (testing a leaked unsalted SHA-256 list against our
     hashes). The result is stored in passlib's self-describing bcrypt_sha256 v2 format
     `$bcrypt-sha256$v=2,t=2b,r=<cost>$<salt22>$<checksum31>`, so a hash always says how to
     verify it. Plain `$2a$/$2b$/$2y$` hashes (imported from another system) are verified as
     plain bcrypt and always reported as needing a rehash.
   - Passwords are NFKC-normalised before hashing (NIST SP 800-63B-4 §3.1.1.2), so the same
     password typed on two keyboards verifies.
   - Unknown addresses pay the same cost: `verifyDummy` runs a real verification against a hash
     made at start-up with the current parameters (AUTH-5, AUTH-7).
   - A password is never logged: nothing here logs, and errors carry no input. */
import { createHmac, randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import * as argon2 from '@node-rs/argon2';
import * as bcrypt from '@node-rs/bcrypt';
import type { Algorithm } from '@node-rs/argon2';

export type PasswordAlgorithm = 'argon2id' | 'bcrypt';

export interface PasswordHashingConfig {
  algorithm: PasswordAlgorithm;
  /** argon2id memory cost in KiB (OWASP: 19456). */
  argon2MemoryKib: number;
  /** argon2id passes (OWASP: 2). */
  argon2TimeCost: number;
  /** argon2id lanes (OWASP: 1). */
  argon2Parallelism: number;
  /** bcrypt cost factor (≥ 12). */
  bcryptCost: number;
  /** Most hashes at once; 0 or absent = the number of CPU cores. */
  concurrency?: number;
}

export const OWASP_DEFAULTS: PasswordHashingConfig = Object.freeze({
  algorithm: 'argon2id',
  argon2MemoryKib: 19456,
  argon2TimeCost: 2,
  argon2Parallelism: 1,
  bcryptCost: 12,
});

/** The floors below which configuration is refused (AUTH-1). */
export const MIN_BCRYPT_COST = 12;
export const MIN_ARGON2_MEMORY_KIB = 19456;
export const MIN_ARGON2_TIME_COST = 2;

export interface PasswordHasher {
  readonly config: Readonly<PasswordHashingConfig>;
  hash(password: string): Promise<string>;
  /** True when `password` matches `stored`. False for a mismatch or a hash we cannot parse. */
  verify(stored: string, password: string): Promise<boolean>;
  /** True when `stored` was made with another algorithm or other parameters than the current ones. */
  needsRehash(stored: string): boolean;
  /** Pays the cost of one verification and returns false: the unknown-address path. */
  verifyDummy(password: string): Promise<false>;
}

// The runtime module exports `Algorithm` as an empty object (a const enum), so use its value.
const ARGON2ID = 2 as Algorithm;
const ARGON2_VERSION_13 = 1; // Version.V0x13
const ARGON2_OUTPUT_LEN = 32;

const BCRYPT_SHA256_RE = /^\$bcrypt-sha256\$v=2,t=(2b),r=(\d{2})\$([./A-Za-z0-9]{22})\$([./A-Za-z0-9]{31})$/;
const PLAIN_BCRYPT_RE = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/;

export function validatePasswordHashingConfig(c: PasswordHashingConfig): void {
  if (c.algorithm !== 'argon2id' && c.algorithm !== 'bcrypt') throw new TypeError('unknown password algorithm');
  if (!Number.isInteger(c.bcryptCost) || c.bcryptCost < MIN_BCRYPT_COST || c.bcryptCost > 31) {
    throw new TypeError(`bcrypt cost must be an integer in ${MIN_BCRYPT_COST}..31`);
  }
  if (!Number.isInteger(c.argon2MemoryKib) || c.argon2MemoryKib < MIN_ARGON2_MEMORY_KIB) {
    throw new TypeError(`argon2 memory must be ≥ ${MIN_ARGON2_MEMORY_KIB} KiB`);
  }
  if (!Number.isInteger(c.argon2TimeCost) || c.argon2TimeCost < MIN_ARGON2_TIME_COST) {
    throw new TypeError(`argon2 time cost must be ≥ ${MIN_ARGON2_TIME_COST}`);
  }
  if (!Number.isInteger(c.argon2Parallelism) || c.argon2Parallelism < 1 || c.argon2Parallelism > 255) {
    throw new TypeError('argon2 parallelism must be in 1..255');
  }
}

function normalise(password: string): string {
  return password.normalize('NFKC');
}

function bcryptPrehash(salt22: string, password: string): string {
  return createHmac('sha256', Buffer.from(salt22, 'ascii')).update(normalise(password), 'utf8').digest('base64');
}

async function hashArgon2(c: PasswordHashingConfig, password: string): Promise<string> {
  return argon2.hash(normalise(password), {
    algorithm: ARGON2ID,
    memoryCost: c.argon2MemoryKib,
    timeCost: c.argon2TimeCost,
    parallelism: c.argon2Parallelism,
    outputLen: ARGON2_OUTPUT_LEN,
  });
}

const BCRYPT_B64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** bcrypt's own base64 (its alphabet, no padding): 16 salt bytes → the 22 characters bcrypt
    prints. Checked against the library's output on every hash (below). */
export function bcryptBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    out += BCRYPT_B64[b0 >> 2];
    out += BCRYPT_B64[((b0 & 0x03) << 4) | (b1 >> 4)];
    if (i + 1 < bytes.length) out += BCRYPT_B64[((b1 & 0x0f) << 2) | (b2 >> 6)];
    if (i + 2 < bytes.length) out += BCRYPT_B64[b2 & 0x3f];
  }
  return out;
}

async function hashBcryptSha256(c: PasswordHashingConfig, password: string): Promise<string> {
  const rawSalt = randomBytes(16);
  const salt22 = bcryptBase64(rawSalt);
  const full = await bcrypt.hash(bcryptPrehash(salt22, password), c.bcryptCost, rawSalt); // "$2y$12$" + salt22 + checksum31
  const m = /^\$2[aby]\$(\d{2})\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/.exec(full);
  // The HMAC was keyed with our encoding of the salt: it must be the salt bcrypt used.
  if (!m || m[2] !== salt22 || Number(m[1]) !== c.bcryptCost) throw new TypeError('bcrypt output does not match its salt or cost');
  return `$bcrypt-sha256$v=2,t=2b,r=${m[1]}$${salt22}$${m[3]}`;
}

type Parsed =
  | { kind: 'argon2'; options: argon2.ParsedHashOptions }
  | { kind: 'bcrypt-sha256'; cost: number; salt22: string; checksum: string }
  | { kind: 'bcrypt'; cost: number }
  | { kind: 'unknown' };

function parse(stored: string): Parsed {
  if (stored.startsWith('$argon2')) {
    try {
      return { kind: 'argon2', options: argon2.parseOptions(stored) };
    } catch {
      return { kind: 'unknown' };
    }
  }
  const m = BCRYPT_SHA256_RE.exec(stored);
  if (m) return { kind: 'bcrypt-sha256', cost: Number(m[2]), salt22: m[3] ?? '', checksum: m[4] ?? '' };
  const plain = PLAIN_BCRYPT_RE.exec(stored);
  if (plain) return { kind: 'bcrypt', cost: Number(plain[1]) };
  return { kind: 'unknown' };
}

async function verifyParsed(stored: string, p: Parsed, password: string): Promise<boolean> {
  switch (p.kind) {
    case 'argon2':
      return argon2.verify(stored, normalise(password));
    case 'bcrypt-sha256': {
      const cost = String(p.cost).padStart(2, '0');
      return bcrypt.verify(bcryptPrehash(p.salt22, password), `$2b$${cost}$${p.salt22}${p.checksum}`);
    }
    case 'bcrypt':
      // An imported hash: verify with bcrypt's own semantics, as the other system hashed it
      // (no pre-hash, no normalisation). needsRehash() is always true for it.
      return bcrypt.verify(password, stored);
    case 'unknown':
      return false;
  }
}

/* At most N hashes at once (default: the number of cores, below libuv's pool of 4 on small machines). Hashing runs on the libuv thread pool, which
   also runs WebCrypto jobs (session-token verification) and file I/O: without a bound, a
   sign-in storm fills every pool thread and each signed-in request queues behind a 15 ms hash
   (measured in bench/README.md: token verify p50 0.06 ms → 33 ms). Every path — hash, verify,
   the dummy verify for unknown addresses — takes the same gate, so queueing reveals nothing. */
export function createGate(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await fn();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/** Builds a hasher and its dummy hash (one hash at start-up, with the current parameters). */
export async function createPasswordHasher(config: PasswordHashingConfig = OWASP_DEFAULTS): Promise<PasswordHasher> {
  const c: PasswordHashingConfig = Object.freeze({ ...config });
  validatePasswordHashingConfig(c);

  const gate = createGate(c.concurrency && c.concurrency > 0 ? c.concurrency : availableParallelism());
  const hash = (password: string): Promise<string> =>
    gate(() => (c.algorithm === 'argon2id' ? hashArgon2(c, password) : hashBcryptSha256(c, password)));

  // The dummy's password is random and discarded: nothing can ever match it.
  const dummyHash = await hash(randomBytes(32).toString('base64'));
  const dummyParsed = parse(dummyHash);

  return {
    config: c,
    hash,
    async verify(stored, password) {
      return gate(() => verifyParsed(stored, parse(stored), password));
    },
    needsRehash(stored) {
      const p = parse(stored);
      if (c.algorithm === 'argon2id') {
        if (p.kind !== 'argon2') return true;
        const o = p.options;
        return (
          o.algorithm !== ARGON2ID ||
          o.version !== ARGON2_VERSION_13 ||
          o.memoryCost !== c.argon2MemoryKib ||
          o.timeCost !== c.argon2TimeCost ||
          o.parallelism !== c.argon2Parallelism ||
          o.outputLen !== ARGON2_OUTPUT_LEN
        );
      }
      return p.kind !== 'bcrypt-sha256' || p.cost !== c.bcryptCost;
    },
    async verifyDummy(password) {
      await gate(() => verifyParsed(dummyHash, dummyParsed, password));
      return false;
    },
  };
}
