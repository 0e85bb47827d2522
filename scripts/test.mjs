#!/usr/bin/env node
/* `npm test`: the vitest run, then the whole-run log audit (AUD-6), which runs whatever vitest's
   exit status was and reports its own result — an unrelated failing test must not show AUD-6 as
   unverified, and a leak must fail the run even when every test passed. Exits non-zero when
   either failed. Arguments go to vitest (`npm test -- src/x.test.ts`). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = spawnSync(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, 'run', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
const audit = spawnSync(process.execPath, [`${root}scripts/check-log-audit.mjs`], { stdio: 'inherit', cwd: root });
const failed = [vitest.status !== 0 && `vitest (exit ${vitest.status ?? vitest.signal})`, audit.status !== 0 && `log audit (exit ${audit.status ?? audit.signal})`].filter(Boolean);
if (failed.length) console.error(`npm test: failed: ${failed.join(', ')}`);
process.exit(failed.length ? 1 : 0);
