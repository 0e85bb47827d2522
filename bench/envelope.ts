/* Envelope throughput vs raw node:crypto (issue 7 acceptance: ours >= 0.7x raw).
     node bin/run-ts.js bench/envelope.ts [--size 1024] [--rounds 301] [--ms 10]
   One operation = encrypt + decrypt of `size` bytes with AES-256-GCM and a fresh 96-bit IV.
   raw:  createCipheriv/createDecipheriv, no header, no AAD (the plain primitive).
   ours: seal/open from src/crypto/aead.ts — header, AAD (org/table/column/row) — with the data
         key fetched from the keyring's DEK cache on every operation, as a hot request would.
   The two run interleaved, round by round, in one process (the order alternates each round);
   the ratio reported is the median of the per-round ratios, which cancels slow drifts in machine
   load that would bias a comparison of two separate runs.
   Not a test: no assertion, the numbers are printed. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { open, seal } from '../src/crypto/aead.js';
import { createDekCache } from '../src/crypto/keyring.js';
import { systemClock } from '../src/lib/clock.js';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '1024' }, rounds: { type: 'string', default: '301' }, ms: { type: 'string', default: '10' } },
});
const SIZE = Number(values.size);
const ROUNDS = Number(values.rounds);
const BATCH_MS = Number(values.ms);

const key = randomBytes(32);
const plaintext = randomBytes(SIZE);
const ctx = { orgId: 'org_3k9qv2m7x5d4a6b8c1e0f2g4h6', table: 'integration_credentials', column: 'secret', rowId: 'int_7h2k4m6p8r0t2v4x6z8b0d2f4' };
const ref = { keyId: 'dk_abcdefghijklmnopqrstuvwxyz', version: 3 };
const cache = createDekCache(300_000, 1000, systemClock);
const cacheId = `${ctx.orgId}\u0000${ref.keyId}\u0000${ref.version}`;
cache.set(cacheId, Buffer.from(key));

let sink = 0;

function raw(): void {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  const tag = c.getAuthTag();
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAuthTag(tag);
  const pt = Buffer.concat([d.update(ct), d.final()]);
  sink += pt[0] as number;
}

function ours(): void {
  const dek = cache.get(cacheId) as Buffer;
  const env = seal(dek, ref, ctx, plaintext);
  const pt = open(cache.get(cacheId) as Buffer, env, ctx, ref);
  sink += pt[0] as number;
}

/** ops/s of `fn` over a fixed batch. Batches are short (~10 ms), so the interleaved pairs see
    the same machine load. */
function measure(fn: () => void, ops: number): number {
  const start = performance.now();
  for (let i = 0; i < ops; i++) fn();
  return (ops * 1000) / (performance.now() - start);
}

// Sanity: ours round-trips; then warm both paths up.
if (Buffer.compare(open(key, seal(key, ref, ctx, plaintext), ctx), plaintext) !== 0) throw new Error('round-trip failed');
const BATCH = Math.max(16, Math.round(BATCH_MS * measure(raw, 2000) / 1000));
measure(ours, 2000);

const r: number[] = [];
const o: number[] = [];
const ratios: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  // Alternate which goes first, so neither always runs on a warmer or colder CPU.
  let a: number;
  let b: number;
  if (i % 2 === 0) {
    a = measure(raw, BATCH);
    b = measure(ours, BATCH);
  } else {
    b = measure(ours, BATCH);
    a = measure(raw, BATCH);
  }
  r.push(a);
  o.push(b);
  ratios.push(b / a);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
const mr = median(r);
const mo = median(o);
const ratio = median(ratios);
const fmt = (x: number) => Math.round(x).toLocaleString('en-US').padStart(10);
process.stdout.write(
  [
    `AES-256-GCM encrypt+decrypt of ${SIZE} B, fresh IV, ${ROUNDS} interleaved pairs of ${BATCH} ops (~${BATCH_MS} ms) (node ${process.version})`,
    `  raw node:crypto            ${fmt(mr)} ops/s   (${(mr * SIZE / 1048576).toFixed(1)} MiB/s)`,
    `  palisade envelope + cache  ${fmt(mo)} ops/s   (${(mo * SIZE / 1048576).toFixed(1)} MiB/s)`,
    `  ratio ours/raw             ${ratio.toFixed(3)}   (median of per-pair ratios; p10 ${[...ratios].sort((x, y) => x - y)[Math.floor(ratios.length * 0.1)]?.toFixed(3)}, p90 ${[...ratios].sort((x, y) => x - y)[Math.floor(ratios.length * 0.9)]?.toFixed(3)}; target >= 0.70)`,
    '',
  ].join('\n'),
);
if (sink === -1) process.stdout.write('');
