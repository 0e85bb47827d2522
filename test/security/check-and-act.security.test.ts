/* Check and act in one transaction (issue 11.5, docs/authorization.md). A request is authorized
   by the auth hook, then its handler writes in a transaction of its own; a change of the facts
   the decision rested on may commit in between. Here it does, deterministically: the write
   request is held after its authorization (a route-level preHandler, which runs after the auth
   hook's) while an admin removes the member's role; then it goes on. The handler's transaction
   decides again under the organisation's facts lock and refuses. And the other order: a change
   waits for a guarded transaction in flight. No timing is involved: the hold is a promise the
   test resolves, and "waits" is read from pg_locks. */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { asSuperuser } from '../fixtures/db.js';
import { addMember, call, createOrg, createUser, setPlan, signIn } from './harness.js';

let app: TestApp;
let reached: () => void = () => {};
let release: Promise<void> = Promise.resolve();

/** Holds a request carrying x-test-hold after its authorization, until the test releases it. */
const hold: preHandlerAsyncHookHandler = async (request) => {
  if (request.headers['x-test-hold'] !== '1') return;
  reached();
  await release;
};

beforeAll(async () => {
  app = await buildTestApp({
    instrument: (http: FastifyInstance) => {
      http.addHook('onRoute', (route) => {
        if (route.url === '/v1/org' && route.method === 'PATCH') route.preHandler = [...([] as preHandlerAsyncHookHandler[]).concat((route.preHandler as preHandlerAsyncHookHandler | preHandlerAsyncHookHandler[] | undefined) ?? []), hold];
      });
    },
  });
});
afterAll(async () => {
  await app?.close();
});

/** The database as its owner sees it (no RLS): what an attacker cannot touch, read to check. */
const owner = <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => asSuperuser(app.testDb.ownerUrl, fn);

async function setup(tag: string) {
  const adminUser = await createUser(app, `race-admin-${tag}@race.test`);
  const admin = await signIn(app, adminUser);
  const orgId = await createOrg(app, admin, `Race ${tag}`);
  await setPlan(app, orgId, 'team');
  const role = await call(app, { session: admin }, 'POST', '/v1/org/roles', { name: `Renamer ${tag}`, permissions: ['org:read', 'org:write'] });
  expect(role.status).toBe(201);
  const memberUser = await createUser(app, `race-member-${tag}@race.test`);
  await addMember(app, orgId, memberUser.userId, [String(role.body.id)]);
  const member = await signIn(app, memberUser, orgId);
  return { admin, orgId, member };
}

describe('check and act in one transaction', () => {
  it('RBAC-1: a role removed after a request\'s authorization but before its write refuses the write (decided again in the writing transaction), audited', async () => {
    const { admin, orgId, member } = await setup('a');
    let open: () => void = () => {};
    release = new Promise<void>((r) => (open = r));
    const atHold = new Promise<void>((r) => (reached = r));
    const write = call(app, { session: member }, 'PATCH', '/v1/org', { name: 'Renamed by a removed member' }, { 'x-test-hold': '1' });
    await atHold; // authorized (org:write through the custom role), not yet written
    const removal = await call(app, { session: admin }, 'PATCH', `/v1/org/members/${member.userId}`, { roles: ['viewer'] });
    expect(removal.status).toBe(200);
    open();
    const res = await write;
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect((await call(app, { session: admin }, 'GET', '/v1/org')).body.name).toBe('Race a');
    const denied = await owner((sql) => sql<Array<{ deny_layer: string; metadata: Record<string, unknown> }>>`
      select deny_layer, metadata from audit_events where org_id = ${orgId} and action = 'authz.denied' and actor_id = ${member.userId}`);
    expect(denied).toEqual([{ deny_layer: 'org_role', metadata: expect.objectContaining({ permission: 'org:write', inTransaction: true }) }]);
    // Without the race the same member is refused at the door as usual.
    expect((await call(app, { session: member }, 'PATCH', '/v1/org', { name: 'again' })).status).toBe(403);
  });

  it('RBAC-1: a role change waits for a transaction acting on the old roles to finish (its lock is held exclusively), so it never commits in between', async () => {
    const { admin, orgId, member } = await setup('b');
    // A transaction in flight on the organisation's facts, as a guarded write holds it.
    const inflight = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      const tx = inflight.reserve();
      const sql = await tx;
      await sql`begin`;
      await sql`select pg_advisory_xact_lock_shared(hashtextextended(${`palisade.authz:${orgId}`}, 0))`;
      const removal = call(app, { session: admin }, 'PATCH', `/v1/org/members/${member.userId}`, { roles: ['viewer'] });
      // The change is waiting for the advisory lock (read from the server, not timed).
      const waiting = await owner(async (o) => {
        for (let i = 0; i < 300; i++) {
          const [row] = await o<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`;
          if ((row?.n ?? 0) > 0) return row?.n ?? 0;
        }
        return 0;
      });
      expect(waiting).toBe(1);
      const [roles] = await owner((o) => o<{ roles: string[] }[]>`select roles from memberships where org_id = ${orgId} and user_id = ${member.userId}`);
      expect(roles?.roles).not.toEqual(['viewer']);
      await sql`commit`;
      sql.release();
      expect((await removal).status).toBe(200);
    } finally {
      await inflight.end();
    }
  });
});
