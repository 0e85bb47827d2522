/* The vitest configuration StrykerJS runs (stryker.config.mjs): the project's, without the
   claims reporter (a mutant's run is no evidence for the trust page), with property tests capped
   (test/mutants-setup.ts). */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: { ...base.test, reporters: ['default'], setupFiles: ['test/mutants-setup.ts'] },
});
