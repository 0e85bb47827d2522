/* The verified-token cache in session-token.ts must change nothing but speed: a remembered
   token stops being valid at its exp like any other, and only its exact bytes are remembered.
   The synchronous signer must make exactly the token jose would. */
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { IdentityKeys } from './keys.js';
import { createSessionTokens } from './session-token.js';

function keys(pair = generateKeyPairSync('ed25519')): IdentityKeys {
  const { privateKey, publicKey } = pair;
  const kid = 'k1';
  return {
    signing: () => ({ kid, privateKey, publicKey }),
    verifying: async (k) => (k === kid ? publicKey : null),
    csrfKey: () => Buffer.alloc(32, 7),
    jwks: () => ({ keys: [] }),
  };
}

const claims = { sid: 'ses_1', sub: 'usr_1', org: 'org_1', amr: ['pwd'], pnd: null, sa: false };

describe('session token verification cache', () => {
  it('AUTH-3: a token verified once is still refused once it expires, and reported as expired', async () => {
    const tokens = createSessionTokens({ keys: keys(), issuer: 'https://palisade.test' });
    const t0 = new Date('2026-11-22T10:00:00Z');
    const token = await tokens.sign(claims, t0, new Date(t0.getTime() + 300_000));
    expect(await tokens.verify(token, t0)).toMatchObject({ status: 'valid', claims: { sid: 'ses_1' } });
    expect(await tokens.verify(token, new Date(t0.getTime() + 299_000))).toMatchObject({ status: 'valid' });
    expect(await tokens.verify(token, new Date(t0.getTime() + 300_000))).toMatchObject({ status: 'expired', claims: { sid: 'ses_1' } });
    // And it does not come back from the cache afterwards.
    expect((await tokens.verify(token, new Date(t0.getTime() + 301_000))).status).toBe('expired');
  });

  it('AUTH-3: after a token is remembered, a copy with one changed byte or another signer is still invalid', async () => {
    const tokens = createSessionTokens({ keys: keys(), issuer: 'https://palisade.test' });
    const other = createSessionTokens({ keys: keys(), issuer: 'https://palisade.test' });
    const t0 = new Date('2026-11-22T10:00:00Z');
    const token = await tokens.sign(claims, t0, new Date(t0.getTime() + 300_000));
    expect((await tokens.verify(token, t0)).status).toBe('valid');
    const [h, b, s] = token.split('.') as [string, string, string];
    // A character in the middle of the signature: all six of its bits are signature bits.
    const flipped = `${h}.${b}.${s.slice(0, 20)}${s[20] === 'A' ? 'B' : 'A'}${s.slice(21)}`;
    expect((await tokens.verify(flipped, t0)).status).toBe('invalid');
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(b, 'base64url').toString()), sa: true })).toString('base64url');
    expect((await tokens.verify(`${h}.${forgedBody}.${s}`, t0)).status).toBe('invalid');
    const foreign = await other.sign(claims, t0, new Date(t0.getTime() + 300_000));
    expect((await tokens.verify(foreign, t0)).status).toBe('invalid');
    // Remembered claims cannot be changed by a caller.
    const r = await tokens.verify(token, t0);
    if (r.status !== 'valid') throw new Error('expected valid');
    expect(() => {
      (r.claims as { sa: boolean }).sa = true;
    }).toThrow();
  });
});

describe('session token signing', () => {
  it('AUTH-3: the node:crypto signer makes, byte for byte, the token jose SignJWT makes for the same header and claims, and jose verifies it', async () => {
    const pair = generateKeyPairSync('ed25519');
    const issuer = 'https://palisade.test';
    const tokens = createSessionTokens({ keys: keys(pair), issuer });
    const t0 = new Date('2026-11-22T10:00:00.750Z');
    const exp = new Date(t0.getTime() + 300_000);
    for (const c of [claims, { ...claims, org: null, pnd: 'mfa', sa: true, amr: ['pwd', 'otp'] }]) {
      const ours = await tokens.sign(c, t0, exp);
      const theirs = await new SignJWT({ sid: c.sid, org: c.org, amr: c.amr, pnd: c.pnd, sa: c.sa })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'palisade-session+jwt', kid: 'k1' })
        .setIssuer(issuer)
        .setAudience('palisade')
        .setSubject(c.sub)
        .setIssuedAt(Math.floor(t0.getTime() / 1000))
        .setExpirationTime(Math.floor(exp.getTime() / 1000))
        .sign(pair.privateKey);
      expect(ours).toBe(theirs);
      const { payload, protectedHeader } = await jwtVerify(ours, pair.publicKey, { algorithms: ['EdDSA'], issuer, audience: 'palisade', typ: 'palisade-session+jwt', currentDate: t0 });
      expect(protectedHeader).toEqual({ alg: 'EdDSA', typ: 'palisade-session+jwt', kid: 'k1' });
      expect(payload).toEqual({ ...c, iss: issuer, aud: 'palisade', iat: Math.floor(t0.getTime() / 1000), exp: Math.floor(exp.getTime() / 1000) });
    }
  });
});
