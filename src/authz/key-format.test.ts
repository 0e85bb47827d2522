import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_PATTERN, generateKey, hashKey, isWellFormedKey } from './key-format.js';

describe('API key format', () => {
  it('RBAC-4: keys look like pal_live_<32 random base32><7 checksum>, are unique, and the hint reveals only 4 body characters', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const k = generateKey();
      expect(k.key).toMatch(KEY_PATTERN);
      expect(k.key).toHaveLength(48);
      expect(isWellFormedKey(k.key)).toBe(true);
      expect(k.hint).toBe(`${k.key.slice(0, 13)}…`);
      expect(seen.has(k.key)).toBe(false);
      seen.add(k.key);
    }
  });

  it('RBAC-4: only SHA-256 of the key is kept (hash is 32 bytes, deterministic, not the key)', () => {
    const k = generateKey();
    expect(k.hash).toHaveLength(32);
    expect(k.hash.equals(createHash('sha256').update(k.key).digest())).toBe(true);
    expect(hashKey(k.key).equals(k.hash)).toBe(true);
    expect(k.hash.toString('utf8')).not.toContain(k.key.slice(9));
  });

  it('RBAC-4: the checksum catches every single-character typo and transposition', () => {
    const k = generateKey().key;
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    for (let pos = 9; pos < k.length; pos++) {
      for (const ch of alphabet) {
        if (ch === k[pos]) continue;
        expect(isWellFormedKey(k.slice(0, pos) + ch + k.slice(pos + 1)), `typo at ${pos}`).toBe(false);
      }
      if (pos + 1 < k.length && k[pos] !== k[pos + 1]) {
        expect(isWellFormedKey(k.slice(0, pos) + k[pos + 1] + k[pos] + k.slice(pos + 2)), `swap at ${pos}`).toBe(false);
      }
    }
  });

  it('rejects anything without the exact shape', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => { expect(isWellFormedKey(s)).toBe(false); }));
    const k = generateKey().key;
    expect(isWellFormedKey(k.toUpperCase())).toBe(false);
    expect(isWellFormedKey(`${k} `)).toBe(false);
    expect(isWellFormedKey(k.replace('pal_live_', 'pal_test_'))).toBe(false);
  });
});
