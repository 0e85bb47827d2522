/* Loaded only under mutation testing (vitest.mutants.config.ts): each mutant reruns the property
   tests that reach it, so their runs are capped (the suite's own counts, up to 20,000, are for
   `npm test`). A mutant a capped run lets through is reported as a survivor, never hidden. */
import { vi } from 'vitest';

const CAP = Number(process.env.MUTANTS_PROPERTY_RUNS ?? 100);

vi.mock('fast-check', async (importOriginal) => {
  const fc = await importOriginal<typeof import('fast-check')>();
  const assert = ((property: unknown, params?: { numRuns?: number }) =>
    (fc.assert as (p: unknown, q?: unknown) => unknown)(property, { ...params, numRuns: Math.min(params?.numRuns ?? 100, CAP) })) as typeof fc.assert;
  return { ...fc, default: { ...fc, assert }, assert };
});
