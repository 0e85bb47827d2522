/* The statements /metrics runs at each scrape, on the platform path. Each is bounded: an index
   scan for the newest backup and drill, a capped count of unsealed audit records and of jobs. */
import type { SystemTx } from '../db/index.js';

/** Unsealed audit records (capped) and the age of the oldest, in seconds (0 when none wait). */
export async function sealLag(tx: SystemTx, cap: number): Promise<{ waiting: number; lagSeconds: number }> {
  const [row] = await tx.sql<{ waiting: number; oldest: Date | null }[]>`
    with waiting as (
      select e.occurred_at from audit_events e, audit_seal_cursor c
      where (e.tx_id, e.seq) > (c.last_tx_id, c.last_seq) limit ${cap}
    )
    select count(*)::int as waiting, min(occurred_at) as oldest from waiting`;
  const oldest = row?.oldest ?? null;
  return { waiting: row?.waiting ?? 0, lagSeconds: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0 };
}

/** Jobs on the queue by state: ready (due, not taken), scheduled (later), running, failed (out of attempts). */
export async function jobDepth(tx: SystemTx): Promise<Record<'ready' | 'scheduled' | 'running' | 'failed', number>> {
  const [r] = await tx.sql<{ ready: number; scheduled: number; running: number; failed: number }[]>`
    select count(*) filter (where locked_at is null and attempts < max_attempts and run_at <= now())::int as ready,
           count(*) filter (where locked_at is null and attempts < max_attempts and run_at > now())::int as scheduled,
           count(*) filter (where locked_at is not null)::int as running,
           count(*) filter (where locked_at is null and attempts >= max_attempts)::int as failed
    from graphile_worker._private_jobs`;
  return { ready: r?.ready ?? 0, scheduled: r?.scheduled ?? 0, running: r?.running ?? 0, failed: r?.failed ?? 0 };
}

/** When the newest backup was taken (its backup.created record in the platform log). */
export async function lastBackupAt(tx: SystemTx): Promise<Date | null> {
  const [r] = await tx.sql<{ at: Date }[]>`
    select occurred_at as at from audit_events where org_id = 'platform' and action = 'backup.created' and outcome = 'allowed'
    order by occurred_at desc limit 1`;
  return r?.at ?? null;
}

export async function lastDrill(tx: SystemTx): Promise<{ ok: boolean; at: Date } | null> {
  const [r] = await tx.sql<{ ok: boolean; at: Date }[]>`select ok, finished_at as at from backup_drills order by finished_at desc limit 1`;
  return r ?? null;
}

/** Incidents not closed: their state and deadline. */
export async function openIncidents(tx: SystemTx): Promise<Array<{ id: string; confirmed: boolean; notified: boolean; deadline: Date | null }>> {
  return tx.sql<Array<{ id: string; confirmed: boolean; notified: boolean; deadline: Date | null }>>`
    select id, confirmed_at is not null as confirmed, notified_at is not null as notified, deadline_at as deadline
    from incidents where closed_at is null order by id limit 1000`;
}
