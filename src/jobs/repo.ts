/* The job queue's statements. Enqueueing goes through palisade_jobs.enqueue_job (SECURITY
   DEFINER, migration 0052), so the request path adds a job in its own transaction without any
   right on the queue's tables. The drain statements run on the platform path (tests, CLI). */
import type { Sql } from 'postgres';

export interface EnqueueRow {
  task: string;
  payload: unknown;
  runAt: Date | null;
  maxAttempts: number | null;
  key: string | null;
}

export async function insertJob(sql: Sql, job: EnqueueRow): Promise<void> {
  await sql`select palisade_jobs.enqueue_job(${job.task}::text, ${sql.json((job.payload ?? null) as Parameters<Sql['json']>[0])}::json, ${job.runAt}::timestamptz, ${job.maxAttempts}::int, ${job.key}::text)`;
}

/** Brings every unlocked job due by `dueBy` (still with attempts left) forward to now. */
export async function bringForward(system: Sql, dueBy: Date): Promise<void> {
  await system`update graphile_worker._private_jobs set run_at = now()
    where locked_at is null and attempts < max_attempts and run_at > now() and run_at <= ${dueBy}`;
}

/** Jobs a worker could run now, or is running. */
export async function countActive(system: Sql): Promise<number> {
  const [row] = await system<{ n: number }[]>`select count(*)::int as n from graphile_worker._private_jobs
    where locked_at is not null or (run_at <= now() and attempts < max_attempts)`;
  return row?.n ?? 0;
}

/** Pending or failed jobs of one task, oldest first (operators' view and tests). */
export async function listJobs(system: Sql, task: string): Promise<Array<{ id: string; attempts: number; maxAttempts: number; lastError: string | null; runAt: Date; key: string | null }>> {
  return system`select j.id::text, j.attempts, j.max_attempts as "maxAttempts", j.last_error as "lastError", j.run_at as "runAt", j.key
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = ${task} order by j.id`;
}

/** Adds a schedule's job for one tick unless that tick already fired (graphile-worker's
    known_crontabs lock, the statement its cron runs): once across nodes and drains. */
export async function fireCronTick(system: Sql, t: { identifier: string; task: string; payload: Record<string, unknown>; tick: Date }): Promise<boolean> {
  const rows = await system`
    with locks as (
      insert into graphile_worker._private_known_crontabs as k (identifier, known_since, last_execution)
      values (${t.identifier}, ${t.tick}, ${t.tick})
      on conflict (identifier) do update set last_execution = excluded.last_execution
      where k.last_execution is null or k.last_execution < excluded.last_execution
      returning k.identifier)
    select graphile_worker.add_job(${t.task}::text, ${system.json(t.payload as Parameters<Sql['json']>[0])}::json, run_at := ${t.tick}::timestamptz) from locks`;
  return rows.length > 0;
}
