/* The vitest configuration StrykerJS runs (stryker.config.mjs): the project's, without the
   claims reporter (a mutant's run is no evidence for the trust page), with property tests capped
   (test/mutants-setup.ts), and the group's test files run in the order the group lists them
   (MUTANTS_TEST_ORDER, set by stryker.config.mjs): fast unit tests first, so a mutant they kill
   never starts the slow suites after them (the vitest runner stops at the first failure). */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

const order = (process.env.MUTANTS_TEST_ORDER ?? '').split(',').filter(Boolean);

class GroupOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = order.findIndex((t) => f.moduleId.endsWith(`/${t}`));
      return i === -1 ? order.length : i;
    };
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  ...base,
  test: { ...base.test, reporters: ['default'], setupFiles: ['test/mutants-setup.ts'], sequence: { sequencer: GroupOrder } },
});
