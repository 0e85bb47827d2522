#!/usr/bin/env node
/* `npm run mutants [group…]`: StrykerJS over the security-critical files, one group after another
   (scripts/mutants-groups.mjs), then a score per file in reports/mutation/summary.md.
     npm run mutants                  every group
     npm run mutants dlp aead         the named groups
     npm run mutants -- --changed     only groups whose files differ from main (incremental: each
                                      group reuses its last report for unchanged code)
   Exits 1 when a file scores below 85% (the target of issue 21). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { GROUPS } from './mutants-groups.mjs';

const args = process.argv.slice(2);
const changedOnly = args.includes('--changed');
let groups = GROUPS.filter((g) => args.filter((a) => !a.startsWith('--')).length === 0 || args.includes(g.name));
if (changedOnly) {
  const base = process.env.MUTANTS_BASE ?? 'main';
  const diff = spawnSync('git', ['diff', '--name-only', `${base}...HEAD`], { encoding: 'utf8' });
  const changed = new Set(diff.stdout.split('\n').filter(Boolean));
  const file = (p) => p.replace(/:.*$/, '');
  groups = groups.filter((g) => [...g.mutate.map(file), ...g.tests].some((f) => changed.has(f)));
  if (groups.length === 0) console.log(`mutants: no security-critical file changed since ${base}`);
}

mkdirSync('reports/mutation', { recursive: true });
let failed = false;
for (const g of groups) {
  console.log(`\nmutants: group ${g.name}: ${g.mutate.join(', ')} ← ${g.tests.join(', ')}`);
  const r = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, MUTANTS_GROUP: g.name, MUTANTS_INCREMENTAL: changedOnly ? '1' : (process.env.MUTANTS_INCREMENTAL ?? '0') },
  });
  if (r.status !== 0) {
    console.error(`mutants: group ${g.name}: stryker exited ${r.status}`);
    failed = true;
  }
}

// Score per file from every group's last JSON report (mutation-testing-report-schema).
const rows = [];
for (const g of GROUPS) {
  const f = `reports/mutation/${g.name}.json`;
  if (!existsSync(f)) continue;
  const report = JSON.parse(readFileSync(f, 'utf8'));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const n = (s) => mutants.filter((m) => s.includes(m.status)).length;
    const killed = n(['Killed', 'Timeout']);
    const survived = n(['Survived', 'NoCoverage']);
    const valid = killed + survived;
    const score = valid ? (100 * killed) / valid : 100;
    rows.push({ group: g.name, file, killed, survived, ignored: n(['Ignored']), errors: n(['CompileError', 'RuntimeError']), score });
    if (groups.includes(g) && score < 85) failed = true;
  }
}
const table = ['| file | killed | survived | score |', '|---|---:|---:|---:|', ...rows.map((r) => `| ${r.file} | ${r.killed} | ${r.survived} | ${r.score.toFixed(1)}% |`)].join('\n');
writeFileSync('reports/mutation/summary.md', `${table}\n`);
console.log(`\n${table}`);
process.exit(failed ? 1 : 0);
