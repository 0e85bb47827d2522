/* The vitest configuration `npm run mutants:rls` runs (scripts/mutants-rls.mjs): the RLS test files
   against a template database carrying one SQL mutant (test/rls-mutant-setup.ts instead of the
   global setup that migrates a fresh one), one file after another in the order given
   (MUTANTS_TEST_ORDER), no claims reporter (a mutant's run is no evidence for the trust page). */
import { defineConfig } from 'vitest/config';
import mutants from './vitest.mutants.config.js';

export default defineConfig({
  ...mutants,
  test: { ...mutants.test, globalSetup: ['test/rls-mutant-setup.ts'], fileParallelism: false },
});
