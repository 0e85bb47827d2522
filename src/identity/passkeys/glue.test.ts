/* The passkey assertion glue without a browser (issue 21: the browser suite restarts chromium and
   a Palisade for every mutant). A software authenticator in Node: an ECDSA P-256 key whose public
   half is stored as the credential (its COSE key encoded by hand, RFC 9053 §7.1.1), and assertions
   it signs for real over authenticatorData ‖ SHA-256(clientDataJSON), verified by
   @simplewebauthn/server as any browser's are. Through the HTTP routes of passwordless sign-in:
   the challenge is bound to the browser that asked and answers once, the user handle must name
   the credential's owner, the counter must advance, and the origin must be ours. Claim AUTH-8. */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { buildTestApp, type TestApp } from '../../../test/fixtures/app.js';
import { asSuperuser } from '../../../test/fixtures/db.js';
import { createUser, PASSWORD } from '../../../test/security/harness.js';
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
function assert(a: Authenticator, o: { challenge: unknown; counter: number; origin?: string; rpId?: string; userHandle?: string | null; type?: string; flags?: number }): Record<string, unknown> {
  const clientDataJSON = Buffer.from(JSON.stringify({ type: o.type ?? 'webauthn.get', challenge: o.challenge, origin: o.origin ?? ORIGIN, crossOrigin: false }));
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(o.counter);
  // rpIdHash ‖ flags (UP | UV) ‖ signCount.
  const authData = Buffer.concat([createHash('sha256').update(o.rpId ?? RP_ID).digest(), Buffer.from([o.flags ?? 0x05]), counter]);
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

const SESSION_COOKIE = '__Host-palisade_session';
interface Reply { status: number; body: Record<string, unknown>; session: string | null }

/** A POST from our origin with the given session cookie (and CSRF token); the session cookie it sets, if any. */
async function send(url: string, o: { cookie?: string; csrf?: string; payload?: object } = {}): Promise<Reply> {
  const res = await app.http.inject({
    method: 'POST', url,
    headers: { origin: ORIGIN, ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.csrf ? { 'x-csrf-token': o.csrf } : {}) },
    ...(o.payload ? { payload: o.payload } : {}),
  });
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE && x.value !== '');
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, session: c ? `${c.name}=${c.value}` : null };
}

/** A passwordless sign-in with `a`: the session cookie and CSRF token. */
async function passkeySignIn(a: Authenticator, counter: number): Promise<{ cookie: string; csrf: string }> {
  const o = await options();
  const r = await send('/v1/auth/passkey/verify', { cookie: o.cookie, payload: { response: assert(a, { challenge: o.challenge, counter }) } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { cookie: r.session!, csrf: String(r.body.csrfToken) };
}

/** The options of a ceremony chosen by the session cookie (second step or step-up). */
async function sessionOptions(cookie: string, csrf?: string): Promise<string> {
  const o = await send('/v1/auth/passkey/options', { cookie, ...(csrf ? { csrf } : {}) });
  expect(o.status, JSON.stringify(o.body)).toBe(200);
  return (o.body.options as { challenge: string }).challenge;
}

type Audit = { outcome: string; reason: string | null; deny_layer: string | null; metadata: Record<string, unknown> };
async function audits(userId: string, action: string): Promise<Audit[]> {
  return asSuperuser(app.testDb.ownerUrl, (sql) => sql<Audit[]>`
    select outcome, reason, deny_layer, metadata from audit_events
    where org_id = 'platform' and action = ${action} and (target_id = ${userId} or actor_id = ${userId}) order by seq`);
}

const sessionsOf = (userId: string) => asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ id: string; pending_step: string | null; amr: string[]; authenticated_at: Date }[]>`
  select id, pending_step, amr, authenticated_at from sessions where user_id = ${userId} and revoked_at is null order by created_at, id`);

/** A password sign-in of an account with a passkey: it answers next "mfa" with a pending session. */
async function pendingSignIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const r = await send('/v1/auth/sign-in', { payload: { email, password: PASSWORD } });
  expect([r.status, r.body.next], JSON.stringify(r.body)).toEqual([200, 'mfa']);
  return { cookie: r.session!, csrf: String(r.body.csrfToken) };
}

/** Two verifications sent at once while the credential's row is locked: both pass the library's
    counter check against the same stored counter and wait at the counter's conditional update,
    which only one can win. No timing: the lock is released once both are seen waiting for it. */
