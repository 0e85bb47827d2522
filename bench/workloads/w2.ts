/* W2 API-key read: W1's request through a restricted API key (scope members:read only),
   against the same baselines. Better Auth's side stays its session-cookie list-members: its
   API-key plugin is a separate package, and the issue compares like for like on the read. */
import type { Ctx } from '../lib/context.js';
import { compare, httpTarget, type Target } from '../lib/measure.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';
import { expectOk, missingRoutes, signInPalisade } from '../lib/palisade.js';
import { W1_ROUTES } from './w1.js';

const GOAL_A: Goal = { on: 'ratio', min: 0.6, text: '≥ 0.6× (a)' };
const GOAL_BA: Goal = { on: 'ratio', min: 4, text: '≥ 4× Better Auth' };

export async function w2(ctx: Ctx): Promise<Row[]> {
  const c = ctx.plan.connections;
  const skip = ctx.palisadeSkip ?? missingRoutes(ctx.palisadeRoutes, [...W1_ROUTES, 'POST /v1/org/api-keys']);
  const ours = 'Palisade GET /v1/org/members (API key)';
  const targets: Target[] = [];
  if (!skip && ctx.palisade) {
    const s = await signInPalisade(ctx.palisade, ctx.users[0]!, ctx.template.orgId);
    const created = (await expectOk(ctx.palisade, '/v1/org/api-keys', { 'content-type': 'application/json', origin: s.origin, cookie: s.cookie, 'x-csrf-token': s.csrfToken }, {
      method: 'POST',
      body: JSON.stringify({ name: 'bench', scopes: ['members:read'] }),
    })) as { key?: string };
    if (!created.key) throw new Error('POST /v1/org/api-keys returned no key');
    targets.push(httpTarget(ours, ctx.palisade, [{ method: 'GET', path: '/v1/org/members', headers: { authorization: `Bearer ${created.key}` } }], c));
  }
  targets.push(httpTarget('(a) Fastify+postgres.js RLS tx', ctx.rawRls, [{ method: 'GET', path: '/members' }], c));
  const ba = ctx.betterAuth;
  if (ba) targets.push(httpTarget('(b) Better Auth list-members', ba.server, [{ method: 'GET', path: '/api/auth/organization/list-members', headers: { cookie: ba.cookie } }], c));
  const m = await compare(targets, ctx.plan, ctx.log);
  const o = m.find((x) => x.label === ours) ?? null;
  const a = m.find((x) => x.label.startsWith('(a)')) ?? null;
  const b = m.find((x) => x.label.startsWith('(b)')) ?? null;
  const unit = 'req/s';
  const rows: Row[] = [];
  for (const [workload, base, goal, baseSkip] of [
    ['W2 API-key read vs (a) raw RLS', a, GOAL_A, null],
    ['W2 API-key read vs Better Auth list-members', b, GOAL_BA, ctx.betterAuthSkip],
  ] as const) {
    if (!base) rows.push(skippedRow(workload, unit, baseSkip ?? 'baseline not available', goal, { ours, baseline: null }));
    else if (!o) rows.push(skippedRow(workload, unit, skip ?? 'Palisade not available', goal, { ours, baseline: base.label }, base));
    else rows.push(makeRow({ workload, unit, ours: o, baseline: base, goal }, !ctx.smoke));
  }
  return rows;
}
