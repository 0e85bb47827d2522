/* Links the claim registry to mutation testing (issue 21): which registered test of which claim
   killed which mutants of which security-critical file. Reads StrykerJS JSON reports (the
   `reports/mutation/<group>.json` that `npm run mutants` writes; they are not tracked) and writes
   evidence/mutation-kills.json (tracked): per mutated file its score, and per claim the tests
   the registry names for it that a mutation of the enforcing code made fail, with how many.
     npm run mutants:kills -- reports/mutation/keyring.json reports/mutation/dlp.json …
   Name the reports oldest first: a later report of a file replaces an earlier one, unless the
   file's source is byte-identical in both (a narrowed re-run over the same code, e.g. over the
   survivors), in which case the later run's result replaces the earlier's mutant by mutant.
   test/mutation-kills.test.ts keeps the record and the registry from drifting apart. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { CLAIMS } from '../src/trust/claims.js';
import { SECURITY_CRITICAL } from './mutants-groups.mjs';

export const KILLS_FILE = 'evidence/mutation-kills.json';

interface StrykerMutant {
  id: string;
  status: string;
  mutatorName: string;
  replacement?: string;
  killedBy?: string[];
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface StrykerReport {
  files: Record<string, { source: string; mutants: StrykerMutant[] }>;
  testFiles?: Record<string, { tests: Array<{ id: string; name: string }> }>;
}

export interface FileScore {
  /** The reports it comes from (their file names), oldest first. */
  reports: string[];
  /** SHA-256 of the source the mutants were made from (a later edit of the file makes the score older than the code). */
  sourceSha256: string;
  /** The first and last line a counted mutant starts on. */
  lines: string | null;
  killed: number;
  survived: number;
  score: number;
}
export interface MutationKills {
  files: Record<string, FileScore>;
  /** claim id → the distinct mutants its registered tests killed, per mutated file, and per
      registered test ("file > … > name") the mutants that test killed, per mutated file. */
  claims: Record<string, { killed: Record<string, number>; tests: Record<string, Record<string, number>> }>;
  /** Security-critical modules (scripts/mutants-groups.mjs) no report here covers. */
  notMeasured: string[];
  /** Tests that killed mutants but are not evidence for any claim, by file: how many. */
  unregistered: Record<string, number>;
}

/** Stryker's vitest runner names a test by its describe blocks and name joined with spaces; the
    registry by "file > describe > name". The same test, keyed the same way. */
const strykerKey = (file: string, name: string): string => `${file}\u0000${name}`;
const registryKey = (entry: string): string => {
  const [file, ...parts] = entry.split(' > ');
  return strykerKey(file!, parts.join(' '));
};

const mutantKey = (m: StrykerMutant): string =>
  `${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column} ${m.mutatorName} ${m.replacement ?? ''}`;

interface Measured { reports: string[]; source: string; mutants: Map<string, { mutant: StrykerMutant; tests: Map<string, string> }> }

