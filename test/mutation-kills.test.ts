/* The link between the claim registry and mutation testing (issue 21) stays true: every test
   evidence/mutation-kills.json names as having killed mutants is still registered for the claim
   it is listed under, every file it scores is a security-critical module of a mutation group,
   and docs/testing.md shows exactly the record's rendering. The record itself is made from
   Stryker's reports by `npm run mutants:kills` (scripts/mutation-kills.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../src/trust/claims.js';
import { GROUPS, SECURITY_CRITICAL } from '../scripts/mutants-groups.mjs';
import { DOC_END, DOC_FILE, DOC_START, KILLS_FILE, mutationKills, renderKills, type MutationKills } from '../scripts/mutation-kills.js';

const kills = JSON.parse(readFileSync(KILLS_FILE, 'utf8')) as MutationKills;
const registered = new Map(CLAIMS.map((c) => [c.id, new Set(c.tests)]));

describe('the claim registry linked to the mutants its tests kill', () => {
  it('TRUST-1: every test the record names killed at least one mutant and is still registered evidence for that claim', () => {
    expect(Object.keys(kills.claims).length).toBeGreaterThan(0);
    for (const [claim, { killed, tests }] of Object.entries(kills.claims)) {
      expect(registered.has(claim), claim).toBe(true);
      expect(Object.values(killed).reduce((a, b) => a + b, 0), claim).toBeGreaterThan(0);
      for (const [test, perFile] of Object.entries(tests)) {
        expect(registered.get(claim)!.has(test), `${claim}: ${test}`).toBe(true);
        for (const [file, n] of Object.entries(perFile)) {
          expect(n, test).toBeGreaterThan(0);
          expect(killed[file], `${claim}: ${file}`).toBeGreaterThanOrEqual(1);
        }
      }
    }
  });

  it('TRUST-1: every scored file is a security-critical module some group mutates, and the unmeasured ones are named', () => {
    const mutated = new Set(GROUPS.flatMap((g) => g.mutate.map((m) => m.replace(/:.*$/, ''))));
    for (const [file, v] of Object.entries(kills.files)) {
      expect(SECURITY_CRITICAL, file).toContain(file);
      expect(mutated.has(file), file).toBe(true);
      expect(v.score).toBeCloseTo(v.killed + v.survived ? (100 * v.killed) / (v.killed + v.survived) : 100, 0);
    }
    expect(kills.notMeasured).toEqual(SECURITY_CRITICAL.filter((f) => !(f in kills.files)));
  });

  it('TRUST-1: docs/testing.md shows the record as it is', () => {
    const doc = readFileSync(DOC_FILE, 'utf8');
    const a = doc.indexOf(DOC_START);
    const b = doc.indexOf(DOC_END);
    expect(a).toBeGreaterThan(-1);
    expect(doc.slice(a, b + DOC_END.length)).toBe(renderKills(kills));
  });

  it('TRUST-1: the linker counts a kill for a claim only through a test the registry names for it, and a later run of the same source replaces results mutant by mutant', () => {
    const claim = CLAIMS.find((c) => c.tests.length > 0)!;
    const [file, ...names] = claim.tests[0]!.split(' > ');
    const loc = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 9 } });
    const report = (status: string, source = 'code') => ({
      files: { 'src/crypto/dlp.ts': { source, mutants: [
        { id: '1', status, mutatorName: 'BooleanLiteral', replacement: 'false', killedBy: status === 'Killed' ? ['a'] : [], location: loc(3) },
        { id: '2', status: 'Killed', mutatorName: 'BooleanLiteral', replacement: 'true', killedBy: ['b'], location: loc(4) },
      ] } },
      testFiles: { [file!]: { tests: [{ id: 'a', name: names.join(' ') }, { id: 'b', name: 'a test no claim names' }] } },
    });
    const first = mutationKills([{ name: 'one.json', report: report('Survived') }]);
    expect(first.files['src/crypto/dlp.ts']).toMatchObject({ killed: 1, survived: 1, score: 50 });
    expect(first.claims[claim.id]).toBeUndefined();
    expect(first.unregistered).toEqual({ [file!]: 1 });
    const again = mutationKills([{ name: 'one.json', report: report('Survived') }, { name: 'two.json', report: report('Killed') }]);
    expect(again.files['src/crypto/dlp.ts']).toMatchObject({ reports: ['one.json', 'two.json'], killed: 2, survived: 0 });
    expect(again.claims[claim.id]).toEqual({ killed: { 'src/crypto/dlp.ts': 1 }, tests: { [claim.tests[0]!]: { 'src/crypto/dlp.ts': 1 } } });
    // Another source: the later report replaces the earlier one whole.
    const changed = mutationKills([{ name: 'one.json', report: report('Killed') }, { name: 'two.json', report: report('Survived', 'edited code') }]);
    expect(changed.files['src/crypto/dlp.ts']).toMatchObject({ reports: ['two.json'], killed: 1, survived: 1 });
  });
});
