import { DEFAULT_NEW_ORG_PLAN, DEFAULT_PLANS } from '../config/plans.js';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withOrg, withSystem } from '../db/index.js';
import { authHookPlugin } from '../http/auth-hook.js';
import { registerErrorHandling } from '../http/error-handler.js';
import { fixedClock } from '../lib/clock.js';
import type { OrgId } from '../lib/ids.js';
import { createAuthz, type Authz } from './index.js';
import { addMember, makeMember, makeOrg, makeUser, removeMember, setRoles, userPrincipal } from './testing.js';

let t: TestDb;
let authz: Authz;
const clock = fixedClock('2026-03-01T12:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
  authz = createAuthz({ db: t.db, clock, config: { keyUsageFlushMs: 3_600_000, plans: DEFAULT_PLANS, defaultPlan: DEFAULT_NEW_ORG_PLAN } });
});
afterAll(async () => {
  await authz.stop();
  await t.drop();
});

async function auditRows(orgId: string, action: string): Promise<Array<{ actor_id: string | null; outcome: string; deny_layer: string | null; target_id: string | null; metadata: Record<string, unknown> }>> {
  return asSuperuser(t.ownerUrl, (sql) => sql`
    select actor_id, outcome, deny_layer, target_id, metadata from audit_events where org_id = ${orgId} and action = ${action} order by seq`) as never;
}

