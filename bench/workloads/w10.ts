/* W10 webhooks (issue 16).
   Inbound: verified + inboxed Stripe events per second through POST /v1/inbound/stripe (Stripe's
   constructEvent over the raw body, the event id claimed in stripe_inbox, its audit record, one
   transaction) against a bare verify-and-insert server (bench/servers/stripe-raw.ts: the same
   constructEvent, one INSERT, same database). Autocannon replays fixed requests, so the load
   generator is bench/servers/flow-driver.ts: every event has a unique id and its own signature,
   pre-generated per round before the clock starts (invoice.paid events, ~1 KB: the inbox's
   common path, recorded and audited; subscription events also change a plan).
   Outbound and the cost of signing: below. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';
import { Webhook } from 'standardwebhooks';
import { newSecret, sign } from '../../src/webhooks/outbound.js';
import type { Ctx } from '../lib/context.js';
import { childEnv, ROOT_DIR } from '../lib/env.js';
import { flowTarget } from '../lib/flow.js';
import { compare, median, type Target } from '../lib/measure.js';
import { BENCH_STRIPE_SECRET, expectOk, missingRoutes, signInPalisade } from '../lib/palisade.js';
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

/* Outbound: deliveries per second to a receiver on loopback. An endpoint subscribed to
   audit.org.updated; a burst of audited renames (PATCH /v1/org); each sealed record is bridged
   into a delivery (webhooks.audit_events), and each delivery is a job (webhooks.deliver) that
   reads the delivery and unseals the endpoint secret, signs, POSTs through the SSRF guard, and
   records the attempt. The receiver verifies every signature with the standardwebhooks library.
   Figure: deliveries received per second between the first and the last, at the shipped job
   concurrency (PALISADE_JOBS_CONCURRENCY, default 2); and end to end, from the burst's start
   to the last delivery. */
