/* BAK-2: the restore drill restores the newest backup into a scratch database, verifies the audit
   log and the manifest, records the result and alerts the platform operator on failure or on a
   stale backup. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../lib/clock.js';
import { diskStorage } from '../vault/index.js';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { createOrg, createUser, signIn } from '../../test/security/harness.js';
import { createBackups, parseIdentityFile, runDrill, type Backups } from './index.js';

const run = promisify(execFile);
const SYSTEM = { type: 'system' as const, id: 'drill-test' };
let app: TestApp;
let dir: string;
let ownerSql: postgres.Sql;
let backups: Backups;
let identity: string;
const clock = fixedClock(new Date());
const alerts: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-drill-'));
  await run('age-keygen', ['-o', join(dir, 'key.txt')]);
  const text = await readFile(join(dir, 'key.txt'), 'utf8');
  identity = parseIdentityFile(text)[0]!;
  app = await buildTestApp();
  const s = await signIn(app, await createUser(app));
  await createOrg(app, s, 'Drilled Ltd');
  await app.sealAudit();
  ownerSql = postgres(app.testDb.ownerUrl, { max: 2, onnotice: () => {} });
  backups = createBackups({ db: app.testDb.db, ownerSql, storage: diskStorage(join(dir, 'store')), clock, recipients: [/public key: (age1\S+)/.exec(text)![1]!], retentionDays: 30 });
}, 120_000);

afterAll(async () => {
  await ownerSql?.end();
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const drill = (identities: string[] = [identity]) => runDrill({
  db: app.testDb.db, backups, ownerUrl: app.testDb.ownerUrl, identities, clock, maxAgeHours: 26,
  alert: async (subject, text) => { alerts.push(`${subject}\n${text}`); },
});

describe('restore drills', () => {
  it('BAK-2: a drill restores the newest backup into a scratch database, verifies the audit log and the manifest, records the result, and drops the scratch database', async () => {
    const m = await backups.create({ actor: SYSTEM });
    const r = await drill();
    expect(r).toMatchObject({ ok: true, backupId: m.id, problems: [] });
    const [row] = await app.testDb.db.system<{ ok: boolean; backup_id: string }[]>`select ok, backup_id from backup_drills where id = ${r.id}`;
    expect(row).toEqual({ ok: true, backup_id: m.id });
    const [ev] = await app.testDb.db.system<{ outcome: string }[]>`select outcome from audit_events where action = 'backup.drill' and metadata->>'drillId' = ${r.id}`;
    expect(ev?.outcome).toBe('allowed');
    const scratch = await ownerSql<{ datname: string }[]>`select datname from pg_database where datname like 'palisade_drill_%'`;
    expect(scratch).toEqual([]);
    expect(alerts).toEqual([]);
  }, 120_000);

  it('BAK-2: a drill of a damaged backup fails, is recorded as failed and alerts the platform operator', async () => {
    // Backup ids order by their second: a minute later, this one is the newest beyond doubt
    // (under a fixed clock the previous test's backup had the same second, and the drill could pick it).
    clock.advance(60_000);
    const m = await backups.create({ actor: SYSTEM });
    const file = join(dir, 'store', 'backups', `${m.id}.age`);
    const bytes = await readFile(file);
    bytes[bytes.length - 100]! ^= 0xff;
    await writeFile(file, bytes);
    const r = await drill();
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/restore failed: The backup is corrupted/);
    expect(alerts.at(-1)).toContain(`Backup drill FAILED for ${m.id}`);
    const [row] = await app.testDb.db.system<{ ok: boolean }[]>`select ok from backup_drills where id = ${r.id}`;
    expect(row?.ok).toBe(false);
  }, 120_000);

  it('BAK-2: a stale newest backup, or no drill identity, fails the drill and alerts', async () => {
    await backups.create({ actor: SYSTEM });
    clock.advance(27 * 3_600_000);
    const stale = await drill();
    expect(stale.ok).toBe(false);
    expect(stale.problems.join('\n')).toMatch(/newest backup is 27\.\d h old \(limit 26 h\)/);
    const before = alerts.length;
    const noId = await drill([]);
    expect(noId.problems).toContain('no drill identity is configured (PALISADE_BACKUP_DRILL_IDENTITY_FILE)');
    expect(alerts.length).toBe(before + 1);
  }, 120_000);

  it('BAK-1: backups taken within one second list newest first, by the moment each was taken (ids name only the second)', async () => {
    clock.advance(3_600_000);
    const whole = Math.floor(clock.now().getTime() / 1000) * 1000;
    const taken: string[] = [];
    for (const ms of [100, 200, 300, 400]) {
      clock.set(new Date(whole + ms));
      taken.push((await backups.create({ actor: SYSTEM })).id);
    }
    expect(new Set(taken.map((id) => id.slice(0, 18))).size).toBe(1);
    const listed = (await backups.list()).map((e) => e.id);
    expect(listed.slice(0, 4)).toEqual([...taken].reverse());
    expect((await backups.latest())?.id).toBe(taken.at(-1));
  }, 300_000);
});
