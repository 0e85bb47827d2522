/* Lockout, enumeration safety and auth audit over real HTTP and SMTP, with an injected clock
   (time moves by advancing it, never by sleeping). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { fixedClock } from '../../src/lib/clock.js';
import { Client, goodPassword, listen, registerAndSignIn, startSmtpSink, type Reply, type SmtpSink } from './identity-helpers.js';

let app: TestApp;
let base = '';
let smtp: SmtpSink;
const clock = fixedClock('2031-03-01T09:00:00Z');

beforeAll(async () => {
  smtp = await startSmtpSink();
  app = await buildTestApp({ clock, env: { SMTP_URL: smtp.url } });
  base = await listen(app);
});

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

/** Status, content type and body of an answer, without the per-request id. */
function shape(r: Reply): unknown {
  const { requestId, ...body } = r.body;
  expect(typeof requestId).toBe('string');
  return { status: r.status, type: r.headers.get('content-type'), body };
}

async function auditRows(action: string, targetId?: string): Promise<Array<{ org_id: string; outcome: string; target_id: string | null }>> {
  const sql = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql<Array<{ org_id: string; outcome: string; target_id: string | null }>>`
      select org_id, outcome, target_id from audit_events
      where action = ${action} and (${targetId ?? null}::text is null or target_id = ${targetId ?? null}) order by seq`;
  } finally {
    await sql.end();
  }
}

