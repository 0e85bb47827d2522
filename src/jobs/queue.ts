/* The job queue: graphile-worker on PostgreSQL (jobs run once across nodes; nothing
   home-made). Modules define their tasks and schedules on one Jobs object before start();
   a job is added either on its own (add) or inside the transaction of the change that needs it
   (enqueue), so a job exists exactly when its cause committed. Every node may run the worker:
   graphile-worker locks each job for one worker, retries a failed job with exponential backoff
   up to its attempts, and fires each cron item once per tick across nodes. Handlers must be
   idempotent all the same (a node killed mid-job has its job run again after the lock expires). */
import pg from 'pg';
import { Logger as QueueLogger, parseCronItems, run, runOnce, type Runner, type TaskList } from 'graphile-worker';
import type { Sql } from 'postgres';
import { bringForward, countActive, fireCronTick, insertJob, listJobs } from './repo.js';

export interface JobContext {
  readonly jobId: string;
  /** 1 on the first run. */
  readonly attempt: number;
  readonly maxAttempts: number;
}
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /** Not before this time (a retry schedule, a deadline reminder). */
  runAt?: Date;
  /** Attempts before the job is left failed (graphile-worker's default is 25). */
  maxAttempts?: number;
  /** At most one pending job per key: adding again replaces the pending one (debounce). */
  key?: string;
}

export interface Schedule {
  task: string;
  /** Crontab pattern, UTC ("0 3 * * *" = daily at 03:00). */
  cron: string;
  payload?: Record<string, unknown>;
  /** Distinguishes two schedules of one task (default: the task name). */
  id?: string;
}

export interface JobsLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobsDeps {
  /** The platform path (palisade_system) and its connection string (the worker's own pool). */
  system: Sql;
  systemUrl: string | undefined;
  log: JobsLog;
  /** Run the worker in this process (PALISADE_JOBS_WORKER). */
  worker: boolean;
  concurrency: number;
}

export interface Jobs {
  /** Adds a job inside the transaction of its cause (the module function enqueue, here so a
      module handed the queue needs nothing else). */
  enqueue: typeof enqueue;
  /** Registers a task's handler. Call before start(). */
  define(task: string, handler: JobHandler): void;
  /** Runs a task on a crontab schedule, once per tick across all nodes. Call before start(). */
  schedule(schedule: Schedule): void;
  /** Adds a job now, on the platform path. Inside a transaction, use enqueue(tx, …) instead. */
  add(task: string, payload: unknown, opts?: EnqueueOptions): Promise<void>;
  /** Starts the worker (when enabled). */
  start(): Promise<void>;
  /** Runs jobs in this process until none is due or running: tests and the CLI. `dueBy` first
      fires each schedule's latest tick due by then (once across nodes, as the worker's cron
      would: a tick already fired is not fired again), then brings forward jobs due by then (a
      retry's backoff, a future reminder). */
  drain(opts?: { dueBy?: Date }): Promise<void>;
  /** Jobs of one task that have not completed (pending, retrying or failed). */
  pending(task: string): ReturnType<typeof listJobs>;
  /** Lets running jobs finish, then closes the worker's pool. */
  stop(): Promise<void>;
}

const TASK_NAME = /^[a-z][a-z0-9_.:-]{0,99}$/;

/** Adds a job in the caller's transaction (an OrgTx or SystemTx): it exists only if that commits. */
export async function enqueue(tx: { readonly sql: Sql }, task: string, payload: unknown, opts: EnqueueOptions = {}): Promise<void> {
  checkTaskName(task);
  await insertJob(tx.sql, { task, payload, runAt: opts.runAt ?? null, maxAttempts: opts.maxAttempts ?? null, key: opts.key ?? null });
}

function checkTaskName(task: string): void {
  if (!TASK_NAME.test(task)) throw new TypeError(`job task names are lower-case identifiers: ${JSON.stringify(task)}`);
}

/** The latest minute in (from, to] a schedule matches, or null (graphile-worker's own matcher). */
function latestTick(s: Schedule, from: Date, to: Date): Date | null {
  const [item] = parseCronItems([{ task: s.task, match: s.cron, identifier: s.id ?? s.task, payload: s.payload ?? {} }]);
  const t = new Date(Math.floor(to.getTime() / 60_000) * 60_000);
  for (; t.getTime() > from.getTime(); t.setTime(t.getTime() - 60_000)) {
    if (item!.match({ min: t.getUTCMinutes(), hour: t.getUTCHours(), date: t.getUTCDate(), month: t.getUTCMonth() + 1, dow: t.getUTCDay() })) return new Date(t);
  }
  return null;
}

