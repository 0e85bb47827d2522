/* W6 envelope crypto, in-process (no HTTP): encrypt+decrypt of 1 KiB through the crypto
   module against raw node:crypto AES-256-GCM. Two Palisade figures: the envelope itself with
   the DEK in memory (what the target is about), and the keyring API a module actually calls,
   whose every call also looks the key version up in the org transaction. Each run is its own
   process (bench/servers/crypto-w6.ts); rounds interleave. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { newId } from '../../src/lib/ids.js';
import postgres from 'postgres';
import type { Ctx } from '../lib/context.js';
import { compare, type Target } from '../lib/measure.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';
import { runToEnd } from '../lib/proc.js';
import { BENCH_DIR, childEnv, ROOT_DIR } from '../lib/env.js';
import type { LoadResult } from '../lib/load.js';

const GOAL: Goal = { on: 'ratio', min: 0.7, text: '≥ 0.7× raw' };

function cryptoTarget(label: string, spec: Record<string, unknown>): Target {
  return {
    label,
    run: async (durationS): Promise<LoadResult> => {
      const out = await runToEnd(process.execPath, [join(ROOT_DIR, 'bin', 'run-ts.js'), join(BENCH_DIR, 'servers', 'crypto-w6.ts'), JSON.stringify({ ...spec, durationS })], childEnv(), (durationS + 60) * 1000);
      const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ok: number; seconds: number; rps: number };
      return { ok: r.ok, non2xx: 0, errors: 0, timeouts: 0, seconds: r.seconds, rps: r.rps, p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN, rssMb: Number.NaN, statusCodes: {} };
    },
  };
}

export async function systemUrl(ownerUrl: string): Promise<string | null> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const [r] = await sql<{ password: string }[]>`select password from palisade_internal.role_secrets where role_name = 'palisade_system'`;
    if (!r) return null;
    const u = new URL(ownerUrl);
    u.username = 'palisade_system';
    u.password = r.password;
    return u.toString();
  } finally {
    await sql.end();
  }
}

export async function w6(ctx: Ctx): Promise<Row[]> {
  const unit = 'ops/s';
  const targets: Target[] = [
    cryptoTarget('envelope seal+open, DEK from cache', { mode: 'envelope' }),
    cryptoTarget('raw AES-256-GCM', { mode: 'raw' }),
  ];
  // The keyring runs on an org of its own (its DEK is made under this run's KEK, below).
  const orgId = newId('org');
  const [keyTables] = await (async () => {
    const sql = postgres(ctx.palisadeDbUrl, { max: 1, onnotice: () => {} });
    try {
      await sql`insert into orgs (id, name) values (${orgId}, 'W6 keyring org')`;
      return await sql<{ present: boolean }[]>`select to_regclass('public.crypto_key_versions') is not null as present`;
    } finally {
      await sql.end();
    }
  })();
  const sys = await systemUrl(ctx.palisadeDbUrl);
  const keyringSkip = !keyTables?.present ? 'crypto migration 0004 not in this build' : !sys ? 'no palisade_system secret' : null;
  if (!keyringSkip) {
    targets.push(cryptoTarget('keyring encryptField+decryptField, DEK cached', { mode: 'keyring', appUrl: ctx.template.appUrl(ctx.palisadeDbUrl), systemUrl: sys, orgId, kekBase64: randomBytes(32).toString('base64') }));
  }
  // Each run warms its own JIT before timing (crypto-w6.ts), so no separate warm-up run, and
  // an in-process loop is steady after a few seconds.
  const m = await compare(targets, { ...ctx.plan, warmupS: 0, roundS: Math.min(ctx.plan.roundS, 3) }, ctx.log);
  const env = m.find((x) => x.label.startsWith('envelope'));
  const raw = m.find((x) => x.label.startsWith('raw'));
  const kr = m.find((x) => x.label.startsWith('keyring'));
  if (!env || !raw) throw new Error('W6: missing measurement');
  const rows = [makeRow({ workload: 'W6 envelope encrypt+decrypt 1 KiB vs raw AES-256-GCM', unit, ours: env, baseline: raw, goal: GOAL }, !ctx.smoke)];
  if (kr) rows.push(makeRow({ workload: 'W6 keyring field encrypt+decrypt 1 KiB vs raw', unit, ours: kr, baseline: raw, goal: GOAL }, !ctx.smoke));
  else rows.push(skippedRow('W6 keyring field encrypt+decrypt 1 KiB vs raw', unit, keyringSkip ?? 'not available', GOAL, { ours: 'keyring', baseline: raw.label }, raw));
  return rows;
}
