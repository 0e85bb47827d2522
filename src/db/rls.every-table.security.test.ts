/* TEN-2 on every tenant table, generically: the tables come from the catalog (every public table
   with an org_id column), so a table added tomorrow is attacked the day it lands, with no list to
   keep. For each table, a row of organisation A and a row of organisation B are written as the
   superuser; then the app role, inside A's context, with no context at all, and with the empty
   context a finished transaction leaves on a pooled connection, must not see, update, delete or
   insert a row of another organisation. Each attempt that the app role's grants do not allow at
   all is unwritable by grant, which is also fine; an attempt the grants allow must be stopped by
   row-level security itself.
   The policies are also compared structurally: PostgreSQL's own deparse of each policy's
   expressions must equal the one canonical tenant expression (no OR, no extra permissive policy),
   not merely contain it.
   To write synthetic rows into any table, this throwaway database drops its CHECK and FOREIGN KEY
   constraints and user triggers first (none of them is an isolation mechanism; RLS and grants are
   left untouched). Issue 21: a policy on integration_credentials that also matched when no
   organisation was set once passed the suite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';

const A = 'org_rlsaaaa';
const B = 'org_rlsbbbb';
const CANONICAL = "(org_id = current_setting('palisade.org_id'::text, true))";

interface Column { name: string; type: string; notNull: boolean; hasDefault: boolean; generated: string; identity: string; enumLabel: string | null; genExpr: string | null }
interface Table { name: string; columns: Column[] }

let t: TestDb;
let tables: Table[] = [];
/** One superuser connection for the file (inspection and synthetic rows only; opening one per query cost seconds). */
let su: postgres.Sql;
const superuser = <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => fn(su);

/** A text value PostgreSQL will cast to `type`, distinct per call where uniqueness may matter. */
let seq = 0;
function valueFor(c: Column): string {
  seq += 1;
  if (c.enumLabel !== null) return c.enumLabel;
  const type = c.type.replace(/\(.*\)/, '');
  if (type.endsWith('[]')) return '{}';
  if (/^(smallint|integer|bigint|numeric|real|double precision)$/.test(type)) return String(seq);
  if (type === 'boolean') return 'false';
  if (/^timestamp|^date$/.test(type)) return '2031-01-01T00:00:00Z';
  if (type === 'interval') return '1 hour';
  if (type === 'bytea') return `\\x${seq.toString(16).padStart(8, '0')}`;
  if (type === 'jsonb' || type === 'json') return '{}';
  if (type === 'uuid') return `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
  if (type === 'inet' || type === 'cidr') return '192.0.2.1';
  if (type === 'xid8') return '1';
  return `v${seq}_rls`; // text, varchar, citext and anything with a text input
}

beforeAll(async () => {
  t = await createTestDb();
  su = postgres(t.ownerUrl, { max: 1, onnotice: () => {} });
  tables = await superuser(async (sql) => {
    const names = await sql<{ name: string }[]>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
      order by 1`;
    const out: Table[] = [];
    for (const { name } of names) {
      const columns = await sql<Column[]>`
        select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
               a.atthasdef as "hasDefault", a.attgenerated as generated, a.attidentity as identity,
               (select e.enumlabel from pg_enum e where e.enumtypid = a.atttypid order by e.enumsortorder limit 1) as "enumLabel",
               case when a.attgenerated <> '' then pg_get_expr(d.adbin, d.adrelid) end as "genExpr"
        from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = ${'public.' + name}::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`;
      out.push({ name, columns });
    }
    // Make synthetic rows possible (constraints and triggers only; policies and grants untouched).
    const cons = await sql<{ tbl: string; con: string }[]>`
      select c.conrelid::regclass::text as tbl, c.conname as con from pg_constraint c
      join pg_class r on r.oid = c.conrelid join pg_namespace n on n.oid = r.relnamespace
      where n.nspname = 'public' and c.contype in ('c', 'f')`;
    for (const c of cons) await sql.unsafe(`alter table ${c.tbl} drop constraint if exists "${c.con}"`);
    for (const tb of out) await sql.unsafe(`alter table "${tb.name}" disable trigger user`);
    // One row of each organisation in every tenant table.
    for (const tb of out) for (const org of [A, B]) await sql.unsafe(...insertStatement(tb, org));
    return out;
  });
}, 120_000);
afterAll(async () => { await su?.end(); await t?.drop(); });

