/* If Palisade dies without stopping its embedded PostgreSQL (SIGKILL, the OOM killer, a bug),
   the postmaster must not be left running, serving nobody and holding the data directory: the
   watchdog stops it (src/db/embedded.ts, docs/resilience.md). And the next start works.
   @see issue 20 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPalisadeProcess } from '../fixtures/palisade-process.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits for a process to end. A hang guard, not a speed limit: the watchdog gives PostgreSQL
    30 s of fast shutdown before SIGQUIT, so the guard allows well over that. */
async function ended(pid: number): Promise<boolean> {
  for (let i = 0; i < 1200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return !alive(pid);
}

describe('embedded PostgreSQL watchdog', () => {
  it('a SIGKILLed Palisade leaves no PostgreSQL running, and the next start serves', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'palisade-watchdog-'));
    dirs.push(dataDir);
    const env = { PORT: '0', PALISADE_DATA_DIR: dataDir, PALISADE_LOG_LEVEL: 'warn' };
    const first = await startPalisadeProcess(env);
    const postmaster = Number.parseInt((await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
    expect(alive(postmaster)).toBe(true);
    first.proc.kill('SIGKILL');
    await new Promise((r) => (first.proc.exitCode !== null || first.proc.signalCode !== null ? r(null) : first.proc.on('exit', r)));
    expect(await ended(postmaster)).toBe(true);

    const second = await startPalisadeProcess(env);
    try {
      expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    } finally {
      second.proc.kill('SIGTERM');
      await new Promise((r) => second.proc.on('exit', r));
    }
  }, 300_000);
});
