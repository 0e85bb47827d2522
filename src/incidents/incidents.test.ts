/* IR-1: a confirmed breach is tracked to notification within 72 hours. The affected organisations
   and record counts come from the real audit log; the clock runs as jobs on the real queue (driven
   by drain({dueBy}), no waiting); notices are real mail in the outbox, with the four facts, and
   audit records in each affected organisation's own log — and nothing reaches an organisation the
   breach did not touch. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../audit/index.js';
import { withOrg } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { createOrg, createUser, signIn } from '../../test/security/harness.js';

const HOUR = 3_600_000;
const OPERATOR = { actor: { type: 'system' as const, id: 'operator-test' } };
let app: TestApp;
const orgs: Array<{ id: OrgId; admin: string }> = [];
const confirmedAt = new Date(Date.now() - 60_000);

async function record(orgId: OrgId, action: string, occurredAt: Date): Promise<void> {
  await withOrg(app.testDb.db, orgId, OPERATOR.actor, (tx) => appendAudit(tx, { action, actor: { type: 'system', id: 'x' }, outcome: 'allowed', occurredAt }));
}

const platformEvents = async (incidentId: string) => app.testDb.db.system<{ action: string; outcome: string; hour: number | null }[]>`
  select action, outcome, (metadata->>'hour')::int as hour from audit_events where org_id = 'platform' and target_id = ${incidentId} order by seq`;

beforeAll(async () => {
  app = await buildTestApp({ env: { PALISADE_JOBS_WORKER: 'false' } });
  for (const name of ['Hit Ltd', 'Also Hit Ltd', 'Untouched Ltd']) {
    const u = await createUser(app);
    orgs.push({ id: (await createOrg(app, await signIn(app, u), name)) as OrgId, admin: u.email });
  }
  const inWindow = new Date(Date.now() - 2 * HOUR);
  for (let i = 0; i < 3; i++) await record(orgs[0]!.id, 'test.exposed', inWindow);
  await record(orgs[1]!.id, 'test.exposed', inWindow);
  await record(orgs[2]!.id, 'test.exposed', new Date(Date.now() - 30 * HOUR)); // before the window
  await record(orgs[2]!.id, 'test.other', inWindow); // another action
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const declare = () => app.incidents.declare({
  nature: 'An API key leaked and was used to read files',
  dataCategories: ['contact details', 'uploaded documents'],
  cause: 'a key committed to a public repository',
  remediation: 'the key was revoked and every file link re-signed',
  discoveredAt: new Date(confirmedAt.getTime() - HOUR),
  confirmedAt,
  window: { from: new Date(Date.now() - 24 * HOUR), to: new Date(Date.now() - HOUR) },
  actions: ['test.exposed'],
}, OPERATOR);

describe('incidents', () => {
  it('IR-1: declaring an incident finds the affected organisations and their record counts in the audit log for the window and actions; each sees it in its own log', async () => {
    const inc = await declare();
    const expected = [{ orgId: orgs[0]!.id, records: 3, notifiedAt: null }, { orgId: orgs[1]!.id, records: 1, notifiedAt: null }].sort((a, b) => a.orgId.localeCompare(b.orgId));
    expect(inc.affected).toEqual(expected);
    expect(inc.deadlineAt).toBe(new Date(confirmedAt.getTime() + 72 * HOUR).toISOString());
    for (const [o, n] of [[orgs[0]!, 1], [orgs[1]!, 1], [orgs[2]!, 0]] as const) {
      const rows = await app.testDb.db.system`select 1 from audit_events where org_id = ${o.id} and action = 'incident.declared' and target_id = ${inc.id}`;
      expect(rows).toHaveLength(n);
    }
    expect((await platformEvents(inc.id)).map((e) => e.action)).toEqual(['incident.declared']);
  });

  it('IR-1: the clock reminds the operator at 24 h and 48 h and warns at 66 h; notices then go to each affected organisation\'s admins with the four facts, audited in their logs, the regulator recorded, and the overdue alert never fires', async () => {
    const inc = await declare();
    await app.jobs.drain({ dueBy: new Date(confirmedAt.getTime() + 25 * HOUR) });
    expect((await platformEvents(inc.id)).filter((e) => e.action === 'incident.reminder').map((e) => e.hour)).toEqual([24]);
    await app.jobs.drain({ dueBy: new Date(confirmedAt.getTime() + 67 * HOUR) });
    expect((await platformEvents(inc.id)).filter((e) => e.action === 'incident.reminder').map((e) => e.hour)).toEqual([24, 48, 66]);

    const done = await app.incidents.notify(inc.id, OPERATOR, { regulator: 'the ICO (ref 123)' });
    expect(done.notifiedAt).not.toBeNull();
    expect(done.regulator).toBe('the ICO (ref 123)');
    expect(done.affected.every((a) => a.notifiedAt !== null)).toBe(true);
    for (const [o, records] of [[orgs[0]!, 3], [orgs[1]!, 1]] as const) {
      const mail = await app.testDb.db.system<{ subject: string; body: string }[]>`select subject, body from mail_outbox where recipient = ${o.admin} and subject like ${`%${inc.id}%`}`;
      expect(mail).toHaveLength(1);
      expect(mail[0]!.body).toContain('Nature of the breach: An API key leaked and was used to read files');
      expect(mail[0]!.body).toContain('Categories of data: contact details, uploaded documents');
      expect(mail[0]!.body).toContain(`Records concerned (your organisation): ${records}`);
      expect(mail[0]!.body).toContain('Remediation: the key was revoked and every file link re-signed');
      const [ev] = await app.testDb.db.system<{ metadata: { records: number; recipients: number } }[]>`select metadata from audit_events where org_id = ${o.id} and action = 'incident.notice_sent' and target_id = ${inc.id}`;
      expect(ev?.metadata).toMatchObject({ records, recipients: 1 });
    }
    // Nothing reaches the organisation the breach did not touch.
    expect(await app.testDb.db.system`select 1 from mail_outbox where recipient = ${orgs[2]!.admin} and subject like ${`%${inc.id}%`}`).toHaveLength(0);
    // Notifying again sends nothing twice.
    await app.incidents.notify(inc.id, OPERATOR);
    expect(await app.testDb.db.system`select 1 from mail_outbox where recipient = ${orgs[0]!.admin} and subject like ${`%${inc.id}%`}`).toHaveLength(1);
    await app.jobs.drain({ dueBy: new Date(confirmedAt.getTime() + 73 * HOUR) });
    const actions = (await platformEvents(inc.id)).map((e) => e.action);
    expect(actions).not.toContain('incident.overdue');
    expect(actions).toContain('incident.regulator_notified');
    expect(actions.filter((a) => a === 'incident.notice_sent')).toHaveLength(2);
  }, 120_000);

  it('IR-1: an incident nobody notified raises the overdue alert at 72 hours', async () => {
    const inc = await declare();
    await app.jobs.drain({ dueBy: new Date(confirmedAt.getTime() + 73 * HOUR) });
    const events = await platformEvents(inc.id);
    expect(events.filter((e) => e.action === 'incident.reminder').map((e) => e.hour)).toEqual([24, 48, 66]);
    expect(events.filter((e) => e.action === 'incident.overdue')).toEqual([{ action: 'incident.overdue', outcome: 'failed', hour: 72 }]);
  }, 120_000);
});
