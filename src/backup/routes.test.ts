/* GET · POST /v1/platform/backups on real parts: a Palisade with backups configured (recipients
   from Debian's age-keygen, a disk store), its job queue drained in the test, a real drill. Attacks:
   organisation admins, viewers and API keys on the operator's routes; a double request; a store
   that breaks mid-request; an abandoned request. Claim BAK-1; docs/backups.md. */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.js';
import { diskStorage } from '../vault/index.js';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { addMember, call, createKey, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { createBackups, parseIdentityFile, REQUEST_TASK, runDrill } from './index.js';

const run = promisify(execFile);
const ROOT = `root-backups-${Date.now()}@example.test`;
let dir: string;
let store: string;
let recipient: string;
let identity: string;
let app: TestApp;
let bare: TestApp;
let root: Session;
let admin: Session;
let viewer: Session;
let apiKey: string;
const mails: string[] = [];

const requests = async () => asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ id: string; outcome: string | null }[]>`select id, outcome from backup_requests order by requested_at`);
const requestedEvents = async () => asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ target_id: string; actor_type: string; actor_id: string }[]>`
  select target_id, actor_type, actor_id from audit_events where org_id = 'platform' and action = 'backup.requested' order by seq`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-backup-routes-'));
  store = join(dir, 'store');
  await run('age-keygen', ['-o', join(dir, 'key.txt')]);
  const text = await readFile(join(dir, 'key.txt'), 'utf8');
  recipient = /public key: (age1\S+)/.exec(text)![1]!;
  identity = parseIdentityFile(text)[0]!;
  app = await buildTestApp({
    env: { PALISADE_JOBS_WORKER: 'false', PALISADE_SUPER_ADMINS: ROOT, PALISADE_BACKUP_RECIPIENTS: recipient, PALISADE_BACKUP_DIR: store },
    mailConsole: (t) => { mails.push(t); },
  });
  // A second node on the same database without backup configuration.
  bare = await buildTestApp({ env: { PALISADE_JOBS_WORKER: 'false', PALISADE_SUPER_ADMINS: ROOT }, testDb: app.testDb });
  root = await signIn(app, await createUser(app, ROOT));
  admin = await signIn(app, await createUser(app));
  const orgId = await createOrg(app, admin, 'Backed Up Ltd');
  const v = await createUser(app);
  await addMember(app, orgId, v.userId, ['viewer']);
  viewer = await signIn(app, v, orgId);
  apiKey = (await createKey(app, admin, { name: 'ops', scopes: ['audit:read'] })).key;
}, 180_000);

