#!/usr/bin/env node
/* `npm run mutants:rls`: mutation testing of the row-level-security migrations (issue 21). Stryker
   mutates TypeScript, not SQL, so this tool mutates the migrated schema itself:
   1. one embedded PostgreSQL for the whole run; the migrations are applied to a base template;
   2. the mutants are read from that migrated catalog (pg_policy, pg_class.relrowsecurity and
      relforcerowsecurity, the app role's grants), so a table a new migration adds joins with no
      list to keep — the kinds a reviewer fears, per policy: USING (true); WITH CHECK (true); the
      predicate widened so a missing or empty organisation context matches (`OR coalesce(
      current_setting('palisade.org_id', true), '') = ''`, the setting src/db/org-tx.ts sets),
      in USING and in WITH CHECK; a second permissive policy for the app role; the policy
      dropped — and per table: row-level security disabled; FORCE removed (only where the app
      role could own the table: where it cannot, FORCE binds no one RLS would otherwise skip,
      and the mutant is equivalent by construction); and per table without row-level security
      that the app role cannot read: SELECT granted to it (a grant widened);
   3. each mutant is applied alone to its own template database cloned from the base, and the
      RLS test files run against it (vitest.rls-mutants.config.ts, test/rls-mutant-setup.ts),
      one after another, stopping at the first failure: a failure kills the mutant;
   4. the score is written to reports/mutation/rls.json (one entry per mutant: kind, table,
      policy, the SQL applied, the migration that made the policy, status and the test that
      killed it) and printed; exits 1 below 85 %.
     npm run mutants:rls                              every mutant
     npm run mutants:rls -- --list                    print the mutants, run nothing
     npm run mutants:rls -- --kinds using-true,rls-disabled --tables orgs,api_keys --limit 20
     npm run mutants:rls -- --tables users --tests src/db/rls.shared-tables.security.test.ts
   The unmutated base must pass the same tests first. src/db/rls.mutants.test.ts keeps the
   generator honest in CI (every tenant table yields its mutants, and each applies cleanly and is
   observable), without running the mutants. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The setting the tenant context lives in (src/db/org-tx.ts). */
export const ORG_SETTING = 'palisade.org_id';
export const APP_ROLE = 'palisade_app';
// The generic test first: it reaches every table (the older file only orgs and audit_events).
export const RLS_TESTS = ['src/db/rls.every-table.security.test.ts', 'src/db/rls.shared-tables.security.test.ts', 'src/db/rls.security.test.ts'];
export const KINDS = ['using-true', 'check-true', 'using-widened', 'check-widened', 'extra-permissive', 'policy-dropped', 'rls-disabled', 'force-removed', 'grant-widened'];
const ORDER = ['using-widened', 'check-widened', 'rls-disabled', 'extra-permissive', 'grant-widened', 'force-removed', 'policy-dropped', 'using-true', 'check-true'];

const ident = (s) => `"${String(s).replace(/"/g, '""')}"`;
/** The schemas our migrations create tables in (graphile_worker's tables and RLS are the library's own). */
export const SCHEMAS = ['public', 'palisade_internal'];
const WIDEN = `coalesce(current_setting('${ORG_SETTING}', true), '') = ''`;

/** Which migration creates a policy, or enables row-level security on a table (best effort: a
    policy made in a DO block by format() names no table literally). */
export function migrationSources(dir = 'src/db/migrations') {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const policy = new Map();
  const rls = new Map();
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/create\s+policy\s+"?(\w+)"?\s+on\s+(?:public\.)?"?(\w+)"?/gi)) policy.set(`${m[2]}.${m[1]}`, f);
    for (const m of text.matchAll(/alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(?:public\.)?"?(\w+)"?\s+enable\s+row\s+level\s+security/gi)) if (!rls.has(m[1])) rls.set(m[1], f);
  }
  return { policy, rls };
}

/** The mutants of a migrated database, read from its catalog through `sql` (a postgres.js
    superuser connection). Returns { mutants, skipped } — skipped names what was not generated and why. */
