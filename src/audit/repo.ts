/* Every SQL statement of the audit module. Sealing runs on the platform path (SystemTx, as
   palisade_system); reads for the API run in the caller's organisation (OrgTx, as palisade_app
   under RLS) and still filter on org_id (two walls, TEN-1/TEN-2). Timestamps are read as text in
   the canonical format (RFC 3339 UTC, microseconds) so no driver rounding touches hashed bytes. */
import type { Sql, TransactionSql } from 'postgres';
import type { OrgTx, SystemTx } from '../db/index.js';
import type { AuditRecord, ActorType, Outcome } from './canonical.js';
import type { NodeRef } from './merkle.js';

type Tx = OrgTx | SystemTx;
type AnySql = Sql | TransactionSql;

/** A stored audit row with the columns the canonical encoding needs, and its ordering keys. */
export interface EventRow {
  id: string;
  org_id: string;
  occurred_at: string;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: Outcome;
  deny_layer: string | null;
  source_ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  reason: string | null;
  metadata: Record<string, unknown>;
}

export interface SealableRow extends EventRow {
  tx_id: string;
  seq: string;
}

export function toRecord(r: EventRow): AuditRecord {
  return {
    id: r.id,
    orgId: r.org_id,
    occurredAt: r.occurred_at,
    action: r.action,
    actor: { type: r.actor_type, id: r.actor_id },
    target: r.target_type === null && r.target_id === null ? null : { type: r.target_type, id: r.target_id },
    outcome: r.outcome,
    denyLayer: r.deny_layer,
    source: { ip: r.source_ip, userAgent: r.user_agent, requestId: r.request_id },
    reason: r.reason,
    metadata: r.metadata ?? {},
  };
}

// The canonical timestamp (see canonical.ts PG_TIMESTAMP_FORMAT), computed by the server in UTC.
function eventColumns(sql: AnySql, alias = 'e') {
  const a = sql(alias);
  return sql`${a}.id, ${a}.org_id,
    to_char(${a}.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
    ${a}.actor_type, ${a}.actor_id, ${a}.action, ${a}.target_type, ${a}.target_id, ${a}.outcome,
    ${a}.deny_layer, ${a}.source_ip, ${a}.user_agent, ${a}.request_id, ${a}.reason, ${a}.metadata`;
}

// ---- appending (append.ts) -------------------------------------------------------------------

export interface EventInsert {
  id: string; orgId: string; occurredAt: Date; actorType: string; actorId: string | null; action: string;
  targetType: string | null; targetId: string | null; outcome: string; denyLayer: string | null;
  sourceIp: string | null; userAgent: string | null; requestId: string | null; reason: string | null;
  metadata: Record<string, unknown>;
}

/** The insert of one record, not yet sent: appendAudit enqueues it on the transaction (org-tx.ts). */
export function insertEvent(tx: OrgTx | SystemTx, r: EventInsert) {
  return tx.sql`
    insert into audit_events (id, org_id, occurred_at, actor_type, actor_id, action, target_type, target_id,
      outcome, deny_layer, source_ip, user_agent, request_id, reason, metadata)
    values (${r.id}, ${r.orgId}, ${r.occurredAt}, ${r.actorType}, ${r.actorId}, ${r.action},
      ${r.targetType}, ${r.targetId}, ${r.outcome}, ${r.denyLayer},
      ${r.sourceIp}, ${r.userAgent}, ${r.requestId}, ${r.reason}, ${tx.sql.json(r.metadata as never)})`;
}

// ---- retention (retention.ts), as palisade_retention ------------------------------------------

/** The database's clock: retention's default "now" (retention.ts). */
export async function databaseNow(sql: Sql): Promise<Date> {
  const [row] = await sql<{ now: Date }[]>`select now() as now`;
  return row!.now;
}

export async function retentionTrees(sql: Sql): Promise<Array<{ org_id: string; size: string; pruned_below: string }>> {
  return sql<{ org_id: string; size: string; pruned_below: string }[]>`
    select org_id, size::text, pruned_below::text from audit_trees order by org_id`;
}

