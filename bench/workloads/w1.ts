/* W1 authorized read: a signed-in member lists the members of the active organisation
   (session verified, permission checked, RLS transaction, audit record appended), against
   (a) bare Fastify + postgres.js doing the same SELECT in an RLS transaction, and (b) Better
   Auth's organization plugin (list-members, get-active-member) with a session cookie. Also
   two calibration figures (full runs only): bare Fastify with no database, Better Auth
   get-session. And the server RSS target under W1 load. */
import type { Ctx } from '../lib/context.js';
import { compare, httpTarget, type Measured, type Target } from '../lib/measure.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';
import { missingRoutes, signInPalisade } from '../lib/palisade.js';
import postgres from 'postgres';

async function auditCount(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [r] = await sql<{ n: number }[]>`select count(*)::int as n from audit_events`;
    return r?.n ?? 0;
  } finally {
    await sql.end();
  }
}

export const W1_ROUTES = ['POST /v1/auth/sign-in', 'PUT /v1/me/active-org', 'GET /v1/org/members'];
const GOAL_A: Goal = { on: 'ratio', min: 0.6, text: '≥ 0.6× (a)' };
const GOAL_BA: Goal = { on: 'ratio', min: 4, text: '≥ 4× Better Auth' };
const GOAL_RSS: Goal = { on: 'ours', max: 250, text: '≤ 250 MB' };

export async function w1(ctx: Ctx): Promise<Row[]> {
  const c = ctx.plan.connections;
  const skip = ctx.palisadeSkip ?? missingRoutes(ctx.palisadeRoutes, W1_ROUTES);
  const targets: Target[] = [];
  let palisadeLabel: string | null = null;
  if (!skip && ctx.palisade) {
    const s = await signInPalisade(ctx.palisade, ctx.users[0]!, ctx.template.orgId);
    palisadeLabel = 'Palisade GET /v1/org/members (cookie)';
    targets.push(httpTarget(palisadeLabel, ctx.palisade, [{ method: 'GET', path: '/v1/org/members', headers: { cookie: s.cookie } }], c));
  }
  targets.push(httpTarget('(a) Fastify+postgres.js RLS tx', ctx.rawRls, [{ method: 'GET', path: '/members' }], c));
  const ba = ctx.betterAuth;
  if (ba) {
    targets.push(httpTarget('(b) Better Auth list-members', ba.server, [{ method: 'GET', path: '/api/auth/organization/list-members', headers: { cookie: ba.cookie } }], c));
    targets.push(httpTarget('(b) Better Auth get-active-member', ba.server, [{ method: 'GET', path: '/api/auth/organization/get-active-member', headers: { cookie: ba.cookie } }], c));
  }
  if (!ctx.smoke) {
    targets.push(httpTarget('ref: bare Fastify, no DB', ctx.rawRls, [{ method: 'GET', path: '/hello' }], c));
    if (ba) targets.push(httpTarget('ref: Better Auth get-session', ba.server, [{ method: 'GET', path: '/api/auth/get-session', headers: { cookie: ba.cookie } }], c));
  }
  const before = await auditCount(ctx.palisadeDbUrl);
  const m = await compare(targets, ctx.plan, ctx.log);
  const after = await auditCount(ctx.palisadeDbUrl);
  const by = (label: string): Measured | null => m.find((x) => x.label === label) ?? null;
  const ours = palisadeLabel ? by(palisadeLabel) : null;
  const a = by('(a) Fastify+postgres.js RLS tx');
  const baList = by('(b) Better Auth list-members');
  const baActive = by('(b) Better Auth get-active-member');
  const rows: Row[] = [];
  const unit = 'req/s';
  const row = (workload: string, base: Measured | null, baseLabel: string, goal: Goal, baSkip?: string | null) => {
    if (!base) return skippedRow(workload, unit, baSkip ?? 'baseline not available', goal, { ours: palisadeLabel ?? 'Palisade', baseline: baseLabel });
    if (!ours) return skippedRow(workload, unit, skip ?? 'Palisade not available', goal, { ours: 'Palisade GET /v1/org/members', baseline: base.label }, base);
    return makeRow({ workload, unit, ours, baseline: base, goal }, !ctx.smoke);
  };
  const first = row('W1 members list vs (a) raw RLS', a, '(a)', GOAL_A);
  if (ours) {
    // What the server actually did per request: the W1 appends one audit record.
    const served = ours.rounds.reduce((n, r) => n + r.ok, 0);
    const warm = ctx.plan.warmupS > 0 ? ' (warm-up requests included in the count)' : '';
    first.note = `audit records appended during W1: ${after - before} for ${served} measured 2xx responses${warm}`;
  }
  rows.push(first);
  rows.push(row('W1 members list vs Better Auth list-members', baList, '(b) Better Auth list-members', GOAL_BA, ctx.betterAuthSkip));
  rows.push(row('W1 members list vs Better Auth get-active-member', baActive, '(b) Better Auth get-active-member', GOAL_BA, ctx.betterAuthSkip));
  if (ours) rows.push(makeRow({ workload: 'RSS under W1 load', unit: 'MB', ours: { label: ours.label, value: ours.rssMb, rssMb: ours.rssMb, rounds: ours.rounds.length }, baseline: a ? { label: a.label, value: a.rssMb, rssMb: a.rssMb } : null, goal: GOAL_RSS }, !ctx.smoke));
  else rows.push(skippedRow('RSS under W1 load', 'MB', skip ?? 'Palisade not available', GOAL_RSS, { ours: 'Palisade', baseline: null }));
  for (const ref of ['ref: bare Fastify, no DB', 'ref: Better Auth get-session']) {
    const r = by(ref);
    if (r) rows.push(makeRow({ workload: ref, unit, ours: r, baseline: null, goal: null }, false));
  }
  return rows;
}