export async function generateMutants(sql, sources = migrationSources()) {
  const tables = await sql`
    select n.nspname as schema, c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as force,
           pg_has_role(${APP_ROLE}, c.relowner, 'USAGE') as "appOwns",
           has_table_privilege(${APP_ROLE}, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
             or has_any_column_privilege(${APP_ROLE}, c.oid, 'SELECT, INSERT, UPDATE, REFERENCES') as "appHolds",
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped) as "hasOrg"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = any(${SCHEMAS})
    order by 1, 2`;
  const policies = await sql`
    select n.nspname as schema, c.relname as table, p.polname as policy, p.polpermissive as permissive, p.polcmd::text as cmd,
           pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as "check"
    from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${SCHEMAS})
    order by 1, 2, 3`;
  const mutants = [];
  const skipped = [];
  const add = (m) => mutants.push({ id: `${m.kind}:${m.schema === 'public' ? '' : m.schema + '.'}${m.table}${m.policy ? '.' + m.policy : ''}`, ...m });
  for (const p of policies) {
    const on = `${ident(p.schema)}.${ident(p.table)}`;
    const pol = `${ident(p.policy)} on ${on}`;
    const source = sources.policy.get(`${p.table}.${p.policy}`) ?? null;
    const base = { table: p.table, schema: p.schema, policy: p.policy, source };
    if (!tables.find((t) => t.schema === p.schema && t.table === p.table)?.appHolds) {
      // Only palisade_app is subject to RLS (the other roles are BYPASSRLS); without a privilege
      // on the table it never meets the policy. The table's grant-widened mutant attacks that wall.
      skipped.push({ table: p.table, kind: `policy mutants of ${p.policy}`, why: `equivalent behind the grant: ${APP_ROLE} holds no privilege on the table` });
      continue;
    }
    // An ALL or UPDATE policy without WITH CHECK checks new rows with USING; INSERT has only WITH CHECK.
    const writes = p.cmd === '*' || p.cmd === 'a' || p.cmd === 'w';
    const check = p.check ?? (p.cmd === '*' || p.cmd === 'w' ? p.qual : null);
    if (p.qual !== null) {
      // USING (true) alone would leave an ALL policy's implicit check on USING: keep the check as it was.
      const keep = writes && p.check === null && check !== null ? ` with check (${check})` : '';
      add({ ...base, kind: 'using-true', sql: `alter policy ${pol} using (true)${keep}` });
      add({ ...base, kind: 'using-widened', sql: `alter policy ${pol} using ((${p.qual}) or ${WIDEN})${keep}` });
    }
    if (writes && check !== null) {
      add({ ...base, kind: 'check-true', sql: `alter policy ${pol} with check (true)` });
      add({ ...base, kind: 'check-widened', sql: `alter policy ${pol} with check ((${check}) or ${WIDEN})` });
    }
    add({ ...base, kind: 'policy-dropped', sql: `drop policy ${pol}` });
  }
  for (const t of tables) {
    const on = `${ident(t.schema)}.${ident(t.table)}`;
    const base = { table: t.table, schema: t.schema, policy: null, source: sources.rls.get(t.table) ?? null };
    if (!t.appHolds) {
      // The grant is the first wall: the app role holds no privilege here, so a mutant of the
      // table's RLS alone is invisible to it. Widening the grant is the mutant (on a table with
      // RLS and no policy, RLS is the second wall, and the grant-coherence test is the one that sees it).
      add({ ...base, kind: 'grant-widened', sql: `grant select, insert, update, delete on ${on} to ${APP_ROLE}` });
      if (t.rls) skipped.push({ table: t.table, kind: 'rls-disabled, extra-permissive', why: `equivalent behind the grant: ${APP_ROLE} holds no privilege on the table (its grant-widened mutant attacks that wall)` });
      continue;
    }
    if (!t.rls) {
      skipped.push({ table: t.table, kind: 'rls-disabled, extra-permissive, force-removed', why: 'no row-level security to mutate (the grant-coherence test allows the app role such a table only by name)' });
      continue;
    }
    add({ ...base, kind: 'extra-permissive', sql: `create policy mutant_open on ${on} as permissive for all to ${APP_ROLE} using (true) with check (true)` });
    add({ ...base, kind: 'rls-disabled', sql: `alter table ${on} disable row level security` });
    if (t.force && t.appOwns) add({ ...base, kind: 'force-removed', sql: `alter table ${on} no force row level security` });
    else skipped.push({ table: t.table, kind: 'force-removed', why: `equivalent for ${APP_ROLE}: FORCE binds only the table's owner (and its members), and ${APP_ROLE} is neither${t.force ? '' : ' (FORCE is not set)'}` });
  }
  // The holes a reviewer fears most first (a run cut short still measured them); USING (true) and
  // WITH CHECK (true) last: every context a widened predicate's test attacks, they open too.
  const rank = (m) => ORDER.indexOf(m.kind);
  mutants.sort((a, b) => rank(a) - rank(b));
  return { tables, policies, mutants, skipped };
}

