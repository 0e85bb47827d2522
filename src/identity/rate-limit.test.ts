/* The rate limiter's own rules, with a recording stand-in for the database (its SQL is proven
   against PostgreSQL in sign-in.security.test.ts and auth-events.security.test.ts): which
   counters a request increments, how an account is named in them, that a request naming no
   subject costs no statement, and that expired windows are pruned every 200th request and not
   before. Found by mutation testing (issue 21). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { accountKey, createRateLimiter } from './rate-limit.js';

/** A db whose system pool records each statement and answers "not blocked". */
function recordingDb(): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const system = ((strings: TemplateStringsArray) => {
    statements.push(strings.join('?').replace(/\s+/g, ' ').trim());
    return Promise.resolve(Object.assign([{ ends_at: null }], { count: 0 }));
  }) as unknown as Db['system'];
  return { db: { system } as unknown as Db, statements };
}

const limiter = (db: Db) => createRateLimiter({ db, clock: fixedClock('2037-01-01T00:00:00Z'), windowMs: 60_000, perIp: 5, perAccount: 3 });

describe('rate limiter', () => {
  it('AUTH-11: a request counts one counter per subject it names: per IP, per account, or both', () => {
    const { db } = recordingDb();
    const rl = limiter(db);
    expect(rl.counting('sign_in', { ip: '192.0.2.1' })).toMatchObject({ keys: ['ip:sign_in:192.0.2.1'], limits: [5] });
    expect(rl.counting('sign_in', { account: 'Ann@Example.com' })).toMatchObject({ keys: [`acct:sign_in:${accountKey('ann@example.com')}`], limits: [3] });
    expect(rl.counting('sign_in', { ip: null, account: null })).toMatchObject({ keys: [], limits: [] });
    expect(rl.counting('sign_up', { ip: '192.0.2.1', account: 'x' }).keys).toHaveLength(2);
  });

  it('AUTH-11: an account is named by a 32-character digest of its lower-cased form, never by itself', () => {
    const expected = createHash('sha256').update('ann@example.com').digest('base64url').slice(0, 32);
    expect(accountKey('Ann@Example.COM')).toBe(expected);
    expect(accountKey('ann@example.com')).toBe(expected);
    expect(accountKey('ann@example.com')).toHaveLength(32);
  });

  it('AUTH-11: a request naming no subject sends no statement; one naming a subject does', async () => {
    const { db, statements } = recordingDb();
    const rl = limiter(db);
    await rl.hit('verify_email', {});
    expect(statements).toEqual([]);
    await rl.hit('verify_email', { ip: '192.0.2.9' });
    expect(statements.length).toBeGreaterThan(0); // one statement (built from a fragment and its query)
  });

  it('AUTH-11: expired windows are pruned on every 200th request, not before', () => {
    const { db, statements } = recordingDb();
    const rl = limiter(db);
    const prunes = () => statements.filter((s) => s.startsWith('delete from auth_rate_limits')).length;
    for (let i = 1; i < 200; i++) rl.counting('sign_in', { ip: '192.0.2.1' });
    expect(prunes()).toBe(0);
    rl.counting('sign_in', { ip: '192.0.2.1' });
    expect(prunes()).toBe(1);
    for (let i = 0; i < 200; i++) rl.counting('sign_in', { ip: '192.0.2.1' });
    expect(prunes()).toBe(2);
  });

  it('AUTH-11: a failing housekeeping statement never fails a request; each failure is logged with its code, and without a logger nothing throws', async () => {
    const failing = ((strings: TemplateStringsArray) => {
      const q = strings.join('?').replace(/\s+/g, ' ').trim();
      if (q.startsWith('delete')) return Promise.reject(new Error('prune failed'));
      return Promise.resolve(Object.assign([{ ends_at: null }], { count: 0 }));
    }) as unknown as Db['system'];
    const warnings: Array<{ obj: Record<string, unknown>; msg: string }> = [];
    const logger = { warn: (obj: Record<string, unknown>, msg: string) => warnings.push({ obj, msg }) } as unknown as Logger;
    const rl = createRateLimiter({ db: { system: failing } as unknown as Db, clock: fixedClock('2037-01-01T00:00:00Z'), windowMs: 60_000, perIp: 5, perAccount: 3, logger });
    for (let i = 0; i < 200; i++) rl.counting('sign_in', { ip: '192.0.2.1' });
    await new Promise((r) => setTimeout(r, 10));
    expect(warnings).toHaveLength(2); // expired windows, and known devices a year old
    for (const w of warnings) {
      expect(w.obj).toMatchObject({ code: 'PAL_WARN_RATE_LIMIT_PRUNE' });
      expect((w.obj as { err: Error }).err.message).toBe('prune failed');
      expect(w.msg).toMatch(/^pruning expired .+ failed$/);
    }
    expect(new Set(warnings.map((w) => w.msg)).size).toBe(2);
    // Without a logger the failure is swallowed too: no unhandled rejection.
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const quiet = createRateLimiter({ db: { system: failing } as unknown as Db, clock: fixedClock('2037-01-01T00:00:00Z'), windowMs: 60_000, perIp: 5, perAccount: 3 });
      for (let i = 0; i < 200; i++) quiet.counting('sign_in', { ip: '192.0.2.1' });
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
