/* The backup module's statements for the HTTP surface (requests.ts): backup requests (migration
   0290) and what the platform already recorded about each backup — its latest verification
   (backup.verified audit records) and its latest drill (backup_drills). Platform path (SystemTx). */
import type { SystemTx } from '../db/index.js';

export interface RequestRow {
  id: string;
  requestedBy: string;
  requestedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  outcome: 'complete' | 'failed' | 'abandoned' | null;
}

/** A request left open longer than this is abandoned (its process died): it no longer blocks. */
export const ABANDONED_AFTER_HOURS = 6;

/** Closes open requests older than ABANDONED_AFTER_HOURS as abandoned. */
export async function closeAbandoned(tx: SystemTx, now: Date): Promise<void> {
  await tx.sql`update backup_requests set finished_at = ${now}, outcome = 'abandoned'
    where finished_at is null and requested_at < ${now}::timestamptz - make_interval(hours => ${ABANDONED_AFTER_HOURS})`;
}

/** Inserts an open request unless one is open already (the partial unique index decides): true if inserted. */
export async function insertOpenRequest(tx: SystemTx, r: { id: string; requestedBy: string; requestedAt: Date }): Promise<boolean> {
  const rows = await tx.sql`insert into backup_requests (id, requested_by, requested_at) values (${r.id}, ${r.requestedBy}, ${r.requestedAt})
    on conflict do nothing returning id`;
  return rows.length === 1;
}

type RawRequest = { id: string; requested_by: string; requested_at: Date; started_at: Date | null; finished_at: Date | null; outcome: RequestRow['outcome'] };
const toRequest = (r: RawRequest): RequestRow => ({ id: r.id, requestedBy: r.requested_by, requestedAt: r.requested_at, startedAt: r.started_at, finishedAt: r.finished_at, outcome: r.outcome });

export async function openRequest(tx: SystemTx): Promise<RequestRow | null> {
  const [r] = await tx.sql<RawRequest[]>`select id, requested_by, requested_at, started_at, finished_at, outcome from backup_requests where finished_at is null`;
  return r ? toRequest(r) : null;
}

export async function latestRequest(tx: SystemTx): Promise<RequestRow | null> {
  const [r] = await tx.sql<RawRequest[]>`select id, requested_by, requested_at, started_at, finished_at, outcome from backup_requests order by requested_at desc limit 1`;
  return r ? toRequest(r) : null;
}

export async function markStarted(tx: SystemTx, id: string, at: Date): Promise<void> {
  await tx.sql`update backup_requests set started_at = ${at} where id = ${id} and finished_at is null`;
}

export async function markFinished(tx: SystemTx, id: string, at: Date, outcome: 'complete' | 'failed'): Promise<void> {
  await tx.sql`update backup_requests set finished_at = ${at}, outcome = ${outcome} where id = ${id} and finished_at is null`;
}

export interface CheckState {
  at: Date;
  ok: boolean;
  /** Verification only: 'checksum' or 'full'. */
  level?: string;
}

/** The latest backup.verified record of each backup named. */
export async function latestVerifications(tx: SystemTx, ids: readonly string[]): Promise<Map<string, CheckState>> {
  if (!ids.length) return new Map();
  const rows = await tx.sql<{ id: string; at: Date; outcome: string; level: string | null }[]>`
    select distinct on (target_id) target_id as id, occurred_at as at, outcome, metadata->>'level' as level
    from audit_events where org_id = 'platform' and action = 'backup.verified' and target_type = 'backup' and target_id = any(${ids as string[]})
    order by target_id, occurred_at desc, seq desc`;
  return new Map(rows.map((r) => [r.id, { at: r.at, ok: r.outcome === 'allowed', ...(r.level ? { level: r.level } : {}) }]));
}

/** The latest drill of each backup named. */
export async function latestDrills(tx: SystemTx, ids: readonly string[]): Promise<Map<string, CheckState>> {
  if (!ids.length) return new Map();
  const rows = await tx.sql<{ id: string; at: Date; ok: boolean }[]>`
    select distinct on (backup_id) backup_id as id, finished_at as at, ok from backup_drills
    where backup_id = any(${ids as string[]}) order by backup_id, finished_at desc`;
  return new Map(rows.map((r) => [r.id, { at: r.at, ok: r.ok }]));
}