/** Runs the RLS test files against template `template` on `superUrl`; resolves to
    { status: 'passed' | 'failed' | 'timeout', failed: [test titles], seconds }. */
function runTests(superUrl, template, tests, jsonOut) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.rls-mutants.config.ts', '--bail', '1', '--reporter', 'dot', '--reporter', 'json', '--outputFile.json', jsonOut, ...tests], {
      env: { ...process.env, PALISADE_RLS_MUTANT_SERVER: superUrl, PALISADE_RLS_MUTANT_TEMPLATE: template, MUTANTS_TEST_ORDER: tests.join(',') },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      let failed = [];
      try {
        const r = JSON.parse(readFileSync(jsonOut, 'utf8'));
        failed = r.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${f.name.replace(`${process.cwd()}/`, '')}: ${a.title}`));
      } catch { /* no report: the run died */ }
      resolve({ status: code === 0 ? 'passed' : code === null ? 'timeout' : 'failed', failed, seconds, out });
    });
  });
}

/** One vitest for the whole run (its start-up, configuration and transforms paid once): each
    mutant's run is told its template through the project's provided context. */
async function inProcessRunner(superUrl, template, tests) {
  const { createVitest } = await import('vitest/node');
  const { resolve } = await import('node:path');
  Object.assign(process.env, { PALISADE_RLS_MUTANT_SERVER: superUrl, PALISADE_RLS_MUTANT_TEMPLATE: template, MUTANTS_TEST_ORDER: tests.join(',') });
  const vitest = await createVitest('test', { config: 'vitest.rls-mutants.config.ts', watch: false, bail: 1, reporters: ['dot'] });
  await vitest.standalone();
  const files = tests.map((f) => resolve(f));
  const run = async (db) => {
    const started = Date.now();
    vitest.getRootProject().provide('pgTemplate', db);
    const r = await vitest.runTestFiles(files);
    const failed = [];
    let passed = 0;
    for (const m of r.testModules) {
      for (const tc of m.children.allTests()) {
        const state = tc.result().state;
        if (state === 'failed') failed.push(`${m.moduleId.replace(`${process.cwd()}/`, '')}: ${tc.name}`);
        if (state === 'passed') passed += 1;
      }
      if (m.state() === 'failed' && ![...m.children.allTests()].some((tc) => tc.result().state === 'failed')) failed.push(`${m.moduleId.replace(`${process.cwd()}/`, '')}: (the file failed: ${m.errors().map((e) => e.message).join('; ').slice(0, 300)})`);
    }
    for (const e of r.unhandledErrors) failed.push(`unhandled: ${String(e?.message ?? e).slice(0, 300)}`);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    return { status: failed.length || passed === 0 ? 'failed' : 'passed', failed: failed.length || passed > 0 ? failed : ['(no test ran)'], seconds, out: '' };
  };
  return { run, close: () => vitest.close() };
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const list = (name) => (opt(name) ?? '').split(',').filter(Boolean);
  const kinds = list('--kinds');
  const tablesOnly = list('--tables');
  const limit = Number(opt('--limit') ?? Infinity);
  const out = opt('--out') ?? 'reports/mutation/rls.json';
  // --tests a,b: other test files (or another order), e.g. to see which file alone kills a mutant.
  const tests = list('--tests').length ? list('--tests') : RLS_TESTS;
  const { startEmbedded } = await import('../src/db/embedded.ts');
  const { migrate } = await import('../src/db/migrate.ts');
  const { ensureRoleLogins } = await import('../src/db/roles.ts');
  const postgres = (await import('postgres')).default;

  const dir = mkdtempSync(join(tmpdir(), 'palisade-rls-mutants-'));
  const server = await startEmbedded({ dataDir: dir, ephemeral: true });
  const stop = async () => { await server.stop(); rmSync(dir, { recursive: true, force: true }); };
  process.on('SIGINT', () => { void stop().then(() => process.exit(130)); });
  try {
    const su = postgres(server.url, { max: 1, onnotice: () => {} });
    const urlOf = (db) => server.url.replace(/\/postgres$/, `/${db}`);
    const BASE = 'palisade_rls_base';
    await su.unsafe(`create database ${BASE}`);
    await migrate(urlOf(BASE));
    await ensureRoleLogins(urlOf(BASE));
    const baseSql = postgres(urlOf(BASE), { max: 1, onnotice: () => {} });
    const { mutants: all, skipped } = await generateMutants(baseSql);
    await baseSql.end();
    const mutants = all.filter((m) => (!kinds.length || kinds.includes(m.kind)) && (!tablesOnly.length || tablesOnly.includes(m.table))).slice(0, limit);
    if (args.includes('--list')) {
      for (const m of mutants) console.log(`${m.id}\t${m.source ?? ''}\t${m.sql}`);
      for (const s of skipped) console.log(`skipped ${s.kind}:${s.table}\t${s.why}`);
      console.log(`${mutants.length} mutants (${all.length} in all), ${skipped.length} not generated`);
      return 0;
    }
    mkdirSync('reports/mutation', { recursive: true });
    const jsonOut = join(dir, 'vitest.json');
    // In one vitest (default), or a vitest process per mutant (--spawn: slower, nothing shared).
    const inProcess = args.includes('--spawn') ? null : await inProcessRunner(server.url, BASE, tests);
    const test = (db) => (inProcess ? inProcess.run(db) : runTests(server.url, db, tests, jsonOut));
    const baselineOk = async (when) => {
      const b = await test(BASE);
      if (b.status !== 'passed') {
        console.error(b.out, b.failed);
        throw new Error(`mutants:rls: the RLS tests fail on the unmutated schema ${when}; fix that first`);
      }
      return b;
    };
    const baseline = await baselineOk('before the mutants');
    console.log(`mutants:rls: baseline passed in ${baseline.seconds} s; ${mutants.length} mutants`);
    // --resume <report.json>: keep an earlier run's verdicts for the same mutant (same id and SQL).
    const earlier = new Map();
    if (opt('--resume')) for (const r of JSON.parse(readFileSync(opt('--resume'), 'utf8')).mutants) if (r.status !== 'Error') earlier.set(`${r.id}\n${r.sql}`, r);
    const results = [];
    const started = Date.now();
    for (const [i, m] of mutants.entries()) {
      const kept = earlier.get(`${m.id}\n${m.sql}`);
      if (kept) {
        results.push({ ...kept, resumed: true });
        continue;
      }
      // Every 25 mutants the unmutated schema runs again: a run that leaked state into the next
      // (one vitest serves them all) would show here, and the whole run would stop.
      if (inProcess && i % 25 === 24) await baselineOk(`after ${i} mutants`);
      const db = `palisade_rls_m${i}`;
      await su.unsafe(`create database ${db} template ${BASE}`);
      let r;
      const msql = postgres(urlOf(db), { max: 1, onnotice: () => {} });
      try {
        await msql.unsafe(m.sql);
        await msql.end();
        r = await test(db);
      } catch (e) {
        await msql.end();
        r = { status: 'error', failed: [], seconds: 0, out: (e).message };
      }
      await su.unsafe(`drop database if exists ${db} with (force)`);
      const status = r.status === 'passed' ? 'Survived' : r.status === 'error' ? 'Error' : r.status === 'timeout' ? 'Timeout' : 'Killed';
      results.push({ ...m, status, killedBy: r.failed, seconds: r.seconds, ...(status === 'Error' ? { error: r.out } : {}) });
      console.log(`[${i + 1}/${mutants.length}] ${status.padEnd(8)} ${m.id} (${r.seconds} s)${r.failed[0] ? ` ← ${r.failed[0]}` : ''}`);
      writeFileSync(out, JSON.stringify({ tool: 'scripts/mutants-rls.mjs', tests, date: new Date().toISOString(), partial: i + 1 < mutants.length, mutants: results, skipped }, null, 2));
    }
    if (inProcess) {
      await baselineOk('after the mutants');
      await inProcess.close();
    }
    const n = (s) => results.filter((r) => s.includes(r.status)).length;
    const killed = n(['Killed', 'Timeout']);
    const survived = n(['Survived']);
    const score = killed + survived ? (100 * killed) / (killed + survived) : 100;
    const structural = results.filter((r) => r.status === 'Killed' && r.killedBy.every((t) => /canonical policy/.test(t))).length;
    console.log(`\nmutants:rls: ${killed} killed, ${survived} survived, ${n(['Error'])} errors: ${score.toFixed(1)} % (${structural} killed only by the structural policy comparison), ${Math.round((Date.now() - started) / 60000)} min`);
    for (const r of results.filter((x) => x.status === 'Survived')) console.log(`  survived: ${r.id}  ${r.sql}`);
    for (const s of skipped) console.log(`  not generated: ${s.kind}:${s.table} (${s.why})`);
    await su.end();
    return score >= 85 ? 0 : 1;
  } finally {
    await stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(2); });
}
