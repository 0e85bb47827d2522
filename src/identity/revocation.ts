/* The in-memory set of revoked sessions, kept current on every node by LISTEN/NOTIFY
   (DESIGN decision 3; claim AUTH-4). Invariants:
   - A revocation is written and NOTIFY'd in one transaction (repo.revokeSessions); PostgreSQL
     delivers the notification to every listening node when that transaction commits. The
     revoking node also adds the ids to its own set before answering.
   - The set only needs revocations younger than the longest a token lives (the token TTL plus a
     margin): an older token has expired and must be refreshed against the session row, which
     says it is revoked. Entries older than that are dropped.
   - Fails closed: the set is trusted only while the listener is known to be live. A heartbeat
     NOTIFY goes out every `heartbeatMs` on the same channel; if one is not echoed back before the
     next is due, or the connection is re-established, the set is marked unhealthy and callers
     check the session row on every request. It becomes healthy again only after reloading every
     revocation of the retention window from the database, so notifications missed while the
     listener was down cannot be lost. */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { withSystem, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import * as repo from './repo.js';

export const REVOCATION_CHANNEL = 'palisade_session_revoked';

export interface RevocationSet {
  isRevoked(sessionId: string): boolean;
  /** False while the listener is not known to be live: then the caller must check the row. */
  healthy(): boolean;
  /** Records revocations made by this node (before the response that reports them). */
  add(sessionIds: readonly string[]): void;
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

export async function startRevocationSet(deps: RevocationDeps): Promise<RevocationSet> {
  const { db, clock, retentionMs } = deps;
  const log = deps.logger.child({ component: 'session-revocation' });
  const heartbeatMs = deps.heartbeatMs ?? 2000;
  const nonce = randomBytes(8).toString('hex');
  const revoked = new Map<string, number>();
  let healthy = false;
  let pingSent = 0;
  let pongSeen = 0;
  let reloadGeneration = 0;
  let stopped = false;

  const prune = (): void => {
    const cutoff = clock.now().getTime() - retentionMs;
    for (const [id, at] of revoked) if (at < cutoff) revoked.delete(id);
  };
  const add = (ids: readonly string[]): void => {
    const now = clock.now().getTime();
    for (const id of ids) if (id) revoked.set(id, now);
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
    if (payload.startsWith('revoked:')) {
      add(payload.slice('revoked:'.length).split(','));
      return;
    }
    const m = /^ping:([0-9a-f]+):(\d+)$/.exec(payload);
    if (m && m[1] === nonce) {
      const n = Number(m[2]);
      if (n > pongSeen) pongSeen = n;
      if (!healthy && n === pingSent) reloadSafely();
    }
  };

  const sub = await db.system.listen(REVOCATION_CHANNEL, onMessage, () => {
    // Called on the first LISTEN and after every reconnect: notifications may have been missed.
    reloadSafely();
  });
  await reload();

  const timer = setInterval(() => {
    if (stopped) return;
    if (pongSeen < pingSent && healthy) {
      healthy = false;
      ++reloadGeneration;
      log.warn({ code: 'PAL_WARN_REVOCATION_LISTENER' }, 'revocation listener missed a heartbeat; checking sessions against the database');
    }
    prune();
    const n = ++pingSent;
    withSystem(db, (tx) => repo.notify(tx, REVOCATION_CHANNEL, `ping:${nonce}:${n}`)).catch(() => {
      // The database is unreachable: the missed echo marks the set unhealthy at the next tick.
    });
  }, heartbeatMs);
  timer.unref();

  return {
    isRevoked: (id) => revoked.has(id),
    healthy: () => healthy,
    add,
    markUnhealthy() {
      healthy = false;
      ++reloadGeneration;
    },
    async stop() {
      stopped = true;
      healthy = false;
      clearInterval(timer);
      await sub.unlisten();
    },
  };
}