async function race(a: Authenticator, sends: Array<() => Promise<Reply>>): Promise<number[]> {
  const lock = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
  const watch = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
  try {
    let locked!: () => void;
    let release!: () => void;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const released = new Promise<void>((r) => { release = r; });
    const holder = lock.begin(async (sql) => {
      await sql`select 1 from webauthn_credentials where id = ${a.passkeyId} for update`;
      locked();
      await released;
    });
    await isLocked;
    const replies = Promise.all(sends.map((f) => f()));
    let settled = false;
    void replies.finally(() => { settled = true; }).catch(() => undefined);
    // (If the code never reaches the update, the replies settle first: no wait for a lock then.)
    while (!settled) {
      const [w] = await watch<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%update webauthn_credentials set sign_count%'`;
      if (w!.n >= sends.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    release();
    await holder;
    return (await replies).map((r) => r.status).sort();
  } finally {
    await lock.end();
    await watch.end();
  }
}

describe('passkey assertions in the second step, in step-up, and their records (no browser)', () => {
  it('AUTH-8: the second step of a password sign-in: the account\'s passkey (no user handle needed) finishes it, the session becomes usable, the step is audited', async () => {
    const user = await createUser(app);
    const a = await enrol(user.userId, 3);
    const pending = await pendingSignIn(user.email);
    const [before] = await sessionsOf(user.userId);
    expect(before!.pending_step).toBe('mfa');
    const challenge = await sessionOptions(pending.cookie, pending.csrf);
    const done = await send('/v1/auth/passkey/verify', { cookie: pending.cookie, csrf: pending.csrf, payload: { response: assert(a, { challenge, counter: 4, userHandle: null }) } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ mode: 'second_factor', userId: user.userId });
    expect(typeof done.body.csrfToken).toBe('string');
    expect(done.session).not.toBeNull();
    expect((await app.http.inject({ method: 'GET', url: '/v1/me', headers: { cookie: done.session! } })).statusCode).toBe(200);
    const [after] = await sessionsOf(user.userId);
    expect(after!.id).toBe(before!.id);
    expect(after!.pending_step).toBeNull();
    expect(after!.amr).toContain('hwk');
    expect(await signCount(a)).toBe('4');
    const ok = (await audits(user.userId, 'auth.sign_in')).filter((x) => x.outcome === 'allowed' && x.metadata.step === 'mfa');
    expect(ok.map((x) => x.metadata)).toEqual([{ step: 'mfa', method: 'passkey', passkey: a.passkeyId, sessionId: before!.id }]);
    // Verification is counted against the address and, in the second step, the account.
    const keys = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ key: string }[]>`select key from auth_rate_limits where key like '%:passkey_verify:%'`);
    expect(keys.map((k) => k.key.split(':').slice(0, 2).join(':'))).toEqual(expect.arrayContaining(['ip:passkey_verify', 'acct:passkey_verify']));
  });

  it('AUTH-8: in the second step, another user\'s passkey, a counter that does not advance, or an assertion without user verification is refused, audited as the MFA step; the account\'s own then finishes it', async () => {
    const user = await createUser(app);
    const a = await enrol(user.userId, 7);
    const other = await enrol((await createUser(app)).userId);
    const pending = await pendingSignIn(user.email);
    const attempts = [
      (challenge: string) => assert(other, { challenge, counter: 1, userHandle: null }),
      (challenge: string) => assert(a, { challenge, counter: 7 }),
      (challenge: string) => assert(a, { challenge, counter: 8, flags: 0x01 }),
    ];
    for (const [i, make] of attempts.entries()) {
      const challenge = await sessionOptions(pending.cookie, pending.csrf);
      const r = await send('/v1/auth/passkey/verify', { cookie: pending.cookie, csrf: pending.csrf, payload: { response: make(challenge) } });
      expect([r.status, r.body.code, r.session], `attempt ${i}`).toEqual([401, 'passkey_invalid', null]);
    }
    const refused = (await audits(user.userId, 'auth.mfa_verify')).filter((x) => x.outcome === 'failed');
    expect(refused.map((x) => x.reason?.replace(/:.*/, ''))).toEqual(['credential of another user', 'signature counter did not advance (cloned authenticator?)', 'assertion refused']);
    expect(refused[0]!.metadata).toEqual({ method: 'passkey', credentialOwner: other.userId });
    expect(refused[1]!.metadata).toEqual({ method: 'passkey', passkey: a.passkeyId });
    expect(refused[2]!.reason).toMatch(/user.*verif/i);
    expect((await sessionsOf(user.userId))[0]!.pending_step).toBe('mfa');
    expect(await signCount(a)).toBe('7');
    const challenge = await sessionOptions(pending.cookie, pending.csrf);
    expect((await send('/v1/auth/passkey/verify', { cookie: pending.cookie, csrf: pending.csrf, payload: { response: assert(a, { challenge, counter: 8 }) } })).status).toBe(200);
  });

  it('AUTH-8: step-up: the signed-in session\'s passkey marks that session freshly authenticated (no new session or cookie), audited as a step-up; another session\'s step-up challenge is refused', async () => {
    const user = await createUser(app);
    const a = await enrol(user.userId);
    const first = await passkeySignIn(a, 1);
    const second = await passkeySignIn(a, 2);
    const [s1] = await sessionsOf(user.userId);
    await asSuperuser(app.testDb.ownerUrl, (sql) => sql`update sessions set authenticated_at = '2001-01-01T00:00:00Z', amr = '{pwd}' where id = ${s1!.id}`);
    // Attack: the second session answers the first session's step-up challenge.
    const theirs = await sessionOptions(first.cookie, first.csrf);
    const foreign = await send('/v1/auth/passkey/verify', { cookie: second.cookie, csrf: second.csrf, payload: { response: assert(a, { challenge: theirs, counter: 3 }) } });
    expect([foreign.status, foreign.body.code]).toEqual([401, 'passkey_invalid']);
    expect((await audits(user.userId, 'auth.step_up')).map((x) => [x.outcome, x.reason])).toEqual([['failed', 'unknown, used, expired or foreign challenge']]);
    const challenge = await sessionOptions(first.cookie, first.csrf);
    const up = await send('/v1/auth/passkey/verify', { cookie: first.cookie, csrf: first.csrf, payload: { response: assert(a, { challenge, counter: 3 }) } });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body).toEqual({ mode: 'step_up', userId: user.userId });
    expect(up.session).toBeNull();
    const after = await sessionsOf(user.userId);
    expect(after).toHaveLength(2);
    const s1After = after.find((x) => x.id === s1!.id)!;
    expect(s1After.authenticated_at.getTime()).toBeGreaterThan(Date.parse('2001-01-02T00:00:00Z'));
    expect([...s1After.amr].sort()).toEqual(['hwk', 'pwd']);
    expect((await audits(user.userId, 'auth.step_up')).filter((x) => x.outcome === 'allowed').map((x) => x.metadata)).toEqual([{ method: 'passkey', passkey: a.passkeyId, sessionId: s1!.id }]);
  });

  it('AUTH-8: two assertions with the same counter at once (a cloned authenticator): one passes, the other is refused as a clone — passwordless and in the second step', async () => {
    const a = await enrol((await createUser(app)).userId, 10);
    const o1 = await options();
    const o2 = await options();
    const answer = (o: { challenge: string; cookie: string }) => () => send('/v1/auth/passkey/verify', { cookie: o.cookie, payload: { response: assert(a, { challenge: o.challenge, counter: 11 }) } });
    expect(await race(a, [answer(o1), answer(o2)])).toEqual([200, 401]);
    expect(await signCount(a)).toBe('11');
    expect((await audits(a.userId, 'auth.sign_in')).filter((x) => x.outcome === 'failed').map((x) => [x.reason, x.metadata])).toEqual([['signature counter did not advance (cloned authenticator?)', { method: 'passkey', passkey: a.passkeyId }]]);

    const user = await createUser(app);
    const b = await enrol(user.userId, 20);
    const p1 = await pendingSignIn(user.email);
    const p2 = await pendingSignIn(user.email);
    const c1 = await sessionOptions(p1.cookie, p1.csrf);
    const c2 = await sessionOptions(p2.cookie, p2.csrf);
    const step = (p: { cookie: string; csrf: string }, challenge: string) => () => send('/v1/auth/passkey/verify', { cookie: p.cookie, csrf: p.csrf, payload: { response: assert(b, { challenge, counter: 21 }) } });
    expect(await race(b, [step(p1, c1), step(p2, c2)])).toEqual([200, 401]);
    expect((await audits(user.userId, 'auth.mfa_verify')).map((x) => [x.outcome, x.reason, x.metadata])).toEqual([['failed', 'signature counter did not advance (cloned authenticator?)', { method: 'passkey', passkey: b.passkeyId }]]);
    expect((await sessionsOf(user.userId)).map((x) => x.pending_step).sort()).toEqual(['mfa', null]);
  });

  it('AUTH-8: a passwordless sign-in of an address whose organisation requires single sign-on is refused (403 sso_required) and audited as denied; the counter does not move', async () => {
    const domain = `sso-${randomBytes(4).toString('hex')}.example.test`;
    const user = await createUser(app, `someone@${domain}`);
    const a = await enrol(user.userId, 5);
    const orgId = newId('org');
    await asSuperuser(app.testDb.ownerUrl, async (sql) => {
      await sql`insert into orgs (id, name) values (${orgId}, 'Requires SSO')`;
      await sql`insert into org_domains (org_id, domain, token, created_at, verified_at) values (${orgId}, ${domain}, ${randomBytes(12).toString('hex')}, now(), now())`;
      await sql`insert into org_sso_connections (org_id, provider, issuer, client_id, client_secret, default_role, sso_required, enabled, updated_at)
                values (${orgId}, 'generic', 'https://idp.example.test', 'client', ${randomBytes(32)}, 'viewer', true, true, now())`;
    });
    const o = await options();
    const r = await send('/v1/auth/passkey/verify', { cookie: o.cookie, payload: { response: assert(a, { challenge: o.challenge, counter: 6 }) } });
    expect([r.status, r.body.code, r.session]).toEqual([403, 'sso_required', null]);
    expect((await audits(user.userId, 'auth.sign_in')).map((x) => [x.outcome, x.deny_layer, x.reason, x.metadata])).toEqual([['denied', 'sso_required', 'the organisation requires single sign-on', { method: 'passkey' }]]);
    expect(await signCount(a)).toBe('5');
    expect(await sessionsOf(user.userId)).toEqual([]);
  });

  it('AUTH-8: passwordless sign-in\'s records: the session is hwk+mfa, the sign-in names the passkey; refusals name the method and the passkey, a refusal\'s reason stays bounded, and a challenge sent as something other than a string spends nothing', async () => {
    const user = await createUser(app);
    const a = await enrol(user.userId);
    const b = await enrol((await createUser(app)).userId);
    await passkeySignIn(a, 1);
    const [session] = await sessionsOf(user.userId);
    expect(session!.amr).toEqual(['hwk', 'mfa']);
    const ok = (await audits(user.userId, 'auth.sign_in')).filter((x) => x.outcome === 'allowed' && x.metadata.step === 'passkey');
    expect(ok.map((x) => x.metadata)).toEqual([{ step: 'passkey', method: 'passkey', passkey: a.passkeyId }]);
    // The real challenge's bytes, sent as an array of numbers: malformed, and the challenge stays unspent.
    const o = await options();
    const asArray = [...Buffer.from(o.challenge, 'base64url')];
    const bad = await send('/v1/auth/passkey/verify', { cookie: o.cookie, payload: { response: assert(a, { challenge: asArray, counter: 2 }) } });
    expect(bad.status).toBe(401);
    expect((await anonymousFailures()).filter((r) => r === 'malformed client data').length).toBeGreaterThan(0);
    expect((await send('/v1/auth/passkey/verify', { cookie: o.cookie, payload: { response: assert(a, { challenge: o.challenge, counter: 2 }) } })).status).toBe(200);
    // Refusals: another key, an origin 400 characters long, no user verification, an unknown credential.
    const longOrigin = `https://${'a'.repeat(380)}.example.test`;
    const attempts = [
      (challenge: string) => assert({ ...b, credentialId: a.credentialId, userId: a.userId }, { challenge, counter: 3 }),
      (challenge: string) => assert(a, { challenge, counter: 3, origin: longOrigin }),
      (challenge: string) => assert(a, { challenge, counter: 3, flags: 0x01 }),
      (challenge: string) => assert({ ...a, credentialId: randomBytes(16) }, { challenge, counter: 3 }),
    ];
    for (const [i, make] of attempts.entries()) {
      const p = await options();
      expect((await send('/v1/auth/passkey/verify', { cookie: p.cookie, payload: { response: make(p.challenge) } })).status, `attempt ${i}`).toBe(401);
    }
    const refused = (await audits(user.userId, 'auth.sign_in')).filter((x) => x.outcome === 'failed');
    expect(refused.map((x) => x.reason?.slice(0, 30))).toEqual(['signature not verified', expect.stringMatching(/^assertion refused: /), expect.stringMatching(/^assertion refused: /)]);
    for (const x of refused) expect(x.metadata).toEqual({ method: 'passkey', passkey: a.passkeyId });
    expect(refused[1]!.reason!.length).toBeLessThanOrEqual('assertion refused: '.length + 200);
    expect(refused[2]!.reason).toMatch(/user.*verif/i);
    const anonymous = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<Audit[]>`
      select outcome, reason, deny_layer, metadata from audit_events where org_id = 'platform' and action = 'auth.sign_in' and actor_type = 'anonymous' and reason = 'unknown or deleted credential'`);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(anonymous[0]!.metadata).toEqual({ method: 'passkey' });
    expect(await signCount(a)).toBe('2');
  });
});
