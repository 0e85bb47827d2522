/* A consistent snapshot of Palisade's database through the driver (docs/backups.md says why:
   the embedded PostgreSQL ships no pg_dump, and Debian's pg_dump 15 refuses a 17 server).

   Invariants
   - One REPEATABLE READ, READ ONLY transaction: every table is copied at the same snapshot, so
     the backup is what the database held at one instant, whatever writers do meanwhile (a
     writer killed mid-backup only rolls back its own transaction). pg_export_snapshot() names
     the snapshot in the manifest (and would let parallel copiers join it).
   - row_security = off: a role that RLS would filter gets an error, never a silently partial
     backup (the role needs superuser or BYPASSRLS; docs/backups.md).
   - Tables are copied in foreign-key order (parents first), every column but generated ones, in
     COPY text format, which any later PostgreSQL reads back.
   - The schema is not copied: it is the list of applied migrations, which restore replays.
   - After each table's COPY the connection's socket is resumed (resumeAfterCopy): postgres.js
     3.4 pauses the socket when a COPY chunk fills the stream's buffer and resumes it only from the
     stream's read(), which is never called again once CopyDone ended the stream — a table whose
     last chunk arrives with CopyDone in the same socket read left the connection paused and the
     backup hung on the next table (porsager/postgres#499, PR #1016; found by bench W11).
   - Transaction ids are facts of one cluster, meaningless in another. audit_events.tx_id and the
     seal cursor are normalised: rows the sealer has folded get tx_id 0, rows it has not get 1,
     and the cursor becomes (0, highest sealed seq), so the sealer continues on any cluster
     (new transactions' ids are always above 1). Claims BAK-1; ASVS V14.2. */
import type { Readable } from 'node:stream';
import type { Sql, ReservedSql, PendingQuery, Row } from 'postgres';
import { jsonFrame, frame, MAGIC, TableDigest } from './format.js';

export interface TableSpec {
  name: string;
  columns: string[];
}

export interface SnapshotHeader {
  format: 1;
  createdAt: string;
  snapshotId: string;
  migrations: string[];
  tables: TableSpec[];
}

