/* `palisade backup …` as an operator runs it: progress on a terminal, clear refusals, exit codes. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { runBackupCommand, type BackupCliContext } from './backup.js';

const run = promisify(execFile);
let t: TestDb;
let dir: string;
let ctx: (out: string[], err: string[], tty?: boolean) => BackupCliContext;

beforeAll(async () => {
  t = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'palisade-backup-cli-'));
  await run('age-keygen', ['-o', join(dir, 'key.txt')]);
  await run('age-keygen', ['-o', join(dir, 'other.txt')]);
  const recipient = /public key: (age1\S+)/.exec(await readFile(join(dir, 'key.txt'), 'utf8'))![1]!;
  const config = loadConfig({ PALISADE_DATA_DIR: join(dir, 'data'), PALISADE_BACKUP_DIR: join(dir, 'store'), PALISADE_BACKUP_RECIPIENTS: recipient });
  ctx = (out, err, tty = false) => ({
    config,
    connect: async () => ({ db: t.db, ownerUrl: t.ownerUrl, close: async () => {} }),
    out: { write: (s: string) => out.push(s) },
    err: { write: (s: string) => err.push(s), isTTY: tty },
  });
});

afterAll(async () => {
  await t?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('palisade backup', () => {
  it('BAK-1: create shows progress on a terminal, list shows it, verify checks it (with --identity: every table); a foreign identity is refused clearly', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await runBackupCommand(['create'], ctx(out, err, true))).toBe(0);
    expect(err.join('')).toMatch(/\r\x1b\[K\[\d+%\] table \d+\/\d+ /);
    const id = /created (bak_\S+):/.exec(out.join(''))![1]!;
    const listed: string[] = [];
    expect(await runBackupCommand(['list', '--json'], ctx(listed, []))).toBe(0);
    expect(JSON.parse(listed.join(''))[0]).toMatchObject({ id, status: 'complete' });
    const v: string[] = [];
    expect(await runBackupCommand(['verify', id, '--identity', join(dir, 'key.txt')], ctx(v, []))).toBe(0);
    expect(v.join('')).toContain('decrypted; every table matches its checksum');
    const bad: string[] = [];
    expect(await runBackupCommand(['verify', id, '--identity', join(dir, 'other.txt')], ctx([], bad))).toBe(1);
    expect(bad.join('')).toMatch(/This backup was encrypted to age1\S+; the identity given \(age1\S+\) is not one of them \(backup_wrong_identity\)/);
  });

  it('refuses bad usage with exit 2 and an unknown backup with exit 1', async () => {
    const err: string[] = [];
    expect(await runBackupCommand(['restore', 'bak_20260101000000_aaaaaaaa'], ctx([], err))).toBe(2);
    expect(err.join('')).toContain('restore needs --identity');
    expect(await runBackupCommand(['verify'], ctx([], []))).toBe(2);
    expect(await runBackupCommand(['frobnicate'], ctx([], []))).toBe(2);
    const nf: string[] = [];
    expect(await runBackupCommand(['verify', 'bak_20260101000000_aaaaaaaa'], ctx([], nf))).toBe(1);
    expect(nf.join('')).toContain('not_found');
  });
});
