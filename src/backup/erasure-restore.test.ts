/* PRIV-2 across restores (issue 18 §3): a person erased after a backup was taken stays unreadable
   when that backup is restored. The attack: take a backup, erase the person, then restore the old
   backup (which still holds their subject key, wrapped by the KEK) with the same KEK and try to
   decrypt their data. The erasure ledger in the backup store makes the restore destroy the key
   again before the data commits. Real parts: two PostgreSQL clusters, age, the job queue. */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, storedVerifiers, verifyAuditLog } from '../audit/index.js';
import { createKeyring, cryptoConfig, kekSetFromConfig, KeyDestroyed, type Keyring } from '../crypto/index.js';
import { createDb, ensureRoleLogins, roleUrl, startEmbedded, withOrg, type Db, type EmbeddedServer } from '../db/index.js';
import { systemClock } from '../lib/clock.js';
import type { OrgId } from '../lib/ids.js';
import { diskStorage } from '../vault/index.js';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { addMember, createOrg, createUser, signIn } from '../../test/security/harness.js';
import { createBackups, parseIdentityFile, type BackupManifest, type Backups } from './index.js';

const run = promisify(execFile);
const SYSTEM = { type: 'system' as const, id: 'erasure-restore-test' };
const REF = { table: 'integration_credentials', column: 'secret', rowId: 'row_person' };

let dir: string;
let app: TestApp;
let ownerSql: postgres.Sql;
let backups: Backups;
let identity: string;
let second: EmbeddedServer;
let keyring: Keyring;
let orgId: OrgId;
let victim: { userId: string; email: string };
let personal: Buffer;
let orgWide: Buffer;
let before: BackupManifest;
let n = 0;

async function emptyDatabase(): Promise<string> {
  const name = `erasure_${n++}`;
  const su = postgres(second.url, { max: 1, onnotice: () => {} });
  await su.unsafe(`create database ${name}`);
  await su.end();
  return second.url.replace(/\/postgres$/, `/${name}`);
}

/** The restored database as Palisade would serve it, with the deployment's KEK. */
async function openRestored(target: string): Promise<{ db: Db; ring: Keyring }> {
  const secrets = await ensureRoleLogins(target);
  const db = createDb({
    appUrl: roleUrl(target, 'palisade_app', secrets.palisade_app),
    systemUrl: roleUrl(target, 'palisade_system', secrets.palisade_system),
    retentionUrl: roleUrl(target, 'palisade_retention', secrets.palisade_retention),
    appMax: 2,
  });
  const crypto = cryptoConfig(app.config);
  return { db, ring: createKeyring({ record: appendAudit, db, keks: await kekSetFromConfig(crypto, { create: false }), cache: crypto.dekCache }) };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-erasure-'));
  await chmod(dir, 0o755); // the second cluster runs as the postgres user when tests run as root
  await run('age-keygen', ['-o', join(dir, 'key.txt')]);
  const text = await readFile(join(dir, 'key.txt'), 'utf8');
  identity = parseIdentityFile(text)[0]!;
  const recipient = /public key: (age1\S+)/.exec(text)![1]!;
  // The app's own ledger job writes to the same store the backups use.
  app = await buildTestApp({ env: { PALISADE_JOBS_WORKER: 'false', PALISADE_BACKUP_RECIPIENTS: recipient, PALISADE_BACKUP_DIR: join(dir, 'store') } });
  ownerSql = postgres(app.testDb.ownerUrl, { max: 2, onnotice: () => {} });
  backups = createBackups({ db: app.testDb.db, ownerSql, storage: diskStorage(join(dir, 'store')), clock: systemClock, recipients: [recipient], retentionDays: 30 });
  const crypto = cryptoConfig(app.config);
  keyring = createKeyring({ record: appendAudit, db: app.testDb.db, clock: systemClock, keks: await kekSetFromConfig(crypto, { create: true }), cache: crypto.dekCache });
  const admin = await createUser(app);
  orgId = (await createOrg(app, await signIn(app, admin), 'Erasing Ltd')) as OrgId;
  victim = await createUser(app);
  await addMember(app, orgId, victim.userId, ['viewer']);
  personal = await withOrg(app.testDb.db, orgId, SYSTEM, (tx) => keyring.encryptField(tx, REF, 'the person\'s own secret', { subjectId: victim.userId }));
  orgWide = await withOrg(app.testDb.db, orgId, SYSTEM, (tx) => keyring.encryptField(tx, { ...REF, rowId: 'row_org' }, 'the org secret'));
  await app.sealAudit();
  before = await backups.create({ actor: SYSTEM });
  await app.privacy.erasePerson(victim.userId, { actor: SYSTEM });
  second = await startEmbedded({ dataDir: join(dir, 'pg2'), ephemeral: true });
}, 180_000);

