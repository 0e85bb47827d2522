/* `npm run mutants:rls` stays honest (issue 21): the SQL mutation tool of the row-level-security
   migrations (scripts/mutants-rls.mjs) is too slow for CI (about a quarter of a minute a mutant),
   so CI checks its generator instead, on a migrated database: every tenant table the app role can
   reach yields each kind of mutant, every table it cannot reach yields a widened grant, every
   mutant applies cleanly (a broken statement would count as a kill), and each kind really opens
   the hole it names (so a survivor means the tests missed a hole, never that the mutant was inert). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { generateMutants, ORG_SETTING, RLS_TESTS, type RlsMutant, type RlsTable } from '../../scripts/mutants-rls.mjs';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';

let t: TestDb;
let su: postgres.Sql;
let tables: RlsTable[] = [];
let mutants: RlsMutant[] = [];
let skipped: { table: string; kind: string; why: string }[] = [];

beforeAll(async () => {
  t = await createTestDb();
  su = postgres(t.ownerUrl, { max: 1, onnotice: () => {} });
  ({ tables, mutants, skipped } = await generateMutants(su));
}, 120_000);
afterAll(async () => {
  await su?.end();
  await t?.drop();
});

const rollback = new Error('rollback');
/** Runs fn in a transaction that is always rolled back (DDL included); returns what fn returned. */
async function tried<T>(fn: (sql: postgres.TransactionSql) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await su.begin(async (sql) => {
    out = await fn(sql);
    throw rollback;
  }).catch((e: unknown) => { if (e !== rollback) throw e; });
  return out as T;
}

describe('mutants:rls, the SQL mutation tool of the RLS migrations', () => {
  it('uses the setting the tenant context lives in, and the RLS test files that exist', async () => {
    const orgTx = await import('node:fs').then((fs) => fs.readFileSync('src/db/org-tx.ts', 'utf8'));
    expect(orgTx).toContain(`set_config('${ORG_SETTING}'`);
    expect(RLS_TESTS).toEqual(['src/db/rls.every-table.security.test.ts', 'src/db/rls.shared-tables.security.test.ts', 'src/db/rls.security.test.ts']);
  });

  it('every tenant table the app role can reach yields each policy and table mutant, and every table it cannot reach a widened grant', () => {
    const reach = tables.filter((x) => x.appHolds && x.rls);
    expect(reach.map((x) => x.table)).toEqual(expect.arrayContaining(['orgs', 'audit_events', 'memberships', 'integration_credentials', 'api_keys', 'users']));
    const missing: string[] = [];
    for (const x of reach) {
      const kinds = new Set(mutants.filter((m) => m.table === x.table && m.schema === x.schema).map((m) => m.kind));
      const want = x.hasOrg ? ['using-true', 'using-widened', 'check-true', 'check-widened', 'policy-dropped', 'extra-permissive', 'rls-disabled'] : ['using-true', 'using-widened', 'policy-dropped', 'extra-permissive', 'rls-disabled'];
      for (const k of want) if (!kinds.has(k)) missing.push(`${x.table}: ${k}`);
    }
    for (const x of tables.filter((y) => !y.appHolds)) if (!mutants.some((m) => m.table === x.table && m.kind === 'grant-widened')) missing.push(`${x.table}: grant-widened`);
    expect(missing).toEqual([]);
    // FORCE removal is generated only where the app role could own the table; today it owns none.
    expect(tables.filter((x) => x.appOwns)).toEqual([]);
    expect(skipped.filter((s) => s.kind === 'force-removed').length).toBe(reach.length);
    // Mutant ids are unique (the report is keyed by them).
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
    expect(mutants.filter((m) => m.source === null && m.kind !== 'grant-widened')).toEqual([]);
  });

  it('every mutant applies cleanly to the migrated schema (a statement that failed would be counted as a kill)', async () => {
    const failed: string[] = [];
    for (const m of mutants) {
      await tried(async (sql) => { await sql.unsafe(m.sql); }).catch((e: unknown) => failed.push(`${m.id}: ${(e as Error).message}`));
    }
    expect(failed).toEqual([]);
    expect(mutants.length).toBeGreaterThan(200);
  });

  it('each kind of mutant opens the hole it names, on orgs (none is inert by construction)', async () => {
    const as = async (m: RlsMutant | null, org: string | null, q: string): Promise<string> =>
      tried(async (sql) => {
        await sql`insert into orgs (id, name) values ('org_mutaaaa', 'A'), ('org_mutbbbb', 'B')`;
        if (m) await sql.unsafe(m.sql);
        await sql`set local role palisade_app`;
        if (org !== null) await sql`select set_config(${ORG_SETTING}, ${org}, true)`;
        return sql.unsafe(q).then((r) => (r.count !== null && r.command !== 'SELECT' ? `${r.command} ${r.count}` : JSON.stringify(r)), (e: Error) => `error: ${e.message}`);
      });
    const of = (kind: string, table = 'orgs') => mutants.find((m) => m.kind === kind && m.table === table)!;
    const count = "select count(*)::int as n from orgs where id like 'org_mut%'";
    const insertB = "insert into orgs (id, name) values ('org_mutcccc', 'C')";
    // Unmutated: no context sees nothing, A's context sees A, and writing another org's row is refused.
    expect(await as(null, null, count)).toBe('[{"n":0}]');
    expect(await as(null, 'org_mutaaaa', count)).toBe('[{"n":1}]');
    expect(await as(null, 'org_mutaaaa', insertB)).toMatch(/row-level security/);
    expect(await as(null, '', insertB)).toMatch(/row-level security/);
    // Each mutant, the hole it names.
    for (const k of ['using-true', 'extra-permissive', 'rls-disabled']) expect(await as(of(k), 'org_mutaaaa', count), k).toBe('[{"n":2}]');
    expect(await as(of('using-widened'), null, count)).toBe('[{"n":2}]');
    expect(await as(of('using-widened'), 'org_mutaaaa', count)).toBe('[{"n":1}]');
    expect(await as(of('check-true'), 'org_mutaaaa', insertB)).toBe('INSERT 1');
    expect(await as(of('check-widened'), '', insertB)).toBe('INSERT 1');
    expect(await as(of('check-widened'), 'org_mutaaaa', insertB)).toMatch(/row-level security/);
    expect(await as(of('policy-dropped'), 'org_mutaaaa', count)).toBe('[{"n":0}]');
    expect(await as(of('grant-widened', 'sessions'), null, 'select count(*)::int as n from sessions')).toBe('[{"n":0}]');
    expect(await as(null, null, 'select count(*)::int as n from sessions')).toMatch(/permission denied/);
  });
});
