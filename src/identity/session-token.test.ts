/* The verified-token cache in session-token.ts must change nothing but speed: a remembered
   token stops being valid at its exp like any other, and only its exact bytes are remembered.
   The synchronous signer must make exactly the token jose would. */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import type { IdentityKeys } from './keys.js';
import { clearedSessionCookie, createSessionTokens, sessionCookie } from './session-token.js';

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

/* Other backends verify these tokens (GET /.well-known/jwks.json), so everything a verifier could
   be tricked by is pinned here: the algorithm (EdDSA only), the key (ours, chosen by kid, never
   one the token carries or points to), the type, the audience and the issuer. Each forgery
   below is signed correctly by its own rules; only the pinning refuses it. RFC 8725 §2.1, §3.1,
   §3.9, §3.11; ASVS V9.1.1–V9.1.3, V9.2.2, V9.2.3. */
describe('session token pinning', () => {
  const pair = generateKeyPairSync('ed25519');
  const issuer = 'https://palisade.test';
  const t0 = new Date('2026-11-22T10:00:00Z');
  const iat = Math.floor(t0.getTime() / 1000);
  const body = { ...claims, iss: issuer, aud: 'palisade', iat, exp: iat + 300 };
  const hs256 = (header: Record<string, unknown>, payload: Record<string, unknown>, secret: Uint8Array): string => {
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };

  it('V9.2.3 V9.2.2: a token signed with the session key but another audience, issuer or type is refused', async () => {
    const tokens = createSessionTokens({ keys: keys(pair), issuer });
    const sign = (header: Record<string, unknown>, payload: Record<string, unknown>) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: 'k1', ...header } as { alg: string }).sign(pair.privateKey);
    // The control: the same construction with the right values verifies, so each refusal below is the pinning.
    expect((await tokens.verify(await sign({ typ: 'palisade-session+jwt' }, body), t0)).status).toBe('valid');
    for (const aud of ['other-service', ['palisade', 'other-service'], undefined]) {
      const payload: Record<string, unknown> = { ...body, aud };
      if (aud === undefined) delete payload.aud;
      expect((await tokens.verify(await sign({ typ: 'palisade-session+jwt' }, payload), t0)).status, `aud ${JSON.stringify(aud)}`).toBe('invalid');
    }
    for (const iss of ['https://evil.example', 'https://palisade.test/', undefined]) {
      const payload: Record<string, unknown> = { ...body, iss };
      if (iss === undefined) delete payload.iss;
      expect((await tokens.verify(await sign({ typ: 'palisade-session+jwt' }, payload), t0)).status, `iss ${String(iss)}`).toBe('invalid');
    }
    for (const typ of ['JWT', 'at+jwt', 'palisade-reset+jwt', undefined]) {
      const header: Record<string, unknown> = typ === undefined ? {} : { typ };
      expect((await tokens.verify(await sign(header, body), t0)).status, `typ ${String(typ)}`).toBe('invalid');
    }
  });

  it('V9.1.2 V9.1.3: a token carrying its own key (jwk), pointing to one (jku, x5u) or naming no known kid is refused', async () => {
    const tokens = createSessionTokens({ keys: keys(pair), issuer });
    const attacker = generateKeyPairSync('ed25519');
    const jwk = attacker.publicKey.export({ format: 'jwk' });
    const forge = (header: Record<string, unknown>) =>
      new SignJWT(body).setProtectedHeader({ alg: 'EdDSA', typ: 'palisade-session+jwt', ...header } as { alg: string }).sign(attacker.privateKey);
    expect((await tokens.verify(await forge({ jwk }), t0)).status).toBe('invalid');
    expect((await tokens.verify(await forge({ kid: 'k1', jwk }), t0)).status).toBe('invalid');
    expect((await tokens.verify(await forge({ jku: 'https://evil.example/jwks.json', kid: 'evil' }), t0)).status).toBe('invalid');
    expect((await tokens.verify(await forge({ x5u: 'https://evil.example/cert.pem', kid: 'k1' }), t0)).status).toBe('invalid');
    expect((await tokens.verify(await forge({ kid: 'k2' }), t0)).status).toBe('invalid');
    // The same header with the session key's own signature would pass: only the key source refuses.
    const genuine = await new SignJWT(body).setProtectedHeader({ alg: 'EdDSA', typ: 'palisade-session+jwt', kid: 'k1', jku: 'https://evil.example/jwks.json' } as { alg: string }).sign(pair.privateKey);
    expect((await tokens.verify(genuine, t0)).status).toBe('valid');
  });

  it('V9.1.2 V9.1.1: HS256 keyed with the public key (in any of its published forms), none, and other algorithms are refused', async () => {
    const tokens = createSessionTokens({ keys: keys(pair), issuer });
    const header = { typ: 'palisade-session+jwt', kid: 'k1' };
    const jwk = pair.publicKey.export({ format: 'jwk' });
    const forms: Uint8Array[] = [
      Buffer.from(String(jwk.x), 'base64url'),
      Buffer.from(String(jwk.x), 'utf8'),
      Buffer.from(JSON.stringify(jwk), 'utf8'),
      Buffer.from(pair.publicKey.export({ format: 'pem', type: 'spki' }).toString(), 'utf8'),
      pair.publicKey.export({ format: 'der', type: 'spki' }),
    ];
    for (const secret of forms) {
      expect((await tokens.verify(hs256({ alg: 'HS256', ...header }, body, secret), t0)).status).toBe('invalid');
    }
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', ...header })).toString('base64url')}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.`;
    expect((await tokens.verify(unsigned, t0)).status).toBe('invalid');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const es256 = await new SignJWT(body).setProtectedHeader({ alg: 'ES256', ...header }).sign(ec.privateKey);
    expect((await tokens.verify(es256, t0)).status).toBe('invalid');
  });
});