/** The first leaf at or above `below` whose record is not yet past retention. */
export async function firstLeafNotPast(sql: Sql, orgId: string, below: number, cutoff: Date): Promise<number | null> {
  const [first] = await sql<{ idx: string }[]>`
    select leaf_index::text as idx from audit_leaves
    where org_id = ${orgId} and leaf_index >= ${below} and occurred_at >= ${cutoff}
    order by leaf_index limit 1`;
  return first ? Number(first.idx) : null;
}

/** Raises the tree's horizon to `upTo` and deletes the records of leaves [below, upTo) past the cutoff. */
export async function pruneBelow(tx: TransactionSql, orgId: string, below: number, upTo: number, cutoff: Date): Promise<number> {
  await tx`update audit_trees set pruned_below = greatest(pruned_below, ${upTo}) where org_id = ${orgId}`;
  const res = await tx`
    delete from audit_events e using audit_leaves l
    where l.org_id = ${orgId} and l.leaf_index >= ${below} and l.leaf_index < ${upTo}
      and e.id = l.event_id and e.org_id = l.org_id and e.occurred_at < ${cutoff}`;
  return res.count;
}

// ---- sealing (platform path) ---------------------------------------------------------------

export const SEAL_LOCK_KEY = 0x50414c5341; // arbitrary, fixed: "PALSA"
export const LEADER_LOCK_KEY = 0x50414c534c; // "PALSL"

/** One sealing round at a time across every node. */
export async function tryRoundLock(tx: SystemTx): Promise<boolean> {
  const [row] = await tx.sql<{ ok: boolean }[]>`select pg_try_advisory_xact_lock(${SEAL_LOCK_KEY}) as ok`;
  return row?.ok === true;
}

/** Waits for any sealing round to end (key creation must not race a round). */
export async function waitForRounds(tx: SystemTx): Promise<void> {
  await tx.sql`select pg_advisory_xact_lock(${SEAL_LOCK_KEY})`;
}

/** The sealer's leadership: a session lock on the leader's reserved connection. */
export async function tryLeaderLock(conn: Sql): Promise<boolean> {
  const [row] = await conn<{ ok: boolean }[]>`select pg_try_advisory_lock(${LEADER_LOCK_KEY}) as ok`;
  return row?.ok === true;
}

export async function releaseLeaderLock(conn: Sql): Promise<void> {
  await conn`select pg_advisory_unlock(${LEADER_LOCK_KEY})`;
}

/** A round trip on the leader's connection: it still holds the lock only while it is alive. */
export async function ping(conn: Sql): Promise<void> {
  await conn`select 1`;
}

export async function readCursor(tx: SystemTx): Promise<{ txId: string; seq: string }> {
  const [row] = await tx.sql<{ tx: string; seq: string }[]>`
    select last_tx_id::text as tx, last_seq::text as seq from audit_seal_cursor where id for update`;
  if (!row) throw new TypeError('audit_seal_cursor has no row (migration 0005 not applied?)');
  return { txId: row.tx, seq: row.seq };
}

export async function advanceCursor(tx: SystemTx, txId: string, seq: string): Promise<void> {
  await tx.sql`update audit_seal_cursor set last_tx_id = ${txId}::xid8, last_seq = ${seq}::bigint, updated_at = now() where id`;
}

/* Rows whose transaction is older than every transaction still running (the snapshot's xmin)
   can no longer be joined by a row that sorts before them, so (tx_id, seq) order is final for
   them. Evaluated in one statement: one snapshot decides both visibility and the bound. */
export async function fetchSealable(tx: SystemTx, after: { txId: string; seq: string }, limit: number): Promise<SealableRow[]> {
  return tx.sql<SealableRow[]>`
    select ${eventColumns(tx.sql)}, e.tx_id::text as tx_id, e.seq::text as seq
    from audit_events e
    where (e.tx_id, e.seq) > (${after.txId}::xid8, ${after.seq}::bigint)
      and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
    order by e.tx_id, e.seq
    limit ${limit}`;
}

export interface TreeRow {
  org_id: string;
  origin: string;
  size: number;
  root_hash: Uint8Array;
  pruned_below: number;
}

