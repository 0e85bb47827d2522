/* The second-factor check of the MFA service (service.ts, `checkSecondFactor`: the rate limit,
   the second-step lock, TOTP with its replay guard, recovery codes), driven through step-up on a
   test database with no HTTP app, so the `mfa` mutation group (issue 21) reaches it in seconds
   instead of through test/e2e/mfa.e2e.test.ts. Every TOTP code is computed by Debian's oathtool
   from the secret the service handed out. Claim AUTH-8 (docs/testing.md, "Scores, session 9"). */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../../test/fixtures/db.js';
import { appendAudit } from '../../audit/index.js';
import { loadConfig } from '../../config/load.js';
import { createKeyring, localKekProvider, staticKekSet } from '../../crypto/index.js';
import { fixedClock } from '../../lib/clock.js';
import { RateLimited } from '../../lib/errors.js';
import { createMailer } from '../../mail/index.js';
import { createIdentity, identityConfig, type Identity } from '../index.js';
import { createMfa, MfaInvalid, type Mfa } from './index.js';

const logger = pino({ level: 'silent' });
const source = { ip: '192.0.2.18', userAgent: 'vitest', requestId: 'req_mfa_guard' };
const clock = fixedClock('2034-05-05T10:00:00Z');
// A high per-IP budget: every call here comes from one address. The per-account budget (10 in a
// window) and the lock (5 wrong codes) keep their defaults.
const config = identityConfig(loadConfig({ PALISADE_DEV_MODE: '1', PALISADE_AUTH_RATE_PER_IP: '5000' }));
const password = 'copper meadow lantern 77';
let t: TestDb;
let identity: Identity;
let mfa: Mfa;

beforeAll(async () => {
  t = await createTestDb();
  const mailer = createMailer({ from: 'Palisade <no-reply@localhost>', db: t.db, logger, clock });
  identity = await createIdentity({ db: t.db, clock, logger, config, mailer, heartbeatMs: 1000 });
  const keyring = createKeyring({ record: appendAudit, db: t.db, clock, keks: staticKekSet(localKekProvider(randomBytes(32))) });
  mfa = createMfa({ db: t.db, clock, logger, keyring, identity });
});
afterAll(async () => {
  await identity?.stop();
  await t?.drop();
});

const code = (base32: string, at = clock.now()): string =>
  execFileSync('oathtool', ['--totp', '-b', base32, '-N', `@${Math.floor(at.getTime() / 1000)}`], { encoding: 'utf8' }).trim();
/** A six-digit code that is not the current one. */
const wrong = (base32: string, n: number): string => String((Number(code(base32)) + n * 7919) % 1_000_000).padStart(6, '0');
const sql = <T>(fn: Parameters<typeof asSuperuser<T>>[1]) => asSuperuser(t.ownerUrl, fn);

interface User { userId: string; sessionId: string; email: string }
interface Enrolled extends User { secret: string; recoveryCodes: string[] }

