/* Two Palisade nodes on one database: what one node revokes, the other refuses on the very next
   request — no waiting, no polling, no cache to expire. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { addMember, call, createKey, createOrg, createUser, setPlan, signIn, type Session } from '../../test/security/harness.js';

let nodeA: TestApp;
let nodeB: TestApp;
let adminA: Session;
let org: string;

beforeAll(async () => {
  nodeA = await buildTestApp();
  nodeB = await buildTestApp({ testDb: nodeA.testDb });
  adminA = await signIn(nodeA, await createUser(nodeA));
  org = await createOrg(nodeA, adminA, 'Two Nodes Ltd');
  await setPlan(nodeA, org, 'team');
});
afterAll(async () => {
  await nodeB.close();
  await nodeA.close();
});

describe('revocation across nodes', () => {
  it('RBAC-4: a key revoked on node A is refused by node B on the next request', async () => {
    const { key, id } = await createKey(nodeA, adminA, { name: 'deploy', scopes: ['members:read'] });
    // Node B has verified the key (any cache it kept would be warm now).
    for (let i = 0; i < 3; i++) expect((await call(nodeB, { key }, 'GET', '/v1/org/members')).status).toBe(200);
    expect((await call(nodeA, { session: adminA }, 'DELETE', `/v1/org/api-keys/${id}`)).status).toBe(204);
    expect((await call(nodeB, { key }, 'GET', '/v1/org/members')).status).toBe(401);
    expect((await call(nodeA, { key }, 'GET', '/v1/org/members')).status).toBe(401);
    const listed = await call(nodeB, { session: adminA }, 'GET', '/v1/org/api-keys');
    expect((listed.body.items as Array<{ id: string; status: string }>).find((k) => k.id === id)?.status).toBe('revoked');
    const events = await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql`
      select action, actor_id, metadata from audit_events where org_id = ${org} and target_id = ${id} and action like 'api_key.%' order by seq`);
    // Each node audits the rejection it saw (at most once a minute per key and reason).
    expect(events.map((e) => e.action)).toEqual(['api_key.created', 'api_key.revoked', 'api_key.rejected', 'api_key.rejected']);
    expect(events[1]).toMatchObject({ actor_id: adminA.userId });
    expect(events[2]).toMatchObject({ metadata: { problem: 'revoked' } });
  });

  it('RBAC-4: removing a member takes effect on the next request — their session loses the organisation and their keys are revoked, on every node', async () => {
    const role = await call(nodeA, { session: adminA }, 'POST', '/v1/org/roles', { name: 'Integrator', permissions: ['api_keys:write', 'members:read'] });
    expect(role.status).toBe(201);
    const u = await createUser(nodeA);
    await addMember(nodeA, org, u.userId, [String(role.body.id)]);
    const member = await signIn(nodeB, u, org);
    const { key } = await createKey(nodeB, member, { name: 'their key', scopes: ['members:read'] });
    expect((await call(nodeB, { key }, 'GET', '/v1/org/members')).status).toBe(200);
    expect((await call(nodeB, { session: member }, 'GET', '/v1/org/members')).status).toBe(200);
    expect((await call(nodeA, { session: adminA }, 'DELETE', `/v1/org/members/${u.userId}`)).status).toBe(204);
    expect((await call(nodeB, { key }, 'GET', '/v1/org/members')).status).toBe(401);
    const s = await call(nodeB, { session: member }, 'GET', '/v1/org/members');
    expect([401, 403, 404]).toContain(s.status);
    expect(s.text).not.toContain(adminA.userId);
  });

  it('RBAC-4: changing a member\'s roles takes effect on the next request on every node', async () => {
    const u = await createUser(nodeA);
    await addMember(nodeA, org, u.userId, ['admin']);
    const member = await signIn(nodeB, u, org);
    expect((await call(nodeB, { session: member }, 'GET', '/v1/org/api-keys')).status).toBe(200);
    expect((await call(nodeA, { session: adminA }, 'PATCH', `/v1/org/members/${u.userId}`, { roles: ['viewer'] })).status).toBe(200);
    expect((await call(nodeB, { session: member }, 'GET', '/v1/org/api-keys')).status).toBe(403);
    expect((await call(nodeB, { session: member }, 'GET', '/v1/org/roles')).status).toBe(200);
  });
});