export interface TableStat {
  name: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface AuditCheckpointRef {
  orgId: string;
  treeSize: number;
  rootHash: string;
}

export interface SnapshotTrailer {
  format: 1;
  createdAt: string;
  snapshotId: string;
  migrations: string[];
  tables: TableStat[];
  sequences: number;
  auditEvents: number;
  auditCheckpoints: AuditCheckpointRef[];
  serverVersion: string;
}

export interface SequenceValue {
  name: string;
  value: string;
  isCalled: boolean;
}

/** Schemas whose tables Palisade's migrations create. Others (graphile_worker's queue, the
    migration bookkeeping) are not data: the job queue is rebuilt from schedules, the bookkeeping by restore. */
export const DATA_SCHEMAS = ['public', 'palisade_internal'];

export interface SnapshotProgress {
  table: string;
  tableIndex: number;
  tableCount: number;
  bytes: number;
}

/** Lists data tables in foreign-key order (parents before children), with their copyable columns. */
export async function listTables(sql: Sql | ReservedSql): Promise<TableSpec[]> {
  const rels = await sql<{ name: string; columns: string[] }[]>`
    select n.nspname || '.' || c.relname as name,
           array(select a.attname::text from pg_attribute a
                 where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                 order by a.attnum) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname = any(${DATA_SCHEMAS})
    order by 1`;
  const edges = await sql<{ child: string; parent: string }[]>`
    select cn.nspname || '.' || c.relname as child, pn.nspname || '.' || p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_namespace cn on cn.oid = c.relnamespace
    join pg_class p on p.oid = k.confrelid join pg_namespace pn on pn.oid = p.relnamespace
    where k.contype = 'f' and k.conrelid <> k.confrelid`;
  const parents = new Map<string, Set<string>>(rels.map((r) => [r.name, new Set<string>()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const out: TableSpec[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const byName = new Map(rels.map((r) => [r.name, r]));
  const visit = (name: string): void => {
    if (done.has(name) || visiting.has(name)) return; // a cycle is broken arbitrarily; restore disables FK checks
    visiting.add(name);
    for (const p of parents.get(name) ?? []) if (byName.has(p)) visit(p);
    visiting.delete(name);
    done.add(name);
    const r = byName.get(name);
    if (r) out.push({ name: r.name, columns: r.columns });
  };
  for (const r of rels) visit(r.name);
  return out;
}

async function listSequences(sql: ReservedSql): Promise<SequenceValue[]> {
  const seqs = await sql<{ name: string }[]>`
    select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'S' and n.nspname = any(${DATA_SCHEMAS}) order by 1`;
  const out: SequenceValue[] = [];
  for (const s of seqs) {
    const [v] = await sql<{ value: string; is_called: boolean }[]>`select last_value::text as value, is_called from ${sql(s.name)}`;
    if (v) out.push({ name: s.name, value: v.value, isCalled: v.is_called });
  }
  return out;
}

/** The COPY of one table; audit_events and the seal cursor are normalised (see the header). */
export function copyOut(sql: ReservedSql, t: TableSpec): PendingQuery<Row[]> {
  const cols = (map: (c: string) => PendingQuery<Row[]>): PendingQuery<Row[]> =>
    t.columns.map(map).reduce((acc, f) => sql`${acc}, ${f}`);
  if (t.name === 'public.audit_events') {
    const list = cols((c) => c === 'tx_id'
      ? sql`case when (e.tx_id, e.seq) <= (select last_tx_id, last_seq from audit_seal_cursor where id) then '0'::xid8 else '1'::xid8 end`
      : sql`e.${sql(c)}`);
    return sql`copy (select ${list} from audit_events e) to stdout`;
  }
  if (t.name === 'public.audit_seal_cursor') {
    const list = cols((c) => c === 'last_tx_id'
      ? sql`'0'::xid8`
      : c === 'last_seq'
        ? sql`(select coalesce(max(e.seq), 0) from audit_events e where (e.tx_id, e.seq) <= (k.last_tx_id, k.last_seq))`
        : sql`k.${sql(c)}`);
    return sql`copy (select ${list} from audit_seal_cursor k) to stdout`;
  }
  return sql`copy ${sql(t.name)} (${sql(t.columns)}) to stdout`;
}

/** Resumes the connection a finished COPY … TO STDOUT stream may have left paused (see the
    header). postgres.js's stream's read() is exactly `socket.resume()`; on a flowing socket it
    does nothing. */
export function resumeAfterCopy(readable: Readable): void {
  (readable as Readable & { _read(size: number): void })._read(0);
}

export interface SnapshotOptions {
  /** A connection as superuser or a BYPASSRLS owner of Palisade's database. */
  sql: Sql;
  now?: () => Date;
  /** Awaited: a slow consumer holds the copy (tests use it to commit writes between two tables). */
  onProgress?: (p: SnapshotProgress) => void | Promise<void>;
  /** Called with the trailer once the stream is complete. */
  onTrailer?: (t: SnapshotTrailer) => void;
}

/** The plaintext backup stream (format.ts). Holds one connection in one transaction until done. */
export async function* snapshotStream(opts: SnapshotOptions): AsyncGenerator<Buffer> {
  const now = opts.now ?? (() => new Date());
  const conn = await opts.sql.reserve();
  let open = false;
  try {
    await conn`begin isolation level repeatable read read only`;
    open = true;
    await conn`set local row_security = off`;
    const [snap] = await conn<{ id: string; v: string }[]>`select pg_export_snapshot() as id, current_setting('server_version') as v`;
    const migrations = (await conn<{ name: string }[]>`select name from palisade_migrations.pgmigrations order by run_on, id`).map((r) => r.name);
    const tables = await listTables(conn);
    const createdAt = now().toISOString();
    const header: SnapshotHeader = { format: 1, createdAt, snapshotId: snap?.id ?? '', migrations, tables };
    yield Buffer.concat([MAGIC, jsonFrame('H', header)]);
    const stats: TableStat[] = [];
    for (const [i, t] of tables.entries()) {
      yield jsonFrame('T', t);
      const digest = new TableDigest();
      const readable = await copyOut(conn, t).readable();
      // Frames of up to 1 MiB: COPY yields small chunks, and a frame header per chunk would cost more than it says.
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const chunk of readable as AsyncIterable<Buffer>) {
        digest.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= 1 << 20) {
          yield frame('D', Buffer.concat(pending, pendingBytes));
          pending = [];
          pendingBytes = 0;
          await opts.onProgress?.({ table: t.name, tableIndex: i, tableCount: tables.length, bytes: digest.bytes });
        }
      }
      resumeAfterCopy(readable);
      if (pendingBytes) yield frame('D', Buffer.concat(pending, pendingBytes));
      const stat: TableStat = { name: t.name, rows: digest.rows, bytes: digest.bytes, sha256: digest.digest() };
      stats.push(stat);
      yield jsonFrame('E', stat);
      await opts.onProgress?.({ table: t.name, tableIndex: i + 1, tableCount: tables.length, bytes: digest.bytes });
    }
    const sequences = await listSequences(conn);
    yield jsonFrame('S', sequences);
    const checkpoints = await conn<{ org_id: string; tree_size: string; root_hash: string }[]>`
      select distinct on (org_id) org_id, tree_size::text as tree_size, encode(root_hash, 'base64') as root_hash
      from audit_checkpoints order by org_id, tree_size desc`;
    const trailer: SnapshotTrailer = {
      format: 1,
      createdAt,
      snapshotId: header.snapshotId,
      migrations,
      tables: stats,
      sequences: sequences.length,
      auditEvents: stats.find((s) => s.name === 'public.audit_events')?.rows ?? 0,
      auditCheckpoints: checkpoints.map((c) => ({ orgId: c.org_id, treeSize: Number(c.tree_size), rootHash: c.root_hash })),
      serverVersion: snap?.v ?? '',
    };
    await conn`commit`;
    open = false;
    opts.onTrailer?.(trailer);
    yield jsonFrame('Z', trailer);
  } finally {
    if (open) await conn`rollback`.catch(() => undefined);
    conn.release();
  }
}
