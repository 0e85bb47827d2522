/* The ASVS mapping cannot drift: every L1/L2 requirement of the project's copy of the list has
   exactly one status, every test a covered requirement names exists, every test titled with an
   ASVS id is counted where it claims, and docs/asvs.md is exactly what the mapping renders. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ASVS, parseAsvsCsv, renderAsvsDoc, summarize, type AsvsRequirement, type AsvsStatus } from './asvs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const all = parseAsvsCsv(readFileSync(join(root, 'test/fixtures/asvs/asvs-5.0.csv'), 'utf8'));
const reqs = all.filter((r) => r.level <= 2);

function testFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(join(root, path)).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Test titles per file, as written (quotes unescaped). */
function titles(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/\b(?:it|test)(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => (m[2] ?? '').replace(/\\(['"`\\])/g, '$1'));
}

/** What is wrong with a mapping; empty when nothing is. */
function mappingProblems(list: readonly AsvsRequirement[], map: Readonly<Record<string, AsvsStatus>>): string[] {
  const problems: string[] = [];
  const ids = new Set(list.map((r) => r.id));
  for (const id of ids) if (!map[id]) problems.push(`${id}: no status`);
  for (const id of Object.keys(map)) if (!ids.has(id)) problems.push(`${id}: not an L1/L2 requirement of the list`);
  const cache = new Map<string, string[]>();
  for (const [id, s] of Object.entries(map)) {
    if (s.status !== 'covered') {
      if (!(s.status === 'open' ? s.note : s.reason).trim()) problems.push(`${id}: ${s.status} without a reason`);
      continue;
    }
    if (s.tests.length === 0) problems.push(`${id}: covered by no test`);
    for (const ref of s.tests) {
      const at = ref.indexOf(' > ');
      const file = ref.slice(0, at);
      const title = ref.slice(at + 3);
      if (at < 0 || title.length < 10) {
        problems.push(`${id}: "${ref}" is not "<file> > <title of at least 10 characters>"`);
        continue;
      }
      if (!existsSync(join(root, file))) {
        problems.push(`${id}: ${file} does not exist`);
        continue;
      }
      const names = cache.get(file) ?? titles(file);
      cache.set(file, names);
      if (!names.some((n) => n.startsWith(title))) problems.push(`${id}: no test in ${file} is titled "${title}…"`);
    }
  }
  return problems;
}

describe('ASVS mapping', () => {
  it('the project\'s list is the ASVS 5.0.0 export: 345 requirements, 70 at L1 and 183 at L2', () => {
    expect(all).toHaveLength(345);
    expect(all.filter((r) => r.level === 1)).toHaveLength(70);
    expect(all.filter((r) => r.level === 2)).toHaveLength(183);
    expect(reqs[0]?.id).toBe('V1.1.1');
  });

  it('every L1/L2 requirement has one status; every covered one names tests that exist; every other one says why', () => {
    expect(mappingProblems(reqs, ASVS)).toEqual([]);
  });

  it('the check catches a missing status, an unknown id, an L3 id, a test that does not exist and a reason left empty', () => {
    const broken: Record<string, AsvsStatus> = { ...ASVS };
    delete broken['V7.3.2'];
    broken['V99.1.1'] = { status: 'na', reason: 'x' };
    const l3 = all.find((r) => r.level === 3)?.id ?? '';
    broken[l3] = { status: 'na', reason: 'x' };
    broken['V7.3.1'] = { status: 'covered', tests: ['test/e2e/identity-sessions.e2e.test.ts > AUTH-4: a test that was never written'] };
    broken['V1.2.6'] = { status: 'na', reason: ' ' };
    broken['V9.1.3'] = { status: 'covered', tests: ['src/identity/nowhere.test.ts > V9.1.3: nothing here'] };
    const problems = mappingProblems(reqs, broken);
    expect(problems).toEqual(expect.arrayContaining([
      'V7.3.2: no status',
      'V99.1.1: not an L1/L2 requirement of the list',
      `${l3}: not an L1/L2 requirement of the list`,
      'V7.3.1: no test in test/e2e/identity-sessions.e2e.test.ts is titled "AUTH-4: a test that was never written…"',
      'V1.2.6: na without a reason',
      'V9.1.3: src/identity/nowhere.test.ts does not exist',
    ]));
  });

  it('a test titled with an ASVS id proves it: the mapping lists that requirement as covered by that file', () => {
    const claimed: string[] = [];
    for (const file of [...testFiles('src'), ...testFiles('test')]) {
      for (const title of titles(file)) {
        const lead = /^((?:V\d+\.\d+\.\d+\s+)+)/.exec(`${title} `)?.[1] ?? '';
        for (const id of lead.trim().split(/\s+/).filter(Boolean)) {
          const s = ASVS[id];
          const rel = relative(root, join(root, file));
          if (!s || s.status !== 'covered' || !s.tests.some((x) => x.startsWith(`${rel} > `))) claimed.push(`${id} claimed by ${rel} > ${title}`);
        }
      }
    }
    expect(claimed).toEqual([]);
  });

  it('docs/asvs.md is exactly what the mapping renders (regenerate with npm run asvs:doc)', () => {
    const doc = readFileSync(join(root, 'docs/asvs.md'), 'utf8');
    expect(doc).toBe(renderAsvsDoc(reqs));
    const s = summarize(reqs);
    expect(doc).toContain(`**${s.coveredPercent} %**`);
    expect(s.covered + s.open + s.na + s.notBuilt).toBe(reqs.length);
  });
});
