/* Authentication rate limits, shared by every node through PostgreSQL (AUTH-11): a fixed-window
   counter per key, incremented by an atomic upsert, so concurrent requests on several nodes
   cannot overshoot. All of a request's counters (per IP, per account) are counted by one
   statement (repo.rateLimitHit), or folded into the caller's own first statement (sign-in's
   user lookup: `counting` then `enforce`), so a limit costs no round trip of its own. Keys are
   per endpoint and per IP address or per account; an account key is a truncated SHA-256 of the
   lower-cased address or user id, so the table holds no addresses. Time comes from the injected
   clock. The answer for a refused request is 429 with Retry-After = seconds until the window
   ends.
   Why not rate-limiter-flexible's RateLimiterPostgres: it issues CREATE TABLE at run time (our
   request roles have no DDL rights, by design), reads Date.now() instead of an injected clock,
   and needs a `pg` pool beside postgres.js; the single upsert below is the same algorithm. */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import { RateLimited } from '../lib/errors.js';
import type { Clock } from '../lib/clock.js';
import * as repo from './repo.js';

export interface RateLimitRule {
  /** Endpoint name, part of the key: each endpoint has its own budget. */
  endpoint: string;
  limit: number;
  windowMs: number;
}

/** `device`: a known device of the account (devices.ts), counted instead of the account, with
    the per-account limit, so failures naming the account elsewhere never spend its budget. */
export type RateLimitSubjects = { ip?: string | null; account?: string | null; device?: string | null };

export interface RateLimiter {
  /** Counts one request for each subject; throws RateLimited when any is over its limit. */
  hit(endpoint: string, subjects: RateLimitSubjects): Promise<void>;
  /** The counters one request increments, for a caller that counts them in a statement of its
      own (repo.signInLookup); it must then pass what that statement found to `enforce`. */
  counting(endpoint: string, subjects: RateLimitSubjects): repo.RateLimitHits;
  /** Throws RateLimited when the counting statement found the request over a limit. */
  enforce(hits: repo.RateLimitHits, blockedUntil: Date | null): void;
  /** Counts one request on each of `counters` (own limits and window; anti-automation on
      routes beyond /v1/auth, ASVS V2.4.1); throws RateLimited when any is over its limit. */
  hitEach(endpoint: string, counters: ReadonlyArray<{ subject: string; limit: number }>, windowMs: number): Promise<void>;
}

export function accountKey(account: string): string {
  return createHash('sha256').update(account.toLowerCase(), 'utf8').digest('base64url').slice(0, 32);
}

export function createRateLimiter(deps: { db: Db; clock: Clock; windowMs: number; perIp: number; perAccount: number; logger?: Logger }): RateLimiter {
  let calls = 0;
  const counting = (endpoint: string, subjects: RateLimitSubjects): repo.RateLimitHits => {
    const now = deps.clock.now();
    // Housekeeping, now and then: expired windows are dead rows. Off the request path (no
    // request waits for it, so it changes no endpoint's timing), and harmless if it fails.
    if (++calls % 200 === 0) {
      repo.pruneRateLimits(deps.db.system, now).catch((e: unknown) => deps.logger?.warn({ code: 'PAL_WARN_RATE_LIMIT_PRUNE', err: e }, 'pruning expired rate-limit windows failed'));
      // Known devices a year past their last sign-in, with the same care (skip locked rows).
      repo.pruneKnownDevices(deps.db.system, now).catch((e: unknown) => deps.logger?.warn({ code: 'PAL_WARN_RATE_LIMIT_PRUNE', err: e }, 'pruning expired known devices failed'));
    }
    const keys: string[] = [];
    const limits: number[] = [];
    if (subjects.ip) {
      keys.push(`ip:${endpoint}:${subjects.ip}`);
      limits.push(deps.perIp);
    }
    if (subjects.account) {
      keys.push(`acct:${endpoint}:${accountKey(subjects.account)}`);
      limits.push(deps.perAccount);
    }
    if (subjects.device) {
      keys.push(`dev:${endpoint}:${subjects.device}`);
      limits.push(deps.perAccount);
    }
    return { keys, limits, now, windowEndsAt: new Date(now.getTime() + deps.windowMs) };
  };
  const enforce = (hits: repo.RateLimitHits, blockedUntil: Date | null): void => {
    if (blockedUntil === null) return;
    throw new RateLimited(Math.max(1, Math.ceil((blockedUntil.getTime() - hits.now.getTime()) / 1000)));
  };
  return {
    async hit(endpoint, subjects) {
      const hits = counting(endpoint, subjects);
      if (hits.keys.length === 0) return;
      enforce(hits, await repo.rateLimitHit(deps.db.system, hits));
    },
    counting,
    enforce,
    async hitEach(endpoint, counters, windowMs) {
      if (counters.length === 0) return;
      const now = deps.clock.now();
      const hits: repo.RateLimitHits = {
        keys: counters.map((c) => `route:${endpoint}:${c.subject}`),
        limits: counters.map((c) => c.limit),
        now,
        windowEndsAt: new Date(now.getTime() + windowMs),
      };
      enforce(hits, await repo.rateLimitHit(deps.db.system, hits));
    },
  };
}
