#!/usr/bin/env node
// AUD-6 across the whole test run (run by `npm test` after vitest): no secret that any test app
// saw cross its HTTP boundary appears in any log line any test app wrote. test/fixtures/log-audit.ts
// records both, per worker, in test-results/log-audit/. Exits 1 on any leak.
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const root = new URL('../test-results/log-audit/', import.meta.url).pathname;
// The run whose global teardown finished last: the vitest run that just ended before this script.
const runId = existsSync(`${root}last-completed`) ? readFileSync(`${root}last-completed`, 'utf8').trim() : '';
const dir = join(root, runId);
if (!runId || !existsSync(dir)) {
  console.error('log-audit: no records: did the test run use test/fixtures/app.ts?');
  process.exit(1);
}
const secrets = new Set();
let logs = '';
for (const f of readdirSync(dir)) {
  const text = readFileSync(join(dir, f), 'utf8');
  if (f.endsWith('.secrets')) {
    for (const line of text.split('\n')) if (line) secrets.add(JSON.parse(line));
  } else if (f.endsWith('.logs')) {
    logs += text;
  }
}
const leaked = [...secrets].filter((s) => logs.includes(s));
const summary = { secrets: secrets.size, logLines: logs.split('\n').length - 1, leaked: leaked.length };
writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
if (leaked.length) {
  console.error(`log-audit: FAIL: ${leaked.length} secret(s) seen by the API appear in log lines, e.g. ${leaked.slice(0, 3).map((s) => `${s.slice(0, 3)}…(${s.length} chars)`).join(', ')}`);
  process.exit(1);
}
// Record the pass as evidence for the claim registry (src/trust/claims.ts), beside vitest's.
// The evidence file of the run that just ended: the partial one if a filtered run wrote last.
const full = new URL('../test-results/claims-evidence.json', import.meta.url).pathname;
const partial = full.replace(/\.json$/, '.partial.json');
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
const evidenceFile = mtime(partial) > mtime(full) ? partial : full;
if (existsSync(evidenceFile) && summary.secrets > 0) {
  const evidence = JSON.parse(readFileSync(evidenceFile, 'utf8'));
  evidence.passed = [...new Set([...evidence.passed, 'scripts/check-log-audit.mjs > AUD-6: no secret seen by the API appears in any log line of the whole test run'])].sort();
  // Reseal: the digest src/trust/evidence.ts checks (evidenceDigest), computed the same way.
  const canonical = JSON.stringify([evidence.format, evidence.sourceHash, evidence.sourceFiles, evidence.finishedAt, evidence.node, evidence.passed]);
  evidence.digest = `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
  writeFileSync(evidenceFile, `${JSON.stringify(evidence, null, 1)}\n`);
}
console.log(`log-audit: ${summary.secrets} secrets checked against ${summary.logLines} log lines: none leaked`);
