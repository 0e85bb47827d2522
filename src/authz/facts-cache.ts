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
   - Trusted only while the node bus (db/node-bus.ts) is: when it misses its heartbeat echo or its
     listener reconnects (notifications may have been missed), the whole cache is dropped and
     bypassed until an echo arrives again.
   - Entries live at most `ttlMs` regardless, and the cache holds at most `maxEntries`.
   - Per-resource roles are never cached (the caller reads them with the rest when a route names a
     resource). Sessions' super-admin flag and API keys' scopes are not facts here either.
   Latency of a change made through Palisade: the changing service drops the organisation's
   entries on its own node right after the commit, then waits (barrier, bounded by two
   heartbeats) until every other live node has passed the bus's barrier — notifications arrive
   in commit order, so such a node has dropped its entries too — and only then answers: the
   change is effective from the next request on every node, as session revocation is. A node that cannot acknowledge in time stops trusting its cache by
   its own missed heartbeat. A change made outside Palisade (plain SQL) has no one to wait for
   it: every node drops its entries when the notification arrives (milliseconds). */
import type { NodeBus } from '../db/node-bus.js';
import type { FactsRow } from './repo.js';

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
  /** Resolves once every other live node has processed every notification committed before
      the call (the node bus's barrier). Changers await it after their commit, so a change is
      effective from the next request on every node. */
  barrier(): Promise<void>;
  /** Other nodes seen alive (their heartbeats), for tests and metrics. */
  livePeers(): number;
  /** Test hook: pretend the listener missed a heartbeat. */
  markUntrusted(): void;
  stop(): void;
}

export interface FactsCacheOptions {
  bus: NodeBus;
  ttlMs?: number;
  maxEntries?: number;
}

interface Entry {
  row: FactsRow | null;
  at: number;
}

export function createFactsCache(opts: FactsCacheOptions): FactsCache {
  const { bus } = opts;
  const ttlMs = opts.ttlMs ?? 30_000;
  const maxEntries = opts.maxEntries ?? 20_000;
  /** orgId → (userId → entry). */
  const entries = new Map<string, Map<string, Entry>>();
  let size = 0;
  /** Bumped per organisation by each invalidation; tickets compare against it. */
  const generations = new Map<string, number>();

  const dropAll = (): void => {
    entries.clear();
    generations.clear();
    size = 0;
  };
  const invalidate = (orgId: string): void => {
    const m = entries.get(orgId);
    if (m) {
      size -= m.size;
      entries.delete(orgId);
    }
    generations.set(orgId, (generations.get(orgId) ?? 0) + 1);
  };
  // Tickets pack the bus's epoch and the organisation's generation; either moving voids them.
  const ticketOf = (orgId: string): string => `${bus.epoch()}:${generations.get(orgId) ?? 0}`;

  const unsubscribe = bus.subscribe(AUTHZ_CHANNEL, {
    message(payload) {
      if (payload.startsWith('org:')) invalidate(payload.slice(4));
    },
    untrusted: dropAll,
  });

  return {
    get(orgId, userId) {
      if (!bus.trusted()) return undefined;
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
      if (!bus.trusted() || ticket !== ticketOf(orgId)) return;
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
    trusted: () => bus.trusted(),
    barrier: () =>
      bus.barrier({
        code: 'PAL_WARN_AUTHZ_UNACKED',
        message: 'some nodes did not acknowledge an authorization change in time; they stop trusting their caches by their own heartbeat',
      }),
    livePeers: () => bus.livePeers(),
    markUntrusted: () => bus.markUntrusted(),
    stop() {
      unsubscribe();
      dropAll();
    },
  };
}
