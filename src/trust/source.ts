/* The source hash: one SHA-256 over the files that make up Palisade's code and its proofs, so
   test evidence can name exactly the source it tested (TRUST-1). The test run computes it when it
   starts; a running install computes it over its own files; evidence counts only when the two
   are equal. The same walk runs in CI, in a clone and in an install: a fixed list of roots, files
   in byte order of their '/'-separated paths, each hashed as its path, its length and its bytes.
   Left out: what no claim depends on and what runs write (node_modules, dist, dot-directories
   such as data and key directories, test-results, the committed evidence itself, benchmarks). */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (two levels above this file, in src/ and in dist/ alike). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Directories and files whose contents the hash covers. */
export const SOURCE_ROOTS: readonly string[] = [
  'src', 'test', 'docs', 'scripts', 'bin', 'web',
  'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts', '.npmrc',
];

const SKIP_DIRS = new Set(['node_modules', 'dist', 'test-results', 'coverage']);

export interface SourceHash {
  /** "sha256:<hex>" */
  hash: string;
  files: number;
}

function walk(root: string, rel: string, out: string[]): void {
  let st;
  try {
    st = statSync(join(root, rel));
  } catch {
    return; // a root that does not exist (web/ before the console) contributes nothing
  }
  if (st.isFile()) {
    out.push(rel);
    return;
  }
  if (!st.isDirectory()) return;
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
    const child = `${rel}/${e.name}`;
    if (e.isDirectory()) walk(root, child, out);
    else if (e.isFile()) out.push(child);
  }
}

/** The list of files the hash covers, in the order they are hashed. */
export function sourceFiles(root = PROJECT_ROOT): string[] {
  const files: string[] = [];
  for (const r of SOURCE_ROOTS) walk(root, r, files);
  return files.sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
}

/** Hash of the source tree at `root`. Synchronous and uncached: callers cache (it reads ≈ 3 MB). */
export function computeSourceHash(root = PROJECT_ROOT): SourceHash {
  const files = sourceFiles(root);
  const h = createHash('sha256');
  for (const f of files) {
    const bytes = readFileSync(join(root, f));
    h.update(`${f}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return { hash: `sha256:${h.digest('hex')}`, files: files.length };
}

let cached: { root: string; value: SourceHash } | null = null;

/** computeSourceHash, once per process and root (the source of a running process does not change
    under it; an operator who edits it restarts). */
export function sourceHash(root = PROJECT_ROOT): SourceHash {
  if (cached?.root !== root) cached = { root, value: computeSourceHash(root) };
  return cached.value;
}
