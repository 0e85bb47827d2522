/* What the confined sessions.ts mutation runs (issue 21) found untested, each to the millisecond
   on the injected clock: the cookie a refresh or a reissue (org switch) sets lives exactly as long
   as the row allows (the smaller of the window's end and the inactivity timeout, so near the
   absolute lifetime only until it ends); a session is dead at the very millisecond its inactivity
   timeout, its rolling window or its absolute lifetime ends (also a lifetime shortened after the
   sign-in, on refresh and on reissue); a refused cookie (tampered, revoked, or refused while the
   listener is down) is answered with the clearing cookie, and a request with no cookie gets none;
   the session cap's audit record names the ended session. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import postgres from 'postgres';
import { asSuperuser, type TestDb } from '../../test/fixtures/db.js';
import { cookieValue, identityConfigWith, identityOn, identityOnTestDb, verifiedAccount } from '../../test/fixtures/identity.js';
import { fixedClock } from '../lib/clock.js';
import { SESSION_COOKIE, type Identity } from './index.js';
import { clearedSessionCookie } from './session-token.js';

const source = { ip: '192.0.2.11', userAgent: 'vitest', requestId: 'req_life' };
const clock = fixedClock('2034-03-03T10:00:00Z');
const config = identityConfigWith();
let testDb: TestDb;
let identity: Identity;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ testDb, identity, close } = await identityOnTestDb({ clock, config }));
});
afterAll(async () => {
  await close?.();
});

const request = (cookie: string | null): FastifyRequest =>
  ({ cookies: cookie ? { [SESSION_COOKIE]: cookie } : {}, headers: {}, method: 'GET', routeOptions: { config: { access: 'user' } } }) as unknown as FastifyRequest;

/** Runs authenticate and onSend as the HTTP hooks do (on `node`, this file's node unless given);
    returns the principal's user and the Set-Cookie sent. */
async function call(cookie: string | null, node: Identity = identity): Promise<{ userId: string | null; setCookie: string | undefined }> {
  const req = request(cookie);
  const principal = await node.sessions.authenticate(req);
  let setCookie: string | undefined;
  const reply = { header: (k: string, v: string) => { if (k === 'set-cookie') setCookie = v; return reply; } } as unknown as FastifyReply;
  await node.sessions.onSend(req, reply, null);
  return { userId: principal && principal.kind === 'user' ? principal.userId : null, setCookie };
}

const value = cookieValue;
/** A token's `exp` claim (seconds). */
const expOf = (token: string): number => (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number }).exp;
const maxAge = (setCookie: string): number => Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
const password = 'copper meadow lantern 77';

/** A new verified account signed in once through `node`: its first token. */
async function signedIn(email: string, node: Identity = identity): Promise<string> {
  await verifiedAccount(node, email, password, source);
  return (await signInAgain(email, node)).token;
}

/** Another sign-in of an existing account through `node` (another browser). */
async function signInAgain(email: string, node: Identity = identity): Promise<{ token: string; sid: string; userId: string }> {
  const r = await node.accounts.signIn({ email, password }, source);
  return { token: value(r.session.cookie), sid: r.session.id, userId: r.user.id };
}

