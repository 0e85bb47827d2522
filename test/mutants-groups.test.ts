/* Mutation testing's groups stay true (issue 21): what CI checks of them on every run. A full
   Stryker run takes minutes to most of an hour per group on a shared machine, so CI does not run
   one (docs/testing.md); this test, which takes milliseconds, keeps the configuration from rotting
   instead: every group names files and line ranges that exist, runs test files vitest really
   runs and the claim registry cites, and every security-critical module is mutated by a group. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GROUPS, SECURITY_CRITICAL } from '../scripts/mutants-groups.mjs';
import { CLAIMS } from '../src/trust/claims.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

/** `file` or `file:from-to` → the file and its line range (whole file when none). */
function target(spec: string): { file: string; from: number; to: number } {
  const m = /^([^:]+)(?::(\d+)-(\d+))?$/.exec(spec);
  if (!m) throw new Error(`unreadable mutate entry ${spec}`);
  return { file: m[1] as string, from: Number(m[2] ?? 1), to: Number(m[3] ?? Number.MAX_SAFE_INTEGER) };
}

describe('mutation testing groups', () => {
  it('every group mutates files that exist, within their length, and only source files that are not tests', () => {
    const names = GROUPS.map((g) => g.name);
    expect(new Set(names).size).toBe(names.length);
    for (const g of GROUPS) {
      expect(g.mutate.length, g.name).toBeGreaterThan(0);
      for (const spec of g.mutate) {
        const { file, from, to } = target(spec);
        expect(existsSync(at(file)), `${g.name}: ${file} is missing`).toBe(true);
        expect(file, spec).toMatch(/^src\/.+\.ts$/);
        expect(file, spec).not.toMatch(/\.test\.ts$/);
        const lines = readFileSync(at(file), 'utf8').split('\n').length;
        expect(from >= 1 && from <= to, spec).toBe(true);
        if (to !== Number.MAX_SAFE_INTEGER) expect(to, `${spec}: the file has ${lines} lines`).toBeLessThanOrEqual(lines);
      }
    }
  });

  it('every group runs test files that exist, that vitest runs, and that the claim registry cites', () => {
    const cited = new Set(CLAIMS.flatMap((c) => c.tests.map((t) => t.split(' > ')[0])));
    const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n'));
    for (const g of GROUPS) {
      expect(g.tests.length, g.name).toBeGreaterThan(0);
      for (const t of g.tests) {
        expect(existsSync(at(t)), `${g.name}: ${t} is missing`).toBe(true);
        expect(tracked.has(t), `${g.name}: ${t} is not tracked`).toBe(true);
        expect(t, `${g.name}: vitest runs only src/**/*.test.ts and test/**/*.test.ts`).toMatch(/^(src|test)\/.+\.test\.ts$/);
      }
      // A mutant these tests kill weakens a claim; the registry must name at least one of them as evidence.
      expect(g.tests.some((t) => cited.has(t)), `${g.name}: none of its tests is evidence for a claim`).toBe(true);
    }
  });

  it('every security-critical module is mutated by some group', () => {
    const mutated = new Set(GROUPS.flatMap((g) => g.mutate.map((s) => target(s).file)));
    const missing = SECURITY_CRITICAL.filter((f) => !mutated.has(f));
    expect(missing).toEqual([]);
    for (const f of SECURITY_CRITICAL) expect(existsSync(at(f)), f).toBe(true);
  });
});
