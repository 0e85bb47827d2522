/* W4 isolation under a sign-in storm: W1's p99 while a second load generator process keeps 8
   connections signing in (argon2id on the thread pool), against W1's p99 alone, rounds
   interleaved. If hashing blocked the event loop, W1's p99 would grow by the hash time. */
import type { Ctx } from '../lib/context.js';
import { signInBodies } from '../lib/context.js';
import { runLoad, type LoadResult, type LoadSpec } from '../lib/load.js';
import type { Server } from '../lib/proc.js';
import type { BenchUser } from '../lib/users.js';
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
  const alone: Target = { label: 'W1 alone', run: (d) => runLoad(w1Spec(server, s.cookie, ctx.plan.connections, d), server.pid) };
  const during = stormTarget('W1 during 8-connection sign-in storm', server, s.cookie, ctx.users, ctx.plan.connections, ctx.log);
  const [a, b] = await compare([alone, during], ctx.plan, ctx.log);
  if (!a || !b) throw new Error('W4: missing measurement');
  const row = makeRow({ workload, unit: 'ms (p99)', ours: b, baseline: a, metric: 'p99Ms', goal: GOAL }, !ctx.smoke);
  return [row];
}

function w1Spec(server: Server, cookie: string, connections: number, durationS: number): LoadSpec {
  return { url: server.url, connections, durationS, requests: [{ method: 'GET' as const, path: '/v1/org/members', headers: { cookie } }] };
}

/** W1 measured while a second load generator keeps STORM_CONNECTIONS connections signing in;
    also used by bench/ab.ts to compare two builds under the same storm. */
export function stormTarget(label: string, server: Server, cookie: string, users: BenchUser[], connections: number, log: (m: string) => void): Target {
  const storm = signInBodies(users).map((body) => ({ method: 'POST' as const, path: '/v1/auth/sign-in', headers: { 'content-type': 'application/json', origin: server.url }, body }));
  return {
    label,
    run: async (d): Promise<LoadResult> => {
      // The storm starts first and outlasts the W1 run, so every W1 request meets it.
      const stormRun = runLoad({ url: server.url, connections: STORM_CONNECTIONS, durationS: d + 2, requests: storm });
      await new Promise((r) => setTimeout(r, 1000));
      const r = await runLoad(w1Spec(server, cookie, connections, d), server.pid);
      const st = await stormRun;
      log(`    storm: ${st.rps.toFixed(1)} sign-ins/s (non2xx ${st.non2xx}, errors ${st.errors})`);
      return r;
    },
  };
}