describe('session lifetime, to the millisecond', () => {
  it('AUTH-3: a refreshed cookie lives the smaller of the window\'s end and the inactivity timeout; a session is dead at the millisecond its inactivity ends', async () => {
    const { tokenTtlMs, idleTimeoutMs, rollingWindowMs } = config.session;
    expect(idleTimeoutMs).toBeLessThan(rollingWindowMs);
    const token = await signedIn('lifetime.refresh@example.com');
    const start = clock.now().getTime();
    // Just past the token's TTL: the row allows a refresh; the new cookie lives the idle timeout.
    clock.set(new Date(start + tokenTtlMs + 1000));
    const refreshed = await call(token);
    expect(refreshed.userId).not.toBeNull();
    expect(maxAge(refreshed.setCookie!)).toBe(idleTimeoutMs / 1000);
    const fresh = value(refreshed.setCookie!);
    // Exactly at last_seen_at + idle timeout (the refresh above touched the row): dead.
    clock.set(new Date(start + tokenTtlMs + 1000 + idleTimeoutMs));
    const dead = await call(fresh);
    expect(dead.userId).toBeNull();
    expect(dead.setCookie).toBe(clearedSessionCookie());
  });

  it('AUTH-3: a tampered cookie is answered with the clearing cookie; a request without a cookie gets no Set-Cookie', async () => {
    const token = await signedIn('lifetime.tamper@example.com');
    const [h, b, s] = token.split('.') as [string, string, string];
    const tampered = `${h}.${b}.${s.slice(0, 20)}${s[20] === 'A' ? 'B' : 'A'}${s.slice(21)}`;
    const r = await call(tampered);
    expect(r.userId).toBeNull();
    expect(r.setCookie).toBe(clearedSessionCookie());
    const none = await call(null);
    expect(none).toEqual({ userId: null, setCookie: undefined });
    // The control: the genuine cookie authenticates and, inside its TTL, sets nothing.
    expect(await call(token)).toMatchObject({ setCookie: undefined });
    expect((await call(token)).userId).not.toBeNull();
  });
});

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('session lifetime at its limits', () => {
  // A stricter node on the same database: rolling window 30 min, inactivity 2 h, absolute
  // lifetime 1 h. With the inactivity longer than the window, the window alone ends an unused
  // session; and to this file's node (90 days), its lifetime is one shortened after sign-in.
  const short = identityConfigWith({
    PALISADE_SESSION_ROLLING_WINDOW_SECONDS: '1800',
    PALISADE_SESSION_IDLE_TIMEOUT_SECONDS: '7200',
    PALISADE_SESSION_MAX_LIFETIME_SECONDS: '3600',
  });
  let strict: Identity;
  beforeAll(async () => {
    strict = await identityOn(await testDb.connectAgain(), { clock, config: short });
  });
  afterAll(async () => {
    await strict?.stop();
  });

  it('AUTH-3: a session not refreshed within its rolling window is dead at the very millisecond the window ends, however long its inactivity timeout', async () => {
    clock.advance(DAY);
    const t0 = clock.now().getTime();
    const email = 'lifetime.window@example.com';
    await verifiedAccount(strict, email, password, source);
    const [first, second] = [await signInAgain(email, strict), await signInAgain(email, strict)];
    const windowMs = short.session.rollingWindowMs;
    expect(windowMs).toBeLessThan(short.session.idleTimeoutMs);
    // Its last millisecond: the row still allows a refresh.
    clock.set(new Date(t0 + windowMs - 1));
    expect((await call(first.token, strict)).userId).toBe(first.userId);
    // At expires_at itself: dead, and the cookie is cleared.
    clock.set(new Date(t0 + windowMs));
    expect(await call(second.token, strict)).toEqual({ userId: null, setCookie: clearedSessionCookie() });
  });

  it('V7.3.2 AUTH-3: an absolute lifetime shortened after sign-in ends the session at the very millisecond created_at + the new lifetime, on refresh and on reissue (org switch)', async () => {
    clock.advance(DAY);
    const t0 = clock.now().getTime();
    const email = 'lifetime.shortened@example.com';
    // Signed in on the 90-day node: the rows' windows run 30 days.
    await verifiedAccount(identity, email, password, source);
    const [a, b] = [await signInAgain(email), await signInAgain(email)];
    const lifetime = short.session.maxLifetimeMs;
    // A second before the stricter node's lifetime ends: its refresh and its reissue still work,
    // and neither cookie nor token outlives that second (the row's window runs 30 days).
    clock.set(new Date(t0 + lifetime - 1000));
    const refreshed = await call(a.token, strict);
    expect(refreshed.userId).toBe(a.userId);
    expect(maxAge(refreshed.setCookie!)).toBe(1);
    const reissued = await strict.sessions.reissue(b.sid);
    expect(maxAge(reissued!)).toBe(1);
    expect(expOf(value(reissued!))).toBe((t0 + lifetime) / 1000);
    // At created_at + lifetime exactly: nothing else has ended (window 30 days, last seen just now
    // or an hour ago with 2 hours of inactivity allowed), and yet the session is dead.
    clock.set(new Date(t0 + lifetime));
    expect(await call(b.token, strict)).toEqual({ userId: null, setCookie: clearedSessionCookie() });
    expect(await strict.sessions.reissue(b.sid)).toBeNull();
    expect(await strict.sessions.reissue(a.sid)).toBeNull();
  });

  it('AUTH-3: near the absolute lifetime a refreshed or reissued cookie lives only until it ends; at its end an org switch re-signs nothing', async () => {
    clock.advance(DAY);
    const t0 = clock.now().getTime();
    const email = 'lifetime.end@example.com';
    await verifiedAccount(strict, email, password, source);
    const s = await signInAgain(email, strict); // its window runs to t0 + 30 min
    const { rollingWindowMs, maxLifetimeMs } = short.session;
    // 20 minutes in, past the token's 5: the window slides to t0 + 50 min, the cookie lives 30 min
    // (the window, shorter than the 2 hours of inactivity allowed).
    clock.set(new Date(t0 + 20 * MIN));
    const r1 = await call(s.token, strict);
    expect(r1.userId).toBe(s.userId);
    expect(maxAge(r1.setCookie!)).toBe(rollingWindowMs / 1000);
    // 45 minutes in: the window would run to t0 + 75 min; the absolute lifetime cuts it at 60.
    clock.set(new Date(t0 + 45 * MIN));
    const r2 = await call(value(r1.setCookie!), strict);
    expect(r2.userId).toBe(s.userId);
    expect(maxAge(r2.setCookie!)).toBe((maxLifetimeMs - 45 * MIN) / 1000);
    // An org switch at 50 minutes re-signs the token: its cookie lives the 10 minutes left.
    clock.set(new Date(t0 + 50 * MIN));
    const reissued = await strict.sessions.reissue(s.sid);
    expect(maxAge(reissued!)).toBe(10 * 60);
    expect(await call(value(reissued!), strict)).toEqual({ userId: s.userId, setCookie: undefined });
    clock.set(new Date(t0 + maxLifetimeMs - 1000));
    expect(maxAge((await strict.sessions.reissue(s.sid))!)).toBe(1);
    clock.set(new Date(t0 + maxLifetimeMs));
    expect(await strict.sessions.reissue(s.sid)).toBeNull();
    expect(await call(value(reissued!), strict)).toEqual({ userId: null, setCookie: clearedSessionCookie() });
  });

  it('AUTH-3: a reissued cookie lives the inactivity timeout when the window ends later', async () => {
    clock.advance(DAY);
    const email = 'lifetime.reissue@example.com';
    await verifiedAccount(identity, email, password, source);
    const s = await signInAgain(email);
    clock.advance(MIN);
    expect(maxAge((await identity.sessions.reissue(s.sid))!)).toBe(config.session.idleTimeoutMs / 1000);
  });
});

