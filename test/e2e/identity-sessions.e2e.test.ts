/* Session lifetime over real HTTP with an injected clock: short-lived tokens refreshed against
   the row (the rolling window slides; the row is touched only then), the inactivity timeout, an
   organisation's shorter policy, the 30-day window, the revocation set failing closed, CSRF, and
   rate limits. Mail goes to the development outbox here, read through the dev-only endpoint. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { fixedClock } from '../../src/lib/clock.js';
import { Client, goodPassword, listen } from './identity-helpers.js';

let app: TestApp;
let base = '';
const clock = fixedClock('2032-06-01T08:00:00Z');
const MIN = 60 * 1000;
const DAY = 24 * 60 * MIN;

beforeAll(async () => {
  app = await buildTestApp({ clock, env: { PALISADE_DEV_MODE: '1' } });
  base = await listen(app);
});

afterAll(async () => {
  await app?.close();
});

/** The token of the newest mail with this subject, waiting (long poll) until the background
    task has kept one: no race with delivery, and no guess at how long it takes. */
async function waitForOutbox(email: string, subject: string): Promise<string> {
  let after: string | undefined;
  for (;;) {
    const r = await fetch(`${base}/v1/dev/outbox?to=${encodeURIComponent(email)}&wait=60${after ? `&after=${after}` : ''}`);
    const items = ((await r.json()) as { items: Array<{ id: string; subject: string; text: string }> }).items;
    if (items.length === 0) throw new Error(`no mail for ${email} within the long poll`);
    const mail = items.find((m) => m.subject.startsWith(subject));
    const m = /#token=([A-Za-z0-9_%-]+)/.exec(mail?.text ?? '');
    if (m?.[1]) return decodeURIComponent(m[1]);
    after = items[0]?.id; // only mail of other subjects so far: wait for the next one
  }
}

const passwords = new Map<string, string>();
function passwordOf(email: string): string {
  const p = passwords.get(email);
  if (!p) throw new Error(`unknown ${email}`);
  return p;
}

