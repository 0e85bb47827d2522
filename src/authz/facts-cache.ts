/* Authorization facts per (organisation, subject user), kept in memory so that an org route's
   permission check costs no database round trip (issue 6: the check's own read was ≈ 20 % of a
   read request's CPU). Claims RBAC-1..3, TEN-1.

   Invariants:
   - Invalidation cannot be forgotten by a code path: triggers on every table the facts come
     from (memberships, org_roles, policy_toggles, orgs.plan; migration 0007) NOTIFY the
     organisation's id when a row changes, and PostgreSQL delivers that to every listening node
     when the changing transaction commits — whoever made the change, through any code or by hand.
   - A fact read from the database is stored only if no invalidation of its organisation arrived
     while it was being read (a per-organisation generation), so a read racing a change can never
     put the old facts back.
   - Trusted only while the listener is known to be live, as the session revocation set is: this
     node NOTIFYs itself a heartbeat every `heartbeatMs`; if the echo has not come back when the
     next is due, or the connection was re-established (notifications may have been missed), the
     whole cache is dropped and bypassed until an echo arrives again.
   - Entries live at most `ttlMs` regardless, and the cache holds at most `maxEntries`.
   - Per-resource roles are never cached (the caller reads them with the rest when a route names a
     resource). Sessions' super-admin flag and API keys' scopes are not facts here either.
   Latency of a change made through Palisade: the changing service drops the organisation's
   entries on its own node right after the commit, then waits (barrier, bounded by two
   heartbeats) until every other live node has acknowledged a `sync` notification sent after
   the commit — notifications arrive in commit order, so such a node has dropped its entries
   too — and only then answers: the change is effective from the next request on every node,
   as session revocation is. A node that cannot acknowledge in time stops trusting its cache by
   its own missed heartbeat. A change made outside Palisade (plain SQL) has no one to wait for
   it: every node drops its entries when the notification arrives (milliseconds). */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { withSystem, type Db } from '../db/index.js';
import type { FactsRow } from './repo.js';
import { awaitAcks, type AckWait } from '../lib/acks.js';

export const AUTHZ_CHANNEL = 'palisade_authz_changed';

export interface FactsCache {
  /** Cached facts, `null` for "read: no such organisation or no facts", or undefined on a miss. */
  get(orgId: string, userId: string): FactsRow | null | undefined;
  /** A token to take before reading the facts from the database, for set(). */
  ticket(orgId: string): string;
  /** Stores facts read after ticket() unless the organisation changed meanwhile. */
  set(orgId: string, userId: string, row: FactsRow | null, ticket: string): void;
  /** Drops an organisation's entries now (also done by every notification). */
  invalidate(orgId: string): void;
  trusted(): boolean;
  /** Changes whenever the cache is emptied for lack of trust; other caches fed by the same
      notifications (api-keys.ts) compare it to know their entries may have missed one. */
  epoch(): number;
  /** Resolves once every other live node has processed every notification committed before
      the call (bounded by two heartbeats; a node that cannot answer in time stops trusting its
      own cache by its heartbeat). Changers await it after their commit, so a change is
      effective from the next request on every node. */
  barrier(): Promise<void>;
  /** Other nodes seen alive (their heartbeats), for tests and metrics. */
  livePeers(): number;
  /** Called for each `key:<id>` notification (an API key row changed); see api-keys.ts. */
  onKeyChanged(listener: (keyId: string) => void): void;
  /** Test hook: pretend the listener missed a heartbeat. */
  markUntrusted(): void;
  stop(): Promise<void>;
}

export interface FactsCacheOptions {
  db: Db;
  logger: Logger;
  heartbeatMs?: number;
  ttlMs?: number;
  maxEntries?: number;
}

interface Entry {
  row: FactsRow | null;
  at: number;
}

