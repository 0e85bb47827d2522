/* Attacks on tenant isolation at the database layer: the app role, with a hand-written query
   that forgets its WHERE clause, still sees only its own organisation (TEN-2). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withOrg, withSystem } from './index.js';
import type { OrgId } from '../lib/ids.js';

let t: TestDb;
const A = 'org_aaaa' as OrgId;
const B = 'org_bbbb' as OrgId;
const actor = { type: 'system' as const, id: null };

beforeAll(async () => {
  t = await createTestDb();
  await withSystem(t.db, async (tx) => {
    await tx.sql`insert into orgs (id, name) values (${A}, 'Alpha'), (${B}, 'Beta')`;
    await tx.sql`insert into audit_events (id, org_id, occurred_at, actor_type, action, outcome) values
      ('evt_a', ${A}, now(), 'system', 'test.a', 'allowed'), ('evt_b', ${B}, now(), 'system', 'test.b', 'allowed')`;
  });
});
afterAll(async () => { await t.drop(); });

describe('row-level security', () => {
  it('TEN-2: the app role cannot read another org’s rows even with a query that forgets the WHERE', async () => {
    const orgs = await withOrg(t.db, A, actor, (tx) => tx.sql<{ id: string }[]>`select id from orgs`);
    expect(orgs.map((r) => r.id)).toEqual([A]);
    const events = await withOrg(t.db, A, actor, (tx) => tx.sql<{ id: string }[]>`select id from audit_events`);
    expect(events.map((r) => r.id)).toEqual(['evt_a']);
    // Outside withOrg, with no org set, the app role sees nothing at all.
    expect(await t.db.app`select id from orgs`).toHaveLength(0);
    expect(await t.db.app`select id from audit_events`).toHaveLength(0);
  });

  it('TEN-2: the app role cannot write a row into another org', async () => {
    await expect(withOrg(t.db, A, actor, (tx) => tx.sql`insert into orgs (id, name) values ('org_cccc', 'Sneaky')`)).rejects.toThrow(/row-level security/);
    await expect(
      withOrg(t.db, A, actor, (tx) => tx.sql`insert into audit_events (id, org_id, occurred_at, actor_type, action, outcome) values ('evt_x', ${B}, now(), 'system', 'forge', 'allowed')`),
    ).rejects.toThrow(/row-level security/);
    const updated = await withOrg(t.db, A, actor, (tx) => tx.sql`update orgs set name = 'pwned' where id = ${B}`);
    expect(updated.count).toBe(0);
    const [beta] = await withSystem(t.db, (tx) => tx.sql<{ name: string }[]>`select name from orgs where id = ${B}`);
    expect(beta?.name).toBe('Beta');
  });

  it('TEN-2: the app role is neither superuser nor BYPASSRLS', async () => {
    const [r] = await t.db.app<{ rolsuper: boolean; rolbypassrls: boolean; current_user: string }[]>`
      select rolsuper, rolbypassrls, current_user from pg_roles where rolname = current_user`;
    expect(r).toEqual({ rolsuper: false, rolbypassrls: false, current_user: 'palisade_app' });
  });

  it('the org setting is transaction-local: it does not leak to the next transaction on the same connection', async () => {
    const db1 = t.db;
    await withOrg(db1, A, actor, async () => {});
    const leaked = await db1.app<{ v: string | null }[]>`select current_setting('palisade.org_id', true) as v`;
    expect(leaked[0]?.v ?? '').toBe('');
  });

  it('the app role cannot switch to a privileged role or turn RLS off', async () => {
    await expect(t.db.app`set role palisade_system`).rejects.toThrow();
    await expect(t.db.app`alter table orgs disable row level security`).rejects.toThrow();
    await expect(t.db.app`set row_security = off`.then(() => t.db.app`select id from orgs`)).rejects.toThrow();
  });
});
