/* Authentication rate limits, shared by every node through PostgreSQL (AUTH-11): a fixed-window
   counter per key, incremented by one atomic upsert (repo.rateLimitHit), so concurrent requests
   on several nodes cannot overshoot. Keys are per endpoint and per IP address or per account;
   an account key is a truncated SHA-256 of the lower-cased address or user id, so the table
   holds no addresses. Time comes from the injected clock. The answer for a refused request is 429 with
   Retry-After = seconds until the window ends.
   Why not rate-limiter-flexible's RateLimiterPostgres: it issues CREATE TABLE at run time (our
   request roles have no DDL rights, by design), reads Date.now() instead of an injected clock,
   and needs a `pg` pool beside postgres.js; the single upsert below is the same algorithm. */
import { createHash } from 'node:crypto';
import { withSystem, type Db } from '../db/index.js';
import { RateLimited } from '../lib/errors.js';
import type { Clock } from '../lib/clock.js';
import * as repo from './repo.js';

export interface RateLimitRule {
  /** Endpoint name, part of the key: each endpoint has its own budget. */
  endpoint: string;
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Counts one request for each subject; throws RateLimited when any is over its limit. */
  hit(endpoint: string, subjects: { ip?: string | null; account?: string | null }): Promise<void>;
}

export function accountKey(account: string): string {
  return createHash('sha256').update(account.toLowerCase(), 'utf8').digest('base64url').slice(0, 32);
}

export function createRateLimiter(deps: { db: Db; clock: Clock; windowMs: number; perIp: number; perAccount: number }): RateLimiter {
  let calls = 0;
  return {
    async hit(endpoint, subjects) {
      const now = deps.clock.now();
      const windowEnds = new Date(now.getTime() + deps.windowMs);
      const keys: Array<{ key: string; limit: number }> = [];
      if (subjects.ip) keys.push({ key: `ip:${endpoint}:${subjects.ip}`, limit: deps.perIp });
      if (subjects.account) keys.push({ key: `acct:${endpoint}:${accountKey(subjects.account)}`, limit: deps.perAccount });
      if (keys.length === 0) return;
      let retryAfterMs = 0;
      await withSystem(deps.db, async (tx) => {
        // Housekeeping, now and then: expired windows are dead rows.
        if (++calls % 200 === 0) await repo.pruneRateLimits(tx, now);
        for (const { key, limit } of keys) {
          const r = await repo.rateLimitHit(tx, key, now, windowEnds);
          if (r.points > limit) retryAfterMs = Math.max(retryAfterMs, r.window_ends_at.getTime() - now.getTime());
        }
      });
      if (retryAfterMs > 0) throw new RateLimited(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    },
  };
}
