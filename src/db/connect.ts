/* One path from configuration to a ready database, for `palisade start`, `migrate`, tests and
   benchmarks alike: embedded or external server → migrate as owner → role logins → pools. */
import { createDb } from './pool.js';
import { sqlClient } from './client.js';
import { migrate } from './migrate.js';
import { ensureRoleLogins, roleUrl } from './roles.js';
import { attachEmbedded, EmbeddedInUse, startEmbedded, type EmbeddedServer } from './embedded.js';
import type { Db } from './types.js';

export interface ConnectOptions {
  databaseUrl?: string | undefined;
  appUrl?: string | undefined;
  systemUrl?: string | undefined;
  dataDir: string;
  poolMax: number;
  log?: (m: string) => void;
  /** Only run migrations and return (palisade migrate). */
  migrateOnly?: boolean;
  /** When a running Palisade holds the embedded cluster, connect to it instead of failing
      (commands that read beside a running deployment: palisade audit verify). */
  attach?: boolean;
}

export interface Database {
  db: Db;
  ownerUrl: string;
  /** Close pools, then stop the embedded server if we started it. */
  close(): Promise<void>;
}

export async function connectDatabase(opts: ConnectOptions): Promise<Database> {
  const log = opts.log ?? (() => {});
  let embedded: EmbeddedServer | null = null;
  let ownerUrl = opts.databaseUrl;
  if (!ownerUrl) {
    try {
      embedded = await startEmbedded({ dataDir: opts.dataDir, log });
      ownerUrl = embedded.url.replace(/\/postgres$/, '/palisade');
      await ensureDatabase(embedded.url, 'palisade');
    } catch (e) {
      const running = opts.attach && e instanceof EmbeddedInUse ? await attachEmbedded(opts.dataDir) : null;
      if (!running) throw e;
      log('attached to the embedded PostgreSQL of the running Palisade');
      ownerUrl = running.url.replace(/\/postgres$/, '/palisade');
    }
  }
  try {
    const applied = await migrate(ownerUrl, log);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    const secrets = await ensureRoleLogins(ownerUrl);
    const db = createDb({
      appUrl: opts.appUrl ?? roleUrl(ownerUrl, 'palisade_app', secrets.palisade_app),
      systemUrl: opts.systemUrl ?? roleUrl(ownerUrl, 'palisade_system', secrets.palisade_system),
      retentionUrl: roleUrl(ownerUrl, 'palisade_retention', secrets.palisade_retention),
      appMax: opts.poolMax,
    });
    const owner = ownerUrl;
    return {
      db,
      ownerUrl: owner,
      async close() {
        await db.close();
        await embedded?.stop();
      },
    };
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
}

async function ensureDatabase(superUrl: string, name: string): Promise<void> {
  const sql = sqlClient(superUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!row) await sql.unsafe(`create database ${name}`); // fixed identifier, not input
  } finally {
    await sql.end();
  }
}