describe('refused cookies are cleared', () => {
  it('AUTH-4: a revoked session\'s token, still within its lifetime, is refused and its cookie cleared', async () => {
    const email = 'lifetime.revoked@example.com';
    await verifiedAccount(identity, email, password, source);
    const s = await signInAgain(email);
    expect((await call(s.token)).userId).toBe(s.userId);
    await identity.revokeSession({ userId: s.userId, sessionId: s.sid }, s.sid, source);
    expect(await call(s.token)).toEqual({ userId: null, setCookie: clearedSessionCookie() });
  });

  it('AUTH-4: while the listener is down, a session revoked behind its back is refused from its row, and its cookie cleared', async () => {
    // A node of its own whose bus beats once a minute: no heartbeat echo gives its trust back
    // during the test.
    const lone = await identityOn(await testDb.connectAgain(), { clock, config, heartbeatMs: 60 * 60_000 });
    try {
      const email = 'lifetime.listener@example.com';
      await verifiedAccount(lone, email, password, source);
      const s = await signInAgain(email, lone);
      // Revoked with triggers off (replica role): no NOTIFY, as if the notification were lost.
      await asSuperuser(testDb.ownerUrl, (sql) =>
        sql.begin(async (tx) => {
          await tx`set local session_replication_role = replica`;
          await tx`update sessions set revoked_at = ${clock.now()}, revoked_reason = 'test' where id = ${s.sid}`;
        }),
      );
      // The set never heard of it and trusts itself: the token's signature decides.
      expect((await call(s.token, lone)).userId).toBe(s.userId);
      lone.revocations.markUnhealthy();
      expect(await call(s.token, lone)).toEqual({ userId: null, setCookie: clearedSessionCookie() });
    } finally {
      await lone.stop();
    }
  });
});

describe('the session cap', () => {
  it('V7.1.2 AUTH-12: a sign-in beyond the cap ends the least recently used session, audited with that session as target, the limit and the new session', async () => {
    const capped = await identityOn(await testDb.connectAgain(), { clock, config: identityConfigWith({ PALISADE_SESSION_MAX_PER_USER: '1' }) });
    try {
      const email = 'lifetime.cap@example.com';
      await verifiedAccount(capped, email, password, source);
      const first = await signInAgain(email, capped);
      clock.advance(MIN);
      const second = await signInAgain(email, capped);
      expect((await call(first.token, capped)).userId).toBeNull();
      expect((await call(second.token, capped)).userId).toBe(second.userId);
      const records = await asSuperuser(testDb.ownerUrl, (sql: postgres.Sql) => sql<Array<Record<string, unknown>>>`
        select org_id, actor_type, actor_id, target_type, target_id, reason, metadata from audit_events
        where action = 'auth.session_revoked' and actor_id = ${first.userId}`);
      expect(records).toEqual([{
        org_id: 'platform', actor_type: 'user', actor_id: first.userId, target_type: 'session', target_id: first.sid,
        reason: 'session_limit', metadata: { userId: first.userId, limit: 1, newSession: second.sid },
      }]);
    } finally {
      await capped.stop();
    }
  });
});
