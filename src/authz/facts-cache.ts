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
   Latency of a change: the services that change facts also drop the organisation's entries on
   their own node right after the commit (AuthzService.factsChanged), so the next request there
   sees the change; other nodes see it when the notification arrives (milliseconds: PostgreSQL
   signals the listeners as the commit completes) — the window a request already in flight has
   in any design. */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { withSystem, type Db } from '../db/index.js';
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
  let pingSent = 0;
  let pongSeen = 0;
  let stopped = false;

  const dropAll = (): void => {
    entries.clear();
    generations.clear();
    size = 0;
    epoch++;
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
    const m = /^ping:([0-9a-f]{16}):(\d+)$/.exec(payload);
    if (m && m[1] === nodeId) {
      const n = Number(m[2]);
      if (n > pongSeen) pongSeen = n;
      if (!trusted && n === pingSent && !stopped) trusted = true;
    }
  };

  const heartbeat = (): void => {
    if (stopped) return;
    if (pongSeen < pingSent && trusted) {
      trusted = false;
      dropAll();
      log.warn({ code: 'PAL_WARN_AUTHZ_LISTENER' }, 'authorization listener missed a heartbeat; permissions are read from the database until it is back');
    }
    send(`ping:${nodeId}:${++pingSent}`);
  };

  const sub = await db.system.listen(AUTHZ_CHANNEL, onMessage, () => {
    // First LISTEN and every reconnect: anything may have changed unseen. Trust returns with the
    // next heartbeat echo received on this connection.
    trusted = false;
    dropAll();
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
    markUntrusted() {
      trusted = false;
      dropAll();
    },
    async stop() {
      stopped = true;
      trusted = false;
      clearInterval(timer);
      dropAll();
      await sub.unlisten();
    },
  };
}