afterAll(async () => {
  await ownerSql?.end();
  await app?.close();
  await second?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('erasure across restores', () => {
  it('PRIV-2: the key destruction adds the ledger job in its own transaction; the job writes ids only to the erasure ledger beside the backups', async () => {
    expect(await app.jobs.pending('backup.erasure_ledger')).toHaveLength(1);
    await app.jobs.drain();
    const files = await readdir(join(dir, 'store', 'backups', 'erasures'));
    expect(files).toHaveLength(1);
    const entry = JSON.parse(await readFile(join(dir, 'store', 'backups', 'erasures', files[0]!), 'utf8')) as Record<string, unknown>;
    expect(entry).toMatchObject({ orgId, scope: 'subject', subjectId: victim.userId });
    expect(Object.keys(entry).sort()).toEqual(['destroyedAt', 'keyId', 'orgId', 'scope', 'subjectId']);
    expect(JSON.stringify(entry)).not.toContain(victim.email);
  });

  it('PRIV-2: a backup from before an erasure, restored with the same KEK, cannot decrypt the erased person\'s data; their account is gone; the rest restores and the log verifies', async () => {
    const target = await emptyDatabase();
    const r = await backups.restore(before.id, { actor: SYSTEM, identities: [identity], targetOwnerUrl: target });
    expect(r.erasures).toMatchObject({ ledger: 1, keysDestroyed: 1, erased: [victim.userId], blocked: [] });
    const { db, ring } = await openRestored(target);
    try {
      const err = await withOrg(db, orgId, SYSTEM, (tx) => ring.decryptField(tx, REF, personal)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KeyDestroyed);
      const [key] = await db.system<{ wrapped: number }[]>`
        select count(*)::int as wrapped from crypto_key_versions v join crypto_keys k on k.org_id = v.org_id and k.id = v.key_id
        where k.subject_id = ${victim.userId} and v.wrapped_dek is not null`;
      expect(key?.wrapped).toBe(0);
      expect(await db.system`select id from users where id = ${victim.userId}`).toHaveLength(0);
      expect(await db.system`select user_id from memberships where user_id = ${victim.userId}`).toHaveLength(0);
      // Nothing else was shredded, and the restored log still verifies.
      expect((await withOrg(db, orgId, SYSTEM, (tx) => ring.decryptField(tx, { ...REF, rowId: 'row_org' }, orgWide))).toString()).toBe('the org secret');
      const report = await verifyAuditLog({ sql: db.system, verifiers: await storedVerifiers(db.system), keySource: 'database', retentionDays: 1095, now: new Date() });
      expect(report.problems).toEqual([]);
      const [ev] = await db.system<{ n: number }[]>`select count(*)::int as n from audit_events where action = 'privacy.erasure_reapplied' and target_id = ${victim.userId}`;
      expect(ev?.n).toBe(1);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('PRIV-2: the threat is real — the same backup restored without the ledger decrypts the erased person\'s data (so the ledger is kept with the backups, never pruned)', async () => {
    await rm(join(dir, 'store', 'backups', 'erasures'), { recursive: true });
    const target = await emptyDatabase();
    const r = await backups.restore(before.id, { actor: SYSTEM, identities: [identity], targetOwnerUrl: target });
    expect(r.erasures.keysDestroyed).toBe(0);
    const { db, ring } = await openRestored(target);
    try {
      expect((await withOrg(db, orgId, SYSTEM, (tx) => ring.decryptField(tx, REF, personal))).toString()).toBe('the person\'s own secret');
    } finally {
      await db.close();
    }
    // The next backup writes the ledger again from the live tombstones.
    await backups.create({ actor: SYSTEM });
    expect(await readdir(join(dir, 'store', 'backups', 'erasures'))).toHaveLength(1);
  }, 120_000);
});
