/* Audit sealing benchmark (not a test): sustained appendAudit rate and sealer lag.
     node bin/run-ts.js bench/audit-seal.ts [--seconds 20] [--writers 16] [--orgs 20] [--interval 1000] [--batch 5000]
   Writers append one audit record per organisation transaction (withOrg + appendAudit, the
   request path's cost minus HTTP) as fast as they can, for --seconds, while the sealer loop runs
   in the same process at --interval ms. Lag of a record = audit_leaves.sealed_at − occurred_at.
   Reports appends/s, lag p50/p95/max during the load, and how long the sealer needed to catch
   up after the writers stopped. One embedded PostgreSQL with fsync off (bench setting): absolute
   numbers are an upper bound for the database, the sealer's share is what this measures. */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createDb, ensureRoleLogins, migrate, roleUrl, withOrg, withSystem } from '../src/db/index.js';
import type { OrgId } from '../src/lib/ids.js';
import { appendAudit } from '../src/audit/index.js';
import { createCheckpointKeys } from '../src/audit/keys.js';
import { createSealer } from '../src/audit/sealer.js';
import { testKeyring } from '../src/audit/testing.js';
import { createDatabase, startCluster } from './lib/pg.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    writers: { type: 'string', default: '16' },
    orgs: { type: 'string', default: '20' },
    interval: { type: 'string', default: '1000' },
    batch: { type: 'string', default: '5000' },
    'no-seal': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const writers = Number(values.writers);
const orgCount = Number(values.orgs);
const interval = Number(values.interval);
const batch = Number(values.batch);

const log = (m: string) => process.stderr.write(`[audit-seal] ${m}\n`);

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-audit-bench-'));
  // As root the embedded server runs as the unprivileged postgres user, which must reach the dir.
  await chmod(dir, 0o755);
  const cluster = await startCluster(join(dir, 'pg'));
  try {
    const ownerUrl = await createDatabase(cluster.url, 'audit_bench');
    await migrate(ownerUrl);
    const secrets = await ensureRoleLogins(ownerUrl);
    const db = createDb({
      appUrl: roleUrl(ownerUrl, 'palisade_app', secrets.palisade_app),
      systemUrl: roleUrl(ownerUrl, 'palisade_system', secrets.palisade_system),
      appMax: writers,
      systemMax: 4,
    });
    const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
    const orgs = Array.from({ length: orgCount }, (_, i) => `org_bench_${i}` as OrgId);
    await owner`insert into orgs (id, name) select unnest(${orgs}::text[]), 'Bench'`;

    const keys = createCheckpointKeys({ db, keyring: testKeyring(), keyName: 'bench.local/audit' });
    await keys.ensure();
    let rounds = 0;
    const sealer = createSealer({
      db, keys, logName: 'bench.local/audit', batchSize: batch, intervalMs: interval,
      onSealed: async () => {
        rounds++;
      },
    });
    // --no-seal: the append rate alone (the sealer starts only after the writers stop).
    if (!values['no-seal']) sealer.start();

    log(`${writers} writers, ${orgCount} orgs, ${seconds} s, sealer every ${interval} ms (batch ${batch})`);
    let appended = 0;
    const stopAt = performance.now() + seconds * 1000;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        let i = 0;
        while (performance.now() < stopAt) {
          const org = orgs[(w + i++) % orgs.length]!;
          await withOrg(db, org, { type: 'user', id: `usr_${w}` }, (tx) =>
            appendAudit(tx, {
              action: 'bench.record.update',
              actor: { type: 'user', id: `usr_${w}` },
              target: { type: 'record', id: `rec_${i}` },
              outcome: 'allowed',
              source: { ip: '127.0.0.1', userAgent: 'bench', requestId: `req_${w}_${i}` },
              metadata: { i },
            }),
          );
          appended++;
        }
      }),
    );
    const writeSeconds = (performance.now() - t0) / 1000;
    const tStop = performance.now();
    log(`appended ${appended} records in ${writeSeconds.toFixed(1)} s; waiting for the sealer to catch up`);
    if (values['no-seal']) sealer.start();
    for (;;) {
      const [row] = await withSystem(db, (tx) => tx.sql<{ n: string }[]>`select count(*)::text as n from audit_leaves`);
      if (Number(row!.n) >= appended) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const catchUp = (performance.now() - tStop) / 1000;
    await sealer.stop();

    const lags = (await owner<{ ms: number }[]>`
      select extract(epoch from (l.sealed_at - e.occurred_at)) * 1000 as ms
      from audit_leaves l join audit_events e on e.id = l.event_id`).map((r) => Number(r.ms)).sort((a, b) => a - b);
    const [cps] = await owner<{ n: string }[]>`select count(*)::text as n from audit_checkpoints`;
    const result = {
      writers, orgs: orgCount, seconds: Number(writeSeconds.toFixed(1)), intervalMs: interval, batch,
      appended, appendsPerSecond: Math.round(appended / writeSeconds),
      sealed: lags.length, checkpoints: Number(cps!.n), sealerRoundsWithRecords: rounds,
      lagMs: { p50: Math.round(pct(lags, 50)), p95: Math.round(pct(lags, 95)), p99: Math.round(pct(lags, 99)), max: Math.round(lags[lags.length - 1] ?? NaN) },
      catchUpSeconds: Number(catchUp.toFixed(2)),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    await owner.end();
    await db.close();
  } finally {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
