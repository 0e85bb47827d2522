/* Restore: a backup's plaintext stream into a new, empty database.

   Invariants
   - The target must hold no Palisade tables: restore never merges into live data.
   - The schema comes from this build's migrations, replayed up to exactly the backup's list (a
     backup whose migrations are not a prefix of this build's is refused), then the data, then
     this build's later migrations, as an upgrade would run them.
   - All data loads in one transaction, committed only after the trailer has been read and every
     table's row count and SHA-256 matched its end frame: a corrupted or truncated backup leaves
     no data behind. Triggers are off during the load (session_replication_role = replica as
     superuser; otherwise the tables' own triggers are disabled, and foreign keys hold because
     parents load first), because the append-only and notification triggers are for live writes.
   - The loaded tables' secondary indexes (neither primary, unique nor backing a constraint) are
     dropped before the load and re-created, from their catalog definitions verbatim, after the
     last table and before the caller's checks — in the same transaction, so a refused restore
     leaves them as the migrations made them. Built once, not row by row: the load of a million
     audit records was most of a restore's time (bench W11).
   Claims BAK-1, BAK-2. */
import postgres from 'postgres';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { expectedMigrations, migrate } from '../db/migrate.js';
import { BackupCorrupt, BackupSchemaMismatch, RestoreTargetNotEmpty } from './errors.js';
import { parseJson, readFrames, TableDigest } from './format.js';
import { DATA_SCHEMAS, listTables, type SequenceValue, type SnapshotHeader, type SnapshotTrailer, type TableSpec, type TableStat } from './snapshot.js';
import { sqlClient } from '../db/index.js';

export interface RestoreOptions {
  /** Owner (superuser or BYPASSRLS owner) URL of the new, empty database. */
  ownerUrl: string;
  source: AsyncIterable<Uint8Array>;
  log?: (m: string) => void;
  onProgress?: (p: { table: string; tableIndex: number; tableCount: number; bytes: number }) => void;
  /** Last step before the data commits, in the loading transaction (triggers off): the caller
      compares the trailer with its manifest and applies the erasure ledger. */
  beforeCommit?: (trailer: SnapshotTrailer, tx: postgres.Sql) => Promise<void>;
}

export interface RestoreResult {
  trailer: SnapshotTrailer;
  /** Migrations applied after the data (this build is newer than the backup). */
  laterMigrations: string[];
}

export async function assertEmptyTarget(ownerUrl: string): Promise<void> {
  const sql = sqlClient(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = any(${[...DATA_SCHEMAS, 'palisade_migrations']})`;
    if ((row?.n ?? 0) > 0) throw new RestoreTargetNotEmpty({ tables: row?.n });
  } finally {
    await sql.end();
  }
}

/** Reads frames in order, enforcing the format's grammar; restore and verify share it. */
export interface BackupVisitor {
  header?(h: SnapshotHeader): Promise<void>;
  tableStart?(t: TableSpec, index: number): Promise<void>;
  data?(chunk: Buffer): Promise<void> | void;
  tableEnd?(t: TableSpec, stat: TableStat): Promise<void>;
  sequences?(s: SequenceValue[]): Promise<void>;
}

export async function walkBackup(source: AsyncIterable<Uint8Array>, v: BackupVisitor): Promise<SnapshotTrailer> {
  let header: SnapshotHeader | null = null;
  let current: { spec: TableSpec; digest: TableDigest } | null = null;
  const seen: TableStat[] = [];
  let trailer: SnapshotTrailer | null = null;
  let sequencesSeen = false;
  for await (const f of readFrames(source)) {
    if (!header) {
      if (f.type !== 'H') throw new BackupCorrupt('the first frame is not the header');
      header = parseJson<SnapshotHeader>(f, 'header');
      if (header.format !== 1 || !Array.isArray(header.tables) || !Array.isArray(header.migrations)) throw new BackupCorrupt('unknown header format');
      await v.header?.(header);
      continue;
    }
    switch (f.type) {
      case 'T': {
        if (current || sequencesSeen) throw new BackupCorrupt('table frame out of order');
        const spec = parseJson<TableSpec>(f, 'table start');
        const expected = header.tables[seen.length];
        if (!expected || expected.name !== spec.name || expected.columns.join(',') !== spec.columns.join(',')) throw new BackupCorrupt(`unexpected table ${String(spec.name)}`);
        current = { spec, digest: new TableDigest() };
        await v.tableStart?.(spec, seen.length);
        break;
      }
      case 'D':
        if (!current) throw new BackupCorrupt('data outside a table');
        current.digest.update(f.payload);
        await v.data?.(f.payload);
        break;
      case 'E': {
        if (!current) throw new BackupCorrupt('table end without a table');
        const stat = parseJson<TableStat>(f, 'table end');
        const got: TableStat = { name: current.spec.name, rows: current.digest.rows, bytes: current.digest.bytes, sha256: current.digest.digest() };
        if (stat.name !== got.name || stat.rows !== got.rows || stat.bytes !== got.bytes || stat.sha256 !== got.sha256) {
          throw new BackupCorrupt(`table ${got.name} does not match its checksum`, { expected: stat, got });
        }
        await v.tableEnd?.(current.spec, got);
        seen.push(got);
        current = null;
        break;
      }
      case 'S':
        if (current || sequencesSeen || seen.length !== header.tables.length) throw new BackupCorrupt('sequences frame out of order');
        sequencesSeen = true;
        {
          // Parsed whether or not the visitor reads them: verify (no visitor) must refuse what restore would.
          const seqs = parseJson<SequenceValue[]>(f, 'sequences');
          if (!Array.isArray(seqs)) throw new BackupCorrupt('unreadable sequences');
          await v.sequences?.(seqs);
        }
        break;
      case 'Z':
        if (!sequencesSeen) throw new BackupCorrupt('trailer before the sequences');
        trailer = parseJson<SnapshotTrailer>(f, 'trailer');
        break;
      default:
        throw new BackupCorrupt('a second header');
    }
  }
  if (!header || !trailer) throw new BackupCorrupt('the backup ends before its trailer (truncated)');
  if (JSON.stringify(trailer.tables) !== JSON.stringify(seen)) throw new BackupCorrupt('the trailer does not match the tables');
  if (trailer.migrations.join(',') !== header.migrations.join(',')) throw new BackupCorrupt('the trailer does not match the header');
  return trailer;
}

/** The backup's migrations must be a prefix of this build's; returns how many to replay first. */
export async function checkSchema(header: { migrations: string[] }): Promise<void> {
  const ours = await expectedMigrations();
  const theirs = header.migrations;
  const i = theirs.findIndex((m, k) => ours[k] !== m);
  if (i !== -1) {
    throw new BackupSchemaMismatch(
      ours.length < theirs.length && theirs.slice(0, ours.length).every((m, k) => ours[k] === m)
        ? `the backup was taken by a newer build (migration ${theirs[ours.length]}); restore with that build or a later one`
        : `migration ${theirs[i]} is not this build's migration ${ours[i] ?? '(none)'}`,
      { backup: theirs.length, build: ours.length },
    );
  }
}

