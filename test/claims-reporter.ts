/* Records which tests passed in this run, so the claim registry shows a claim as verified only
   when every test it names passed (src/trust/claims.ts). Evidence is from this run only: a
   stale pass must never vouch for code that changed since. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';
import { EVIDENCE_FILE } from '../src/trust/claims.js';

const ROOT = new URL('..', import.meta.url).pathname;

export default class ClaimsReporter implements Reporter {
  private passed: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    if (testCase.result().state !== 'passed') return;
    const file = relative(ROOT, testCase.module.moduleId);
    this.passed.push(`${file} > ${testCase.fullName}`);
  }

  onTestRunEnd(): void {
    // Only a whole-suite run is evidence; a run filtered to some files or names (a developer
    // iterating) writes beside it, so it can neither vouch for nor erase the last full run.
    const args = process.argv.slice(process.argv.indexOf('run') + 1);
    const filtered = args.some((a) => !a.startsWith('-')) || args.some((a) => a === '-t' || a.startsWith('--testNamePattern'));
    const file = filtered ? EVIDENCE_FILE.replace(/\.json$/, '.partial.json') : EVIDENCE_FILE;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ finishedAt: new Date().toISOString(), passed: this.passed.sort() }, null, 1));
  }
}
