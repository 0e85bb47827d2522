import { randomFillSync } from 'node:crypto';

/* Ids are opaque, prefixed, random strings (e.g. `org_3k9…`): 128 bits of entropy in
   base32 (lowercase, no padding), so they are unguessable and cannot be enumerated. The prefix
   tells a human (and a log reader) what kind of object an id names. */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/* Ids are made on every request (request id, audit event id), and one small randomBytes() call
   each measured ≈ 1.3 % of a read's CPU (issue 6). So bytes come from the CSPRNG 4 KiB at a
   time, like Node's own randomUUID(), and each byte is handed out once. For ids only: secrets
   (tokens, keys) use randomBytes() directly. */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function pooledRandom(n: number): Buffer {
  if (poolOffset + n > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const out = pool.subarray(poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

export function newId(prefix: string): string {
  return `${prefix}_${base32(pooledRandom(16))}`;
}

/** A request id: 96 random bits, base64url. */
export function newRequestId(): string {
  return `req_${pooledRandom(12).toString('base64url')}`;
}

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };
export type OrgId = Brand<string, 'OrgId'>;
export type UserId = Brand<string, 'UserId'>;
