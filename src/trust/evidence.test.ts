import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimStatuses } from './claims.js';
import { checkEvidenceFile, COMMITTED_EVIDENCE, evidenceDigest, loadEvidence, passedTests, RUN_EVIDENCE, sealEvidence, type EvidenceFile } from './evidence.js';
import { computeSourceHash, PROJECT_ROOT, sourceFiles } from './source.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'palisade-evidence-'));
  dirs.push(root);
  const put = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  put('src/a.ts', 'export const a = 1;\n');
  put('src/deep/b.ts', 'export const b = 2;\n');
  put('test/a.test.ts', "it('X-1: a is 1')\n");
  put('docs/claims.md', '| X-1 | a | verified |\n');
  put('package.json', '{"name":"x"}\n');
  return root;
}

function writeEvidence(root: string, rel: string, passed: string[], sourceHashValue = computeSourceHash(root).hash): EvidenceFile {
  const e = sealEvidence({ sourceHash: sourceHashValue, sourceFiles: 5, finishedAt: '2026-12-07T00:00:00.000Z', node: 'v20', passed });
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), JSON.stringify(e));
  return e;
}

const claim = { id: 'X-1', kind: 'verified' as const, summary: 'a is 1', tests: ['test/a.test.ts > X-1: a is 1'] };
const statusIn = (root: string) => claimStatuses({ passed: passedTests(loadEvidence(computeSourceHash(root).hash, root)) }, [claim])[0]?.status;

describe('evidence bound to the source it tested', () => {
  it('TRUST-1: evidence recorded for exactly this source counts; the committed copy counts in a fresh install', () => {
    const root = tree();
    expect(loadEvidence(computeSourceHash(root).hash, root).state).toBe('missing');
    expect(statusIn(root)).toBe('not_yet');
    writeEvidence(root, COMMITTED_EVIDENCE, claim.tests);
    expect(loadEvidence(computeSourceHash(root).hash, root)).toMatchObject({ state: 'bound', file: COMMITTED_EVIDENCE });
    expect(statusIn(root)).toBe('verified');
  });

  it('TRUST-1: one changed byte in any hashed file, or a file added, and nothing is verified', () => {
    for (const change of [
      (r: string) => writeFileSync(join(r, 'src/deep/b.ts'), 'export const b = 3;\n'),
      (r: string) => writeFileSync(join(r, 'test/extra.test.ts'), ''),
      (r: string) => writeFileSync(join(r, 'docs/claims.md'), '| X-1 | a | verified |\n\n'),
      (r: string) => writeFileSync(join(r, 'package.json'), '{"name":"y"}\n'),
    ]) {
      const root = tree();
      writeEvidence(root, RUN_EVIDENCE, claim.tests);
      expect(statusIn(root)).toBe('verified');
      change(root);
      expect(loadEvidence(computeSourceHash(root).hash, root).state).toBe('source_differs');
      expect(statusIn(root)).toBe('not_yet');
    }
  });

  it('TRUST-1: what runs write (data and key directories, node_modules, test results, the evidence itself) does not change the source hash', () => {
    const root = tree();
    const before = computeSourceHash(root);
    for (const rel of ['.palisade/pg/x', '.palisade-keys/kek.key', 'node_modules/m/index.js', 'src/.vitest-1/x', 'test-results/x.json', 'evidence/claims-evidence.json', 'bench/results/r.json', 'web/dist/app.js', 'web/node_modules/x.js']) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), 'x');
    }
    expect(computeSourceHash(root)).toEqual(before);
    expect(before.files).toBe(5);
  });

  it('TRUST-1: a tampered evidence file (a test added, a name changed, the date changed, cut short, duplicated) counts for nothing, and neither does any other file beside it', () => {
    const tamper: Array<(e: EvidenceFile) => string> = [
      (e) => JSON.stringify({ ...e, passed: [...e.passed, 'test/a.test.ts > X-2: forged'].sort() }),
      (e) => JSON.stringify({ ...e, passed: e.passed.map((p) => `${p} `) }),
      (e) => JSON.stringify({ ...e, finishedAt: '2027-01-01T00:00:00.000Z' }),
      (e) => JSON.stringify(e).slice(0, 40),
      (e) => JSON.stringify({ ...e, passed: [...e.passed, ...e.passed] }),
    ];
    for (const t of tamper) {
      const root = tree();
      writeEvidence(root, COMMITTED_EVIDENCE, claim.tests);
      const run = writeEvidence(root, RUN_EVIDENCE, [...claim.tests, 'test/a.test.ts > X-1: more']);
      expect(statusIn(root)).toBe('verified');
      writeFileSync(join(root, RUN_EVIDENCE), t(run));
      expect(loadEvidence(computeSourceHash(root).hash, root)).toMatchObject({ state: 'tampered', file: RUN_EVIDENCE });
      expect(statusIn(root)).toBe('not_yet');
    }
    // A forger who recomputes the digest is not caught by it (docs/trust.md says so): the digest
    // is an integrity check, and reproduction is the defence.
    const root = tree();
    const e = writeEvidence(root, RUN_EVIDENCE, []);
    const forged = { ...e, passed: claim.tests };
    writeFileSync(join(root, RUN_EVIDENCE), JSON.stringify({ ...forged, digest: evidenceDigest(forged) }));
    expect(statusIn(root)).toBe('verified');
  });

  it('TRUST-1: the whole-run log audit (scripts/check-log-audit.mjs) adds AUD-6 and reseals the evidence so it still checks', () => {
    const root = tree();
    mkdirSync(join(root, 'scripts'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'scripts/check-log-audit.mjs'), join(root, 'scripts/check-log-audit.mjs'));
    mkdirSync(join(root, 'test-results/log-audit/run1'), { recursive: true });
    writeFileSync(join(root, 'test-results/log-audit/last-completed'), 'run1');
    writeFileSync(join(root, 'test-results/log-audit/run1/w.secrets'), `${JSON.stringify('s3cret-value')}\n`);
    writeFileSync(join(root, 'test-results/log-audit/run1/w.logs'), 'a harmless line\n');
    writeEvidence(root, RUN_EVIDENCE, ['z > last', 'a > first']);
    execFileSync(process.execPath, [join(root, 'scripts/check-log-audit.mjs')], { stdio: 'ignore' });
    const checked = checkEvidenceFile(join(root, RUN_EVIDENCE));
    expect(checked).toMatchObject({ ok: true });
    expect(checked?.ok && checked.evidence.passed).toEqual(['a > first', 'scripts/check-log-audit.mjs > AUD-6: no secret seen by the API appears in any log line of the whole test run', 'z > last']);
  });

  it('TRUST-1: the real tree hashes its source roots and nothing the runs write', () => {
    const files = sourceFiles(PROJECT_ROOT);
    expect(files).toContain('src/trust/evidence.ts');
    expect(files).toContain('package-lock.json');
    expect(files.some((f) => /(^|\/)(node_modules|test-results|\.palisade[^/]*)\//.test(f) || f.startsWith('evidence/'))).toBe(false);
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'))).toHaveProperty('name');
  });
});
