/* `palisade audit verify`: recompute every organisation's Merkle tree from the audit records and
   check it against the signed checkpoints. Claim AUD-3.

   What is checked, per organisation, streaming in leaf order (memory stays O(log n) plus the
   leaves between two consecutive checkpoints):
   1. Every stored checkpoint opens with a trusted verifier key (pinned with --vkey, otherwise
      the keys in the database — a pinned key is what makes the check independent of the
      database) and carries the tree's origin.
   2. Every leaf position 0..size-1 exists, and its record, re-encoded canonically and hashed,
      equals the leaf hash sealed for it. A record that is gone is only acceptable below the
      retention horizon (pruned_below) and older than the retention period.
   3. At each checkpoint size, the root recomputed from the leaves equals the signed root; a
      consistency proof between consecutive checkpoints, built from the recomputed tree, verifies
      (RFC 9162 §2.1.4.2) against their two signed roots.
   4. The stored inner nodes (what the proof API serves) equal the recomputed ones, and the tree
      head equals the recomputation.
   5. No record the sealer has passed is missing from every tree (inserted behind its back).
   Problems are reported with organisation, leaf index, event id and what is wrong; the first
   one is the answer to "where did it break". */
import type { Sql } from 'postgres';
import { canonicalBytes } from './canonical.js';
import { EMPTY_FRONTIER, appendLeaf, consistencyProof, frontierRoot, hashChildren, hashesEqual, hashLeaf, verifyConsistency } from './merkle.js';
import type { Frontier, Hash, NodeRef } from './merkle.js';
import { NoteError, openCheckpoint, parseVerifierKey, toBase64 } from './note.js';
import type { NoteVerifier } from './note.js';
import * as repo from './repo.js';

export type ProblemKind =
  | 'checkpoint_signature'
  | 'checkpoint_root_mismatch'
  | 'checkpoint_inconsistent'
  | 'record_modified'
  | 'record_missing'
  | 'leaf_missing'
  | 'node_mismatch'
  | 'tree_head_mismatch'
  | 'unsealed_record';

export interface Problem {
  orgId: string;
  kind: ProblemKind;
  leafIndex: number | null;
  eventId: string | null;
  treeSize: number | null;
  message: string;
}

export interface OrgReport {
  orgId: string;
  origin: string;
  treeSize: number;
  leavesChecked: number;
  recordsPruned: number;
  checkpointsChecked: number;
  /** Checkpoints whose signed root was compared with the recomputed one. */
  rootsCompared: number;
  problems: Problem[];
}

export interface VerifyReport {
  ok: boolean;
  keySource: 'pinned' | 'database';
  orgs: OrgReport[];
  problems: Problem[];
}

export interface VerifyProgress {
  orgId: string;
  leavesDone: number;
  leavesTotal: number;
}

export interface VerifyOptions {
  /** The platform-path connection (palisade_system): verify reads every organisation. */
  sql: Sql;
  /** Trusted verifier keys. Without them, the keys stored in the database are used. */
  verifiers: NoteVerifier[];
  keySource: 'pinned' | 'database';
  retentionDays: number;
  now: Date;
  orgId?: string | undefined;
  /** Called after each page of leaves; verify waits for a returned promise. */
  onProgress?: ((p: VerifyProgress) => void | Promise<void>) | undefined;
  /** Stop collecting problems for an organisation after this many. */
  maxProblemsPerOrg?: number | undefined;
  /** Memory bound: leaf hashes held between two checkpoints (default 2 000 000). Past it, the
      consistency proof between those two is skipped; their roots are still compared. */
  maxPendingLeaves?: number | undefined;
}

/** What verify reads. `verifyAuditLog` reads it from PostgreSQL in one snapshot (`dbSource`);
    `verifyLog` checks any source, so a log can be fed to the checks directly (verify.unit.test.ts). */
