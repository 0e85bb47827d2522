/* Results: bench/results/latest.json (one object per comparison) and a table on stdout.
   A workload that could not run is a row with `skipped` and null figures, never a number. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BENCH_DIR } from './env.js';
import type { Measured } from './measure.js';

export interface Goal {
  /** What is compared to the bound: ours/baseline, or ours alone. */
  on: 'ratio' | 'ours';
  min?: number;
  max?: number;
  text: string;
}

export interface Row {
  workload: string;
  ours: number | null;
  baseline: number | null;
  unit: string;
  /** ours / baseline. */
  ratio: number | null;
  /** Latency and peak RSS of Palisade's side (ours). */
  p50Ms: number | null;
  p99Ms: number | null;
  rssMb: number | null;
  oursLabel: string;
  baselineLabel: string | null;
  baselineP50Ms: number | null;
  baselineP99Ms: number | null;
  baselineRssMb: number | null;
  target: string | null;
  /** null: no target, or not measured, or a smoke run (targets not enforced). */
  met: boolean | null;
  rounds: number;
  skipped?: string;
  problem?: string;
  /** What else was observed (e.g. audit records appended per request). */
  note?: string;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const fin = (x: number | undefined | null): number | null => (x === undefined || x === null || !Number.isFinite(x) ? null : r2(x));

export function judge(goal: Goal | null, ours: number | null, ratio: number | null): boolean | null {
  if (!goal) return null;
  const v = goal.on === 'ratio' ? ratio : ours;
  if (v === null) return null;
  if (goal.min !== undefined && v < goal.min) return false;
  if (goal.max !== undefined && v > goal.max) return false;
  return true;
}

export interface RowInput {
  workload: string;
  unit: string;
  ours: Measured | { label: string; value: number; p50Ms?: number; p99Ms?: number; rssMb?: number; problem?: string; rounds?: number };
  baseline: Measured | { label: string; value: number; p50Ms?: number; p99Ms?: number; rssMb?: number; problem?: string; rounds?: number } | null;
  /** Which figure of a Measured is compared (default: throughput). */
  metric?: 'rps' | 'p99Ms';
  goal: Goal | null;
}

function valueOf(m: RowInput['ours'], metric: 'rps' | 'p99Ms'): number {
  return 'value' in m ? m.value : m[metric];
}

export function makeRow(i: RowInput, enforce: boolean): Row {
  const metric = i.metric ?? 'rps';
  const ours = fin(valueOf(i.ours, metric));
  const base = i.baseline ? fin(valueOf(i.baseline, metric)) : null;
  const ratio = ours !== null && base !== null && base !== 0 ? Math.round((ours / base) * 1000) / 1000 : null;
  const problems = [i.ours.problem && `${i.ours.label}: ${i.ours.problem}`, i.baseline?.problem && `${i.baseline.label}: ${i.baseline.problem}`].filter(Boolean);
  const rounds = 'rounds' in i.ours ? (Array.isArray(i.ours.rounds) ? i.ours.rounds.length : (i.ours.rounds ?? 1)) : 1;
  return {
    workload: i.workload,
    ours,
    baseline: base,
    unit: i.unit,
    ratio,
    p50Ms: fin(i.ours.p50Ms),
    p99Ms: fin(i.ours.p99Ms),
    rssMb: fin(i.ours.rssMb),
    oursLabel: i.ours.label,
    baselineLabel: i.baseline?.label ?? null,
    baselineP50Ms: fin(i.baseline?.p50Ms),
    baselineP99Ms: fin(i.baseline?.p99Ms),
    baselineRssMb: fin(i.baseline?.rssMb),
    target: i.goal?.text ?? null,
    // A figure measured with errors proves nothing either way.
    met: enforce && !problems.length ? judge(i.goal, ours, ratio) : null,
    rounds,
    ...(problems.length ? { problem: problems.join('; ') } : {}),
  };
}

/** A row whose Palisade side could not run; a baseline measured anyway is still reported. */
export function skippedRow(workload: string, unit: string, reason: string, goal: Goal | null, labels: { ours: string; baseline: string | null }, baseline?: Measured | null): Row {
  return {
    workload, ours: null, baseline: baseline ? fin(baseline.rps) : null, unit, ratio: null, p50Ms: null, p99Ms: null, rssMb: null,
    oursLabel: labels.ours, baselineLabel: labels.baseline,
    baselineP50Ms: fin(baseline?.p50Ms), baselineP99Ms: fin(baseline?.p99Ms), baselineRssMb: fin(baseline?.rssMb),
    target: goal?.text ?? null, met: null, rounds: 0, skipped: reason,
    ...(baseline?.problem ? { problem: `${baseline.label}: ${baseline.problem}` } : {}),
  };
}

function fmt(x: number | null, digits = 1): string {
  if (x === null) return '—';
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
}

export function table(rows: Row[]): string {
  const head = ['workload', 'ours', 'baseline', 'unit', 'ratio', 'p50 ms', 'p99 ms', 'RSS MB', 'target', 'met'];
  const body = rows.map((r) => [
    r.workload,
    r.skipped ? 'skipped' : fmt(r.ours),
    fmt(r.baseline),
    r.unit,
    r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
    fmt(r.p50Ms),
    fmt(r.p99Ms),
    fmt(r.rssMb, 0),
    r.target ?? '',
    r.met === null ? (r.skipped || r.problem ? '—' : 'n/a') : r.met ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => (b[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((s, c) => s.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const b of body) out.push(line(b));
  const notes = rows.filter((r) => r.skipped || r.problem || r.note);
  if (notes.length) {
    out.push('');
    for (const r of notes) {
      if (r.skipped) out.push(`* ${r.workload}: skipped: ${r.skipped}`);
      if (r.problem) out.push(`* ${r.workload}: measured with problems (not judged): ${r.problem}`);
      if (r.note) out.push(`* ${r.workload}: ${r.note}`);
    }
  }
  return out.join('\n');
}

export async function writeResults(rows: Row[], meta: Record<string, unknown>, file = 'latest.json'): Promise<string> {
  const dir = join(BENCH_DIR, 'results');
  await mkdir(dir, { recursive: true });
  const path = join(dir, file);
  await writeFile(path, `${JSON.stringify(rows, null, 2)}\n`);
  await writeFile(join(dir, file.replace(/\.json$/, '.meta.json')), `${JSON.stringify(meta, null, 2)}\n`);
  await writeFile(join(dir, file.replace(/\.json$/, '.md')), `${markdown(rows)}\n`);
  return path;
}

/** The same table in Markdown, for bench/README.md. */
export function markdown(rows: Row[]): string {
  const out = ['| workload | ours | baseline | unit | ratio | p50 ms | p99 ms | RSS MB | target | met |', '|---|---:|---:|---|---:|---:|---:|---:|---|---|'];
  for (const r of rows) {
    out.push(`| ${r.workload} | ${r.skipped ? 'skipped' : fmt(r.ours)} | ${fmt(r.baseline)} | ${r.unit} | ${r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${fmt(r.rssMb, 0)} | ${r.target ?? ''} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`);
  }
  const notes = rows.filter((r) => r.skipped || r.problem || r.note);
  if (notes.length) out.push('');
  for (const r of notes) {
    if (r.skipped) out.push(`- ${r.workload}: skipped: ${r.skipped}`);
    if (r.problem) out.push(`- ${r.workload}: measured with problems (not judged): ${r.problem}`);
    if (r.note) out.push(`- ${r.workload}: ${r.note}`);
  }
  return out.join('\n');
}
