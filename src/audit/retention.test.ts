import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { loadConfig } from '../config/load.js';
import { roleUrl, withOrg, withSystem } from '../db/index.js';
import { createCheckpointKeys } from './keys.js';
import { verifyInclusion } from './merkle.js';
import { fromBase64, openCheckpoint, parseVerifierKey } from './note.js';
import { hashLeaf } from './merkle.js';
import { runAuditRetention } from './retention.js';
import { createSealer } from './sealer.js';
import { createAuditService } from './service.js';
import { appendIn, makeOrg, testKeyring, userActor } from './testing.js';
import { storedVerifiers, verifyAuditLog } from './verify.js';

const DAY = 86_400_000;
const NOW = new Date('2030-06-01T00:00:00Z');
let t: TestDb;
let retention: postgres.Sql;

beforeAll(async () => {
  t = await createTestDb();
  const [row] = await asSuperuser(t.ownerUrl, (s) => s<{ password: string }[]>`select password from palisade_internal.role_secrets where role_name = 'palisade_retention'`);
  retention = postgres(roleUrl(t.ownerUrl, 'palisade_retention', row!.password), { max: 2, onnotice: () => {} });
});
afterAll(async () => {
  await retention?.end();
  await t?.drop();
});

const keys = () => createCheckpointKeys({ db: t.db, keyring: sharedKeyring, keyName: 'palisade.test/audit' });
const sharedKeyring = testKeyring();

describe('audit retention', () => {
  it('AUD-4: the retention period defaults to three years (1095 days) and is configurable', () => {
    expect(loadConfig({}).AUDIT_RETENTION_DAYS).toBe(1095);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '30' }).AUDIT_RETENTION_DAYS).toBe(30);
  });

  it('AUD-4: deletes only records older than the retention period, through palisade_retention; verify still passes and proofs still work', async () => {
    const k = keys();
    const sealer = createSealer({ db: t.db, keys: k, logName: 'palisade.test/audit', batchSize: 1000, intervalMs: 1000 });
    const org = await makeOrg(t.db);
    const old: string[] = [];
    const recent: string[] = [];
    for (let i = 0; i < 5; i++) old.push(await appendIn(t.db, org, { occurredAt: new Date(NOW.getTime() - (1200 - i) * DAY), metadata: { i } }));
    await sealer.sealAll();
    // Just inside the period: kept.
    recent.push(await appendIn(t.db, org, { occurredAt: new Date(NOW.getTime() - 1000 * DAY) }));
    for (let i = 0; i < 3; i++) recent.push(await appendIn(t.db, org, { occurredAt: new Date(NOW.getTime() - i * DAY) }));
    await sealer.sealAll();

    const res = await runAuditRetention({ sql: retention, retentionDays: 1095, now: NOW });
    expect(res.orgs.find((o) => o.orgId === org)).toEqual({ orgId: org, deleted: 5, prunedBelow: 5 });
    const left = await withSystem(t.db, (tx) => tx.sql<{ id: string }[]>`select id from audit_events where org_id = ${org} order by seq`);
    expect(left.map((r) => r.id)).toEqual(recent);
    // Hashes and checkpoints are all still there.
    const [counts] = await withSystem(t.db, (tx) => tx.sql<{ leaves: string; cps: string }[]>`
      select (select count(*) from audit_leaves where org_id = ${org})::text as leaves,
             (select count(*) from audit_checkpoints where org_id = ${org})::text as cps`);
    expect(counts).toEqual({ leaves: '9', cps: '2' });

    const rep = await verifyAuditLog({ sql: t.db.system, verifiers: await storedVerifiers(t.db.system), keySource: 'database', retentionDays: 1095, now: NOW, orgId: org });
    expect(rep.problems).toEqual([]);
    expect(rep.orgs[0]).toMatchObject({ leavesChecked: 9, recordsPruned: 5 });

    // A proof for a kept record is still built (its path includes hashes of deleted records).
    const svc = createAuditService({ db: t.db, keys: k });
    const ctx = { orgId: org, actor: userActor('usr_auditor'), source: { ip: null, userAgent: null, requestId: null } };
    const p = await svc.proof(ctx, recent[0]!);
    const cp = openCheckpoint(p.checkpoint, [parseVerifierKey((await k.activeVerifierKey())!)]);
    expect(p.leafIndex).toBe(5);
    expect(verifyInclusion(p.leafIndex, p.treeSize, hashLeaf(fromBase64(p.leaf)), p.auditPath.map(fromBase64), cp.rootHash)).toBe(true);

    // Running again deletes nothing more.
    expect((await runAuditRetention({ sql: retention, retentionDays: 1095, now: NOW })).deleted).toBe(0);
  });

  it('AUD-4: the retention role cannot delete a record inside the period, nor an unsealed one', async () => {
    const org = await makeOrg(t.db);
    const recentId = await appendIn(t.db, org, { occurredAt: new Date(NOW.getTime() - DAY) });
    await createSealer({ db: t.db, keys: keys(), logName: 'palisade.test/audit', batchSize: 1000, intervalMs: 1000 }).sealAll();
    const unsealedOld = await appendIn(t.db, org, { occurredAt: new Date(NOW.getTime() - 2000 * DAY) });
    await expect(retention`delete from audit_events where id = ${recentId}`).rejects.toThrow(/not sealed below the retention horizon/);
    await expect(retention`delete from audit_events where id = ${unsealedOld}`).rejects.toThrow(/not sealed below the retention horizon/);
    await expect(retention`update audit_events set reason = 'x' where id = ${recentId}`).rejects.toThrow(/permission denied|append-only/);
    await expect(retention`update audit_leaves set leaf_hash = leaf_hash where org_id = ${org}`).rejects.toThrow(/permission denied/);
    // Nobody else may delete at all.
    await expect(withOrg(t.db, org, userActor('x'), (tx) => tx.sql`delete from audit_events where id = ${recentId}`)).rejects.toThrow(/permission denied|append-only/);
    await expect(withSystem(t.db, (tx) => tx.sql`delete from audit_events where id = ${recentId}`)).rejects.toThrow(/permission denied|append-only/);
  });

  it('AUD-3: verify rejects a "retention" deletion of a record that was not yet past retention', async () => {
    const org = await makeOrg(t.db);
    const id = await appendIn(t.db, org, { occurredAt: new Date(NOW.getTime() - 10 * DAY) });
    await appendIn(t.db, org, { occurredAt: new Date(NOW.getTime() - 9 * DAY) });
    await createSealer({ db: t.db, keys: keys(), logName: 'palisade.test/audit', batchSize: 1000, intervalMs: 1000 }).sealAll();
    // The superuser raises the horizon and deletes a recent record, pretending it expired.
    await asSuperuser(t.ownerUrl, async (s) => {
      await s`update audit_trees set pruned_below = 1 where org_id = ${org}`;
      await s.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`delete from audit_events where id = ${id}`;
      });
    });
    const rep = await verifyAuditLog({ sql: t.db.system, verifiers: await storedVerifiers(t.db.system), keySource: 'database', retentionDays: 1095, now: NOW, orgId: org });
    expect(rep.problems).toEqual([expect.objectContaining({ kind: 'record_missing', leafIndex: 0, eventId: id })]);
  });
});
