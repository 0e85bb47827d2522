// @ts-check
/* Mutation testing (issue 21): StrykerJS over the security-critical files, one group at a time.
   A group names the files it mutates and the only test files that run against them (scripts/
   mutants.mjs picks the group through MUTANTS_GROUP); with perTest coverage each mutant runs only
   the tests that reach its line. Scores and every survivor's explanation: docs/testing.md. */
import { GROUPS } from './scripts/mutants-groups.mjs';

const name = process.env.MUTANTS_GROUP ?? '';
const group = GROUPS.find((g) => g.name === name);
if (!group) throw new Error(`MUTANTS_GROUP must name one of: ${GROUPS.map((g) => g.name).join(', ')} (run \`npm run mutants\`)`);
// MUTANTS_TESTS (comma-separated) runs a subset of the group's tests: a lower bound of its score
// when the whole set is too slow to run (every mutant the subset kills, the group kills too).
const only = (process.env.MUTANTS_TESTS ?? '').split(',').filter(Boolean);
const stray = only.filter((t) => !group.tests.includes(t));
if (stray.length) throw new Error(`MUTANTS_TESTS names files outside group ${name}: ${stray.join(', ')}`);
// MUTANTS_MUTATE (comma-separated) mutates only some of the group's files, or line ranges of them
// (`file:from-to`): a group whose tests build a database takes 30 s or more per mutant under load,
// so its pure file can be measured alone with its fast test, and a service confined to its guard.
const narrowed = (process.env.MUTANTS_MUTATE ?? '').split(',').filter(Boolean);
const fileOf = (m) => m.replace(/:.*$/, '');
const outside = narrowed.filter((m) => !group.mutate.map(fileOf).includes(fileOf(m)));
if (outside.length) throw new Error(`MUTANTS_MUTATE names files outside group ${name}: ${outside.join(', ')}`);
// The test runner (vitest.mutants.config.ts) runs the files in this order, stopping at the first failure.
process.env.MUTANTS_TEST_ORDER = (only.length ? only : group.tests).join(',');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutants.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) are not re-evaluated by the vitest runner between
  // mutants here: they run every test and falsely survive. They are left out of the score and
  // checked by hand instead (docs/testing.md shows such a change failing the suite).
  ignoreStatic: true,
  mutate: narrowed.length ? narrowed : group.mutate,
  testFiles: only.length ? only : group.tests,
  // The machine is shared: one test runner (each starts its own embedded PostgreSQL).
  concurrency: Number(process.env.MUTANTS_CONCURRENCY ?? 1),
  timeoutMS: 30_000,
  timeoutFactor: 3,
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: `reports/mutation/${group.name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  incremental: process.env.MUTANTS_INCREMENTAL === '1',
  incrementalFile: `reports/mutation/incremental/${group.name}.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
};
