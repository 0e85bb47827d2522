/* The penetration test's account attack, from the default settings (AUD-5, AUTH-12, issue 11.3):
   twelve wrong passwords on one member's account from twelve addresses. Every refusal — wrong
   password, locked, rate-limited — is an audit record, and the organisation's admins are alerted
   (brute force and lockout) by the first sealing round after the attack, mailed over real SMTP.
   Time is the injected clock; the sealing round is run directly (the loop runs it every
   AUDIT_SEAL_INTERVAL_MS, one second by default), so nothing here waits on wall-clock speed. */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.js';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { asSuperuser } from '../fixtures/db.js';
import { addMember, createOrg, createUser, signIn } from '../security/harness.js';
import { startSmtpSink, type SmtpSink } from './identity-helpers.js';

let app: TestApp;
let smtp: SmtpSink;
const clock = fixedClock('2032-06-01T10:00:00Z');

beforeAll(async () => {
  smtp = await startSmtpSink();
  // Defaults for everything that caps or detects: lockout, rate limits, detector thresholds.
  app = await buildTestApp({ clock, env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

/** The database as its owner sees it (no RLS): what an attacker cannot touch, read to check. */
const owner = <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => asSuperuser(app.testDb.ownerUrl, fn);

describe('an attack on one account reaches the organisation\'s administrators', () => {
  it('AUD-5: from the defaults, 12 wrong passwords on a member from 12 addresses are all audited (failed, locked, rate-limited) and alert the org\'s admins in the first sealing round', async () => {
    expect(app.config.AUDIT_SEAL_INTERVAL_MS).toBeLessThanOrEqual(1000);
    const admin = await createUser(app, 'org.admin@alerts.test');
    const victim = await createUser(app, 'victim.member@alerts.test');
    const adminSession = await signIn(app, admin);
    const orgId = await createOrg(app, adminSession, 'Alerted Ltd');
    await addMember(app, orgId, victim.userId, ['viewer']);
    await app.sealAudit();
    const firstAttempt = clock.now();

    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) {
      const res = await app.http.inject({
        method: 'POST', url: '/v1/auth/sign-in', remoteAddress: `203.0.113.${i}`,
        headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: victim.email, password: `guess number ${i} for the victim` }),
      });
      statuses.push(res.statusCode);
      clock.advance(1000);
    }
    // 5 wrong, then locked (the same 401), then the per-account limit (10 per 10 minutes).
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);

    // Every refusal is a record, in the platform log and in the member's organisation's log.
    const refusals = await owner((sql) => sql<Array<{ org_id: string; outcome: string; deny_layer: string | null; source_ip: string }>>`
      select org_id, outcome, deny_layer, source_ip from audit_events
      where action = 'auth.sign_in' and target_id = ${victim.userId} order by seq`);
    for (const log of ['platform', orgId]) {
      const mine = refusals.filter((r) => r.org_id === log);
      expect(mine.map((r) => `${r.outcome}:${r.deny_layer ?? ''}`)).toEqual([
        ...Array(5).fill('failed:'), ...Array(5).fill('denied:lockout'), ...Array(2).fill('denied:rate_limit'),
      ]);
      expect(new Set(mine.map((r) => r.source_ip)).size).toBe(12);
    }

    // One sealing round after the attack: both alerts, stored in the organisation and mailed to its admin.
    await app.sealAudit();
    const alerts = await owner((sql) => sql<Array<{ detector: string; subject: string; details: { at: string } }>>`
      select detector, subject, details from audit_alerts where org_id = ${orgId} order by detector`);
    expect(alerts.map((a) => [a.detector, a.subject])).toEqual([['account_locked', `user:${victim.userId}`], ['brute_force', `user:${victim.userId}`]]);
    // Raised on the records of the attack itself: within seconds of its start, on the injected clock.
    for (const a of alerts) expect(Date.parse(a.details.at) - firstAttempt.getTime()).toBeLessThanOrEqual(12_000);
    const mails = [
      await smtp.waitFor((m) => m.to.includes(admin.email) && m.subject.includes('Security alert') && m.text.includes('brute_force')),
      await smtp.waitFor((m) => m.to.includes(admin.email) && m.subject.includes('Security alert') && m.text.includes('account_locked')),
    ];
    expect(mails).toHaveLength(2);
    // The attack alerts nobody outside the organisation's admins (the victim gets the lockout mail only).
    expect(smtp.messages.filter((m) => m.subject.includes('Security alert')).every((m) => m.to.includes(admin.email))).toBe(true);
  });
});