/** An INSERT of one synthetic row of `org` into `tb`: org_id (or the column it is generated
    from) set to the organisation, every other required column given a value of its type. */
function insertStatement(tb: Table, org: string, only?: Set<string>): [string, string[]] {
  const cols: string[] = [];
  const vals: string[] = [];
  const orgCol = tb.columns.find((c) => c.name === 'org_id');
  const orgSource = orgCol?.generated ? /^"?(\w+)"?$/.exec(orgCol.genExpr ?? '')?.[1] : 'org_id';
  if (!orgSource) throw new Error(`${tb.name}.org_id is generated from an expression this test cannot drive: ${orgCol?.genExpr}`);
  for (const c of tb.columns) {
    if (c.generated || c.identity === 'a') continue;
    if (c.name === orgSource) { cols.push(c.name); vals.push(org); continue; }
    if (!c.notNull || c.hasDefault || c.identity) continue;
    if (only && !only.has(c.name)) continue;
    cols.push(c.name);
    vals.push(valueFor(c));
  }
  const types = tb.columns;
  const placeholders = cols.map((name, i) => `$${i + 1}::${types.find((c) => c.name === name)!.type}`);
  return [`insert into "${tb.name}" (${cols.map((c) => `"${c}"`).join(', ')}) values (${placeholders.join(', ')})`, vals];
}

type Context = 'org A' | 'no org' | 'empty org';
const CONTEXTS: Context[] = ['org A', 'no org', 'empty org'];

