import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser, createTestDb } from '../../test/fixtures/db.js';
import { addMember, call, createOrg, createUser, setPlan, signIn, type Session } from '../../test/security/harness.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from '../http/logger.js';
import { BUILTIN_ROLE_PERMISSIONS, PERMISSIONS, PERMISSION_NAMES, assertRoutePermission, isPermission, specOf, type PermissionSpec } from './catalog.js';

const SUPER_EMAIL = 'root@platform.example.test';
let app: TestApp;
let admin: Session;
let viewer: Session;
let org: string;

beforeAll(async () => {
  app = await buildTestApp({ env: { PALISADE_SUPER_ADMINS: SUPER_EMAIL } });
  admin = await signIn(app, await createUser(app));
  org = await createOrg(app, admin, 'Routes Co');
  const v = await createUser(app);
  await addMember(app, org, v.userId, ['viewer']);
  viewer = await signIn(app, v, org);
});
afterAll(async () => {
  await app.close();
});

async function deniedLayers(actorId: string): Promise<string[]> {
  const rows = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ deny_layer: string }[]>`
    select deny_layer from audit_events where org_id = ${org} and action = 'authz.denied' and actor_id = ${actorId} order by seq`);
  return rows.map((r) => r.deny_layer);
}

describe('the permission catalog', () => {
  it('RBAC-2: GET /v1/permissions lists every permission with its owning domain, built-in roles, plan feature and toggle', async () => {
    const res = await call(app, { none: true }, 'GET', '/v1/permissions');
    expect(res.status).toBe(200);
    const perms = res.body.permissions as Array<{ name: string; domain: string; builtinRoles: string[]; keyScopable: boolean }>;
    expect(perms.map((p) => p.name)).toEqual(PERMISSION_NAMES);
    expect(perms.find((p) => p.name === 'members:write')).toMatchObject({ domain: 'orgs', builtinRoles: ['admin'] });
    expect(perms.find((p) => p.name === 'members:read')).toMatchObject({ builtinRoles: ['viewer', 'operator', 'admin'] });
    expect(perms.find((p) => p.name === 'api_keys:write')).toMatchObject({ keyScopable: false });
    expect((res.body.roles as Array<{ id: string }>).map((r) => r.id)).toEqual(['viewer', 'operator', 'admin']);
    expect((res.body.plans as Array<{ name: string }>).map((r) => r.name)).toEqual(['free', 'team', 'enterprise']);
  });

  it('RBAC-2: every org route registered by the app names an org permission of the catalog', async () => {
    const t = await createTestDb();
    const routes: Array<{ method: string; url: string; access?: string; permission?: string }> = [];
    const config = loadConfig({ PALISADE_LOG_LEVEL: 'silent', PALISADE_DATA_DIR: './.palisade-test', PALISADE_KEK_DIR: './.palisade-test-keys' });
    const built = await buildApp({
      config,
      db: t.db,
      logger: createLogger('silent'),
      instrument: (http) => {
        http.addHook('onRoute', (r) => {
          routes.push({ method: String(r.method), url: r.url, ...(r.config?.access ? { access: r.config.access } : {}), ...(r.config?.permission ? { permission: r.config.permission } : {}) });
        });
      },
    });
    try {
      await built.http.ready();
      const org = routes.filter((r) => r.access === 'org');
      expect(org.length).toBeGreaterThanOrEqual(10);
      const bad = org.filter((r) => !r.permission || !isPermission(r.permission) || specOf(r.permission).minRole === 'platform');
      expect(bad).toEqual([]);
      expect(routes.filter((r) => !['public', 'user', 'org'].includes(r.access ?? ''))).toEqual([]);
    } finally {
      await built.http.close();
      await built.stop();
      await t.drop();
    }
  });

  it('RBAC-2: docs/authorization.md lists every permission as the catalog declares it, and nothing else', () => {
    const doc = readFileSync(new URL('../../docs/authorization.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+:[a-z_]+)` \| ([a-z_]+) \| ([a-z-]+) \| ([a-z_—]+) \| ([a-z_—]+) \| (yes|no) \|/gm)];
    expect(rows.map((r) => r[1])).toEqual(PERMISSION_NAMES);
    for (const r of rows) {
      const spec: PermissionSpec = PERMISSIONS[r[1] as keyof typeof PERMISSIONS];
      expect([r[2], r[3], r[4], r[5], r[6]], r[1]).toEqual([spec.domain, spec.minRole === 'platform' ? 'super-admin' : spec.minRole, spec.feature ?? '—', spec.toggle ?? '—', spec.keyScopable ? 'yes' : 'no']);
    }
  });

  it('RBAC-2: a route naming a permission outside the catalog cannot be registered', async () => {
    const f = Fastify();
    f.addHook('onRoute', assertRoutePermission);
    f.get('/ok', { config: { access: 'org', permission: 'members:read' } }, async () => 'ok');
    expect(() => f.get('/typo', { config: { access: 'org', permission: 'member:read' } }, async () => 'x')).toThrow(/not an org permission of the catalog/);
    expect(() => f.get('/platform', { config: { access: 'org', permission: 'platform:set_plan' } }, async () => 'x')).toThrow(/not an org permission/);
    await f.close();
  });
});

describe('roles over HTTP', () => {
  it('RBAC-1: a viewer reads but cannot change; the response hides which layer denied, the audit record names it', async () => {
    expect((await call(app, { session: viewer }, 'GET', '/v1/org/roles')).status).toBe(200);
    const res = await call(app, { session: viewer }, 'POST', '/v1/org/roles', { name: 'Mine', permissions: ['org:read'] });
    expect(res).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(res.text).not.toMatch(/org_role|layer/);
    expect(await deniedLayers(viewer.userId)).toEqual(['org_role']);
    const mine = await call(app, { session: viewer }, 'GET', '/v1/org/my-permissions');
    expect(mine.body).toMatchObject({ roles: ['viewer'], plan: 'team' });
    expect((mine.body.permissions as string[]).sort()).toEqual([...BUILTIN_ROLE_PERMISSIONS.viewer].sort());
  });

  it('RBAC-3: a fresh organisation\'s admin creates a custom role on the default plan (team), and is told which entitlement policy toggles need', async () => {
    const founder = await signIn(app, await createUser(app));
    await createOrg(app, founder, 'Fresh Co');
    const res = await call(app, { session: founder }, 'POST', '/v1/org/roles', { name: 'Support', permissions: ['members:read'] });
    expect(res).toMatchObject({ status: 201, body: { name: 'Support', builtIn: false } });
    const toggles = await call(app, { session: founder }, 'PATCH', '/v1/org/policies', { changes: [{ toggle: 'api_keys', role: 'admin', enabled: false }] });
    expect(toggles).toMatchObject({ status: 403, body: { code: 'entitlement_required', entitlement: 'policy_toggles', plan: 'team' } });
  });

  it('RBAC-3: custom roles need the plan entitlement: on a plan without it the refusal is entitlement_required, naming it (the audit names the plan layer)', async () => {
    await setPlan(app, org, 'free');
    const res = await call(app, { session: admin }, 'POST', '/v1/org/roles', { name: 'Support', permissions: ['members:read'] });
    expect(res).toMatchObject({ status: 403, body: { code: 'entitlement_required', entitlement: 'custom_roles', plan: 'free' } });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await deniedLayers(admin.userId)).toEqual(['plan']);
    // Someone without the permission is not told about the plan: their refusal is the role's.
    const v = await call(app, { session: viewer }, 'POST', '/v1/org/roles', { name: 'Mine', permissions: ['org:read'] });
    expect(v).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(v.text).not.toMatch(/custom_roles|entitlement/);
  });

  it('RBAC-2: create, list, change and delete a custom role; built-ins are read-only', async () => {
    await setPlan(app, org, 'team');
    const created = await call(app, { session: admin }, 'POST', '/v1/org/roles', { name: 'Support', description: 'Front line', permissions: ['members:read', 'audit:read'] });
    expect(created).toMatchObject({ status: 201, body: { name: 'Support', builtIn: false, permissions: ['members:read', 'audit:read'] } });
    const id = String(created.body.id);
    const list = await call(app, { session: admin }, 'GET', '/v1/org/roles');
    expect((list.body.items as Array<{ id: string; builtIn: boolean }>).map((r) => [r.id, r.builtIn])).toEqual([['admin', true], ['operator', true], ['viewer', true], [id, false]]);
    expect((await call(app, { session: admin }, 'PATCH', `/v1/org/roles/${id}`, { permissions: ['members:read'] })).body).toMatchObject({ permissions: ['members:read'] });
    expect(await call(app, { session: admin }, 'PATCH', '/v1/org/roles/admin', { name: 'x' })).toMatchObject({ status: 409, body: { code: 'role_read_only' } });
    expect(await call(app, { session: admin }, 'DELETE', '/v1/org/roles/viewer')).toMatchObject({ status: 409, body: { code: 'role_read_only' } });
    expect(await call(app, { session: admin }, 'POST', '/v1/org/roles', { name: 'x', permissions: ['org:read'], extra: 1 })).toMatchObject({ status: 400 });
    const u = await createUser(app);
    await addMember(app, org, u.userId, ['viewer']);
    expect((await call(app, { session: admin }, 'PATCH', `/v1/org/members/${u.userId}`, { roles: [id] })).status).toBe(200);
    expect(await call(app, { session: admin }, 'DELETE', `/v1/org/roles/${id}`)).toMatchObject({ status: 409, body: { code: 'role_in_use' } });
    expect((await call(app, { session: admin }, 'PATCH', `/v1/org/members/${u.userId}`, { roles: ['viewer'] })).status).toBe(200);
    expect((await call(app, { session: admin }, 'DELETE', `/v1/org/roles/${id}`)).status).toBe(204);
    expect((await call(app, { session: admin }, 'DELETE', `/v1/org/roles/${id}`)).status).toBe(404);
  });

  it('RBAC-1: the last admin cannot be demoted or removed over HTTP (409 last_admin)', async () => {
    const res = await call(app, { session: admin }, 'PATCH', `/v1/org/members/${admin.userId}`, { roles: ['viewer'] });
    expect(res).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    const del = await call(app, { session: admin }, 'DELETE', `/v1/org/members/${admin.userId}`);
    expect(del).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    expect((await call(app, { session: admin }, 'GET', '/v1/org/api-keys')).status).toBe(200);
  });

  it('RBAC-3: policy toggles over HTTP (enterprise plan): an admin switches API-key management off for a role', async () => {
    await setPlan(app, org, 'enterprise');
    const u = await createUser(app);
    await addMember(app, org, u.userId, ['admin']);
    const second = await signIn(app, u, org);
    const res = await call(app, { session: admin }, 'PATCH', '/v1/org/policies', { changes: [{ toggle: 'api_keys', role: 'admin', enabled: false }] });
    expect(res.status).toBe(200);
    expect((res.body.toggles as Array<{ name: string; disabledFor: string[] }>).find((t) => t.name === 'api_keys')?.disabledFor).toEqual(['admin']);
    expect((await call(app, { session: second }, 'POST', '/v1/org/api-keys', { name: 'x', scopes: ['org:read'] })).status).toBe(403);
    expect(await deniedLayers(second.userId)).toEqual(['policy']);
    expect((await call(app, { session: second }, 'GET', '/v1/org/api-keys')).status).toBe(200);
    await call(app, { session: admin }, 'PATCH', '/v1/org/policies', { changes: [{ toggle: 'api_keys', role: 'admin', enabled: true }] });
    expect((await call(app, { session: second }, 'POST', '/v1/org/api-keys', { name: 'x', scopes: ['org:read'] })).status).toBe(201);
    expect((await call(app, { session: admin }, 'PATCH', '/v1/org/policies', { changes: [{ toggle: 'no_such', role: 'admin', enabled: false }] })).status).toBe(400);
  });

  it('RBAC-3: only a super-admin named in PALISADE_SUPER_ADMINS sets a plan; an org admin cannot', async () => {
    const denied = await call(app, { session: admin }, 'PUT', `/v1/platform/orgs/${org}/plan`, { plan: 'free' });
    expect(denied).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await call(app, { none: true }, 'PUT', `/v1/platform/orgs/${org}/plan`, { plan: 'free' })).status).toBe(401);
    const root = await signIn(app, await createUser(app, SUPER_EMAIL));
    const ok = await call(app, { session: root }, 'PUT', `/v1/platform/orgs/${org}/plan`, { plan: 'team' });
    expect(ok).toMatchObject({ status: 200, body: { orgId: org, plan: 'team', previous: 'enterprise' } });
    expect((await call(app, { session: root }, 'PUT', '/v1/platform/orgs/org_nope/plan', { plan: 'team' })).status).toBe(404);
    expect(await call(app, { session: root }, 'PUT', `/v1/platform/orgs/${org}/plan`, { plan: 'platinum' })).toMatchObject({ status: 400, body: { code: 'unknown_plan', plans: ['free', 'team', 'enterprise'] } });
    // PATCH /v1/org cannot smuggle a plan in: unknown fields are refused, and the database refuses the change from the request role anyway.
    const smuggle = await call(app, { session: admin }, 'PATCH', '/v1/org', { plan: 'enterprise' });
    expect(smuggle.status).toBe(400);
    const [row] = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ plan: string }[]>`select plan from orgs where id = ${org}`);
    expect(row?.plan).toBe('team');
  });
});
