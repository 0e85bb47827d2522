/* PRIV-7 retention, with the real app on real PostgreSQL: two nodes (own pools, own node buses)
   share one database; the schedule is driven by jobs.drain({ dueBy }) and time by an injected
   clock — no wall-clock waits. Attacks: the request role setting or clearing a trial, a paid
   organisation and an unexpired trial beside the expired one, both nodes running the job at
   once, reruns. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { addMember, call, createKey, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { runAuditCommand } from '../cli/audit.js';
import { withOrg } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import type { OrgId } from '../lib/ids.js';

const DAY = 86_400_000;
const clock = fixedClock('2030-06-01T10:00:00Z'); // later than the real time: the queue's cron ticks agree with it
let nodeA: TestApp;
let nodeB: TestApp;
let adminT: Session & { email?: string };
let emailT: string;
let member: { userId: string; email: string };
let orgT: string; // trial, expired
let orgU: string; // trial, not yet expired
let orgP: string; // paid (no trial)
let sealedT: Buffer;
const operator = { type: 'super_admin' as const, id: 'usr_operator' };
const ref = { table: 'test', column: 'note', rowId: 'note1' };

const q = <T extends object>(fn: (sql: import('postgres').Sql) => Promise<T[]>) => asSuperuser(nodeA.testDb.ownerUrl, fn);
const countRows = async (text: TemplateStringsArray, ...v: unknown[]) => {
  const [r] = await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql<{ n: number }[]>(text, ...(v as never[])));
  return Number(r?.n ?? -1);
};

async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 500; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

beforeAll(async () => {
  // Audit retention runs in the job; it judges age by the database's clock (audit/retention.ts),
  // so this test's clock, years ahead, deletes no audit record.
  const env = { PALISADE_JOBS_WORKER: 'false' };
  nodeA = await buildTestApp({ clock, env });
  nodeB = await buildTestApp({ clock, env, testDb: { ...nodeA.testDb, db: await nodeA.testDb.connectAgain() } });
  const t = await createUser(nodeA);
  emailT = t.email;
  adminT = await signIn(nodeA, t);
  orgT = await createOrg(nodeA, adminT, 'Expired Trial Ltd');
  member = await createUser(nodeA);
  await addMember(nodeA, orgT, member.userId, ['viewer']);
  await createKey(nodeA, adminT, { name: 'trial key', scopes: ['members:read'] });
  sealedT = await withOrg(nodeA.testDb.db, orgT as OrgId, operator, (tx) => nodeA.keyring.encryptField(tx, ref, 'the trial org\'s secret'));
  const u = await signIn(nodeA, await createUser(nodeA));
  orgU = await createOrg(nodeA, u, 'Young Trial Ltd');
  const p = await signIn(nodeA, await createUser(nodeA));
  orgP = await createOrg(nodeA, p, 'Paying Customer Ltd');
  await nodeA.privacy.setTrial(orgT, new Date(clock.now().getTime() - DAY), operator);
  await nodeA.privacy.setTrial(orgU, new Date(clock.now().getTime() + 10 * DAY), operator);
  expect(await eventually(() => nodeA.authzFacts.livePeers() >= 1 && nodeB.authzFacts.livePeers() >= 1)).toBe(true);
}, 120_000);

afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
});

describe('retention job', () => {
  it('PRIV-7: a trial is set on the platform path only: the request role can neither set, clear nor move it', async () => {
    for (const stmt of ['trial_ends_at = null', 'trial_ends_at = now() + interval \'1 year\'', 'trial_notice_at = now()', 'deleted_at = now()']) {
      await expect(withOrg(nodeA.testDb.db, orgT as OrgId, { type: 'user', id: adminT.userId }, (tx) => tx.sql.unsafe(`update orgs set ${stmt} where id = '${orgT}'`)))
        .rejects.toThrow(/set by the platform only/);
    }
    await expect(nodeA.privacy.setTrial('org_doesnotexist', null, operator)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('PRIV-7: the daily run tells an expired trial\'s admins when it will be deleted, deletes nothing yet, prunes old notifications only, runs audit retention, and is audited once across both nodes', async () => {
    // Notifications: old and recent development mail, an old resolved alert and an old open one.
    const old = new Date(clock.now().getTime() - 100 * DAY);
    const recent = new Date(clock.now().getTime() - DAY);
    await q((sql) => sql`insert into mail_outbox (id, recipient, subject, body, created_at) values
      ('mail_old', 'x@example.test', 'old', 'old', ${old}), ('mail_recent', 'x@example.test', 'recent', 'recent', ${recent}) returning id`);
    await q((sql) => sql`insert into audit_alerts (id, org_id, detector, severity, subject, summary, raised_at, status, status_changed_at) values
      ('alr_resolved', ${orgP}, 'test', 'low', 's', 'resolved long ago', ${old}, 'resolved', ${old}),
      ('alr_open', ${orgP}, 'test', 'low', 's', 'still open', ${old}, 'open', null) returning id`);

    const dueBy = new Date(clock.now().getTime() + DAY); // the 03:37 tick of the next day
    await Promise.all([nodeA.jobs.drain({ dueBy }), nodeB.jobs.drain({ dueBy })]);

    const runs = await q((sql) => sql<{ metadata: Record<string, unknown> }[]>`select metadata from audit_events where action = 'privacy.retention_run'`);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.metadata).toMatchObject({ trialNotices: 1, trialOrgsDeleted: 0, notifications: { alerts: 1, deliveries: 0 }, auditRecordsDeleted: 0 });
    const [t] = await q((sql) => sql<{ trial_notice_at: Date | null; deleted_at: Date | null }[]>`select trial_notice_at, deleted_at from orgs where id = ${orgT}`);
    expect(t?.trial_notice_at).toEqual(clock.now());
    expect(t?.deleted_at).toBeNull();
    expect(await countRows`select count(*)::int as n from orgs where trial_notice_at is not null`).toBe(1);
    // The notice reached the admin, naming the deletion date; nothing else was deleted.
    const mail = await q((sql) => sql<{ subject: string; body: string }[]>`select subject, body from mail_outbox where lower(recipient) = ${emailT.toLowerCase()} and subject like '%trial%'`);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.body).toContain('2030-07-01');
    expect((await q((sql) => sql<{ id: string }[]>`select id from mail_outbox where id in ('mail_old', 'mail_recent')`)).map((r) => r.id)).toEqual(['mail_recent']);
    expect((await q((sql) => sql<{ id: string }[]>`select id from audit_alerts where id in ('alr_resolved', 'alr_open')`)).map((r) => r.id)).toEqual(['alr_open']);
    expect(await countRows`select count(*)::int as n from memberships where org_id = ${orgT}`).toBe(2);
    // A rerun sends no second notice.
    expect(await nodeB.privacy.runRetention()).toMatchObject({ trialNotices: 0, trialOrgsDeleted: 0 });
    expect(await countRows`select count(*)::int as n from audit_events where action = 'privacy.trial_deletion_notice'`).toBe(1);
  });

  it('PRIV-7: 30 days after expiry and notice the trial organisation is deleted — keys destroyed, every row it owned gone, tombstone without its name — once, with both nodes running at once; a paid organisation and a younger trial are untouched; the log verifies', async () => {
    clock.advance(31 * DAY);
    const [ra, rb] = await Promise.all([nodeA.privacy.runRetention(), nodeB.privacy.runRetention()]);
    expect(ra.trialOrgsDeleted + rb.trialOrgsDeleted).toBe(1);
    expect(ra.trialNotices + rb.trialNotices).toBe(1); // the younger trial has expired meanwhile: told, not deleted
    expect(ra.keysDestroyed + rb.keysDestroyed).toBeGreaterThanOrEqual(1);

    // Every table with an organisation column holds nothing of the deleted organisation, except
    // what is kept on purpose (migration 0191): key tombstones, the sealed audit log, breach records.
    const kept = new Set(['orgs', 'crypto_keys', 'crypto_key_versions', 'audit_events', 'audit_trees', 'audit_leaves', 'audit_tree_nodes', 'audit_checkpoints', 'incident_orgs', 'ai_consent_ledger', 'stripe_inbox', 'sessions',
      // Rights requests filed through it stay the person's: their org_id is cleared by the trigger of migration 0270 (checked below with the rest).
      'privacy_requests']);
    const cols = await q((sql) => sql<{ table_name: string; column_name: string }[]>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and column_name in ('org_id', 'scope_org', 'active_org_id')
        and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')`);
    expect(cols.length).toBeGreaterThan(20);
    // Statically too: each such table is deleted (or its column cleared) by the function, or kept on purpose.
    const [fn] = await q((sql) => sql<{ src: string }[]>`select prosrc as src from pg_proc where proname = 'palisade_delete_trial_org'`);
    const unhandled = cols.filter((c) => !kept.has(c.table_name) && !new RegExp(`DELETE FROM ${c.table_name} WHERE ${c.column_name} = p_org`).test(fn?.src ?? ''));
    expect(unhandled.map((c) => c.table_name)).toEqual([]);
    for (const t of ['sessions', 'stripe_inbox']) expect(fn?.src).toMatch(new RegExp(`UPDATE ${t} SET \\w+ = NULL WHERE \\w+ = p_org`));
    const left: string[] = [];
    for (const c of cols) {
      if (kept.has(c.table_name) && c.table_name !== 'privacy_requests') continue;
      // Names come from this test database's catalog.
      const [r] = await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "${c.table_name}" where "${c.column_name}" = $1`, [orgT]));
      if (Number(r?.n) > 0) left.push(`${c.table_name}.${c.column_name}`);
    }
    expect(left).toEqual([]);
    const [t] = await q((sql) => sql<{ name: string; deleted_at: Date | null }[]>`select name, deleted_at from orgs where id = ${orgT}`);
    expect(t).toMatchObject({ name: 'deleted organisation', deleted_at: clock.now() });
    expect(await countRows`select count(*)::int as n from crypto_keys where org_id = ${orgT} and destroyed_at is null`).toBe(0);
    await expect(withOrg(nodeB.testDb.db, orgT as OrgId, operator, (tx) => nodeB.keyring.decryptField(tx, ref, sealedT))).rejects.toMatchObject({ code: 'key_destroyed' });
    // The member and the admin still exist (people are not the organisation's), and lost it.
    expect(await countRows`select count(*)::int as n from users where id in (${member.userId}, ${adminT.userId})`).toBe(2);
    expect((await call(nodeB, { session: adminT }, 'GET', '/v1/org/members')).status).not.toBe(200);
    // Untouched: the paid organisation and the younger trial.
    expect(await countRows`select count(*)::int as n from orgs where id in (${orgP}, ${orgU}) and deleted_at is null and name <> 'deleted organisation'`).toBe(2);
    expect(await countRows`select count(*)::int as n from memberships where org_id in (${orgP}, ${orgU})`).toBe(2);
    // Once: one deletion record per log, and a rerun does nothing.
    expect(await countRows`select count(*)::int as n from audit_events where action = 'privacy.trial_org_deleted' and org_id = ${orgT}`).toBe(1);
    expect(await countRows`select count(*)::int as n from audit_events where action = 'privacy.trial_org_deleted' and org_id = 'platform'`).toBe(1);
    expect(await nodeA.privacy.runRetention()).toMatchObject({ trialNotices: 0, trialOrgsDeleted: 0, keysDestroyed: 0 });
    // A deleted organisation cannot be brought back.
    await expect(q((sql) => sql`update orgs set deleted_at = null, name = 'back' where id = ${orgT}`)).rejects.toThrow(/deleted organisation cannot change/);

    await nodeA.sealAudit();
    const out: string[] = [];
    const w = { write: (s: string) => out.push(s) } as never;
    expect(await runAuditCommand(['verify'], { sql: nodeA.testDb.db.system, out: w, err: w }), out.join('')).toBe(0);
  });
});
