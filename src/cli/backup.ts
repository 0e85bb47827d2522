/* `palisade backup create | list | verify | restore | prune` (docs/backups.md).
   Progress goes to stderr (one updating line on a terminal, plain lines otherwise); results to
   stdout. Exit 0 ok, 1 failure (a refused backup, a wrong identity), 2 usage or configuration. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { connectDatabase, sqlClient, startEmbedded, type Database } from '../db/index.js';
import { systemClock } from '../lib/clock.js';
import { PalisadeError } from '../lib/errors.js';
import { backupConfig, backupStorageFromConfig, createBackups, parseIdentityFile, type Backups, type SnapshotProgress } from '../backup/index.js';

type Out = { write(s: string): unknown; isTTY?: boolean };

export interface BackupCliContext {
  config?: Config;
  /** Connects to Palisade's database (tests hand in their own). */
  connect?: () => Promise<Pick<Database, 'db' | 'ownerUrl' | 'close'>>;
  out?: Out;
  err?: Out;
}

const USAGE = `Usage: palisade backup <command>

  create                              take an encrypted backup now (to PALISADE_BACKUP_RECIPIENTS)
  list [--json]                       backups in the store, newest first
  verify <id> [--identity <file>]     check size and checksum; with an age identity, decrypt and check every table
  restore <id> --identity <file> [--target <postgres-url>]
                                      restore into an empty database: --target, else DATABASE_URL,
                                      else the embedded PostgreSQL in PALISADE_DATA_DIR
  prune                               delete backups older than PALISADE_BACKUP_RETENTION_DAYS (the newest stays)
`;

const CLI_ACTOR = { type: 'system' as const, id: 'palisade-cli' };

function progressPrinter(err: Out): (p: SnapshotProgress & { ciphertextBytes?: number }) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 250 && p.tableIndex < p.tableCount) return;
    last = now;
    const pct = p.tableCount ? Math.floor((100 * p.tableIndex) / p.tableCount) : 100;
    const mb = ((p.ciphertextBytes ?? p.bytes) / 1048576).toFixed(1);
    err.write(`${err.isTTY ? '\r\x1b[K' : ''}[${pct}%] table ${p.tableIndex}/${p.tableCount} ${p.table} — ${mb} MiB${err.isTTY ? '' : '\n'}`);
  };
}

