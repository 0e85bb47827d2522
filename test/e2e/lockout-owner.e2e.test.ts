/* Lockout is no denial of service against the account's owner (issue 11.2; AUTH-6, AUTH-11),
   attacked over HTTP from the default settings: the attacker knows the owner's address and
   sends wrong passwords from many source addresses, as the penetration test did. Each browser
   is a cookie jar with its own source address (app.http.inject's remoteAddress); the lockout
   mail arrives over real SMTP; time is the injected clock, never a sleep.
   Promised to the attacker: five failures and no browser without the owner's device cookie
   guesses again for 15 minutes — not even with the right password. Promised to the owner: the
   browser they signed in with before still signs in, and the lockout mail's single-use link
   lets a new browser in. (The same attack alerting the organisation: brute-force-alert.e2e.) */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { asSuperuser } from '../fixtures/db.js';
import { createUser, PASSWORD } from '../security/harness.js';
import { startSmtpSink, tokenIn, type SmtpSink } from './identity-helpers.js';

let app: TestApp;
let smtp: SmtpSink;
const clock = fixedClock('2033-02-01T08:00:00Z');

beforeAll(async () => {
  smtp = await startSmtpSink();
  app = await buildTestApp({ clock, env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

let ipCounter = 0;

/** A browser: one source address, a cookie jar. */
class Browser {
  readonly jar = new Map<string, string>();
  constructor(readonly ip = `203.0.113.${++ipCounter}`) {}

  async post(url: string, body: unknown): Promise<{ status: number; code: unknown; setCookies: string[] }> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await app.http.inject({
      method: 'POST', url, remoteAddress: this.ip,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      payload: JSON.stringify(body),
    });
    const raw = res.headers['set-cookie'];
    const setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
    for (const c of setCookies) {
      const pair = c.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value) this.jar.set(name, value);
      else this.jar.delete(name);
    }
    const parsed = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
    return { status: res.statusCode, code: parsed.code, setCookies };
  }

  signIn(email: string, password: string) {
    return this.post('/v1/auth/sign-in', { email, password });
  }
}

/** The database as its owner sees it (no RLS): what an attacker cannot touch, read to check. */
const owner = <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => asSuperuser(app.testDb.ownerUrl, fn);

const lockOf = (userId: string) => owner(async (sql) => (await sql<{ locked_until: Date | null }[]>`select locked_until from users where id = ${userId}`)[0]?.locked_until ?? null);

describe('lockout cannot be turned against the owner', () => {
  it("AUTH-6: an attacker hammering wrong passwords on the owner's address from many addresses cannot stop the owner signing in from their known device; the lock still holds for every other browser, even with the right password", async () => {
    const victim = await createUser(app, 'owner.known@lockout.test');
    const home = new Browser();
    expect((await home.signIn(victim.email, PASSWORD)).status).toBe(200);
    expect(home.jar.get('__Host-palisade_device')).toMatch(/^dev_[a-z2-7]{26}\.[A-Za-z0-9_-]{43}$/);

    // The attacker's own account gives its browser a device cookie too, for that account only.
    const mallory = await createUser(app, 'mallory@lockout.test');
    const attackerBrowser = new Browser();
    expect((await attackerBrowser.signIn(mallory.email, PASSWORD)).status).toBe(200);

    // Twelve wrong passwords from twelve addresses: five count, then locked, then the per-account
    // limit (10 per window; the owner's first sign-in, from a then unknown browser, was one).
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await new Browser().signIn(victim.email, `guess ${i} at the owner's password`)).status);
      clock.advance(1000);
    }
    expect(statuses).toEqual([...Array(9).fill(401), 429, 429, 429]);
    expect((await lockOf(victim.userId))?.getTime()).toBeGreaterThan(clock.now().getTime());

    // The owner, from the browser that signed in before (another address): in.
    const ok = await home.signIn(victim.email, PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.setCookies.some((c) => c.startsWith('__Host-palisade_session='))).toBe(true);

    // The lock still holds for every other browser, even with the right password: a fresh one,
    // the attacker's (its device cookie names another account), and one with a forged cookie.
    // (Once the per-account rate window has ended, so the answer is the lock's, not a 429.)
    clock.advance(10 * 60 * 1000);
    const forged = new Browser();
    forged.jar.set('__Host-palisade_device', `${home.jar.get('__Host-palisade_device')?.split('.')[0]}.${randomBytes(32).toString('base64url')}`);
    for (const b of [new Browser(), attackerBrowser, forged]) {
      const r = await b.signIn(victim.email, PASSWORD);
      expect(r.status).toBe(401);
      expect(r.code).toBe('invalid_credentials');
    }
    // The owner's success did not lift the attacker's lock.
    expect((await lockOf(victim.userId))?.getTime()).toBeGreaterThan(clock.now().getTime());
  });

  it("AUTH-6: a known device has its own budget: five wrong passwords there lock that browser alone, and not the account's other browsers", async () => {
    const user = await createUser(app, 'owner.device.budget@lockout.test');
    const laptop = new Browser();
    const phone = new Browser();
    expect((await laptop.signIn(user.email, PASSWORD)).status).toBe(200);
    expect((await phone.signIn(user.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await laptop.signIn(user.email, `typo number ${i} here`)).status).toBe(401);
    // Locked: the right password from the laptop is refused, the same generic answer.
    expect(await laptop.signIn(user.email, PASSWORD)).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(await lockOf(user.userId)).toBeNull();
    expect((await phone.signIn(user.email, PASSWORD)).status).toBe(200);
    expect((await new Browser().signIn(user.email, PASSWORD)).status).toBe(200);
    // The laptop's lock ends after 15 minutes, like the account's.
    clock.advance(15 * 60 * 1000);
    expect((await laptop.signIn(user.email, PASSWORD)).status).toBe(200);
  });

  it('AUTH-11: a known device is rate limited on its own budget, not the account\'s: the owner gets no 429 while the account\'s budget is spent elsewhere', async () => {
    clock.advance(60 * 60 * 1000);
    const user = await createUser(app, 'owner.rate@lockout.test');
    const home = new Browser();
    expect((await home.signIn(user.email, PASSWORD)).status).toBe(200);
    // Spend the per-account budget (10 per window) from elsewhere, then some.
    for (let i = 0; i < 12; i++) await new Browser().signIn(user.email, `rate guess ${i} xx`);
    expect((await new Browser().signIn(user.email, PASSWORD)).status).toBe(429);
    const r = await home.signIn(user.email, PASSWORD);
    expect(r.status).toBe(200);
  });

  it('AUTH-6: the lockout mail\'s unlock link lets the browser that opens it sign in while the lock holds for others; it works once, and a replayed, expired or forged link is refused', async () => {
    clock.advance(60 * 60 * 1000);
    const user = await createUser(app, 'owner.unlock@lockout.test');
    const from = smtp.messages.length;
    for (let i = 0; i < 5; i++) expect((await new Browser().signIn(user.email, `unlock guess ${i} yy`)).status).toBe(401);
    const mail = await smtp.waitFor((m) => m.to.includes(user.email) && m.subject.includes('locked'), { from });
    expect(mail.text).toMatch(/\/unlock#token=pul_/);
    const token = tokenIn(mail);

    // Forged: the right shape, no such token; another purpose's prefix; garbage.
    const stranger = new Browser();
    for (const t of [`pul_${randomBytes(32).toString('base64url')}`, `prt_${token.slice(4)}`, 'pul_short']) {
      expect(await stranger.post('/v1/auth/unlock', { token: t })).toMatchObject({ status: 400, code: 'invalid_token' });
    }
    expect(stranger.jar.size).toBe(0);

    // The person holding the mailbox, on a new browser: the link makes it a known device.
    const newLaptop = new Browser();
    expect((await newLaptop.signIn(user.email, PASSWORD)).status).toBe(401);
    const opened = await newLaptop.post('/v1/auth/unlock', { token });
    expect(opened.status).toBe(204);
    expect(opened.setCookies).toEqual([expect.stringMatching(/^__Host-palisade_device=dev_[a-z2-7]{26}\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax$/)]);
    expect((await newLaptop.signIn(user.email, PASSWORD)).status).toBe(200);

    // Once only: replayed, from this browser or another.
    expect(await newLaptop.post('/v1/auth/unlock', { token })).toMatchObject({ status: 400, code: 'invalid_token' });
    expect(await stranger.post('/v1/auth/unlock', { token })).toMatchObject({ status: 400, code: 'invalid_token' });
    // The lock still holds for everyone else.
    expect((await stranger.signIn(user.email, PASSWORD)).status).toBe(401);
    expect((await lockOf(user.userId))?.getTime()).toBeGreaterThan(clock.now().getTime());

    // Expired: the next lock's link, 24 hours and a second later.
    clock.advance(15 * 60 * 1000);
    const from2 = smtp.messages.length;
    for (let i = 0; i < 5; i++) expect((await new Browser().signIn(user.email, `second round ${i} zz`)).status).toBe(401);
    const second = tokenIn(await smtp.waitFor((m) => m.to.includes(user.email) && m.subject.includes('locked'), { from: from2 }));
    expect(second).not.toBe(token);
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    expect(await new Browser().post('/v1/auth/unlock', { token: second })).toMatchObject({ status: 400, code: 'invalid_token' });

    // Every use is audited: one allowed unlock, naming the device it made.
    const unlocks = await owner((sql) => sql<{ outcome: string }[]>`select outcome from audit_events where action = 'auth.unlock' and target_id = ${user.userId} and org_id = 'platform'`);
    expect(unlocks.map((u) => u.outcome)).toEqual(['allowed']);
  });
});
