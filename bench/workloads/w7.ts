/* W7 scale: W1 on a database seeded with 10,000 organisations, 100,000 users and 1,000,000
   audit records (bench/seed.ts, COPY) against W1 on an almost empty database. Both are fresh
   clones of the same template (the bench org and its accounts), each served by its own
   Palisade process started for this workload only, so earlier workloads' audit records do
   not count as "small". Rounds interleave the two. */
import { join } from 'node:path';
import type { Ctx } from '../lib/context.js';
import { compare, httpTarget } from '../lib/measure.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';
import { createDatabase } from '../lib/pg.js';
import { missingRoutes, signInPalisade, startPalisade } from '../lib/palisade.js';
import type { Server } from '../lib/proc.js';
import { FULL_SEED, seedScale } from '../seed.js';
import { W1_ROUTES } from './w1.js';

const GOAL: Goal = { on: 'ratio', min: 0.9, text: '≥ 0.9× small DB' };
const SMOKE_SEED = { orgs: 100, users: 1_000, audit: 10_000 };

export async function w7(ctx: Ctx): Promise<Row[]> {
  const seed = ctx.smoke ? SMOKE_SEED : FULL_SEED;
  const workload = `W7 W1 at scale (${seed.orgs.toLocaleString('en-US')} orgs, ${seed.users.toLocaleString('en-US')} users, ${seed.audit.toLocaleString('en-US')} audit) vs small DB`;
  const skip = ctx.palisadeSkip ?? missingRoutes(ctx.palisadeRoutes, W1_ROUTES);
  if (skip) return [skippedRow(workload, 'req/s', skip, GOAL, { ours: 'W1 on seeded DB', baseline: 'W1 on small DB' })];
  const smallUrl = await createDatabase(ctx.superUrl, 'palisade_small', 'palisade_tpl');
  const bigUrl = await createDatabase(ctx.superUrl, 'palisade_big', 'palisade_tpl');
  const t = await seedScale(bigUrl, { ...seed, log: ctx.log });
  ctx.log(`  seeding took ${(t.totalMs / 1000).toFixed(1)} s`);
  const servers: Server[] = [];
  try {
    const small = await startPalisade({ name: 'palisade-small', databaseUrl: smallUrl, dataDir: join(ctx.tmp, 'data-small'), logFile: join(ctx.tmp, 'palisade-small.log') });
    servers.push(small);
    const big = await startPalisade({ name: 'palisade-big', databaseUrl: bigUrl, dataDir: join(ctx.tmp, 'data-big'), logFile: join(ctx.tmp, 'palisade-big.log') });
    servers.push(big);
    const user = ctx.users[0]!;
    const sSmall = await signInPalisade(small, user, ctx.template.orgId);
    const sBig = await signInPalisade(big, user, ctx.template.orgId);
    const c = ctx.plan.connections;
    const [b, s] = await compare([
      httpTarget('W1 on seeded DB', big, [{ method: 'GET', path: '/v1/org/members', headers: { cookie: sBig.cookie } }], c),
      httpTarget('W1 on small DB', small, [{ method: 'GET', path: '/v1/org/members', headers: { cookie: sSmall.cookie } }], c),
    ], ctx.plan, ctx.log);
    if (!b || !s) throw new Error('W7: missing measurement');
    return [makeRow({ workload, unit: 'req/s', ours: b, baseline: s, goal: GOAL }, !ctx.smoke)];
  } finally {
    for (const srv of servers) await srv.stop();
  }
}