export interface AuditLogSource {
  /** Every tree head, ordered by organisation. */
  trees(): Promise<repo.TreeRow[]>;
  checkpoints(orgId: string): Promise<{ size: number; note: string }[]>;
  /** Leaves from `fromLeaf` in leaf order, each with its record when the record still exists. */
  leaves(orgId: string, fromLeaf: number, limit: number): Promise<repo.VerifyLeafRow[]>;
  /** Stored inner nodes among `refs`, keyed `level:index`. */
  innerNodes(orgId: string, refs: readonly NodeRef[]): Promise<Map<string, Uint8Array>>;
  /** Records behind the sealing cursor that no tree contains. */
  unsealed(orgId: string | null, limit: number): Promise<{ id: string; org_id: string }[]>;
}

export type VerifyLogOptions = Omit<VerifyOptions, 'sql'>;

const PAGE = 5000;
const NODE_BATCH = 4000;
const MAX_PENDING_LEAVES = 2_000_000;

export async function verifyAuditLog(opts: VerifyOptions): Promise<VerifyReport> {
  // One snapshot for the whole check: verify runs beside a live sealer, and a seal round that
  // committed between reading a tree head and reading its leaves would otherwise look like a
  // tree that grew past its head (a false tree_head_mismatch) or a record sealed twice.
  return opts.sql.begin('isolation level repeatable read read only', (tx) => verifyLog(dbSource(tx as unknown as Sql), opts));
}

/** The stored log, read on one connection (verifyAuditLog gives it a repeatable-read transaction). */
export function dbSource(sql: Sql): AuditLogSource {
  return {
    trees: () => repo.treeOrgs(sql),
    checkpoints: (orgId) => repo.allCheckpoints(sql, orgId),
    leaves: (orgId, fromLeaf, limit) => repo.leavesWithRecords(sql, orgId, fromLeaf, limit),
    innerNodes: (orgId, refs) => repo.innerNodesByKeys(sql, orgId, refs),
    unsealed: (orgId, limit) => repo.unsealedBehindCursor(sql, orgId, limit),
  };
}

export async function verifyLog(src: AuditLogSource, opts: VerifyLogOptions): Promise<VerifyReport> {
  const trees = (await src.trees()).filter((t) => opts.orgId === undefined || t.org_id === opts.orgId);
  const orgs: OrgReport[] = [];
  for (const tree of trees) orgs.push(await verifyTree(src, opts, tree));
  const unsealed = await src.unsealed(opts.orgId ?? null, 100);
  const extra: Problem[] = unsealed.map((u) => ({
    orgId: u.org_id,
    kind: 'unsealed_record',
    leafIndex: null,
    eventId: u.id,
    treeSize: null,
    message: 'record is behind the sealing cursor but in no tree (inserted behind the sealer, or its leaf row was deleted)',
  }));
  if (opts.orgId !== undefined && trees.length === 0 && unsealed.length === 0) {
    orgs.push({ orgId: opts.orgId, origin: '', treeSize: 0, leavesChecked: 0, recordsPruned: 0, checkpointsChecked: 0, rootsCompared: 0, problems: [] });
  }
  const problems = [...orgs.flatMap((o) => o.problems), ...extra];
  return { ok: problems.length === 0, keySource: opts.keySource, orgs, problems };
}

