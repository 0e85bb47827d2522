/* Types of scripts/mutants-groups.mjs, for test/mutants-groups.test.ts. */
export interface MutantsGroup {
  name: string;
  /** Files Stryker mutates; `file:from-to` confines one to a line range. */
  mutate: string[];
  /** The only test files that run against them. */
  tests: string[];
}
export const GROUPS: MutantsGroup[];
export const SECURITY_CRITICAL: string[];
