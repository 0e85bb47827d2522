/* Global setup for `npm run mutants:rls` only (scripts/mutants-rls.mjs, via vitest.rls-mutants.config.ts):
   instead of starting a PostgreSQL and migrating a template, the test files clone the template
   the mutation tool prepared — the migrated schema with ONE row-level-security mutant applied —
   on the server the tool runs for the whole mutation run. `npm test` never loads this file (its
   configuration is vitest.config.ts, whose global setup migrates a fresh template), so it cannot
   weaken a normal run; and the template's name must be one the tool made (palisade_rls_*). */
import type { TestProject } from 'vitest/node';

export function setup(project: TestProject): void {
  const url = process.env.PALISADE_RLS_MUTANT_SERVER ?? '';
  const template = process.env.PALISADE_RLS_MUTANT_TEMPLATE ?? '';
  if (!/^postgres(ql)?:\/\/.+\/postgres$/.test(url)) throw new Error('PALISADE_RLS_MUTANT_SERVER must be the superuser URL of the server scripts/mutants-rls.mjs runs');
  if (!/^palisade_rls_[a-z0-9_]+$/.test(template)) throw new Error('PALISADE_RLS_MUTANT_TEMPLATE must name a template scripts/mutants-rls.mjs prepared (palisade_rls_*)');
  project.provide('pgSuperUrl', url);
  project.provide('pgTemplate', template);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The template test databases are cloned from; absent (palisade_template) except under mutants:rls. */
    pgTemplate?: string;
  }
}
