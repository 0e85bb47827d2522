/* Security properties of identity and organisations over real HTTP and SMTP: CSRF (with API
   keys exempt), rate limits, one-time tokens (single use, expiry, stored as hashes), password
   policy at the door, and tenant isolation of organisation routes (the outbox of undeliverable
   mail: dev-outbox.e2e.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { fixedClock } from '../../src/lib/clock.js';
import { Client, goodPassword, listen, registerAndSignIn, startSmtpSink, tokenIn, type SmtpSink } from './identity-helpers.js';

let app: TestApp;
let base = '';
let smtp: SmtpSink;
const clock = fixedClock('2033-01-10T12:00:00Z');
const TRUSTED = 'http://localhost:3000'; // the default PALISADE_PUBLIC_URL is http://127.0.0.1:3000; a loopback URL trusts its other loopback names

beforeAll(async () => {
  smtp = await startSmtpSink();
  app = await buildTestApp({ clock, env: { SMTP_URL: smtp.url } });
  base = await listen(app);
});

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

async function ownerSql<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

describe('CSRF', () => {
  let c: Client;
  let orgId = '';

  beforeAll(async () => {
    c = await registerAndSignIn(base, smtp, 'lena.csrf@example.com', goodPassword());
    const org = await c.req('POST', '/v1/orgs', { name: 'Lena Inc' });
    orgId = String(org.body.id);
    await c.req('PUT', '/v1/me/active-org', { orgId });
  });

  it('AUTH-13: a cookie-authenticated change without the X-CSRF-Token header, or with a wrong one, is refused', async () => {
    const none = await c.req('POST', '/v1/orgs', { name: 'x' }, { 'x-csrf-token': '' });
    expect(none.status).toBe(403);
    expect(none.body.code).toBe('csrf_failed');
    const wrong = await c.req('POST', '/v1/orgs', { name: 'x' }, { 'x-csrf-token': 'A'.repeat(43) });
    expect(wrong.status).toBe(403);
    // Reads need no token.
    expect((await c.req('GET', '/v1/me', undefined, { 'x-csrf-token': '' })).status).toBe(200);
    expect((await c.req('POST', '/v1/orgs', { name: 'With token' })).status).toBe(201);
  });

  it("AUTH-13: the token is bound to the session: another session's token does not pass", async () => {
    const other = await registerAndSignIn(base, smtp, 'mona.csrf@example.com', goodPassword());
    const r = await c.req('POST', '/v1/orgs', { name: 'x' }, { 'x-csrf-token': other.csrf ?? '' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('csrf_failed');
  });

  it('AUTH-13: a request from another origin is refused even with the right token; the trusted origin passes', async () => {
    const evil = await c.req('PATCH', '/v1/org', { name: 'pwned' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.code).toBe('csrf_failed');
    const crossSite = await c.req('PATCH', '/v1/org', { name: 'pwned' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const ok = await c.req('PATCH', '/v1/org', { name: 'Lena Inc.' }, { origin: TRUSTED, 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(200);
  });

  it('AUTH-13: the refusal says what failed: the origin, a missing token, or a wrong token', async () => {
    const origin = await c.req('PATCH', '/v1/org', { name: 'x' }, { origin: 'https://evil.example' });
    expect(origin.body.detail).toMatch(/Origin header is not an origin this server trusts/);
    expect(origin.body.detail).not.toMatch(/token/i);
    const site = await c.req('PATCH', '/v1/org', { name: 'x' }, { 'sec-fetch-site': 'cross-site' });
    expect(site.body.detail).toMatch(/cross-site \(Sec-Fetch-Site\)/);
    const missing = await c.req('PATCH', '/v1/org', { name: 'x' }, { 'x-csrf-token': '' });
    expect(missing.body.detail).toMatch(/^CSRF token missing: send the X-CSRF-Token header/);
    const wrong = await c.req('PATCH', '/v1/org', { name: 'x' }, { 'x-csrf-token': 'A'.repeat(43) });
    expect(wrong.body.detail).toMatch(/^CSRF token wrong/);
    for (const r of [origin, site, missing, wrong]) expect([r.status, r.body.code]).toEqual([403, 'csrf_failed']);
    // Every loopback name of the default public URL is trusted (the printed URL is 127.0.0.1).
    for (const o of ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000']) {
      expect((await c.req('PATCH', '/v1/org', { name: 'Lena Inc.' }, { origin: o })).status).toBe(200);
    }
    expect((await c.req('PATCH', '/v1/org', { name: 'x' }, { origin: 'http://127.0.0.1:3001' })).status).toBe(403);
  });

  it('AUTH-13: sign-in from another site is refused (login CSRF)', async () => {
    const anon = new Client(base);
    const r = await anon.req('POST', '/v1/auth/sign-in', { email: 'lena.csrf@example.com', password: 'whatever it is here' }, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('csrf_failed');
    expect(r.setCookies).toEqual([]);
  });

  it('AUTH-13: API-key requests carry no ambient credential and need no CSRF token', async () => {
    const created = await c.req('POST', '/v1/org/api-keys', { name: 'ci', scopes: ['invitations:write', 'invitations:read'] });
    expect(created.status).toBe(201);
    const key = String(created.body.key);
    const inv = await c.req('POST', '/v1/org/invitations', { email: 'nina.invitee@example.com', roles: ['viewer'] });
    expect(inv.status).toBe(201);
    // No cookie, no X-CSRF-Token, a foreign Origin: the bearer key alone authorises the change.
    const bearer = new Client(base, { authorization: `Bearer ${key}`, origin: 'https://elsewhere.example' });
    const r = await bearer.req('DELETE', `/v1/org/invitations/${String(inv.body.id)}`);
    expect(r.status, JSON.stringify(r.body)).toBe(204);
    expect(((await c.req('GET', '/v1/org/invitations')).body.items as unknown[]).length).toBe(0);
  });
});

describe('one-time tokens', () => {
  const email = 'olga.reset@example.com';
  let password = goodPassword();

  beforeAll(async () => {
    await registerAndSignIn(base, smtp, email, password);
  });

  it('AUTH-14: a reset link works once, revokes every session, and is stored only as a SHA-256 hash', async () => {
    const signedIn = new Client(base);
    expect((await signedIn.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(200);
    const c = new Client(base);
    expect((await c.req('POST', '/v1/auth/password/forgot', { email })).status).toBe(202);
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject === 'Reset your password');
    const token = tokenIn(mail);
    expect(token).toMatch(/^prt_[A-Za-z0-9_-]{43}$/);
    const stored = await ownerSql((sql) => sql`select encode(token_hash, 'hex') as h from email_tokens where purpose = 'password_reset'`);
    const { createHash } = await import('node:crypto');
    expect(stored.map((r) => r.h)).toContain(createHash('sha256').update(token).digest('hex'));
    const dump = await ownerSql((sql) => sql`select * from email_tokens`);
    expect(JSON.stringify(dump)).not.toContain(token);

    const next = goodPassword();
    expect((await c.req('POST', '/v1/auth/password/reset', { token, password: next })).status).toBe(204);
    const again = await c.req('POST', '/v1/auth/password/reset', { token, password: goodPassword() });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('invalid_token');
    expect((await signedIn.req('GET', '/v1/me')).status).toBe(401);
    expect((await c.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(401);
    expect((await c.req('POST', '/v1/auth/sign-in', { email, password: next })).status).toBe(200);
    password = next;
  });

  it('AUTH-14: a reset link expires after 30 minutes; a verification link after 24 hours', async () => {
    const c = new Client(base);
    const from = smtp.messages.length;
    await c.req('POST', '/v1/auth/password/forgot', { email });
    const token = tokenIn(await smtp.waitFor((m) => m.to.includes(email) && m.subject === 'Reset your password', { from }));
    clock.advance(30 * 60 * 1000 + 1000);
    const late = await c.req('POST', '/v1/auth/password/reset', { token, password: goodPassword() });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('invalid_token');

    const pending = 'petra.late@example.com';
    await c.req('POST', '/v1/auth/sign-up', { email: pending, password: goodPassword() });
    const vmail = await smtp.waitFor((m) => m.to.includes(pending));
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    const v = await c.req('POST', '/v1/auth/verify-email', { token: tokenIn(vmail) });
    expect(v.status).toBe(400);
    expect(v.body.code).toBe('invalid_token');
  });

  it('AUTH-14: a token of one purpose is refused for another', async () => {
    const c = new Client(base);
    const from = smtp.messages.length;
    await c.req('POST', '/v1/auth/password/forgot', { email });
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject === 'Reset your password', { from });
    const r = await c.req('POST', '/v1/auth/verify-email', { token: tokenIn(mail) });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('invalid_token');
  });
});

describe('passwords at the door', () => {
  it('AUTH-10: sign-up refuses short, common and email-derived passwords with clear codes', async () => {
    const c = new Client(base);
    const cases: Array<[string, string]> = [
      ['short one here', 'password_too_short'],
      ['1qaz2wsx3edc4rfv', 'password_too_common'],
      ['quinn.policy rocks all day', 'password_contains_email'],
      ['abcdefghijklmnopqrst', 'password_too_repetitive'],
    ];
    for (const [password, code] of cases) {
      const r = await c.req('POST', '/v1/auth/sign-up', { email: 'quinn.policy@example.com', password });
      expect(r.status, password).toBe(400);
      expect(r.body.code).toBe(code);
    }
  });

  it('AUTH-10: password change needs the current password, applies the policy and revokes the other sessions', async () => {
    const email = 'rita.change@example.com';
    const password = goodPassword();
    const c = await registerAndSignIn(base, smtp, email, password);
    const other = new Client(base);
    await other.req('POST', '/v1/auth/sign-in', { email, password });
    expect((await c.req('POST', '/v1/auth/password/change', { currentPassword: 'not my password at all', newPassword: goodPassword() })).status).toBe(401);
    const weak = await c.req('POST', '/v1/auth/password/change', { currentPassword: password, newPassword: 'qwerty123456789' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('password_too_common');
    const next = goodPassword();
    expect((await c.req('POST', '/v1/auth/password/change', { currentPassword: password, newPassword: next })).status).toBe(204);
    expect((await other.req('GET', '/v1/me')).status).toBe(401);
    expect((await c.req('GET', '/v1/me')).status).toBe(200);
    await smtp.waitFor((m) => m.to.includes(email) && m.subject === 'Your password was changed');
  });
});

describe('tenant isolation of organisation routes', () => {
  it("TEN-4: another organisation's member, invitation or org id answers 404 exactly like a missing one", async () => {
    const sam = await registerAndSignIn(base, smtp, 'sam.ten@example.com', goodPassword());
    const tom = await registerAndSignIn(base, smtp, 'tom.ten@example.com', goodPassword());
    const samOrg = String((await sam.req('POST', '/v1/orgs', { name: 'Sam org' })).body.id);
    const tomOrg = String((await tom.req('POST', '/v1/orgs', { name: 'Tom org' })).body.id);
    await sam.req('PUT', '/v1/me/active-org', { orgId: samOrg });
    await tom.req('PUT', '/v1/me/active-org', { orgId: tomOrg });
    const tomId = ((await tom.req('GET', '/v1/me')).body.user as { id: string }).id;
    const tomInvite = String((await tom.req('POST', '/v1/org/invitations', { email: 'uma.ten@example.com', roles: ['viewer'] })).body.id);

    const strip = (r: { status: number; body: Record<string, unknown> }) => {
      const { requestId, ...rest } = r.body;
      void requestId;
      return { status: r.status, body: rest };
    };
    const pairs: Array<[string, string, string, unknown?]> = [
      ['PATCH', `/v1/org/members/${tomId}`, '/v1/org/members/usr_doesnotexist', { roles: ['viewer'] }],
      ['DELETE', `/v1/org/members/${tomId}`, '/v1/org/members/usr_doesnotexist'],
      ['DELETE', `/v1/org/members/${tomId}/sessions`, '/v1/org/members/usr_doesnotexist/sessions'],
      ['DELETE', `/v1/org/invitations/${tomInvite}`, '/v1/org/invitations/inv_doesnotexist'],
    ];
    for (const [method, foreign, missing, body] of pairs) {
      const f = strip(await sam.req(method, foreign, body));
      const m = strip(await sam.req(method, missing, body));
      expect(f.status, `${method} ${foreign}`).toBe(404);
      expect(f).toEqual(m);
    }
    const sw = strip(await sam.req('PUT', '/v1/me/active-org', { orgId: tomOrg }));
    expect(sw).toEqual(strip(await sam.req('PUT', '/v1/me/active-org', { orgId: 'org_doesnotexist' })));
    expect(sw.status).toBe(404);
    // Tom's org is untouched and Sam still acts in Sam's org.
    expect(((await tom.req('GET', '/v1/org/members')).body.items as unknown[]).length).toBe(1);
    expect((await sam.req('GET', '/v1/org')).body.id).toBe(samOrg);
  });

  it('TEN-1: the organisation cannot be chosen by a header, query or body; only the session decides', async () => {
    const vic = await registerAndSignIn(base, smtp, 'vic.ten@example.com', goodPassword());
    const wes = await registerAndSignIn(base, smtp, 'wes.ten@example.com', goodPassword());
    const vicOrg = String((await vic.req('POST', '/v1/orgs', { name: 'Vic org' })).body.id);
    const wesOrg = String((await wes.req('POST', '/v1/orgs', { name: 'Wes org' })).body.id);
    await vic.req('PUT', '/v1/me/active-org', { orgId: vicOrg });
    const r = await vic.req('GET', `/v1/org?orgId=${wesOrg}`, undefined, { 'x-org-id': wesOrg, 'palisade-org': wesOrg });
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(vicOrg);
    const p = await vic.req('PATCH', '/v1/org', { name: 'Renamed', orgId: wesOrg });
    expect(p.status).toBe(400); // unknown field
    expect((await wes.req('PUT', '/v1/me/active-org', { orgId: wesOrg })).status).toBe(204);
    expect((await wes.req('GET', '/v1/org')).body.name).toBe('Wes org');
  });

  it('a removed member loses the organisation at once, though the token still names it', async () => {
    const admin = await registerAndSignIn(base, smtp, 'xena.admin@example.com', goodPassword());
    const orgId = String((await admin.req('POST', '/v1/orgs', { name: 'Xena org' })).body.id);
    await admin.req('PUT', '/v1/me/active-org', { orgId });
    await admin.req('POST', '/v1/org/invitations', { email: 'yuri.member@example.com', roles: ['viewer'] });
    const inviteMail = await smtp.waitFor((m) => m.to.includes('yuri.member@example.com'));
    const yuri = await registerAndSignIn(base, smtp, 'yuri.member@example.com', goodPassword());
    await yuri.req('POST', '/v1/invitations/accept', { token: tokenIn(inviteMail) });
    await yuri.req('PUT', '/v1/me/active-org', { orgId });
    expect((await yuri.req('GET', '/v1/org/members')).status).toBe(200);
    const yuriId = ((await yuri.req('GET', '/v1/me')).body.user as { id: string }).id;
    // The last admin cannot leave or be demoted.
    const adminId = ((await admin.req('GET', '/v1/me')).body.user as { id: string }).id;
    expect((await admin.req('PATCH', `/v1/org/members/${adminId}`, { roles: ['viewer'] })).status).toBe(409);
    expect((await admin.req('DELETE', `/v1/org/members/${yuriId}`)).status).toBe(204);
    expect((await yuri.req('GET', '/v1/org/members')).status).toBe(403);
    expect((await yuri.req('GET', '/v1/me')).body.activeOrgId).toBeNull();
  });
});

describe('rate limits and the dev outbox', () => {
  it('AUTH-11: auth endpoints answer 429 with Retry-After once an IP exceeds its budget; limits are shared through the database', async () => {
    const limited = await buildTestApp({ clock, testDb: app.testDb, env: { SMTP_URL: smtp.url, PALISADE_AUTH_RATE_PER_IP: '3', PALISADE_AUTH_RATE_WINDOW_SECONDS: '600' } });
    const second = await buildTestApp({ clock, testDb: app.testDb, env: { SMTP_URL: smtp.url, PALISADE_AUTH_RATE_PER_IP: '3', PALISADE_AUTH_RATE_WINDOW_SECONDS: '600' } });
    try {
      const b1 = await listen(limited);
      const b2 = await listen(second);
      clock.advance(10 * 60 * 1000); // a fresh window
      const c1 = new Client(b1);
      const c2 = new Client(b2);
      const body = { email: 'zoe.rate@example.com' };
      expect((await c1.req('POST', '/v1/auth/password/forgot', body)).status).toBe(202);
      expect((await c2.req('POST', '/v1/auth/password/forgot', body)).status).toBe(202);
      expect((await c1.req('POST', '/v1/auth/password/forgot', body)).status).toBe(202);
      const r = await c2.req('POST', '/v1/auth/password/forgot', body);
      expect(r.status).toBe(429);
      expect(r.body.code).toBe('rate_limited');
      expect(r.headers.get('retry-after')).toBe('600');
      clock.advance(5 * 60 * 1000);
      expect((await c1.req('POST', '/v1/auth/sign-in', { email: 'zoe.rate@example.com', password: 'some password here' })).status).toBe(401);
      const later = await c1.req('POST', '/v1/auth/password/forgot', body);
      expect(later.headers.get('retry-after')).toBe('300');
      clock.advance(5 * 60 * 1000);
      expect((await c1.req('POST', '/v1/auth/password/forgot', body)).status).toBe(202);
    } finally {
      await limited.close();
      await second.close();
    }
  });

  it('AUTH-11: the per-account budget holds across IP addresses', async () => {
    clock.advance(10 * 60 * 1000);
    const c = new Client(base);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await c.req('POST', '/v1/auth/sign-in', { email: 'amy.acct@example.com', password: `guess number ${i} here` })).status);
    expect(codes.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(codes[10]).toBe(429);
  });

});