afterAll(async () => {
  await bare?.close();
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('backup routes', () => {
  it('BAK-1: only a platform super-admin lists or requests backups; an organisation admin, a viewer and an API key get 403, no credentials 401; nothing is queued, requested or recorded', async () => {
    for (const [method, path] of [['GET', '/v1/platform/backups'], ['POST', '/v1/platform/backups']] as const) {
      for (const cred of [{ session: admin }, { session: viewer }, { key: apiKey }]) {
        const r = await call(app, cred, method, path);
        expect(r.status, `${method} ${path}`).toBe(403);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect((await call(app, { none: true }, method, path)).status).toBe(401);
    }
    expect(await requests()).toEqual([]);
    expect(await app.jobs.pending(REQUEST_TASK)).toEqual([]);
    expect(await requestedEvents()).toEqual([]);
  });

  it('BAK-1: a super-admin takes a backup now: 202 with the id it will have; a second request while it is queued gets the same one; the job writes that backup; backup.requested is audited', async () => {
    const first = await call(app, { session: root }, 'POST', '/v1/platform/backups');
    expect(first.status, first.text).toBe(202);
    const req = first.body.request as { id: string; status: string };
    expect(req.id).toMatch(/^bak_[0-9]{14}_[a-z2-7]{8}$/);
    expect(req.status).toBe('queued');
    expect(first.body.existing).toBe(false);
    const again = await call(app, { session: root }, 'POST', '/v1/platform/backups');
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ existing: true, request: { id: req.id, status: 'queued' } });
    expect(await app.jobs.pending(REQUEST_TASK)).toHaveLength(1);
    const events = await requestedEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ target_id: req.id, actor_type: 'super_admin', actor_id: root.userId });
    await app.jobs.drain();
    const manifest = JSON.parse(await readFile(join(store, 'backups', `${req.id}.json`), 'utf8')) as { ciphertextSha256: string; ciphertextBytes: number };
    expect((await stat(join(store, 'backups', `${req.id}.age`))).size).toBe(manifest.ciphertextBytes);
    expect(await requests()).toEqual([{ id: req.id, outcome: 'complete' }]);
    // Once it finished, the next request is a new one.
    const next = await call(app, { session: root }, 'POST', '/v1/platform/backups');
    expect(next.body).toMatchObject({ existing: false });
    expect((next.body.request as { id: string }).id).not.toBe(req.id);
    await app.jobs.drain();
  });

  it('BAK-1: the list shows each backup\'s id, times, size, SHA-256, schema, latest verification and drill — never the recipients\' keys or where the store is', async () => {
    const ownerSql = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      const backups = createBackups({ db: app.testDb.db, ownerSql, storage: diskStorage(store), clock: systemClock, recipients: [recipient], retentionDays: 30 });
      const newest = (await backups.latest())!;
      const older = (await backups.list()).find((e) => e.id !== newest.id)!;
      await backups.verify(older.id, { actor: { type: 'system', id: 'test' }, identities: [identity] });
      const drill = await runDrill({ db: app.testDb.db, backups, ownerUrl: app.testDb.ownerUrl, identities: [identity], clock: systemClock, maxAgeHours: 48, alert: async () => undefined });
      expect(drill).toMatchObject({ ok: true, backupId: newest.id });
      const r = await call(app, { session: root }, 'GET', '/v1/platform/backups');
      expect(r.status, r.text).toBe(200);
      expect(r.body.configured).toBe(true);
      const items = r.body.items as Array<Record<string, unknown>>;
      expect(items.map((i) => i.id)).toEqual([newest.id, older.id]);
      expect(items[0]).toMatchObject({
        status: 'complete', createdAt: newest.createdAt, finishedAt: newest.finishedAt, sizeBytes: newest.ciphertextBytes, sha256: newest.ciphertextSha256,
        plaintextBytes: newest.plaintextBytes, schemaVersion: newest.schemaVersion, tables: newest.tables.length, recipients: 1,
        verified: null, drill: { ok: true },
      });
      expect(items[1]).toMatchObject({ verified: { ok: true, level: 'full' }, drill: null });
      expect(r.body.request).toMatchObject({ status: 'complete', id: newest.id });
      expect(r.text).not.toContain(recipient);
      expect(r.text).not.toContain('age1');
      expect(r.text).not.toContain(dir);
      expect(r.text).not.toContain('AGE-SECRET-KEY');
    } finally {
      await ownerSql.end();
    }
  }, 120_000);

  it('BAK-1: a requested backup that fails is recorded failed and alerts the operator, and an unreadable store lists as 503 backup_store_unavailable; an abandoned request no longer blocks the next', async () => {
    // The store breaks: its backups/ directory becomes a file.
    const backupsDir = join(store, 'backups');
    await rm(backupsDir, { recursive: true, force: true });
    await writeFile(backupsDir, 'not a directory');
    try {
      const r = await call(app, { session: root }, 'POST', '/v1/platform/backups');
      expect(r.status).toBe(202);
      const id = (r.body.request as { id: string }).id;
      await app.jobs.drain();
      expect((await requests()).at(-1)).toEqual({ id, outcome: 'failed' });
      expect(mails.join('\n')).toContain(`The backup ${id} requested by a platform super-admin failed`);
      // The list cannot be read either: 503 with its code and nothing of the store's path or the cause.
      const list = await call(app, { session: root }, 'GET', '/v1/platform/backups');
      expect(list.status).toBe(503);
      expect(list.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(list.body.code).toBe('backup_store_unavailable');
      expect(list.text).not.toContain(dir);
      expect(list.text).not.toMatch(/ENOTDIR|errno|stack/i);
    } finally {
      await rm(backupsDir, { force: true });
      await mkdir(backupsDir);
    }
    const after = await call(app, { session: root }, 'GET', '/v1/platform/backups');
    expect(after.body.request).toMatchObject({ status: 'failed' });
    // A request whose process died stays open; after 6 hours it no longer blocks.
    const stuck = await call(app, { session: root }, 'POST', '/v1/platform/backups');
    const stuckId = (stuck.body.request as { id: string }).id;
    expect((await call(app, { session: root }, 'POST', '/v1/platform/backups')).body).toMatchObject({ existing: true, request: { id: stuckId } });
    await asSuperuser(app.testDb.ownerUrl, (sql) => sql`update backup_requests set requested_at = now() - interval '7 hours', started_at = now() - interval '7 hours' where id = ${stuckId}`);
    const fresh = await call(app, { session: root }, 'POST', '/v1/platform/backups');
    expect(fresh.body).toMatchObject({ existing: false });
    expect((await requests()).find((x) => x.id === stuckId)?.outcome).toBe('abandoned');
  });

  it('BAK-1: without backup configuration the list says so and a request is refused with 409 backup_not_configured', async () => {
    const list = await call(bare, { session: root }, 'GET', '/v1/platform/backups');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ configured: false, items: [] });
    const r = await call(bare, { session: root }, 'POST', '/v1/platform/backups');
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('backup_not_configured');
  });
});
