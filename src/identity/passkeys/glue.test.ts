/* The passkey assertion glue without a browser (issue 21: the browser suite restarts chromium and
   a Palisade for every mutant). A software authenticator in Node: an ECDSA P-256 key whose public
   half is stored as the credential (its COSE key encoded by hand, RFC 9053 §7.1.1), and assertions
   it signs for real over authenticatorData ‖ SHA-256(clientDataJSON), verified by
   @simplewebauthn/server as any browser's are. Through the HTTP routes of passwordless sign-in:
   the challenge is bound to the browser that asked and answers once, the user handle must name
   the credential's owner, the counter must advance, and the origin must be ours. Claim AUTH-8. */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/fixtures/app.js';
import { asSuperuser } from '../../../test/fixtures/db.js';
import { createUser } from '../../../test/security/harness.js';
import { withSystem } from '../../db/index.js';
import { newId } from '../../lib/ids.js';
import * as repo from './repo.js';

const ORIGIN = 'https://palisade.example';
const RP_ID = 'palisade.example';
let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp({ env: { PALISADE_PUBLIC_URL: ORIGIN, PALISADE_AUTH_RATE_PER_IP: '5000' } });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

interface Authenticator { userId: string; credentialId: Buffer; key: KeyObject; passkeyId: string }

/** A credential of `userId` held by a software authenticator, stored as registration stores it. */
async function enrol(userId: string, signCount = 0): Promise<Authenticator> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y} in CBOR.
  const cose = Buffer.concat([Buffer.from('a5010203262001215820', 'hex'), Buffer.from(jwk.x, 'base64url'), Buffer.from('225820', 'hex'), Buffer.from(jwk.y, 'base64url')]);
  const credentialId = randomBytes(16);
  const passkeyId = newId('pk');
  await withSystem(app.testDb.db, (tx) => repo.insertCredential(tx, {
    id: passkeyId, userId, credentialId, publicKey: cose, signCount, transports: ['internal'], name: 'Software', aaguid: '00000000-0000-0000-0000-000000000000', deviceType: 'singleDevice', backedUp: false, now: new Date(),
  }));
  return { userId, credentialId, key: privateKey, passkeyId };
}

/** A signed assertion (WebAuthn §6.3.3 / §7.2) as navigator.credentials.get() would return it. */
function assert(a: Authenticator, o: { challenge: string; counter: number; origin?: string; rpId?: string; userHandle?: string | null; type?: string }): Record<string, unknown> {
  const clientDataJSON = Buffer.from(JSON.stringify({ type: o.type ?? 'webauthn.get', challenge: o.challenge, origin: o.origin ?? ORIGIN, crossOrigin: false }));
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(o.counter);
  // rpIdHash ‖ flags (UP | UV) ‖ signCount.
  const authData = Buffer.concat([createHash('sha256').update(o.rpId ?? RP_ID).digest(), Buffer.from([0x05]), counter]);
  const signature = sign('sha256', Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]), a.key);
  const id = a.credentialId.toString('base64url');
  const handle = o.userHandle === undefined ? a.userId : o.userHandle;
  return {
    id, rawId: id, type: 'public-key', clientExtensionResults: {},
    response: { clientDataJSON: clientDataJSON.toString('base64url'), authenticatorData: authData.toString('base64url'), signature: signature.toString('base64url'), ...(handle !== null ? { userHandle: Buffer.from(handle).toString('base64url') } : {}) },
  };
}

/** Passwordless options: the challenge and this browser's binding cookie. */
async function options(): Promise<{ challenge: string; cookie: string }> {
  const res = await app.http.inject({ method: 'POST', url: '/v1/auth/passkey/options', headers: { origin: ORIGIN } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === '__Host-palisade_passkey');
  return { challenge: (res.json() as { options: { challenge: string } }).options.challenge, cookie: `${cookie?.name}=${cookie?.value}` };
}

async function verify(response: unknown, cookie: string): Promise<{ status: number; code: unknown; session: boolean }> {
  const res = await app.http.inject({ method: 'POST', url: '/v1/auth/passkey/verify', headers: { origin: ORIGIN, cookie }, payload: { response } });
  return { status: res.statusCode, code: (res.json() as { code?: unknown }).code, session: res.cookies.some((c) => c.name.includes('session') && c.value !== '') };
}

/** Failed passwordless sign-ins recorded before the user is known (no user: the challenge or the client data failed). */
async function anonymousFailures(): Promise<string[]> {
  const rows = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ reason: string | null }[]>`
    select reason from audit_events where org_id = 'platform' and action = 'auth.sign_in' and outcome = 'failed' and actor_type = 'anonymous' order by occurred_at, id`);
  return rows.map((r) => r.reason ?? '');
}

async function failures(userId: string): Promise<string[]> {
  const rows = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ reason: string | null }[]>`
    select reason from audit_events where org_id = 'platform' and action = 'auth.sign_in' and outcome = 'failed' and (target_id = ${userId} or actor_id = ${userId}) order by occurred_at, id`);
  return rows.map((r) => r.reason ?? '');
}

