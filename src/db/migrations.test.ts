import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, asSuperuser, type TestDb } from '../../test/fixtures/db.js';

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.drop(); });

describe('schema', () => {
  it('TEN-2: every table with org_id has RLS enabled, forced, and a policy', async () => {
    const rows = await asSuperuser(t.ownerUrl, (sql) => sql<{ table: string; rls: boolean; forced: boolean; policies: number }[]>`
      select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = 'public'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)`);
    expect(rows.length).toBeGreaterThanOrEqual(2); // orgs, audit_events at least
    const bad = rows.filter((r) => !r.rls || !r.forced || r.policies < 1).map((r) => r.table);
    expect(bad).toEqual([]);
  });

  it('every policy compares org_id with current_setting(palisade.org_id)', async () => {
    const rows = await asSuperuser(t.ownerUrl, (sql) => sql<{ table: string; qual: string }[]>`
      select tablename as table, qual from pg_policies where schemaname = 'public'`);
    for (const r of rows) expect(r.qual, r.table).toMatch(/current_setting\('palisade\.org_id'/);
  });

  it('the app and system roles own no table (so they cannot disable RLS or triggers)', async () => {
    const rows = await asSuperuser(t.ownerUrl, (sql) => sql`
      select c.relname from pg_class c join pg_roles r on r.oid = c.relowner
      where r.rolname in ('palisade_app', 'palisade_system', 'palisade_retention')`);
    expect(rows).toEqual([]);
  });

  it('migrations are recorded once each', async () => {
    const rows = await asSuperuser(t.ownerUrl, (sql) => sql<{ name: string }[]>`select name from palisade_migrations.pgmigrations`);
    const names = rows.map((r) => r.name);
    expect(names).toContain('0001_foundation');
    expect(new Set(names).size).toBe(names.length);
  });
});
