/* Backups as a service: create, list, verify, restore, prune. The CLI, the scheduled jobs and
   the drill all call these; nothing here reads configuration or the environment.

   Invariants
   - A backup is two objects in the backup store: `backups/<id>.age` (the age-encrypted snapshot,
     format.ts inside) and `backups/<id>.json` (the manifest, written only after the ciphertext
     is stored, so a listed manifest always names a complete file). The manifest carries no
     secret: schema version, table sizes and checksums, the audit checkpoints at backup time.
   - verify checks the ciphertext's size and SHA-256 against the manifest; given an identity it
     also decrypts and checks every table and the inner trailer against the manifest.
   - restore refuses a file whose ciphertext or contents differ from its manifest before the data
     commits (restore.ts loads in one transaction).
   - Every create, verify, restore and prune is an audit event in the platform log.
   Claims BAK-1, ENC-7. */
import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { Sql } from 'postgres';
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import type { Actor, Db } from '../db/index.js';
import { withSystem, sqlClient } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { base32 } from '../lib/ids.js';
import { NotFound } from '../lib/errors.js';
import { VERSION } from '../lib/version.js';
import type { ObjectStorage } from '../vault/index.js';
import { randomBytes } from 'node:crypto';
import { decryptStream, encryptStream, plaintextOf, recipientOf } from './age.js';
import { BackupCorrupt, BackupNotConfigured, BackupWrongIdentity } from './errors.js';
import { restoreInto, walkBackup, type RestoreResult } from './restore.js';
import { applyErasureLedger, erasePersonRows, readErasureLedger, syncErasureLedger, type PersonsReapplied } from './erasure-ledger.js';
import { snapshotStream, type AuditCheckpointRef, type SnapshotProgress, type SnapshotTrailer, type TableStat } from './snapshot.js';

export interface BackupManifest {
  id: string;
  format: 1;
  createdAt: string;
  finishedAt: string;
  durationMs: number;
  palisadeVersion: string;
  serverVersion: string;
  snapshotId: string;
  schemaVersion: string;
  migrations: string[];
  recipients: string[];
  tables: TableStat[];
  sequences: number;
  auditEvents: number;
  auditCheckpoints: AuditCheckpointRef[];
  plaintextBytes: number;
  ciphertextBytes: number;
  ciphertextSha256: string;
}

export interface BackupListEntry {
  id: string;
  status: 'complete' | 'incomplete';
  createdAt: string | null;
  ciphertextBytes: number;
  manifest: BackupManifest | null;
}

export interface VerifyResult {
  id: string;
  /** 'checksum': the ciphertext matches the manifest; 'full': decrypted and every table checked too. */
  level: 'checksum' | 'full';
  tables: number;
  rows: number;
}

export interface ErasuresReapplied extends PersonsReapplied {
  /** Ledger entries read from the store. */
  ledger: number;
  /** Keys the backup still held live, destroyed in the restored database. */
  keysDestroyed: number;
  /** Audit records the restore added to the restored platform log (backup.restored and one per person). */
  auditRecords: number;
}

export interface BackupDeps {
  /** Platform-path pools, for the audit events. */
  db: Db;
  /** Superuser or BYPASSRLS owner connection of Palisade's database (the snapshot reads every table). */
  ownerSql: Sql;
  storage: ObjectStorage;
  clock: Clock;
  recipients: readonly string[];
  retentionDays: number;
}

export interface Backups {
  /** `id`: the backup's id when one was promised before it runs (POST /v1/platform/backups); by default a new one. */
  create(opts: { actor: Actor; id?: string; onProgress?: (p: SnapshotProgress & { ciphertextBytes: number }) => void | Promise<void> }): Promise<BackupManifest>;
  list(): Promise<BackupListEntry[]>;
  /** The newest complete backup, or null. */
  latest(): Promise<BackupManifest | null>;
  manifest(id: string): Promise<BackupManifest>;
  verify(id: string, opts: { actor: Actor; identities?: readonly string[] }): Promise<VerifyResult>;
  /** Restores into an empty database and applies the erasure ledger there before it serves: keys
      destroyed after the backup are destroyed again (in the loading transaction), then the erased
      people's plaintext rows are removed. */
  restore(id: string, opts: { actor: Actor; identities: readonly string[]; targetOwnerUrl: string; onProgress?: (p: SnapshotProgress) => void; log?: (m: string) => void }): Promise<RestoreResult & { manifest: BackupManifest; erasures: ErasuresReapplied }>;
  /** Copies erasure records (destroyed key ids) to the store's erasure ledger; returns how many. */
  syncErasures(): Promise<number>;
  prune(opts: { actor: Actor }): Promise<{ deleted: string[]; kept: number }>;
}

