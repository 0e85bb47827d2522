/* Wires the backup module onto the job queue (claims BAK-1, BAK-2):
   - `backup.create` (PALISADE_BACKUP_CRON, daily by default): writes the erasure ledger, takes an
     encrypted backup, then prunes backups older than the retention;
   - `backup.drill` (PALISADE_BACKUP_DRILL_CRON, weekly by default): restores the newest backup into
     a scratch database and checks it (drill.ts), alerting the platform operator on failure;
   - `backup.erasure_ledger`: copies erasure records (key ids, no personal data) to the backup
     store, so a restore of an older backup destroys those keys again (erasure-ledger.ts).
   Schedules fire once per tick across nodes (graphile-worker's cron). They are registered only
   when backups are configured (PALISADE_BACKUP_RECIPIENTS); without it production start-up warns.
   A failed backup alerts and is retried by the queue; a drill records its own failure and alerts.
   - `backup.now`: a backup a platform super-admin asked for (POST /v1/platform/backups; requests.ts),
     run once (no retry: the operator asks again), alerting on failure. */
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import type { Config } from '../config/schema.js';
import { sqlClient, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { parseIdentityFile } from './age.js';
import { backupConfig, backupStorageFromConfig } from './config.js';
import { runDrill } from './drill.js';
import { createBackupRequests, REQUEST_TASK } from './requests.js';
import { backupRoutes } from './routes.js';
import { createBackups, type Backups } from './service.js';

export const BACKUP_TASK = 'backup.create';
export const DRILL_TASK = 'backup.drill';
/** Added by a trigger in the transaction that destroys a key (migration 0150). */
export const ERASURE_LEDGER_TASK = 'backup.erasure_ledger';

export interface BackupModuleDeps {
  /** GET · POST /v1/platform/backups are registered on it. */
  http: FastifyInstance;
  config: Config;
  db: Db;
  clock: Clock;
  /** Owner (superuser or BYPASSRLS) URL of Palisade's database; absent: no scheduled backups. */
  ownerUrl: string | undefined;
  jobs: {
    define(task: string, handler: (payload: unknown) => Promise<void>): void;
    schedule(s: { task: string; cron: string }): void;
  };
  /** Mails the platform operator (the super-admins). */
  alert: (subject: string, text: string) => Promise<void>;
  warn: (code: string, message: string) => void;
}

export interface BackupModule {
  /** Whether the schedules are registered. */
  readonly scheduled: boolean;
  stop(): Promise<void>;
}

const ACTOR = { type: 'system' as const, id: 'backup-schedule' };

export async function mountBackup(deps: BackupModuleDeps): Promise<BackupModule> {
  const bc = backupConfig(deps.config);
  const ownerUrl = deps.ownerUrl;
  if (!bc.recipients.length || !ownerUrl) {
    await deps.http.register(backupRoutes, { requests: createBackupRequests({ db: deps.db, clock: deps.clock, withBackups: null, alert: deps.alert }) });
    // No backups are taken, so no ledger is needed; the task still exists for the trigger's jobs.
    deps.jobs.define(ERASURE_LEDGER_TASK, async () => undefined);
    if (deps.config.PALISADE_ENV === 'production') {
      deps.warn('PAL_WARN_BACKUP_NOT_CONFIGURED', bc.recipients.length
        ? 'scheduled backups need the database owner connection; run palisade backup create from cron'
        : 'no backup is scheduled: set PALISADE_BACKUP_RECIPIENTS (docs/backups.md)');
    }
    return { scheduled: false, stop: async () => undefined };
  }
  const storage = backupStorageFromConfig(deps.config);
  /** One owner connection per job run: nothing is held between runs. */
  const withBackups = async <T>(fn: (b: Backups, ownerSql: postgres.Sql) => Promise<T>): Promise<T> => {
    const ownerSql = sqlClient(ownerUrl, { max: 1, onnotice: () => {} });
    try {
      return await fn(createBackups({ db: deps.db, ownerSql, storage, clock: deps.clock, recipients: bc.recipients, retentionDays: bc.retentionDays }), ownerSql);
    } finally {
      await ownerSql.end({ timeout: 5 });
    }
  };

  deps.jobs.define(ERASURE_LEDGER_TASK, async () => {
    await withBackups((b) => b.syncErasures());
  });
  deps.jobs.define(BACKUP_TASK, async () => {
    await withBackups(async (b) => {
      try {
        await b.create({ actor: ACTOR });
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        await deps.alert('[Palisade] Scheduled backup FAILED', `The scheduled backup failed: ${why}\n\nThe job queue retries it. Check the backup store and run: palisade backup create`);
        throw e;
      }
      await b.prune({ actor: ACTOR });
    });
  });
  deps.jobs.define(DRILL_TASK, async () => {
    const identities = bc.drillIdentityFile ? parseIdentityFile(await readFile(bc.drillIdentityFile, 'utf8')) : [];
    await withBackups((b) => runDrill({ db: deps.db, backups: b, ownerUrl, identities, clock: deps.clock, maxAgeHours: bc.maxAgeHours, alert: deps.alert }));
  });
  const requests = createBackupRequests({ db: deps.db, clock: deps.clock, withBackups, alert: deps.alert });
  deps.jobs.define(REQUEST_TASK, (payload) => requests.run(payload));
  await deps.http.register(backupRoutes, { requests });
  deps.jobs.schedule({ task: BACKUP_TASK, cron: bc.backupCron });
  deps.jobs.schedule({ task: DRILL_TASK, cron: bc.drillCron });
  return { scheduled: true, stop: () => storage.close() };
}
