/* Erasure across nodes and crashes (PRIV-2), with two app instances sharing one database, each
   with its own pool and node bus.
   - Key-destruction broadcast: a key another node has cached leaves that node's cache (zeroed)
     before the erasure returns — not after the cache TTL. The clock is fixed, so the TTL never
     runs out here: only the broadcast can drop it.
   - Crash mid-erasure: a database fault is injected half-way (after some keys are destroyed,
     before the plaintext goes); the job fails, the queue reruns it; the end state is complete
     and consistent (keys destroyed, plaintext gone, request completed, audit verifies) and
     nothing is done twice (one destruction record per key, one erasure record). */
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { auditVerify, dumpText, ERASURE_CLOCK_START, personWithTotp, totpRef } from '../../test/fixtures/erasure.js';
import { call, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { withOrg } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import type { OrgId } from '../lib/ids.js';
import { TASKS } from './service.js';

const clock = fixedClock(ERASURE_CLOCK_START);
let nodeA: TestApp;
let nodeB: TestApp;
let admin: Session;
let orgId: string;

const PLATFORM = 'platform' as OrgId;
const system = { type: 'system' as const, id: 'test' };

async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 500; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

beforeAll(async () => {
  // Only drain() runs jobs; node B has its own pool, so its own listener and node bus.
  // The clock is years ahead of the database's, and drain({dueBy}) also fires the daily retention
  // job: its audit retention judges age by the database's clock (audit/retention.ts), so it keeps
  // today's records and verify passes.
  const env = { PALISADE_JOBS_WORKER: 'false' };
  nodeA = await buildTestApp({ clock, env });
  nodeB = await buildTestApp({ clock, env, testDb: { ...nodeA.testDb, db: await nodeA.testDb.connectAgain() } });
  admin = await signIn(nodeA, await createUser(nodeA));
  orgId = await createOrg(nodeA, admin, 'Erasure Nodes Ltd');
  expect(await eventually(() => nodeA.authzFacts.livePeers() >= 1 && nodeB.authzFacts.livePeers() >= 1 && nodeA.authzFacts.trusted() && nodeB.authzFacts.trusted())).toBe(true);
}, 120_000);

afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
});

describe('erasure across nodes', () => {
  it('PRIV-2: a destroyed key leaves every node\'s DEK cache before the erasure returns (node bus broadcast), not after the cache TTL; the other node\'s next decrypt is key_destroyed', async () => {
    const p = await personWithTotp(nodeA, orgId);
    // Node B decrypts the person's TOTP secret: its cache now holds their subject key.
    const plain = await withOrg(nodeB.testDb.db, PLATFORM, system, (tx) => nodeB.keyring.decryptField(tx, totpRef(p.userId), p.sealed));
    expect(plain.length).toBeGreaterThan(0);
    expect(nodeB.keyring.cacheHolds('platform', p.keyId)).toBe(true);
    // Node A erases. When it returns, node B holds the key no more (the clock is fixed: no TTL ran out).
    const r = await nodeA.privacy.erasePerson(p.userId, { actor: system });
    expect(r.keysDestroyed).toBe(1);
    expect(nodeB.keyring.cacheHolds('platform', p.keyId)).toBe(false);
    expect(nodeA.keyring.cacheHolds('platform', p.keyId)).toBe(false);
    await expect(withOrg(nodeB.testDb.db, PLATFORM, system, (tx) => nodeB.keyring.decryptField(tx, totpRef(p.userId), p.sealed))).rejects.toMatchObject({ code: 'key_destroyed' });
    // Another person's key cached on node B stays cached: the broadcast names the key.
    const q = await personWithTotp(nodeA, orgId);
    await withOrg(nodeB.testDb.db, PLATFORM, system, (tx) => nodeB.keyring.decryptField(tx, totpRef(q.userId), q.sealed));
    const r2 = await nodeA.privacy.erasePerson(p.userId, { actor: system }).catch((e: unknown) => e);
    expect(r2).toMatchObject({ code: 'not_found' });
    expect(nodeB.keyring.cacheHolds('platform', q.keyId)).toBe(true);
  });

  it('PRIV-2: destroyedEverywhere() returns only once the other node has dropped the key (the bus barrier), checked right after the destroying commit', async () => {
    const p = await personWithTotp(nodeA, orgId);
    await withOrg(nodeB.testDb.db, PLATFORM, system, (tx) => nodeB.keyring.decryptField(tx, totpRef(p.userId), p.sealed));
    expect(nodeB.keyring.cacheHolds('platform', p.keyId)).toBe(true);
    await withOrg(nodeA.testDb.db, PLATFORM, system, (tx) => nodeA.keyring.destroySubjectKey(tx, p.userId));
    await nodeA.keyring.destroyedEverywhere();
    expect(nodeB.keyring.cacheHolds('platform', p.keyId)).toBe(false);
  });

  it('PRIV-2: a key destroyed by hand (plain SQL, no Palisade code) also leaves the other node\'s cache, by the trigger\'s notification', async () => {
    const p = await personWithTotp(nodeA, orgId);
    await withOrg(nodeB.testDb.db, PLATFORM, system, (tx) => nodeB.keyring.decryptField(tx, totpRef(p.userId), p.sealed));
    expect(nodeB.keyring.cacheHolds('platform', p.keyId)).toBe(true);
    await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql.begin(async (tx) => {
      await tx`update crypto_key_versions set wrapped_dek = null, destroyed_at = now() where org_id = 'platform' and key_id = ${p.keyId}`;
      await tx`update crypto_keys set destroyed_at = now() where org_id = 'platform' and id = ${p.keyId}`;
    }));
    expect(await eventually(() => !nodeB.keyring.cacheHolds('platform', p.keyId))).toBe(true);
  });
});