let n = 0;
async function signedIn(): Promise<User> {
  n += 1;
  const email = `mfa.guard${n}@example.com`;
  await identity.accounts.signUp({ email, password }, source);
  await identity.idle();
  const [mail] = await identity.mailer.readOutbox(email, 1);
  await identity.accounts.verifyEmail(decodeURIComponent(/#token=([^\s]+)/.exec(mail?.text ?? '')?.[1] ?? ''), source);
  const r = await identity.accounts.signIn({ email, password }, source);
  return { userId: r.user.id, sessionId: r.session.id, email };
}

/** A signed-in user with a confirmed authenticator app; the clock is then moved past the
    confirmation's step (which the confirmation used). */
async function enrolled(): Promise<Enrolled> {
  const u = await signedIn();
  const { secret } = await mfa.startTotp(u, source);
  const { recoveryCodes } = await mfa.confirmTotp(u, code(secret), source);
  clock.advance(60_000);
  return { ...u, secret, recoveryCodes };
}

async function refused(p: Promise<unknown>): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(MfaInvalid);
}

/** The step-up records of the user, in the order written. */
const stepUps = (userId: string) =>
  sql((q) => q<Array<{ outcome: string; reason: string | null; deny_layer: string | null; metadata: { method?: string } | null }>>`
    select outcome, reason, deny_layer, metadata from audit_events
    where org_id = 'platform' and action = 'auth.step_up' and target_id = ${userId} order by seq`);
const failures = async (userId: string): Promise<number> =>
  (await sql((q) => q<{ failed_mfa: number }[]>`select failed_mfa from users where id = ${userId}`))[0]!.failed_mfa;
const amr = async (sessionId: string): Promise<string[]> =>
  (await sql((q) => q<{ amr: string[] }[]>`select amr from sessions where id = ${sessionId}`))[0]!.amr;
const unusedRecoveryCodes = async (userId: string): Promise<number> =>
  (await sql((q) => q<{ n: number }[]>`select count(*)::int as n from mfa_recovery_codes where user_id = ${userId} and used_at is null`))[0]!.n;

describe('the second-factor check (service level, no HTTP)', () => {
  it('AUTH-8: a correct code is accepted once: the session gains "otp" and the count of wrong codes is cleared; the same code, or an earlier step\'s, is then a replay', async () => {
    const u = await enrolled();
    const c = { userId: u.userId, sessionId: u.sessionId };
    await refused(mfa.stepUp(c, { code: wrong(u.secret, 1) }, source));
    await refused(mfa.stepUp(c, { code: wrong(u.secret, 2) }, source));
    expect(await failures(u.userId)).toBe(2);
    expect(await amr(u.sessionId)).not.toContain('otp');

    const used = code(u.secret);
    await mfa.stepUp(c, { code: used }, source);
    expect(await failures(u.userId)).toBe(0);
    expect(await amr(u.sessionId)).toContain('otp');
    expect(await amr(u.sessionId)).not.toContain('rec');

    await refused(mfa.stepUp(c, { code: used }, source));
    // The previous step's code is inside the window but older than the step just used.
    await refused(mfa.stepUp(c, { code: code(u.secret, new Date(clock.now().getTime() - 30_000)) }, source));
    expect(await failures(u.userId)).toBe(2);

    const records = await stepUps(u.userId);
    expect(records.map((r) => [r.outcome, r.reason])).toEqual([
      ['failed', 'wrong code'],
      ['failed', 'wrong code'],
      ['allowed', null],
      ['failed', 'code already used (replay)'],
      ['failed', 'code already used (replay)'],
    ]);
    expect(records[2]?.metadata?.method).toBe('otp');
  });

  it('AUTH-8: a recovery code is accepted once (typed from paper), audited and mailed with the count left; a malformed, unknown or spent one is refused, counted, and changes nothing else', async () => {
    const u = await enrolled();
    const c = { userId: u.userId, sessionId: u.sessionId };
    await refused(mfa.stepUp(c, { recoveryCode: 'not-a-code' }, source));
    await refused(mfa.stepUp(c, { recoveryCode: 'aaaa-aaaa-aaaa-aaaa-aaaa-aaaa' }, source));
    // An unknown code neither marks the session, clears the count nor is recorded as used.
    expect(await failures(u.userId)).toBe(2);
    expect(await amr(u.sessionId)).not.toContain('rec');
    expect(await unusedRecoveryCodes(u.userId)).toBe(10);

    const paper = (u.recoveryCodes[3] as string).toUpperCase().replace(/-/g, ' ');
    await mfa.stepUp(c, { recoveryCode: paper }, source);
    expect(await failures(u.userId)).toBe(0);
    expect(await amr(u.sessionId)).toContain('rec');
    expect(await amr(u.sessionId)).not.toContain('otp');
    expect(await unusedRecoveryCodes(u.userId)).toBe(9);
    await identity.idle();
    const [mail] = await identity.mailer.readOutbox(u.email, 1);
    expect(mail?.subject).toBe('A recovery code was used to sign in');
    expect(mail?.text).toContain(' 9 unused codes left.');

    await refused(mfa.stepUp(c, { recoveryCode: u.recoveryCodes[3] as string }, source));
    expect(await failures(u.userId)).toBe(1);

    const used = await sql((q) => q<{ metadata: { left: number } }[]>`
      select metadata from audit_events where org_id = 'platform' and action = 'auth.recovery_code_used' and target_id = ${u.userId}`);
    expect(used.map((r) => r.metadata.left)).toEqual([9]);
    const records = await stepUps(u.userId);
    expect(records.map((r) => [r.outcome, r.reason])).toEqual([
      ['failed', 'malformed recovery code'],
      ['failed', 'wrong recovery code'],
      ['allowed', null],
      ['failed', 'recovery code already used'],
    ]);
    expect(records[2]?.metadata?.method).toBe('rec');
  });

  it('AUTH-8: a sign-in\'s second step is recorded with the factor that finished it: a recovery code as "recovery_code" (amr "rec"), a code as "otp"', async () => {
    const u = await enrolled();
    const pending = async () => {
      const r = await identity.accounts.signIn({ email: u.email, password }, source);
      expect(r.next).toBe('mfa');
      return { userId: u.userId, sessionId: r.session.id, email: u.email, step: 'mfa' as const };
    };
    const byRecovery = await pending();
    expect((await mfa.verify(byRecovery, { recoveryCode: u.recoveryCodes[1] as string }, source)).cookie).toMatch(/^__Host-palisade_session=/);
    const byCode = await pending();
    await mfa.verify(byCode, { code: code(u.secret) }, source);
    const finished = await sql((q) => q<Array<{ metadata: { step?: string; method?: string; sessionId?: string } }>>`
      select metadata from audit_events where org_id = 'platform' and action = 'auth.sign_in' and target_id = ${u.userId} and metadata->>'step' = 'mfa' order by seq`);
    expect(finished.map((r) => [r.metadata.sessionId, r.metadata.method])).toEqual([[byRecovery.sessionId, 'recovery_code'], [byCode.sessionId, 'otp']]);
    expect(await amr(byRecovery.sessionId)).toContain('rec');
    expect(await amr(byCode.sessionId)).toContain('otp');
  });

  it('AUTH-8: a code is refused as "no authenticator app set up" without one, and while one is only started (the code of its secret is no factor yet)', async () => {
    const none = await signedIn();
    await refused(mfa.stepUp(none, { code: '123456' }, source));
    const started = await signedIn();
    const { secret } = await mfa.startTotp(started, source);
    await refused(mfa.stepUp(started, { code: code(secret) }, source));
    expect(await amr(started.sessionId)).not.toContain('otp');
    for (const u of [none, started]) {
      expect((await stepUps(u.userId)).map((r) => [r.outcome, r.reason])).toEqual([['failed', 'no authenticator app set up']]);
      expect(await failures(u.userId)).toBe(1);
    }
  });

  it('AUTH-8: while the second step is locked a correct code and a correct recovery code are refused unchecked (denied by the lock, not counted, nothing spent), up to the lock\'s last millisecond; at its end the code is accepted', async () => {
    const u = await enrolled();
    const c = { userId: u.userId, sessionId: u.sessionId };
    const until = new Date(clock.now().getTime() + 10 * 60_000);
    await sql((q) => q`update users set mfa_locked_until = ${until} where id = ${u.userId}`);
    await refused(mfa.stepUp(c, { code: code(u.secret) }, source));
    await refused(mfa.stepUp(c, { recoveryCode: u.recoveryCodes[0] as string }, source));
    clock.set(new Date(until.getTime() - 1));
    await refused(mfa.stepUp(c, { code: code(u.secret) }, source));
    expect(await unusedRecoveryCodes(u.userId)).toBe(10);
    expect(await failures(u.userId)).toBe(0);
    expect(await amr(u.sessionId)).not.toContain('otp');
    const locked = await stepUps(u.userId);
    expect(locked.map((r) => [r.outcome, r.deny_layer, r.reason])).toEqual(Array(3).fill(['denied', 'lockout', 'second step locked']));

    clock.set(until);
    await mfa.stepUp(c, { code: code(u.secret) }, source);
    expect(await amr(u.sessionId)).toContain('otp');
  });

  it('AUTH-8: enrolment confirmations and second-factor checks share one budget per account: the eleventh attempt in a window is rate limited, even with a correct code', async () => {
    const u = await enrolled(); // the confirmation was the first attempt
    const c = { userId: u.userId, sessionId: u.sessionId };
    for (let i = 0; i < 9; i++) await expect(mfa.confirmTotp(c, code(u.secret), source)).rejects.toThrow(/No authenticator-app setup is waiting/);
    await expect(mfa.stepUp(c, { code: code(u.secret) }, source)).rejects.toBeInstanceOf(RateLimited);
    expect(await amr(u.sessionId)).not.toContain('otp');
  });
});
