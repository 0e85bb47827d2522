/* The sealer: folds committed audit records, in transaction order, into one RFC 6962 Merkle tree
   per organisation and signs a C2SP checkpoint for every tree it changed. Claims AUD-1, AUD-3.

   Invariants:
   - Order. Records are taken in (tx_id, seq) order, and only those whose transaction id is below
     the xmin of the current snapshot: every transaction that could still insert a record sorting
     before them has ended, so no record can ever appear behind the cursor. A long-running write
     transaction therefore holds sealing back (by design: sealing past it would be unsound).
   - One round at a time across nodes: each round takes a transaction-level advisory lock and
     skips when another node holds it. The loop also holds a session-level leader lock so one
     node runs the loop (and the anomaly detectors' in-memory windows) at a time.
   - A round is one transaction: leaves, subtree hashes, the tree head, the checkpoint and the
     cursor commit together or not at all. The tree-head update is conditional on the size it
     read, and leaf positions and event ids are unique, so even two sealers racing past the
     locks cannot fork a tree: one of them fails and rolls back.
   - Nothing here updates or deletes an audit record. */
import type { Db, SystemTx } from '../db/index.js';
import { withSystem } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { systemClock } from '../lib/clock.js';
import { canonicalBytes } from './canonical.js';
import type { AuditRecord } from './canonical.js';
import type { CheckpointKeys } from './keys.js';
import { EMPTY_ROOT, appendLeaf, frontierNodes, frontierRoot, hashLeaf, mapReader } from './merkle.js';
import type { Frontier, NodeRef } from './merkle.js';
import { signCheckpoint } from './note.js';
import * as repo from './repo.js';

export interface SealedEvent {
  readonly record: AuditRecord;
  readonly leafIndex: number;
}

export interface SealRoundResult {
  /** Another node held the round lock. */
  readonly skipped: boolean;
  readonly sealed: number;
  /** The batch was full: more records are probably waiting. */
  readonly more: boolean;
  readonly trees: readonly { orgId: string; size: number; rootHash: Uint8Array }[];
  readonly events: readonly SealedEvent[];
}

export interface SealerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SealerDeps {
  db: Db;
  keys: CheckpointKeys;
  /** Origin prefix: an organisation's checkpoint origin is `${logName}/${orgId}`. */
  logName: string;
  batchSize: number;
  intervalMs: number;
  clock?: Clock | undefined;
  log?: SealerLog | undefined;
  /** Called inside each round's transaction, before it commits, with its records in tree order:
      work that must exist exactly when the round commits (the webhooks bridge enqueues its jobs
      here, so a crash or a failure after the commit loses nothing, and a rolled-back round adds
      nothing). A throw rolls the round back; the next round seals the same records again. */
  inRound?: (tx: SystemTx, events: readonly SealedEvent[]) => Promise<void>;
  /** Called after each committed round with its records in tree order (anomaly detectors).
      Best effort: a failure is logged, not retried. */
  onSealed?: (events: readonly SealedEvent[]) => Promise<void>;
  /** Called when this node becomes the leader (warm-up of detector windows). */
  onLeader?: () => Promise<void>;
  /** Called when this node stops being the leader. */
  onFollower?: () => void;
}

export interface Sealer {
  /** One round, whoever is leader (the round lock still serialises it). */
  sealOnce(): Promise<SealRoundResult>;
  /** Rounds until nothing sealable is left; returns how many records were sealed. */
  sealAll(): Promise<number>;
  /** Runs the loop every intervalMs. */
  start(): void;
  stop(): Promise<void>;
  isLeader(): boolean;
}

const silent: SealerLog = { info() {}, warn() {}, error() {} };

export function originFor(logName: string, orgId: string): string {
  return `${logName}/${orgId}`;
}

