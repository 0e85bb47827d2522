/* Plans and entitlements are operator configuration (issue 12, RBAC-3): PALISADE_PLANS says
   which plans exist and what each entitles, PALISADE_DEFAULT_PLAN which plan a new organisation
   gets; setPlanInTx() is the one function that changes a plan (the super-admin's route and the
   billing handler call it). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { withOrg, withSystem } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { newId, type OrgId } from '../lib/ids.js';
import { createAuthz, type Authz } from './index.js';
import { makeMember, makeOrg, makeUser } from './testing.js';

let t: TestDb;
let authz: Authz;
const clock = fixedClock('2026-03-01T12:00:00Z');
// An embedding product's own plans: nothing like the defaults.
const plans = { basic: [], pro: ['custom_roles'], scale: ['custom_roles', 'resource_roles', 'policy_toggles'] } as const;

beforeAll(async () => {
  t = await createTestDb();
  authz = createAuthz({ db: t.db, clock, config: { keyUsageFlushMs: 3_600_000, plans, defaultPlan: 'pro' } });
  await authz.service.applyPlanConfig();
});
afterAll(async () => {
  await authz.stop();
  await t.drop();
});

async function planOf(orgId: string): Promise<string | undefined> {
  const [row] = await asSuperuser(t.ownerUrl, (sql) => sql<{ plan: string }[]>`select plan from orgs where id = ${orgId}`);
  return row?.plan;
}

describe('plans as operator configuration', () => {
  it('RBAC-3: PALISADE_PLANS and PALISADE_DEFAULT_PLAN are validated at start-up; today\'s three plans are the default', () => {
    const c = loadConfig({});
    expect(c.PALISADE_PLANS).toEqual({ free: [], team: ['custom_roles', 'resource_roles'], enterprise: ['custom_roles', 'resource_roles', 'policy_toggles'] });
    expect(c.PALISADE_DEFAULT_PLAN).toBe('team');
    const own = loadConfig({ PALISADE_PLANS: JSON.stringify(plans), PALISADE_DEFAULT_PLAN: 'basic' });
    expect(own.PALISADE_PLANS).toEqual(plans);
    const problems = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (e) {
        if (e instanceof ConfigError) return e.problems.join('\n');
        throw e;
      }
      return '';
    };
    expect(problems({ PALISADE_PLANS: '{"pro": ["sso_everything"]}', PALISADE_DEFAULT_PLAN: 'pro' })).toMatch(/^PALISADE_PLANS: .*features are custom_roles, resource_roles, policy_toggles/m);
    expect(problems({ PALISADE_PLANS: 'not json' })).toMatch(/^PALISADE_PLANS: not valid JSON/m);
    expect(problems({ PALISADE_PLANS: '{"Bad Name": []}' })).toMatch(/^PALISADE_PLANS: .*plan names/m);
    expect(problems({ PALISADE_PLANS: '{}' })).toMatch(/^PALISADE_PLANS: at least one plan/m);
    expect(problems({ PALISADE_PLANS: '["free"]' })).toMatch(/^PALISADE_PLANS:/m);
    expect(problems({ PALISADE_PLANS: JSON.stringify(plans) })).toMatch(/^PALISADE_DEFAULT_PLAN: "team" is not a plan of PALISADE_PLANS \(basic, pro, scale\)/m);
  });

  it('RBAC-3: an organisation made on the request path gets the configured default plan, and cannot name another', async () => {
    const id = newId('org') as OrgId;
    const actor = { type: 'user' as const, id: 'usr_x' };
    await withOrg(t.db, id, actor, (tx) => tx.sql`insert into orgs (id, name) values (${id}, 'Fresh')`);
    expect(await planOf(id)).toBe('pro');
    const other = newId('org') as OrgId;
    await expect(withOrg(t.db, other, actor, (tx) => tx.sql`insert into orgs (id, name, plan) values (${other}, 'Greedy', 'scale')`)).rejects.toMatchObject({ code: '42501' });
    await expect(withOrg(t.db, id, actor, (tx) => tx.sql`update orgs set plan = 'scale' where id = ${id}`)).rejects.toMatchObject({ code: '42501' });
    // The default follows the configuration at the next start.
    const again = createAuthz({ db: t.db, clock, config: { keyUsageFlushMs: 3_600_000, plans, defaultPlan: 'basic' } });
    try {
      await again.service.applyPlanConfig();
      const third = newId('org') as OrgId;
      await withOrg(t.db, third, actor, (tx) => tx.sql`insert into orgs (id, name) values (${third}, 'Later')`);
      expect(await planOf(third)).toBe('basic');
    } finally {
      await again.stop();
      await authz.service.applyPlanConfig();
    }
  });

  it('RBAC-3: a configured plan entitles exactly its features; a plan the configuration does not list entitles nothing', async () => {
    const org = await makeOrg(t.db, { plan: 'pro' });
    const admin = await makeMember(t.db, org, ['admin']);
    expect(await authz.authorize(admin, 'roles:write', undefined)).toEqual({ allowed: true });
    expect(await authz.authorize(admin, 'policies:write', undefined)).toMatchObject({ allowed: false, layer: 'plan', entitlement: { feature: 'policy_toggles', plan: 'pro' } });
    // Left over from an earlier configuration (`team` is not one of this product's plans).
    const stale = await makeOrg(t.db, { plan: 'team' });
    const staleAdmin = await makeMember(t.db, stale, ['admin']);
    expect(await authz.authorize(staleAdmin, 'roles:write', undefined)).toMatchObject({ allowed: false, layer: 'plan', entitlement: { feature: 'custom_roles', plan: 'team' } });
    expect(await authz.authorize(staleAdmin, 'members:write', undefined)).toEqual({ allowed: true });
    expect(await authz.service.applyPlanConfig()).toEqual(expect.arrayContaining([{ plan: 'team', count: 1 }]));
  });

  it('RBAC-3: setPlanInTx changes a plan in the caller\'s platform transaction, audited there; a rollback undoes both; unlisted plans are refused', async () => {
    const org = await makeOrg(t.db, { plan: 'basic' });
    const admin = await makeMember(t.db, org, ['admin']);
    const stripe = { type: 'system' as const, id: 'stripe' };
    // The billing handler's transaction fails after the change: nothing of it remains.
    await expect(withSystem(t.db, async (tx) => {
      await authz.service.setPlanInTx(tx, org, 'scale', stripe, { stripeEventId: 'evt_1' });
      throw new Error('the handler failed later');
    })).rejects.toThrow('the handler failed later');
    expect(await planOf(org)).toBe('basic');
    const r = await withSystem(t.db, (tx) => authz.service.setPlanInTx(tx, org, 'scale', stripe, { stripeEventId: 'evt_2' }));
    expect(r).toEqual({ previous: 'basic' });
    const rows = await asSuperuser(t.ownerUrl, (sql) => sql`select actor_type, actor_id, metadata from audit_events where org_id = ${org} and action = 'org.plan_changed' order by seq`);
    expect(rows).toEqual([{ actor_type: 'system', actor_id: 'stripe', metadata: { stripeEventId: 'evt_2', from: 'basic', to: 'scale' } }]);
    expect(authz.service.isPlan('scale')).toBe(true);
    expect(authz.service.isPlan('enterprise')).toBe(false);
    await expect(withSystem(t.db, (tx) => authz.service.setPlanInTx(tx, org, 'enterprise', stripe))).rejects.toMatchObject({ code: 'unknown_plan', status: 400 });
    expect(await withSystem(t.db, (tx) => authz.service.setPlanInTx(tx, 'org_missing', 'pro', stripe))).toBeNull();
    // Effective for the next decision (the change's notification reaches every node's cache).
    expect(await authz.authorize(admin, 'policies:write', undefined)).toEqual({ allowed: true });
    // The super-admin's route goes through the same function.
    const sa = { kind: 'user' as const, userId: await makeUser(t.db), sessionId: 'ses_x', orgId: null, superAdmin: true };
    expect(await authz.service.setPlan(sa, org, 'pro')).toEqual({ orgId: org, plan: 'pro', previous: 'scale' });
    await expect(authz.service.setPlan(sa, org, 'platinum')).rejects.toMatchObject({ code: 'unknown_plan' });
  });
});
