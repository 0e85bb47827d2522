/* The whole identity and organisation flow over real HTTP on loopback, with mail delivered to a
   real SMTP server: sign-up → verify → sign-in → create org → invite → accept → switch org →
   revoke, and the revocation refused on the next request on a second Palisade instance that
   shares the database. Cookie attributes are asserted exactly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { createTestDb, type TestDb } from '../fixtures/db.js';
import { Client, goodPassword, listen, registerAndSignIn, startSmtpSink, tokenIn, type SmtpSink } from './identity-helpers.js';

let testDb: TestDb;
let a: TestApp;
let b: TestApp;
let baseA = '';
let baseB = '';
let smtp: SmtpSink;

const COOKIE_RE = /^__Host-palisade_session=(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+); Path=\/; Max-Age=(\d+); HttpOnly; Secure; SameSite=Lax$/;

beforeAll(async () => {
  smtp = await startSmtpSink();
  testDb = await createTestDb();
  const env = { SMTP_URL: smtp.url };
  a = await buildTestApp({ testDb, env });
  // A second Palisade node: its own pools, listener and memory, the same database.
  b = await buildTestApp({ testDb: { ...testDb, db: await testDb.connectAgain() }, env });
  baseA = await listen(a);
  baseB = await listen(b);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await testDb?.drop();
  await smtp?.close();
});

describe('identity end to end', () => {
  const alice = { email: 'alice.flow@example.com', password: goodPassword() };
  const bob = { email: 'bob.flow@example.com', password: goodPassword() };
  let aliceA: Client;
  let bobA: Client;
  let orgId = '';

  it('AUTH-1: sign-up stores only an argon2id hash; the verification link arrives by SMTP and works once', async () => {
    const c = new Client(baseA);
    const up = await c.req('POST', '/v1/auth/sign-up', { email: alice.email, password: alice.password, name: 'Alice' });
    expect(up.status).toBe(202);
    expect(up.body).toEqual({ status: 'check_email' });
    const mail = await smtp.waitFor((m) => m.to.includes(alice.email));
    expect(mail.subject).toBe('Confirm your email address');
    const token = tokenIn(mail);
    expect((await c.req('POST', '/v1/auth/verify-email', { token })).status).toBe(204);
    const again = await c.req('POST', '/v1/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('invalid_token');

    const sql = postgres(testDb.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      const [u] = await sql<{ password_hash: string }[]>`select password_hash from users where email_key = ${alice.email}`;
      expect(u?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      const dump = JSON.stringify(await sql`select * from users`) + JSON.stringify(await sql`select * from email_tokens`);
      expect(dump).not.toContain(alice.password);
      expect(dump).not.toContain(token);
    } finally {
      await sql.end();
    }
  });

  it('AUTH-2: sign-in sets exactly two cookies, the session and the known device: __Host- prefixed, HttpOnly, Secure, SameSite=Lax, Path=/, no Domain', async () => {
    aliceA = new Client(baseA);
    const r = await aliceA.req('POST', '/v1/auth/sign-in', { email: alice.email, password: alice.password });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ email: alice.email, name: 'Alice' });
    expect(typeof r.body.csrfToken).toBe('string');
    expect(r.body.next).toBeUndefined();
    expect(r.setCookies).toHaveLength(2);
    const m = COOKIE_RE.exec(r.setCookies[0] ?? '');
    expect(m, r.setCookies[0]).not.toBeNull();
    // The cookie lives as long as the session may (the 7-day inactivity timeout, within the 30-day window).
    expect(Number(m?.[2])).toBe(7 * 24 * 3600);
    expect(r.setCookies[0]).not.toMatch(/domain=/i);
    // The known-device cookie (issue 11.2): a device id and its MAC, for a year, nothing else.
    expect(r.setCookies[1]).toMatch(/^__Host-palisade_device=dev_[a-z2-7]{26}\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('AUTH-3: the session token is a short-lived EdDSA JWT naming the session, verifiable with the published keys', async () => {
    const token = aliceA.cookie?.split('=')[1] ?? '';
    const [h, p] = token.split('.');
    const header = JSON.parse(Buffer.from(h ?? '', 'base64url').toString()) as Record<string, unknown>;
    const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, number | string>;
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'palisade-session+jwt' });
    expect(claims.aud).toBe('palisade');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
    const { createLocalJWKSet, jwtVerify } = await import('jose');
    const jwks = await (await fetch(`${baseA}/v1/auth/jwks`)).json();
    const verified = await jwtVerify(token, createLocalJWKSet(jwks as never), { audience: 'palisade', typ: 'palisade-session+jwt' });
    expect(verified.payload.sid).toMatch(/^ses_/);
  });

  it('TEN-1: create an organisation, switch to it; the org of /v1/org comes from the session only', async () => {
    const before = await aliceA.req('GET', '/v1/org');
    expect(before.status).toBe(403); // no active org yet
    const created = await aliceA.req('POST', '/v1/orgs', { name: 'Acme' });
    expect(created.status).toBe(201);
    orgId = String(created.body.id);
    const mine = await aliceA.req('GET', '/v1/orgs');
    expect(mine.body.items).toEqual([{ id: orgId, name: 'Acme', roles: ['admin'], createdAt: expect.any(String) }]);
    const sw = await aliceA.req('PUT', '/v1/me/active-org', { orgId });
    expect(sw.status).toBe(204);
    expect(sw.setCookies).toHaveLength(1);
    expect(sw.setCookies[0]).toMatch(COOKIE_RE);
    const org = await aliceA.req('GET', '/v1/org');
    expect(org.status).toBe(200);
    expect(org.body).toMatchObject({ id: orgId, name: 'Acme' });
    const me = await aliceA.req('GET', '/v1/me');
    expect(me.body).toMatchObject({ activeOrgId: orgId, memberships: [{ orgId, name: 'Acme', roles: ['admin'] }] });
  });

  it('invite → accept → switch: the invitation is single-use and bound to the invited address', async () => {
    const inv = await aliceA.req('POST', '/v1/org/invitations', { email: bob.email, roles: ['operator'] });
    expect(inv.status).toBe(201);
    expect(inv.body).not.toHaveProperty('token');
    const mail = await smtp.waitFor((m) => m.to.includes(bob.email) && m.subject.includes('invited'));
    const token = tokenIn(mail);
    const listed = await aliceA.req('GET', '/v1/org/invitations');
    expect((listed.body.items as unknown[]).length).toBe(1);

    // Someone else, signed in, cannot use it, and trying does not consume it.
    const mallory = await registerAndSignIn(baseA, smtp, 'mallory.flow@example.com', goodPassword());
    const stolen = await mallory.req('POST', '/v1/invitations/accept', { token });
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('invalid_token');

    bobA = await registerAndSignIn(baseA, smtp, bob.email, bob.password);
    const ok = await bobA.req('POST', '/v1/invitations/accept', { token });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ orgId, roles: ['operator'] });
    const reuse = await bobA.req('POST', '/v1/invitations/accept', { token });
    expect(reuse.status).toBe(400);
    expect((await bobA.req('PUT', '/v1/me/active-org', { orgId })).status).toBe(204);
    const members = await aliceA.req('GET', '/v1/org/members');
    expect((members.body.items as Array<{ email: string; roles: string[] }>).map((m) => [m.email, m.roles])).toEqual([
      [alice.email, ['admin']],
      [bob.email, ['operator']],
    ]);
  });

  it('AUTH-4: an org admin revokes a member\'s sessions; the next request is refused on this node and on a second node sharing the database', async () => {
    // Bob's session, used on both nodes.
    const bobB = new Client(baseB);
    bobB.cookie = bobA.cookie;
    bobB.csrf = bobA.csrf;
    expect((await bobA.req('GET', '/v1/org')).status).toBe(200);
    expect((await bobB.req('GET', '/v1/org')).status).toBe(200);

    const me = await bobA.req('GET', '/v1/me');
    const bobId = (me.body.user as { id: string }).id;
    const revoke = await aliceA.req('DELETE', `/v1/org/members/${bobId}/sessions`);
    expect(revoke.status).toBe(204);

    const onB = await bobB.req('GET', '/v1/me');
    expect(onB.status).toBe(401);
    const onA = await bobA.req('GET', '/v1/me');
    expect(onA.status).toBe(401);
    expect(onA.body.code).toBe('unauthenticated');
  });

  it('AUTH-4: a user lists their sessions and revokes one; the revoked one is refused at once on the other node', async () => {
    const first = new Client(baseA);
    await first.req('POST', '/v1/auth/sign-in', { email: alice.email, password: alice.password });
    const second = new Client(baseB);
    await second.req('POST', '/v1/auth/sign-in', { email: alice.email, password: alice.password });
    const list = await first.req('GET', '/v1/me/sessions');
    expect(list.status).toBe(200);
    const items = list.body.items as Array<{ id: string; current: boolean }>;
    expect(items.filter((i) => i.current)).toHaveLength(1);
    expect(items.length).toBeGreaterThanOrEqual(3);
    const secondMe = await second.req('GET', '/v1/me/sessions');
    const secondId = (secondMe.body.items as Array<{ id: string; current: boolean }>).find((i) => i.current)?.id;
    expect(secondId).toBeTruthy();

    expect((await first.req('DELETE', `/v1/me/sessions/${secondId}`)).status).toBe(204);
    expect((await second.req('GET', '/v1/me')).status).toBe(401);
    // Another user's session, or a made-up id: the same 404.
    expect((await first.req('DELETE', `/v1/me/sessions/${secondId}`)).status).toBe(404);
    expect((await first.req('DELETE', '/v1/me/sessions/ses_doesnotexist')).status).toBe(404);

    // Revoke all others: alice's original session on A dies too, this one survives.
    expect((await first.req('DELETE', '/v1/me/sessions')).status).toBe(204);
    expect((await aliceA.req('GET', '/v1/me')).status).toBe(401);
    expect((await first.req('GET', '/v1/me')).status).toBe(200);
    aliceA = first;
  });

  it('AUTH-4: sign-out revokes the session and clears the cookie', async () => {
    const c = new Client(baseA);
    await c.req('POST', '/v1/auth/sign-in', { email: alice.email, password: alice.password });
    const stale = c.cookie;
    const out = await c.req('POST', '/v1/auth/sign-out');
    expect(out.status).toBe(204);
    expect(out.setCookies).toEqual(['__Host-palisade_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax']);
    const replay = new Client(baseB);
    replay.cookie = stale;
    expect((await replay.req('GET', '/v1/me')).status).toBe(401);
  });

  it("AUTH-12: the flow's auth events are in the platform log, and a member's sign-ins and revocations also in the organisation's log", async () => {
    const bobAgain = new Client(baseB);
    expect((await bobAgain.req('POST', '/v1/auth/sign-in', { email: bob.email, password: bob.password })).status).toBe(200);
    const bobId = ((await bobAgain.req('GET', '/v1/me')).body.user as { id: string }).id;
    const sql = postgres(testDb.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      const platform = await sql<Array<{ action: string; outcome: string }>>`select action, outcome from audit_events where org_id = 'platform'`;
      const seen = new Set(platform.map((r) => `${r.action}:${r.outcome}`));
      for (const e of ['auth.sign_up:allowed', 'auth.email_verified:allowed', 'auth.sign_in:allowed', 'auth.session_created:allowed',
        'auth.session_revoked:allowed', 'auth.sign_out:allowed', 'auth.org_switched:allowed']) {
        expect(seen, e).toContain(e);
      }
      const inOrg = await sql<Array<{ action: string; actor_type: string; actor_id: string | null; target_id: string | null; source_ip: string | null }>>`
        select action, actor_type, actor_id, target_id, source_ip from audit_events where org_id = ${orgId} order by seq`;
      const actions = new Set(inOrg.map((r) => r.action));
      for (const a of ['org.created', 'org.member_added', 'org.invitation_created', 'org.invitation_accepted', 'org.member_sessions_revoked', 'auth.session_revoked', 'auth.org_switched']) {
        expect(actions, a).toContain(a);
      }
      const bobSignIn = inOrg.find((r) => r.action === 'auth.sign_in' && r.target_id === bobId);
      expect(bobSignIn).toMatchObject({ actor_type: 'user', actor_id: bobId, source_ip: '127.0.0.1' });
      const revokedByAdmin = inOrg.filter((r) => r.action === 'auth.session_revoked' && r.actor_type === 'user' && r.actor_id !== bobId);
      expect(revokedByAdmin.length).toBeGreaterThan(0);
    } finally {
      await sql.end();
    }
  });

  it('PRIV-8: the whole flow set no cookie other than the session cookie and the known-device security cookie', async () => {
    const c = new Client(baseA);
    const names = new Set<string>();
    const record = (cookies: string[]) => cookies.forEach((s) => names.add(s.split('=')[0] ?? ''));
    record((await c.req('POST', '/v1/auth/sign-in', { email: alice.email, password: alice.password })).setCookies);
    record((await c.req('GET', '/v1/me')).setCookies);
    record((await c.req('PUT', '/v1/me/active-org', { orgId })).setCookies);
    record((await c.req('GET', '/v1/org/members')).setCookies);
    record((await c.req('GET', '/v1/me/sessions')).setCookies);
    record((await c.req('POST', '/v1/auth/sign-out')).setCookies);
    // The device cookie is a user-centric security cookie (it only keeps the owner's budget of
    // failed sign-ins apart from an attacker's: issue 11.2), exempt from consent like the session's.
    expect([...names].sort()).toEqual(['__Host-palisade_device', '__Host-palisade_session']);
  });
});
