/* The authorization facts cache (facts-cache.ts) may only ever make a check cheaper, never stale:
   a change through the services is effective on the next request; a change made any other way
   (here: plain SQL) is effective as soon as the database's notification arrives; a read racing
   an invalidation is not stored; an untrusted listener means no cache at all. */
import { DEFAULT_NEW_ORG_PLAN, DEFAULT_PLANS } from '../config/plans.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withSystem } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { startNodeBus, type NodeBus } from '../db/node-bus.js';
import { createFactsCache } from './facts-cache.js';
import { createAuthz, type Authz, type FactsCache } from './index.js';
import { makeMember, makeOrg, removeMember, setRoles } from './testing.js';

let t: TestDb;
let facts: FactsCache;
let otherFacts: FactsCache;
let authz: Authz;
let buses: NodeBus[] = [];
/** A second node: its own cache and service over the same database. */
let other: Authz;
const clock = fixedClock('2026-03-01T12:00:00Z');
const logger = pino({ level: 'silent' });

async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  // Bounded wait for an asynchronous notification; the assertion is on the outcome, not the time.
  for (let i = 0; i < 200; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

/** Checks until the answer is served from `cache` (notifications of the fixture's own inserts
    may void the first read's ticket). */
async function cachedCheck(node: Authz, cache: FactsCache, p: Awaited<ReturnType<typeof makeMember>>, permission: string): Promise<boolean> {
  const userId = p.kind === 'user' ? p.userId : '';
  let allowed = false;
  const ok = await eventually(async () => {
    allowed = (await node.authorize(p, permission, undefined)).allowed;
    return cache.get(p.orgId, userId) !== undefined;
  });
  if (!ok) throw new Error('facts never cached');
  return allowed;
}

beforeAll(async () => {
  t = await createTestDb();
  // The second node has its own pools and its own listener connection.
  const db2 = await t.connectAgain();
  buses = [await startNodeBus({ db: t.db, logger, heartbeatMs: 100 }), await startNodeBus({ db: db2, logger, heartbeatMs: 100 })];
  authz = createAuthz({ db: t.db, clock, bus: buses[0], config: { keyUsageFlushMs: 3_600_000, plans: DEFAULT_PLANS, defaultPlan: DEFAULT_NEW_ORG_PLAN } });
  other = createAuthz({ db: db2, clock, bus: buses[1], config: { keyUsageFlushMs: 3_600_000, plans: DEFAULT_PLANS, defaultPlan: DEFAULT_NEW_ORG_PLAN } });
  facts = authz.facts!;
  otherFacts = other.facts!;
  expect(await eventually(async () => facts.trusted() && otherFacts.trusted())).toBe(true);
});
afterAll(async () => {
  await authz.stop();
  await other.stop();
  for (const b of buses) await b.stop();
  await t.drop();
});

describe('authorization facts cache', () => {
  it('RBAC-2: a custom role edited through the service loses a permission on the next check, on this node and on every other live node', async () => {
    const org = await makeOrg(t.db);
    const admin = await makeMember(t.db, org, ['admin']);
    const role = await authz.service.createRole(admin, { name: 'Auditor', permissions: ['audit:read', 'members:read'] });
    const m = await makeMember(t.db, org, [role.id]);
    // Both nodes cache the member's facts.
    expect(await cachedCheck(authz, facts, m, 'audit:read')).toBe(true);
    expect(await cachedCheck(other, otherFacts, m, 'audit:read')).toBe(true);
    expect(await eventually(async () => facts.livePeers() === 1 && otherFacts.livePeers() === 1)).toBe(true);
    await authz.service.updateRole(admin, role.id, { permissions: ['members:read'] });
    // Both nodes, on the very next check: the service waited for the other node's acknowledgement.
    expect(await authz.authorize(m, 'audit:read', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
    expect(await other.authorize(m, 'audit:read', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
  });

  it('RBAC-1: a membership removed by plain SQL (no service involved) stops authorizing once the notification arrives', async () => {
    const org = await makeOrg(t.db);
    await makeMember(t.db, org, ['admin']);
    const m = await makeMember(t.db, org, ['operator']);
    const userId = m.kind === 'user' ? m.userId : '';
    expect(await cachedCheck(authz, facts, m, 'audit:read')).toBe(true);
    await removeMember(t.db, org, userId);
    expect(await eventually(async () => facts.get(org, userId) === undefined)).toBe(true);
    expect(await authz.authorize(m, 'audit:read', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
    expect(await other.authorize(m, 'audit:read', undefined)).toMatchObject({ allowed: false, layer: 'org_role' });
  });

  it('RBAC-3: a plan change and a role change made by SQL reach the cache too; other organisations keep their entries', async () => {
    const org = await makeOrg(t.db);
    const bystanderOrg = await makeOrg(t.db);
    const m = await makeMember(t.db, org, ['viewer']);
    const b = await makeMember(t.db, bystanderOrg, ['viewer']);
    const userId = m.kind === 'user' ? m.userId : '';
    await cachedCheck(authz, facts, m, 'members:read');
    await cachedCheck(authz, facts, b, 'members:read');
    // Tickets are "<bus epoch>:<organisation generation>": an invalidation bumps only its
    // organisation's generation. (Under heavy load a late heartbeat may drop the whole cache by
    // bumping the epoch; that is the liveness rule, not this test's subject.)
    const before = facts.ticket(bystanderOrg).split(':');
    await withSystem(t.db, (tx) => tx.sql`update orgs set plan = 'team' where id = ${org}`);
    expect(await eventually(async () => facts.get(org, userId) === undefined)).toBe(true);
    const after = facts.ticket(bystanderOrg).split(':');
    expect(after[1]).toBe(before[1]);
    if (after[0] === before[0]) expect(facts.get(bystanderOrg, b.kind === 'user' ? b.userId : '')).toBeTruthy();
    await cachedCheck(authz, facts, m, 'members:read');
    expect(facts.get(org, userId)?.plan).toBe('team');
    // A rename is not a fact: it does not drop the entry.
    const orgBefore = facts.ticket(org).split(':');
    await withSystem(t.db, (tx) => tx.sql`update orgs set name = 'Renamed' where id = ${org}`);
    await setRoles(t.db, bystanderOrg, b.kind === 'user' ? b.userId : '', ['operator']);
    expect(await eventually(async () => facts.get(bystanderOrg, b.kind === 'user' ? b.userId : '') === undefined)).toBe(true);
    const orgAfter = facts.ticket(org).split(':');
    expect(orgAfter[1]).toBe(orgBefore[1]);
    if (orgAfter[0] === orgBefore[0]) expect(facts.get(org, userId)).toBeTruthy();
  });

  it('RBAC-1: facts read while the organisation changed are not stored (no stale write-back)', async () => {
    const org = await makeOrg(t.db);
    const row = { plan: 'free', role_refs: ['admin'], custom_roles: [], disabled: [], resource_role: null };
    const ticket = facts.ticket(org);
    facts.invalidate(org); // a change arrives while the read is in flight
    facts.set(org, 'usr_racer', row, ticket);
    expect(facts.get(org, 'usr_racer')).toBeUndefined();
    facts.set(org, 'usr_racer', row, facts.ticket(org));
    expect(facts.get(org, 'usr_racer')).toEqual(row);
  });

  it('RBAC-1: while the listener is not known to be live the cache is empty and unused, and it comes back after a heartbeat echo', async () => {
    const org = await makeOrg(t.db);
    const m = await makeMember(t.db, org, ['viewer']);
    const userId = m.kind === 'user' ? m.userId : '';
    await cachedCheck(authz, facts, m, 'members:read');
    facts.markUntrusted();
    expect(facts.trusted()).toBe(false);
    expect(facts.get(org, userId)).toBeUndefined();
    const ticket = facts.ticket(org);
    facts.set(org, userId, { plan: 'free', role_refs: ['admin'], custom_roles: [], disabled: [], resource_role: null }, ticket);
    expect(facts.get(org, userId)).toBeUndefined();
    // While untrusted, checks read the database (and still decide correctly).
    expect(await authz.authorize(m, 'members:write', undefined)).toMatchObject({ allowed: false });
    expect(await eventually(async () => facts.trusted())).toBe(true);
  });

  it('RBAC-3: checks naming a resource are never answered from the cache', async () => {
    const org = await makeOrg(t.db);
    const m = await makeMember(t.db, org, ['viewer']);
    const userId = m.kind === 'user' ? m.userId : '';
    await authz.authorize(m, 'collections:read', { type: 'collection', id: 'col_x' });
    expect(facts.get(org, userId)).toBeUndefined();
  });

  it('RBAC-1: a change waits for every live node\'s acknowledgement; a node that stops answering is waited for only two heartbeats, and reported', async () => {
    const lines: string[] = [];
    const capture = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    const a = await startNodeBus({ db: t.db, logger: capture, heartbeatMs: 100 });
    const b = await startNodeBus({ db: await t.connectAgain(), logger, heartbeatMs: 100 });
    try {
      expect(await eventually(async () => a.trusted() && b.trusted() && a.livePeers() >= 1)).toBe(true);
      const changer = createFactsCache({ bus: a });
      await changer.barrier();
      expect(lines.filter((l) => l.includes('PAL_WARN_AUTHZ_UNACKED'))).toEqual([]);
      await b.stop();
      await changer.barrier(); // b is still "live" by its last heartbeat but no longer answers
      expect(lines.some((l) => l.includes('PAL_WARN_AUTHZ_UNACKED'))).toBe(true);
    } finally {
      await a.stop();
    }
  });
});