const ID_RE = /^bak_[0-9]{14}_[a-z2-7]{8}$/;

export function backupId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `bak_${stamp}_${base32(randomBytes(5))}`;
}

/** When a listed backup was taken: its manifest's time, or for an incomplete one the second its id names. */
function takenAt(e: Pick<BackupListEntry, 'id' | 'createdAt'>): number {
  if (e.createdAt) return Date.parse(e.createdAt);
  const stamp = /^bak_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_/.exec(e.id);
  return stamp ? Date.UTC(+stamp[1]!, +stamp[2]! - 1, +stamp[3]!, +stamp[4]!, +stamp[5]!, +stamp[6]!) : 0;
}

const ageKey = (id: string): string => `backups/${id}.age`;
const manifestKey = (id: string): string => `backups/${id}.json`;

/** Counts and hashes the bytes that pass through. */
class Hasher extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

function through(src: Readable, h: Hasher): Hasher {
  src.on('error', (e) => h.destroy(e));
  return src.pipe(h);
}

async function readAll(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r as AsyncIterable<Buffer>) parts.push(c);
  return Buffer.concat(parts);
}

/** The inner trailer must say what the manifest says (a file swapped for another backup, even one
    encrypted to our own recipients, is refused). */
function assertTrailerMatches(m: BackupManifest, t: SnapshotTrailer): void {
  const same = t.createdAt === m.createdAt && t.snapshotId === m.snapshotId
    && JSON.stringify(t.migrations) === JSON.stringify(m.migrations)
    && JSON.stringify(t.tables) === JSON.stringify(m.tables)
    && JSON.stringify(t.auditCheckpoints) === JSON.stringify(m.auditCheckpoints);
  if (!same) throw new BackupCorrupt('the encrypted contents are not the backup its manifest describes', { id: m.id });
}

async function auditRestored(ownerUrl: string, actor: Actor, id: string, metadata: Record<string, unknown>): Promise<void> {
  const sql = sqlClient(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx`select set_config('palisade.org_id', ${PLATFORM_ORG}, true)`;
      await appendAudit({ sql: tx as unknown as Sql, system: true }, { orgId: PLATFORM_ORG, action: 'backup.restored', actor, outcome: 'allowed', target: { type: 'backup', id }, metadata });
    });
  } finally {
    await sql.end();
  }
}