/** drain({dueBy}): each schedule's latest tick between its last run (or now) and dueBy is added
    as the worker's cron adds it, through graphile-worker's known_crontabs row, so a tick fires
    once whichever node (or drain) gets there first. Missed earlier ticks are not backfilled
    (graphile-worker's default). */
async function fireSchedules(system: Sql, schedules: readonly Schedule[], dueBy: Date): Promise<void> {
  const [{ now } = { now: new Date() }] = await system<{ now: Date }[]>`select now() as now`;
  for (const s of schedules) {
    const tick = latestTick(s, now, dueBy);
    if (tick) await fireCronTick(system, { identifier: s.id ?? s.task, task: s.task, payload: { ...(s.payload ?? {}), _cron: { ts: tick.toISOString(), backfilled: false } }, tick });
  }
}

export function createJobs(deps: JobsDeps): Jobs {
  const tasks: TaskList = {};
  const schedules: Schedule[] = [];
  let runner: Runner | null = null;
  let pool: pg.Pool | null = null;
  let started = false;

  // graphile-worker's own lines go to our logger; a completed job is debug, not info.
  const logger = new QueueLogger((scope) => (level, message, meta) => {
    const obj = { component: 'jobs', task: scope.taskIdentifier, jobId: scope.jobId, ...(meta ?? {}) };
    if (level === 'error') deps.log.error(obj, message);
    else if (level === 'warning') deps.log.warn(obj, message);
    else deps.log.debug(obj, message);
  });

  const getPool = (): pg.Pool => {
    if (!deps.systemUrl) throw new Error('the job worker needs the platform connection string (Db.systemUrl)');
    pool ??= new pg.Pool({ connectionString: deps.systemUrl, max: deps.concurrency + 2, application_name: 'palisade-jobs' });
    // A dropped idle connection must not crash the process (pg emits 'error' on the pool).
    pool.on('error', (e) => deps.log.warn({ err: e.message }, 'job worker connection lost'));
    return pool;
  };

  return {
    enqueue,
    define(task, handler) {
      checkTaskName(task);
      if (started) throw new Error(`job task ${task} defined after start()`);
      if (tasks[task]) throw new Error(`job task ${task} defined twice`);
      tasks[task] = async (payload, helpers) => {
        await handler(payload, { jobId: helpers.job.id, attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
      };
    },
    schedule(s) {
      checkTaskName(s.task);
      if (started) throw new Error(`schedule for ${s.task} added after start()`);
      // Parse now, so a bad pattern fails at boot, not at the first tick.
      parseCronItems([{ task: s.task, match: s.cron, identifier: s.id ?? s.task, payload: s.payload ?? {} }]);
      schedules.push(s);
    },
    async add(task, payload, opts = {}) {
      await enqueue({ sql: deps.system }, task, payload, opts);
    },
    async start() {
      started = true;
      if (!deps.worker) return;
      for (const s of schedules) if (!tasks[s.task]) throw new Error(`schedule for undefined task ${s.task}`);
      runner = await run({
        pgPool: getPool(),
        taskList: tasks,
        parsedCronItems: parseCronItems(schedules.map((s) => ({ task: s.task, match: s.cron, identifier: s.id ?? s.task, payload: s.payload ?? {} }))),
        concurrency: deps.concurrency,
        noHandleSignals: true,
        pollInterval: 2000,
        logger,
      });
    },
    async drain(opts = {}) {
      if (opts.dueBy) await fireSchedules(deps.system, schedules, opts.dueBy);
      for (let round = 0; round < 1000; round++) {
        if (opts.dueBy) await bringForward(deps.system, opts.dueBy);
        await runOnce({ pgPool: getPool(), taskList: tasks, noHandleSignals: true, logger });
        if ((await countActive(deps.system)) === 0) return;
        // Another worker (this node's runner, or another node) holds a job: wait for it.
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('jobs.drain: jobs kept coming for 1000 rounds');
    },
    pending: (task) => listJobs(deps.system, task),
    async stop() {
      started = true;
      await runner?.stop();
      runner = null;
      await pool?.end();
      pool = null;
    },
  };
}
