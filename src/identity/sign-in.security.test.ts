/* Sign-in against the real database, driving the identity module directly, with every
   statement it sends recorded (postgres.js `debug`): the structural guarantees that survive its
   folding into two statements (issue 6) —
   - AUTH-7: an unknown address, a wrong password and a locked account run the same statements
     and one verification each;
   - AUTH-12: the session and its audit records commit together or not at all, in the platform
     log and the user's organisations' logs;
   - AUTH-6: the lockout counts and is not extended while locked, and a success clears it;
   - AUTH-11: rate limits are counted atomically in PostgreSQL (no overshoot under concurrency),
     per IP and per account, answered with the time left in the window, before any hash;
   - the hash is replaced on sign-in when the parameters changed;
   - no address or password is stored where it must not be. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import postgres from 'postgres';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { loadConfig } from '../config/load.js';
import { ensureRoleLogins, roleUrl, type Db } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { createMailer } from '../mail/index.js';
import type { Background } from './background.js';
import { createIdentity, identityConfig, type Identity } from './index.js';
import { createPasswordHasher, type PasswordHasher } from './passwords.js';
import { createRateLimiter } from './rate-limit.js';
import * as repo from './repo.js';

const logger = pino({ level: 'silent' });
const clock = fixedClock('2035-05-05T08:00:00Z');
const config = identityConfig(loadConfig({ PALISADE_DEV_MODE: '1' }));
let testDb: TestDb;
/** Statements sent through the recording pools, whitespace-collapsed. */
const statements: string[] = [];
let recordingDb: Db;

beforeAll(async () => {
  testDb = await createTestDb();
  const secrets = await ensureRoleLogins(testDb.ownerUrl);
  // The revocation listener's LISTEN and heartbeat NOTIFYs share the pools; they are not sign-in's.
  const debug = (_connection: number, query: string): void => {
    if (!/pg_notify|^\s*listen|^\s*unlisten/i.test(query)) statements.push(query.replace(/\s+/g, ' ').trim());
  };
  const app = postgres(roleUrl(testDb.ownerUrl, 'palisade_app', secrets.palisade_app), { max: 2, onnotice: () => {}, debug });
  const system = postgres(roleUrl(testDb.ownerUrl, 'palisade_system', secrets.palisade_system), { max: 3, onnotice: () => {}, debug });
  recordingDb = { app, system, async close() { await Promise.all([app.end(), system.end()]); } };
});
afterAll(async () => {
  await recordingDb?.close();
  await testDb?.drop();
});

/** Background work held back (lockout mail): tests run it when they want it. */
function heldBackground(): Background & { held: Array<() => Promise<void>> } {
  const held: Array<() => Promise<void>> = [];
  return { held, run: (_name, task) => void held.push(task), idle: async () => {} };
}

function countingHasher(real: PasswordHasher): PasswordHasher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    config: real.config,
    hash: (p) => real.hash(p),
    needsRehash: (h) => real.needsRehash(h),
    verify: async (h, p) => {
      calls.push('verify');
      return real.verify(h, p);
    },
    verifyDummy: async (p) => {
      calls.push('dummy');
      return real.verifyDummy(p);
    },
  };
}

async function build(extra: { hasher?: PasswordHasher; background?: Background; env?: Record<string, string> } = {}): Promise<Identity> {
  const cfg = extra.env ? identityConfig(loadConfig({ PALISADE_DEV_MODE: '1', ...extra.env })) : config;
  const mailer = createMailer({ from: 'Palisade <no-reply@localhost>', db: recordingDb, logger, clock });
  return createIdentity({
    db: recordingDb,
    clock,
    logger,
    config: cfg,
    mailer,
    heartbeatMs: 60_000,
    ...(extra.hasher ? { hasher: extra.hasher } : {}),
    ...(extra.background ? { background: extra.background } : {}),
  });
}

const owner = <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => asSuperuser(testDb.ownerUrl, fn);

