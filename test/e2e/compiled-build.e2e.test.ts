/* The compiled build (npm run build → dist/) that production runs: it compiles, carries its
   migrations, and bin/palisade.js uses a build only while it is as new as every source file. */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { buildIsFresh } from '../../scripts/build.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = `.dist-test-${process.pid}`;
afterAll(() => rmSync(join(ROOT, OUT), { recursive: true, force: true }));

interface Run { status: number | null; stdout: string; stderr: string }
/** A child process to its end, without blocking the worker's event loop; no time limit of its own. */
function run(args: string[], env?: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, ...(env ? { env } : {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/* The build (tsc over the whole project) and the compiled CLI's runs take tens of seconds on a
   busy 2-core machine, and more under load: they happen here, bounded only by this hook's own
   generous limit, never under a test's timeout. The tests assert on what they produced. */
let build: Run;
let version: Run;
let migrate: Run;
let applied: string[] = [];
const BUILD_HOOK_LIMIT_MS = 20 * 60_000;

beforeAll(async () => {
  build = await run([join(ROOT, 'scripts', 'build.mjs'), '--out', OUT]);
  if (build.status !== 0) return;
  // An empty database: the compiled runner must find and apply every shipped migration.
  const superUrl = inject('pgSuperUrl');
  const name = `t_build_${process.pid}`;
  const su = postgres(superUrl, { max: 1, onnotice: () => {} });
  await su.unsafe(`create database ${name}`);
  const url = superUrl.replace(/\/postgres$/, `/${name}`);
  try {
    const cli = (args: string[]) =>
      run(['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(join(ROOT, OUT, 'cli', 'index.js'))}); process.exitCode = await main(${JSON.stringify(args)});`],
        { PATH: process.env.PATH ?? '', DATABASE_URL: url });
    version = await cli(['--version']);
    migrate = await cli(['migrate']);
    const db = postgres(url, { max: 1, onnotice: () => {} });
    applied = (await db<{ name: string }[]>`select name from palisade_migrations.pgmigrations order by name`.catch(() => [])).map((r) => r.name);
    await db.end();
  } finally {
    await su.unsafe(`drop database if exists ${name} with (force)`);
    await su.end();
  }
}, BUILD_HOOK_LIMIT_MS);

describe('compiled build', () => {
  it('builds with tsc, and the compiled CLI migrates a database with the shipped migrations', () => {
    expect(build.status, build.stdout + build.stderr).toBe(0);
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(migrate.status, migrate.stdout + migrate.stderr).toBe(0);
    const shipped = readdirSync(join(ROOT, 'src', 'db', 'migrations')).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
    expect(applied).toEqual(shipped);
  });

  it('a build is used only while no source file is newer than it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-build-'));
    try {
      const src = join(dir, 'src');
      const dist = join(dir, 'dist');
      mkdirSync(join(src, 'db'), { recursive: true });
      mkdirSync(dist);
      writeFileSync(join(src, 'db', 'a.ts'), '');
      const t0 = new Date('2026-01-01T00:00:00Z');
      utimesSync(join(src, 'db', 'a.ts'), t0, t0);
      expect(buildIsFresh(dist, src)).toBe(false); // no stamp
      writeFileSync(join(dist, '.build-stamp.json'), JSON.stringify({ sourceMtime: t0.getTime() }));
      expect(buildIsFresh(dist, src)).toBe(true);
      const t1 = new Date('2026-01-01T00:00:01Z');
      utimesSync(join(src, 'db', 'a.ts'), t1, t1);
      expect(buildIsFresh(dist, src)).toBe(false); // a source edited after the build
      writeFileSync(join(dist, '.build-stamp.json'), '{ not json');
      expect(buildIsFresh(dist, src)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