function toTree(r: { org_id: string; origin: string; size: string; root_hash: Uint8Array; pruned_below: string }): TreeRow {
  return { org_id: r.org_id, origin: r.origin, size: Number(r.size), root_hash: new Uint8Array(r.root_hash), pruned_below: Number(r.pruned_below) };
}

/* Sealing statements work on every organisation of a round at once: a round touching a thousand
   organisations is still a handful of statements, not thousands. */

/** Locks the trees of these organisations (in a fixed order, so two sealers cannot deadlock). */
export async function lockTrees(tx: SystemTx, orgIds: readonly string[]): Promise<Map<string, TreeRow>> {
  const rows = await tx.sql<{ org_id: string; origin: string; size: string; root_hash: Uint8Array; pruned_below: string }[]>`
    select org_id, origin, size::text, root_hash, pruned_below::text from audit_trees
    where org_id = any(${tx.sql.array([...orgIds], 25)}::text[])
    order by org_id for update`;
  return new Map(rows.map((r) => [r.org_id, toTree(r)]));
}

export async function createTrees(tx: SystemTx, trees: readonly { orgId: string; origin: string }[], emptyRoot: Uint8Array): Promise<void> {
  if (trees.length === 0) return;
  const rows = trees.map((t) => ({ org_id: t.orgId, origin: t.origin, size: 0, root_hash: Buffer.from(emptyRoot) }));
  await tx.sql`insert into audit_trees ${tx.sql(rows, 'org_id', 'origin', 'size', 'root_hash')}`;
}

/** Moves each tree head from `expected` to `size`; throws if any tree was moved by someone else. */
export async function updateTrees(tx: SystemTx, heads: readonly { orgId: string; expected: number; size: number; root: Uint8Array }[]): Promise<void> {
  if (heads.length === 0) return;
  const values = heads.map((h) => [h.orgId, String(h.expected), String(h.size), Buffer.from(h.root).toString('hex')]);
  const res = await tx.sql`
    update audit_trees t
    set size = u.size::bigint, root_hash = decode(u.root, 'hex'), updated_at = now()
    from (values ${tx.sql(values)}) as u (org_id, expected, size, root)
    where t.org_id = u.org_id and t.size = u.expected::bigint`;
  // A concurrent sealer moved a tree: abort this whole round (its inserts roll back with it).
  if (res.count !== heads.length) throw new Error('an audit tree changed under the sealer');
}

export interface LeafInsert {
  orgId: string;
  leafIndex: number;
  eventId: string;
  leafHash: Uint8Array;
  occurredAt: string;
}

export async function insertLeaves(tx: SystemTx, leaves: readonly LeafInsert[]): Promise<void> {
  for (let i = 0; i < leaves.length; i += 10000) {
    const rows = leaves.slice(i, i + 10000).map((l) => ({
      org_id: l.orgId,
      leaf_index: l.leafIndex,
      event_id: l.eventId,
      leaf_hash: Buffer.from(l.leafHash),
      occurred_at: l.occurredAt,
    }));
    await tx.sql`insert into audit_leaves ${tx.sql(rows, 'org_id', 'leaf_index', 'event_id', 'leaf_hash', 'occurred_at')}`;
  }
}

export async function insertNodes(tx: SystemTx, nodes: readonly (NodeRef & { orgId: string; hash: Uint8Array })[]): Promise<void> {
  const inner = nodes.filter((n) => n.level > 0);
  for (let i = 0; i < inner.length; i += 15000) {
    const rows = inner.slice(i, i + 15000).map((n) => ({ org_id: n.orgId, level: n.level, idx: n.index, hash: Buffer.from(n.hash) }));
    await tx.sql`insert into audit_tree_nodes ${tx.sql(rows, 'org_id', 'level', 'idx', 'hash')}`;
  }
}

export async function insertCheckpoints(
  tx: SystemTx,
  cps: readonly { orgId: string; size: number; root: Uint8Array; note: string; keyId: string }[],
): Promise<void> {
  for (let i = 0; i < cps.length; i += 10000) {
    const rows = cps.slice(i, i + 10000).map((c) => ({ org_id: c.orgId, tree_size: c.size, root_hash: Buffer.from(c.root), note: c.note, key_id: c.keyId }));
    await tx.sql`insert into audit_checkpoints ${tx.sql(rows, 'org_id', 'tree_size', 'root_hash', 'note', 'key_id')}`;
  }
}

