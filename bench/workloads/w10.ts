/* W10 webhooks (issue 16).
   Inbound: verified + inboxed Stripe events per second through POST /v1/inbound/stripe (Stripe's
   constructEvent over the raw body, the event id claimed in stripe_inbox, its audit record, one
   transaction) against a bare verify-and-insert server (bench/servers/stripe-raw.ts: the same
   constructEvent, one INSERT, same database). Autocannon replays fixed requests, so the load
   generator is bench/servers/flow-driver.ts: every event has a unique id and its own signature,
   pre-generated per round before the clock starts (invoice.paid events, ~1 KB: the inbox's
   common path, recorded and audited; subscription events also change a plan). */
import { join } from 'node:path';
import postgres from 'postgres';
import type { Ctx } from '../lib/context.js';
import { childEnv, ROOT_DIR } from '../lib/env.js';
import { flowTarget } from '../lib/flow.js';
import { compare, type Target } from '../lib/measure.js';
import { BENCH_STRIPE_SECRET, missingRoutes } from '../lib/palisade.js';
import { spawnServer } from '../lib/proc.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';

const GOAL_IN: Goal = { on: 'ratio', min: 0.5, text: '≥ 0.5× bare verify+insert' };

async function inbound(ctx: Ctx): Promise<Row[]> {
  const skip = ctx.palisadeSkip ?? missingRoutes(ctx.palisadeRoutes, ['POST /v1/inbound/stripe']);
  const workload = 'W10 inbound Stripe events vs bare verify+insert';
  const unit = 'events/s';
  const ours = 'Palisade POST /v1/inbound/stripe (verified, inboxed, audited)';
  const raw = await spawnServer({
    name: 'stripe-raw',
    command: process.execPath,
    args: [join(ROOT_DIR, 'bin', 'run-ts.js'), join(ROOT_DIR, 'bench', 'servers', 'stripe-raw.ts')],
    env: childEnv({ DATABASE_URL: ctx.palisadeDbUrl, STRIPE_SECRET: BENCH_STRIPE_SECRET, POOL_MAX: '10', PORT: '0' }),
    ready: (line) => {
      const m = /^LISTENING (.*)$/.exec(line);
      return m ? { port: (JSON.parse(m[1] ?? '{}') as { port: number }).port } : null;
    },
    logFile: join(ctx.tmp, 'stripe-raw.log'),
  });
  try {
    const c = ctx.plan.connections;
    let run = 0;
    // Ids unique across rounds and sides: a prefix per run.
    const spec = (url: string, path: string) => () => ({ kind: 'stripe', url, path, secret: BENCH_STRIPE_SECRET, concurrency: c, prefix: `r${++run}x` });
    const targets: Target[] = [];
    if (!skip && ctx.palisade) targets.push(flowTarget(ours, ctx.palisade.pid, spec(ctx.palisade.url, '/v1/inbound/stripe')));
    targets.push(flowTarget('bare constructEvent + INSERT (Fastify, postgres.js)', raw.pid, spec(raw.url, '/stripe')));
    const m = await compare(targets, ctx.plan, ctx.log);
    const o = m.find((x) => x.label === ours) ?? null;
    const b = m.find((x) => x.label !== ours) ?? null;
    if (!b) return [skippedRow(workload, unit, 'baseline not available', GOAL_IN, { ours, baseline: null })];
    if (!o) return [skippedRow(workload, unit, skip ?? 'Palisade not available', GOAL_IN, { ours, baseline: b.label }, b)];
    const row = makeRow({ workload, unit, ours: o, baseline: b, goal: GOAL_IN }, !ctx.smoke);
    // What the figure stands for: every accepted event is one inbox row.
    const sql = postgres(ctx.palisadeDbUrl, { max: 1, onnotice: () => {} });
    try {
      const [n] = await sql<{ n: number }[]>`select count(*)::int as n from stripe_inbox`;
      const accepted = o.rounds.reduce((a, r) => a + r.ok, 0);
      row.note = `${n?.n ?? 0} inbox rows for ${accepted} events answered 200 in the measured rounds (warm-up included in the rows)`;
    } finally {
      await sql.end();
    }
    return [row];
  } finally {
    await raw.stop();
  }
}

export async function w10(ctx: Ctx): Promise<Row[]> {
  return [...(await inbound(ctx))];
}