export async function restoreInto(opts: RestoreOptions): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  await assertEmptyTarget(opts.ownerUrl);
  const sql = sqlClient(opts.ownerUrl, { max: 1, onnotice: () => {} });
  let conn: postgres.ReservedSql | null = null;
  let open = false;
  let writable: Writable | null = null;
  let tableCount = 0;
  let userTriggerTables: string[] = [];
  try {
    const trailer = await walkBackup(opts.source, {
      async header(h) {
        await checkSchema(h);
        const applied = await migrate(opts.ownerUrl, log, { count: h.migrations.length });
        if (applied.join(',') !== h.migrations.join(',')) throw new BackupSchemaMismatch('replaying the backup\'s migrations gave a different list', { applied });
        conn = await sql.reserve();
        await conn`begin`;
        open = true;
        await conn`set local row_security = off`;
        const ours = await listTables(conn);
        const oursByName = new Map(ours.map((t) => [t.name, t.columns.join(',')]));
        for (const t of h.tables) {
          if (oursByName.get(t.name) !== t.columns.join(',')) throw new BackupSchemaMismatch(`table ${t.name} has other columns here than in the backup`);
        }
        const [su] = await conn<{ s: boolean }[]>`select rolsuper as s from pg_roles where rolname = current_user`;
        if (su?.s) await conn`set local session_replication_role = replica`;
        else {
          userTriggerTables = h.tables.map((t) => t.name);
          for (const t of userTriggerTables) await conn`alter table ${conn(t)} disable trigger user`;
        }
        // Rows the migrations seeded (the platform organisation, the seal cursor) are replaced by the backup's.
        for (const t of [...h.tables].reverse()) await conn`delete from ${conn(t.name)}`;
        // Kept in a temporary table and run by the server: the statements are the catalog's own text.
        await conn`create temp table restore_deferred_indexes (name text not null, def text not null) on commit drop`;
        await conn`insert into restore_deferred_indexes (name, def)
          select format('%I.%I', n.nspname, c.relname), pg_get_indexdef(x.indexrelid)
            from pg_index x join pg_class c on c.oid = x.indexrelid join pg_namespace n on n.oid = c.relnamespace
           where x.indrelid = any(${h.tables.map((t) => t.name)}::regclass[])
             and not x.indisprimary and not x.indisunique and not x.indisexclusion
             and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)`;
        await conn`do $$ declare r record; begin
          for r in select name from restore_deferred_indexes loop execute 'drop index ' || r.name; end loop; end $$`;
        tableCount = h.tables.length;
      },
      async tableStart(t, index) {
        if (!conn) throw new TypeError('no connection');
        writable = (await conn`copy ${conn(t.name)} (${conn(t.columns)}) from stdin`.writable()) as Writable;
        opts.onProgress?.({ table: t.name, tableIndex: index, tableCount, bytes: 0 });
      },
      async data(chunk) {
        const w = writable;
        if (!w) throw new TypeError('no copy in progress');
        if (!w.write(chunk)) await once(w, 'drain');
      },
      async tableEnd(t, stat) {
        const w = writable;
        if (!w) throw new TypeError('no copy in progress');
        w.end();
        await finished(w);
        writable = null;
        opts.onProgress?.({ table: t.name, tableIndex: tableCount, tableCount, bytes: stat.bytes });
      },
      async sequences(seqs) {
        if (!conn) throw new TypeError('no connection');
        for (const s of seqs) await conn`select setval(${s.name}::regclass, ${s.value}::bigint, ${s.isCalled})`;
      },
    });
    if (!conn) throw new BackupCorrupt('no header');
    const c: postgres.ReservedSql = conn;
    await c`set local maintenance_work_mem = '256MB'`;
    await c`do $$ declare r record; begin
      for r in select def from restore_deferred_indexes loop execute r.def; end loop; end $$`;
    await opts.beforeCommit?.(trailer, c as unknown as postgres.Sql);
    for (const t of userTriggerTables) await c`alter table ${c(t)} enable trigger user`;
    await c`commit`;
    open = false;
    const later = await migrate(opts.ownerUrl, log);
    return { trailer, laterMigrations: later };
  } finally {
    (writable as Writable | null)?.destroy();
    const c = conn as postgres.ReservedSql | null;
    if (c) {
      if (open) await c`rollback`.catch(() => undefined);
      c.release();
    }
    await sql.end({ timeout: 5 });
  }
}
