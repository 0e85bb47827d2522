/* Rights requests from the organisation's side and a person's withdrawal (PRIV-2, PRIV-3; issue 17
   part A, migration 0270). Attacked as they would be: an admin of another organisation aiming at
   this organisation's member and request, a viewer and an operator without the permission, an API
   key (no key may carry privacy:erase), the platform operator's path, another person withdrawing
   someone's request, a withdrawal replayed, a withdrawn request reopened (by the API and by SQL),
   and a withdrawn erasure whose job is drained past its due time. The clock is injected and later
   than the real time, so `drain({ dueBy })` runs what is due by it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { addMember, call, createKey, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { withSystem } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';

const T0 = new Date('2031-03-02T09:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const clock = fixedClock(T0);
const ROOT = `root-rights-${Date.now()}@example.test`;
let app: TestApp;
let root: Session;
let adminA: Session;
let orgA: string;
let adminB: Session;
let orgB: string;

async function member(orgId: string, roles: string[]): Promise<Session> {
  const u = await createUser(app);
  await addMember(app, orgId, u.userId, roles);
  return signIn(app, u, orgId);
}
async function auditOf(targetId: string): Promise<Array<{ org_id: string; action: string; actor_id: string | null; metadata: Record<string, unknown> }>> {
  return withSystem(app.testDb.db, (tx) => tx.sql<Array<{ org_id: string; action: string; actor_id: string | null; metadata: Record<string, unknown> }>>`
    select org_id, action, actor_id, metadata from audit_events where target_id = ${targetId} order by seq`);
}
async function userExists(userId: string): Promise<boolean> {
  return (await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from users where id = ${userId}`)).length === 1;
}
async function requestRow(id: string): Promise<{ status: string; closed_at: Date | null; org_id: string | null } | undefined> {
  const [r] = await withSystem(app.testDb.db, (tx) => tx.sql<{ status: string; closed_at: Date | null; org_id: string | null }[]>`select status, closed_at, org_id from privacy_requests where id = ${id}`);
  return r;
}

beforeAll(async () => {
  app = await buildTestApp({ clock, env: { PALISADE_JOBS_WORKER: 'false', PALISADE_SUPER_ADMINS: ROOT } });
  root = await signIn(app, await createUser(app, ROOT));
  const a = await createUser(app);
  adminA = await signIn(app, a);
  orgA = await createOrg(app, adminA, 'Rights Org A');
  const b = await createUser(app);
  adminB = await signIn(app, b);
  orgB = await createOrg(app, adminB, 'Rights Org B');
});
afterAll(async () => {
  await app?.close();
});

describe('rights requests: the organisation\'s side', () => {
  it('PRIV-3: an admin files a request for a member and answers it with the operator\'s rules, audited in the organisation\'s log; the organisation lists only its own; another organisation\'s admin gets 404 for both the member and the request, a viewer and an operator 403', async () => {
    clock.set(T0);
    const m = await member(orgA, ['viewer']);
    const operator = await member(orgA, ['operator']);
    const filed = await call(app, { session: adminA }, 'POST', '/v1/org/privacy/requests', { userId: m.userId, type: 'rectification', details: 'received by mail' });
    expect(filed.status, filed.text).toBe(202);
    expect(filed.body).toMatchObject({ subject: m.userId, type: 'rectification', status: 'open', dueAt: new Date(T0.getTime() + 30 * DAY).toISOString() });
    const id = String(filed.body.id);
    expect((await requestRow(id))?.org_id).toBe(orgA);
    // The member sees it among their own; the operator's queue holds it too.
    expect((await call(app, { session: m }, 'GET', '/v1/me/privacy-requests')).body.items).toEqual([expect.objectContaining({ id, status: 'open' })]);
    expect(((await call(app, { session: root }, 'GET', '/v1/platform/privacy-requests')).body.items as Array<{ id: string }>).map((i) => i.id)).toContain(id);

    // Another organisation's admin: not their member, not their request — the same 404 as an unknown id.
    const foreignFile = await call(app, { session: adminB }, 'POST', '/v1/org/privacy/requests', { userId: m.userId, type: 'access' });
    const unknownFile = await call(app, { session: adminB }, 'POST', '/v1/org/privacy/requests', { userId: 'usr_aaaaaaaaaaaaaaaaaaaaaaaaaa', type: 'access' });
    expect([foreignFile.status, unknownFile.status]).toEqual([404, 404]);
    expect(foreignFile.body.code).toBe(unknownFile.body.code);
    const foreignMove = await call(app, { session: adminB }, 'PATCH', `/v1/org/privacy/requests/${id}`, { status: 'rejected', resolution: 'hijack' });
    expect(foreignMove.status).toBe(404);
    expect(((await call(app, { session: adminB }, 'GET', '/v1/org/privacy/requests')).body.items as Array<{ id: string }>).map((i) => i.id)).not.toContain(id);
    // Org B's own request stays out of org A's list.
    const mB = await member(orgB, ['viewer']);
    const other = await call(app, { session: adminB }, 'POST', '/v1/org/privacy/requests', { userId: mB.userId, type: 'access' });
    expect(other.status, other.text).toBe(202);
    const listA = await call(app, { session: adminA }, 'GET', '/v1/org/privacy/requests');
    expect(listA.status).toBe(200);
    expect((listA.body.items as Array<{ id: string }>).map((i) => i.id)).toEqual([id]);
    // The member's own request (filed with the platform) is not the organisation's.
    const own = await call(app, { session: m }, 'POST', '/v1/me/privacy-requests', { type: 'objection' });
    expect(((await call(app, { session: adminA }, 'GET', '/v1/org/privacy/requests')).body.items as Array<{ id: string }>).map((i) => i.id)).not.toContain(String(own.body.id));
    expect((await call(app, { session: adminA }, 'PATCH', `/v1/org/privacy/requests/${String(own.body.id)}`, { status: 'rejected', resolution: 'not ours' })).status).toBe(404);

    // Without privacy:requests: a viewer and an operator of the same organisation.
    for (const s of [m, operator]) {
      expect((await call(app, { session: s }, 'GET', '/v1/org/privacy/requests')).status).toBe(403);
      expect((await call(app, { session: s }, 'POST', '/v1/org/privacy/requests', { userId: m.userId, type: 'access' })).status).toBe(403);
      expect((await call(app, { session: s }, 'PATCH', `/v1/org/privacy/requests/${id}`, { status: 'rejected', resolution: 'x' })).status).toBe(403);
    }
    // An erasure is not filed here (it needs privacy:erase, below).
    expect((await call(app, { session: adminA }, 'POST', '/v1/org/privacy/requests', { userId: m.userId, type: 'erasure' })).status).toBe(400);

    // The operator's transitions: open → in_progress → completed, then closed for good.
    const taken = await call(app, { session: adminA }, 'PATCH', `/v1/org/privacy/requests/${id}`, { status: 'in_progress', resolution: 'checking the records' });
    expect(taken.status, taken.text).toBe(200);
    const done = await call(app, { session: adminA }, 'PATCH', `/v1/org/privacy/requests/${id}`, { status: 'completed', resolution: 'address corrected' });
    expect(done.body).toMatchObject({ status: 'completed', resolution: 'address corrected', closedAt: T0.toISOString() });
    const again = await call(app, { session: adminA }, 'PATCH', `/v1/org/privacy/requests/${id}`, { status: 'in_progress', resolution: 'reopen' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('privacy_request_transition');
    const events = await auditOf(id);
    expect(events.filter((e) => e.org_id === orgA).map((e) => [e.action, e.actor_id, e.metadata.from ?? null, e.metadata.to ?? null])).toEqual([
      ['privacy.request_filed', adminA.userId, null, null],
      ['privacy.request_status_changed', adminA.userId, 'open', 'in_progress'],
      ['privacy.request_status_changed', adminA.userId, 'in_progress', 'completed'],
    ]);
    expect(events.every((e) => e.org_id === orgA)).toBe(true);
  });

  it('PRIV-3: the reminder of a request filed through an organisation reaches its admins, without the person\'s words', async () => {
    clock.set(T0);
    const m = await member(orgA, ['viewer']);
    const words = `please fix my records ${Date.now()}`;
    const filed = await call(app, { session: adminA }, 'POST', '/v1/org/privacy/requests', { userId: m.userId, type: 'restriction', details: words });
    const id = String(filed.body.id);
    clock.set(new Date(T0.getTime() + 23 * DAY + 60_000));
    await app.privacy.checkDeadlines([id]);
    const mails = await withSystem(app.testDb.db, (tx) => tx.sql<{ recipient: string; body: string }[]>`
      select recipient, body from mail_outbox where subject like ${'%' + id + '%'} order by seq`);
    expect(mails.map((x) => x.recipient)).toContain(adminA.email);
    expect(mails.map((x) => x.recipient)).not.toContain(adminB.email);
    for (const x of mails) expect(x.body).not.toContain(words);
    clock.set(T0);
  });
});

describe('erasure filed by an organisation (privacy:erase)', () => {
  it('PRIV-2: an admin files an erasure request for a member: tracked, audited, carried out only after the erasure delay; refused 404 for a non-member and across organisations, 403 for a viewer, an operator and any API key, 409 while the member is an organisation\'s last admin', async () => {
    clock.set(T0);
    const m = await member(orgA, ['viewer']);
    const operator = await member(orgA, ['operator']);
    // Attacks first: another organisation's admin, a non-member, a viewer, an operator, API keys.
    const cross = await call(app, { session: adminB }, 'POST', `/v1/org/members/${m.userId}/erasure`, {});
    const unknown = await call(app, { session: adminA }, 'POST', '/v1/org/members/usr_aaaaaaaaaaaaaaaaaaaaaaaaaa/erasure', {});
    const outsider = await call(app, { session: adminA }, 'POST', `/v1/org/members/${adminB.userId}/erasure`, {});
    expect([cross.status, unknown.status, outsider.status]).toEqual([404, 404, 404]);
    for (const s of [m, operator]) expect((await call(app, { session: s }, 'POST', `/v1/org/members/${m.userId}/erasure`, {})).status).toBe(403);
    const denyKey = await call(app, { session: adminA }, 'POST', '/v1/org/api-keys', { name: 'eraser', scopes: ['privacy:erase'] });
    expect(denyKey.status).toBeGreaterThanOrEqual(400);
    expect(denyKey.status).toBeLessThan(500);
    const key = await createKey(app, adminA, { name: 'requests', scopes: ['privacy:requests', 'privacy:export'] });
    expect((await call(app, { key: key.key }, 'POST', `/v1/org/members/${m.userId}/erasure`, {})).status).toBe(403);
    expect((await call(app, { key: key.key }, 'GET', '/v1/org/privacy/requests')).status).toBe(200);
    expect(await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from privacy_requests where user_id = ${m.userId}`)).toHaveLength(0);

    // The last-admin guard: a member who is the only admin of another organisation.
    const soleAdmin = await member(orgA, ['viewer']);
    await createOrg(app, soleAdmin, 'Sole admin elsewhere');
    const guarded = await call(app, { session: adminA }, 'POST', `/v1/org/members/${soleAdmin.userId}/erasure`, {});
    expect(guarded.status).toBe(409);
    expect(guarded.body.code).toBe('erasure_last_admin');

    const filed = await call(app, { session: adminA }, 'POST', `/v1/org/members/${m.userId}/erasure`, { details: 'asked by letter' });
    expect(filed.status, filed.text).toBe(202);
    const id = String(filed.body.id);
    expect(filed.body).toMatchObject({ subject: m.userId, type: 'erasure', status: 'open' });
    expect((await call(app, { session: adminA }, 'POST', `/v1/org/members/${m.userId}/erasure`, {})).status).toBe(409);
    // Tracked: the person, the organisation and the operator see it.
    expect((await call(app, { session: m }, 'GET', '/v1/me/privacy-requests')).body.items).toEqual([expect.objectContaining({ id, type: 'erasure' })]);
    expect(((await call(app, { session: adminA }, 'GET', '/v1/org/privacy/requests')).body.items as Array<{ id: string }>).map((i) => i.id)).toContain(id);
    expect((await auditOf(id)).map((e) => [e.org_id, e.action, e.actor_id])).toEqual([[orgA, 'privacy.request_filed', adminA.userId]]);
    // The person is told at once, with the way to withdraw it during the delay.
    const notice = await withSystem(app.testDb.db, (tx) => tx.sql<{ subject: string; body: string }[]>`select subject, body from mail_outbox where recipient = ${m.email} and body like ${'%' + id + '%'}`);
    expect(notice).toHaveLength(1);
    expect(notice[0]?.body).toContain(`/v1/me/privacy-requests/${id}/withdraw`);

    // Not before the delay (24 h by default), by the clock the jobs run on.
    clock.set(new Date(T0.getTime() + 23 * HOUR));
    await app.jobs.drain({ dueBy: clock.now() });
    expect(await userExists(m.userId)).toBe(true);
    clock.set(new Date(T0.getTime() + 25 * HOUR));
    await app.jobs.drain({ dueBy: clock.now() });
    expect(await userExists(m.userId)).toBe(false);
    expect(await requestRow(id)).toMatchObject({ status: 'completed' });
    clock.set(T0);
  });
});

describe('withdrawal of one\'s own request', () => {
  it('PRIV-3: a person withdraws their own open request: audited, closed for good — a replay is 409, the operator and the organisation cannot reopen it, nor can SQL; another person\'s request is 404 and stays open', async () => {
    clock.set(T0);
    const m = await member(orgA, ['viewer']);
    const stranger = await member(orgB, ['admin']);
    const mine = await call(app, { session: m }, 'POST', '/v1/me/privacy-requests', { type: 'objection', details: 'stop it' });
    const id = String(mine.body.id);
    const byOrg = await call(app, { session: adminA }, 'POST', '/v1/org/privacy/requests', { userId: m.userId, type: 'access' });
    const orgId = String(byOrg.body.id);

    // Someone else's request: the same 404 as an unknown one, and nothing changes.
    for (const s of [stranger, adminA, root]) {
      const r = await call(app, { session: s }, 'POST', `/v1/me/privacy-requests/${id}/withdraw`);
      expect(r.status, r.text).toBe(404);
    }
    expect((await call(app, { session: m }, 'POST', '/v1/me/privacy-requests/prq_aaaaaaaaaaaaaaaaaaaaaaaaaa/withdraw')).status).toBe(404);
    expect(await requestRow(id)).toMatchObject({ status: 'open', closed_at: null });

    clock.set(new Date(T0.getTime() + HOUR));
    const w = await call(app, { session: m }, 'POST', `/v1/me/privacy-requests/${id}/withdraw`);
    expect(w.status, w.text).toBe(200);
    expect(w.body).toMatchObject({ id, status: 'withdrawn', closedAt: clock.now().toISOString() });
    const replay = await call(app, { session: m }, 'POST', `/v1/me/privacy-requests/${id}/withdraw`);
    expect(replay.status).toBe(409);
    expect(replay.body.code).toBe('privacy_request_transition');
    const reopen = await call(app, { session: root }, 'POST', `/v1/platform/privacy-requests/${id}/status`, { status: 'in_progress', resolution: 'reopen' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.code).toBe('privacy_request_transition');
    await expect(withSystem(app.testDb.db, (tx) => tx.sql`update privacy_requests set status = 'open', closed_at = null where id = ${id}`)).rejects.toThrow(/stays closed/);
    expect(((await call(app, { session: root }, 'GET', '/v1/platform/privacy-requests')).body.items as Array<{ id: string }>).map((i) => i.id)).not.toContain(id);
    expect((await auditOf(id)).filter((e) => e.action === 'privacy.request_withdrawn').map((e) => [e.org_id, e.actor_id, e.metadata.from])).toEqual([['platform', m.userId, 'open']]);

    // A request the organisation filed for them is theirs to withdraw too; the organisation's log says so and cannot reopen it.
    const w2 = await call(app, { session: m }, 'POST', `/v1/me/privacy-requests/${orgId}/withdraw`);
    expect(w2.status, w2.text).toBe(200);
    expect((await auditOf(orgId)).filter((e) => e.action === 'privacy.request_withdrawn').map((e) => e.org_id).sort()).toEqual([orgA, 'platform'].sort());
    expect((await call(app, { session: adminA }, 'PATCH', `/v1/org/privacy/requests/${orgId}`, { status: 'in_progress', resolution: 'reopen' })).status).toBe(409);
    clock.set(T0);
  });

  it('PRIV-2: a withdrawn erasure never runs — its job drained past the due time leaves the person and their account; an erasure the job has begun can no longer be withdrawn', async () => {
    clock.set(T0);
    const m = await member(orgA, ['viewer']);
    const filed = await call(app, { session: m }, 'POST', '/v1/me/erasure', { details: 'changed my mind later' });
    expect(filed.status, filed.text).toBe(202);
    expect(filed.body).toMatchObject({ type: 'erasure', status: 'open' });
    const id = String(filed.body.id);
    expect((await app.jobs.pending('privacy.erase')).length).toBeGreaterThan(0);
    const w = await call(app, { session: m }, 'POST', `/v1/me/privacy-requests/${id}/withdraw`);
    expect(w.status, w.text).toBe(200);
    // Past the erasure delay and the deadline: every job and the hourly sweep run.
    clock.set(new Date(T0.getTime() + 31 * DAY));
    await app.jobs.drain({ dueBy: clock.now() });
    await app.privacy.runErasures();
    expect(await userExists(m.userId)).toBe(true);
    expect(await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from sessions where user_id = ${m.userId} and revoked_reason = 'erased'`)).toHaveLength(0);
    expect(await requestRow(id)).toMatchObject({ status: 'withdrawn' });
    expect((await auditOf(m.userId)).map((e) => e.action)).not.toContain('privacy.person_erased');

    // Once the erasure job has claimed a request (as it does before destroying anything), withdrawal is refused.
    clock.set(T0);
    const m2 = await member(orgA, ['viewer']);
    const f2 = await call(app, { session: m2 }, 'POST', '/v1/me/erasure', {});
    const id2 = String(f2.body.id);
    await withSystem(app.testDb.db, (tx) => tx.sql`update privacy_requests set erasure_started_at = ${clock.now()} where id = ${id2}`);
    const late = await call(app, { session: m2 }, 'POST', `/v1/me/privacy-requests/${id2}/withdraw`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('privacy_request_transition');
    expect(await requestRow(id2)).toMatchObject({ status: 'open' });
  });
});

describe('the consent ledger (GET /v1/org/consents)', () => {
  it('PRIV-4: the ledger lists every grant and withdrawal of the organisation, newest first, with actor and policy version; another organisation sees none of it, a viewer is refused 403, and the read is audited', async () => {
    clock.set(T0);
    expect((await call(app, { session: adminA }, 'PUT', '/v1/org/ai/consent', { policyVersion: 'ledger-1' })).status).toBe(200);
    clock.set(new Date(T0.getTime() + HOUR));
    expect((await call(app, { session: adminA }, 'DELETE', '/v1/org/ai/consent')).status).toBe(200);
    const r = await call(app, { session: adminA }, 'GET', '/v1/org/consents');
    expect(r.status, r.text).toBe(200);
    const items = r.body.items as Array<{ action: string; policyVersion: string | null; flow: string; actor: { id: string | null }; recordedAt: string }>;
    expect(items.map((i) => [i.flow, i.action, i.actor.id, i.recordedAt])).toEqual([
      ['ai', 'withdrawn', adminA.userId, new Date(T0.getTime() + HOUR).toISOString()],
      ['ai', 'granted', adminA.userId, T0.toISOString()],
    ]);
    expect(items[1]?.policyVersion).toBe('ledger-1');
    const b = await call(app, { session: adminB }, 'GET', '/v1/org/consents');
    expect(b.status).toBe(200);
    expect(b.body.items).toEqual([]);
    const viewer = await member(orgA, ['viewer']);
    expect((await call(app, { session: viewer }, 'GET', '/v1/org/consents')).status).toBe(403);
    const reads = await withSystem(app.testDb.db, (tx) => tx.sql<{ actor_id: string }[]>`
      select actor_id from audit_events where org_id = ${orgA} and action = 'ai.consent.ledger_read'`);
    expect(reads.map((x) => x.actor_id)).toEqual([adminA.userId]);
    clock.set(T0);
  });
});
