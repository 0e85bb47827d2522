/* The in-memory set of revoked sessions, kept current on every node through the node bus
   (db/node-bus.ts; docs/authentication.md; claim AUTH-4). Invariants:
   - A revoked session notifies its id on REVOCATION_CHANNEL by trigger (migration 0020) when the
     revoking transaction commits, whoever revoked it, through any code or by hand. The revoking
     node adds the ids to its own set, then passes the bus's barrier (bounded by two heartbeats)
     before it answers: every other live node has then processed the notification, so "revoked"
     means revoked on every node from the next request on.
   - The set only needs revocations younger than the longest a token lives (the token TTL plus a
     margin): an older token has expired and must be refreshed against the session row, which
     says it is revoked. Entries older than that are dropped.
   - Fails closed: the set is trusted only while the bus is, and only once it has reloaded every
     revocation of the retention window from the database since the bus last regained trust, so
     notifications missed while the listener was down cannot be lost. Meanwhile callers read the
     session row on every request. */
import type { Logger } from 'pino';
import { withSystem, type Db } from '../db/index.js';
import type { NodeBus } from '../db/node-bus.js';
import type { Clock } from '../lib/clock.js';
import * as repo from './repo.js';

export const REVOCATION_CHANNEL = 'palisade_session_revoked';

export interface RevocationSet {
  isRevoked(sessionId: string): boolean;
  /** False while the set is not known to be complete: then the caller must check the row. */
  healthy(): boolean;
  /** Records revocations committed by this node, then waits until every live node has
      processed them (the bus's barrier, bounded by two heartbeats). */
  revoked(sessionIds: readonly string[]): Promise<void>;
  /** Test hook: pretend the listener dropped (the next heartbeat echo restores it). */
  markUnhealthy(): void;
  stop(): void;
}

export interface RevocationDeps {
  bus: NodeBus;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** How long an entry must be kept: the token TTL plus clock-skew margin. */
  retentionMs: number;
}

export async function startRevocationSet(deps: RevocationDeps): Promise<RevocationSet> {
  const { bus, db, clock, retentionMs } = deps;
  const log = deps.logger.child({ component: 'session-revocation' });
  const revoked = new Map<string, number>();
  /** The bus epoch under which the set was last reloaded: complete while the epoch has not moved. */
  let loadedEpoch = -1;
  let lastPrune = 0;
  let stopped = false;

  const add = (ids: readonly string[]): void => {
    const now = clock.now().getTime();
    for (const id of ids) if (id) revoked.set(id, now);
    if (now - lastPrune > 60_000) {
      lastPrune = now;
      const cutoff = now - retentionMs;
      for (const [id, at] of revoked) if (at < cutoff) revoked.delete(id);
    }
  };

  const reload = async (): Promise<void> => {
    if (!bus.trusted()) return;
    const epoch = bus.epoch();
    const since = new Date(clock.now().getTime() - retentionMs);
    const ids = await withSystem(db, (tx) => repo.revokedSince(tx, since));
    add(ids);
    // Trust lost while reading: the next regained trust reloads again.
    if (epoch === bus.epoch() && !stopped) loadedEpoch = epoch;
  };
  const reloadSafely = (): void => {
    reload().catch((e: unknown) => {
      log.error({ err: e }, 'reloading revocations failed; sessions are checked against the database until it succeeds');
    });
  };

  const unsubscribe = bus.subscribe(REVOCATION_CHANNEL, {
    message: (id) => add([id]),
    trusted: reloadSafely,
  });
  if (await bus.ready()) await reload();

  return {
    isRevoked: (id) => revoked.has(id),
    healthy: () => !stopped && bus.trusted() && loadedEpoch === bus.epoch(),
    async revoked(ids) {
      add(ids);
      await bus.barrier({
        code: 'PAL_WARN_REVOCATION_UNACKED',
        message: 'some nodes did not acknowledge a revocation in time; they are failing closed by their own heartbeat',
      });
    },
    markUnhealthy: () => bus.markUntrusted(),
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