async function register(email: string, password = goodPassword()): Promise<{ client: Client; password: string }> {
  passwords.set(email, password);
  const c = new Client(base);
  expect((await c.req('POST', '/v1/auth/sign-up', { email, password })).status).toBe(202);
  const token = await waitForOutbox(email, 'Confirm');
  expect((await c.req('POST', '/v1/auth/verify-email', { token })).status).toBe(204);
  expect((await c.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(200);
  return { client: c, password };
}

async function sessionRow(id: string): Promise<{ last_seen_at: Date; expires_at: Date }> {
  const sql = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<Array<{ last_seen_at: Date; expires_at: Date }>>`select last_seen_at, expires_at from sessions where id = ${id}`;
    if (!row) throw new Error('no session row');
    return row;
  } finally {
    await sql.end();
  }
}

async function currentSessionId(c: Client): Promise<string> {
  const r = await c.req('GET', '/v1/me/sessions');
  const id = (r.body.items as Array<{ id: string; current: boolean }>).find((i) => i.current)?.id;
  if (!id) throw new Error('no current session');
  return id;
}

describe('session lifetime', () => {
  it('AUTH-3: the token lives 5 minutes; after that the next request refreshes it and slides the 30-day window; the row is not written in between', async () => {
    const { client } = await register('hana.sess@example.com');
    const sid = await currentSessionId(client);
    const created = await sessionRow(sid);
    expect(created.expires_at.getTime() - created.last_seen_at.getTime()).toBe(30 * DAY);

    clock.advance(4 * MIN);
    const within = await client.req('GET', '/v1/me');
    expect(within.status).toBe(200);
    expect(within.setCookies).toEqual([]);
    expect(await sessionRow(sid)).toEqual(created);

    clock.advance(2 * MIN);
    const before = client.cookie;
    const refreshed = await client.req('GET', '/v1/me');
    expect(refreshed.status).toBe(200);
    expect(refreshed.setCookies).toHaveLength(1);
    expect(client.cookie).not.toBe(before);
    const row = await sessionRow(sid);
    expect(row.last_seen_at.toISOString()).toBe(clock.now().toISOString());
    expect(row.expires_at.getTime()).toBe(clock.now().getTime() + 30 * DAY);
  });

  it('AUTH-4: a session unused for 7 days expires (inactivity), while one used every few days lives on', async () => {
    const idle = await register('ivan.idle@example.com');
    const busy = await register('jane.busy@example.com');
    for (let d = 0; d < 3; d++) {
      clock.advance(3 * DAY);
      expect((await busy.client.req('GET', '/v1/me')).status).toBe(200);
    }
    // 9 days since ivan's last refresh.
    const r = await idle.client.req('GET', '/v1/me');
    expect(r.status).toBe(401);
    expect(r.setCookies).toEqual(['__Host-palisade_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax']);
  });

  it('AUTH-3: with a longer inactivity timeout, the 30-day rolling window still ends a session 30 days after its last refresh', async () => {
    const longIdle = await buildTestApp({ clock, testDb: app.testDb, env: { PALISADE_DEV_MODE: '1', PALISADE_SESSION_IDLE_TIMEOUT_SECONDS: String(60 * 24 * 3600) } });
    try {
      const b = await listen(longIdle);
      const c = new Client(b);
      expect((await c.req('POST', '/v1/auth/sign-in', { email: 'hana.sess@example.com', password: passwordOf('hana.sess@example.com') })).status).toBe(200);
      clock.advance(29 * DAY);
      expect((await c.req('GET', '/v1/me')).status).toBe(200); // refreshed: window slides
      clock.advance(30 * DAY + MIN);
      expect((await c.req('GET', '/v1/me')).status).toBe(401);
    } finally {
      await longIdle.close();
    }
  });

  it('V7.3.2 AUTH-3: a session refreshed every 29 days ends 90 days after sign-in (absolute lifetime), though its rolling window would go on', async () => {
    const longIdle = await buildTestApp({ clock, testDb: app.testDb, env: { PALISADE_DEV_MODE: '1', PALISADE_SESSION_IDLE_TIMEOUT_SECONDS: String(60 * 24 * 3600) } });
    try {
      const b = await listen(longIdle);
      const c = new Client(b);
      expect((await c.req('POST', '/v1/auth/sign-in', { email: 'hana.sess@example.com', password: passwordOf('hana.sess@example.com') })).status).toBe(200);
      const signedInAt = clock.now().getTime();
      const sid = await currentSessionId(c);
      for (let i = 0; i < 3; i++) {
        clock.advance(29 * DAY);
        expect((await c.req('GET', '/v1/me')).status).toBe(200); // refreshed on days 29, 58, 87
      }
      // The day-87 refresh cut the window at the absolute lifetime, not now + 30 days.
      expect((await sessionRow(sid)).expires_at.getTime()).toBe(signedInAt + 90 * DAY);
      clock.advance(3 * DAY - MIN);
      expect((await c.req('GET', '/v1/me')).status).toBe(200);
      clock.advance(2 * MIN); // 90 days and a minute after sign-in, 3 days after the last refresh
      const r = await c.req('GET', '/v1/me');
      expect(r.status).toBe(401);
      expect(r.setCookies).toEqual(['__Host-palisade_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax']);
      // Re-authentication starts a new session.
      expect((await c.req('POST', '/v1/auth/sign-in', { email: 'hana.sess@example.com', password: passwordOf('hana.sess@example.com') })).status).toBe(200);
      expect((await c.req('GET', '/v1/me')).status).toBe(200);
    } finally {
      await longIdle.close();
    }
  });

  it('V7.3.2: the absolute lifetime is configurable (PALISADE_SESSION_MAX_LIFETIME_SECONDS); a session used daily ends at it, and one shortened later ends at once', async () => {
    const short = await buildTestApp({ clock, testDb: app.testDb, env: { PALISADE_DEV_MODE: '1', PALISADE_SESSION_MAX_LIFETIME_SECONDS: String(10 * 24 * 3600) } });
    try {
      const b = await listen(short);
      const c = new Client(b);
      expect((await c.req('POST', '/v1/auth/sign-in', { email: 'hana.sess@example.com', password: passwordOf('hana.sess@example.com') })).status).toBe(200);
      for (let d = 0; d < 9; d++) {
        clock.advance(DAY);
        expect((await c.req('GET', '/v1/me')).status).toBe(200);
      }
      clock.advance(DAY + MIN);
      expect((await c.req('GET', '/v1/me')).status).toBe(401);
    } finally {
      await short.close();
    }
    // A session signed in under the 90-day default, 5 days old, meets a node configured for 3 days.
    const c = new Client(base);
    expect((await c.req('POST', '/v1/auth/sign-in', { email: 'hana.sess@example.com', password: passwordOf('hana.sess@example.com') })).status).toBe(200);
    clock.advance(5 * DAY);
    const stricter = await buildTestApp({ clock, testDb: app.testDb, env: { PALISADE_DEV_MODE: '1', PALISADE_SESSION_MAX_LIFETIME_SECONDS: String(3 * 24 * 3600) } });
    try {
      c.base = await listen(stricter);
      expect((await c.req('GET', '/v1/me')).status).toBe(401);
    } finally {
      await stricter.close();
    }
  });

  it('V7.1.2: a sign-in beyond PALISADE_SESSION_MAX_PER_USER ends the least recently used sessions, audited with reason session_limit; the new one and the recent ones live on', async () => {
    const email = 'noor.cap@example.com';
    const { password } = await register(email);
    const capped = await buildTestApp({ clock, testDb: app.testDb, env: { PALISADE_DEV_MODE: '1', PALISADE_SESSION_MAX_PER_USER: '3' } });
    const sql = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      const b = await listen(capped);
      const signIn = async (): Promise<Client> => {
        clock.advance(MIN);
        const c = new Client(b);
        expect((await c.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(200);
        return c;
      };
      // register() left one session; three more browsers make four: the oldest one ends.
      const [first, second, third] = [await signIn(), await signIn(), await signIn()];
      const live = async (c: Client): Promise<string[]> => ((await c.req('GET', '/v1/me/sessions')).body.items as Array<{ id: string }>).map((i) => i.id).sort();
      expect(await live(third)).toHaveLength(3);
      const secondSid = await currentSessionId(second);
      // The first browser is used again (its token refreshes, last_seen_at moves); the second is not.
      clock.advance(6 * MIN);
      expect((await first.req('GET', '/v1/me')).status).toBe(200);
      const fourth = await signIn();
      // The second browser, signed in after the first but not used since, is the one that ends.
      expect((await second.req('GET', '/v1/me')).status).toBe(401);
      for (const c of [first, third, fourth]) expect((await c.req('GET', '/v1/me')).status).toBe(200);
      const ids = await live(fourth);
      expect(ids).toHaveLength(3);
      expect(ids).not.toContain(secondSid);
      const [row] = await sql<Array<{ revoked_reason: string | null }>>`select revoked_reason from sessions where id = ${secondSid}`;
      expect(row?.revoked_reason).toBe('session_limit');
      const audits = await sql<Array<{ reason: string | null; actor_id: string | null }>>`
        select reason, actor_id from audit_events where action = 'auth.session_revoked' and target_id = ${secondSid}`;
      expect(audits.length).toBeGreaterThanOrEqual(1);
      expect(audits.every((a) => a.reason === 'session_limit')).toBe(true);
    } finally {
      await sql.end();
      await capped.close();
    }
    // The default node allows 20: the same account's sessions there are not cut to 3.
    const more = [];
    for (let i = 0; i < 4; i++) {
      const c = new Client(base);
      expect((await c.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(200);
      more.push(c);
    }
    for (const c of more) expect((await c.req('GET', '/v1/me')).status).toBe(200);
    expect(((await more[0]!.req('GET', '/v1/me/sessions')).body.items as unknown[]).length).toBe(7);
  });

  it('V7.2.4: a new sign-in from the same browser ends the session its cookie named (same user or another); a copy of the old cookie is refused', async () => {
    const { client } = await register('lena.replace@example.com');
    await register('omar.replace@example.com');
    const oldSid = await currentSessionId(client);
    const copy = new Client(base);
    copy.cookie = client.cookie;
    expect((await copy.req('GET', '/v1/me')).status).toBe(200);
    // Same browser, same user: the old session ends, the new one works.
    expect((await client.req('POST', '/v1/auth/sign-in', { email: 'lena.replace@example.com', password: passwordOf('lena.replace@example.com') })).status).toBe(200);
    expect((await copy.req('GET', '/v1/me')).status).toBe(401);
    expect((await client.req('GET', '/v1/me')).status).toBe(200);
    const sql = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<Array<{ revoked_reason: string | null }>>`select revoked_reason from sessions where id = ${oldSid}`;
      expect(row?.revoked_reason).toBe('replaced_by_sign_in');
      // Another user signs in in the same browser: lena's session ends too.
      const lenaSid = await currentSessionId(client);
      copy.cookie = client.cookie;
      expect((await client.req('POST', '/v1/auth/sign-in', { email: 'omar.replace@example.com', password: passwordOf('omar.replace@example.com') })).status).toBe(200);
      expect((await copy.req('GET', '/v1/me')).status).toBe(401);
      const [lena] = await sql<Array<{ revoked_reason: string | null }>>`select revoked_reason from sessions where id = ${lenaSid}`;
      expect(lena?.revoked_reason).toBe('replaced_by_sign_in');
      // A failed sign-in ends nothing.
      const omar = new Client(base);
      omar.cookie = client.cookie;
      expect((await client.req('POST', '/v1/auth/sign-in', { email: 'omar.replace@example.com', password: 'wrong password entirely here' })).status).toBe(401);
      expect((await omar.req('GET', '/v1/me')).status).toBe(200);
    } finally {
      await sql.end();
    }
  });

  it('V7.5.2 AUTH-4: ending another session, or every other one, needs an authentication within PALISADE_STEP_UP_SECONDS; signing this one out does not', async () => {
    const email = 'ines.stepup@example.com';
    const { client: a, password } = await register(email);
    const b = new Client(base);
    expect((await b.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(200);
    const c = new Client(base);
    expect((await c.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(200);
    const [aSid, bSid] = [await currentSessionId(a), await currentSessionId(b)];
    clock.advance(11 * MIN); // past the default 10 minutes
    // A session taken over (an open laptop, a stolen cookie) cannot end its owner's other sessions.
    for (const path of [`/v1/me/sessions/${bSid}`, '/v1/me/sessions']) {
      const r = await a.req('DELETE', path);
      expect(r.status, path).toBe(403);
      expect(r.body, path).toMatchObject({ code: 'step_up_required', stepUp: '/v1/auth/step-up' });
    }
    expect((await b.req('GET', '/v1/me')).status).toBe(200);
    expect((await c.req('GET', '/v1/me')).status).toBe(200);
    // A wrong password does not step up; the right one (this account has no second factor) does.
    expect((await a.req('POST', '/v1/auth/step-up', { password: 'not the password at all 1' })).status).toBe(401);
    expect((await a.req('DELETE', `/v1/me/sessions/${bSid}`)).status).toBe(403);
    expect((await a.req('POST', '/v1/auth/step-up', { password })).status).toBe(204);
    expect((await a.req('DELETE', `/v1/me/sessions/${bSid}`)).status).toBe(204);
    expect((await b.req('GET', '/v1/me')).status).toBe(401);
    expect((await a.req('DELETE', '/v1/me/sessions')).status).toBe(204);
    expect((await c.req('GET', '/v1/me')).status).toBe(401);
    // Signing out this very session never asks for more than the session itself.
    clock.advance(11 * MIN);
    expect((await a.req('DELETE', `/v1/me/sessions/${aSid}`)).status).toBe(204);
    expect((await a.req('GET', '/v1/me')).status).toBe(401);
  });

  it("AUTH-4: an organisation's policy shortens its members' inactivity timeout", async () => {
    const { client } = await register('kim.policy@example.com');
    const org = await client.req('POST', '/v1/orgs', { name: 'Strict Ltd' });
    expect((await client.req('PUT', '/v1/me/active-org', { orgId: org.body.id })).status).toBe(204);
    const patch = await client.req('PATCH', '/v1/org', { settings: { sessionIdleTimeoutSeconds: 3600 } });
    expect(patch.status).toBe(200);
    expect(patch.body.settings).toEqual({ sessionIdleTimeoutSeconds: 3600 });
    clock.advance(50 * MIN);
    expect((await client.req('GET', '/v1/me')).status).toBe(200);
    clock.advance(61 * MIN);
    expect((await client.req('GET', '/v1/me')).status).toBe(401);
    // Out of range is refused.
    const again = new Client(base);
    await again.req('POST', '/v1/auth/sign-in', { email: 'kim.policy@example.com', password: passwordOf('kim.policy@example.com') });
    await again.req('PUT', '/v1/me/active-org', { orgId: org.body.id });
    expect((await again.req('PATCH', '/v1/org', { settings: { sessionIdleTimeoutSeconds: 10 } })).status).toBe(400);
  });
});