async function verifyTree(src: AuditLogSource, opts: VerifyLogOptions, tree: repo.TreeRow): Promise<OrgReport> {
  const orgId = tree.org_id;
  const maxProblems = opts.maxProblemsPerOrg ?? 1000;
  const maxPending = opts.maxPendingLeaves ?? MAX_PENDING_LEAVES;
  const report: OrgReport = { orgId, origin: tree.origin, treeSize: tree.size, leavesChecked: 0, recordsPruned: 0, checkpointsChecked: 0, rootsCompared: 0, problems: [] };
  const problem = (p: Omit<Problem, 'orgId'>): void => {
    if (report.problems.length < maxProblems) report.problems.push({ orgId, ...p });
  };
  const retentionCutoff = opts.now.getTime() - opts.retentionDays * 86_400_000;

  // 1. Checkpoints: signature and origin. Only verified ones are used below.
  const checkpoints: { size: number; root: Hash }[] = [];
  const storedCheckpoints = (await src.checkpoints(orgId)).sort((a, b) => a.size - b.size);
  for (const cp of storedCheckpoints) {
    report.checkpointsChecked++;
    try {
      const c = openCheckpoint(cp.note, opts.verifiers, tree.origin);
      if (c.size !== cp.size) throw new NoteError(`signed size ${c.size} differs from the stored size ${cp.size}`);
      checkpoints.push({ size: c.size, root: c.rootHash });
    } catch (e) {
      problem({ kind: 'checkpoint_signature', leafIndex: null, eventId: null, treeSize: cp.size, message: `checkpoint at size ${cp.size} does not verify: ${(e as Error).message}` });
    }
  }

  // 2–4. Stream the leaves.
  let frontier: Frontier = EMPTY_FRONTIER;
  let cpIdx = 0;
  let prev: { size: number; root: Hash; frontier: Frontier } | null = null;
  let pending: Hash[] = []; // leaf hashes since the previous checkpoint
  let pendingOverflow = false;
  let nodeBatch: (NodeRef & { hash: Hash })[] = [];
  let broken = false;

  const flushNodes = async (): Promise<void> => {
    if (nodeBatch.length === 0) return;
    const stored = await src.innerNodes(orgId, nodeBatch);
    for (const n of nodeBatch) {
      const s = stored.get(`${n.level}:${n.index}`);
      if (!s || !hashesEqual(s, n.hash)) {
        const first = n.index * 2 ** n.level;
        problem({
          kind: 'node_mismatch', leafIndex: first, eventId: null, treeSize: null,
          message: `stored subtree hash (level ${n.level}, index ${n.index}, leaves ${first}..${first + 2 ** n.level - 1}) is ${s ? 'altered' : 'missing'}`,
        });
      }
    }
    nodeBatch = [];
  };

  const atCheckpoint = (): void => {
    while (cpIdx < checkpoints.length && checkpoints[cpIdx]!.size === frontier.size) {
      const cp = checkpoints[cpIdx]!;
      const root = frontierRoot(frontier);
      report.rootsCompared++;
      if (!hashesEqual(root, cp.root)) {
        const from = prev?.size ?? 0;
        problem({
          kind: 'checkpoint_root_mismatch', leafIndex: from, eventId: null, treeSize: cp.size,
          message: `the records do not produce the signed root of size ${cp.size}: something in leaves ${from}..${cp.size - 1} was altered (with its stored hash), reordered or replaced`,
        });
      }
      if (prev && !pendingOverflow) {
        const proof = consistencyFrom(prev.frontier, prev.size, pending, cp.size);
        if (!verifyConsistency(prev.size, cp.size, prev.root, cp.root, proof)) {
          problem({
            kind: 'checkpoint_inconsistent', leafIndex: prev.size, eventId: null, treeSize: cp.size,
            message: `checkpoints of size ${prev.size} and ${cp.size} are not consistent (RFC 9162 §2.1.4)`,
          });
        }
      }
      prev = { size: cp.size, root: cp.root, frontier };
      pending = [];
      pendingOverflow = false;
      cpIdx++;
    }
    // Checkpoints the leaves have already passed (duplicates are impossible: size is a key).
    while (cpIdx < checkpoints.length && checkpoints[cpIdx]!.size < frontier.size) cpIdx++;
  };

  // A checkpoint of size 0 would be matched before any leaf.
  atCheckpoint();
  let next = 0;
  for (;;) {
    const rows = await src.leaves(orgId, next, PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      const index = Number(row.leaf_index);
      if (index !== frontier.size) {
        problem({
          kind: 'leaf_missing', leafIndex: frontier.size, eventId: null, treeSize: null,
          message: `leaf positions ${frontier.size}..${index - 1} are missing from the tree (rows deleted); later checkpoints cannot be recomputed`,
        });
        broken = true;
        break;
      }
      // The tree is rebuilt from the *stored* leaf hashes, so the checkpoint checks below test
      // the stored hashes against the signatures; the record check above them tests each record
      // against its stored hash. Together: record → leaf hash → signed root.
      const leafHash = new Uint8Array(row.leaf_hash);
      const stored = leafHash;
      if (row.present) {
        const recomputed = hashLeaf(canonicalBytes(repo.toRecord(row as repo.EventRow)));
        if (!hashesEqual(recomputed, stored)) {
          problem({
            kind: 'record_modified', leafIndex: index, eventId: row.event_id, treeSize: null,
            message: `record ${row.event_id} no longer matches the leaf hash sealed for it (its content was changed after sealing)`,
          });
        }
      } else {
        const pruned = index < tree.pruned_below && Date.parse(row.leaf_occurred_at) < retentionCutoff;
        if (pruned) report.recordsPruned++;
        else {
          problem({
            kind: 'record_missing', leafIndex: index, eventId: row.event_id, treeSize: null,
            message: `record ${row.event_id} (sealed at leaf ${index}, occurred ${row.leaf_occurred_at}) has been deleted, and not by retention`,
          });
        }
      }
      const step = appendLeaf(frontier, leafHash);
      frontier = step.frontier;
      for (const n of step.completed) if (n.level > 0) nodeBatch.push(n);
      if (!pendingOverflow) {
        pending.push(leafHash);
        if (pending.length > maxPending) {
          pending = [];
          pendingOverflow = true;
        }
      }
      report.leavesChecked++;
      atCheckpoint();
      if (nodeBatch.length >= NODE_BATCH) await flushNodes();
    }
    if (broken) break;
    next = frontier.size;
    await opts.onProgress?.({ orgId, leavesDone: frontier.size, leavesTotal: tree.size });
  }
  await flushNodes();

  if (!broken) {
    for (; cpIdx < checkpoints.length; cpIdx++) {
      const cp = checkpoints[cpIdx]!;
      problem({
        kind: 'leaf_missing', leafIndex: frontier.size, eventId: null, treeSize: cp.size,
        message: `checkpoint of size ${cp.size} is signed, but only ${frontier.size} leaves are stored (the log was truncated)`,
      });
    }
    if (frontier.size !== tree.size || !hashesEqual(frontierRoot(frontier), tree.root_hash)) {
      problem({
        kind: 'tree_head_mismatch', leafIndex: null, eventId: null, treeSize: tree.size,
        message: `stored tree head (size ${tree.size}, root ${toBase64(tree.root_hash)}) differs from the recomputed one (size ${frontier.size}, root ${toBase64(frontierRoot(frontier))})`,
      });
    }
  }
  return report;
}

