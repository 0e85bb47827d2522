import { parseArgs } from 'node:util';
import { claimStatuses, readEvidence } from '../trust/claims.js';

export async function runTrust(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true });
  if (positionals[0] !== 'claims') {
    process.stderr.write('usage: palisade trust claims [--json]\n');
    return 2;
  }
  const report = claimStatuses(await readEvidence());
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report.map(({ id, kind, status, tests }) => ({ id, kind, status, tests })), null, 2)}\n`);
  } else {
    for (const r of report) process.stdout.write(`${r.id.padEnd(8)} ${r.status.padEnd(10)} ${r.summary}\n`);
  }
  return 0;
}
