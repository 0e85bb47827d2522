/* The repository stands alone: a clone with nothing beside it builds, tests and runs. Every
   file path a source, test or script builds from its own location (`new URL('…',
   import.meta.url)`) must stay inside the repository, and no file may cite a document that
   is not in it. Test vectors live in test/fixtures/vectors with a note of their origin. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((f) => f !== '' && /\.(ts|mts|js|mjs|cjs|json|md|sql|sh)$/.test(f) && f !== 'package-lock.json');
const self = 'test/standalone.test.ts'; // its own examples name outside paths on purpose
const code = tracked.filter((f) => /\.(ts|mts|js|mjs|cjs)$/.test(f) && f !== self);

/** Relative paths a file resolves against its own location. */
export function relativeUrls(text: string): string[] {
  return [...text.matchAll(/new URL\(\s*(['"`])([^'"`$]+)\1\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[2] ?? '');
}

/** Does a path written relative to `file` (a repository path) leave the repository? */
export function leavesRepo(file: string, path: string): boolean {
  const target = resolve(root, dirname(file), path);
  const rel = relative(root, target);
  return rel.startsWith('..') || isAbsolute(rel);
}

// Names of the team's reference documents, which live outside the repository.
const outsideDocs = /(?:\.\.\/shared\b|\bshared\/(?:CLAIMS|API|DESIGN|STYLE)\.md|\bshared\/(?:oracles|seeds|asvs)\/|\bDESIGN(?:\.md| decision)|\bCLAIMS\.md|\bAPI\.md\b)/;

describe('the repository stands alone', () => {
  it('the checks catch what they look for', () => {
    expect(leavesRepo('src/audit/merkle.test.ts', '../../../shared/oracles/x.json')).toBe(true);
    expect(leavesRepo('src/audit/merkle.test.ts', '../../test/fixtures/vectors/x.json')).toBe(false);
    expect(relativeUrls("readFileSync(new URL('../../../shared/CLAIMS.md', import.meta.url))")).toEqual(['../../../shared/CLAIMS.md']);
    expect(outsideDocs.test('/* The claim registry (DESIGN decision 6). */')).toBe(true);
    expect(outsideDocs.test('see shared/API.md')).toBe(true);
    expect(outsideDocs.test('see docs/api.md')).toBe(false);
  });

  it('no source, test or script resolves a path outside the repository', () => {
    expect(code.length).toBeGreaterThan(50);
    const escaping = code.flatMap((f) => relativeUrls(readFileSync(resolve(root, f), 'utf8')).filter((p) => leavesRepo(f, p)).map((p) => `${f}: ${p}`));
    expect(escaping).toEqual([]);
  });

  it('no file cites a document that is not in the repository', () => {
    const citing = tracked.filter((f) => f !== self && outsideDocs.test(readFileSync(resolve(root, f), 'utf8')));
    expect(citing).toEqual([]);
  });
});
