/* Second factors over real HTTP, real PostgreSQL and real SMTP, with an injected clock. Every
   TOTP code is computed by Debian's oathtool from the secret the server handed out, never by
   the library under test. The attacks of issue 14: replay of a used code, recovery-code reuse,
   a pending-MFA session calling every other route, guessing codes (lockout), removing the last
   factor of a member of an organisation that requires MFA, sensitive actions without a recent
   authentication. Claims AUTH-8, AUTH-12. */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { asSuperuser } from '../fixtures/db.js';
import { fixedClock } from '../../src/lib/clock.js';
import { Client, goodPassword, listen, registerAndSignIn, startSmtpSink, tokenIn, type SmtpSink } from './identity-helpers.js';

const clock = fixedClock('2034-03-03T10:00:00Z');
const MIN = 60_000;
let app: TestApp;
let smtp: SmtpSink;
let base = '';

beforeAll(async () => {
  smtp = await startSmtpSink();
  // Every request comes from 127.0.0.1: a high per-IP budget keeps suites from limiting each other;
  // the per-account budget stays at its default.
  app = await buildTestApp({ clock, env: { SMTP_URL: smtp.url, PALISADE_AUTH_RATE_PER_IP: '5000' } });
  base = await listen(app);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

function oathtool(base32: string, at: Date): string {
  return execFileSync('oathtool', ['--totp', '-b', base32, '-N', `@${Math.floor(at.getTime() / 1000)}`], { encoding: 'utf8' }).trim();
}
const code = (secret: string, offsetMs = 0) => oathtool(secret, new Date(clock.now().getTime() + offsetMs));

const sql = <T>(fn: Parameters<typeof asSuperuser<T>>[1]) => asSuperuser(app.testDb.ownerUrl, fn);

let userN = 0;
async function newUser(): Promise<{ email: string; password: string; client: Client }> {
  userN += 1;
  const email = `mfa${userN}-${Date.now().toString(36)}@example.com`;
  const password = goodPassword();
  return { email, password, client: await registerAndSignIn(base, smtp, email, password) };
}

/** Enrols TOTP for a signed-in client; returns the base32 secret and the recovery codes. */
async function enrol(c: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await c.req('POST', '/v1/me/mfa/totp');
  expect(start.status).toBe(201);
  const secret = start.body.secret as string;
  const confirm = await c.req('POST', '/v1/me/mfa/totp/confirm', { code: code(secret) });
  expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
  return { secret, recoveryCodes: confirm.body.recoveryCodes as string[] };
}

async function signIn(email: string, password: string): Promise<{ client: Client; next: unknown }> {
  const client = new Client(base);
  const r = await client.req('POST', '/v1/auth/sign-in', { email, password });
  expect(r.status).toBe(200);
  return { client, next: r.body.next };
}

async function auditActions(userId: string): Promise<Array<{ action: string; outcome: string; reason: string | null }>> {
  return sql((s) => s<Array<{ action: string; outcome: string; reason: string | null }>>`
    select action, outcome, reason from audit_events where org_id = 'platform' and (target_id = ${userId} or actor_id = ${userId}) order by occurred_at, id`);
}

describe('TOTP enrolment and sign-in', () => {
  it('AUTH-8: enrol (secret, otpauth URI, QR code), confirm with an oathtool code, ten recovery codes; the secret rests sealed and the codes as hashes only', async () => {
    const { client } = await newUser();
    const start = await client.req('POST', '/v1/me/mfa/totp');
    expect(start.status).toBe(201);
    const secret = start.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(start.body.otpauthUri as string);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(start.body.qrSvg).toMatch(/^<svg/);
    expect((await client.req('GET', '/v1/me/mfa')).body).toMatchObject({ totp: { enabled: false, pending: true } });

    // A wrong first code does not confirm.
    const wrong = await client.req('POST', '/v1/me/mfa/totp/confirm', { code: code(secret, 5 * MIN) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('mfa_invalid');
    const ok = await client.req('POST', '/v1/me/mfa/totp/confirm', { code: code(secret) });
    expect(ok.status).toBe(200);
    const codes = ok.body.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect((await client.req('GET', '/v1/me/mfa')).body).toMatchObject({ totp: { enabled: true, pending: false }, recoveryCodesLeft: 10 });

    const me = await client.req('GET', '/v1/me');
    const userId = (me.body.user as { id: string }).id;
    const raw = Buffer.from(base32Decode(secret));
    const rows = await sql((s) => s<{ secret: Buffer }[]>`select secret from mfa_totp where user_id = ${userId}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secret.includes(raw)).toBe(false);
    expect(rows[0]!.secret.toString('latin1')).not.toContain(secret);
    // A keyring envelope, under a key of the platform chain.
    const keys = await sql((s) => s`select 1 from crypto_keys where org_id = 'platform' and subject_id = ${userId}`);
    expect(keys).toHaveLength(1);
    const dump = await sql((s) => s<{ t: string }[]>`select string_agg(encode(code_hash, 'escape'), '') as t from mfa_recovery_codes where user_id = ${userId}`);
    for (const c of codes) expect(dump[0]!.t ?? '').not.toContain(c.replace('-', ''));
    const actions = (await auditActions(userId)).map((a) => a.action);
    expect(actions).toContain('auth.mfa_enrolment_started');
    expect(actions).toContain('auth.mfa_enrolled');
    await smtp.waitFor((m) => m.subject.startsWith('A second factor was added'));
  });

  it('AUTH-8: sign-in answers next "mfa"; an oathtool code finishes it; the code cannot be replayed', async () => {
    const { email, password, client } = await newUser();
    const { secret } = await enrol(client);
    clock.advance(30_000);
    const first = await signIn(email, password);
    expect(first.next).toBe('mfa');
    expect((await first.client.req('GET', '/v1/me')).status).toBe(401);
    const c = code(secret);
    const ok = await first.client.req('POST', '/v1/auth/mfa/verify', { code: c });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await first.client.req('GET', '/v1/me')).status).toBe(200);

    // Attack: the same code again (another sign-in, same 30-second window).
    const second = await signIn(email, password);
    const replay = await second.client.req('POST', '/v1/auth/mfa/verify', { code: c });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('mfa_invalid');
    expect((await second.client.req('GET', '/v1/me')).status).toBe(401);
    // The next step's code works (one step of drift either side is accepted).
    clock.advance(30_000);
    expect((await second.client.req('POST', '/v1/auth/mfa/verify', { code: code(secret, -30_000) })).status).toBe(401); // = c's step: used
    const next = await second.client.req('POST', '/v1/auth/mfa/verify', { code: code(secret, 30_000) });
    expect(next.status).toBe(200);
    const userId = (next.body.user as { id: string }).id;
    const verifies = (await auditActions(userId)).filter((a) => a.action === 'auth.mfa_verify');
    expect(verifies.some((v) => v.outcome === 'failed' && v.reason === 'code already used (replay)')).toBe(true);
  });

  it('V6.4.3: a password reset does not bypass the second factor: it opens no session, ends every session, keeps the factor, and the next sign-in still asks for it', async () => {
    const { email, password, client } = await newUser();
    const { secret } = await enrol(client);
    clock.advance(30_000);
    const before = smtp.messages.length;
    const forgot = await new Client(base).req('POST', '/v1/auth/password/forgot', { email });
    expect(forgot.status).toBe(202);
    const mail = await smtp.waitFor((m) => m.to === email && /reset/i.test(m.subject), { from: before });
    const resetter = new Client(base);
    const newPassword = goodPassword();
    const reset = await resetter.req('POST', '/v1/auth/password/reset', { token: tokenIn(mail), password: newPassword });
    expect(reset.status, JSON.stringify(reset.body)).toBe(204);
    // The reset itself signs nobody in.
    expect(resetter.cookie).toBeNull();
    expect((await resetter.req('GET', '/v1/me')).status).toBe(401);
    // The session that enrolled the factor is gone.
    expect((await client.req('GET', '/v1/me')).status).toBe(401);
    // The old password is refused; the new one reaches only the second step.
    expect((await new Client(base).req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(401);
    const { client: next, next: step } = await signIn(email, newPassword);
    expect(step).toBe('mfa');
    expect((await next.req('GET', '/v1/me')).status).toBe(401);
    expect((await next.req('GET', '/v1/me/mfa')).status).toBe(401);
    const done = await next.req('POST', '/v1/auth/mfa/verify', { code: code(secret) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await next.req('GET', '/v1/me/mfa')).body).toMatchObject({ totp: { enabled: true } });
  });

  it('AUTH-8: a code two steps away is refused; a pending sign-in expires', async () => {
    const { email, password, client } = await newUser();
    const { secret } = await enrol(client);
    clock.advance(5 * MIN);
    const s = await signIn(email, password);
    expect((await s.client.req('POST', '/v1/auth/mfa/verify', { code: code(secret, -60_000) })).status).toBe(401);
    expect((await s.client.req('POST', '/v1/auth/mfa/verify', { code: code(secret, 60_000) })).status).toBe(401);
    clock.advance(11 * MIN);
    const late = await s.client.req('POST', '/v1/auth/mfa/verify', { code: code(secret) });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('unauthenticated');
  });

  it('AUTH-8: a recovery code finishes a sign-in once; its use is audited and mailed; reuse is refused', async () => {
    const { email, password, client } = await newUser();
    const { recoveryCodes } = await enrol(client);
    const rc = recoveryCodes[3] as string;
    const s1 = await signIn(email, password);
    const mailsBefore = smtp.messages.length;
    const ok = await s1.client.req('POST', '/v1/auth/mfa/verify', { recoveryCode: rc.toUpperCase() });
    expect(ok.status).toBe(200);
    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith('A recovery code was used'), { from: mailsBefore });
    expect(mail.text).toContain('9 unused codes left');
    expect((await s1.client.req('GET', '/v1/me/mfa')).body).toMatchObject({ recoveryCodesLeft: 9 });
    // Attack: the same recovery code again.
    const s2 = await signIn(email, password);
    const reuse = await s2.client.req('POST', '/v1/auth/mfa/verify', { recoveryCode: rc });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('mfa_invalid');
    const userId = (ok.body.user as { id: string }).id;
    const actions = await auditActions(userId);
    expect(actions.filter((a) => a.action === 'auth.recovery_code_used')).toHaveLength(1);
    expect(actions.some((a) => a.action === 'auth.mfa_verify' && a.reason === 'recovery code already used')).toBe(true);
  });

  it('AUTH-8: regenerated recovery codes void the old set (needs a recent authentication)', async () => {
    const { email, password, client } = await newUser();
    const { secret, recoveryCodes } = await enrol(client);
    clock.advance(11 * MIN);
    const stale = await client.req('POST', '/v1/me/mfa/recovery-codes');
    expect(stale.status).toBe(403);
    expect(stale.body).toMatchObject({ code: 'step_up_required', stepUp: '/v1/auth/step-up' });
    expect((await client.req('POST', '/v1/auth/step-up', { code: code(secret) })).status).toBe(204);
    const fresh = await client.req('POST', '/v1/me/mfa/recovery-codes');
    expect(fresh.status).toBe(200);
    expect(fresh.body.recoveryCodes as string[]).toHaveLength(10);
    const s = await signIn(email, password);
    expect((await s.client.req('POST', '/v1/auth/mfa/verify', { recoveryCode: recoveryCodes[0] })).status).toBe(401);
    expect((await s.client.req('POST', '/v1/auth/mfa/verify', { recoveryCode: (fresh.body.recoveryCodes as string[])[0] })).status).toBe(200);
  });
});

describe('pending sessions', () => {
  it('AUTH-8: a pending-MFA session is refused by every other route of the OpenAPI document', async () => {
    const { email, password, client } = await newUser();
    await enrol(client);
    const pending = await signIn(email, password);
    expect(pending.next).toBe('mfa');
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const stepRoutes = new Set(['post /v1/auth/mfa/verify', 'post /v1/me/mfa/totp', 'post /v1/me/mfa/totp/confirm', 'get /v1/auth/mfa/pending',
      // The passkey second step (identity/passkeys): a pending "mfa" session asks for and answers its challenge there.
      'post /v1/auth/passkey/options', 'post /v1/auth/passkey/verify']);
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.security?.some((s) => typeof s === 'object' && s !== null && 'session' in s)) continue;
        if (stepRoutes.has(`${method} ${path}`)) continue;
        const url = path.replace(/\{[^}]+\}/g, 'x');
        const r = await pending.client.req(method.toUpperCase(), url, method === 'get' || method === 'delete' ? undefined : {});
        expect(r.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${method} ${path}`).toBeLessThan(500);
        // Without a body problem the answer is "not signed in": the pending session is no session.
        if (r.status !== 400) expect(r.status, `${method} ${path}`).toBe(401);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('AUTH-8: the second step needs the pending session and its CSRF token', async () => {
    const { email, password, client } = await newUser();
    const { secret } = await enrol(client);
    clock.advance(30_000);
    const anon = new Client(base);
    expect((await anon.req('POST', '/v1/auth/mfa/verify', { code: code(secret) })).status).toBe(401);
    const s = await signIn(email, password);
    const noCsrf = await s.client.req('POST', '/v1/auth/mfa/verify', { code: code(secret) }, { 'x-csrf-token': 'nope' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('csrf_failed');
    // A full session cannot "verify" again.
    expect((await client.req('POST', '/v1/auth/mfa/verify', { code: code(secret) })).status).toBe(401);
  });
});

describe('second-step lockout and rate limits', () => {
  it('AUTH-8: wrong codes lock the second step (audited, mailed); a correct password does not reset the count; a correct code is refused while locked', async () => {
    const { email, password, client } = await newUser();
    const { secret } = await enrol(client);
    clock.advance(30_000);
    const s = await signIn(email, password);
    const wrong = (n: number) => String((Number(code(secret)) + n) % 1_000_000).padStart(6, '0');
    for (let i = 1; i <= 3; i++) expect((await s.client.req('POST', '/v1/auth/mfa/verify', { code: wrong(i * 7919) })).status).toBe(401);
    // Signing in again with the right password must not give the guesser a fresh count.
    const s2 = await signIn(email, password);
    const before = smtp.messages.length;
    for (let i = 4; i <= 5; i++) expect((await s2.client.req('POST', '/v1/auth/mfa/verify', { code: wrong(i * 7919) })).status).toBe(401);
    const locked = await s2.client.req('POST', '/v1/auth/mfa/verify', { code: code(secret) });
    expect(locked.status).toBe(401);
    expect(locked.body.code).toBe('mfa_invalid');
    await smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Second-factor sign-in locked'), { from: before });
    const userId = (await sql((q) => q<{ id: string }[]>`select id from users where email = ${email}`))[0]!.id;
    const actions = await auditActions(userId);
    expect(actions.filter((a) => a.action === 'auth.mfa_lockout')).toHaveLength(1);
    expect(actions.some((a) => a.action === 'auth.mfa_verify' && a.outcome === 'denied' && a.reason === 'second step locked')).toBe(true);
    // After the lock, the right code works.
    clock.advance(16 * MIN);
    const s3 = await signIn(email, password);
    expect((await s3.client.req('POST', '/v1/auth/mfa/verify', { code: code(secret) })).status).toBe(200);
  });

  it('AUTH-8: every refusal of the second step is audited with its own reason, and an accepted code or recovery code clears the count of wrong ones', async () => {
    const { email, password, client } = await newUser();
    const { secret, recoveryCodes } = await enrol(client);
    const userId = (await sql((q) => q<{ id: string }[]>`select id from users where email = ${email}`))[0]!.id;
    const wrong = (n: number) => String((Number(code(secret)) + n) % 1_000_000).padStart(6, '0');
    const verify = async (c: Client, body: Record<string, string>) => (await c.req('POST', '/v1/auth/mfa/verify', body)).status;
    // Four wrong codes (the lock comes at five), then the right one: accepted.
    clock.advance(20 * MIN); // a fresh rate-limit window
    let s = await signIn(email, password);
    for (let i = 1; i <= 4; i++) expect(await verify(s.client, { code: wrong(i * 7919) })).toBe(401);
    expect(await verify(s.client, { code: code(secret) })).toBe(200);
    // Four more failures — eight in all, a lock had the count not been cleared — then a recovery code.
    clock.advance(20 * MIN);
    s = await signIn(email, password);
    for (let i = 1; i <= 3; i++) expect(await verify(s.client, { code: wrong(i * 104_729) })).toBe(401);
    expect(await verify(s.client, { recoveryCode: 'not-a-code' })).toBe(401);
    expect(await verify(s.client, { recoveryCode: recoveryCodes[5] as string })).toBe(200);
    // And four more, then the right code: still no lock.
    clock.advance(20 * MIN);
    s = await signIn(email, password);
    expect(await verify(s.client, { recoveryCode: 'aaaa-aaaa-aaaa-aaaa-aaaa-aaaa' })).toBe(401);
    expect(await verify(s.client, { recoveryCode: recoveryCodes[5] as string })).toBe(401);
    expect(await verify(s.client, { code: wrong(7) })).toBe(401);
    const used = code(secret);
    expect(await verify(s.client, { code: used })).toBe(200);
    const replay = await signIn(email, password);
    expect(await verify(replay.client, { code: used })).toBe(401);
    expect(await verify(replay.client, { code: wrong(11) })).toBe(401);
    clock.advance(30_000);
    expect(await verify(replay.client, { code: code(secret) })).toBe(200);

    // In the order written (the clock is fixed, so occurred_at ties within a round).
    const actions = await sql((q) => q<Array<{ action: string; outcome: string; reason: string | null }>>`
      select action, outcome, reason from audit_events where org_id = 'platform' and target_id = ${userId} order by seq`);
    expect(actions.filter((a) => a.action === 'auth.mfa_lockout')).toEqual([]);
    expect(actions.filter((a) => a.action === 'auth.mfa_verify' && a.outcome !== 'allowed').map((a) => [a.outcome, a.reason])).toEqual([
      ...Array(4).fill(['failed', 'wrong code']),
      ...Array(3).fill(['failed', 'wrong code']),
      ['failed', 'malformed recovery code'],
      ['failed', 'wrong recovery code'],
      ['failed', 'recovery code already used'],
      ['failed', 'wrong code'],
      ['failed', 'code already used (replay)'],
      ['failed', 'wrong code'],
    ]);
    const [usedEvent] = await sql((q) => q<{ metadata: { left: number } }[]>`
      select metadata from audit_events where org_id = 'platform' and action = 'auth.recovery_code_used' and target_id = ${userId}`);
    expect(usedEvent?.metadata.left).toBe(9);
  });

  it('AUTH-8: second-factor attempts are rate limited per account (429 with Retry-After)', async () => {
    const { email, password, client } = await newUser();
    await enrol(client);
    clock.advance(20 * MIN); // a fresh rate-limit window for this account
    const s = await signIn(email, password);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await s.client.req('POST', '/v1/auth/mfa/verify', { recoveryCode: 'aaaaa-aaaaa' })).status);
    expect(statuses.slice(0, 10).every((x) => x === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('step-up and organisation policy', () => {
  it('AUTH-8: password change, TOTP removal and API-key creation need a recent authentication; step-up with a factor, not the password', async () => {
    const { password, client } = await newUser();
    const { secret } = await enrol(client);
    const org = await client.req('POST', '/v1/orgs', { name: 'Step-up org' });
    expect(org.status).toBe(201);
    expect((await client.req('PUT', '/v1/me/active-org', { orgId: (org.body as { id: string }).id })).status).toBe(204);
    clock.advance(11 * MIN);
    for (const [method, path, body] of [
      ['POST', '/v1/auth/password/change', { currentPassword: password, newPassword: goodPassword() }],
      ['DELETE', '/v1/me/mfa/totp', undefined],
      ['POST', '/v1/org/api-keys', { name: 'k', scopes: ['members:read'] }],
      ['PUT', '/v1/org/auth-policy', { requireMfa: true }],
    ] as const) {
      const r = await client.req(method, path, body);
      expect(r.status, path).toBe(403);
      expect(r.body.code, path).toBe('step_up_required');
    }
    // With a second factor set up, the password alone does not step up.
    const pwd = await client.req('POST', '/v1/auth/step-up', { password });
    expect(pwd.status).toBe(401);
    expect((await client.req('POST', '/v1/auth/step-up', { code: code(secret) })).status).toBe(204);
    expect((await client.req('POST', '/v1/org/api-keys', { name: 'k', scopes: ['members:read'] })).status).toBe(201);
    expect((await client.req('DELETE', '/v1/me/mfa/totp')).status).toBe(204);
    expect((await client.req('GET', '/v1/me/mfa')).body).toMatchObject({ totp: { enabled: false }, recoveryCodesLeft: 0 });
  });

  it('V6.3.3 AUTH-8: with PALISADE_REQUIRE_MFA=1 every account needs a second factor: one without must enrol before its session works, and cannot remove the last', async () => {
    const u = await newUser();
    // Without the setting (and without an organisation requiring it), the password alone signs in.
    expect((await signIn(u.email, u.password)).next).toBeUndefined();
    const strict = await buildTestApp({ clock, testDb: app.testDb, env: { SMTP_URL: smtp.url, PALISADE_AUTH_RATE_PER_IP: '5000', PALISADE_REQUIRE_MFA: '1' } });
    try {
      const strictBase = await listen(strict);
      const client = new Client(strictBase);
      const r = await client.req('POST', '/v1/auth/sign-in', { email: u.email, password: u.password });
      expect(r.status).toBe(200);
      expect(r.body.next).toBe('mfa_enrol');
      expect((await client.req('GET', '/v1/me')).status).toBe(401);
      expect((await client.req('GET', '/v1/me/sessions')).status).toBe(401);
      const start = await client.req('POST', '/v1/me/mfa/totp');
      expect(start.status).toBe(201);
      const done = await client.req('POST', '/v1/me/mfa/totp/confirm', { code: code(start.body.secret as string) });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect((await client.req('GET', '/v1/me')).status).toBe(200);
      const remove = await client.req('DELETE', '/v1/me/mfa/totp');
      expect(remove.status).toBe(409);
      expect(remove.body.code).toBe('mfa_required_by_platform');
      clock.advance(30_000);
      const again = new Client(strictBase);
      expect((await again.req('POST', '/v1/auth/sign-in', { email: u.email, password: u.password })).body.next).toBe('mfa');
    } finally {
      await strict.close();
    }
  });

  it('AUTH-8: an organisation requires MFA (audited); a member without a factor must enrol before the session works, and cannot remove the last factor', async () => {
    const admin = await newUser();
    const org = await admin.client.req('POST', '/v1/orgs', { name: 'MFA org' });
    const orgId = (org.body as { id: string }).id;
    expect((await admin.client.req('PUT', '/v1/me/active-org', { orgId })).status).toBe(204);
    expect((await admin.client.req('GET', '/v1/org/auth-policy')).body).toMatchObject({ requireMfa: false });
    const set = await admin.client.req('PUT', '/v1/org/auth-policy', { requireMfa: true });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ requireMfa: true });
    const policyAudit = await sql((s) => s`select 1 from audit_events where org_id = ${orgId} and action = 'org.mfa_policy_changed'`);
    expect(policyAudit).toHaveLength(1);

    const member = await newUser();
    const memberId = (await sql((q) => q<{ id: string }[]>`select id from users where email = ${member.email}`))[0]!.id;
    await sql((q) => q`insert into memberships (org_id, user_id, roles) values (${orgId}, ${memberId}, ${['viewer']})`);
    const s = await signIn(member.email, member.password);
    expect(s.next).toBe('mfa_enrol');
    expect((await s.client.req('GET', '/v1/me')).status).toBe(401);
    expect((await s.client.req('GET', '/v1/org')).status).toBe(401);
    const v = await s.client.req('POST', '/v1/auth/mfa/verify', { code: '123456' });
    expect(v.status).toBe(409);
    const start = await s.client.req('POST', '/v1/me/mfa/totp');
    expect(start.status).toBe(201);
    const secret = start.body.secret as string;
    const done = await s.client.req('POST', '/v1/me/mfa/totp/confirm', { code: code(secret) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.recoveryCodes as string[]).toHaveLength(10);
    expect(typeof done.body.csrfToken).toBe('string');
    expect((await s.client.req('GET', '/v1/me')).status).toBe(200);
    expect((await s.client.req('GET', '/v1/me/mfa')).body).toMatchObject({ totp: { enabled: true }, requiredByOrg: true });
    // Attack: remove the last factor while the organisation requires one.
    const remove = await s.client.req('DELETE', '/v1/me/mfa/totp');
    expect(remove.status).toBe(409);
    expect(remove.body.code).toBe('mfa_required_by_org');
    // Next sign-in: the second factor is due.
    clock.advance(30_000);
    const again = await signIn(member.email, member.password);
    expect(again.next).toBe('mfa');
  });
});

function base32Decode(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of s) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}
