/* FILE-3: the retention sweep as a scheduled job on the queue (src/jobs). graphile-worker's cron
   fires each tick once across nodes and keeps its place across restarts (known_crontabs); the
   sweep itself is idempotent (a file is looked up, locked and re-checked before its object, key
   and row go, with its audit record in the same transaction), so a re-run or a retry after a
   failure deletes nothing twice. A file whose object cannot be deleted fails the run after the
   others are done; the queue retries it with backoff, the error kept on the job. */
import type { Vault } from './service.js';

export const RETENTION_TASK = 'vault.retention';

export interface RetentionJobs {
  define(task: string, handler: (payload: unknown) => Promise<void>): void;
  schedule(s: { task: string; cron: string }): void;
}

/** Defines the `vault.retention` task and schedules it (PALISADE_VAULT_RETENTION_CRON). */
export function scheduleVaultRetention(jobs: RetentionJobs, vault: Pick<Vault, 'runRetention'>, cron: string): void {
  jobs.define(RETENTION_TASK, async () => {
    await vault.runRetention();
  });
  jobs.schedule({ task: RETENTION_TASK, cron });
}
