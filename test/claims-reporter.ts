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
    mkdirSync(dirname(EVIDENCE_FILE), { recursive: true });
    writeFileSync(EVIDENCE_FILE, JSON.stringify({ finishedAt: new Date().toISOString(), passed: this.passed.sort() }, null, 1));
  }
}
