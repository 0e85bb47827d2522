/* Authentication events that must leave a trace or meet a limit, driving the identity module
   against the real database (issue 21: each test here fails on a change the suite once let
   through):
   - AUTH-12: a password reset and a password change (refused and accepted) are audited, with
     actor, source and outcome, in the platform log;
   - AUTH-11: every authentication endpoint is limited per IP address, and the endpoints that
     name an account also per account, whatever address the requests come from.
   Limits are made small by configuration; time is the injected clock (no sleeps). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import postgres from 'postgres';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { loadConfig } from '../config/load.js';
import { fixedClock } from '../lib/clock.js';
import { createMailer } from '../mail/index.js';
import { createIdentity, identityConfig, type Identity } from './index.js';

const logger = pino({ level: 'silent' });
const clock = fixedClock('2036-03-03T09:00:00Z');
const PER_IP = 3;
const PER_ACCOUNT = 2;
const config = identityConfig(loadConfig({
  PALISADE_DEV_MODE: '1',
  PALISADE_AUTH_RATE_PER_IP: String(PER_IP),
  PALISADE_AUTH_RATE_PER_ACCOUNT: String(PER_ACCOUNT),
}));
let testDb: TestDb;
let identity: Identity;
let ipSeq = 0;
/** A fresh source address per call site, so budgets never mix between tests. */
const freshIp = (): string => { ipSeq += 1; return `198.51.${100 + Math.floor(ipSeq / 250)}.${(ipSeq % 250) + 1}`; };
const src = (ip: string, requestId = `req_${ip.replace(/\D/g, '')}`) => ({ ip, userAgent: 'vitest', requestId });
const owner = <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => asSuperuser(testDb.ownerUrl, fn);
const password = 'orchard lantern marble 31';

beforeAll(async () => {
  testDb = await createTestDb();
  const mailer = createMailer({ from: 'Palisade <no-reply@localhost>', db: testDb.db, logger, clock });
  identity = await createIdentity({ db: testDb.db, clock, logger, config, mailer, heartbeatMs: 200 });
});
afterAll(async () => {
  await identity?.stop();
  await testDb?.drop();
});

/** The token of the link to `path` mailed to `email` (the outbox keeps every message). */
async function linkToken(email: string, path: '/verify-email' | '/reset-password'): Promise<string> {
  await identity.idle();
  const mails = await identity.mailer.readOutbox(email, 20);
  const re = new RegExp(`${path}#token=([^\\s]+)`);
  const found = mails.map((m) => re.exec(m.text)?.[1]).find((t) => t !== undefined);
  return decodeURIComponent(found ?? '');
}

async function makeUser(email: string): Promise<string> {
  await identity.accounts.signUp({ email, password }, src(freshIp()));
  await identity.accounts.verifyEmail(await linkToken(email, '/verify-email'), src(freshIp()));
  const [u] = await owner((sql) => sql<{ id: string }[]>`select id from users where email = ${email}`);
  return u!.id;
}

type Rec = { action: string; outcome: string; actor_type: string; actor_id: string | null; target_id: string | null; source_ip: string | null; request_id: string | null };
const platformRecords = (requestId: string): Promise<Rec[]> =>
  owner((sql) => sql<Rec[]>`select action, outcome, actor_type, actor_id, target_id, source_ip, request_id from audit_events
    where org_id = 'platform' and request_id = ${requestId} order by seq`);

describe('authentication events are audited', () => {
  it('AUTH-12: a password reset by email link is audited (actor, target, source, outcome) in the platform log', async () => {
    const email = 'reset.audited@example.com';
    const userId = await makeUser(email);
    await identity.accounts.forgotPassword(email, src(freshIp()));
    const token = await linkToken(email, '/reset-password');
    expect(token).not.toBe('');
    const ip = freshIp();
    await identity.accounts.resetPassword(token, 'a brand new reset passphrase', src(ip, 'req_reset_audit'));
    expect(await platformRecords('req_reset_audit')).toContainEqual({
      action: 'auth.password_reset', outcome: 'allowed', actor_type: 'user', actor_id: userId, target_id: userId, source_ip: ip, request_id: 'req_reset_audit',
    });
  });

  it('AUTH-12: a password change is audited when refused (wrong current password) and when it succeeds', async () => {
    const email = 'change.audited@example.com';
    const userId = await makeUser(email);
    const { session } = await identity.accounts.signIn({ email, password }, src(freshIp()));
    const who = { userId, sessionId: session.id };
    const ip = freshIp();
    await expect(identity.accounts.changePassword(who, 'not the current password', 'another long passphrase', src(ip, 'req_change_bad'))).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(await platformRecords('req_change_bad')).toContainEqual(expect.objectContaining({ action: 'auth.password_change', outcome: 'failed', actor_id: userId, source_ip: ip }));
    await identity.accounts.changePassword(who, password, 'another long passphrase', src(ip, 'req_change_ok'));
    expect(await platformRecords('req_change_ok')).toContainEqual({
      action: 'auth.password_change', outcome: 'allowed', actor_type: 'user', actor_id: userId, target_id: userId, source_ip: ip, request_id: 'req_change_ok',
    });
  });
});

