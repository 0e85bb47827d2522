/* Summarises a V8 .cpuprofile (from `npm run bench -- --profile`): self time by function and by
   file, top N. node bin/run-ts.js bench/profile-summary.ts <file.cpuprofile> [N] */
import { readFile } from 'node:fs/promises';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const file = process.argv[2];
const topN = Number(process.argv[3] ?? 25);
if (!file) {
  process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [N]\n');
  process.exit(2);
}
const p = JSON.parse(await readFile(file, 'utf8')) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (let i = 0; i < p.samples.length; i++) {
  const id = p.samples[i] as number;
  self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const short = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'nm:').replace(/^.*\/work\/main\//, '');
const fnAgg = new Map<string, number>();
const fileAgg = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id);
  if (!n) continue;
  const f = n.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`;
  fnAgg.set(key, (fnAgg.get(key) ?? 0) + us);
  const pkg = short(f.url).replace(/^(nm:(@[^/]+\/)?[^/]+).*$/, '$1') || `(${f.functionName})`;
  fileAgg.set(pkg, (fileAgg.get(pkg) ?? 0) + us);
}
const print = (title: string, m: Map<string, number>) => {
  process.stdout.write(`\n${title} (total ${(total / 1e6).toFixed(1)} s sampled)\n`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, topN)) {
    process.stdout.write(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`);
  }
};
print('self time by package/file', fileAgg);
print('self time by function', fnAgg);