const signCount = async (a: Authenticator) => (await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ n: string }[]>`select sign_count::text as n from webauthn_credentials where id = ${a.passkeyId}`))[0]?.n;

describe('passkey assertions from a software authenticator (no browser)', () => {
  it('AUTH-8: a real signed assertion over this browser\'s challenge signs in and records the counter; replayed, it is refused', async () => {
    const a = await enrol((await createUser(app)).userId);
    const o = await options();
    const response = assert(a, { challenge: o.challenge, counter: 5 });
    const ok = await verify(response, o.cookie);
    expect([ok.status, ok.session]).toEqual([200, true]);
    expect(await signCount(a)).toBe('5');
    // The same assertion again: its challenge was spent.
    const before = (await anonymousFailures()).filter((r) => r === 'unknown, used, expired or foreign challenge').length;
    expect(await verify(response, o.cookie)).toMatchObject({ status: 401, code: 'passkey_invalid', session: false });
    expect((await anonymousFailures()).filter((r) => r === 'unknown, used, expired or foreign challenge').length).toBe(before + 1);
    expect(await signCount(a)).toBe('5');
  });

  it('AUTH-8: a challenge asked for by another browser (or by none) is refused; the browser that asked can still use it', async () => {
    const a = await enrol((await createUser(app)).userId);
    const mine = await options();
    const theirs = await options();
    const response = assert(a, { challenge: mine.challenge, counter: 1 });
    expect((await verify(response, theirs.cookie)).status).toBe(401);
    expect((await verify(response, '')).status).toBe(401);
    expect((await verify(response, mine.cookie)).status).toBe(200);
  });

  it('AUTH-8: the user handle must name the credential\'s owner', async () => {
    const owner = await enrol((await createUser(app)).userId);
    const other = (await createUser(app)).userId;
    for (const userHandle of [other, null]) {
      const o = await options();
      expect((await verify(assert(owner, { challenge: o.challenge, counter: 1, userHandle }), o.cookie)).status, String(userHandle)).toBe(401);
    }
    expect(await failures(owner.userId)).toContain('user handle does not name the credential\'s owner');
    const o = await options();
    expect((await verify(assert(owner, { challenge: o.challenge, counter: 1 }), o.cookie)).status).toBe(200);
  });

  it('AUTH-8: a counter that does not advance (a clone) is refused and audited as such; an authenticator without a counter (both zero) is accepted', async () => {
    const a = await enrol((await createUser(app)).userId, 10);
    for (const counter of [9, 10]) {
      const o = await options();
      expect((await verify(assert(a, { challenge: o.challenge, counter }), o.cookie)).status, String(counter)).toBe(401);
    }
    expect((await failures(a.userId)).filter((r) => r.startsWith('signature counter did not advance'))).toHaveLength(2);
    expect(await signCount(a)).toBe('10');
    let o = await options();
    expect((await verify(assert(a, { challenge: o.challenge, counter: 11 }), o.cookie)).status).toBe(200);
    expect(await signCount(a)).toBe('11');
    const zero = await enrol((await createUser(app)).userId, 0);
    for (let i = 0; i < 2; i++) {
      o = await options();
      expect((await verify(assert(zero, { challenge: o.challenge, counter: 0 }), o.cookie)).status).toBe(200);
    }
  });

  it('AUTH-8: another origin, another RP ID, a registration ceremony\'s client data, another key, an unknown credential or a malformed challenge are refused', async () => {
    const a = await enrol((await createUser(app)).userId);
    const b = await enrol((await createUser(app)).userId);
    let counter = 1;
    const attempts: Array<(challenge: string) => Record<string, unknown>> = [
      (challenge) => assert(a, { challenge, counter: counter++, origin: 'https://palisade.example.evil.test' }),
      (challenge) => assert(a, { challenge, counter: counter++, rpId: 'evil.test' }),
      (challenge) => assert(a, { challenge, counter: counter++, type: 'webauthn.create' }),
      (challenge) => ({ ...assert({ ...b, credentialId: a.credentialId, userId: a.userId }, { challenge, counter: counter++ }) }),
      (challenge) => assert({ ...a, credentialId: randomBytes(16) }, { challenge, counter: counter++ }),
      () => assert(a, { challenge: randomBytes(31).toString('base64url'), counter: counter++ }),
    ];
    for (const [i, make] of attempts.entries()) {
      const o = await options();
      expect(await verify(make(o.challenge), o.cookie), `attempt ${i}`).toMatchObject({ status: 401, code: 'passkey_invalid', session: false });
    }
    const reasons = await failures(a.userId);
    expect(reasons.filter((r) => r.startsWith('assertion refused'))).toHaveLength(3); // origin, RP ID, ceremony type
    expect(reasons).toContain('signature not verified'); // another key
    expect(await anonymousFailures()).toContain('malformed client data');
  });
});
