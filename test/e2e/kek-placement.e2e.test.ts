/* The KEK outside the data directory, as an operator meets it (ENC-5, issue 11): `palisade start`
   on an install whose key still sits in its data directory stops before starting anything, says
   why and what to run; `palisade keys move-kek` moves it out; production refuses a key directory
   inside the data directory. Real processes, no database needed for any of it. */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileKekSet } from '../../src/crypto/index.js';
import { BIN } from '../fixtures/palisade-process.js';

let dataDir = '';

beforeAll(async () => {
  dataDir = await fs.mkdtemp(join(tmpdir(), 'palisade-kekplace-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(`${dataDir}-keys`, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', PALISADE_LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('palisade and the KEK file', () => {
  it('ENC-5: start refuses an install whose KEK is in the data directory and names `palisade keys move-kek`; the command moves it out, keeping the key', async () => {
    const legacy = await fileKekSet(dataDir, { create: true });
    const refused = cli(['start'], { PALISADE_DATA_DIR: dataDir, PORT: '0' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('still in its data directory');
    expect(refused.stderr).toContain("palisade keys move-kek");
    // Stopped before the embedded database started: nothing but the key in the data directory.
    expect(await fs.readdir(dataDir)).toEqual(['kek.key']);

    const moved = cli(['keys', 'move-kek'], { PALISADE_DATA_DIR: dataDir });
    expect(moved.stderr).toBe('');
    expect(moved.status).toBe(0);
    expect(moved.stdout).toContain(`to ${dataDir}-keys`);
    expect(await fs.readdir(dataDir)).toEqual([]);
    expect((await fileKekSet(`${dataDir}-keys`)).current().id).toBe(legacy.current().id);
  });

  it('ENC-5: production refuses PALISADE_KEK_DIR inside the data directory at start, saying why and what to do', () => {
    const r = cli(['start'], { PALISADE_DATA_DIR: dataDir, PALISADE_KEK_DIR: join(dataDir, 'keys'), PORT: '0' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('is inside PALISADE_DATA_DIR');
    expect(r.stderr).toContain('palisade keys move-kek --to');
  });
});
