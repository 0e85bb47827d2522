/* The job queue on a real PostgreSQL: transactional enqueue, the request path's narrow right,
   retries with backoff, and one run per job across two nodes. */
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withSystem } from '../db/index.js';
import { createJobs, enqueue, type Jobs } from './index.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let t: TestDb;
const made: Jobs[] = [];

function jobs(worker = false, db = t.db): Jobs {
  const j = createJobs({ system: db.system, systemUrl: db.systemUrl, log: quiet, worker, concurrency: 2 });
  made.push(j);
  return j;
}

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const j of made) await j.stop();
  await t.drop();
});

describe('job queue (graphile-worker)', () => {
  it('a job enqueued in a transaction exists only if that transaction commits, and runs once', async () => {
    const q = jobs();
    const seen: unknown[] = [];
    q.define('test.tx', async (p) => { seen.push(p); });
    await q.start();
    await withSystem(t.db, (tx) => enqueue(tx, 'test.tx', { n: 1 }));
    await expect(withSystem(t.db, async (tx) => {
      await enqueue(tx, 'test.tx', { n: 2 });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    // The request path enqueues inside its own transaction too (through the definer function).
    await t.db.app.begin((sql) => enqueue({ sql: sql as unknown as Sql }, 'test.tx', { n: 3 }));
    await q.drain();
    await q.drain();
    expect(seen).toEqual([{ n: 1 }, { n: 3 }]);
    expect(await q.pending('test.tx')).toEqual([]);
  });

  it('the request path may enqueue but cannot read or change the queue', async () => {
    await expect(t.db.app`select * from graphile_worker._private_jobs`).rejects.toMatchObject({ code: '42501' });
    await expect(t.db.app`delete from graphile_worker._private_jobs`).rejects.toMatchObject({ code: '42501' });
    await expect(t.db.app`select graphile_worker.add_job('test.x')`).rejects.toMatchObject({ code: '42501' });
  });

  it('a failed job is retried later with backoff until it succeeds, its error kept meanwhile', async () => {
    const q = jobs();
    let calls = 0;
    q.define('test.flaky', async (_p, ctx) => {
      calls++;
      if (ctx.attempt < 2) throw new Error('receiver down');
    });
    await q.start();
    await q.add('test.flaky', {}, { maxAttempts: 5 });
    await q.drain();
    expect(calls).toBe(1);
    const [waiting] = await q.pending('test.flaky');
    expect(waiting).toMatchObject({ attempts: 1, maxAttempts: 5, lastError: expect.stringContaining('receiver down') });
    expect(waiting!.runAt.getTime()).toBeGreaterThan(Date.now()); // backed off, not run again at once
    await q.drain({ dueBy: new Date(Date.now() + 3_600_000) });
    expect(calls).toBe(2);
    expect(await q.pending('test.flaky')).toEqual([]);
  });

  it('a keyed job replaces the pending one with the same key (debounce)', async () => {
    const q = jobs();
    const seen: unknown[] = [];
    q.define('test.keyed', async (p) => { seen.push(p); });
    await q.start();
    await q.add('test.keyed', { v: 1 }, { key: 'k1' });
    await q.add('test.keyed', { v: 2 }, { key: 'k1' });
    await q.drain();
    expect(seen).toEqual([{ v: 2 }]);
  });

  it('two nodes running workers on one database run each job exactly once', async () => {
    const other = await t.connectAgain();
    const runs = new Map<number, number>();
    const handler = async (p: unknown) => {
      const n = (p as { n: number }).n;
      runs.set(n, (runs.get(n) ?? 0) + 1);
      await new Promise((r) => setImmediate(r));
    };
    const a = jobs(true);
    const b = jobs(true, other);
    a.define('test.once', handler);
    b.define('test.once', handler);
    await a.start();
    await b.start();
    await Promise.all(Array.from({ length: 60 }, (_, n) => (n % 2 ? a : b).add('test.once', { n })));
    await a.drain();
    await b.drain();
    expect(runs.size).toBe(60);
    expect([...runs.values()].every((c) => c === 1)).toBe(true);
  });

  it('refuses malformed task names and crontab patterns at definition, not at the first tick', () => {
    const q = jobs();
    expect(() => q.define('Bad Name', async () => {})).toThrow(/task names/);
    expect(() => q.schedule({ task: 'test.cron', cron: '61 * * * *' })).toThrow();
    expect(() => q.schedule({ task: 'test.cron', cron: '0 3 * * *' })).not.toThrow();
  });
});