/** Perfect-subtree hashes for several organisations at once (level 0 from audit_leaves). */
export async function fetchNodesMulti(tx: Tx, refs: readonly (NodeRef & { orgId: string })[]): Promise<(NodeRef & { orgId: string; hash: Uint8Array })[]> {
  const out: (NodeRef & { orgId: string; hash: Uint8Array })[] = [];
  const leaves = refs.filter((r) => r.level === 0);
  const inner = refs.filter((r) => r.level > 0);
  if (leaves.length) {
    const rows = await tx.sql<{ org_id: string; idx: string; hash: Uint8Array }[]>`
      select l.org_id, l.leaf_index::text as idx, l.leaf_hash as hash from audit_leaves l
      join unnest(${tx.sql.array(leaves.map((r) => r.orgId), 25)}::text[], ${tx.sql.array(leaves.map((r) => r.index), 20)}::bigint[]) as r(org_id, idx)
        on l.org_id = r.org_id and l.leaf_index = r.idx`;
    for (const r of rows) out.push({ orgId: r.org_id, level: 0, index: Number(r.idx), hash: new Uint8Array(r.hash) });
  }
  if (inner.length) {
    const rows = await tx.sql<{ org_id: string; level: number; idx: string; hash: Uint8Array }[]>`
      select n.org_id, n.level, n.idx::text as idx, n.hash from audit_tree_nodes n
      join unnest(${tx.sql.array(inner.map((r) => r.orgId), 25)}::text[], ${tx.sql.array(inner.map((r) => r.level), 23)}::int[], ${tx.sql.array(inner.map((r) => r.index), 20)}::bigint[]) as r(org_id, level, idx)
        on n.org_id = r.org_id and n.level = r.level and n.idx = r.idx`;
    for (const r of rows) out.push({ orgId: r.org_id, level: r.level, index: Number(r.idx), hash: new Uint8Array(r.hash) });
  }
  return out;
}

/** Perfect-subtree hashes (level 0 from audit_leaves) for one organisation. */
export async function fetchNodes(tx: Tx, orgId: string, refs: readonly NodeRef[]): Promise<(NodeRef & { hash: Uint8Array })[]> {
  const unique = new Map<string, NodeRef>();
  for (const r of refs) unique.set(`${r.level}:${r.index}`, r);
  const leaves = [...unique.values()].filter((r) => r.level === 0).map((r) => r.index);
  const inner = [...unique.values()].filter((r) => r.level > 0);
  const out: (NodeRef & { hash: Uint8Array })[] = [];
  if (leaves.length) {
    const rows = await tx.sql<{ idx: string; hash: Uint8Array }[]>`
      select leaf_index::text as idx, leaf_hash as hash from audit_leaves
      where org_id = ${orgId} and leaf_index = any(${tx.sql.array(leaves, 20)}::bigint[])`;
    for (const r of rows) out.push({ level: 0, index: Number(r.idx), hash: new Uint8Array(r.hash) });
  }
  if (inner.length) {
    const rows = await tx.sql<{ level: number; idx: string; hash: Uint8Array }[]>`
      select n.level, n.idx::text as idx, n.hash from audit_tree_nodes n
      join unnest(${tx.sql.array(inner.map((r) => r.level), 23)}::int[], ${tx.sql.array(inner.map((r) => r.index), 20)}::bigint[]) as r(level, idx)
        on n.level = r.level and n.idx = r.idx
      where n.org_id = ${orgId}`;
    for (const r of rows) out.push({ level: r.level, index: Number(r.idx), hash: new Uint8Array(r.hash) });
  }
  return out;
}

// ---- signing keys (platform path) ----------------------------------------------------------

export interface SigningKeyRow {
  id: string;
  key_name: string;
  public_key: Uint8Array;
  verifier_key: string;
  wrapped_seed: Uint8Array;
  kek_id: string;
  created_at: Date;
  retired_at: Date | null;
}

export async function activeSigningKey(sql: AnySql): Promise<SigningKeyRow | null> {
  const [row] = await sql<SigningKeyRow[]>`select * from audit_signing_keys where retired_at is null`;
  return row ?? null;
}