/** Runs `fn` as palisade_app in a transaction with the given context, always rolled back. */
async function asApp<T>(ctx: Context, fn: (sql: postgres.TransactionSql) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  let result: { ok: true; value: T } | { ok: false; error: string } = { ok: false, error: 'not run' };
  const rollback = new Error('rollback');
  try {
    await t.db.app.begin(async (sql) => {
      if (ctx === 'org A') await sql`select set_config('palisade.org_id', ${A}, true)`;
      if (ctx === 'empty org') await sql`select set_config('palisade.org_id', '', true)`;
      try {
        result = { ok: true, value: await fn(sql) };
      } catch (e) {
        result = { ok: false, error: (e as Error).message };
      }
      throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return result;
}

type Privileges = { select: boolean; insert: boolean; update: string[]; del: boolean; selectCols: string[] };
const privilegeCache = new Map<string, Privileges>();

/** What the app role's grants allow on a table (cached: grants do not change during the run). */
async function privileges(table: string): Promise<Privileges> {
  const cached = privilegeCache.get(table);
  if (cached) return cached;
  const [p] = await superuser((sql) => sql<{ s: boolean; i: boolean; d: boolean }[]>`
    select has_table_privilege('palisade_app', ${'public.' + table}, 'SELECT') as s,
           has_any_column_privilege('palisade_app', ${'public.' + table}, 'INSERT') as i,
           has_table_privilege('palisade_app', ${'public.' + table}, 'DELETE') as d`);
  const cols = await superuser((sql) => sql<{ name: string; u: boolean; s: boolean }[]>`
    select a.attname as name,
           has_column_privilege('palisade_app', ${'public.' + table}, a.attname, 'UPDATE') as u,
           has_column_privilege('palisade_app', ${'public.' + table}, a.attname, 'SELECT') as s
    from pg_attribute a where a.attrelid = ${'public.' + table}::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''`);
  const result = { select: p!.s, insert: p!.i, del: p!.d, update: cols.filter((c) => c.u && c.s).map((c) => c.name), selectCols: cols.filter((c) => c.s).map((c) => c.name) };
  privilegeCache.set(table, result);
  return result;
}

/** Rows of its own organisation the app role may reach: A's one row, in A's context only. */
const ownRows = (ctx: Context): number => (ctx === 'org A' ? 1 : 0);

describe('row-level security on every tenant table', () => {
  it('TEN-2: the catalog lists the tenant tables, and each holds a row of two organisations', async () => {
    expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['orgs', 'audit_events', 'memberships', 'integration_credentials', 'api_keys', 'crypto_keys']));
    for (const tb of tables) {
      const [r] = await superuser((sql) => sql.unsafe<{ a: number; b: number }[]>(`select count(*) filter (where org_id = $1)::int as a, count(*) filter (where org_id = $2)::int as b from "${tb.name}"`, [A, B]));
      expect(r, tb.name).toEqual({ a: 1, b: 1 });
    }
  });

  it('TEN-2: no tenant table shows the app role a row of another organisation, in an organisation\'s context, with none, or with an empty one', async () => {
    const leaks: string[] = [];
    let checked = 0;
    for (const tb of tables) {
      const p = await privileges(tb.name);
      if (!p.select && p.selectCols.length === 0) continue; // unreadable by grant
      const col = p.selectCols[0]!;
      for (const ctx of CONTEXTS) {
        const r = await asApp(ctx, (sql) => sql.unsafe<{ n: number }[]>(`select count("${col}")::int as n from "${tb.name}"`));
        checked += 1;
        if (!r.ok) { leaks.push(`${tb.name} (${ctx}): select failed: ${r.error}`); continue; }
        const expected = ownRows(ctx);
        if (r.value[0]!.n !== expected) leaks.push(`${tb.name} (${ctx}): sees ${r.value[0]!.n} rows, expected ${expected}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(3 * 10);
  });

  it('TEN-2: no tenant table lets the app role update or delete a row of another organisation, or move its own row into one', async () => {
    const problems: string[] = [];
    for (const tb of tables) {
      const p = await privileges(tb.name);
      const col = p.update.find((c) => c !== 'org_id');
      for (const ctx of CONTEXTS) {
        const expected = ownRows(ctx);
        if (col) {
          const r = await asApp(ctx, (sql) => sql.unsafe(`update "${tb.name}" set "${col}" = "${col}"`));
          if (r.ok && r.value.count !== expected) problems.push(`${tb.name} (${ctx}): update touched ${r.value.count} rows, expected ${expected}`);
          if (!r.ok && !/permission denied/.test(r.error)) problems.push(`${tb.name} (${ctx}): update failed oddly: ${r.error}`);
        }
        if (p.del) {
          const r = await asApp(ctx, (sql) => sql.unsafe(`delete from "${tb.name}"`));
          if (r.ok && r.value.count !== expected) problems.push(`${tb.name} (${ctx}): delete removed ${r.value.count} rows, expected ${expected}`);
          if (!r.ok && !/permission denied|append-only|cannot/.test(r.error)) problems.push(`${tb.name} (${ctx}): delete failed oddly: ${r.error}`);
        }
      }
      if (p.update.includes('org_id')) {
        const r = await asApp('org A', (sql) => sql.unsafe(`update "${tb.name}" set org_id = $1`, [B]));
        if (r.ok) problems.push(`${tb.name}: the app role moved its row into another organisation (${r.value.count} rows)`);
        else if (!/row-level security/.test(r.error)) problems.push(`${tb.name}: moving a row failed, but not by RLS: ${r.error}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('TEN-2: no tenant table lets the app role insert a row of another organisation, in an organisation\'s context, with none, or with an empty one', async () => {
    const problems: string[] = [];
    let attacked = 0;
    for (const tb of tables) {
      const p = await privileges(tb.name);
      if (!p.insert) continue; // unwritable by grant
      for (const ctx of CONTEXTS) {
        const r = await asApp(ctx, (sql) => sql.unsafe(...insertStatement(tb, B)));
        attacked += 1;
        if (r.ok) problems.push(`${tb.name} (${ctx}): inserted a row of another organisation`);
        else if (!/row-level security|permission denied/.test(r.error)) problems.push(`${tb.name} (${ctx}): refused, but not by RLS: ${r.error}`);
      }
    }
    expect(problems).toEqual([]);
    expect(attacked).toBeGreaterThanOrEqual(3 * 5);
  });

  it('TEN-2: the app role holds privileges only on tables under forced row-level security with a policy that admits it, or on a global table named here', async () => {
    // Global tables the app role may read without RLS: no organisation's data in them.
    const GLOBAL: Record<string, string> = { 'public.platform_plan_default': 'the platform default plan (one row, no tenant data)' };
    const rows = await superuser((sql) => sql<{ table: string; rls: boolean; force: boolean; policies: number }[]>`
      select n.nspname || '.' || c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as force,
             (select count(*) from pg_policy p where p.polrelid = c.oid and p.polpermissive
                and (0 = any(p.polroles) or (select oid from pg_roles where rolname = 'palisade_app') = any(p.polroles)))::int as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm') and n.nspname not in ('pg_catalog', 'information_schema', 'graphile_worker') and n.nspname not like 'pg\\_%'
        and (has_table_privilege('palisade_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
             or has_any_column_privilege('palisade_app', c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))
      order by 1`);
    const problems = rows.filter((r) => !(r.table in GLOBAL) && !(r.rls && r.force && r.policies > 0)).map((r) => `${r.table}: rls ${r.rls}, force ${r.force}, ${r.policies} policies admitting the app role`);
    expect(problems).toEqual([]);
    // The tenant tables the other tests attack are among them (the query sees what the app role holds).
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(['public.orgs', 'public.audit_events', 'public.users', 'public.platform_plan_default']));
  });

  it('TEN-2: every tenant table has exactly the canonical policy (compared as PostgreSQL deparses it), and no other permissive one', async () => {
    const rows = await superuser((sql) => sql<{ table: string; name: string; permissive: boolean; cmd: string; roles: string[]; qual: string | null; check: string | null }[]>`
      select c.relname as table, p.polname as name, p.polpermissive as permissive, p.polcmd::text as cmd,
             array(select case when r = 0 then 'public' else pg_get_userbyid(r) end from unnest(p.polroles) r) as roles,
             pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as check
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' order by 1, 2`);
    const problems: string[] = [];
    for (const tb of tables) {
      const mine = rows.filter((r) => r.table === tb.name && r.permissive);
      const canonical = { cmd: '*', roles: ['public'], qual: CANONICAL, check: CANONICAL };
      if (mine.length !== 1) problems.push(`${tb.name}: ${mine.length} permissive policies`);
      for (const r of mine) {
        const got = { cmd: r.cmd, roles: r.roles, qual: r.qual, check: r.check };
        if (JSON.stringify(got) !== JSON.stringify(canonical)) problems.push(`${tb.name}.${r.name}: ${JSON.stringify(got)}`);
      }
    }
    // Policies on tables without org_id (users: visible to members of the current organisation;
    // incidents: a confirmed one, to the organisations it affected — migration 0200, read-only).
    const others = rows.filter((r) => !tables.some((tb) => tb.name === r.table)).map((r) => `${r.table}.${r.name} ${r.cmd} ${r.roles.join(',')} ${r.qual}`);
    expect(others).toEqual([
      "incidents.affected_org_reads r palisade_app ((confirmed_at IS NOT NULL) AND (EXISTS ( SELECT 1\n   FROM incident_orgs o\n  WHERE ((o.incident_id = incidents.id) AND (o.org_id = current_setting('palisade.org_id'::text, true))))))",
      "users.members_of_current_org r palisade_app (EXISTS ( SELECT 1\n   FROM memberships m\n  WHERE ((m.user_id = users.id) AND (m.org_id = current_setting('palisade.org_id'::text, true)))))",
    ]);
    expect(problems).toEqual([]);
  });
});