export async function startFactsCache(opts: FactsCacheOptions): Promise<FactsCache> {
  const { db } = opts;
  const log = opts.logger.child({ component: 'authz-facts-cache' });
  const heartbeatMs = opts.heartbeatMs ?? 2000;
  const ttlMs = opts.ttlMs ?? 30_000;
  const maxEntries = opts.maxEntries ?? 20_000;
  const nodeId = randomBytes(8).toString('hex');
  /** orgId → (userId → entry). */
  const entries = new Map<string, Map<string, Entry>>();
  let size = 0;
  /** Bumped per organisation by each invalidation; tickets compare against it. */
  const generations = new Map<string, number>();
  /** Bumped when everything is dropped; part of every ticket. */
  let epoch = 0;
  let trusted = false;
  /** Other nodes by id → when (real time, ms) their heartbeat was last seen. */
  const peers = new Map<string, number>();
  /** Barrier tag → the nodes that acknowledged it, and a waiter to wake. */
  const acks = new Map<string, AckWait>();
  const keyListeners: Array<(keyId: string) => void> = [];
  let tagSeq = 0;
  let pingSent = 0;
  let pongSeen = 0;
  let stopped = false;

  const dropAll = (): void => {
    entries.clear();
    generations.clear();
    size = 0;
    epoch++;
  };
  const untrust = (): void => {
    trusted = false;
    dropAll();
  };
  const livePeerIds = (): string[] => {
    const cutoff = Date.now() - 3 * heartbeatMs;
    return [...peers].filter(([, at]) => at >= cutoff).map(([id]) => id);
  };
  const invalidate = (orgId: string): void => {
    const m = entries.get(orgId);
    if (m) {
      size -= m.size;
      entries.delete(orgId);
    }
    generations.set(orgId, (generations.get(orgId) ?? 0) + 1);
  };
  // Tickets pack the epoch and the organisation's generation; either moving voids them.
  const ticketOf = (orgId: string): string => `${epoch}:${generations.get(orgId) ?? 0}`;

  const send = (payload: string): void => {
    withSystem(db, (tx) => tx.sql`select pg_notify(${AUTHZ_CHANNEL}, ${payload})`).catch(() => {
      // Unreachable database: the missed echo makes the cache untrusted.
    });
  };

  const onMessage = (payload: string): void => {
    if (payload.startsWith('org:')) {
      invalidate(payload.slice(4));
      return;
    }
    if (payload.startsWith('key:')) {
      for (const l of keyListeners) l(payload.slice(4));
      return;
    }
    // Notifications arrive in commit order: a node that has seen `sync:<tag>` has seen every
    // invalidation committed before it, so its acknowledgement is what a barrier waits for.
    let m = /^sync:(([0-9a-f]{16}):\d+)$/.exec(payload);
    if (m) {
      if (m[2] !== nodeId) send(`ack:${m[1]}:${nodeId}`);
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
    if (!m) return;
    if (m[1] !== nodeId) {
      peers.set(m[1] ?? '', Date.now());
      return;
    }
    const n = Number(m[2]);
    if (n > pongSeen) pongSeen = n;
    if (!trusted && n === pingSent && !stopped) trusted = true;
  };

  const barrier = async (): Promise<void> => {
    const live = livePeerIds();
    if (live.length === 0 || stopped) return;
    const tag = `${nodeId}:${++tagSeq}`;
    const entry: AckWait = { from: new Set(), wake: null };
    acks.set(tag, entry);
    const deadline = Date.now() + 2 * heartbeatMs + 500;
    try {
      send(`sync:${tag}`);
      const missing = await awaitAcks(entry, live, deadline, () => stopped);
      if (missing.length) {
        log.warn({ code: 'PAL_WARN_AUTHZ_UNACKED', nodes: missing.length }, 'some nodes did not acknowledge an authorization change in time; they stop trusting their caches by their own heartbeat');
      }
    } finally {
      acks.delete(tag);
    }
  };

  const heartbeat = (): void => {
    if (stopped) return;
    const peerCutoff = Date.now() - 3 * heartbeatMs;
    for (const [id, at] of peers) if (at < peerCutoff) peers.delete(id);
    if (pongSeen < pingSent && trusted) {
      untrust();
      log.warn({ code: 'PAL_WARN_AUTHZ_LISTENER' }, 'authorization listener missed a heartbeat; permissions are read from the database until it is back');
    }
    send(`ping:${nodeId}:${++pingSent}`);
  };

  const sub = await db.system.listen(AUTHZ_CHANNEL, onMessage, () => {
    // First LISTEN and every reconnect: anything may have changed unseen. Trust returns with the
    // next heartbeat echo received on this connection.
    untrust();
    if (!stopped) send(`ping:${nodeId}:${++pingSent}`);
  });
  const timer = setInterval(heartbeat, heartbeatMs);
  timer.unref();

  return {
    get(orgId, userId) {
      if (!trusted) return undefined;
      const e = entries.get(orgId)?.get(userId);
      if (!e) return undefined;
      if (Date.now() - e.at > ttlMs) {
        entries.get(orgId)?.delete(userId);
        size--;
        return undefined;
      }
      return e.row;
    },
    ticket: ticketOf,
    set(orgId, userId, row, ticket) {
      if (!trusted || ticket !== ticketOf(orgId)) return;
      if (size >= maxEntries) {
        // Crude but bounded: start over rather than track recency on the hot path.
        entries.clear();
        size = 0;
      }
      let m = entries.get(orgId);
      if (!m) {
        m = new Map();
        entries.set(orgId, m);
      }
      if (!m.has(userId)) size++;
      m.set(userId, { row, at: Date.now() });
    },
    invalidate,
    trusted: () => trusted,
    epoch: () => epoch,
    barrier,
    livePeers: () => livePeerIds().length,
    onKeyChanged(listener) {
      keyListeners.push(listener);
    },
    markUntrusted: untrust,
    async stop() {
      stopped = true;
      trusted = false;
      clearInterval(timer);
      for (const entry of acks.values()) entry.wake?.();
      dropAll();
      await sub.unlisten();
    },
  };
}
