/* Side-by-side measurement: every target of a workload gets a warm-up, then the rounds are
   interleaved (A B, B A, A B, ...) so drift on a shared machine hits both sides alike. The
   figure reported is the median over rounds; peak RSS is the maximum over rounds. */
import { readFile } from 'node:fs/promises';
import { runLoad, type LoadRequest, type LoadResult } from './load.js';
import type { Server } from './proc.js';

export interface Plan {
  warmupS: number;
  roundS: number;
  rounds: number;
  connections: number;
}

export const FULL_PLAN: Plan = { warmupS: 2, roundS: 5, rounds: 3, connections: 50 };
export const SMOKE_PLAN: Plan = { warmupS: 0, roundS: 1, rounds: 1, connections: 10 };

/** One side of a comparison: something that can be loaded for a given number of seconds. */
export interface Target {
  label: string;
  run: (durationS: number) => Promise<LoadResult>;
}

/** An HTTP target: autocannon against a server, with that server's RSS sampled. */
export function httpTarget(label: string, server: Server, requests: LoadRequest[], connections: number, opts: { idReplacement?: boolean } = {}): Target {
  return {
    label,
    run: (durationS) => runLoad({ url: server.url, connections, durationS, requests, ...(opts.idReplacement ? { idReplacement: true } : {}) }, server.pid),
  };
}

export interface Measured {
  label: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  rssMb: number;
  rounds: LoadResult[];
  /** Set when responses were not all 2xx or the load generator saw errors. */
  problem?: string;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function problemOf(rs: LoadResult[]): string | undefined {
  const ok = rs.reduce((a, r) => a + r.ok, 0);
  const bad = rs.reduce((a, r) => a + r.non2xx + r.errors + r.timeouts, 0);
  if (ok === 0) return `no 2xx response (status codes: ${JSON.stringify(rs[0]?.statusCodes ?? {})})`;
  if (bad > ok * 0.01) return `${bad} non-2xx/errors vs ${ok} ok (status codes: ${JSON.stringify(rs[0]?.statusCodes ?? {})})`;
  return undefined;
}

export function summarise(label: string, rounds: LoadResult[]): Measured {
  const problem = problemOf(rounds);
  return {
    label,
    rps: median(rounds.map((r) => r.rps)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    rssMb: Math.max(...rounds.map((r) => r.rssMb)),
    rounds,
    ...(problem ? { problem } : {}),
  };
}

async function cpuTimes(): Promise<{ idle: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return { idle, total: f.reduce((a, b) => a + b, 0) };
}

/** Waits (at most `maxMs`) until the machine is nearly idle. A server's deferred work — the
    audit sealer folding what a round appended, a GC — would otherwise run during the next
    target's round and make that target look slower (found when Palisade's sealing backlog after
    its W1 round slowed baseline (a)'s round). Every target, ours and baselines, waits alike. */
export async function settle(maxMs = 5000, busyBelow = 0.2): Promise<number> {
  const start = Date.now();
  if (process.platform !== 'linux') return 0;
  while (Date.now() - start < maxMs) {
    const a = await cpuTimes();
    await new Promise((r) => setTimeout(r, 250));
    const b = await cpuTimes();
    const busy = b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : 0;
    if (busy < busyBelow) break;
  }
  return Date.now() - start;
}

export async function compare(targets: Target[], plan: Plan, log: (m: string) => void): Promise<Measured[]> {
  if (plan.warmupS > 0) {
    for (const t of targets) {
      await settle();
      log(`  warm-up ${t.label} (${plan.warmupS}s)`);
      await t.run(plan.warmupS);
    }
  }
  const results = new Map<string, LoadResult[]>(targets.map((t) => [t.label, []]));
  for (let round = 0; round < plan.rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) {
      if (plan.warmupS > 0) await settle();
      const r = await t.run(plan.roundS);
      log(`  round ${round + 1}/${plan.rounds} ${t.label}: ${r.rps.toFixed(1)}/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms${r.rssMb ? `, rss ${r.rssMb.toFixed(0)} MB` : ''}${r.non2xx || r.errors || r.timeouts ? `, non2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts} ${JSON.stringify(r.statusCodes)}` : ''}`);
      results.get(t.label)?.push(r);
    }
  }
  return targets.map((t) => summarise(t.label, results.get(t.label) ?? []));
}