export async function allSigningKeys(sql: AnySql): Promise<SigningKeyRow[]> {
  return sql<SigningKeyRow[]>`select * from audit_signing_keys order by created_at, id`;
}

/** Checkpoint keys not wrapped under `kekId`, locked for a rewrap. */
export async function signingKeysNotUnder(tx: SystemTx, kekId: string): Promise<SigningKeyRow[]> {
  return tx.sql<SigningKeyRow[]>`select * from audit_signing_keys where kek_id <> ${kekId} order by id for update`;
}

export async function rewrapSigningKey(tx: SystemTx, id: string, kekId: string, wrappedSeed: Uint8Array): Promise<void> {
  await tx.sql`update audit_signing_keys set kek_id = ${kekId}, wrapped_seed = ${Buffer.from(wrappedSeed)} where id = ${id}`;
}

export async function signingKeyKekUsage(tx: SystemTx): Promise<Array<{ kek_id: string; n: number }>> {
  return tx.sql<Array<{ kek_id: string; n: number }>>`select kek_id, count(*)::int as n from audit_signing_keys group by kek_id`;
}

export async function insertSigningKey(tx: SystemTx, k: Omit<SigningKeyRow, 'created_at' | 'retired_at'>): Promise<void> {
  await tx.sql`
    insert into audit_signing_keys (id, key_name, public_key, verifier_key, wrapped_seed, kek_id)
    values (${k.id}, ${k.key_name}, ${Buffer.from(k.public_key)}, ${k.verifier_key}, ${Buffer.from(k.wrapped_seed)}, ${k.kek_id})`;
}

export async function retireSigningKeys(tx: SystemTx): Promise<void> {
  await tx.sql`update audit_signing_keys set retired_at = now() where retired_at is null`;
}

// ---- reads (organisation path) -------------------------------------------------------------
// Note: bigint columns are selected as text (exact), under their own names; ORDER BY therefore
// always names the table column (qualified), never the text output column.

