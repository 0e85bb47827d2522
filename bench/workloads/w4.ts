/* W4 isolation under a sign-in storm: W1's p99 while a second load generator process keeps 8
   connections signing in (argon2id on the thread pool), against W1's p99 alone, rounds
   interleaved. If hashing blocked the event loop, W1's p99 would grow by the hash time. */
import type { Ctx } from '../lib/context.js';
import { signInBodies } from '../lib/context.js';
import { runLoad, type LoadResult } from '../lib/load.js';
import { compare, type Target } from '../lib/measure.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';
import { missingRoutes, signInPalisade } from '../lib/palisade.js';
import { W1_ROUTES } from './w1.js';

const GOAL: Goal = { on: 'ratio', max: 2, text: '≤ 2× alone' };
const STORM_CONNECTIONS = 8;

export async function w4(ctx: Ctx): Promise<Row[]> {
  const workload = 'W4 W1 p99 under sign-in storm';
  const skip = ctx.palisadeSkip ?? missingRoutes(ctx.palisadeRoutes, W1_ROUTES);
  if (skip || !ctx.palisade) return [skippedRow(workload, 'ms (p99)', skip ?? 'Palisade not available', GOAL, { ours: 'W1 during storm', baseline: 'W1 alone' })];
  const server = ctx.palisade;
  const s = await signInPalisade(server, ctx.users[0]!, ctx.template.orgId);
  const w1Spec = (durationS: number) => ({
    url: server.url,
    connections: ctx.plan.connections,
    durationS,
    requests: [{ method: 'GET' as const, path: '/v1/org/members', headers: { cookie: s.cookie } }],
  });
  const storm = signInBodies(ctx.users).map((body) => ({ method: 'POST' as const, path: '/v1/auth/sign-in', headers: { 'content-type': 'application/json', origin: server.url }, body }));
  const stormRates: number[] = [];
  const alone: Target = { label: 'W1 alone', run: (d) => runLoad(w1Spec(d), server.pid) };
  const during: Target = {
    label: 'W1 during 8-connection sign-in storm',
    run: async (d): Promise<LoadResult> => {
      // The storm starts first and outlasts the W1 run, so every W1 request meets it.
      const stormRun = runLoad({ url: server.url, connections: STORM_CONNECTIONS, durationS: d + 2, requests: storm });
      await new Promise((r) => setTimeout(r, 1000));
      const r = await runLoad(w1Spec(d), server.pid);
      const st = await stormRun;
      stormRates.push(st.rps);
      ctx.log(`    storm: ${st.rps.toFixed(1)} sign-ins/s (non2xx ${st.non2xx}, errors ${st.errors})`);
      return r;
    },
  };
  const [a, b] = await compare([alone, during], ctx.plan, ctx.log);
  if (!a || !b) throw new Error('W4: missing measurement');
  const row = makeRow({ workload, unit: 'ms (p99)', ours: b, baseline: a, metric: 'p99Ms', goal: GOAL }, !ctx.smoke);
  return [row];
}
