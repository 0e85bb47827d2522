/* Anti-automation beyond /v1/auth (ASVS V2.4.1) and the record of refused requests (V16.3.3),
   over the real app and database with small limits. Refusal records are found by the user
   agent each test sends, so the tests do not see each other's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { fixedClock } from '../../src/lib/clock.js';
import { addMember, call, createKey, createOrg, createUser, setPlan, signIn } from '../security/harness.js';

let app: TestApp;
const clock = fixedClock('2033-03-01T09:00:00Z');
const LIMITS = {
  PALISADE_LIMIT_INVITATIONS: '3/3600',
  PALISADE_LIMIT_ORG_CREATION: '2/86400',
  PALISADE_LIMIT_API_KEY_CREATION: '3/3600',
  PALISADE_LIMIT_AUDIT_EXPORT: '2/3600',
};

beforeAll(async () => {
  app = await buildTestApp({ clock, env: LIMITS });
});
afterAll(async () => {
  await app?.close();
});

async function refusals(ua: string): Promise<Array<{ action: string; org_id: string; deny_layer: string; source_ip: string; actor_type: string; metadata: Record<string, unknown> }>> {
  return app.testDb.db.system`
    select action, org_id, deny_layer, source_ip, actor_type, metadata from audit_events
    where user_agent = ${ua} and action like 'security.%' order by seq`;
}

describe('anti-automation', () => {
  it('V2.4.1: creating organisations is limited per user; another user keeps their own budget', async () => {
    const s = await signIn(app, await createUser(app));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(app, { session: s }, 'POST', '/v1/orgs', { name: `Limited ${i}` })).status);
    expect(statuses).toEqual([201, 201, 429]);
    const refused = await call(app, { session: s }, 'POST', '/v1/orgs', { name: 'Limited again' });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const other = await signIn(app, await createUser(app));
    expect((await call(app, { session: other }, 'POST', '/v1/orgs', { name: 'Unaffected' })).status).toBe(201);
  });

  it('V2.4.1: invitations (which send mail), API keys and audit exports are limited per organisation; a caller refused by authorization spends nothing', async () => {
    const adminUser = await createUser(app);
    const admin = await signIn(app, adminUser);
    const org = await createOrg(app, admin, 'Budget Ltd');
    await setPlan(app, org, 'enterprise');
    const viewerUser = await createUser(app);
    await addMember(app, org, viewerUser.userId, ['viewer']);
    const viewer = await signIn(app, viewerUser, org);
    // The viewer may not invite: five refusals (403) leave the organisation's budget whole.
    for (let i = 0; i < 5; i++) expect((await call(app, { session: viewer }, 'POST', '/v1/org/invitations', { email: `v${i}@budget.test`, roles: ['viewer'] })).status).toBe(403);
    const inv: number[] = [];
    for (let i = 0; i < 4; i++) inv.push((await call(app, { session: admin }, 'POST', '/v1/org/invitations', { email: `guest${i}@budget.test`, roles: ['viewer'] })).status);
    expect(inv).toEqual([201, 201, 201, 429]);
    const keys: number[] = [];
    for (let i = 0; i < 4; i++) keys.push((await call(app, { session: admin }, 'POST', '/v1/org/api-keys', { name: `k${i}`, scopes: ['org:read'] })).status);
    expect(keys).toEqual([201, 201, 201, 429]);
    const exports: number[] = [];
    for (let i = 0; i < 3; i++) exports.push((await call(app, { session: admin }, 'GET', '/v1/org/audit/export')).status);
    expect(exports).toEqual([200, 200, 429]);
    // Another organisation is unaffected; and the window ends.
    const otherAdmin = await signIn(app, await createUser(app));
    await createOrg(app, otherAdmin, 'Other Budget Ltd');
    expect((await call(app, { session: otherAdmin }, 'POST', '/v1/org/invitations', { email: 'guest@other.test', roles: ['viewer'] })).status).toBe(201);
    clock.advance(3601 * 1000);
    expect((await call(app, { session: admin }, 'POST', '/v1/org/invitations', { email: 'later@budget.test', roles: ['viewer'] })).status).toBe(201);
    // Creating a key needs a recent sign-in (step-up, MFA's rule): sign in again an hour later.
    const key = await createKey(app, await signIn(app, adminUser, org), { name: 'after the window', scopes: ['org:read'] });
    expect(key.key).toMatch(/./);
  });
});

describe('refused requests leave a record', () => {
  it('V16.3.3: a CSRF refusal, a validation failure, malformed JSON and a 429 are each audited with their code, source address and route', async () => {
    const ua = 'refusal-recorder/1';
    const admin = await signIn(app, await createUser(app));
    const org = await createOrg(app, admin, 'Recorded Ltd');
    await setPlan(app, org, 'enterprise');
    const csrf = await app.http.inject({ method: 'POST', url: '/v1/org/invitations', headers: { cookie: admin.cookie, 'content-type': 'application/json', 'user-agent': ua }, payload: JSON.stringify({ email: 'x@recorded.test', roles: ['viewer'] }) });
    expect(csrf.statusCode).toBe(403);
    const invalid = await call(app, { session: admin }, 'POST', '/v1/org/invitations', { email: 'not an address', roles: 'viewer', extra: true }, { 'user-agent': ua });
    expect(invalid.status).toBe(400);
    const broken = await app.http.inject({ method: 'POST', url: '/v1/orgs', headers: { 'content-type': 'application/json', 'user-agent': ua }, payload: '{"name": ' });
    expect(broken.statusCode).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(app, { session: admin }, 'GET', '/v1/org/audit/export', undefined, { 'user-agent': ua })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    const rows = await refusals(ua);
    expect(rows.map((r) => r.deny_layer)).toEqual(['csrf_failed', 'validation_failed', 'invalid_json', 'rate_limited', 'rate_limited']);
    expect(rows.every((r) => r.action === 'security.request_refused' && r.source_ip === '127.0.0.1')).toBe(true);
    expect(rows[0]?.metadata).toMatchObject({ code: 'csrf_failed', status: 403, route: 'POST /v1/org/invitations' });
    // A refusal by a known, authorized caller lands in that organisation's log, where its admins and detectors look.
    expect(rows.slice(3).map((r) => [r.org_id, r.actor_type])).toEqual([[org, 'user'], [org, 'user']]);
    // Before the caller is known (CSRF, schema, JSON) it lands in the platform log.
    expect(rows.slice(0, 3).map((r) => r.org_id)).toEqual(['platform', 'platform', 'platform']);
  });

  it('V16.3.3: a sign-in refused by its rate limit is recorded once, by identity, not a second time as a generic refusal', async () => {
    const ua = 'refusal-once/1';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await app.http.inject({ method: 'POST', url: '/v1/auth/sign-in', headers: { 'content-type': 'application/json', 'user-agent': ua }, payload: JSON.stringify({ email: 'nobody@once.test', password: 'wrong-password-1' }) })).statusCode);
    }
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(0);
    const rows = await app.testDb.db.system<{ action: string; deny_layer: string | null }[]>`
      select action, deny_layer from audit_events where user_agent = ${ua} order by seq`;
    const limited = rows.filter((r) => r.deny_layer === 'rate_limit' || r.deny_layer === 'rate_limited');
    expect(limited.length).toBe(statuses.filter((x) => x === 429).length);
    expect(limited.every((r) => r.action.startsWith('auth.'))).toBe(true);
    expect(rows.filter((r) => r.action === 'security.request_refused')).toEqual([]);
  });

  it('V16.3.3: a flood of refusals writes a bounded number of records — per address, then per node — and says it suppressed the rest', async () => {
    const bounded = await buildTestApp({ clock, testDb: app.testDb, env: { PALISADE_REFUSAL_AUDIT_PER_IP: '3/600', PALISADE_REFUSAL_AUDIT_MAX: '5' } });
    try {
      const ua = 'refusal-flood/1';
      const junk = (ip: string) => bounded.http.inject({ method: 'POST', url: '/v1/orgs', remoteAddress: ip, headers: { 'content-type': 'application/json', 'user-agent': ua }, payload: '{' });
      for (let i = 0; i < 20; i++) expect((await junk('198.51.100.1')).statusCode).toBe(400);
      let rows = await refusals(ua);
      expect(rows.map((r) => `${r.action}@${r.source_ip}`)).toEqual([
        ...Array(3).fill('security.request_refused@198.51.100.1'),
        'security.refusals_suppressed@198.51.100.1',
      ]);
      // Other addresses: one more record fits the node's budget of 5, then one node-wide marker, then nothing.
      for (let a = 2; a < 40; a++) for (let i = 0; i < 3; i++) await junk(`198.51.100.${a}`);
      rows = await refusals(ua);
      expect(rows.length).toBe(6);
      expect(rows[4]?.action).toBe('security.request_refused');
      expect(rows[5]?.action).toBe('security.refusals_suppressed');
      // A new window records again.
      clock.advance(600 * 1000);
      await junk('198.51.100.77');
      expect((await refusals(ua)).length).toBe(7);
    } finally {
      await bounded.close();
    }
  });
});