/* The consistency proof between sizes m and n from what the stream holds: the frontier at m
   (the perfect subtrees of [0, m)) and the leaf hashes of [m, n). Every node PROOF(m, n) needs is
   one of those frontier nodes or lies entirely inside [m, n) (see merkle.ts). */
function consistencyFrom(atM: Frontier, m: number, leaves: readonly Hash[], n: number): Hash[] {
  const frontierMap = new Map<string, Hash>();
  for (const f of atM.nodes) frontierMap.set(`${f.level}:${f.index}`, f.hash);
  const memo = new Map<string, Hash>();
  const read = (level: number, index: number): Hash => {
    const key = `${level}:${index}`;
    const f = frontierMap.get(key) ?? memo.get(key);
    if (f) return f;
    const first = index * 2 ** level;
    if (first < m) throw new RangeError(`node ${key} is neither on the frontier nor after it`);
    let h: Hash;
    if (level === 0) {
      const leaf = leaves[first - m];
      if (!leaf) throw new RangeError(`leaf ${first} not held`);
      h = leaf;
    } else {
      h = hashChildren(read(level - 1, index * 2), read(level - 1, index * 2 + 1));
    }
    memo.set(key, h);
    return h;
  };
  return consistencyProof(m, n, read);
}

/** Verifiers for every checkpoint key stored in the database (use a pinned key when you can). */
export async function storedVerifiers(sql: Sql): Promise<NoteVerifier[]> {
  return (await repo.allSigningKeys(sql)).map((k) => parseVerifierKey(k.verifier_key));
}