describe('built-in roles and the admin guard rail', () => {
  it('RBAC-1: admin, operator and viewer decide as the catalog says, read from the membership on every request', async () => {
    const org = await makeOrg(t.db);
    const admin = await makeMember(t.db, org, ['admin']);
    const operator = await makeMember(t.db, org, ['operator']);
    const viewer = await makeMember(t.db, org, ['viewer']);
    expect(await authz.authorize(admin, 'members:write', undefined)).toEqual({ allowed: true });
    expect(await authz.authorize(operator, 'audit:read', undefined)).toEqual({ allowed: true });
    expect(await authz.authorize(operator, 'members:write', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
    expect(await authz.authorize(operator, 'api_keys:write', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
    expect(await authz.authorize(viewer, 'members:read', undefined)).toEqual({ allowed: true });
    expect(await authz.authorize(viewer, 'collections:write', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
    await setRoles(t.db, org, viewer.kind === 'user' ? viewer.userId : '', ['operator']);
    expect(await authz.authorize(viewer, 'collections:write', undefined)).toEqual({ allowed: true });
  });

  it('RBAC-1: removing a member takes effect on their next request', async () => {
    const org = await makeOrg(t.db);
    await makeMember(t.db, org, ['admin']);
    const m = await makeMember(t.db, org, ['operator']);
    expect(await authz.authorize(m, 'audit:read', undefined)).toEqual({ allowed: true });
    await removeMember(t.db, org, m.kind === 'user' ? m.userId : '');
    expect(await authz.authorize(m, 'audit:read', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
  });

  it('RBAC-1: an organisation always keeps at least one admin (demote or remove the last one fails)', async () => {
    const org = await makeOrg(t.db);
    const a = await makeMember(t.db, org, ['admin']);
    const uid = a.kind === 'user' ? a.userId : '';
    const demote = setRoles(t.db, org, uid, ['viewer']);
    await expect(demote).rejects.toMatchObject({ constraint_name: 'org_keeps_an_admin' });
    await demote.catch((e: unknown) => expect(authz.service.lastAdminError(e)).toMatchObject({ code: 'last_admin', status: 409 }));
    await expect(removeMember(t.db, org, uid)).rejects.toMatchObject({ constraint_name: 'org_keeps_an_admin' });
    // Through the request role too, under RLS.
    await expect(withOrg(t.db, org as OrgId, { type: 'user', id: uid }, (tx) => tx.sql`delete from memberships where org_id = ${org} and user_id = ${uid}`)).rejects.toMatchObject({ constraint_name: 'org_keeps_an_admin' });
    // With a second admin, one may go.
    const b = await makeMember(t.db, org, ['admin', 'viewer']);
    await setRoles(t.db, org, uid, ['viewer']);
    await expect(setRoles(t.db, org, b.kind === 'user' ? b.userId : '', ['viewer'])).rejects.toMatchObject({ constraint_name: 'org_keeps_an_admin' });
    // Deleting the organisation itself is not blocked by the guard.
    await withSystem(t.db, (tx) => tx.sql`delete from orgs where id = ${org}`);
  });

  it('RBAC-1: two admins demoting each other at the same moment cannot both succeed', async () => {
    for (let round = 0; round < 5; round++) {
      const org = await makeOrg(t.db);
      const a = await makeUser(t.db);
      const b = await makeUser(t.db);
      await addMember(t.db, org, a, ['admin']);
      await addMember(t.db, org, b, ['admin']);
      const results = await Promise.allSettled([
        withOrg(t.db, org as OrgId, { type: 'user', id: a }, (tx) => tx.sql`update memberships set roles = '{viewer}' where org_id = ${org} and user_id = ${b}`),
        withOrg(t.db, org as OrgId, { type: 'user', id: b }, (tx) => tx.sql`update memberships set roles = '{viewer}' where org_id = ${org} and user_id = ${a}`),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [row] = await withSystem(t.db, (tx) => tx.sql<{ n: number }[]>`select count(*)::int as n from memberships where org_id = ${org} and 'admin' = any (roles)`);
      expect(row?.n).toBe(1);
    }
  });
});

describe('custom roles', () => {
  it('RBAC-2: an admin creates a custom role from catalog permissions; a member holding it gets exactly those', async () => {
    const org = await makeOrg(t.db, { plan: 'team' });
    const admin = await makeMember(t.db, org, ['admin']);
    const role = await authz.service.createRole(admin, { name: 'Auditor', permissions: ['audit:read', 'members:read', 'audit:read'] });
    expect(role).toMatchObject({ name: 'Auditor', builtIn: false, permissions: ['members:read', 'audit:read'] });
    expect(role.id).toMatch(/^role_/);
    const m = await makeMember(t.db, org, [role.id]);
    expect(await authz.authorize(m, 'audit:read', undefined)).toEqual({ allowed: true });
    expect(await authz.authorize(m, 'org:read', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
    const updated = await authz.service.updateRole(admin, role.id, { permissions: ['org:read'] });
    expect(updated.permissions).toEqual(['org:read']);
    expect(await authz.authorize(m, 'audit:read', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
    expect(await authz.authorize(m, 'org:read', undefined)).toEqual({ allowed: true });
    const list = await authz.service.listRoles(admin);
    expect(list.map((r) => r.id)).toEqual(['admin', 'operator', 'viewer', role.id]);
  });

  it('RBAC-2: role changes are audited in the same transaction, with the permissions added and removed', async () => {
    const org = await makeOrg(t.db, { plan: 'team' });
    const admin = await makeMember(t.db, org, ['admin']);
    const role = await authz.service.createRole(admin, { name: 'Support', permissions: ['members:read'] });
    await authz.service.updateRole(admin, role.id, { permissions: ['members:read', 'audit:read'], name: 'Support L2' });
    await authz.service.deleteRole(admin, role.id);
    const uid = admin.kind === 'user' ? admin.userId : '';
    expect(await auditRows(org, 'role.created')).toEqual([expect.objectContaining({ actor_id: uid, target_id: role.id, metadata: { name: 'Support', permissions: ['members:read'] } })]);
    expect(await auditRows(org, 'role.updated')).toEqual([expect.objectContaining({ target_id: role.id, metadata: { added: ['audit:read'], removed: [], renamedFrom: 'Support', name: 'Support L2' } })]);
    expect(await auditRows(org, 'role.deleted')).toHaveLength(1);
    // A refused change leaves no record and no row.
    await expect(authz.service.createRole(admin, { name: 'Bad', permissions: ['platform:set_plan'] })).rejects.toMatchObject({ code: 'unknown_permission' });
    expect(await auditRows(org, 'role.created')).toHaveLength(1);
  });

  it('RBAC-2: nobody grants a permission they do not hold — in a role, an update, or a role assignment', async () => {
    const org = await makeOrg(t.db, { plan: 'team' });
    const admin = await makeMember(t.db, org, ['admin']);
    const roleManager = await authz.service.createRole(admin, { name: 'Role manager', permissions: ['roles:read', 'roles:write', 'members:read'] });
    const rm = await makeMember(t.db, org, [roleManager.id]);
    await expect(authz.service.createRole(rm, { name: 'Escalate', permissions: ['members:write'] })).rejects.toMatchObject({ code: 'permission_not_held', status: 403 });
    const mine = await authz.service.createRole(rm, { name: 'Readers', permissions: ['members:read'] });
    await expect(authz.service.updateRole(rm, mine.id, { permissions: ['members:read', 'api_keys:write'] })).rejects.toMatchObject({ code: 'permission_not_held' });
    // Editing its own role to add what it lacks is the same escalation.
    await expect(authz.service.updateRole(rm, roleManager.id, { permissions: ['roles:read', 'roles:write', 'members:read', 'members:write'] })).rejects.toMatchObject({ code: 'permission_not_held' });
    await withOrg(t.db, org as OrgId, { type: 'user', id: 'x' }, async (tx) => {
      await expect(authz.service.assertCanAssignRoles(tx, rm, ['admin'])).rejects.toMatchObject({ code: 'permission_not_held' });
      await expect(authz.service.assertCanAssignRoles(tx, rm, [mine.id])).resolves.toBeUndefined();
      await expect(authz.service.assertCanAssignRoles(tx, admin, ['admin', mine.id])).resolves.toBeUndefined();
    });
  });

  it('RBAC-2: nobody takes away or switches off a permission they do not hold — a member\'s roles, a removal, a role\'s permissions, a role\'s deletion, a toggle, a resource role (issue 11)', async () => {
    const org = await makeOrg(t.db, { plan: 'enterprise' });
    const admin = await makeMember(t.db, org, ['admin']);
    const otherAdmin = await makeMember(t.db, org, ['admin']);
    const uid = (p: typeof admin) => (p.kind === 'user' ? p.userId : '');
    const membersMgr = await authz.service.createRole(admin, { name: 'Members manager', permissions: ['members:read', 'members:write'] });
    const rolesMgr = await authz.service.createRole(admin, { name: 'Roles manager', permissions: ['roles:read', 'roles:write'] });
    const policyMgr = await authz.service.createRole(admin, { name: 'Policy manager', permissions: ['policies:read', 'policies:write'] });
    const strong = await authz.service.createRole(admin, { name: 'Strong', permissions: ['members:read', 'members:write'] });
    const mm = await makeMember(t.db, org, [membersMgr.id]);
    const rm = await makeMember(t.db, org, [rolesMgr.id]);
    const pm = await makeMember(t.db, org, [policyMgr.id]);
    const peer = await makeMember(t.db, org, [membersMgr.id]);
    const inTx = <T>(fn: (tx: Parameters<Parameters<typeof withOrg>[3]>[0]) => Promise<T>) => withOrg(t.db, org as OrgId, { type: 'user', id: 'x' }, fn);
    // Members: demoting or removing an admin needs every admin permission; a peer within the role is fine.
    await inTx(async (tx) => {
      await expect(authz.service.assertCanChangeMember(tx, mm, uid(otherAdmin), ['admin'], [membersMgr.id])).rejects.toMatchObject({ code: 'permission_not_held', status: 403 });
      await expect(authz.service.assertCanChangeMember(tx, mm, uid(otherAdmin), ['admin'], null)).rejects.toMatchObject({ code: 'permission_not_held' });
      await expect(authz.service.assertCanChangeMember(tx, mm, uid(peer), [membersMgr.id], null)).resolves.toBeUndefined();
      await expect(authz.service.assertCanChangeMember(tx, admin, uid(otherAdmin), ['admin'], ['viewer'])).resolves.toBeUndefined();
      await expect(authz.service.assertCanChangeMember(tx, admin, uid(otherAdmin), ['admin'], ['role_aaaaaaaaaaaaaaaaaaaaaaaaaa'])).rejects.toMatchObject({ code: 'unknown_role' });
    });
    // Roles: stripping or deleting what the editor does not hold is refused, and nothing changes.
    await expect(authz.service.updateRole(rm, strong.id, { permissions: ['members:read'] })).rejects.toMatchObject({ code: 'permission_not_held' });
    await expect(authz.service.deleteRole(rm, strong.id)).rejects.toMatchObject({ code: 'permission_not_held' });
    expect((await authz.service.listRoles(admin)).find((r) => r.id === strong.id)?.permissions).toEqual(['members:read', 'members:write']);
    await expect(authz.service.updateRole(rm, strong.id, { name: 'Strong, renamed' })).resolves.toMatchObject({ permissions: ['members:read', 'members:write'] });
    // Toggles: switching api_keys off for admin needs api_keys:write; the admins keep their keys.
    await expect(authz.service.setPolicies(pm, [{ toggle: 'api_keys', role: 'admin', enabled: false }])).rejects.toMatchObject({ code: 'permission_not_held' });
    expect(await authz.authorize(admin, 'api_keys:write', undefined)).toEqual({ allowed: true });
    expect(await auditRows(org, 'policy.changed')).toHaveLength(0);
    // Resource roles: taking an owner's role away needs what it carries, on that resource.
    const sharer = await authz.service.createRole(admin, { name: 'Sharer', permissions: ['collections:read', 'collections:share'] });
    const sh = await makeMember(t.db, org, [sharer.id]);
    await inTx((tx) => authz.service.setResourceRole(tx, admin, { type: 'collection', id: 'col_p', userId: uid(peer), role: 'owner' }));
    // Each refusal in its own transaction, as a request would be (a refusal rolls its transaction back).
    await expect(inTx((tx) => authz.service.removeResourceRole(tx, sh, { type: 'collection', id: 'col_p', userId: uid(peer) }))).rejects.toMatchObject({ code: 'permission_not_held' });
    await expect(inTx((tx) => authz.service.setResourceRole(tx, sh, { type: 'collection', id: 'col_p', userId: uid(peer), role: 'reader' }))).rejects.toMatchObject({ code: 'permission_not_held' });
    // Removing the member would take the ownership with it: the same bound.
    await expect(inTx((tx) => authz.service.assertCanChangeMember(tx, mm, uid(peer), [membersMgr.id], null))).rejects.toMatchObject({ code: 'permission_not_held' });
    await inTx(async (tx) => expect((await authz.service.listResourceRoles(tx, 'collection', 'col_p')).map((r) => r.role)).toEqual(['owner']));
  });

  it('RBAC-2: built-in roles are read-only; names are unique; a role in use cannot be deleted', async () => {
    const org = await makeOrg(t.db, { plan: 'team' });
    const admin = await makeMember(t.db, org, ['admin']);
    await expect(authz.service.updateRole(admin, 'admin', { permissions: ['org:read'] })).rejects.toMatchObject({ code: 'role_read_only' });
    await expect(authz.service.deleteRole(admin, 'viewer')).rejects.toMatchObject({ code: 'role_read_only' });
    await expect(authz.service.createRole(admin, { name: 'Admin', permissions: ['org:read'] })).rejects.toMatchObject({ code: 'role_name_taken' });
    const r = await authz.service.createRole(admin, { name: 'Ops', permissions: ['org:read'] });
    await expect(authz.service.createRole(admin, { name: 'ops', permissions: ['org:read'] })).rejects.toMatchObject({ code: 'role_name_taken' });
    const other = await authz.service.createRole(admin, { name: 'Other', permissions: ['org:read'] });
    await expect(authz.service.updateRole(admin, other.id, { name: 'OPS' })).rejects.toMatchObject({ code: 'role_name_taken' });
    await expect(authz.service.updateRole(admin, other.id, { name: 'Viewer' })).rejects.toMatchObject({ code: 'role_name_taken' });
    await authz.service.deleteRole(admin, other.id);
    const m = await makeMember(t.db, org, [r.id]);
    await expect(authz.service.deleteRole(admin, r.id)).rejects.toMatchObject({ code: 'role_in_use' });
    await setRoles(t.db, org, m.kind === 'user' ? m.userId : '', ['viewer']);
    await authz.service.deleteRole(admin, r.id);
    await expect(authz.service.deleteRole(admin, r.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('TEN-4: another organisation\'s role id is "not found" / "unknown role", exactly like a missing one', async () => {
    const a = await makeOrg(t.db, { plan: 'team' });
    const b = await makeOrg(t.db, { plan: 'team' });
    const adminA = await makeMember(t.db, a, ['admin']);
    const adminB = await makeMember(t.db, b, ['admin']);
    const roleB = await authz.service.createRole(adminB, { name: 'B only', permissions: ['org:read'] });
    for (const id of [roleB.id, 'role_aaaaaaaaaaaaaaaaaaaaaaaaaa']) {
      await expect(authz.service.updateRole(adminA, id, { name: 'x' })).rejects.toMatchObject({ code: 'not_found', message: 'Not found' });
      await expect(authz.service.deleteRole(adminA, id)).rejects.toMatchObject({ code: 'not_found', message: 'Not found' });
      await withOrg(t.db, a as OrgId, { type: 'user', id: 'x' }, async (tx) => {
        await expect(authz.service.assertCanAssignRoles(tx, adminA, [id])).rejects.toMatchObject({ code: 'unknown_role' });
      });
    }
    // The database refuses the reference too, whoever writes it.
    const u = await makeUser(t.db);
    await expect(addMember(t.db, a, u, [roleB.id])).rejects.toMatchObject({ constraint_name: 'role_ref_known' });
    await expect(addMember(t.db, a, u, ['owner'])).rejects.toMatchObject({ constraint_name: 'role_ref_known' });
    expect((await authz.service.listRoles(adminA)).map((r) => r.id)).not.toContain(roleB.id);
  });
});

describe('layers', () => {
  it('RBAC-3: super-admin (flag from the environment only) is allowed in the org; platform permissions need it', async () => {
    const org = await makeOrg(t.db);
    const uid = await makeUser(t.db);
    await addMember(t.db, org, uid, ['viewer']);
    const sa = userPrincipal(uid, org, { superAdmin: true });
    expect(await authz.authorize(sa, 'members:write', undefined)).toEqual({ allowed: true });
    expect(await authz.authorize(userPrincipal(uid, org), 'members:write', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
  });

  it('RBAC-3: per-resource roles grant on that one resource only, and only to members', async () => {
    const org = await makeOrg(t.db, { plan: 'team' });
    const admin = await makeMember(t.db, org, ['admin']);
    const limited = await authz.service.createRole(admin, { name: 'Members only', permissions: ['members:read'] });
    const m = await makeMember(t.db, org, [limited.id]);
    const outsider = await makeUser(t.db);
    const x = { type: 'collection', id: 'col_x' };
    const y = { type: 'collection', id: 'col_y' };
    const uid = m.kind === 'user' ? m.userId : '';
    await withOrg(t.db, org as OrgId, { type: 'user', id: 'x' }, (tx) => authz.service.setResourceRole(tx, admin, { type: 'collection', id: 'col_x', userId: uid, role: 'editor' }));
    expect(await authz.authorize(m, 'collections:write', x)).toEqual({ allowed: true });
    expect(await authz.authorize(m, 'collections:read', x)).toEqual({ allowed: true });
    expect(await authz.authorize(m, 'collections:share', x)).toMatchObject({ allowed: false, layer: 'resource_role' });
    expect(await authz.authorize(m, 'collections:write', y)).toMatchObject({ allowed: false, layer: 'resource_role' });
    expect(await authz.authorize(m, 'collections:write', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
    // An editor cannot make someone an owner (owner carries collections:share, which they lack).
    const other = await makeMember(t.db, org, [limited.id]);
    await withOrg(t.db, org as OrgId, { type: 'user', id: 'x' }, async (tx) => {
      await expect(authz.service.setResourceRole(tx, m, { type: 'collection', id: 'col_x', userId: other.kind === 'user' ? other.userId : '', role: 'owner' })).rejects.toMatchObject({ code: 'permission_not_held' });
      await expect(authz.service.setResourceRole(tx, admin, { type: 'collection', id: 'col_x', userId: outsider, role: 'reader' })).rejects.toMatchObject({ code: 'not_found' });
      expect((await authz.service.listResourceRoles(tx, 'collection', 'col_x')).map((r) => [r.userId, r.role])).toEqual([[uid, 'editor']]);
    });
    expect((await auditRows(org, 'resource_role.granted'))[0]).toMatchObject({ target_id: 'col_x', metadata: { userId: uid, role: 'editor', previous: null } });
    // Leaving the organisation removes resource roles with the membership.
    await removeMember(t.db, org, uid);
    const [row] = await withSystem(t.db, (tx) => tx.sql<{ n: number }[]>`select count(*)::int as n from resource_roles where org_id = ${org} and user_id = ${uid}`);
    expect(row?.n).toBe(0);
  });

  it('RBAC-3: a route naming its resource (config.resource) is decided with the caller\'s role on that object, and a denial is audited against it', async () => {
    const org = await makeOrg(t.db, { plan: 'team' });
    const admin = await makeMember(t.db, org, ['admin']);
    const limited = await authz.service.createRole(admin, { name: 'No collections', permissions: ['members:read'] });
    const m = await makeMember(t.db, org, [limited.id]);
    const uid = m.kind === 'user' ? m.userId : '';
    await withOrg(t.db, org as OrgId, { type: 'user', id: 'x' }, (tx) => authz.service.setResourceRole(tx, admin, { type: 'collection', id: 'col_mine', userId: uid, role: 'reader' }));
    const http = Fastify();
    registerErrorHandling(http);
    // A stand-in session authenticator: the principal the identity module would build.
    await http.register(authHookPlugin, { db: t.db, authenticators: [async () => m], authorize: authz.authorize });
    http.get('/v1/org/collections/:id', {
      config: { access: 'org', permission: 'collections:read', resource: (req) => ({ type: 'collection', id: (req.params as { id: string }).id }) },
    }, async () => ({ ok: true }));
    try {
      expect((await http.inject({ method: 'GET', url: '/v1/org/collections/col_mine' })).statusCode).toBe(200);
      expect((await http.inject({ method: 'GET', url: '/v1/org/collections/col_other' })).statusCode).toBe(403);
    } finally {
      await http.close();
    }
    const rows = await auditRows(org, 'authz.denied');
    expect(rows).toEqual([expect.objectContaining({ actor_id: uid, deny_layer: 'resource_role', target_id: 'col_other' })]);
  });

  it('RBAC-3: plan entitlements gate features; only a super-admin sets the plan, and the database refuses it from the request role', async () => {
    const org = await makeOrg(t.db, { plan: 'free' });
    const admin = await makeMember(t.db, org, ['admin']);
    expect(await authz.authorize(admin, 'roles:write', undefined)).toMatchObject({ allowed: false, layer: 'plan' });
    await expect(authz.service.setPlan(admin, org, 'team')).rejects.toMatchObject({ code: 'forbidden' });
    const denied = await asSuperuser(t.ownerUrl, (sql) => sql`select deny_layer, target_id from audit_events where org_id = 'platform' and action = 'authz.denied' and target_id = ${org}`);
    expect(denied).toEqual([{ deny_layer: 'super_admin', target_id: org }]);
    const uid = admin.kind === 'user' ? admin.userId : '';
    await expect(withOrg(t.db, org as OrgId, { type: 'user', id: uid }, (tx) => tx.sql`update orgs set plan = 'enterprise' where id = ${org}`)).rejects.toMatchObject({ code: '42501' });
    const sa = userPrincipal(await makeUser(t.db), 'org_elsewhere', { superAdmin: true });
    expect(await authz.service.setPlan(sa, org, 'team')).toEqual({ orgId: org, plan: 'team', previous: 'free' });
    expect(await authz.authorize(admin, 'roles:write', undefined)).toEqual({ allowed: true });
    expect(await authz.authorize(admin, 'policies:write', undefined)).toMatchObject({ allowed: false, layer: 'plan' });
    expect(await auditRows(org, 'org.plan_changed')).toEqual([expect.objectContaining({ metadata: { via: 'platform_api', from: 'free', to: 'team' } })]);
    await expect(authz.service.setPlan(sa, 'org_missing', 'team')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('RBAC-3: policy toggles switch a permission off per role; the denial names the policy layer', async () => {
    const org = await makeOrg(t.db, { plan: 'enterprise' });
    const admin = await makeMember(t.db, org, ['admin']);
    const both = await makeMember(t.db, org, ['admin', 'operator']);
    await authz.service.setPolicies(admin, [{ toggle: 'api_keys', role: 'admin', enabled: false }]);
    expect(await authz.authorize(admin, 'api_keys:write', undefined)).toMatchObject({ allowed: false, layer: 'policy' });
    expect(await authz.authorize(admin, 'api_keys:read', undefined)).toEqual({ allowed: true });
    expect(await authz.authorize(both, 'api_keys:write', undefined)).toMatchObject({ allowed: false, layer: 'policy' });
    const view = await authz.service.getPolicies(admin);
    expect(view.toggles.find((x) => x.name === 'api_keys')).toMatchObject({ disabledFor: ['admin'], governs: ['api_keys:write'] });
    await authz.service.setPolicies(admin, [{ toggle: 'api_keys', role: 'admin', enabled: true }]);
    expect(await authz.authorize(admin, 'api_keys:write', undefined)).toEqual({ allowed: true });
    await expect(authz.service.setPolicies(admin, [{ toggle: 'api_keys', role: 'role_aaaaaaaaaaaaaaaaaaaaaaaaaa', enabled: false }])).rejects.toMatchObject({ code: 'unknown_role' });
    expect(await auditRows(org, 'policy.changed')).toHaveLength(2);
  });
});