describe('lockout', () => {
  it('AUTH-6: 6 wrong passwords then the right one: locked, the same generic answer, the owner emailed; unlocked after 15 minutes', async () => {
    const email = 'carol.lock@example.com';
    const password = goodPassword();
    const carol = await registerAndSignIn(base, smtp, email, password);
    const org = await carol.req('POST', '/v1/orgs', { name: 'Carol Co' });
    const carolId = ((await carol.req('GET', '/v1/me')).body.user as { id: string }).id;

    const c = new Client(base);
    const wrong: unknown[] = [];
    for (let i = 0; i < 6; i++) wrong.push(shape(await c.req('POST', '/v1/auth/sign-in', { email, password: `${password} nope ${i}` })));
    const right = shape(await c.req('POST', '/v1/auth/sign-in', { email, password }));
    expect(wrong[0]).toEqual({
      status: 401,
      type: 'application/problem+json; charset=utf-8',
      body: { type: 'https://palisade.dev/errors/invalid_credentials', title: 'Unauthorized', status: 401, detail: 'The email address or password is incorrect', code: 'invalid_credentials' },
    });
    for (const w of wrong) expect(w).toEqual(wrong[0]);
    expect(right).toEqual(wrong[0]);
    expect(c.cookie).toBeNull();

    const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('locked'));
    expect(mail.text).toContain('2031-03-01T09:15:00.000Z');

    // Audited in the platform log and in the organisation the user belongs to.
    const lockouts = await auditRows('auth.lockout', carolId);
    expect(lockouts.map((r) => r.org_id).sort()).toEqual([String(org.body.id), 'platform'].sort());
    const denied = (await auditRows('auth.sign_in', carolId)).filter((r) => r.outcome === 'denied');
    expect(denied.length).toBe(2 * 2); // the 6th wrong one and the right one, in both logs

    clock.advance(15 * 60 * 1000 - 1000);
    expect((await c.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(401);
    clock.advance(2000);
    const after = await c.req('POST', '/v1/auth/sign-in', { email, password });
    expect(after.status).toBe(200);
  });

  it('AUTH-6: a success resets the count: 4 failures, a success, 4 failures do not lock', async () => {
    const email = 'dave.lock@example.com';
    const password = goodPassword();
    await registerAndSignIn(base, smtp, email, password);
    const c = new Client(base);
    for (let i = 0; i < 4; i++) expect((await c.req('POST', '/v1/auth/sign-in', { email, password: 'wrong password here!' })).status).toBe(401);
    expect((await c.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(200);
    // A new rate-limit window (10 requests per account per 10 minutes); lockout counts do not age.
    clock.advance(10 * 60 * 1000);
    for (let i = 0; i < 4; i++) expect((await c.req('POST', '/v1/auth/sign-in', { email, password: 'wrong password here!' })).status).toBe(401);
    expect((await c.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(200);
  });
});

describe('enumeration safety', () => {
  const known = 'erin.enum@example.com';
  const password = goodPassword();

  beforeAll(async () => {
    await registerAndSignIn(base, smtp, known, password);
  });

  it('AUTH-5: password reset answers the same status and body for a registered and an unknown address; only the owner gets mail', async () => {
    const c = new Client(base);
    const a = await c.req('POST', '/v1/auth/password/forgot', { email: known });
    const b = await c.req('POST', '/v1/auth/password/forgot', { email: 'nobody.enum@example.com' });
    expect(a.status).toBe(202);
    expect(a.body).toEqual({ status: 'check_email' });
    expect(shapeNoId(b)).toEqual(shapeNoId(a));
    await smtp.waitFor((m) => m.to.includes(known) && m.subject === 'Reset your password');
    expect(smtp.messages.some((m) => m.to.includes('nobody.enum@example.com'))).toBe(false);
  });

  it('AUTH-7: sign-in answers the same for an unknown address, a wrong password and an unverified address', async () => {
    const pending = 'frank.pending@example.com';
    const pendingPassword = goodPassword();
    const c = new Client(base);
    expect((await c.req('POST', '/v1/auth/sign-up', { email: pending, password: pendingPassword })).status).toBe(202);
    await smtp.waitFor((m) => m.to.includes(pending));
    const unknown = shape(await c.req('POST', '/v1/auth/sign-in', { email: 'ghost.enum@example.com', password }));
    const wrong = shape(await c.req('POST', '/v1/auth/sign-in', { email: known, password: `${password}x` }));
    const unverified = shape(await c.req('POST', '/v1/auth/sign-in', { email: pending, password: pendingPassword }));
    expect(wrong).toEqual(unknown);
    expect(unverified).toEqual(unknown);
  });

  it('AUTH-5: sign-up answers the same for a registered and a new address; the owner is told instead', async () => {
    const c = new Client(base);
    const a = await c.req('POST', '/v1/auth/sign-up', { email: known, password: goodPassword() });
    const b = await c.req('POST', '/v1/auth/sign-up', { email: 'gina.new@example.com', password: goodPassword() });
    expect(a.status).toBe(202);
    expect(b.body).toEqual(a.body);
    expect(b.status).toBe(a.status);
    await smtp.waitFor((m) => m.to.includes(known) && m.subject.startsWith('Someone tried to sign up'));
    await smtp.waitFor((m) => m.to.includes('gina.new@example.com') && m.subject.startsWith('Confirm'));
    // The owner's password is untouched.
    expect((await c.req('POST', '/v1/auth/sign-in', { email: known, password })).status).toBe(200);
  });

  it('AUTH-12: sign-in successes and failures, reset requests and sign-ups are in the audit log with actor, source and outcome', async () => {
    const sql = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<Array<{ action: string; outcome: string; actor_type: string; source_ip: string | null; request_id: string | null }>>`
        select action, outcome, actor_type, source_ip, request_id from audit_events where org_id = 'platform' and action like 'auth.%'`; // alert records are the system's own, with no request
      const seen = new Set(rows.map((r) => `${r.action}:${r.outcome}`));
      for (const e of ['auth.sign_up:allowed', 'auth.sign_up:failed', 'auth.email_verified:allowed', 'auth.sign_in:allowed', 'auth.sign_in:failed',
        'auth.sign_in:denied', 'auth.lockout:denied', 'auth.session_created:allowed', 'auth.password_reset_requested:allowed', 'auth.password_reset_requested:failed']) {
        expect(seen, e).toContain(e);
      }
      for (const r of rows) {
        expect(r.source_ip).toBe('127.0.0.1');
        expect(r.request_id).toMatch(/^req_/);
      }
    } finally {
      await sql.end();
    }
  });
});

function shapeNoId(r: Reply): unknown {
  return { status: r.status, type: r.headers.get('content-type'), body: r.body };
}
