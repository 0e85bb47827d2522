/* The restore drill (claim BAK-2): an untested backup is not a backup. It restores the newest
   backup into a scratch database on the same server, checks the restored audit log with the
   verifier `palisade audit verify` uses, checks the restore against the manifest (every table's
   row count; every organisation's audit checkpoint at backup time present with the same root),
   drops the scratch database, records the result (backup_drills) and an audit event, and alerts
   the platform operator when the drill fails or the newest backup is older than allowed.
   The drill needs an age identity: a drill-only recipient (docs/backups.md says the trade-off). */
import { randomBytes } from 'node:crypto';
import { appendAudit, PLATFORM_ORG, storedVerifiers, verifyAuditLog } from '../audit/index.js';
import { sqlClient, withSystem, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { Backups } from './service.js';

export interface DrillResult {
  id: string;
  ok: boolean;
  backupId: string | null;
  backupAgeHours: number | null;
  problems: string[];
}

export interface DrillDeps {
  db: Db;
  backups: Backups;
  /** Owner URL of Palisade's database; the scratch database is made beside it (needs CREATEDB). */
  ownerUrl: string;
  identities: readonly string[];
  clock: Clock;
  maxAgeHours: number;
  alert: (subject: string, text: string) => Promise<void>;
}

const ACTOR = { type: 'system' as const, id: 'backup-drill' };

export async function runDrill(deps: DrillDeps): Promise<DrillResult> {
  const started = deps.clock.now();
  const problems: string[] = [];
  const latest = await deps.backups.latest();
  const ageHours = latest ? (started.getTime() - Date.parse(latest.createdAt)) / 3_600_000 : null;
  if (!latest) problems.push('no complete backup exists');
  else if (ageHours !== null && ageHours > deps.maxAgeHours) problems.push(`the newest backup is ${ageHours.toFixed(1)} h old (limit ${deps.maxAgeHours} h)`);
  if (latest && !deps.identities.length) problems.push('no drill identity is configured (PALISADE_BACKUP_DRILL_IDENTITY_FILE)');
  if (latest && deps.identities.length) {
    const scratch = `palisade_drill_${randomBytes(6).toString('hex')}`;
    const admin = sqlClient(deps.ownerUrl, { max: 1, onnotice: () => {} });
    const target = (() => { const u = new URL(deps.ownerUrl); u.pathname = `/${scratch}`; return u.toString(); })();
    try {
      await admin`select 1`;
      await admin`create database ${admin(scratch)}`;
      const restored = await deps.backups.restore(latest.id, { actor: ACTOR, identities: deps.identities, targetOwnerUrl: target });
      // Erasures since the backup (the ledger) take rows away; the restore adds its audit records.
      const erased = restored.erasures.erased.length > 0;
      const sql = sqlClient(target, { max: 1, onnotice: () => {} });
      try {
        const report = await verifyAuditLog({ sql, verifiers: await storedVerifiers(sql), keySource: 'database', retentionDays: 36500, now: deps.clock.now() });
        for (const p of report.problems.slice(0, 10)) problems.push(`audit verify: ${p.orgId}: ${p.kind}: ${p.message}`);
        for (const t of latest.tables) {
          const [r] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(t.name)}`;
          const n = r?.n ?? 0;
          if (t.name === 'public.audit_events' ? n !== t.rows + restored.erasures.auditRecords : erased ? n > t.rows : n !== t.rows) {
            problems.push(`table ${t.name}: ${n} rows restored, manifest says ${t.rows}`);
          }
        }
        for (const c of latest.auditCheckpoints) {
          const [r] = await sql<{ root: string }[]>`select encode(root_hash, 'base64') as root from audit_checkpoints where org_id = ${c.orgId} and tree_size = ${c.treeSize}`;
          if (r?.root !== c.rootHash) problems.push(`audit checkpoint ${c.orgId}@${c.treeSize} is not the one in the manifest`);
        }
      } finally {
        await sql.end();
      }
    } catch (e) {
      problems.push(`restore failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      await admin`drop database if exists ${admin(scratch)} with (force)`.catch(() => undefined);
      await admin.end();
    }
  }
  const result: DrillResult = { id: newId('drl'), ok: problems.length === 0, backupId: latest?.id ?? null, backupAgeHours: ageHours === null ? null : Math.round(ageHours * 10) / 10, problems };
  await withSystem(deps.db, async (tx) => {
    await tx.sql`insert into backup_drills (id, backup_id, started_at, finished_at, ok, backup_age_hours, problems)
                 values (${result.id}, ${result.backupId}, ${started}, ${deps.clock.now()}, ${result.ok}, ${result.backupAgeHours}, ${tx.sql.json(problems)})`;
    await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'backup.drill', actor: ACTOR, outcome: result.ok ? 'allowed' : 'failed', ...(result.backupId ? { target: { type: 'backup', id: result.backupId } } : {}), metadata: { drillId: result.id, problems: problems.slice(0, 10) } });
  });
  if (!result.ok) {
    await deps.alert(`[Palisade] Backup drill FAILED${latest ? ` for ${latest.id}` : ''}`, `The restore drill ${result.id} failed:\n\n${problems.map((p) => `- ${p}`).join('\n')}\n\nSee docs/backups.md ("Restoring after losing a server") and run: palisade backup verify <id> --identity <file>`);
  }
  return result;
}

/** The newest drill's result, for /metrics and the operator. */
export async function lastDrill(db: Db): Promise<{ ok: boolean; finishedAt: Date } | null> {
  const [r] = await db.system<{ ok: boolean; finished_at: Date }[]>`select ok, finished_at from backup_drills order by finished_at desc limit 1`;
  return r ? { ok: r.ok, finishedAt: r.finished_at } : null;
}