export function mutationKills(reports: Array<{ name: string; report: StrykerReport }>): MutationKills {
  const claimsOf = new Map<string, Array<{ claim: string; entry: string }>>();
  for (const claim of CLAIMS) {
    for (const entry of claim.tests) {
      const k = registryKey(entry);
      claimsOf.set(k, [...(claimsOf.get(k) ?? []), { claim: claim.id, entry }]);
    }
  }
  // Per mutated file, its mutants with the test names of the report each result comes from.
  const latest = new Map<string, Measured>();
  for (const r of reports) {
    const tests = new Map<string, string>();
    for (const [file, { tests: list }] of Object.entries(r.report.testFiles ?? {})) {
      for (const t of list) tests.set(t.id, strykerKey(file, t.name));
    }
    for (const [file, { source, mutants }] of Object.entries(r.report.files)) {
      const before = latest.get(file);
      const same = before?.source === source;
      const entry: Measured = same ? { ...before, reports: [...before.reports, r.name] } : { reports: [r.name], source, mutants: new Map() };
      for (const m of mutants) entry.mutants.set(mutantKey(m), { mutant: m, tests });
      latest.set(file, entry);
    }
  }
  const out: MutationKills = { files: {}, claims: {}, unregistered: {}, notMeasured: [] };
  for (const [file, { reports: names, source, mutants }] of [...latest].sort(([a], [b]) => a.localeCompare(b))) {
    const counted = [...mutants.values()].filter(({ mutant: m }) => ['Killed', 'Timeout', 'Survived', 'NoCoverage'].includes(m.status));
    const killed = counted.filter(({ mutant: m }) => m.status === 'Killed' || m.status === 'Timeout').length;
    const lines = counted.map(({ mutant: m }) => m.location.start.line);
    out.files[file] = {
      reports: names,
      sourceSha256: createHash('sha256').update(source).digest('hex'),
      lines: lines.length ? `${Math.min(...lines)}-${Math.max(...lines)}` : null,
      killed,
      survived: counted.length - killed,
      score: counted.length ? Math.round((1000 * killed) / counted.length) / 10 : 100,
    };
    for (const { mutant: m, tests } of mutants.values()) {
      const claimsKilling = new Set<string>();
      for (const id of m.killedBy ?? []) {
        const key = tests.get(id);
        if (!key) continue;
        const owners = claimsOf.get(key);
        if (!owners) {
          const testFile = key.split('\u0000')[0]!;
          out.unregistered[testFile] = (out.unregistered[testFile] ?? 0) + 1;
          continue;
        }
        for (const { claim, entry } of owners) {
          const perTest = ((out.claims[claim] ??= { killed: {}, tests: {} }).tests[entry] ??= {});
          perTest[file] = (perTest[file] ?? 0) + 1;
          claimsKilling.add(claim);
        }
      }
      for (const claim of claimsKilling) out.claims[claim]!.killed[file] = (out.claims[claim]!.killed[file] ?? 0) + 1;
    }
  }
  // Stable order, so a regenerated record diffs only where a measurement changed.
  const sorted = <V>(o: Record<string, V>): Record<string, V> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
  out.claims = Object.fromEntries(Object.entries(sorted(out.claims)).map(([c, v]) => [c, { killed: sorted(v.killed), tests: sorted(v.tests) }]));
  out.notMeasured = SECURITY_CRITICAL.filter((f) => !(f in out.files));
  out.unregistered = Object.fromEntries(Object.entries(out.unregistered).sort(([a], [b]) => a.localeCompare(b)));
  return out;
}

export const DOC_FILE = 'docs/testing.md';
export const DOC_START = '<!-- mutation-kills: generated by `npm run mutants:kills` from evidence/mutation-kills.json; do not edit by hand -->';
export const DOC_END = '<!-- /mutation-kills -->';

/** The record as docs/testing.md shows it: per claim, the mutated files and how many of their
    mutants the claim's registered tests killed; per file, the score those reports measured. */
export function renderKills(k: MutationKills): string {
  const claimRows = Object.entries(k.claims).map(([id, { killed, tests }]) => {
    const files = Object.entries(killed).map(([f, n]) => `${f.replace(/^src\//, '')} (${n})`).join(', ');
    return `| ${id} | ${files} | ${Object.values(killed).reduce((a, b) => a + b, 0)} | ${Object.keys(tests).length} |`;
  });
  const fileRows = Object.entries(k.files).map(([f, v]) => `| ${f} | ${v.lines ?? '—'} | ${v.killed} | ${v.survived} | ${v.score.toFixed(1)} % | ${v.reports.join(', ')} |`);
  return [
    DOC_START,
    '',
    '| claim | mutated file (mutants its tests killed) | mutants killed | registered tests that killed one |',
    '|---|---|---:|---:|',
    ...claimRows,
    '',
    '| file | lines mutated | killed | survived | score | Stryker reports |',
    '|---|---|---:|---:|---:|---|',
    ...fileRows,
    '',
    `Not measured by any report here: ${k.notMeasured.length ? k.notMeasured.join(', ') : 'none'}.`,
    '',
    DOC_END,
  ].join('\n');
}

/** docs/testing.md with its generated section replaced by `rendered`. */
export function withKillsSection(doc: string, rendered: string): string {
  const a = doc.indexOf(DOC_START);
  const b = doc.indexOf(DOC_END);
  if (a < 0 || b < a) throw new Error(`${DOC_FILE} has no generated mutation-kills section`);
  return doc.slice(0, a) + rendered + doc.slice(b + DOC_END.length);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const paths = process.argv.slice(2);
  if (!paths.length) {
    process.stderr.write('usage: npm run mutants:kills -- <stryker report.json>… (oldest first)\n');
    process.exit(2);
  }
  const reports = paths.map((p) => ({ name: p.split('/').at(-1)!, report: JSON.parse(readFileSync(p, 'utf8')) as StrykerReport }));
  const kills = mutationKills(reports);
  writeFileSync(KILLS_FILE, `${JSON.stringify(kills, null, 2)}\n`);
  writeFileSync(DOC_FILE, withKillsSection(readFileSync(DOC_FILE, 'utf8'), renderKills(kills)));
  const claims = Object.keys(kills.claims);
  process.stdout.write(`${KILLS_FILE}: ${Object.keys(kills.files).length} files, ${claims.length} claims linked (${claims.join(', ')})\n`);
}
