/* `palisade` as a user runs it: a real process on its own embedded PostgreSQL. Restart keeps
   data; SIGKILL (no clean shutdown, orphaned postmaster) does not block the next start. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, startPalisadeProcess, type PalisadeProcess } from '../fixtures/palisade-process.js';

let dataDir = '';

beforeAll(async () => { dataDir = await mkdtemp(join(tmpdir(), 'palisade-cli-')); });
afterAll(async () => { await rm(dataDir, { recursive: true, force: true }); });

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });
}

function start(): Promise<PalisadeProcess> {
  return startPalisadeProcess({ PORT: '0', PALISADE_DATA_DIR: dataDir, PALISADE_LOG_LEVEL: 'warn' });
}

function exited(proc: ChildProcess): Promise<number | null> {
  return new Promise((r) => (proc.exitCode !== null ? r(proc.exitCode) : proc.on('exit', (code) => r(code))));
}

async function superuserSql(): Promise<postgres.Sql> {
  const pid = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  const port = pid[3];
  const password = readFileSync(join(dataDir, 'secrets', 'pg-superuser-password'), 'utf8');
  return postgres(`postgres://palisade_owner:${encodeURIComponent(password)}@127.0.0.1:${port}/palisade`, { max: 1, onnotice: () => {} });
}

describe('palisade CLI', () => {
  it('--version, --help, and unknown commands', () => {
    const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
    expect(cli(['--version']).stdout.trim()).toBe(version);
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('start');
    expect(help.stdout).toContain('migrate');
    expect(cli(['frobnicate']).status).toBe(2);
  });

  it('invalid configuration stops start-up with exit code 2 and lists every problem', () => {
    const r = cli(['start'], { PORT: 'seventy', PALISADE_LOG_LEVEL: 'shouty', PALISADE_NOPE: 'x', PALISADE_DATA_DIR: dataDir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('PALISADE_LOG_LEVEL');
    expect(r.stderr).toContain('PALISADE_NOPE: unknown setting');
  });

  it.skipIf(process.getuid?.() !== 0)('as root, a data directory under a 0700 directory stops start-up with one clear message, not a bare EACCES', async () => {
    const closed = await mkdtemp(join(tmpdir(), 'palisade-closed-')); // mode 0700, like /root
    try {
      const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'start'], { env: { PATH: process.env.PATH ?? '', PORT: '0', PALISADE_DATA_DIR: join(closed, 'data'), PALISADE_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => resolve({ code, err }));
      });
      expect(r.code).not.toBe(0);
      const lines = r.err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('runs its embedded PostgreSQL as the unprivileged user "postgres"');
      expect(lines[0]).toContain(`the directory ${closed} is closed to other users`);
      expect(lines[0]).toContain('DATABASE_URL');
      expect(r.err).not.toContain('EACCES');
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  });

  it('trust claims --json prints every claim with id, kind, status and tests', () => {
    const r = cli(['trust', 'claims', '--json']);
    expect(r.status).toBe(0);
    const claims = JSON.parse(r.stdout) as Array<{ id: string; kind: string; status: string; tests: string[] }>;
    expect(claims.length).toBeGreaterThan(60);
    for (const c of claims) {
      expect(Object.keys(c).sort()).toEqual(['id', 'kind', 'status', 'tests']);
      expect(['verified', 'configured', 'declared', 'not_yet']).toContain(c.status);
      if (c.kind === 'verified' && c.tests.length === 0) expect(c.status).toBe('not_yet');
    }
  });

  it('start serves /readyz on embedded PostgreSQL; restart keeps data; SIGKILL does not block the next start', async () => {
    // First start: initdb, migrate, serve.
    let s = await start();
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    let sql = await superuserSql();
    await sql`insert into orgs (id, name) values ('org_persist', 'Kept')`;
    const [role] = await sql<{ rolsuper: boolean }[]>`select rolsuper from pg_roles where rolname = 'palisade_app'`;
    expect(role?.rolsuper).toBe(false);
    await sql.end();
    // Clean stop on SIGTERM drains and exits 0.
    s.proc.kill('SIGTERM');
    expect(await exited(s.proc)).toBe(0);

    // Second start reuses the data.
    s = await start();
    sql = await superuserSql();
    expect(await sql`select name from orgs where id = 'org_persist'`).toEqual([{ name: 'Kept' }]);
    await sql.end();

    // SIGKILL: no shutdown at all; the postmaster is orphaned.
    s.proc.kill('SIGKILL');
    await exited(s.proc);
    s = await start();
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    sql = await superuserSql();
    expect(await sql`select name from orgs where id = 'org_persist'`).toEqual([{ name: 'Kept' }]);
    await sql.end();
    s.proc.kill('SIGINT');
    expect(await exited(s.proc)).toBe(0);

    // A stale postmaster.pid whose PID now belongs to another program (here: this test runner).
    const pidFile = join(dataDir, 'pg', 'postmaster.pid');
    writeFileSync(pidFile, `${process.pid}\n${join(dataDir, 'pg')}\n1700000000\n5432\n\n127.0.0.1\n  5432001         0\nready   \n`);
    s = await start();
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    s.proc.kill('SIGTERM');
    expect(await exited(s.proc)).toBe(0);
  }, 180_000);
});
