/* Migrations are reviewed .sql files in src/db/migrations, applied in order, each once, under
   node-pg-migrate's advisory lock (a second node waits rather than racing). Only the owner
   connection runs them; the request path never holds DDL rights. Forward-only. */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runMigrations as runQueueMigrations, Logger as QueueLogger } from 'graphile-worker';
import { runner } from 'node-pg-migrate';
import type { Sql } from 'postgres';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
const TABLE = 'pgmigrations';
const SCHEMA = 'palisade_migrations';

/** `count` applies only that many pending migrations (restore replays a backup's schema, then the rest). */
export async function migrate(ownerUrl: string, log: (m: string) => void = () => {}, opts: { count?: number } = {}): Promise<string[]> {
  // The job queue's own schema first (graphile-worker's migrations, idempotent, under its own
  // lock): our 0052_jobs.sql grants on it.
  await runQueueMigrations({ connectionString: ownerUrl, logger: new QueueLogger(() => () => {}) });
  const applied = await runner({
    ...(opts.count !== undefined ? { count: opts.count } : {}),
    databaseUrl: ownerUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: TABLE,
    migrationsSchema: SCHEMA,
    createMigrationsSchema: true,
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    ignorePattern: '(\\..*)|(.*\\.md)',
    log: (m: string) => log(m),
  });
  return applied.map((m) => m.name);
}

export async function expectedMigrations(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
}

/** Names of migrations the database has applied, read on the platform path (for /readyz). */
export async function appliedMigrations(system: Sql): Promise<string[]> {
  const rows = await system<{ name: string }[]>`select name from palisade_migrations.pgmigrations order by run_on, id`;
  return rows.map((r) => r.name);
}