export async function runBackupCommand(argv: string[], ctx: BackupCliContext = {}): Promise<number> {
  const out = ctx.out ?? process.stdout;
  const err = ctx.err ?? process.stderr;
  const [sub, ...rest] = argv;
  let values: { json?: boolean | undefined; identity?: string | undefined; target?: string | undefined };
  let positionals: string[];
  try {
    if (!sub || !['create', 'list', 'verify', 'restore', 'prune'].includes(sub)) throw new Error(sub ? `unknown command '${sub}'` : 'a command is needed');
    ({ values, positionals } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, identity: { type: 'string' }, target: { type: 'string' } }, strict: true, allowPositionals: true }));
    if ((sub === 'verify' || sub === 'restore') && positionals.length !== 1) throw new Error(`${sub} needs one backup id`);
    if (sub === 'restore' && !values.identity) throw new Error('restore needs --identity <age identity file>');
  } catch (e) {
    err.write(`palisade backup: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const config = ctx.config ?? loadConfig();
  const bc = backupConfig(config);
  const storage = backupStorageFromConfig(config);
  const identities = values.identity ? parseIdentityFile(await readFile(values.identity, 'utf8')) : undefined;
  let database: Pick<Database, 'db' | 'ownerUrl' | 'close'> | null = null;
  let ownerSql: postgres.Sql | null = null;
  const open = async (): Promise<Backups> => {
    database = await (ctx.connect ?? (() => connectDatabase({ databaseUrl: config.DATABASE_URL, appUrl: config.DATABASE_APP_URL, systemUrl: config.DATABASE_SYSTEM_URL, dataDir: config.PALISADE_DATA_DIR, poolMax: 1 })))();
    ownerSql = sqlClient(database.ownerUrl, { max: 1, onnotice: () => {} });
    return createBackups({ db: database.db, ownerSql, storage, clock: systemClock, recipients: bc.recipients, retentionDays: bc.retentionDays });
  };
  /** list and restore need no live database (restore may run on a new, empty server). */
  const offline = (): Backups => createBackups({
    db: undefined as never, ownerSql: undefined as never, storage, clock: systemClock, recipients: bc.recipients, retentionDays: bc.retentionDays,
  });
  try {
    switch (sub) {
      case 'create': {
        const m = await (await open()).create({ actor: CLI_ACTOR, onProgress: progressPrinter(err) });
        if (err.isTTY) err.write('\n');
        out.write(`created ${m.id}: ${m.tables.length} tables, ${m.auditEvents} audit events, ${(m.ciphertextBytes / 1048576).toFixed(1)} MiB encrypted to ${m.recipients.length} recipient(s) in ${(m.durationMs / 1000).toFixed(1)} s\n`);
        return 0;
      }
      case 'list': {
        const entries = await offline().list();
        if (values.json) out.write(`${JSON.stringify(entries.map((e) => ({ id: e.id, status: e.status, createdAt: e.createdAt, bytes: e.ciphertextBytes, schemaVersion: e.manifest?.schemaVersion ?? null })), null, 2)}\n`);
        else for (const e of entries) out.write(`${e.id}  ${e.status.padEnd(10)}  ${e.createdAt ?? '-'}  ${(e.ciphertextBytes / 1048576).toFixed(1)} MiB  ${e.manifest?.schemaVersion ?? ''}\n`);
        if (!entries.length) err.write('no backups\n');
        return 0;
      }
      case 'verify': {
        const r = await (await open()).verify(positionals[0]!, { actor: CLI_ACTOR, ...(identities ? { identities } : {}) });
        out.write(`${r.id}: OK (${r.level === 'full' ? 'decrypted; every table matches its checksum' : 'size and checksum match the manifest; pass --identity to decrypt and check every table'}), ${r.tables} tables, ${r.rows} rows\n`);
        return 0;
      }
      case 'restore': {
        let target = values.target ?? config.DATABASE_URL;
        let stopEmbedded: (() => Promise<void>) | null = null;
        if (!target) {
          const embedded = await startEmbedded({ dataDir: config.PALISADE_DATA_DIR, log: (m) => err.write(`${m}\n`) });
          stopEmbedded = () => embedded.stop();
          const su = sqlClient(embedded.url, { max: 1, onnotice: () => {} });
          const [row] = await su`select 1 from pg_database where datname = 'palisade'`;
          if (!row) await su`create database palisade`;
          await su.end();
          target = embedded.url.replace(/\/postgres$/, '/palisade');
        }
        try {
          const r = await offline().restore(positionals[0]!, { actor: CLI_ACTOR, identities: identities ?? [], targetOwnerUrl: target, onProgress: progressPrinter(err), log: (m) => err.write(`${m}\n`) });
          if (err.isTTY) err.write('\n');
          out.write(`restored ${r.manifest.id} (taken ${r.manifest.createdAt}, schema ${r.manifest.schemaVersion}${r.laterMigrations.length ? `, then ${r.laterMigrations.length} newer migration(s)` : ''}). Start Palisade with the same KEK, then run: palisade audit verify\n`);
          if (r.erasures.ledger) out.write(`erasure ledger: ${r.erasures.keysDestroyed} key(s) destroyed again, ${r.erasures.erased.length} erased person(s) removed${r.erasures.blocked.length ? `, ${r.erasures.blocked.length} left as an organisation's only admin (see docs/backups.md)` : ''}\n`);
          return 0;
        } finally {
          await stopEmbedded?.();
        }
      }
      case 'prune': {
        const r = await (await open()).prune({ actor: CLI_ACTOR });
        out.write(`deleted ${r.deleted.length} backup(s)${r.deleted.length ? `: ${r.deleted.join(', ')}` : ''}; ${r.kept} kept\n`);
        return 0;
      }
    }
    return 2;
  } catch (e) {
    if (err.isTTY) err.write('\n');
    if (e instanceof PalisadeError) {
      err.write(`palisade backup ${sub}: ${e.message} (${e.code})\n`);
      return e.code === 'backup_not_configured' ? 2 : 1;
    }
    throw e;
  } finally {
    await (ownerSql as postgres.Sql | null)?.end();
    await (database as Pick<Database, 'close'> | null)?.close();
    await storage.close();
  }
}
