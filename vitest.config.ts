import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/claims-reporter.ts'],
    pool: 'forks',
    // Hang guards, not speed limits: no assertion may depend on how fast a loaded machine runs
    // (a 30-s limit failed tests on a busy 2-core machine that were merely slow).
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // expect.poll waits for a page or a background task; its 1-s default made a browser suite
    // fail once at load 22. A hang guard like the two above: a poll still ends as soon as it holds.
    expect: { poll: { timeout: 60_000 } },
    env: { PALISADE_LOG_LEVEL: 'silent' },
  },
});