describe('every authentication endpoint is rate limited', () => {
  const limited = { code: 'rate_limited' };
  // Each endpoint called once with arguments that reach its limiter (the outcome after the limit
  // does not matter: the request over budget must be refused before it).
  const endpoints: Record<string, (ip: string, n: number) => Promise<unknown>> = {
    'sign-up': (ip, n) => identity.accounts.signUp({ email: `limit.signup.${ip}.${n}@example.com`, password }, src(ip)),
    'sign-in': (ip, n) => identity.accounts.signIn({ email: `limit.signin.${ip}.${n}@example.com`, password }, src(ip)),
    'verify-email': (ip) => identity.accounts.verifyEmail('A'.repeat(52), src(ip)),
    'password forgot': (ip, n) => identity.accounts.forgotPassword(`limit.forgot.${ip}.${n}@example.com`, src(ip)),
    'password reset': (ip) => identity.accounts.resetPassword('A'.repeat(52), password, src(ip)),
    'unlock': (ip) => identity.accounts.unlock('A'.repeat(52), src(ip)),
  };

  for (const [name, call] of Object.entries(endpoints)) {
    it(`AUTH-11: ${name} refuses the request over the per-IP budget with rate_limited`, async () => {
      const ip = freshIp();
      for (let n = 0; n < PER_IP; n++) {
        await call(ip, n).catch((e: { code?: string }) => expect(e.code).not.toBe('rate_limited'));
      }
      await expect(call(ip, PER_IP)).rejects.toMatchObject(limited);
      // Another address still has its own budget.
      await call(freshIp(), 0).catch((e: { code?: string }) => expect(e.code).not.toBe('rate_limited'));
    });
  }

  it('AUTH-11: password change is limited per account, across addresses', async () => {
    const email = 'limit.change@example.com';
    const userId = await makeUser(email);
    const { session } = await identity.accounts.signIn({ email, password }, src(freshIp()));
    const ip = freshIp();
    const who = { userId, sessionId: session.id };
    for (let n = 0; n < Math.min(PER_IP, PER_ACCOUNT); n++) {
      await expect(identity.accounts.changePassword(who, `wrong current ${n} passphrase`, 'x', src(ip))).rejects.toMatchObject({ code: 'invalid_credentials' });
    }
    await expect(identity.accounts.changePassword(who, 'wrong again passphrase', 'x', src(freshIp()))).rejects.toMatchObject(limited);
  });

  const perAccount: Record<string, (email: string, ip: string) => Promise<unknown>> = {
    'sign-up': (email, ip) => identity.accounts.signUp({ email, password }, src(ip)),
    'sign-in': (email, ip) => identity.accounts.signIn({ email, password: 'not the password at all' }, src(ip)),
    'password forgot': (email, ip) => identity.accounts.forgotPassword(email, src(ip)),
  };
  for (const [name, call] of Object.entries(perAccount)) {
    it(`AUTH-11: ${name}'s per-account budget holds across IP addresses (each request from a new address)`, async () => {
      const email = `across.${name.replace(/\W/g, '')}@example.com`;
      for (let n = 0; n < PER_ACCOUNT; n++) {
        await call(email, freshIp()).catch((e: { code?: string }) => expect(e.code).not.toBe('rate_limited'));
      }
      await expect(call(email, freshIp())).rejects.toMatchObject(limited);
      // The address case does not open a new budget.
      await expect(call(email.toUpperCase(), freshIp())).rejects.toMatchObject(limited);
    });
  }
});
