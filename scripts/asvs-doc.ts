// Writes docs/asvs.md from src/trust/asvs.ts and test/fixtures/asvs/asvs-5.0.csv (npm run asvs:doc).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAsvsCsv, renderAsvsDoc, summarize } from '../src/trust/asvs.js';

const reqs = parseAsvsCsv(readFileSync(new URL('../test/fixtures/asvs/asvs-5.0.csv', import.meta.url), 'utf8')).filter((r) => r.level <= 2);
writeFileSync(new URL('../docs/asvs.md', import.meta.url), renderAsvsDoc(reqs));
const s = summarize(reqs);
process.stdout.write(`docs/asvs.md: ${s.covered} covered, ${s.open} open, ${s.na} n/a, ${s.notBuilt} not built — ${s.coveredPercent} % of the applicable covered\n`);
