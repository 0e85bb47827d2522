/* W3 sign-in: Palisade's sign-in throughput against (1) raw verification throughput of the
   configured algorithm and parameters in a separate process with the same UV_THREADPOOL_SIZE,
   and (2) Better Auth's email sign-in (scrypt, its default). The same 10 accounts rotate on
   both HTTP sides; every request is a successful sign-in that creates a session. */
import { join } from 'node:path';
import type { Ctx } from '../lib/context.js';
import { signInBodies } from '../lib/context.js';
import { compare, httpTarget, type Target } from '../lib/measure.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';
import { missingRoutes } from '../lib/palisade.js';
import { runToEnd } from '../lib/proc.js';
import { BENCH_DIR, childEnv, ROOT_DIR } from '../lib/env.js';
import type { LoadResult } from '../lib/load.js';

const GOAL_RAW: Goal = { on: 'ratio', min: 0.9, text: '≥ 0.9× raw hashing' };
const GOAL_BA: Goal = { on: 'ratio', min: 5, text: '≥ 5× Better Auth' };

/** Concurrent sign-ins: enough to keep every thread-pool thread busy, not enough to queue for ever. */
export function signInConnections(ctx: Ctx): number {
  return ctx.smoke ? 4 : 16;
}

export function rawHashTarget(label: string, concurrency: number, algorithm: 'argon2id' | 'bcrypt' = 'argon2id'): Target {
  return {
    label,
    run: async (durationS): Promise<LoadResult> => {
      const out = await runToEnd(process.execPath, [join(ROOT_DIR, 'bin', 'run-ts.js'), join(BENCH_DIR, 'servers', 'hash-raw.ts'), JSON.stringify({ algorithm, durationS, concurrency })], childEnv(), (durationS + 60) * 1000);
      const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ok: number; seconds: number; rps: number };
      return { ok: r.ok, non2xx: 0, errors: 0, timeouts: 0, seconds: r.seconds, rps: r.rps, p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN, rssMb: Number.NaN, statusCodes: {} };
    },
  };
}

export async function w3(ctx: Ctx): Promise<Row[]> {
  const c = signInConnections(ctx);
  const skip = ctx.palisadeSkip ?? missingRoutes(ctx.palisadeRoutes, ['POST /v1/auth/sign-in']);
  const bodies = signInBodies(ctx.users);
  const ours = 'Palisade POST /v1/auth/sign-in';
  const targets: Target[] = [];
  if (!skip && ctx.palisade) {
    const origin = ctx.palisade.url;
    targets.push(httpTarget(ours, ctx.palisade, bodies.map((body) => ({ method: 'POST', path: '/v1/auth/sign-in', headers: { 'content-type': 'application/json', origin }, body })), c));
  }
  targets.push(rawHashTarget('raw argon2id verify (m=19456 KiB, t=2, p=1)', c));
  const ba = ctx.betterAuth;
  if (ba) targets.push(httpTarget('(b) Better Auth sign-in/email', ba.server, bodies.map((body) => ({ method: 'POST', path: '/api/auth/sign-in/email', headers: { 'content-type': 'application/json', origin: ba.origin }, body })), c));
  const m = await compare(targets, ctx.plan, ctx.log);
  const o = m.find((x) => x.label === ours) ?? null;
  const raw = m.find((x) => x.label.startsWith('raw')) ?? null;
  const b = m.find((x) => x.label.startsWith('(b)')) ?? null;
  const unit = 'sign-ins/s';
  const rows: Row[] = [];
  for (const [workload, base, goal, baseSkip] of [
    ['W3 sign-in vs raw argon2id', raw, GOAL_RAW, null],
    ['W3 sign-in vs Better Auth sign-in', b, GOAL_BA, ctx.betterAuthSkip],
  ] as const) {
    if (!base) rows.push(skippedRow(workload, unit, baseSkip ?? 'baseline not available', goal, { ours, baseline: null }));
    else if (!o) rows.push(skippedRow(workload, unit, skip ?? 'Palisade not available', goal, { ours, baseline: base.label }, base));
    else rows.push(makeRow({ workload, unit, ours: o, baseline: base, goal }, !ctx.smoke));
  }
  return rows;
}
