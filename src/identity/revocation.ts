/* The in-memory set of revoked sessions, kept current on every node by LISTEN/NOTIFY
   (docs/authentication.md; claim AUTH-4). Invariants:
   - A revocation is written and NOTIFY'd in one transaction (repo.revokeSessions); PostgreSQL
     delivers the notification to every listening node when that transaction commits. The
     revoking node adds the ids to its own set, then waits (bounded) until every other live
     node has acknowledged them before it answers, so "revoked" means revoked on every node
     from the next request on:
       · each node announces itself with a heartbeat NOTIFY (`ping:<node>:<n>`) every
         `heartbeatMs`; a node seen within the last three heartbeats is live;
       · a node that receives `revoked:<tag>:<ids>` adds the ids and answers `ack:<tag>:<node>`;
       · the revoker waits for the acks of the nodes live at commit time, at most two
         heartbeats and a margin: by then a node that missed the notification has missed its
         own heartbeat echo too and has stopped trusting its set (below).
   - The set only needs revocations younger than the longest a token lives (the token TTL plus a
     margin): an older token has expired and must be refreshed against the session row, which
     says it is revoked. Entries older than that are dropped.
   - Fails closed: the set is trusted only while the listener is known to be live. If this
     node's own heartbeat is not echoed back before the next is due, or the connection is
     re-established, the set is marked unhealthy and callers read the session row on every
     request. It becomes healthy again only after reloading every revocation of the retention
     window from the database, so notifications missed meanwhile cannot be lost. */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { withSystem, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import * as repo from './repo.js';
import { awaitAcks } from '../lib/acks.js';

export const REVOCATION_CHANNEL = 'palisade_session_revoked';

export interface RevocationSet {
  readonly nodeId: string;
  isRevoked(sessionId: string): boolean;
  /** False while the listener is not known to be live: then the caller must check the row. */
  healthy(): boolean;
  /** A fresh tag for one revocation NOTIFY of this node. */
  nextTag(): string;
  /** Records revocations made by this node, then waits until the live nodes acknowledged the
      NOTIFYs carrying `tags` (bounded by two heartbeats). */
  revoked(sessionIds: readonly string[], tags: readonly string[]): Promise<void>;
  /** Test hook: pretend the listener dropped (the next heartbeat echo or reconnect restores it). */
  markUnhealthy(): void;
  stop(): Promise<void>;
}

export interface RevocationDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** How long an entry must be kept: the token TTL plus clock-skew margin. */
  retentionMs: number;
  heartbeatMs?: number;
}

const NODE_RE = /^[0-9a-f]{16}$/;

