/* Records which tests passed in this run, so the claim registry shows a claim as verified only
   when every test it names passed (src/trust/claims.ts). The evidence is bound to the source it
   tested: the source hash is taken when the run starts (src/trust/source.ts) and sealed with the
   passed list (src/trust/evidence.ts), so a pass can never vouch for code that changed since. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';
import { RUN_EVIDENCE, sealEvidence } from '../src/trust/evidence.js';
import { computeSourceHash, PROJECT_ROOT, type SourceHash } from '../src/trust/source.js';

export default class ClaimsReporter implements Reporter {
  private passed: string[] = [];
  private source: SourceHash | null = null;

  onInit(): void {
    this.source = computeSourceHash(PROJECT_ROOT);
  }

  onTestCaseResult(testCase: TestCase): void {
    if (testCase.result().state !== 'passed') return;
    const file = relative(PROJECT_ROOT, testCase.module.moduleId);
    this.passed.push(`${file} > ${testCase.fullName}`);
  }

  onTestRunEnd(): void {
    // Only a whole-suite run is evidence; a run filtered to some files or names (a developer
    // iterating) writes beside it, so it can neither vouch for nor erase the last full run.
    const args = process.argv.slice(process.argv.indexOf('run') + 1);
    const filtered = args.some((a) => !a.startsWith('-')) || args.some((a) => a === '-t' || a.startsWith('--testNamePattern'));
    const full = join(PROJECT_ROOT, RUN_EVIDENCE);
    const file = filtered ? full.replace(/\.json$/, '.partial.json') : full;
    const source = this.source ?? computeSourceHash(PROJECT_ROOT);
    const evidence = sealEvidence({ sourceHash: source.hash, sourceFiles: source.files, finishedAt: new Date().toISOString(), node: process.version, passed: this.passed });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(evidence, null, 1)}\n`);
  }
}