/** A verified user written directly (the sign-up flow has its own tests), optionally a member of new organisations. */
async function makeUser(hasher: PasswordHasher, email: string, password: string, orgs = 0): Promise<{ id: string; orgIds: string[] }> {
  const id = newId('usr');
  const hash = await hasher.hash(password);
  const orgIds = Array.from({ length: orgs }, () => newId('org'));
  await owner(async (sql) => {
    await sql`insert into users (id, email, email_key, name, password_hash, password_changed_at, email_verified_at)
              values (${id}, ${email}, ${email.toLowerCase()}, null, ${hash}, now(), now())`;
    for (const org of orgIds) {
      await sql`insert into orgs (id, name) values (${org}, ${`Org ${org}`})`;
      await sql`insert into memberships (org_id, user_id, roles) values (${org}, ${id}, ${['admin']})`;
    }
  });
  return { id, orgIds };
}

let ipCounter = 0;
/** A fresh source address per call, so the per-IP budget of one test never limits another. */
function source(userAgent = 'vitest') {
  ipCounter += 1;
  return { ip: `198.51.100.${ipCounter}`, userAgent, requestId: `req_${ipCounter}` };
}

async function recorded<T>(fn: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; sent: string[] }> {
  statements.length = 0;
  const [result] = await Promise.allSettled([fn()]);
  return { result: result as PromiseSettledResult<T>, sent: [...statements] };
}