describe('crash mid-erasure', () => {
  /** A fault the database raises, installed by the superuser (what a crash at that point leaves). */
  async function injectFault(name: string, table: string, when: string): Promise<void> {
    await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql.unsafe(`
      create or replace function ${name}() returns trigger language plpgsql as $$
      begin raise exception 'injected fault: ${name}'; end $$;
      create trigger ${name} before update or delete on ${table} for each row when (${when}) execute function ${name}();`));
  }
  async function removeFault(name: string, table: string): Promise<void> {
    await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql.unsafe(`drop trigger ${name} on ${table}; drop function ${name}();`));
  }
  const count = async (q: (sql: postgres.Sql) => Promise<Array<{ n: number }>>) => Number((await asSuperuser(nodeA.testDb.ownerUrl, q))[0]?.n ?? -1);

  it('PRIV-2: an erasure job that fails half-way (keys of one chain destroyed, the next refused, plaintext still there) is rerun by the queue to a complete, consistent end state; nothing is done twice', async () => {
    const p = await personWithTotp(nodeA, orgId);
    // A second key chain: data the organisation sealed under the person's subject key.
    const orgSealed = await withOrg(nodeA.testDb.db, orgId as OrgId, system, (tx) =>
      nodeA.keyring.encryptField(tx, { table: 'test', column: 'note', rowId: p.userId }, 'org note about the person', { subjectId: p.userId }));
    const marker = `crash words ${Date.now()}`;
    const filed = await call(nodeA, { session: p.s }, 'POST', '/v1/me/privacy-requests', { type: 'erasure', details: marker });
    expect(filed.status, filed.text).toBe(202);
    const keyIds = (await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql<{ id: string }[]>`select id from crypto_keys where subject_id = ${p.userId} order by org_id`)).map((k) => k.id);
    expect(keyIds).toHaveLength(2);

    // Fault 1: the platform chain refuses its destruction (the organisation's chain goes first, by
    // id). The erasure run (the hourly sweep's work) dies there, as a node killed at that point would.
    clock.advance(25 * 3600_000);
    await injectFault('test_fault_keys', 'crypto_keys', `OLD.org_id = 'platform' AND OLD.subject_id = '${p.userId}'`);
    await expect(nodeA.privacy.runErasures()).rejects.toThrow(/injected fault: test_fault_keys/);
    expect(await count((sql) => sql`select count(*)::int as n from crypto_keys where subject_id = ${p.userId} and destroyed_at is not null`)).toBe(1);
    expect(await count((sql) => sql`select count(*)::int as n from users where id = ${p.userId}`)).toBe(1);
    await removeFault('test_fault_keys', 'crypto_keys');

    // Fault 2, on the other node: every key goes now, but the plaintext transaction dies (the account row refuses).
    await injectFault('test_fault_users', 'users', `OLD.id = '${p.userId}'`);
    await expect(nodeB.privacy.runErasures()).rejects.toThrow(/injected fault: test_fault_users/);
    expect(await count((sql) => sql`select count(*)::int as n from crypto_keys where subject_id = ${p.userId} and destroyed_at is not null`)).toBe(2);
    expect(await count((sql) => sql`select count(*)::int as n from users where id = ${p.userId}`)).toBe(1);
    const [half] = await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql<{ status: string; details: string | null }[]>`select status, details from privacy_requests where id = ${String(filed.body.id)}`);
    expect(half).toMatchObject({ status: 'open', details: marker }); // rolled back whole, not half-cleared
    await removeFault('test_fault_users', 'users');

    // The queue's erasure job, due since the delay ran out, finishes it (on node B).
    await nodeB.jobs.drain({ dueBy: clock.now() });
    expect(await nodeA.jobs.pending(TASKS.erase)).toEqual([]);
    expect(await count((sql) => sql`select count(*)::int as n from users where id = ${p.userId}`)).toBe(0);
    const [done] = await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql<{ status: string; details: string | null }[]>`select status, details from privacy_requests where id = ${String(filed.body.id)}`);
    expect(done).toMatchObject({ status: 'completed', details: null });
    const dump = await dumpText(nodeA);
    expect(dump).not.toContain(p.email);
    expect(dump).not.toContain(marker);
    await expect(withOrg(nodeA.testDb.db, PLATFORM, system, (tx) => nodeA.keyring.decryptField(tx, totpRef(p.userId), p.sealed))).rejects.toMatchObject({ code: 'key_destroyed' });
    await expect(withOrg(nodeB.testDb.db, orgId as OrgId, system, (tx) => nodeB.keyring.decryptField(tx, { table: 'test', column: 'note', rowId: p.userId }, orgSealed))).rejects.toMatchObject({ code: 'key_destroyed' });
    // Nothing twice: one destruction record per key, one erasure record per log (platform, organisation).
    const destroyed = await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql<{ target_id: string; n: number }[]>`
      select target_id, count(*)::int as n from audit_events where action = 'crypto.key_destroyed' and target_id = any(${keyIds}) group by target_id order by target_id`);
    expect(destroyed).toEqual([...keyIds].sort().map((id) => ({ target_id: id, n: 1 })));
    const erased = await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql<{ org_id: string; n: number }[]>`
      select org_id, count(*)::int as n from audit_events where action = 'privacy.person_erased' and target_id = ${p.userId} group by org_id order by org_id`);
    expect(erased).toEqual([{ org_id: orgId, n: 1 }, { org_id: 'platform', n: 1 }].sort((a, b) => a.org_id.localeCompare(b.org_id)));
    // A further sweep finds nothing to do.
    expect(await nodeA.privacy.runErasures()).toEqual({ erased: 0, blocked: 0 });
    const verified = await auditVerify(nodeA);
    expect(verified.code, verified.out).toBe(0);
  });
});
