/* The fuzz suite over every operation of /openapi.json (test/security/fuzz.ts says what it
   sends and asserts). Bounded by a number of requests, not by time: FUZZ_RUNS per operation
   (default 8), so it stays a small part of CI and never depends on the machine's speed. The seed
   is printed; FUZZ_SEED=<seed> replays the same requests. @see issue 20 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { makeFuzzFixture, runFuzz, type FuzzFixture } from './fuzz.js';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const runsPerOperation = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 8;

let app: TestApp;
let fx: FuzzFixture;

beforeAll(async () => {
  app = await buildTestApp();
  fx = await makeFuzzFixture(app);
});
afterAll(async () => {
  await app.close();
});

/* Shards: the operations are dealt into SHARDS tests by a hash of their name, so each test's
   request count (and time) stays a fraction of the whole as routes are added, and a slow
   machine never brings one test near the timeout; the deal does not change when a route lands
   elsewhere. Together the shards cover every operation (the last test checks the deal). */
const SHARDS = 4;
function shardOf(op: { method: string; path: string }): number {
  let h = 0;
  for (const ch of `${op.method} ${op.path}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % SHARDS;
}
const covered = new Set<string>();

describe('fuzz: every operation of the OpenAPI document', () => {
  for (let shard = 0; shard < SHARDS; shard += 1) {
    it(`VAL-1: hostile values in every parameter and body field, as every kind of caller: never a 5xx, always documented problem+json with headers and request id, no change by a refused request, and the process stays ready (operations ${shard + 1} of ${SHARDS})`, async () => {
      process.stdout.write(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed}), ${runsPerOperation} requests per operation, shard ${shard + 1}/${SHARDS}\n`);
      const { findings, requests, operations, observed } = await runFuzz(app, fx, { seed, runsPerOperation, only: (op) => shardOf(op) === shard });
      for (const o of operations) covered.add(`${o.method} ${o.path}`);
      // Guards against a vacuous pass if route discovery breaks.
      expect(operations.length).toBeGreaterThanOrEqual(8);
      expect(requests).toBe(operations.length * runsPerOperation);
      const report = findings.slice(0, 15).map((f) => `${f.problem}: ${f.op} as ${f.who} → ${f.status} ${f.url.slice(0, 160)} ${(f.body ?? '').slice(0, 160)}`).join('\n');
      expect(findings.length, `seed ${seed}, ${findings.length} findings:\n${report}`).toBe(0);
      // Every operation that takes input (parameters or a body) refused some of what it was sent.
      const takesInput = new Set(operations.filter((o) => o.params.length > 0 || o.body).map((o) => `${o.method} ${o.path}`));
      const neverRefused = [...observed].filter(([op, s]) => takesInput.has(op) && ![...s].some((x) => x >= 400)).map(([op]) => op);
      expect(takesInput.size).toBeGreaterThanOrEqual(5);
      expect(neverRefused).toEqual([]);
      const ready = await app.http.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
    });
  }

  it('VAL-1: the shards together fuzzed every operation of /openapi.json', async () => {
    const doc = (await app.http.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const all = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
    expect(all.length).toBeGreaterThanOrEqual(50);
    expect(all.filter((op) => !covered.has(op))).toEqual([]);
  });
});
