import { randomBytes } from 'node:crypto';

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

export function newId(prefix: string): string {
  return `${prefix}_${base32(randomBytes(16))}`;
}

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };
export type OrgId = Brand<string, 'OrgId'>;
export type UserId = Brand<string, 'UserId'>;