async function outbound(ctx: Ctx): Promise<Row[]> {
  const workload = 'W10 outbound webhook deliveries to a loopback receiver';
  const unit = 'deliveries/s';
  const ours = 'Palisade audit → signed delivery (Standard Webhooks)';
  const skip = ctx.palisadeSkip ?? missingRoutes(ctx.palisadeRoutes, ['POST /v1/org/webhooks', 'PATCH /v1/org']);
  if (skip || !ctx.palisade) return [skippedRow(workload, unit, skip ?? 'Palisade not available', null, { ours, baseline: null })];
  const server = ctx.palisade;
  const s = await signInPalisade(server, ctx.users[0]!, ctx.template.orgId);
  const h = { 'content-type': 'application/json', origin: s.origin, cookie: s.cookie, 'x-csrf-token': s.csrfToken };
  const arrivals: number[] = [];
  let verified = 0;
  let refused = 0;
  let hook: Webhook | null = null;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrivals.push(performance.now());
      try {
        hook?.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        verified++;
      } catch {
        refused++;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as AddressInfo).port;
  const owner = postgres(ctx.palisadeDbUrl, { max: 1, onnotice: () => {} });
  try {
    const created = (await expectOk(server, '/v1/org/webhooks', h, { method: 'POST', body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook`, eventTypes: ['audit.org.updated'] }) })) as { endpoint: { id: string }; secret: string };
    hook = new Webhook(created.secret);
    const n = ctx.smoke ? 40 : 1000;
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 10 }, async () => {
      for (let i = next++; i < n; i = next++) await expectOk(server, '/v1/org', h, { method: 'PATCH', body: JSON.stringify({ name: `Bench Org ${i}` }) });
    }));
    const burstS = (performance.now() - t0) / 1000;
    const limit = Date.now() + (ctx.smoke ? 60_000 : 180_000);
    let state = { pending: -1, succeeded: 0, failed: 0 };
    while (Date.now() < limit) {
      const [r] = await owner<{ pending: number; succeeded: number; failed: number }[]>`
        select count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'succeeded')::int as succeeded,
               count(*) filter (where status = 'failed')::int as failed
          from webhook_deliveries where endpoint_id = ${created.endpoint.id}`;
      state = r ?? state;
      if (state.pending === 0 && state.succeeded + state.failed >= n) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    const first = arrivals[0];
    const last = arrivals.at(-1);
    if (first === undefined || last === undefined || arrivals.length < 2) {
      return [skippedRow(workload, unit, `failed: ${arrivals.length} deliveries arrived (${JSON.stringify(state)})`, null, { ours, baseline: null })];
    }
    const rate = (arrivals.length - 1) / ((last - first) / 1000);
    const endToEnd = (last - t0) / 1000;
    const lat = arrivals.map((a, i) => a - (arrivals[i - 1] ?? a)).sort((a, b) => a - b);
    const row = makeRow({ workload, unit, ours: { label: ours, value: rate, p50Ms: lat[Math.floor(lat.length / 2)] ?? Number.NaN, rounds: 1 }, baseline: null, goal: null }, !ctx.smoke);
    row.note = `${arrivals.length} deliveries for ${n} audited renames (burst ${burstS.toFixed(1)} s), last one ${endToEnd.toFixed(1)} s after the burst began; signatures verified by the receiver: ${verified}, refused: ${refused}; ${state.pending} pending, ${state.failed} failed at the end; job concurrency at its default (PALISADE_JOBS_CONCURRENCY=2); p50 column: median gap between arrivals`;
    if (refused > 0 || state.failed > 0 || arrivals.length < n) row.problem = `${refused} signatures refused, ${state.failed} failed, ${arrivals.length}/${n} delivered`;
    return [row];
  } finally {
    await owner.end();
    await new Promise((r) => receiver.close(() => r(undefined)));
  }
}

/* The added latency of signing one delivery (Palisade's sign(): HMAC-SHA256 over
   "<id>.<timestamp>.<body>" under the endpoint secret, base64), in-process, against the same
   delivery's unsigned preparation (JSON.stringify of the payload): µs per delivery. */
function signingLatency(ctx: Ctx): Row {
  const secret = newSecret();
  const payload = { type: 'audit.org.updated', timestamp: new Date().toISOString(), data: { id: 'aud_benchbenchbenchbenchbenchbench', action: 'org.updated', occurredAt: new Date().toISOString(), actor: { type: 'user', id: 'usr_benchbenchbenchbenchbenchbench' }, target: { type: 'org', id: 'org_benchbenchbenchbenchbenchbench' }, outcome: 'allowed' } };
  const ts = Math.floor(Date.now() / 1000);
  const per = (fn: () => void): number => {
    const loops = ctx.smoke ? 2_000 : 50_000;
    for (let i = 0; i < loops / 10; i++) fn(); // warm-up
    const rounds: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      for (let i = 0; i < loops; i++) fn();
      rounds.push(((performance.now() - t) * 1000) / loops);
    }
    return median(rounds);
  };
  let sink = 0;
  const unsigned = per(() => { sink += JSON.stringify(payload).length; });
  const signed = per(() => { const body = JSON.stringify(payload); sink += sign(secret, 'msg_benchbenchbenchbenchbenchbench', ts, body).length; });
  if (sink === 0) throw new Error('unreachable');
  const row = makeRow({ workload: 'W10 outbound: body + signature vs body alone (per delivery)', unit: 'µs', ours: { label: 'JSON body + sign()', value: signed }, baseline: { label: 'JSON body, unsigned', value: unsigned }, goal: null }, !ctx.smoke);
  row.note = `signing adds ${(signed - unsigned).toFixed(1)} µs per delivery (in-process, median of 5 loops)`;
  return row;
}

export async function w10(ctx: Ctx): Promise<Row[]> {
  return [...(await inbound(ctx)), ...(await outbound(ctx)), signingLatency(ctx)];
}
