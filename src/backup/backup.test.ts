/* Backups end to end on real parts: a Palisade with sessions, encrypted fields and a sealed
   audit log is backed up (age, to recipients made by Debian's age-keygen), opened by Debian's
   `age` CLI, restored into a second, empty PostgreSQL cluster and served again; corrupted,
   truncated and foreign-recipient backups are refused; a writer SIGKILLed mid-backup leaves a
   consistent backup. Claims BAK-1, ENC-7. */
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { appendAudit, verifyAuditLog, storedVerifiers } from '../audit/index.js';
import { createKeyring, cryptoConfig, kekSetFromConfig, type Keyring } from '../crypto/index.js';
import { createDb, ensureRoleLogins, roleUrl, startEmbedded, withOrg, type Db, type EmbeddedServer } from '../db/index.js';
import { createLogger } from '../http/logger.js';
import { systemClock } from '../lib/clock.js';
import type { OrgId } from '../lib/ids.js';
import { diskStorage } from '../vault/index.js';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { call, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { BackupCorrupt, BackupWrongIdentity, createBackups, parseIdentityFile, RestoreTargetNotEmpty, type Backups } from './index.js';
import { MAGIC } from './format.js';

const run = promisify(execFile);
const SYSTEM = { type: 'system' as const, id: 'backup-test' };

let app: TestApp;
let dir: string;
let backups: Backups;
let ownerSql: postgres.Sql;
let identity: string;
let identityFile: string;
let recipient: string;
let second: EmbeddedServer;
let keyring: Keyring;
let session: Session;
let orgId: OrgId;
let secretEnvelope: Buffer;

async function ageKeygen(file: string): Promise<{ identity: string; recipient: string }> {
  await run('age-keygen', ['-o', file]);
  const text = await readFile(file, 'utf8');
  return { identity: parseIdentityFile(text)[0]!, recipient: /public key: (age1\S+)/.exec(text)![1]! };
}

let dbCounter = 0;
async function emptyDatabase(): Promise<string> {
  const name = `restored_${dbCounter++}`;
  const su = postgres(second.url, { max: 1, onnotice: () => {} });
  await su.unsafe(`create database ${name}`);
  await su.end();
  return second.url.replace(/\/postgres$/, `/${name}`);
}

async function countRows(url: string, table: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // A refused restore may stop before the schema exists: no table is no data too.
    const [exists] = await sql<{ t: string | null }[]>`select to_regclass(${table})::text as t`;
    if (!exists?.t) return 0;
    const [r] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`;
    return r?.n ?? 0;
  } finally {
    await sql.end();
  }
}

async function indexes(url: string): Promise<string[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ d: string }[]>`select schemaname || ' ' || indexdef as d from pg_indexes
      where schemaname in ('public', 'palisade_internal') order by schemaname, indexname`;
    return rows.map((r) => r.d);
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-backup-'));
  await chmod(dir, 0o755); // the second cluster runs as the postgres user when tests run as root
  identityFile = join(dir, 'backup-key.txt');
  ({ identity, recipient } = await ageKeygen(identityFile));
  app = await buildTestApp();
  ownerSql = postgres(app.testDb.ownerUrl, { max: 2, onnotice: () => {} });
  backups = createBackups({ db: app.testDb.db, ownerSql, storage: diskStorage(join(dir, 'store')), clock: systemClock, recipients: [recipient], retentionDays: 30 });
  const crypto = cryptoConfig(app.config);
  keyring = createKeyring({ record: appendAudit, db: app.testDb.db, clock: systemClock, keks: await kekSetFromConfig(crypto, { create: true }), cache: crypto.dekCache });
  // Data worth restoring: a user with a session, an organisation, an encrypted field, a sealed log.
  const user = await createUser(app);
  session = await signIn(app, user);
  orgId = (await createOrg(app, session, 'Backed Up Ltd')) as OrgId;
  session = await signIn(app, user, orgId);
  secretEnvelope = await withOrg(app.testDb.db, orgId, SYSTEM, (tx) => keyring.encryptField(tx, { table: 'integration_credentials', column: 'secret', rowId: 'row_1' }, 'the org secret'));
  await app.sealAudit();
  second = await startEmbedded({ dataDir: join(dir, 'pg2'), ephemeral: true });
}, 180_000);

afterAll(async () => {
  await ownerSql?.end();
  await app?.close();
  await second?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('backups', () => {
  let first: Awaited<ReturnType<Backups['create']>>;

  it('BAK-1, ENC-7: a backup is an age file for the configured recipients, which Debian\'s age CLI opens; its manifest records schema, sizes, checksums and audit checkpoints; it is an audit event', async () => {
    const progress: number[] = [];
    first = await backups.create({ actor: SYSTEM, onProgress: (p) => { progress.push(p.tableIndex); } });
    expect(progress.length).toBeGreaterThan(0);
    expect(first.recipients).toEqual([recipient]);
    expect(first.schemaVersion).toBe(first.migrations.at(-1));
    expect(first.migrations.length).toBeGreaterThan(5);
    expect(first.tables.find((t) => t.name === 'public.sessions')?.rows).toBeGreaterThan(0);
    expect(first.tables.every((t) => /^[0-9a-f]{64}$/.test(t.sha256))).toBe(true);
    expect(first.ciphertextSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.auditCheckpoints.some((c) => c.orgId === orgId && c.treeSize > 0)).toBe(true);
    const file = join(dir, 'store', 'backups', `${first.id}.age`);
    const raw = await readFile(file);
    expect(raw.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(raw.includes(Buffer.from('the org secret'))).toBe(false);
    // The standard tool, with the identity kept off the server:
    const { stdout } = await run('age', ['-d', '-i', identityFile, file], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
    expect(stdout.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    expect(stdout.length).toBe(first.plaintextBytes);
    const [ev] = await app.testDb.db.system<{ target_id: string; metadata: { ciphertextSha256: string } }[]>`
      select target_id, metadata from audit_events where org_id = 'platform' and action = 'backup.created' order by seq desc limit 1`;
    expect(ev?.target_id).toBe(first.id);
    expect(ev?.metadata.ciphertextSha256).toBe(first.ciphertextSha256);
    expect((await backups.list()).map((e) => [e.id, e.status])).toContainEqual([first.id, 'complete']);
    expect(await backups.verify(first.id, { actor: SYSTEM })).toMatchObject({ level: 'checksum' });
    expect(await backups.verify(first.id, { actor: SYSTEM, identities: [identity] })).toMatchObject({ level: 'full' });
  });

  it('BAK-1: restored into a second, empty PostgreSQL, Palisade works again: the session, the encrypted field (same KEK), an audit log that verifies and keeps sealing', async () => {
    const target = await emptyDatabase();
    const result = await backups.restore(first.id, { actor: SYSTEM, identities: [identity], targetOwnerUrl: target });
    expect(result.trailer.tables).toEqual(first.tables);
    await expect(backups.restore(first.id, { actor: SYSTEM, identities: [identity], targetOwnerUrl: target })).rejects.toBeInstanceOf(RestoreTargetNotEmpty);
    // The secondary indexes the restore drops for its load are all back, exactly as the source has them.
    expect((await indexes(target)).length).toBeGreaterThan(100);
    expect(await indexes(target)).toEqual(await indexes(app.testDb.ownerUrl));

    const secrets = await ensureRoleLogins(target);
    const db: Db = createDb({
      appUrl: roleUrl(target, 'palisade_app', secrets.palisade_app),
      systemUrl: roleUrl(target, 'palisade_system', secrets.palisade_system),
      retentionUrl: roleUrl(target, 'palisade_retention', secrets.palisade_retention),
      appMax: 3,
    });
    const logger = createLogger('silent');
    const restored = await buildApp({ config: app.config, db, logger });
    try {
      await restored.http.ready();
      const me = await call({ ...app, http: restored.http } as TestApp, { session }, 'GET', '/v1/me');
      expect(me.status).toBe(200);
      const crypto = cryptoConfig(app.config);
      const ring = createKeyring({ record: appendAudit, db, keks: await kekSetFromConfig(crypto, { create: false }), cache: crypto.dekCache });
      const plain = await withOrg(db, orgId, SYSTEM, (tx) => ring.decryptField(tx, { table: 'integration_credentials', column: 'secret', rowId: 'row_1' }, secretEnvelope));
      expect(plain.toString()).toBe('the org secret');
      const verify = async () => verifyAuditLog({ sql: db.system, verifiers: await storedVerifiers(db.system), keySource: 'database', retentionDays: 1095, now: new Date() });
      expect((await verify()).problems).toEqual([]);
      // New events on the new cluster (lower transaction ids than the old one's) are still sealed
      // (by this call or by the restored app's own sealer loop, whichever runs first).
      const leaves = async () => (await db.system<{ n: number }[]>`select count(*)::int as n from audit_leaves`)[0]?.n ?? 0;
      const sealedBefore = await leaves();
      expect((await call({ ...app, http: restored.http } as TestApp, { session }, 'GET', '/v1/me')).status).toBe(200);
      await call({ ...app, http: restored.http } as TestApp, { none: true }, 'POST', '/v1/auth/sign-in', { email: 'nobody@example.test', password: 'wrong password here' });
      // Sealed by this call or, when the restored app's own sealer loop holds the round at that
      // moment, by that loop's next round: whichever it is, the new leaves appear.
      await expect.poll(async () => {
        await restored.sealAudit();
        return leaves();
      }).toBeGreaterThan(sealedBefore);
      const after = await verify();
      expect(after.problems).toEqual([]);
      expect(after.ok).toBe(true);
    } finally {
      await restored.http.close();
      await restored.stop();
      await db.close();
    }
  }, 120_000);

  it('BAK-1: a corrupted backup is refused by verify and by restore, which leaves no data behind', async () => {
    const m = await backups.create({ actor: SYSTEM });
    const file = join(dir, 'store', 'backups', `${m.id}.age`);
    const bytes = await readFile(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(file, bytes);
    await expect(backups.verify(m.id, { actor: SYSTEM })).rejects.toBeInstanceOf(BackupCorrupt);
    await expect(backups.verify(m.id, { actor: SYSTEM, identities: [identity] })).rejects.toBeInstanceOf(BackupCorrupt);
    const target = await emptyDatabase();
    await expect(backups.restore(m.id, { actor: SYSTEM, identities: [identity], targetOwnerUrl: target })).rejects.toBeInstanceOf(BackupCorrupt);
    expect(await countRows(target, 'users')).toBe(0);
    const [failed] = await app.testDb.db.system<{ n: number }[]>`select count(*)::int as n from audit_events where action = 'backup.verified' and outcome = 'failed' and target_id = ${m.id}`;
    expect(failed?.n).toBe(2);
  }, 120_000);

  it('BAK-1: a truncated backup is refused even when its manifest is rewritten to match (age and the trailer both catch it)', async () => {
    const m = await backups.create({ actor: SYSTEM });
    const file = join(dir, 'store', 'backups', `${m.id}.age`);
    const size = (await readFile(file)).length;
    await truncate(file, size - 70_000);
    await expect(backups.verify(m.id, { actor: SYSTEM })).rejects.toThrow(/size/);
    // An attacker (or a careless copy) who also fixes the manifest still gets refused.
    const cut = await readFile(file);
    const { createHash } = await import('node:crypto');
    const manifestFile = join(dir, 'store', 'backups', `${m.id}.json`);
    await writeFile(manifestFile, JSON.stringify({ ...m, ciphertextBytes: cut.length, ciphertextSha256: createHash('sha256').update(cut).digest('hex') }));
    await expect(backups.verify(m.id, { actor: SYSTEM, identities: [identity] })).rejects.toBeInstanceOf(BackupCorrupt);
    const target = await emptyDatabase();
    await expect(backups.restore(m.id, { actor: SYSTEM, identities: [identity], targetOwnerUrl: target })).rejects.toBeInstanceOf(BackupCorrupt);
    expect(await countRows(target, 'users')).toBe(0);
    expect(await countRows(target, 'audit_events')).toBe(0);
  }, 120_000);

  it('ENC-7: a backup encrypted to another recipient is refused with a message naming the recipients it is for', async () => {
    const other = await ageKeygen(join(dir, 'other-key.txt'));
    const err = await backups.verify(first.id, { actor: SYSTEM, identities: [other.identity] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupWrongIdentity);
    expect((err as Error).message).toContain(recipient);
    expect((err as Error).message).toContain(other.recipient);
    await expect(backups.restore(first.id, { actor: SYSTEM, identities: [other.identity], targetOwnerUrl: await emptyDatabase() })).rejects.toBeInstanceOf(BackupWrongIdentity);
    // And the age CLI agrees: the other identity cannot open it.
    await expect(run('age', ['-d', '-i', join(dir, 'other-key.txt'), join(dir, 'store', 'backups', `${first.id}.age`)])).rejects.toThrow(/no identity matched/);
  });

  it('BAK-1: the backup is one snapshot: a transaction committed after one table was copied and before another is in neither', async () => {
    let wrote = false;
    const m = await backups.create({
      actor: SYSTEM,
      onProgress: async (p) => {
        if (wrote || p.table !== 'public.audit_events' || p.tableIndex === 0) return;
        wrote = true; // audit_events is copied; mail_outbox (later in the order) is not yet
        await ownerSql.begin(async (tx) => {
          await tx`insert into audit_events (id, org_id, occurred_at, actor_type, actor_id, action, outcome) values ('evt_between', 'platform', now(), 'system', 'x', 'test.between', 'allowed')`;
          await tx`insert into mail_outbox (id, recipient, subject, body, created_at) values ('mail_between', 'a@example.test', 's', 'b', now())`;
        });
      },
    });
    expect(wrote).toBe(true);
    const target = await emptyDatabase();
    await backups.restore(m.id, { actor: SYSTEM, identities: [identity], targetOwnerUrl: target });
    const sql = postgres(target, { max: 1, onnotice: () => {} });
    try {
      expect(await sql`select id from audit_events where id = 'evt_between'`).toHaveLength(0);
      expect(await sql`select id from mail_outbox where id = 'mail_between'`).toHaveLength(0);
    } finally {
      await sql.end();
    }
  }, 120_000);

  it('BAK-1: a backup taken while writers run, one SIGKILLed mid-backup, is consistent: every writer transaction is in it whole or not at all, and it restores with a log that verifies', async () => {
    const writer = spawn(process.execPath, [join(process.cwd(), 'test/fixtures/backup-writer.mjs')], { env: { ...process.env, WRITER_URL: app.testDb.ownerUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
    const committed: string[] = [];
    writer.stdout.setEncoding('utf8').on('data', (s: string) => committed.push(...s.split('\n').filter(Boolean)));
    const steady = spawn(process.execPath, [join(process.cwd(), 'test/fixtures/backup-writer.mjs')], { env: { ...process.env, WRITER_URL: app.testDb.ownerUrl }, stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      while (committed.length < 3) await new Promise((r) => setTimeout(r, 20));
      let killed = false;
      const m = await backups.create({
        actor: SYSTEM,
        onProgress: () => {
          if (!killed) {
            killed = true;
            writer.kill('SIGKILL');
          }
        },
      });
      expect(killed).toBe(true);
      const target = await emptyDatabase();
      await backups.restore(m.id, { actor: SYSTEM, identities: [identity], targetOwnerUrl: target });
      const sql = postgres(target, { max: 1, onnotice: () => {} });
      try {
        const batches = await sql<{ batch: string; n: number }[]>`
          select metadata->>'batch' as batch, count(*)::int as n from audit_events where action = 'test.write' group by 1`;
        expect(batches.length).toBeGreaterThanOrEqual(3);
        expect(batches.filter((b) => b.n !== 5)).toEqual([]);
        const ids = new Set(batches.map((b) => b.batch));
        for (const c of committed.slice(0, 3)) expect(ids.has(c)).toBe(true);
        expect(m.auditEvents).toBe((await sql<{ n: number }[]>`select count(*)::int as n from audit_events where action <> 'backup.restored'`)[0]?.n);
        const report = await verifyAuditLog({ sql, verifiers: await storedVerifiers(sql), keySource: 'database', retentionDays: 1095, now: new Date() });
        expect(report.problems).toEqual([]);
      } finally {
        await sql.end();
      }
    } finally {
      writer.kill('SIGKILL');
      steady.kill('SIGKILL');
    }
  }, 120_000);
});
