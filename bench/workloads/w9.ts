/* W9 file vault (issue 15): a 100 MiB file uploaded through Palisade's signed upload URL
   (encrypted on the way: AES-256-GCM chunks under a per-file key, SHA-256 of the plaintext, the
   declared size enforced, the metadata and its audit record committed) and downloaded through a
   signed download URL (decrypted, each chunk authenticated first), against the same bytes
   streamed raw to the same storage (bench/servers/vault-raw.ts: Palisade's local-disk adapter,
   nothing else). Figure: MB/s of payload moved, up and back down, one transfer at a time.
   Then the server's memory while a 1 GiB file goes up and down: peak RSS (sampled every 250 ms
   from /proc/<pid>/status) minus the idle RSS just before (full run only; --smoke uses 32 MiB). */
import { join } from 'node:path';
import type { Ctx } from '../lib/context.js';
import { childEnv, ROOT_DIR } from '../lib/env.js';
import { flowTarget, runFlow } from '../lib/flow.js';
import { compare, settle, type Target } from '../lib/measure.js';
import { expectOk, missingRoutes, signInPalisade } from '../lib/palisade.js';
import { rssMbOf, spawnServer } from '../lib/proc.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';

const MiB = 1024 * 1024;
const GOAL: Goal = { on: 'ratio', min: 0.7, text: '≥ 0.7× raw' };
const GOAL_RSS: Goal = { on: 'ours', max: 64, text: '≤ +64 MB over idle' };

export async function w9(ctx: Ctx): Promise<Row[]> {
  const size = ctx.smoke ? 8 * MiB : 100 * MiB;
  const bigSize = ctx.smoke ? 32 * MiB : 1024 * MiB;
  const sizeText = `${size / MiB} MiB`;
  const workload = `W9 vault upload+download ${sizeText} vs raw to the same storage`;
  const rssWorkload = `W9 server RSS while ${bigSize / MiB} MiB goes up and down`;
  const unit = 'MB/s';
  const ours = `Palisade signed URLs, encrypted (${sizeText})`;
  const skip = ctx.palisadeSkip ?? missingRoutes(ctx.palisadeRoutes, [
    'POST /v1/org/vault/collections', 'POST /v1/org/vault/collections/{collectionId}/files',
    'POST /v1/org/vault/collections/{collectionId}/files/{fileId}/download-url', 'PUT /v1/vault/objects/{fileId}', 'GET /v1/vault/objects/{fileId}',
  ]);
  const raw = await spawnServer({
    name: 'vault-raw',
    command: process.execPath,
    args: [join(ROOT_DIR, 'bin', 'run-ts.js'), join(ROOT_DIR, 'bench', 'servers', 'vault-raw.ts')],
    env: childEnv({ STORAGE_DIR: join(ctx.tmp, 'raw-files'), PORT: '0' }),
    ready: (line) => {
      const m = /^LISTENING (.*)$/.exec(line);
      return m ? { port: (JSON.parse(m[1] ?? '{}') as { port: number }).port } : null;
    },
    logFile: join(ctx.tmp, 'vault-raw.log'),
  });
  try {
    const targets: Target[] = [];
    let palisadeSpec: Record<string, unknown> | null = null;
    if (!skip && ctx.palisade) {
      const s = await signInPalisade(ctx.palisade, ctx.users[0]!, ctx.template.orgId);
      const h = { 'content-type': 'application/json', origin: s.origin, cookie: s.cookie, 'x-csrf-token': s.csrfToken };
      const col = (await expectOk(ctx.palisade, '/v1/org/vault/collections', h, { method: 'POST', body: JSON.stringify({ name: 'W9 bench' }) })) as { id: string };
      palisadeSpec = { kind: 'vault', url: ctx.palisade.url, palisade: { cookie: s.cookie, csrfToken: s.csrfToken, collectionId: col.id } };
      const spec = palisadeSpec;
      targets.push(flowTarget(ours, ctx.palisade.pid, () => ({ ...spec, bytes: size, transfers: 1 })));
    }
    targets.push(flowTarget(`raw stream to the disk adapter (${sizeText})`, raw.pid, () => ({ kind: 'vault', url: raw.url, bytes: size, transfers: 1 })));
    // One transfer per round and side; the warm-up is one transfer too.
    const m = await compare(targets, { ...ctx.plan, warmupS: ctx.smoke ? 0 : 1 }, ctx.log);
    const o = m.find((x) => x.label === ours) ?? null;
    const b = m.find((x) => x.label !== ours) ?? null;
    const rows: Row[] = [];
    if (!b) rows.push(skippedRow(workload, unit, 'baseline not available', GOAL, { ours, baseline: null }));
    else if (!o) rows.push(skippedRow(workload, unit, skip ?? 'Palisade not available', GOAL, { ours, baseline: b.label }, b));
    else rows.push(makeRow({ workload, unit, ours: o, baseline: b, goal: GOAL }, !ctx.smoke));

    if (!palisadeSpec || !ctx.palisade) {
      rows.push(skippedRow(rssWorkload, 'MB', skip ?? 'Palisade not available', GOAL_RSS, { ours: 'peak − idle RSS', baseline: null }));
      return rows;
    }
    await settle();
    const samples: number[] = [];
    for (let i = 0; i < 4; i++) {
      samples.push(await rssMbOf(ctx.palisade.pid));
      await new Promise((r) => setTimeout(r, 250));
    }
    const idle = Math.max(...samples);
    ctx.log(`  idle RSS ${idle.toFixed(0)} MB; ${bigSize / MiB} MiB up and down`);
    const big = await runFlow({ ...palisadeSpec, bytes: bigSize, transfers: 1 }, 0, ctx.palisade.pid);
    ctx.log(`  peak RSS ${big.rssMb.toFixed(0)} MB (+${(big.rssMb - idle).toFixed(0)} MB) at ${big.rps.toFixed(0)} MB/s`);
    const row = makeRow({
      workload: rssWorkload,
      unit: 'MB',
      ours: { label: 'peak − idle RSS of the Palisade process', value: big.rssMb - idle, rssMb: big.rssMb, rounds: 1 },
      baseline: null,
      goal: GOAL_RSS,
    }, !ctx.smoke);
    row.note = `idle ${idle.toFixed(0)} MB (measured just before, after the earlier workloads), peak ${big.rssMb.toFixed(0)} MB, ${big.rps.toFixed(0)} MB/s up+down`;
    rows.push(row);
    return rows;
  } finally {
    await raw.stop();
  }
}
