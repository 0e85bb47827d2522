/* One load run: autocannon in its own process (bench/deps/load.mjs), with the target server's
   RSS sampled while it runs. Throughput counts 2xx responses only, so a server that answers
   errors fast never looks fast. */
import { join } from 'node:path';
import { runToEnd, rssMbOf } from './proc.js';
import { BENCH_DIR, childEnv } from './env.js';

export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationS: number;
  requests: LoadRequest[];
  /** Replace `[<id>]` in bodies with a fresh random id per request (autocannon's idReplacement). */
  idReplacement?: boolean;
}

export interface LoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssMb: number;
  statusCodes: Record<string, { count: number }>;
}

export async function runLoad(spec: LoadSpec, serverPid?: number): Promise<LoadResult> {
  let peak = 0;
  const sample = async () => {
    if (serverPid === undefined) return;
    const v = await rssMbOf(serverPid);
    if (Number.isFinite(v) && v > peak) peak = v;
  };
  const timer = setInterval(() => void sample(), 250);
  try {
    const out = await runToEnd(process.execPath, [join(BENCH_DIR, 'deps', 'load.mjs'), JSON.stringify(spec)], childEnv(), (spec.durationS + 60) * 1000);
    const line = out.trim().split('\n').pop() ?? '{}';
    const r = JSON.parse(line) as Omit<LoadResult, 'rssMb'>;
    await sample();
    return { ...r, rssMb: peak };
  } finally {
    clearInterval(timer);
  }
}
