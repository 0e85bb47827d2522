/* W11 backup (issue 18, "Performance"), in-process on a clone of the bench template seeded like
   W7 (bench/seed.ts: 10,000 orgs, 100,000 users, 1,000,000 audit records; `--smoke`: 100 orgs,
   1,000 users, 10,000 records). Three sides, rounds interleaved, each writing to the same disk
   adapter (src/vault's diskStorage) in the same directory:
   - ours: createBackups(…).create — what `palisade backup create` runs (src/cli/backup.ts calls
     exactly this, with its progress printer): erasure ledger, the snapshot stream (format.ts
     frames, per-table SHA-256), age encryption to one X25519 recipient, ciphertext SHA-256, the
     manifest, and the backup.created audit record;
   - baseline: the raw snapshot method the backup uses, without encryption, framing or hashing:
     one REPEATABLE READ READ ONLY transaction (row_security off), the same COPY … TO STDOUT of
     every data table in the same order (listTables, copyOut), the bytes written to one file in the store's directory (fsynced, as the store's put does);
   - reference (in the note, not judged): snapshotStream alone, unencrypted, to the same store,
     which splits the cost between the format (frames and hashing) and age.
   Throughput is MB/s of the tables' COPY bytes (the same numerator on every side), so the ratio
   is the inverse ratio of the times. Then one restore of our last backup into an empty database
   of the same cluster (Backups.restore: identity check, decrypt, replay of this build's
   migrations, one loading transaction, erasure ledger, audit record), timed and reported. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { backupId, createBackups, listTables, snapshotStream, type BackupManifest } from '../../src/backup/index.js';
import { copyOut, resumeAfterCopy } from '../../src/backup/snapshot.js';
import { createDb, type Actor } from '../../src/db/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { diskStorage } from '../../src/vault/index.js';
import type { Ctx } from '../lib/context.js';
import { median } from '../lib/measure.js';
import { createDatabase } from '../lib/pg.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';
import { FULL_SEED, seedScale } from '../seed.js';
import { systemUrl } from './w6.js';

const GOAL: Goal = { on: 'ratio', min: 0.8, text: '≥ 0.8× raw snapshot' };
const SMOKE_SEED = { orgs: 100, users: 1_000, audit: 10_000 };
const ACTOR: Actor = { type: 'system', id: 'bench-w11' };

const ms = (t0: number): number => performance.now() - t0;
const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

/** The raw method: every data table's COPY at one snapshot, written to one file on the same disk
    as the store, fsynced as the store's put does. Returns the bytes copied. */
async function rawSnapshot(owner: postgres.Sql, path: string): Promise<number> {
  const conn = await owner.reserve();
  let bytes = 0;
  const ws = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  try {
    await conn`begin isolation level repeatable read read only`;
    await conn`set local row_security = off`;
    const tables = await listTables(conn);
    for (const t of tables) {
      const readable = await copyOut(conn, t).readable();
      for await (const chunk of readable as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (!ws.write(chunk)) await once(ws, 'drain');
      }
      resumeAfterCopy(readable);
    }
    ws.end();
    await finished(ws);
    const fh = await open(path, 'r');
    try { await fh.sync(); } finally { await fh.close(); }
    await conn`commit`;
  } catch (e) {
    ws.destroy();
    await conn`rollback`.catch(() => undefined);
    throw e;
  } finally {
    conn.release();
  }
  return bytes;
}

