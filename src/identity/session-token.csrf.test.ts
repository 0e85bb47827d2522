/* AUTH-13 at the unit level: a session's CSRF token is HMAC(csrf key, "palisade.csrf.v1|" +
   session id), 43 base64url characters, and only that exact string for that session matches.
   Found by mutation testing (issue 21): `csrfMatches` always true, or its label changed, passed
   the session-token group's tests (the e2e CSRF tests catch it in the full suite). */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IdentityKeys } from './keys.js';
import { createSessionTokens } from './session-token.js';

const csrfKey = Buffer.alloc(32, 9);
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const keys: IdentityKeys = {
  signing: () => ({ kid: 'k1', privateKey, publicKey }),
  verifying: async (k) => (k === 'k1' ? publicKey : null),
  csrfKey: () => csrfKey,
  jwks: () => ({ keys: [] }),
};
const tokens = createSessionTokens({ keys, issuer: 'https://palisade.test' });

describe('CSRF tokens', () => {
  it('AUTH-13: the token is the documented HMAC of the session id, and matches only itself', () => {
    const expected = createHmac('sha256', csrfKey).update('palisade.csrf.v1|ses_a').digest('base64url');
    expect(tokens.csrfToken('ses_a')).toBe(expected);
    expect(expected).toHaveLength(43);
    expect(tokens.csrfMatches('ses_a', expected)).toBe(true);
  });

  it('AUTH-13: another session\'s token, a one-character change, a shorter or longer string, or none does not match', () => {
    const good = tokens.csrfToken('ses_a');
    const flipped = `${good.slice(0, 42)}${good[42] === 'A' ? 'B' : 'A'}`;
    for (const candidate of [tokens.csrfToken('ses_b'), flipped, good.slice(0, 42), `${good}A`, '', undefined]) {
      expect(tokens.csrfMatches('ses_a', candidate), String(candidate)).toBe(false);
    }
  });
});
