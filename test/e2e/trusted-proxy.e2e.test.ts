/* The client address drives API-key allow-lists, per-IP rate limits, the audit source and the
   sessions list. It is taken from X-Forwarded-For only when the connection comes from a proxy
   listed in PALISADE_TRUST_PROXY; otherwise the header is ignored, whatever it says
   (ASVS V15.3.4, V4.1.3). Same for X-Forwarded-Proto, which decides whether HSTS is sent.
   Three nodes share one database: none trusted, the caller (loopback) trusted, and another
   address trusted (so the caller is not). Requests come over loopback (app.inject). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { call, createKey, createOrg, createUser, setPlan, signIn } from '../security/harness.js';

let plain: TestApp;
let trusting: TestApp;
let other: TestApp;
const CLIENT = '203.0.113.7';

beforeAll(async () => {
  const rate = { PALISADE_AUTH_RATE_PER_IP: '3', PALISADE_AUTH_RATE_PER_ACCOUNT: '1000' };
  // One database each: the per-IP counters are shared by every node of a database.
  plain = await buildTestApp({ env: rate });
  trusting = await buildTestApp({ env: { ...rate, PALISADE_TRUST_PROXY: '127.0.0.1' } });
  other = await buildTestApp({ env: { ...rate, PALISADE_TRUST_PROXY: '10.9.9.9/32' } });
});
afterAll(async () => {
  await other?.close();
  await trusting?.close();
  await plain?.close();
});

async function sessionIp(app: TestApp, xff: string): Promise<unknown> {
  const user = await createUser(app);
  const res = await app.http.inject({ method: 'POST', url: '/v1/auth/sign-in', headers: { 'content-type': 'application/json', 'x-forwarded-for': xff }, payload: JSON.stringify({ email: user.email, password: 'violet harbour kettle drifts north at dawn' }) });
  expect(res.statusCode).toBe(200);
  const [row] = await app.testDb.db.system<{ ip: string | null }[]>`select ip from sessions where user_id = ${user.userId}`;
  const [audit] = await app.testDb.db.system<{ ip: string | null }[]>`select source_ip as ip from audit_events where actor_id = ${user.userId} and action = 'auth.sign_in' limit 1`;
  expect(audit?.ip ?? null).toBe(row?.ip ?? null);
  return row?.ip;
}

let n = 0;
/** Four password-reset requests for distinct unknown addresses (the per-IP budget is 3). */
async function flood(app: TestApp, xff: (i: number) => string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    n += 1;
    const res = await app.http.inject({ method: 'POST', url: '/v1/auth/password/forgot', headers: { 'content-type': 'application/json', 'x-forwarded-for': xff(i) }, payload: JSON.stringify({ email: `nobody.${'abcdefghijklmnopqrstuvwxyz'[n % 26]}${n}@example.test` }) });
    out.push(res.statusCode);
  }
  return out;
}

describe('client address and trusted proxies', () => {
  it('V15.3.4 V4.1.3: without a trusted proxy X-Forwarded-For is ignored: the session, the audit source and the per-IP limit see the connection address', async () => {
    expect(await sessionIp(plain, CLIENT)).toBe('127.0.0.1');
    // Rotating a forged header does not buy a fresh per-IP budget (3 per window here).
    const statuses = await flood(plain, (i) => `198.51.100.${i + 1}`);
    expect(statuses.slice(0, 3)).toEqual([202, 202, 202]);
    expect(statuses[3]).toBe(429);
    // Nor a pass through a key's address allow-list, nor HSTS from a forged X-Forwarded-Proto.
    const admin = await signIn(plain, await createUser(plain));
    const org = await createOrg(plain, admin, 'Proxy Test Ltd');
    await setPlan(plain, org, 'enterprise');
    const key = await createKey(plain, admin, { name: 'allow-listed', scopes: ['org:read'], allowedIps: [CLIENT] });
    expect((await call(plain, { key: key.key }, 'GET', '/v1/org', undefined, { 'x-forwarded-for': CLIENT })).status).toBe(401);
    const proto = await plain.http.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(proto.headers['strict-transport-security']).toBeUndefined();
  });

  it('V15.3.4 V4.1.3: a listed proxy is believed: the forwarded client address is used everywhere (rightmost untrusted hop), and X-Forwarded-Proto turns HSTS on', async () => {
    expect(await sessionIp(trusting, CLIENT)).toBe(CLIENT);
    // A client-supplied hop before the real one is not believed: the proxy appends the address it saw.
    expect(await sessionIp(trusting, `10.0.0.66, ${CLIENT}`)).toBe(CLIENT);
    const distinct = await flood(trusting, (i) => `192.0.2.${i + 1}`);
    expect(distinct).toEqual([202, 202, 202, 202]);
    const same = await flood(trusting, () => '192.0.2.200');
    expect(same[3]).toBe(429);
    const admin = await signIn(trusting, await createUser(trusting));
    const org = await createOrg(trusting, admin, 'Proxy Trust Ltd');
    await setPlan(trusting, org, 'enterprise');
    const key = await createKey(trusting, admin, { name: 'allow-listed', scopes: ['org:read'], allowedIps: [CLIENT] });
    expect((await call(trusting, { key: key.key }, 'GET', '/v1/org', undefined, { 'x-forwarded-for': CLIENT })).status).toBe(200);
    expect((await call(trusting, { key: key.key }, 'GET', '/v1/org', undefined, { 'x-forwarded-for': '198.51.100.99' })).status).toBe(401);
    const proto = await trusting.http.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(proto.headers['strict-transport-security']).toContain('max-age=');
  });

  it('V15.3.4: a proxy list that does not include the connection address is not a licence: the header is ignored', async () => {
    expect(await sessionIp(other, CLIENT)).toBe('127.0.0.1');
    const statuses = await flood(other, (i) => `198.51.100.${i + 50}`);
    expect(statuses[3]).toBe(429);
  });
});
