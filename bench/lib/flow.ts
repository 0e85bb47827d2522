/* A Target driven by bench/servers/flow-driver.ts (custom flows: W8 sign-in + TOTP, W10 Stripe
   events) in its own process, with the server's RSS sampled as bench/lib/load.ts does. */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, childEnv, ROOT_DIR } from './env.js';
import type { LoadResult } from './load.js';
import type { Target } from './measure.js';
import { rssMbOf, runToEnd } from './proc.js';

export interface FlowResult extends LoadResult {
  lastStep?: number[];
  starved?: number;
}

export async function runFlow(spec: Record<string, unknown>, durationS: number, serverPid?: number): Promise<FlowResult> {
  let peak = 0;
  const sample = async () => {
    if (serverPid === undefined) return;
    const v = await rssMbOf(serverPid);
    if (Number.isFinite(v) && v > peak) peak = v;
  };
  // The spec goes in a file: thousands of accounts exceed what one argv string may hold.
  const file = join(tmpdir(), `palisade-flow-${randomBytes(8).toString('hex')}.json`);
  await writeFile(file, JSON.stringify({ ...spec, durationS }), { mode: 0o600 });
  const timer = setInterval(() => void sample(), 250);
  try {
    const out = await runToEnd(process.execPath, [join(ROOT_DIR, 'bin', 'run-ts.js'), join(BENCH_DIR, 'servers', 'flow-driver.ts'), file], childEnv(), (durationS + 600) * 1000);
    const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Omit<FlowResult, 'rssMb'>;
    await sample();
    return { ...r, rssMb: peak };
  } finally {
    clearInterval(timer);
    await rm(file, { force: true });
  }
}

/** `spec` is called for every run (each round may hand the driver new state). */
export function flowTarget(label: string, serverPid: number | undefined, spec: () => Record<string, unknown>, after?: (r: FlowResult) => void): Target {
  return {
    label,
    run: async (durationS) => {
      const r = await runFlow(spec(), durationS, serverPid);
      after?.(r);
      return r;
    },
  };
}