export interface EventFilters {
  actorType?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  /** Matches actions starting with this prefix (e.g. "auth."). */
  actionPrefix?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  outcome?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filterSql(sql: AnySql, f: EventFilters) {
  const likePrefix = f.actionPrefix === undefined ? undefined : `${f.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`
    ${f.actorType === undefined ? sql`` : sql`and e.actor_type = ${f.actorType}`}
    ${f.actorId === undefined ? sql`` : sql`and e.actor_id = ${f.actorId}`}
    ${f.action === undefined ? sql`` : sql`and e.action = ${f.action}`}
    ${likePrefix === undefined ? sql`` : sql`and e.action like ${likePrefix}`}
    ${f.targetType === undefined ? sql`` : sql`and e.target_type = ${f.targetType}`}
    ${f.targetId === undefined ? sql`` : sql`and e.target_id = ${f.targetId}`}
    ${f.outcome === undefined ? sql`` : sql`and e.outcome = ${f.outcome}`}
    ${f.from === undefined ? sql`` : sql`and e.occurred_at >= ${f.from}::timestamptz`}
    ${f.to === undefined ? sql`` : sql`and e.occurred_at < ${f.to}::timestamptz`}`;
}

export type ListedEventRow = EventRow & { leaf_index: string | null };

/** Newest first; the cursor is the (occurred_at, id) of the last row of the previous page. */
export async function listEvents(
  tx: OrgTx,
  f: EventFilters,
  after: { occurredAt: string; id: string } | null,
  limit: number,
): Promise<ListedEventRow[]> {
  return tx.sql<ListedEventRow[]>`
    select ${eventColumns(tx.sql)}, l.leaf_index::text as leaf_index
    from audit_events e
    left join audit_leaves l on l.event_id = e.id and l.org_id = e.org_id
    where e.org_id = ${tx.orgId}
      ${filterSql(tx.sql, f)}
      ${after === null ? tx.sql`` : tx.sql`and (e.occurred_at, e.id) < (${after.occurredAt}::timestamptz, ${after.id})`}
    order by e.occurred_at desc, e.id desc
    limit ${limit}`;
}

export type SealedEventRow = EventRow & { leaf_index: string; leaf_hash: Uint8Array };

export async function getEvent(tx: OrgTx, id: string): Promise<ListedEventRow | null> {
  const [row] = await tx.sql<ListedEventRow[]>`
    select ${eventColumns(tx.sql)}, l.leaf_index::text as leaf_index
    from audit_events e
    left join audit_leaves l on l.event_id = e.id and l.org_id = e.org_id
    where e.org_id = ${tx.orgId} and e.id = ${id}`;
  return row ?? null;
}

/** Sealed records in tree order with leaf index in [from, below), filtered (for export). */
export async function sealedEventsByLeaf(tx: OrgTx, f: EventFilters, fromLeaf: number, below: number, limit: number): Promise<SealedEventRow[]> {
  return tx.sql<SealedEventRow[]>`
    select ${eventColumns(tx.sql)}, l.leaf_index::text as leaf_index, l.leaf_hash
    from audit_leaves l
    join audit_events e on e.id = l.event_id and e.org_id = l.org_id
    where l.org_id = ${tx.orgId} and l.leaf_index >= ${fromLeaf} and l.leaf_index < ${below}
      ${filterSql(tx.sql, f)}
    order by l.leaf_index
    limit ${limit}`;
}

export interface CheckpointRow {
  tree_size: string;
  root_hash: Uint8Array;
  note: string;
  key_id: string;
  created_at: Date;
}

export async function latestCheckpoint(tx: OrgTx): Promise<CheckpointRow | null> {
  const [row] = await tx.sql<CheckpointRow[]>`
    select tree_size::text, root_hash, note, key_id, created_at from audit_checkpoints
    where org_id = ${tx.orgId} order by audit_checkpoints.tree_size desc limit 1`;
  return row ?? null;
}

export async function checkpointAt(tx: OrgTx, size: number): Promise<CheckpointRow | null> {
  const [row] = await tx.sql<CheckpointRow[]>`
    select tree_size::text, root_hash, note, key_id, created_at from audit_checkpoints
    where org_id = ${tx.orgId} and tree_size = ${size}`;
  return row ?? null;
}

/** Newest first; cursor = the tree size of the last row of the previous page. */
export async function listCheckpoints(tx: OrgTx, beforeSize: number | null, limit: number): Promise<CheckpointRow[]> {
  return tx.sql<CheckpointRow[]>`
    select tree_size::text, root_hash, note, key_id, created_at from audit_checkpoints
    where org_id = ${tx.orgId} ${beforeSize === null ? tx.sql`` : tx.sql`and tree_size < ${beforeSize}`}
    order by audit_checkpoints.tree_size desc limit ${limit}`;
}

export async function treeSize(tx: OrgTx): Promise<number> {
  const [row] = await tx.sql<{ size: string }[]>`select size::text from audit_trees where org_id = ${tx.orgId}`;
  return row ? Number(row.size) : 0;
}

// ---- verification (platform path, read-only) -----------------------------------------------

export async function treeOrgs(sql: AnySql): Promise<TreeRow[]> {
  const rows = await sql<{ org_id: string; origin: string; size: string; root_hash: Uint8Array; pruned_below: string }[]>`
    select org_id, origin, size::text, root_hash, pruned_below::text from audit_trees order by org_id`;
  return rows.map(toTree);
}

export type VerifyLeafRow = Partial<EventRow> & {
  leaf_index: string;
  event_id: string;
  leaf_hash: Uint8Array;
  leaf_occurred_at: string;
  present: boolean;
};

/** Leaves in order with their record when it still exists (left join: a deleted record shows as present = false). */
export async function leavesWithRecords(sql: AnySql, orgId: string, fromLeaf: number, limit: number): Promise<VerifyLeafRow[]> {
  return sql<VerifyLeafRow[]>`
    select l.leaf_index::text as leaf_index, l.event_id, l.leaf_hash,
      to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as leaf_occurred_at,
      (e.id is not null) as present, ${eventColumns(sql)}
    from audit_leaves l
    left join audit_events e on e.id = l.event_id
    where l.org_id = ${orgId} and l.leaf_index >= ${fromLeaf}
    order by l.leaf_index
    limit ${limit}`;
}

export async function allCheckpoints(sql: AnySql, orgId: string): Promise<(CheckpointRow & { size: number })[]> {
  const rows = await sql<CheckpointRow[]>`
    select tree_size::text, root_hash, note, key_id, created_at from audit_checkpoints
    where org_id = ${orgId} order by audit_checkpoints.tree_size`;
  return rows.map((r) => ({ ...r, size: Number(r.tree_size) }));
}

export async function innerNodesByKeys(sql: AnySql, orgId: string, refs: readonly NodeRef[]): Promise<Map<string, Uint8Array>> {
  const m = new Map<string, Uint8Array>();
  if (refs.length === 0) return m;
  const rows = await sql<{ level: number; idx: string; hash: Uint8Array }[]>`
    select n.level, n.idx::text as idx, n.hash from audit_tree_nodes n
    join unnest(${sql.array(refs.map((r) => r.level), 23)}::int[], ${sql.array(refs.map((r) => r.index), 20)}::bigint[]) as r(level, idx)
      on n.level = r.level and n.idx = r.idx
    where n.org_id = ${orgId}`;
  for (const r of rows) m.set(`${r.level}:${r.idx}`, new Uint8Array(r.hash));
  return m;
}

/** Records the sealer has passed (at or before the cursor) that no tree contains: inserted behind its back. */
export async function unsealedBehindCursor(sql: AnySql, orgId: string | null, limit: number): Promise<{ id: string; org_id: string }[]> {
  return sql<{ id: string; org_id: string }[]>`
    select e.id, e.org_id from audit_events e, audit_seal_cursor c
    where (e.tx_id, e.seq) <= (c.last_tx_id, c.last_seq)
      ${orgId === null ? sql`` : sql`and e.org_id = ${orgId}`}
      and not exists (select 1 from audit_leaves l where l.event_id = e.id)
    order by e.seq limit ${limit}`;
}

export async function countLeaves(sql: AnySql, orgId: string): Promise<number> {
  const [row] = await sql<{ n: string }[]>`select count(*)::text as n from audit_leaves where org_id = ${orgId}`;
  return Number(row?.n ?? 0);
}

// ---- anomaly alerts ------------------------------------------------------------------------

export interface AlertRow {
  id: string;
  org_id: string;
  detector: string;
  severity: string;
  subject: string;
  summary: string;
  details: Record<string, unknown>;
  event_ids: string[];
  raised_at: Date;
  notified_at: Date | null;
  notify_attempts: number;
  status: string;
  status_changed_by: string | null;
  status_changed_at: Date | null;
}

export async function insertAlert(
  tx: SystemTx,
  a: { id: string; orgId: string; detector: string; severity: string; subject: string; summary: string; details: Record<string, unknown>; eventIds: string[] },
): Promise<AlertRow> {
  const [row] = await tx.sql<AlertRow[]>`
    insert into audit_alerts (id, org_id, detector, severity, subject, summary, details, event_ids)
    values (${a.id}, ${a.orgId}, ${a.detector}, ${a.severity}, ${a.subject}, ${a.summary.slice(0, 500)},
      ${tx.sql.json(a.details as never)}, ${tx.sql.array(a.eventIds, 25)}::text[])
    returning *`;
  if (!row) throw new TypeError('insert returned no row');
  return row;
}

export async function unnotifiedAlerts(sql: AnySql, maxAttempts: number, limit: number): Promise<AlertRow[]> {
  return sql<AlertRow[]>`
    select * from audit_alerts where notified_at is null and notify_attempts < ${maxAttempts}
    order by raised_at limit ${limit}`;
}

export async function markNotified(sql: AnySql, id: string, ok: boolean): Promise<void> {
  if (ok) await sql`update audit_alerts set notified_at = now(), notify_attempts = notify_attempts + 1 where id = ${id}`;
  else await sql`update audit_alerts set notify_attempts = notify_attempts + 1 where id = ${id}`;
}

/** Alerts raised since `since`, to restore detector cooldowns after a restart. */
export async function alertsSince(sql: AnySql, since: Date): Promise<AlertRow[]> {
  return sql<AlertRow[]>`select * from audit_alerts where raised_at >= ${since} order by raised_at`;
}

export async function listAlerts(
  tx: OrgTx,
  f: { status?: string | undefined; detector?: string | undefined },
  after: { raisedAt: string; id: string } | null,
  limit: number,
): Promise<AlertRow[]> {
  return tx.sql<AlertRow[]>`
    select * from audit_alerts
    where org_id = ${tx.orgId}
      ${f.status === undefined ? tx.sql`` : tx.sql`and status = ${f.status}`}
      ${f.detector === undefined ? tx.sql`` : tx.sql`and detector = ${f.detector}`}
      ${after === null ? tx.sql`` : tx.sql`and (raised_at, id) < (${after.raisedAt}::timestamptz, ${after.id})`}
    order by raised_at desc, id desc
    limit ${limit}`;
}

export async function updateAlertStatus(tx: OrgTx, id: string, status: string, by: string): Promise<AlertRow | null> {
  const [row] = await tx.sql<AlertRow[]>`
    update audit_alerts set status = ${status}, status_changed_by = ${by}, status_changed_at = now()
    where org_id = ${tx.orgId} and id = ${id}
    returning *`;
  return row ?? null;
}

/** Average allowed reads per hour over the 7 days before the last hour preceding `at`. */
export async function readBaseline(sql: AnySql, orgId: string, at: Date, verbs: readonly string[]): Promise<number> {
  const end = new Date(at.getTime() - 3_600_000);
  const start = new Date(end.getTime() - 7 * 86_400_000);
  const [row] = await sql<{ n: string }[]>`
    select count(*)::text as n from audit_events
    where org_id = ${orgId} and occurred_at >= ${start} and occurred_at < ${end} and outcome = 'allowed'
      and regexp_replace(action, '^.*[._]', '') = any(${sql.array([...verbs], 25)}::text[])`;
  return Number(row?.n ?? 0) / (7 * 24);
}

export async function priorSignIns(
  sql: AnySql,
  orgId: string,
  userId: string,
  since: Date,
  at: Date,
  excludeId: string,
): Promise<{ ips: Set<string>; userAgents: Set<string>; count: number }> {
  const rows = await sql<{ source_ip: string | null; user_agent: string | null; n: string }[]>`
    select source_ip, user_agent, count(*)::text as n from audit_events
    where org_id = ${orgId} and action = 'auth.sign_in' and outcome = 'allowed'
      and (actor_id = ${userId} or (target_type = 'user' and target_id = ${userId}))
      and occurred_at >= ${since} and occurred_at <= ${at} and id <> ${excludeId}
    group by source_ip, user_agent
    limit 1000`;
  const ips = new Set<string>();
  const userAgents = new Set<string>();
  let count = 0;
  for (const r of rows) {
    if (r.source_ip) ips.add(r.source_ip);
    if (r.user_agent) userAgents.add(r.user_agent);
    count += Number(r.n);
  }
  return { ips, userAgents, count };
}

/** Up to `limit` most recently sealed records, oldest first (warm-up of the detector windows).
    The time bound is applied after the scan so the scan itself stays bounded by `limit`. */
export async function recentSealedEvents(sql: AnySql, since: Date, limit: number): Promise<EventRow[]> {
  const rows = await sql<(EventRow & { t: Date })[]>`
    select ${eventColumns(sql)}, e.occurred_at as t from audit_events e, audit_seal_cursor c
    where (e.tx_id, e.seq) <= (c.last_tx_id, c.last_seq)
    order by e.tx_id desc, e.seq desc
    limit ${limit}`;
  return rows.filter((r) => r.t >= since).reverse();
}

/** Records of the caller's organisation by id, in log order (the webhooks bridge reads the
    records a seal round handed it; ids only travel on the job queue). */
export async function recordsByIds(tx: OrgTx, ids: readonly string[]): Promise<AuditRecord[]> {
  if (ids.length === 0) return [];
  const rows = await tx.sql<EventRow[]>`
    select ${eventColumns(tx.sql)} from audit_events e
    where e.org_id = ${tx.orgId} and e.id = any(${ids as string[]})
    order by e.tx_id, e.seq`;
  return rows.map(toRecord);
}
