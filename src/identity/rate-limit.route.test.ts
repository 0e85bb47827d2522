/* The anti-automation counters (`hitEach`, ASVS V2.4.1, routes beyond /v1/auth) against
   PostgreSQL: each counter has its own limit, its own subject and its own endpoint budget; the
   window is the caller's; the refusal says how long the window has left; an empty list costs no
   statement. Found by mutation testing (issue 21): `hitEach` was reached by no test of the
   rate-limit group, so any change to it survived. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import type { Db } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { RateLimited } from '../lib/errors.js';
import { createRateLimiter } from './rate-limit.js';

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.drop();
});

const refusal = async (p: Promise<void>): Promise<number> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RateLimited);
  return (e as RateLimited).retryAfterSeconds;
};

describe('rate-limit counters against PostgreSQL', () => {
  it('AUTH-11: a route counter refuses the request past its own limit, for the rest of the caller\'s window, then allows it again', async () => {
    const clock = fixedClock('2037-03-01T00:00:00Z');
    // The auth limits are deliberately different, so a route counter cannot borrow them.
    const rl = createRateLimiter({ db: testDb.db, clock, windowMs: 3_600_000, perIp: 100, perAccount: 100 });
    const hit = () => rl.hitEach('files.upload', [{ subject: 'org:a', limit: 2 }], 120_000);
    await hit();
    await hit();
    expect(await refusal(hit())).toBe(120);
    clock.advance(50_000);
    expect(await refusal(hit())).toBe(70);
    clock.advance(70_000); // the window has ended
    await hit();
    await hit();
    expect(await refusal(hit())).toBe(120);
  });

  it('AUTH-11: each subject and each route has its own budget; one request counts every counter it names and is refused when any is over', async () => {
    const clock = fixedClock('2037-03-02T00:00:00Z');
    const rl = createRateLimiter({ db: testDb.db, clock, windowMs: 60_000, perIp: 100, perAccount: 100 });
    await rl.hitEach('export', [{ subject: 'user:u1', limit: 1 }], 60_000);
    await expect(rl.hitEach('export', [{ subject: 'user:u1', limit: 1 }], 60_000)).rejects.toBeInstanceOf(RateLimited);
    // Another subject on the same route, and the same subject on another route, are untouched.
    await rl.hitEach('export', [{ subject: 'user:u2', limit: 1 }], 60_000);
    await rl.hitEach('import', [{ subject: 'user:u1', limit: 1 }], 60_000);
    // Two counters in one request: the generous one alone would allow it, the strict one refuses.
    await rl.hitEach('invite', [{ subject: 'org:o', limit: 50 }, { subject: 'user:u3', limit: 1 }], 60_000);
    await expect(rl.hitEach('invite', [{ subject: 'org:o', limit: 50 }, { subject: 'user:u3', limit: 1 }], 60_000)).rejects.toBeInstanceOf(RateLimited);
    // ...and the strict one alone refuses too, so it was counted in the two-counter request.
    await expect(rl.hitEach('invite', [{ subject: 'user:u3', limit: 1 }], 60_000)).rejects.toBeInstanceOf(RateLimited);
  });

  it('AUTH-11: a known device is counted with the per-account limit, each device on its own budget', async () => {
    const clock = fixedClock('2037-03-04T00:00:00Z');
    const rl = createRateLimiter({ db: testDb.db, clock, windowMs: 60_000, perIp: 100, perAccount: 2 });
    await rl.hit('sign_in', { device: 'dev-a' });
    await rl.hit('sign_in', { device: 'dev-a' });
    await expect(rl.hit('sign_in', { device: 'dev-a' })).rejects.toBeInstanceOf(RateLimited);
    // Another device of the same account has its own budget.
    await rl.hit('sign_in', { device: 'dev-b' });
    await rl.hit('sign_in', { device: 'dev-b' });
    await expect(rl.hit('sign_in', { device: 'dev-b' })).rejects.toBeInstanceOf(RateLimited);
  });

  it('AUTH-11: a request naming no counter sends no statement', async () => {
    const refusing = { system: () => Promise.reject(new Error('no statement expected')) } as unknown as Db;
    const rl = createRateLimiter({ db: refusing, clock: fixedClock('2037-03-03T00:00:00Z'), windowMs: 60_000, perIp: 1, perAccount: 1 });
    await expect(rl.hitEach('export', [], 60_000)).resolves.toBeUndefined();
  });
});
