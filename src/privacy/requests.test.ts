/* Rights requests on their clock (PRIV-3): an operator (a platform super-admin, nobody else)
   moves a request through its states, each move audited; the deadline jobs on the queue remind
   the operators before the deadline and alert once it is overdue — each once, never for a
   closed request, never with the person's words in the mail. The clock is injected and set
   later than the real time, so the queue's run_at agrees with it: `drain({ dueBy })` runs what
   is due by the test's clock, and nothing waits on the wall clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { addMember, call, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { withSystem } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';

const T0 = new Date('2030-01-10T09:00:00Z');
const DAY = 86400_000;
const clock = fixedClock(T0);
const ROOT = `root-privacy-${Date.now()}@example.test`;
let app: TestApp;
let root: Session;
let orgAdmin: Session;
let person: Session;

async function mailsTo(to: string): Promise<Array<{ subject: string; body: string }>> {
  return withSystem(app.testDb.db, (tx) => tx.sql<{ subject: string; body: string }[]>`select subject, body from mail_outbox where recipient = ${to} order by seq`);
}
async function auditOf(requestId: string): Promise<Array<{ action: string; actor_type: string; actor_id: string | null; metadata: Record<string, unknown> }>> {
  return withSystem(app.testDb.db, (tx) => tx.sql<Array<{ action: string; actor_type: string; actor_id: string | null; metadata: Record<string, unknown> }>>`
    select action, actor_type, actor_id, metadata from audit_events where target_id = ${requestId} order by seq`);
}

beforeAll(async () => {
  app = await buildTestApp({ clock, env: { PALISADE_JOBS_WORKER: 'false', PALISADE_SUPER_ADMINS: ROOT } });
  root = await signIn(app, await createUser(app, ROOT));
  const a = await createUser(app);
  orgAdmin = await signIn(app, a);
  const orgId = await createOrg(app, orgAdmin, 'Requests Org');
  const p = await createUser(app);
  await addMember(app, orgId, p.userId, ['viewer']);
  person = await signIn(app, p, orgId);
});
afterAll(async () => {
  await app?.close();
});

describe('rights requests', () => {
  it('PRIV-3: only a platform super-admin lists and moves requests; open → in_progress → completed is audited with actor, from and to, and the person reads the resolution; a closed request stays closed', async () => {
    const filed = await call(app, { session: person }, 'POST', '/v1/me/privacy-requests', { type: 'access', details: 'what do you hold' });
    expect(filed.status, filed.text).toBe(202);
    const id = String(filed.body.id);
    const url = `/v1/platform/privacy-requests/${id}/status`;
    // Neither the person nor an organisation's admin may move it, or see the queue.
    for (const s of [person, orgAdmin]) {
      expect((await call(app, { session: s }, 'GET', '/v1/platform/privacy-requests')).status).toBe(403);
      const r = await call(app, { session: s }, 'POST', url, { status: 'completed', resolution: 'done' });
      expect(r.status).toBe(403);
    }
    expect((await call(app, { session: person }, 'GET', '/v1/me/privacy-requests')).body.items).toEqual([expect.objectContaining({ id, status: 'open' })]);

    const list = await call(app, { session: root }, 'GET', '/v1/platform/privacy-requests');
    expect(list.status, list.text).toBe(200);
    expect(list.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, subject: person.userId, type: 'access', status: 'open', dueAt: new Date(T0.getTime() + 30 * DAY).toISOString() })]));

    const taken = await call(app, { session: root }, 'POST', url, { status: 'in_progress', resolution: 'collecting the export' });
    expect(taken.status, taken.text).toBe(200);
    expect(taken.body).toMatchObject({ status: 'in_progress', closedAt: null });
    const done = await call(app, { session: root }, 'POST', url, { status: 'completed', resolution: 'export sent on 2030-01-11' });
    expect(done.body).toMatchObject({ status: 'completed', resolution: 'export sent on 2030-01-11', closedAt: T0.toISOString() });
    const again = await call(app, { session: root }, 'POST', url, { status: 'rejected', resolution: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'privacy_request_transition' });
    const back = await call(app, { session: root }, 'POST', url, { status: 'in_progress', resolution: 'reopen' });
    expect(back.body).toMatchObject({ code: 'privacy_request_transition' });

    expect((await call(app, { session: person }, 'GET', '/v1/me/privacy-requests')).body.items).toEqual([expect.objectContaining({ id, status: 'completed', resolution: 'export sent on 2030-01-11' })]);
    const moves = (await auditOf(id)).filter((e) => e.action === 'privacy.request_status_changed');
    expect(moves.map((m) => [m.actor_type, m.actor_id, m.metadata.from, m.metadata.to])).toEqual([
      ['super_admin', root.userId, 'open', 'in_progress'],
      ['super_admin', root.userId, 'in_progress', 'completed'],
    ]);
    // Gone from the operator's queue; an unknown id is not_found.
    expect(((await call(app, { session: root }, 'GET', '/v1/platform/privacy-requests')).body.items as Array<{ id: string }>).map((i) => i.id)).not.toContain(id);
    expect((await call(app, { session: root }, 'POST', '/v1/platform/privacy-requests/prq_aaaaaaaaaaaaaaaaaaaaaaaaaa/status', { status: 'rejected', resolution: 'x' })).status).toBe(404);
  });

  it('PRIV-3: an erasure request is completed only by the erasure itself: by hand it may be taken in hand or rejected (with the reason), never marked completed while the data is there', async () => {
    const p = await createUser(app);
    const s = await signIn(app, p);
    const filed = await call(app, { session: s }, 'POST', '/v1/me/privacy-requests', { type: 'erasure' });
    expect(filed.status, filed.text).toBe(202);
    const url = `/v1/platform/privacy-requests/${String(filed.body.id)}/status`;
    const fake = await call(app, { session: root }, 'POST', url, { status: 'completed', resolution: 'erased' });
    expect(fake.status).toBe(409);
    expect(fake.body).toMatchObject({ code: 'privacy_request_transition' });
    const rejected = await call(app, { session: root }, 'POST', url, { status: 'rejected', resolution: 'legal hold: tax records until 2031' });
    expect(rejected.status, rejected.text).toBe(200);
    // Rejected, the erasure job leaves the person alone even past its delay.
    await app.jobs.drain({ dueBy: new Date(T0.getTime() + 2 * DAY) });
    expect(await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from users where id = ${p.userId}`)).toHaveLength(1);
  });

  it('PRIV-3: the deadline jobs remind the operators once before the deadline and alert once when it is overdue — not for a closed request, and without the person\'s words or address', async () => {
    clock.set(T0);
    const words = `please erase my notes ${Date.now()}`;
    const open = await call(app, { session: person }, 'POST', '/v1/me/privacy-requests', { type: 'objection', details: words });
    const closed = await call(app, { session: person }, 'POST', '/v1/me/privacy-requests', { type: 'restriction' });
    const openId = String(open.body.id);
    const closedId = String(closed.body.id);
    expect((await call(app, { session: root }, 'POST', `/v1/platform/privacy-requests/${closedId}/status`, { status: 'rejected', resolution: 'no processing to restrict' })).status).toBe(200);
    const about = (id: string) => async () => (await mailsTo(ROOT)).filter((m) => m.subject.includes(id));

    // Day 1: nothing is due by the clock.
    clock.set(new Date(T0.getTime() + DAY));
    await app.jobs.drain({ dueBy: clock.now() });
    expect(await about(openId)()).toHaveLength(0);

    // 7 days before the deadline (PALISADE_PRIVACY_REMINDER_DAYS): one reminder.
    clock.set(new Date(T0.getTime() + 23 * DAY + 60_000));
    await app.jobs.drain({ dueBy: clock.now() });
    await app.jobs.drain({ dueBy: clock.now() });
    const reminded = await about(openId)();
    expect(reminded.map((m) => m.subject)).toEqual([`[Palisade] Data-subject request ${openId} is due in 7 day(s)`]);
    expect(await about(closedId)()).toHaveLength(0);

    // Past the deadline: one overdue alert, and no second reminder.
    clock.set(new Date(T0.getTime() + 30 * DAY + 60_000));
    await app.jobs.drain({ dueBy: clock.now() });
    await app.privacy.checkDeadlines();
    const all = await about(openId)();
    expect(all.map((m) => m.subject)).toEqual([
      `[Palisade] Data-subject request ${openId} is due in 7 day(s)`,
      `[Palisade] Data-subject request ${openId} is overdue`,
    ]);
    expect(await about(closedId)()).toHaveLength(0);
    for (const m of all) {
      expect(m.body).not.toContain(words);
      expect(m.body).not.toContain(person.email);
      expect(m.body).toContain('objection');
    }
    const events = (await auditOf(openId)).map((e) => e.action);
    expect(events.filter((a) => a === 'privacy.request_reminder')).toHaveLength(1);
    expect(events.filter((a) => a === 'privacy.request_overdue')).toHaveLength(1);
    const [row] = await withSystem(app.testDb.db, (tx) => tx.sql<{ reminded_at: Date; overdue_alerted_at: Date }[]>`select reminded_at, overdue_alerted_at from privacy_requests where id = ${openId}`);
    expect(row!.reminded_at.toISOString()).toBe(new Date(T0.getTime() + 23 * DAY + 60_000).toISOString());
    expect(row!.overdue_alerted_at.toISOString()).toBe(clock.now().toISOString());
  });

  it('PRIV-3: the hourly sweep alerts for an overdue request whose deadline jobs ran early (or were lost)', async () => {
    clock.set(T0);
    const filed = await call(app, { session: person }, 'POST', '/v1/me/privacy-requests', { type: 'rectification' });
    const id = String(filed.body.id);
    // Both deadline jobs run now, before the clock says so: they find nothing due and finish.
    await app.jobs.drain({ dueBy: new Date(T0.getTime() + 40 * DAY) });
    expect((await app.jobs.pending('privacy.request_deadline'))).toHaveLength(0);
    expect((await mailsTo(ROOT)).filter((m) => m.subject.includes(id))).toHaveLength(0);
    clock.set(new Date(T0.getTime() + 31 * DAY));
    await app.jobs.add('privacy.request_deadlines', {});
    await app.jobs.drain();
    expect((await mailsTo(ROOT)).filter((m) => m.subject.includes(id)).map((m) => m.subject)).toEqual([`[Palisade] Data-subject request ${id} is overdue`]);
  });
});