describe('sign-in statements', () => {
  let identity: Identity;
  let hasher: PasswordHasher & { calls: string[] };
  const background = heldBackground();

  beforeAll(async () => {
    hasher = countingHasher(await createPasswordHasher(config.hashing));
    identity = await build({ hasher, background });
  });
  afterAll(async () => {
    await identity.stop();
  });

  it('AUTH-7: an unknown address, a wrong password and a locked account run the same statements, each with one verification', async () => {
    const password = 'juniper harbour lantern 14';
    await makeUser(hasher, 'same.statements@example.com', password);
    const locked = await makeUser(hasher, 'same.locked@example.com', password);
    await owner((sql) => sql`update users set locked_until = ${new Date(clock.now().getTime() + 60_000)} where id = ${locked.id}`);

    hasher.calls.length = 0;
    const wrong = await recorded(() => identity.accounts.signIn({ email: 'same.statements@example.com', password: 'not the password at all' }, source()));
    const wrongCalls = hasher.calls.splice(0);
    const unknown = await recorded(() => identity.accounts.signIn({ email: 'nobody.here@example.com', password: 'not the password at all' }, source()));
    const unknownCalls = hasher.calls.splice(0);
    const lockedTry = await recorded(() => identity.accounts.signIn({ email: 'same.locked@example.com', password }, source()));
    const lockedCalls = hasher.calls.splice(0);

    for (const r of [wrong, unknown, lockedTry]) {
      expect(r.result.status).toBe('rejected');
      expect((r.result as PromiseRejectedResult).reason).toMatchObject({ code: 'invalid_credentials' });
    }
    expect(wrongCalls).toEqual(['verify']);
    expect(unknownCalls).toEqual(['dummy']);
    expect(lockedCalls).toEqual(['verify']);
    // The same statements, in the same order: lookup, then one transaction (count, audit).
    expect(unknown.sent).toEqual(wrong.sent);
    expect(lockedTry.sent).toEqual(wrong.sent);
    expect(wrong.sent[0]).toMatch(/^with wanted as .* insert into auth_rate_limits .* left join users u on u\.email_key = \$\d+$/);
    expect(wrong.sent.slice(1, 3)).toEqual(['begin', expect.stringMatching(/set_config/)]);
    expect(wrong.sent[3]).toMatch(/^update users set failed_sign_ins/);
    expect(wrong.sent.slice(4)).toEqual([expect.stringMatching(/^insert into audit_events/), 'commit']);
  });

  it('a successful sign-in is two statements: the lookup, and one statement holding the session and its audit records', async () => {
    const password = 'walnut meadow compass 31';
    const { orgIds } = await makeUser(hasher, 'two.statements@example.com', password, 1);
    const ok = await recorded(() => identity.accounts.signIn({ email: 'two.statements@example.com', password }, source()));
    expect(ok.result.status).toBe('fulfilled');
    expect(ok.sent).toHaveLength(2);
    expect(ok.sent[0]).toMatch(/^with wanted as /);
    expect(ok.sent[1]).toMatch(/^with signed_in as \( update users .* session as \( insert into sessions .*, "audit_0" as \( insert into audit_events .*"audit_3" as \( insert into audit_events .* select$/);
    expect(orgIds).toHaveLength(1);
  });
});

describe('sign-in atomicity', () => {
  let identity: Identity;
  let hasher: PasswordHasher;

  beforeAll(async () => {
    hasher = await createPasswordHasher(config.hashing);
    identity = await build({ hasher, background: heldBackground() });
  });
  afterAll(async () => {
    await identity.stop();
  });

  const countFor = (userId: string) =>
    owner(async (sql) => {
      const [s] = await sql<{ n: number }[]>`select count(*)::int as n from sessions where user_id = ${userId}`;
      const [a] = await sql<{ n: number }[]>`select count(*)::int as n from audit_events where action in ('auth.sign_in', 'auth.session_created') and actor_id = ${userId}`;
      return { sessions: s?.n ?? -1, audits: a?.n ?? -1 };
    });

  it("AUTH-12: the session and its audit records land together, in the platform log and each of the user's organisations' logs", async () => {
    const password = 'granite willow teapot 77';
    const u = await makeUser(hasher, 'atomic.ok@example.com', password, 2);
    const r = await identity.accounts.signIn({ email: 'atomic.ok@example.com', password }, source());
    const rows = await owner((sql) => sql<{ org_id: string; action: string; target_id: string }[]>`
      select org_id, action, target_id from audit_events where actor_id = ${u.id} order by org_id, action`);
    const expected = ['platform', ...u.orgIds].flatMap((org) => [
      { org_id: org, action: 'auth.session_created', target_id: r.session.id },
      { org_id: org, action: 'auth.sign_in', target_id: u.id },
    ]);
    expect(rows.map((x) => ({ ...x }))).toEqual(expect.arrayContaining(expected));
    expect(rows).toHaveLength(expected.length);
    const [session] = await owner((sql) => sql<{ active_org_id: string | null }[]>`select active_org_id from sessions where id = ${r.session.id}`);
    // The oldest membership is the active organisation.
    expect(u.orgIds).toContain(session?.active_org_id);
  });

  it('AUTH-12: when the session row cannot be written, no audit record of the sign-in remains (and no token is handed out)', async () => {
    const password = 'copper lagoon violin 12';
    const u = await makeUser(hasher, 'atomic.session@example.com', password, 1);
    // The sessions table refuses a user agent over 512 characters (the HTTP layer truncates;
    // here it is the way to make that one insert fail).
    await expect(identity.accounts.signIn({ email: 'atomic.session@example.com', password }, source('x'.repeat(600)))).rejects.toThrow();
    expect(await countFor(u.id)).toEqual({ sessions: 0, audits: 0 });
  });

  it('AUTH-12: when an audit record cannot be written, the session does not exist either', async () => {
    const password = 'amber tundra whistle 5';
    const u = await makeUser(hasher, 'atomic.audit@example.com', password, 1);
    const [org] = u.orgIds;
    // Only this organisation's copy of auth.session_created is refused: the last record of the fan-out.
    // (DDL takes no bind parameters; the id is newId's base32.)
    if (!org || !/^org_[a-z0-9]+$/.test(org)) throw new Error(`unexpected org id ${org}`);
    await owner((sql) => sql.unsafe(`alter table audit_events add constraint test_refuse_one check (not (org_id = '${org}' and action = 'auth.session_created')) not valid`));
    try {
      await expect(identity.accounts.signIn({ email: 'atomic.audit@example.com', password }, source())).rejects.toThrow(/test_refuse_one/);
      expect(await countFor(u.id)).toEqual({ sessions: 0, audits: 0 });
    } finally {
      await owner((sql) => sql`alter table audit_events drop constraint test_refuse_one`);
    }
    // And with the constraint gone the same sign-in works.
    await identity.accounts.signIn({ email: 'atomic.audit@example.com', password }, source());
    expect(await countFor(u.id)).toEqual({ sessions: 1, audits: 4 });
  });
});

describe('lockout and rehash', () => {
  it('AUTH-6: attempts while locked are not counted and do not extend the lock; a success after it ends clears the count', async () => {
    const hasher = await createPasswordHasher(config.hashing);
    const background = heldBackground();
    const identity = await build({ hasher, background });
    try {
      const password = 'saffron canyon piano 61';
      const u = await makeUser(hasher, 'lock.count@example.com', password, 1);
      const state = async () => (await owner((sql) => sql<{ failed_sign_ins: number; locked_until: Date | null }[]>`select failed_sign_ins, locked_until from users where id = ${u.id}`))[0];
      for (let i = 0; i < config.lockout.threshold; i++) {
        await expect(identity.accounts.signIn({ email: 'lock.count@example.com', password: `wrong guess ${i} abc` }, source())).rejects.toMatchObject({ code: 'invalid_credentials' });
      }
      const lockedAt = await state();
      expect(lockedAt?.failed_sign_ins).toBe(0);
      expect(lockedAt?.locked_until?.getTime()).toBe(clock.now().getTime() + config.lockout.durationMs);
      expect(background.held).toHaveLength(1); // the lockout mail, once
      clock.advance(60_000);
      await expect(identity.accounts.signIn({ email: 'lock.count@example.com', password: 'another wrong one' }, source())).rejects.toMatchObject({ code: 'invalid_credentials' });
      await expect(identity.accounts.signIn({ email: 'lock.count@example.com', password }, source())).rejects.toMatchObject({ code: 'invalid_credentials' });
      expect(await state()).toEqual(lockedAt);
      const lockouts = await owner((sql) => sql`select org_id from audit_events where action = 'auth.lockout' and target_id = ${u.id}`);
      expect(lockouts.map((r) => r.org_id).sort()).toEqual(['platform', ...u.orgIds].sort());
      clock.advance(config.lockout.durationMs);
      await identity.accounts.signIn({ email: 'lock.count@example.com', password }, source());
      expect(await state()).toEqual({ failed_sign_ins: 0, locked_until: null });
    } finally {
      await identity.stop();
    }
  });

  it('a hash made with other parameters is replaced at sign-in, once; the password still works', async () => {
    const current = await createPasswordHasher(config.hashing);
    const older = await createPasswordHasher({ ...config.hashing, argon2TimeCost: config.hashing.argon2TimeCost + 1 });
    const identity = await build({ hasher: current, background: heldBackground() });
    try {
      const password = 'cobalt prairie lantern 8';
      const u = await makeUser(older, 'rehash.me@example.com', password);
      const stored = async () => (await owner((sql) => sql<{ password_hash: string }[]>`select password_hash from users where id = ${u.id}`))[0]?.password_hash ?? '';
      const before = await stored();
      expect(current.needsRehash(before)).toBe(true);
      await identity.accounts.signIn({ email: 'rehash.me@example.com', password }, source());
      const after = await stored();
      expect(after).not.toBe(before);
      expect(current.needsRehash(after)).toBe(false);
      expect(await current.verify(after, password)).toBe(true);
      await identity.accounts.signIn({ email: 'rehash.me@example.com', password }, source());
      expect(await stored()).toBe(after);
      const flags = await owner((sql) => sql<{ rehashed: boolean }[]>`
        select (metadata->>'rehashed')::boolean as rehashed from audit_events
        where action = 'auth.sign_in' and org_id = 'platform' and actor_id = ${u.id} order by seq`);
      expect(flags.map((f) => f.rehashed)).toEqual([true, false]);
    } finally {
      await identity.stop();
    }
  });
});

describe('rate limits', () => {
  it('AUTH-11: concurrent hits never overshoot the limit; the refusal says how long the window has left', async () => {
    const limiter = createRateLimiter({ db: recordingDb, clock, windowMs: 600_000, perIp: 1000, perAccount: 7 });
    const account = `race.${randomBytes(4).toString('hex')}@example.com`;
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => limiter.hit('sign_in', { ip: `203.0.113.${i}`, account })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 600 });
    clock.advance(450_000);
    await expect(limiter.hit('sign_in', { ip: '203.0.113.99', account })).rejects.toMatchObject({ retryAfterSeconds: 150 });
    clock.advance(150_000);
    await expect(limiter.hit('sign_in', { ip: '203.0.113.99', account })).resolves.toBeUndefined();
  });

  it('AUTH-11: a sign-in over the per-IP or per-account budget is refused before any password verification', async () => {
    const hasher = countingHasher(await createPasswordHasher(config.hashing));
    const identity = await build({ hasher, background: heldBackground(), env: { PALISADE_AUTH_RATE_PER_IP: '3', PALISADE_AUTH_RATE_PER_ACCOUNT: '2' } });
    try {
      clock.advance(3_600_000);
      const ip = source();
      // Per account, across addresses.
      for (let i = 0; i < 2; i++) await expect(identity.accounts.signIn({ email: 'budget.acct@example.com', password: 'whatever it is here' }, source())).rejects.toMatchObject({ code: 'invalid_credentials' });
      hasher.calls.length = 0;
      await expect(identity.accounts.signIn({ email: 'BUDGET.acct@example.com', password: 'whatever it is here' }, source())).rejects.toMatchObject({ code: 'rate_limited' });
      expect(hasher.calls).toEqual([]);
      // Per IP, across accounts.
      for (let i = 0; i < 3; i++) await expect(identity.accounts.signIn({ email: `budget.ip.${i}@example.com`, password: 'whatever it is here' }, ip)).rejects.toMatchObject({ code: 'invalid_credentials' });
      hasher.calls.length = 0;
      await expect(identity.accounts.signIn({ email: 'budget.ip.9@example.com', password: 'whatever it is here' }, ip)).rejects.toMatchObject({ code: 'rate_limited' });
      expect(hasher.calls).toEqual([]);
    } finally {
      await identity.stop();
    }
  });

  it('AUTH-11: pruning expired windows skips a counter a request holds locked instead of waiting for it (no deadlock with sign-in)', async () => {
    const now = clock.now();
    const past = new Date(now.getTime() - 1000);
    await owner((sql) => sql`insert into auth_rate_limits (key, points, window_ends_at) values ('test:held', 1, ${past}), ('test:free', 1, ${past})`);
    const holder = postgres(testDb.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      await holder.begin(async (tx) => {
        await tx`select 1 from auth_rate_limits where key = 'test:held' for update`;
        // Would block until this transaction ends (and this test time out) if it waited.
        expect(await repo.pruneRateLimits(recordingDb.system, now)).toBeGreaterThanOrEqual(1);
      });
    } finally {
      await holder.end();
    }
    const left = await owner((sql) => sql`select key from auth_rate_limits where key like 'test:%'`);
    expect(left.map((r) => r.key)).toEqual(['test:held']);
  });
});

describe('what sign-in stores', () => {
  it('AUTH-1: no password, and no address typed for an unknown account, is stored in the audit log, the rate-limit counters or the session', async () => {
    const hasher = await createPasswordHasher(config.hashing);
    const identity = await build({ hasher, background: heldBackground() });
    try {
      const password = 'velvet orchard meteor 23';
      await makeUser(hasher, 'stores.nothing@example.com', password, 1);
      const typo = 'typed-but-unknown@example.com';
      const wrongPassword = 'my other password 999';
      await expect(identity.accounts.signIn({ email: typo, password: wrongPassword }, source())).rejects.toMatchObject({ code: 'invalid_credentials' });
      await expect(identity.accounts.signIn({ email: 'stores.nothing@example.com', password: wrongPassword }, source())).rejects.toMatchObject({ code: 'invalid_credentials' });
      await identity.accounts.signIn({ email: 'stores.nothing@example.com', password }, source());
      const hits = await owner((sql) => sql<{ t: string; n: number }[]>`
        select 'audit' as t, count(*)::int as n from audit_events a where row_to_json(a)::text ~* any (${[password, wrongPassword, typo, 'stores.nothing@']})
        union all
        select 'rate', count(*)::int from auth_rate_limits r where row_to_json(r)::text ~* any (${[password, wrongPassword, typo, 'stores.nothing@']})
        union all
        select 'sessions', count(*)::int from sessions s where row_to_json(s)::text ~* any (${[password, wrongPassword, typo, 'stores.nothing@']})`);
      expect(hits).toEqual([{ t: 'audit', n: 0 }, { t: 'rate', n: 0 }, { t: 'sessions', n: 0 }]);
    } finally {
      await identity.stop();
    }
  });
});
