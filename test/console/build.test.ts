/* The committed console build (web/build, served by src/pages/console.ts) is exactly what Vite
   makes from web/src today: the test rebuilds into a scratch directory and compares every file,
   byte for byte, so a source change that was not rebuilt (`npm run console:build`) fails here and
   a hand-edited bundle too. And the first load's JavaScript stays within issue 19's budget:
   ≤ 250 kB gzipped (the browser suite measures what a real first load transfers). */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSOLE_BUILD_DIR } from '../../src/pages/console.js';

const scratch = mkdtempSync(join(tmpdir(), 'palisade-console-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function files(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(dir, join(rel, e.name)) : [join(rel, e.name)])).sort();
}

export const JS_BUDGET_GZIP = 250 * 1000;

describe('the console build', () => {
  it('VAL-3: web/build is what Vite builds from web/src now (rebuilt and compared byte for byte)', async () => {
    // As `npm run console:build` runs it: vitest sets NODE_ENV=test, which would make Vite
    // bundle React's development build.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: new URL('../../web/', import.meta.url).pathname, logLevel: 'silent', build: { outDir: scratch, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = env;
    }
    const fresh = files(scratch);
    expect(fresh.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files(CONSOLE_BUILD_DIR), 'the committed build is stale: run npm run console:build').toEqual(fresh);
    for (const f of fresh) expect(readFileSync(join(CONSOLE_BUILD_DIR, f)).equals(readFileSync(join(scratch, f))), `${f} differs: run npm run console:build`).toBe(true);
  });

  it('VAL-3: the JavaScript of the first load is at most 250 kB gzipped', () => {
    const index = readFileSync(join(CONSOLE_BUILD_DIR, 'index.html'), 'utf8');
    const entry = /src="\/console\/assets\/([\w.-]+\.js)"/.exec(index)?.[1];
    expect(entry).toBeDefined();
    // Everything the build emitted counts (an upper bound of what the first load fetches).
    const js = files(join(CONSOLE_BUILD_DIR, 'assets')).filter((f) => f.endsWith('.js'));
    const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(CONSOLE_BUILD_DIR, 'assets', f)), { level: 9 }).length, 0);
    expect(gz).toBeGreaterThan(10_000);
    expect(gz).toBeLessThanOrEqual(JS_BUDGET_GZIP);
  });
});
