/* What the session-token group's mutation run (issue 21, session 8) found untested: the expired
   path's second look happens at the token's last valid second (not at any other instant), a
   hostile CSRF header of 43 characters but more bytes is refused rather than thrown on, and the
   verified-token memo is bounded (a flood of distinct valid tokens cannot grow a node's memory
   without limit): at 10,000 the oldest is forgotten and verified again, the rest stay. */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { IdentityKeys } from './keys.js';
import { createSessionTokens } from './session-token.js';

const pair = generateKeyPairSync('ed25519');
let lookups = 0;
const keys: IdentityKeys = {
  signing: () => ({ kid: 'k1', privateKey: pair.privateKey, publicKey: pair.publicKey }),
  verifying: async (k) => {
    lookups++;
    return k === 'k1' ? pair.publicKey : null;
  },
  csrfKey: () => Buffer.alloc(32, 3),
  jwks: () => ({ keys: [] }),
};
const issuer = 'https://palisade.test';
const claims = { sid: 'ses_e', sub: 'usr_e', org: null, amr: ['pwd'], pnd: null, sa: false };
const t0 = new Date('2026-11-22T10:00:00Z');
const iat = Math.floor(t0.getTime() / 1000);
const sign = (payload: Record<string, unknown>): Promise<string> =>
  new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'palisade-session+jwt', kid: 'k1' }).sign(pair.privateKey);

describe('session token edges', () => {
  it('AUTH-3: an expired token is re-checked at its last valid second: valid only in that second, it is "expired"; never valid at any second, it is invalid', async () => {
    const tokens = createSessionTokens({ keys, issuer });
    const body = { ...claims, iss: issuer, aud: 'palisade', iat, exp: iat + 300 };
    const later = new Date((iat + 3600) * 1000);
    // nbf one second before exp: valid during exactly the second exp - 1.
    expect(await tokens.verify(await sign({ ...body, nbf: iat + 299 }), later)).toMatchObject({ status: 'expired', claims: { sid: 'ses_e' } });
    // nbf at exp: there is no instant at which it was valid, so it was never a session token.
    expect((await tokens.verify(await sign({ ...body, nbf: iat + 300 }), later)).status).toBe('invalid');
    expect((await tokens.verify(await sign({ ...body, nbf: iat + 301 }), later)).status).toBe('invalid');
  });

  it('AUTH-13: a CSRF header of 43 characters that are more than 43 bytes is refused, never thrown on', () => {
    const tokens = createSessionTokens({ keys, issuer });
    const good = tokens.csrfToken('ses_e');
    for (const hostile of ['é'.repeat(43), `${good.slice(0, 42)}é`, `€${good.slice(1)}`, '\u{1F600}'.repeat(21) + 'a']) {
      expect(hostile).toHaveLength(43);
      expect(() => tokens.csrfMatches('ses_e', hostile)).not.toThrow();
      expect(tokens.csrfMatches('ses_e', hostile), hostile).toBe(false);
    }
    expect(tokens.csrfMatches('ses_e', good)).toBe(true);
  });

  it('AUTH-3: the verified-token memo holds at most 10,000 tokens: the oldest is dropped (and verified again when it returns), the others are not', async () => {
    const tokens = createSessionTokens({ keys, issuer });
    const exp = new Date(t0.getTime() + 300_000);
    const all: string[] = [];
    for (let i = 0; i <= 10_000; i++) {
      // Distinct tokens: each names its own session.
      all.push(await tokens.sign({ ...claims, sid: `ses_${createHash('sha256').update(String(i)).digest('hex').slice(0, 16)}` }, t0, exp));
    }
    for (const tok of all) expect((await tokens.verify(tok, t0)).status).toBe('valid');
    const before = lookups;
    // The second and the newest are still remembered: no key lookup, no signature check.
    expect((await tokens.verify(all[1]!, t0)).status).toBe('valid');
    expect((await tokens.verify(all[10_000]!, t0)).status).toBe('valid');
    expect(lookups).toBe(before);
    // The first was dropped when the 10,001st came in: verified again, from the key.
    expect((await tokens.verify(all[0]!, t0)).status).toBe('valid');
    expect(lookups).toBe(before + 1);
  });
});