export async function w11(ctx: Ctx): Promise<Row[]> {
  const seed = ctx.smoke ? SMOKE_SEED : FULL_SEED;
  const rounds = ctx.smoke ? 1 : 3;
  const workload = `W11 backup create (age) of a W7-seeded DB (${seed.orgs.toLocaleString('en-US')} orgs, ${seed.audit.toLocaleString('en-US')} audit) vs raw snapshot`;
  const restoreWorkload = `W11 restore of that backup into an empty database`;
  const labels = { ours: 'backup create (snapshot + age + manifest + audit)', baseline: 'COPY of every table at one snapshot, unencrypted' };
  const restoreLabels = { ours: 'Backups.restore (decrypt, migrate, load, ledger, audit)', baseline: null };

  const url = await createDatabase(ctx.superUrl, 'palisade_w11', 'palisade_tpl');
  const sys = await systemUrl(url);
  if (!sys) {
    const why = 'no palisade_system secret in the bench template';
    return [skippedRow(workload, 'MB/s', why, GOAL, labels), skippedRow(restoreWorkload, 's', why, null, restoreLabels)];
  }
  const t = await seedScale(url, { ...seed, log: ctx.log });
  ctx.log(`  seeding took ${(t.totalMs / 1000).toFixed(1)} s`);

  const owner = postgres(url, { max: 1, onnotice: () => {} });
  const db = createDb({ appUrl: ctx.template.appUrl(url), systemUrl: sys, appMax: 2 });
  const storeDir = join(ctx.tmp, 'w11-store');
  await mkdir(storeDir, { recursive: true });
  const storage = diskStorage(storeDir);
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const backups = createBackups({ db, ownerSql: owner, storage, clock: systemClock, recipients: [recipient], retentionDays: 30 });
  try {
    let last: BackupManifest | null = null;
    let copyBytes = -1;
    const oursOnce = async (): Promise<number> => {
      const t0 = performance.now();
      const m = await backups.create({ actor: ACTOR });
      const took = ms(t0);
      // The previous backup goes: the store holds at most two, as a daily schedule would.
      if (last) await Promise.all([storage.delete(`backups/${last.id}.age`), storage.delete(`backups/${last.id}.json`)]);
      last = m;
      copyBytes = m.tables.reduce((n, x) => n + x.bytes, 0);
      return took;
    };
    let rawBytes = -1;
    // The store accepts only backup-shaped keys (src/vault/storage.ts): the framed file gets one
    // too, and is deleted as soon as it is written.
    const scratchKey = (): string => `backups/${backupId(new Date())}.age`;
    const rawOnce = async (): Promise<number> => {
      const path = join(storeDir, `raw-${Date.now()}.copy`);
      const t0 = performance.now();
      rawBytes = await rawSnapshot(owner, path);
      const took = ms(t0);
      await rm(path, { force: true });
      return took;
    };
    let framedBytes = -1;
    const framedOnce = async (): Promise<number> => {
      const key = scratchKey();
      const t0 = performance.now();
      let n = 0;
      const gen = snapshotStream({ sql: owner });
      await storage.put(key, Readable.from((async function* () {
        for await (const c of gen) { n += c.length; yield c; }
      })(), { objectMode: false }));
      const took = ms(t0);
      framedBytes = n;
      await storage.delete(key);
      return took;
    };
    // Warm-up: JIT, the owner connection, the table list, the page cache — every side once.
    ctx.log('  warm-up: raw'); await rawOnce();
    ctx.log('  warm-up: framed'); await framedOnce();
    ctx.log('  warm-up: backup create'); await oursOnce();
    const tOurs: number[] = [];
    const tRaw: number[] = [];
    const tFramed: number[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) { tOurs.push(await oursOnce()); tFramed.push(await framedOnce()); tRaw.push(await rawOnce()); } else { tRaw.push(await rawOnce()); tFramed.push(await framedOnce()); tOurs.push(await oursOnce()); }
      ctx.log(`  round ${r + 1}: ours ${(tOurs.at(-1)! / 1000).toFixed(2)} s, framed ${(tFramed.at(-1)! / 1000).toFixed(2)} s, raw ${(tRaw.at(-1)! / 1000).toFixed(2)} s`);
    }
    const m = last as BackupManifest | null;
    if (!m) throw new Error('W11: no backup was taken');
    // Same data on every side: the raw COPY bytes match the manifest's table bytes, but for the
    // few records each backup adds (its backup.created audit record).
    if (Math.abs(rawBytes - copyBytes) > copyBytes / 100) throw new Error(`W11: the raw snapshot copied ${rawBytes} bytes, the backup's tables ${copyBytes}`);
    const auditRows = m.tables.find((x) => x.name === 'public.audit_events')?.rows ?? -1;
    if (auditRows < seed.audit) throw new Error(`W11: the backup holds ${auditRows} audit records, expected ≥ ${seed.audit}`);
    const oursMBs = copyBytes / 1e6 / (median(tOurs) / 1000);
    const rawMBs = copyBytes / 1e6 / (median(tRaw) / 1000);
    const framedMBs = copyBytes / 1e6 / (median(tFramed) / 1000);
    const row = makeRow({
      workload, unit: 'MB/s',
      ours: { label: labels.ours, value: oursMBs, rounds: tOurs.length },
      baseline: { label: labels.baseline, value: rawMBs, rounds: tRaw.length },
      goal: GOAL,
    }, !ctx.smoke);
    const rowsPerS = (m.tables.reduce((n, x) => n + x.rows, 0)) / (median(tOurs) / 1000);
    row.note = `${mb(copyBytes)} MB of COPY data in ${m.tables.length} tables (${auditRows.toLocaleString('en-US')} audit records), ${mb(m.ciphertextBytes)} MB encrypted; `
      + `median of ${rounds} interleaved runs after one warm-up each: ours ${(median(tOurs) / 1000).toFixed(2)} s (${Math.round(rowsPerS).toLocaleString('en-US')} rows/s), `
      + `raw ${(median(tRaw) / 1000).toFixed(2)} s; reference, the snapshot stream unencrypted (frames + per-table SHA-256, ${mb(framedBytes)} MB): `
      + `${framedMBs.toFixed(1)} MB/s (${(framedMBs / rawMBs).toFixed(2)}× raw); runs s: ours ${tOurs.map((x) => (x / 1000).toFixed(2)).join(', ')}; raw ${tRaw.map((x) => (x / 1000).toFixed(2)).join(', ')}; framed ${tFramed.map((x) => (x / 1000).toFixed(2)).join(', ')}`;

    // ---- restore, once, into an empty database of the same cluster
    const target = await createDatabase(ctx.superUrl, 'palisade_w11_restored');
    const r0 = performance.now();
    // The restore's own log says when the schema is replayed (its last migration line before the data).
    let schemaS = 0;
    // Where the restore's time goes: each table's load (start to end frame), and what follows the last.
    const tableS = new Map<string, number>();
    let current: { table: string; t0: number } | null = null;
    let dataEnd = 0;
    const restored = await backups.restore(m.id, {
      actor: ACTOR, identities: [identity], targetOwnerUrl: target,
      log: (msg) => { if (/### MIGRATION/.test(msg)) schemaS = (performance.now() - r0) / 1000; },
      onProgress: (p) => {
        const now = performance.now();
        if (current) tableS.set(current.table, (now - current.t0) / 1000);
        current = p.tableIndex < p.tableCount ? { table: p.table, t0: now } : null;
        dataEnd = now;
      },
    });
    const restoreS = ms(r0) / 1000;
    const afterDataS = (performance.now() - dataEnd) / 1000;
    const slowest = [...tableS].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([t, x]) => `${t} ${x.toFixed(1)} s`).join(', ');
    const check = postgres(target, { max: 1, onnotice: () => {} });
    let restoredAudit = -1;
    try {
      const [c] = await check<{ n: number }[]>`select count(*)::int as n from audit_events`;
      restoredAudit = c?.n ?? -1;
    } finally {
      await check.end();
    }
    // The restored log holds every record of the backup plus the restore's own backup.restored record.
    if (restoredAudit < auditRows) throw new Error(`W11: the restored database holds ${restoredAudit} audit records, the backup ${auditRows}`);
    const restoreRow = makeRow({ workload: restoreWorkload, unit: 's', ours: { label: restoreLabels.ours, value: restoreS }, baseline: null, goal: null }, !ctx.smoke);
    restoreRow.note = `${mb(m.ciphertextBytes)} MB encrypted → ${restoredAudit.toLocaleString('en-US')} audit records; ${(copyBytes / 1e6 / restoreS).toFixed(1)} MB/s of COPY data; the schema (${restored.manifest.migrations.length} migrations) was replayed by about ${schemaS.toFixed(1)} s (its last migration began then), the rest is the data load in one transaction, its checks and the erasure ledger; ${restored.laterMigrations.length} later migrations; slowest tables (load): ${slowest}; after the last table (sequences, checks, ledger, commit, audit record): ${afterDataS.toFixed(1)} s`;
    return [row, restoreRow];
  } finally {
    await owner.end();
    await db.close();
    await storage.close();
  }
}
