#!/usr/bin/env node
/* Replays a Stryker report's survivors against test files, one mutant at a time, in the working
   tree (issue 21): "after the new tests" in docs/testing.md is this script's count, not a guess.
     node scripts/mutants-replay.mjs <report.json> <src file> [--pure] [--lines a-b] [--only ids] <test files…>
   Each Survived or NoCoverage mutant of <src file> is written into the file, the test files run
   (vitest, property tests capped as under Stryker), and the file is restored — also on Ctrl-C.
   A mutant is killed when the run fails or hangs past 5 minutes. --pure runs without the global
   setup (no PostgreSQL): for tests of pure code, about 3 s a mutant instead of 15. --lines
   limits the replay to mutants starting in that line range, --only to the report's mutant ids
   (comma-separated). The tests must pass on the unmutated code first. Prints one line per mutant and
   the count; exits 0. Run it alone: it edits the source file while it runs. */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const pure = args.includes('--pure');
const li = args.indexOf('--lines');
const lines = li >= 0 ? args.splice(li, 2)[1].split('-').map(Number) : null;
const oi = args.indexOf('--only');
const only = oi >= 0 ? new Set(args.splice(oi, 2)[1].split(',')) : null;
const [reportPath, file, ...tests] = args.filter((a) => a !== '--pure');
if (!reportPath || !file || tests.length === 0) {
  console.error('usage: node scripts/mutants-replay.mjs <report.json> <src file> [--pure] [--lines a-b] <test files…>');
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const entry = report.files[file];
if (!entry) throw new Error(`${file} is not in ${reportPath}`);
const original = readFileSync(file, 'utf8');
if (original !== entry.source) throw new Error(`${file} differs from the source the report mutated: replay needs the same code`);

const offsets = [0];
for (let i = 0; i < original.length; i++) if (original[i] === '\n') offsets.push(i + 1);
const at = (p) => offsets[p.line - 1] + p.column - 1; // the report's lines and columns are 1-based

let config = 'vitest.mutants.config.ts';
if (pure) {
  mkdirSync('reports/mutation', { recursive: true });
  config = 'reports/mutation/replay.config.mts';
  writeFileSync(config, `import { defineConfig } from 'vitest/config';
export default defineConfig({ root: ${JSON.stringify(process.cwd())}, test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], pool: 'forks', testTimeout: 120_000, hookTimeout: 300_000, setupFiles: ['test/mutants-setup.ts'], reporters: ['dot'], env: { PALISADE_LOG_LEVEL: 'silent' } } });
`);
}

const restore = () => writeFileSync(file, original);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { restore(); process.exit(130); });

const todo = entry.mutants.filter((m) => (m.status === 'Survived' || m.status === 'NoCoverage') && (!lines || (m.location.start.line >= lines[0] && m.location.start.line <= lines[1])) && (!only || only.has(m.id)));
// Asynchronous, so Ctrl-C (or a TERM) reaches the handler above and the file is restored.
const run = () =>
  new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', '--config', config, '--bail', '1', ...tests], { env: { ...process.env, MUTANTS_TEST_ORDER: tests.join(',') } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
const control = await run();
if (control.status !== 0) throw new Error(`the tests fail on the unmutated code: fix them first\n${control.out}`);
let killed = 0;
try {
  for (const m of todo) {
    const mutated = original.slice(0, at(m.location.start)) + m.replacement + original.slice(at(m.location.end));
    writeFileSync(file, mutated);
    const r = await run();
    const dead = r.status !== 0;
    if (dead) killed++;
    const where = `${m.location.start.line}:${m.location.start.column}`;
    console.log(`${dead ? 'killed  ' : 'survived'} ${m.id} ${where} ${m.mutatorName} ${JSON.stringify(m.replacement).slice(0, 80)}${r.status === null ? ' (timeout)' : ''}`);
  }
} finally {
  restore();
}
console.log(`\n${file}: ${killed} of ${todo.length} survivors killed by ${tests.join(', ')}`);
