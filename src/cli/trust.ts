/* `palisade trust claims [--json]`: the registry with each claim's status against the evidence
   recorded for this install's own source. `palisade trust evidence [--save]`: which evidence
   counts and why; --save copies the last whole-suite run's evidence to evidence/ for a release
   commit (docs/trust.md). */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { claimStatuses } from '../trust/claims.js';
import { checkEvidenceFile, COMMITTED_EVIDENCE, describeEvidence, evidenceForThisInstall, passedTests, RUN_EVIDENCE } from '../trust/evidence.js';
import { PROJECT_ROOT } from '../trust/source.js';

const USAGE = 'usage: palisade trust claims [--json] | palisade trust evidence [--save]\n';

export async function runTrust(argv: string[], out: { write(s: string): unknown } = process.stdout, err: { write(s: string): unknown } = process.stderr, root = PROJECT_ROOT): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { json: { type: 'boolean' }, save: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    err.write(`palisade trust: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const { source, state } = evidenceForThisInstall(root);
  if (positionals[0] === 'claims') {
    const report = claimStatuses({ passed: passedTests(state) });
    if (values.json) {
      out.write(`${JSON.stringify(report.map(({ id, kind, status, tests }) => ({ id, kind, status, tests })), null, 2)}\n`);
    } else {
      err.write(`${describeEvidence(state, source.hash)}\n`);
      for (const r of report) out.write(`${r.id.padEnd(8)} ${r.status.padEnd(10)} ${r.summary}\n`);
    }
    return 0;
  }
  if (positionals[0] === 'evidence') {
    if (values.save) {
      const run = checkEvidenceFile(join(root, RUN_EVIDENCE));
      if (!run?.ok) {
        err.write(`palisade trust evidence --save: ${RUN_EVIDENCE} ${run ? `is not valid (${run.reason})` : 'does not exist: run npm test first'}\n`);
        return 1;
      }
      if (run.evidence.sourceHash !== source.hash) {
        err.write(`palisade trust evidence --save: ${RUN_EVIDENCE} was recorded for ${run.evidence.sourceHash}, the source is now ${source.hash}: run npm test again\n`);
        return 1;
      }
      mkdirSync(dirname(join(root, COMMITTED_EVIDENCE)), { recursive: true });
      copyFileSync(join(root, RUN_EVIDENCE), join(root, COMMITTED_EVIDENCE));
      out.write(`saved ${COMMITTED_EVIDENCE} (${run.evidence.passed.length} passed tests, source ${source.hash}); commit it with the source\n`);
      return 0;
    }
    out.write(`${JSON.stringify({ sourceHash: source.hash, sourceFiles: source.files, evidence: state.state, file: 'file' in state ? state.file : null, summary: describeEvidence(state, source.hash) }, null, 2)}\n`);
    return state.state === 'bound' ? 0 : 1;
  }
  err.write(USAGE);
  return 2;
}
