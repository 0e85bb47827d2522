#!/usr/bin/env node
/* npm run build: compiles src/ to dist/ with tsc (type-checked, the same compiler settings as
   development) and copies the SQL migrations beside the compiled migration runner. bin/palisade.js
   runs dist/ only while it is at least as new as every file under src/ (the stamp below);
   otherwise it runs the sources through tsx, so a stale build is never used.
   Why a build at all (issue 6): tsx compiles on a separate loader thread with its own V8 heap,
   ≈ 35–45 MB of resident memory for the life of the process. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function newestSourceMtime(dir = join(root, 'src')) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSourceMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** True when `distDir` holds a completed build at least as new as every file under `srcDir`. */
export function buildIsFresh(distDir = join(root, 'dist'), srcDir = join(root, 'src')) {
  try {
    const stamp = JSON.parse(readFileSync(join(distDir, '.build-stamp.json'), 'utf8'));
    return typeof stamp.sourceMtime === 'number' && stamp.sourceMtime >= newestSourceMtime(srcDir);
  } catch {
    return false;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --out <dir>: another output directory directly under the project root (tests); the
  // compiled code finds package.json two levels up, as from dist/.
  const outArg = process.argv.indexOf('--out');
  const dist = join(root, outArg > 0 ? process.argv[outArg + 1] ?? 'dist' : 'dist');
  // Taken before compiling: a source edited during the build makes the build stale at once.
  const sourceMtime = newestSourceMtime();
  rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    rmSync(dist, { recursive: true, force: true });
    process.exit(r.status ?? 1);
  }
  mkdirSync(join(dist, 'db', 'migrations'), { recursive: true });
  cpSync(join(root, 'src', 'db', 'migrations'), join(dist, 'db', 'migrations'), { recursive: true });
  writeFileSync(join(dist, '.build-stamp.json'), `${JSON.stringify({ sourceMtime, builtAt: new Date().toISOString() })}\n`);
  process.stdout.write(`built ${dist} (bin/palisade.js uses dist/ while src/ is unchanged)\n`);
}