export function createBackups(deps: BackupDeps): Backups {
  const { storage, clock } = deps;

  const audit = async (actor: Actor, action: string, outcome: 'allowed' | 'failed', target: string | null, metadata: Record<string, unknown>): Promise<void> => {
    await withSystem(deps.db, (tx) => appendAudit(tx, {
      orgId: PLATFORM_ORG, action, actor, outcome, metadata,
      ...(target ? { target: { type: 'backup', id: target } } : {}),
    }));
  };

  async function manifest(id: string): Promise<BackupManifest> {
    if (!ID_RE.test(id)) throw new NotFound('No such backup');
    let body: Buffer;
    try {
      body = await readAll(await storage.get(manifestKey(id)));
    } catch (e) {
      if (e instanceof NotFound) throw new NotFound('No such backup (or its manifest is missing)');
      throw e;
    }
    try {
      const m = JSON.parse(body.toString('utf8')) as BackupManifest;
      if (m.id !== id || m.format !== 1) throw new TypeError('manifest does not name this backup');
      return m;
    } catch (e) {
      throw new BackupCorrupt('the manifest is unreadable', { id }, { cause: e });
    }
  }

  async function list(): Promise<BackupListEntry[]> {
    const objects = await storage.list('backups/');
    const ids = new Map<string, { age?: number; json?: boolean }>();
    for (const o of objects) {
      const m = /^backups\/(bak_[0-9]{14}_[a-z2-7]{8})\.(age|json)$/.exec(o.key);
      if (!m) continue;
      const e = ids.get(m[1]!) ?? {};
      if (m[2] === 'age') e.age = o.size;
      else e.json = true;
      ids.set(m[1]!, e);
    }
    const out: BackupListEntry[] = [];
    for (const [id, e] of ids) {
      const man = e.json && e.age !== undefined ? await manifest(id).catch(() => null) : null;
      out.push({ id, status: man ? 'complete' : 'incomplete', createdAt: man?.createdAt ?? null, ciphertextBytes: e.age ?? 0, manifest: man });
    }
    // Newest first by the moment the snapshot was taken (milliseconds, from the manifest): ids carry
    // only the second, so two backups taken in one second would otherwise order by their random part.
    return out.sort((a, b) => takenAt(b) - takenAt(a) || b.id.localeCompare(a.id));
  }

  /** Streams the ciphertext through a hasher; checks size and digest against the manifest once read. */
  async function openCipher(m: BackupManifest): Promise<{ stream: Hasher; check(): void }> {
    const h = through(await storage.get(ageKey(m.id)), new Hasher());
    return {
      stream: h,
      check() {
        const sha = h.hash.digest('hex');
        if (h.bytes !== m.ciphertextBytes || sha !== m.ciphertextSha256) {
          throw new BackupCorrupt(h.bytes !== m.ciphertextBytes ? `size ${h.bytes} is not the manifest's ${m.ciphertextBytes} bytes` : 'checksum does not match the manifest', { id: m.id });
        }
      },
    };
  }

  async function identitiesFor(m: BackupManifest, identities: readonly string[]): Promise<void> {
    // A clear refusal before reading a byte: which recipients the backup is for, which this identity is.
    const mine = await Promise.all(identities.map((i) => recipientOf(i).catch(() => null)));
    if (!mine.some((r) => r !== null && m.recipients.includes(r))) throw new BackupWrongIdentity(m.recipients, mine[0] ?? null);
  }

  return {
    async create({ actor, id: promised, onProgress }) {
      if (!deps.recipients.length) throw new BackupNotConfigured();
      if (promised !== undefined && !ID_RE.test(promised)) throw new TypeError('not a backup id');
      // The erasure ledger first: every backup in the store has the ledger of its time beside it.
      await syncErasureLedger(deps.ownerSql, storage);
      const started = clock.now();
      const id = promised ?? backupId(started);
      let trailer: SnapshotTrailer | null = null;
      let plaintextBytes = 0;
      let cipher: Hasher | null = null;
      const gen = snapshotStream({
        sql: deps.ownerSql,
        now: () => clock.now(),
        onTrailer: (t) => { trailer = t; },
        onProgress: (p) => onProgress?.({ ...p, ciphertextBytes: cipher?.bytes ?? 0 }),
      });
      const counted = Readable.from((async function* () {
        for await (const c of gen) {
          plaintextBytes += c.length;
          yield c;
        }
      })(), { objectMode: false });
      try {
        const hashed = through(await encryptStream(counted, deps.recipients), new Hasher());
        cipher = hashed;
        await storage.put(ageKey(id), hashed);
        const t = trailer as SnapshotTrailer | null;
        if (!t) throw new TypeError('the snapshot ended without a trailer');
        const finished = clock.now();
        const m: BackupManifest = {
          id, format: 1, createdAt: t.createdAt, finishedAt: finished.toISOString(), durationMs: finished.getTime() - started.getTime(),
          palisadeVersion: VERSION, serverVersion: t.serverVersion, snapshotId: t.snapshotId,
          schemaVersion: t.migrations.at(-1) ?? '', migrations: t.migrations, recipients: [...deps.recipients],
          tables: t.tables, sequences: t.sequences, auditEvents: t.auditEvents, auditCheckpoints: t.auditCheckpoints,
          plaintextBytes, ciphertextBytes: hashed.bytes, ciphertextSha256: hashed.hash.digest('hex'),
        };
        await storage.put(manifestKey(id), Readable.from([Buffer.from(`${JSON.stringify(m, null, 2)}\n`)]));
        await audit(actor, 'backup.created', 'allowed', id, {
          schemaVersion: m.schemaVersion, ciphertextBytes: m.ciphertextBytes, ciphertextSha256: m.ciphertextSha256,
          auditEvents: m.auditEvents, recipients: m.recipients.length,
        });
        return m;
      } catch (e) {
        await storage.delete(ageKey(id)).catch(() => undefined);
        await audit(actor, 'backup.failed', 'failed', id, { reason: e instanceof Error ? e.message.slice(0, 200) : 'unknown' }).catch(() => undefined);
        throw e;
      }
    },

    list,

    async latest() {
      return (await list()).find((e) => e.status === 'complete')?.manifest ?? null;
    },

    manifest,

    async verify(id, { actor, identities }) {
      const m = await manifest(id);
      try {
        const c = await openCipher(m);
        let result: VerifyResult;
        if (identities?.length) {
          await identitiesFor(m, identities);
          const plain = await decryptStream(c.stream, identities, m.recipients);
          const trailer = await walkBackup(plaintextOf(plain), {});
          c.check();
          assertTrailerMatches(m, trailer);
          result = { id, level: 'full', tables: trailer.tables.length, rows: trailer.tables.reduce((n, t) => n + t.rows, 0) };
        } else {
          c.stream.resume();
          await new Promise<void>((res, rej) => { c.stream.on('end', res); c.stream.on('error', rej); });
          c.check();
          result = { id, level: 'checksum', tables: m.tables.length, rows: m.tables.reduce((n, t) => n + t.rows, 0) };
        }
        await audit(actor, 'backup.verified', 'allowed', id, { level: result.level });
        return result;
      } catch (e) {
        await audit(actor, 'backup.verified', 'failed', id, { reason: e instanceof Error ? e.message.slice(0, 200) : 'unknown' }).catch(() => undefined);
        throw e;
      }
    },

    async restore(id, { actor, identities, targetOwnerUrl, onProgress, log }) {
      const m = await manifest(id);
      await identitiesFor(m, identities);
      // Read before any byte is restored: a ledger that cannot be read stops the restore.
      const ledger = await readErasureLedger(storage);
      let keysDestroyed = 0;
      const c = await openCipher(m);
      const plain = await decryptStream(c.stream, identities, m.recipients);
      const result = await restoreInto({
        ownerUrl: targetOwnerUrl,
        source: plaintextOf(plain),
        ...(onProgress ? { onProgress } : {}),
        ...(log ? { log } : {}),
        async beforeCommit(trailer, tx) {
          c.check();
          assertTrailerMatches(m, trailer);
          keysDestroyed = await applyErasureLedger(tx, ledger);
        },
      });
      const target = sqlClient(targetOwnerUrl, { max: 1, onnotice: () => {} });
      let persons: PersonsReapplied;
      try {
        persons = await erasePersonRows(target, ledger, clock.now());
      } finally {
        await target.end();
      }
      if (persons.blocked.length) log?.(`erasure: ${persons.blocked.length} erased person(s) are an organisation's only admin in this backup; their keys are destroyed, their account rows stay (docs/backups.md)`);
      // Recorded in the restored database's own platform log (the old one may be gone with its server).
      await auditRestored(targetOwnerUrl, actor, id, {
        schemaVersion: m.schemaVersion, createdAt: m.createdAt, laterMigrations: result.laterMigrations.length,
        erasureKeysDestroyed: keysDestroyed, erasedPersons: persons.erased.length, erasureBlocked: persons.blocked,
      });
      return { ...result, manifest: m, erasures: { ledger: ledger.length, keysDestroyed, ...persons, auditRecords: 1 + persons.erased.length } };
    },

    syncErasures: () => syncErasureLedger(deps.ownerSql, storage),

    async prune({ actor }) {
      const entries = await list();
      const cutoff = clock.now().getTime() - deps.retentionDays * 86_400_000;
      const newest = entries.find((e) => e.status === 'complete')?.id;
      const deleted: string[] = [];
      for (const e of entries) {
        if (e.id === newest) continue;
        const at = takenAt(e);
        // Incomplete files (a crash mid-upload) go after a day; complete ones after the retention period.
        const limit = e.status === 'complete' ? cutoff : clock.now().getTime() - 86_400_000;
        if (at >= limit) continue;
        await storage.delete(manifestKey(e.id));
        await storage.delete(ageKey(e.id));
        deleted.push(e.id);
      }
      if (deleted.length) await audit(actor, 'backup.pruned', 'allowed', null, { deleted, retentionDays: deps.retentionDays });
      return { deleted, kept: entries.length - deleted.length };
    },
  };
}