export function createSealer(deps: SealerDeps): Sealer {
  const log = deps.log ?? silent;
  const clock = deps.clock ?? systemClock;
  void clock;
  // Right edge of each tree after the last round this node committed; reused when the stored
  // size still matches (otherwise another node sealed meanwhile and we reload from storage).
  const frontiers = new Map<string, Frontier>();

  async function sealOnce(): Promise<SealRoundResult> {
    const pendingFrontiers = new Map<string, Frontier>();
    const result = await withSystem(deps.db, async (tx): Promise<SealRoundResult> => {
      if (!(await repo.tryRoundLock(tx))) return { skipped: true, sealed: 0, more: false, trees: [], events: [] };
      const cursor = await repo.readCursor(tx);
      const rows = await repo.fetchSealable(tx, cursor, deps.batchSize);
      if (rows.length === 0) return { skipped: false, sealed: 0, more: false, trees: [], events: [] };
      const { signer, keyId } = await deps.keys.signer(tx);

      const byOrg = new Map<string, repo.SealableRow[]>();
      for (const r of rows) {
        const list = byOrg.get(r.org_id);
        if (list) list.push(r);
        else byOrg.set(r.org_id, [r]);
      }

      const orgIds = [...byOrg.keys()].sort();
      const heads = await repo.lockTrees(tx, orgIds);
      const missing = orgIds.filter((o) => !heads.has(o)).map((orgId) => ({ orgId, origin: originFor(deps.logName, orgId) }));
      await repo.createTrees(tx, missing, EMPTY_ROOT);
      for (const m of missing) heads.set(m.orgId, { org_id: m.orgId, origin: m.origin, size: 0, root_hash: EMPTY_ROOT, pruned_below: 0 });

      // Right edges: from this node's cache when the stored size still matches, else from storage.
      const starts = new Map<string, Frontier>();
      const toLoad: (NodeRef & { orgId: string })[] = [];
      for (const orgId of orgIds) {
        const size = heads.get(orgId)!.size;
        const cached = frontiers.get(orgId);
        if (cached && cached.size === size) starts.set(orgId, cached);
        else for (const r of frontierNodes(size)) toLoad.push({ ...r, orgId });
      }
      {
        const fetched = toLoad.length ? await repo.fetchNodesMulti(tx, toLoad) : [];
        for (const orgId of orgIds) {
          if (starts.has(orgId)) continue;
          const size = heads.get(orgId)!.size;
          const read = mapReader(fetched.filter((n) => n.orgId === orgId));
          starts.set(orgId, { size, nodes: frontierNodes(size).map((r) => ({ ...r, hash: read(r.level, r.index) })) });
        }
      }

      const trees: { orgId: string; size: number; rootHash: Uint8Array }[] = [];
      const events: SealedEvent[] = [];
      const leaves: repo.LeafInsert[] = [];
      const nodes: (NodeRef & { orgId: string; hash: Uint8Array })[] = [];
      const newHeads: { orgId: string; expected: number; size: number; root: Uint8Array }[] = [];
      const checkpoints: { orgId: string; size: number; root: Uint8Array; note: string; keyId: string }[] = [];
      for (const orgId of orgIds) {
        const tree = heads.get(orgId)!;
        let frontier = starts.get(orgId)!;
        for (const row of byOrg.get(orgId)!) {
          const record = repo.toRecord(row);
          const leafHash = hashLeaf(canonicalBytes(record));
          const leafIndex = frontier.size;
          const step = appendLeaf(frontier, leafHash);
          frontier = step.frontier;
          for (const n of step.completed) if (n.level > 0) nodes.push({ ...n, orgId });
          leaves.push({ orgId, leafIndex, eventId: row.id, leafHash, occurredAt: row.occurred_at });
          events.push({ record, leafIndex });
        }
        const root = frontierRoot(frontier);
        newHeads.push({ orgId, expected: tree.size, size: frontier.size, root });
        const note = signCheckpoint({ origin: tree.origin, size: frontier.size, rootHash: root, extensions: [] }, signer);
        checkpoints.push({ orgId, size: frontier.size, root, note, keyId });
        pendingFrontiers.set(orgId, frontier);
        trees.push({ orgId, size: frontier.size, rootHash: root });
      }
      await repo.insertLeaves(tx, leaves);
      await repo.insertNodes(tx, nodes);
      await repo.updateTrees(tx, newHeads);
      await repo.insertCheckpoints(tx, checkpoints);
      if (deps.inRound) await deps.inRound(tx, events);
      const last = rows[rows.length - 1]!;
      await repo.advanceCursor(tx, last.tx_id, last.seq);
      return { skipped: false, sealed: rows.length, more: rows.length >= deps.batchSize, trees, events };
    });
    // Only after the commit: a rolled-back round must not leave its frontier behind.
    for (const [org, f] of pendingFrontiers) frontiers.set(org, f);
    if (result.events.length && deps.onSealed) {
      try {
        await deps.onSealed(result.events);
      } catch (e) {
        log.error({ err: e }, 'audit: post-seal hook failed');
      }
    }
    return result;
  }

  async function sealAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await sealOnce();
      total += r.sealed;
      if (r.skipped || !r.more) return total;
    }
  }

  // ---- the loop and leadership ----
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let leaderConn: Awaited<ReturnType<Db['system']['reserve']>> | null = null;

  async function stepDown(): Promise<void> {
    const conn = leaderConn;
    leaderConn = null;
    frontiers.clear();
    deps.onFollower?.();
    if (conn) {
      try {
        await repo.releaseLeaderLock(conn);
      } catch {
        // The connection is gone; the server released the lock with it.
      }
      conn.release();
    }
  }

  async function ensureLeadership(): Promise<boolean> {
    if (leaderConn) {
      try {
        await repo.ping(leaderConn);
        return true;
      } catch (e) {
        log.warn({ err: e }, 'audit: sealer lost its leader connection');
        await stepDown();
      }
    }
    const conn = await deps.db.system.reserve();
    let ok = false;
    try {
      ok = await repo.tryLeaderLock(conn);
    } catch (e) {
      conn.release();
      throw e;
    }
    if (!ok) {
      conn.release();
      return false;
    }
    leaderConn = conn;
    log.info({}, 'audit: this node is now the sealer');
    frontiers.clear();
    if (deps.onLeader) await deps.onLeader();
    return true;
  }

  async function tick(): Promise<void> {
    try {
      if (!(await ensureLeadership())) return;
      for (;;) {
        const r = await sealOnce();
        if (stopped || r.skipped || !r.more) break;
      }
    } catch (e) {
      log.error({ err: e }, 'audit: sealing round failed');
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = null;
        schedule();
      });
    }, deps.intervalMs);
    timer.unref?.();
  }

  return {
    sealOnce,
    sealAll,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
      await stepDown();
    },
    isLeader: () => leaderConn !== null,
  };
}