export async function startRevocationSet(deps: RevocationDeps): Promise<RevocationSet> {
  const { db, clock, retentionMs } = deps;
  const log = deps.logger.child({ component: 'session-revocation' });
  const heartbeatMs = deps.heartbeatMs ?? 2000;
  const nodeId = randomBytes(8).toString('hex');
  const revoked = new Map<string, number>();
  /** Other nodes by id → when (real time, ms) their heartbeat was last seen. */
  const peers = new Map<string, number>();
  /** Tag → the nodes that acknowledged it, and a waiter to wake. */
  const acks = new Map<string, { from: Set<string>; wake: (() => void) | null; createdAt: number }>();
  let healthy = false;
  let pingSent = 0;
  let pongSeen = 0;
  let tagSeq = 0;
  let reloadGeneration = 0;
  let stopped = false;

  const prune = (): void => {
    const cutoff = clock.now().getTime() - retentionMs;
    for (const [id, at] of revoked) if (at < cutoff) revoked.delete(id);
    const peerCutoff = Date.now() - 3 * heartbeatMs;
    for (const [id, at] of peers) if (at < peerCutoff) peers.delete(id);
    // Tags of transactions that rolled back are never waited for.
    for (const [tag, e] of acks) if (e.createdAt < Date.now() - 60_000 && !e.wake) acks.delete(tag);
  };
  const add = (ids: readonly string[]): void => {
    const now = clock.now().getTime();
    for (const id of ids) if (id) revoked.set(id, now);
  };
  const send = (payload: string): void => {
    withSystem(db, (tx) => repo.notify(tx, REVOCATION_CHANNEL, payload)).catch(() => {
      // The database is unreachable: a missed heartbeat echo marks the set unhealthy.
    });
  };

  const reload = async (): Promise<void> => {
    const generation = ++reloadGeneration;
    healthy = false;
    const since = new Date(clock.now().getTime() - retentionMs);
    const ids = await withSystem(db, (tx) => repo.revokedSince(tx, since));
    add(ids);
    // A newer reload (or a missed heartbeat) since this one started wins.
    if (generation === reloadGeneration && !stopped) {
      pongSeen = pingSent;
      healthy = true;
    }
  };
  const reloadSafely = (): void => {
    reload().catch((e: unknown) => {
      healthy = false;
      log.error({ err: e }, 'reloading revocations failed; sessions are checked against the database until it succeeds');
    });
  };

  const onMessage = (payload: string): void => {
    let m = /^revoked:([0-9a-f]{16}:\d+):(.*)$/s.exec(payload);
    if (m) {
      add((m[2] ?? '').split(','));
      const tag = m[1] ?? '';
      if (!tag.startsWith(`${nodeId}:`)) send(`ack:${tag}:${nodeId}`);
      return;
    }
    m = /^ack:([0-9a-f]{16}:\d+):([0-9a-f]{16})$/.exec(payload);
    if (m) {
      const waiting = acks.get(m[1] ?? '');
      if (waiting) {
        waiting.from.add(m[2] ?? '');
        waiting.wake?.();
      }
      return;
    }
    m = /^ping:([0-9a-f]{16}):(\d+)$/.exec(payload);
    if (m) {
      const from = m[1] ?? '';
      if (from !== nodeId) {
        if (NODE_RE.test(from)) peers.set(from, Date.now());
        return;
      }
      const n = Number(m[2]);
      if (n > pongSeen) pongSeen = n;
      if (!healthy && n === pingSent) reloadSafely();
    }
  };

  const heartbeat = (): void => {
    if (stopped) return;
    if (pongSeen < pingSent && healthy) {
      healthy = false;
      ++reloadGeneration;
      log.warn({ code: 'PAL_WARN_REVOCATION_LISTENER' }, 'revocation listener missed a heartbeat; checking sessions against the database');
    }
    prune();
    send(`ping:${nodeId}:${++pingSent}`);
  };

  const sub = await db.system.listen(REVOCATION_CHANNEL, onMessage, () => {
    // Called on the first LISTEN and after every reconnect: notifications may have been missed.
    reloadSafely();
  });
  await reload();
  heartbeat(); // announce this node at once
  const timer = setInterval(heartbeat, heartbeatMs);
  timer.unref();

  return {
    nodeId,
    isRevoked: (id) => revoked.has(id),
    healthy: () => healthy,
    nextTag: () => {
      const tag = `${nodeId}:${++tagSeq}`;
      acks.set(tag, { from: new Set(), wake: null, createdAt: Date.now() });
      return tag;
    },
    async revoked(ids, tags) {
      add(ids);
      const live = [...peers.keys()];
      const deadline = Date.now() + 2 * heartbeatMs + 500;
      try {
        for (const tag of tags) {
          const entry = acks.get(tag);
          if (!entry) continue;
          const missing = await awaitAcks(entry, live, deadline, () => stopped);
          if (missing.length) {
            log.warn({ code: 'PAL_WARN_REVOCATION_UNACKED', nodes: missing.length }, 'some nodes did not acknowledge a revocation in time; they are failing closed by their own heartbeat');
          }
        }
      } finally {
        for (const tag of tags) acks.delete(tag);
      }
    },
    markUnhealthy() {
      healthy = false;
      ++reloadGeneration;
    },
    async stop() {
      stopped = true;
      healthy = false;
      clearInterval(timer);
      for (const entry of acks.values()) entry.wake?.();
      await sub.unlisten();
    },
  };
}
