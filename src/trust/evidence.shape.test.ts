/* The evidence file's shape checks (TRUST-1), found by mutation testing (issue 21): the digest is
   not a signature, so an edited file can carry a recomputed digest; then only the shape checks
   stand between it and the trust page. Each malformed file below has a correct digest and must
   still be refused as tampered, for its own reason. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkEvidenceFile, COMMITTED_EVIDENCE, describeEvidence, EVIDENCE_FORMAT, evidenceDigest, evidenceForThisInstall, loadEvidence, passedTests, sealEvidence, type EvidenceFile } from './evidence.js';
import { computeSourceHash } from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-evidence-shape-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = sealEvidence({ sourceHash: 'sha256:abc', sourceFiles: 3, finishedAt: '2026-12-07T10:00:00.000Z', node: 'v20.20.2', passed: ['b > y', 'a > x'] });
let n = 0;
function check(content: unknown, raw = false) {
  const p = join(dir, `e${n++}.json`);
  writeFileSync(p, raw ? String(content) : JSON.stringify(content));
  return checkEvidenceFile(p);
}
/** The file with `change` applied and its digest recomputed, as a forger would. */
const redigested = (change: Record<string, unknown>) => {
  const e = { ...good, ...change } as unknown as EvidenceFile;
  return { ...e, digest: evidenceDigest(e) };
};

describe('evidence file shape', () => {
  it('TRUST-1: a sealed file lists each passed test once, sorted, and checks; only bound evidence yields passed tests', () => {
    expect(sealEvidence({ ...good, passed: ['b', 'a', 'b'] }).passed).toEqual(['a', 'b']);
    expect(check(good)).toEqual({ ok: true, evidence: good });
    const root = mkdtempSync(join(dir, 'root-'));
    writeFileSync(join(root, 'ev.json'), JSON.stringify(good));
    expect(passedTests(loadEvidence('sha256:abc', root, ['ev.json']))).toEqual(['a > x', 'b > y']);
    expect(passedTests(loadEvidence('sha256:other', root, ['ev.json']))).toEqual([]);
  });

  it('TRUST-1: with a recomputed digest, a wrong format, a mistyped field, or an unsorted or duplicated passed list is still tampered', () => {
    expect(check('{not json', true)).toEqual({ ok: false, reason: 'not valid JSON' });
    expect(check(null)).toEqual({ ok: false, reason: 'unknown format' });
    expect(check(redigested({ format: 'palisade-evidence/2' }))).toEqual({ ok: false, reason: 'unknown format' });
    expect(good.format).toBe(EVIDENCE_FORMAT);
    for (const change of [{ sourceHash: 1 }, { sourceFiles: '3' }, { finishedAt: 0 }, { node: null }, { passed: 'a > x' }, { passed: ['a > x', 7] }]) {
      expect(check(redigested(change)), JSON.stringify(change)).toEqual({ ok: false, reason: 'missing or mistyped fields' });
    }
    const { digest: _omit, ...noDigest } = good;
    expect(check(noDigest)).toEqual({ ok: false, reason: 'missing or mistyped fields' });
    expect(check(redigested({ passed: ['b > y', 'a > x'] }))).toEqual({ ok: false, reason: 'passed list not sorted and unique' });
    expect(check(redigested({ passed: ['a > x', 'a > x', 'b > y'] }))).toEqual({ ok: false, reason: 'passed list not sorted and unique' });
    // A duplicate at the end, and one pair out of order after an entry in place (session 7's survivors).
    expect(check(redigested({ passed: ['a > x', 'b > y', 'b > y'] }))).toEqual({ ok: false, reason: 'passed list not sorted and unique' });
    expect(check(redigested({ passed: ['a > x', 'c > z', 'b > y'] }))).toEqual({ ok: false, reason: 'passed list not sorted and unique' });
    expect(check({ ...good, passed: ['a > x', 'b > y', 'c > z'] })).toEqual({ ok: false, reason: 'digest does not match the contents' });
  });
});

/* What the trust page and the CLI say about the evidence (found unreached by mutation testing,
   issue 21): the sentence is the only place a reader learns why nothing is verified. */
describe('evidence as the install sees and states it', () => {
  it('TRUST-1: an install binds the evidence recorded for its own source hash, and no other', () => {
    const root = mkdtempSync(join(dir, 'install-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
    const own = computeSourceHash(root).hash;
    expect(evidenceForThisInstall(root)).toEqual({ source: computeSourceHash(root), state: { state: 'missing' } });
    mkdirSync(join(root, 'evidence'));
    const sealed = sealEvidence({ ...good, sourceHash: own });
    writeFileSync(join(root, COMMITTED_EVIDENCE), JSON.stringify(sealed));
    const other = mkdtempSync(join(dir, 'other-'));
    mkdirSync(join(other, 'src'));
    writeFileSync(join(other, 'src/a.ts'), 'export const a = 2;\n');
    mkdirSync(join(other, 'evidence'));
    writeFileSync(join(other, COMMITTED_EVIDENCE), JSON.stringify(sealed));
    expect(evidenceForThisInstall(root).state).toEqual({ state: 'bound', file: COMMITTED_EVIDENCE, evidence: sealed });
    expect(evidenceForThisInstall(other).state).toMatchObject({ state: 'source_differs', evidenceSource: own });
  });

  it('TRUST-1: every state but bound says no claim is shown as verified, and says why (file, reason, both source hashes)', () => {
    const current = 'sha256:current';
    const bound = describeEvidence({ state: 'bound', file: 'evidence/x.json', evidence: good }, current);
    expect(bound).toContain(good.finishedAt);
    expect(bound).toContain('evidence/x.json');
    expect(bound).toContain(current);
    expect(bound).not.toContain('no claim');
    expect(describeEvidence({ state: 'missing' }, current)).toMatch(/^No test evidence is installed: no claim is shown as verified\./);
    const tampered = describeEvidence({ state: 'tampered', file: 'evidence/x.json', reason: 'digest does not match the contents' }, current);
    expect(tampered).toContain('evidence/x.json');
    expect(tampered).toContain('digest does not match the contents');
    expect(tampered).toContain('no claim is shown as verified');
    const differs = describeEvidence({ state: 'source_differs', file: 'evidence/x.json', evidenceSource: 'sha256:old', finishedAt: good.finishedAt }, current);
    for (const part of ['evidence/x.json', 'sha256:old', current, good.finishedAt, 'no claim is shown as verified']) expect(differs).toContain(part);
  });
});
