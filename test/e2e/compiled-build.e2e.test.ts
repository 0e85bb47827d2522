/* The compiled build (npm run build → dist/) that production runs: it compiles, carries its
   migrations, and bin/palisade.js uses a build only while it is as new as every source file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { buildIsFresh } from '../../scripts/build.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = `.dist-test-${process.pid}`;
afterAll(() => rmSync(join(ROOT, OUT), { recursive: true, force: true }));

describe('compiled build', () => {
  it('builds with tsc, and the compiled CLI migrates a database with the shipped migrations', async () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--out', OUT], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    expect(build.status, build.stdout + build.stderr).toBe(0);
    // An empty database: the compiled runner must find and apply every shipped migration.
    const superUrl = inject('pgSuperUrl');
    const name = `t_build_${process.pid}`;
    const su = postgres(superUrl, { max: 1, onnotice: () => {} });
    await su.unsafe(`create database ${name}`);
    const url = superUrl.replace(/\/postgres$/, `/${name}`);
    try {
      const run = (args: string[]) =>
        spawnSync(process.execPath, ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(join(ROOT, OUT, 'cli', 'index.js'))}); process.exitCode = await main(${JSON.stringify(args)});`], {
          env: { PATH: process.env.PATH ?? '', DATABASE_URL: url },
          encoding: 'utf8',
          timeout: 60_000,
        });
      const version = run(['--version']);
      expect(version.status, version.stderr).toBe(0);
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const migrate = run(['migrate']);
      expect(migrate.status, migrate.stdout + migrate.stderr).toBe(0);
      const shipped = readdirSync(join(ROOT, 'src', 'db', 'migrations')).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
      const db = postgres(url, { max: 1, onnotice: () => {} });
      const applied = (await db<{ name: string }[]>`select name from palisade_migrations.pgmigrations order by name`).map((r) => r.name);
      await db.end();
      expect(applied).toEqual(shipped);
    } finally {
      await su.unsafe(`drop database if exists ${name} with (force)`);
      await su.end();
    }
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