/* Found by mutation testing (issue 21): the claim-shape checks, the expired path's second look
   and the cookie attributes had no test of their own. A well-signed token with malformed claims
   can only come from a signer holding our key (a bug in some version's signer): the checks are
   defence in depth and must hold on their own. */
describe('session token claims, expiry and cookie', () => {
  const pair = generateKeyPairSync('ed25519');
  const issuer = 'https://palisade.test';
  const t0 = new Date('2026-11-22T10:00:00Z');
  const iat = Math.floor(t0.getTime() / 1000);
  const body = { ...claims, iss: issuer, aud: 'palisade', iat, exp: iat + 300 };
  const sign = (payload: Record<string, unknown>) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'palisade-session+jwt', kid: 'k1' }).sign(pair.privateKey);

  it('AUTH-3: a token signed with the session key but with a missing or mistyped claim is invalid, fresh or expired', async () => {
    const tokens = createSessionTokens({ keys: keys(pair), issuer });
    // The control: the same construction with well-formed claims verifies, and its expired twin is "expired".
    expect(await tokens.verify(await sign(body), t0)).toEqual({ status: 'valid', claims: { ...claims, iat, exp: iat + 300 } });
    expect(await tokens.verify(await sign({ ...body, org: null, pnd: 'mfa', amr: [] }), t0)).toMatchObject({ status: 'valid', claims: { org: null, pnd: 'mfa', amr: [] } });
    expect(await tokens.verify(await sign(body), new Date(t0.getTime() + 300_000))).toEqual({ status: 'expired', claims: { ...claims, iat, exp: iat + 300 } });
    const bad: Array<Record<string, unknown>> = [
      { sid: 7 }, { sid: undefined }, { sub: ['usr_1'] }, { sub: undefined }, { iat: '0' }, { iat: undefined }, { exp: String(iat + 300) },
      { org: 5 }, { org: undefined }, { org: {} }, { pnd: 1 }, { pnd: undefined }, { pnd: false },
      { sa: 'false' }, { sa: undefined }, { sa: 0 },
      { amr: 'pwd' }, { amr: undefined }, { amr: ['pwd', 1] }, { amr: [null] }, { amr: { 0: 'pwd' } },
    ];
    for (const change of bad) {
      const payload: Record<string, unknown> = { ...body, ...change };
      for (const k of Object.keys(change)) if (change[k] === undefined) delete payload[k];
      const token = await sign(payload);
      expect((await tokens.verify(token, t0)).status, `fresh ${JSON.stringify(change)}`).toBe('invalid');
      expect((await tokens.verify(token, new Date(t0.getTime() + 600_000))).status, `expired ${JSON.stringify(change)}`).toBe('invalid');
    }
  });

  it('AUTH-3: an expired token is reported as expired (so the row may refresh it) only if every other check passes: another audience, issuer, signer or a changed byte is invalid', async () => {
    const tokens = createSessionTokens({ keys: keys(pair), issuer });
    const later = new Date(t0.getTime() + 3_600_000);
    for (const payload of [{ ...body, aud: 'other-service' }, { ...body, aud: ['palisade', 'x'] }, { ...body, iss: 'https://evil.example' }]) {
      expect((await tokens.verify(await sign(payload), later)).status, JSON.stringify(payload.aud ?? payload.iss)).toBe('invalid');
    }
    const foreign = await new SignJWT(body).setProtectedHeader({ alg: 'EdDSA', typ: 'palisade-session+jwt', kid: 'k1' }).sign(generateKeyPairSync('ed25519').privateKey);
    expect((await tokens.verify(foreign, later)).status).toBe('invalid');
    const genuine = await sign(body);
    const [h, b, sig] = genuine.split('.') as [string, string, string];
    const forgedBody = Buffer.from(JSON.stringify({ ...body, sub: 'usr_2' })).toString('base64url');
    expect((await tokens.verify(`${h}.${forgedBody}.${sig}`, later)).status).toBe('invalid');
    expect((await tokens.verify(`${h}.${b}.${sig}`, later)).status).toBe('expired');
    // A token not yet valid (iat in the future) is not "expired" either.
    expect((await tokens.verify(await sign({ ...body, nbf: iat + 60 }), t0)).status).toBe('invalid');
  });

  it('AUTH-2: the session cookie is __Host- prefixed, HttpOnly, Secure, SameSite=Lax, Path=/, without Domain; its Max-Age is whole seconds and never negative; clearing sets it empty with Max-Age=0', () => {
    expect(sessionCookie('tok', 299.9)).toBe('__Host-palisade_session=tok; Path=/; Max-Age=299; HttpOnly; Secure; SameSite=Lax');
    expect(sessionCookie('tok', -5)).toBe('__Host-palisade_session=tok; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax');
    expect(clearedSessionCookie()).toBe('__Host-palisade_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax');
    for (const c of [sessionCookie('tok', 60), clearedSessionCookie()]) expect(c).not.toMatch(/domain=/i);
  });
});
