/* BAK-1, BAK-2: the daily backup and the weekly drill run as scheduled jobs on the queue, once per
   tick across nodes. The schedule is driven by jobs.drain({ dueBy }) — no wall-clock waits. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { createOrg, createUser, signIn } from '../../test/security/harness.js';
import { diskStorage } from '../vault/index.js';

const run = promisify(execFile);
let dir: string;
let app: TestApp;
let other: TestApp;
const HOUR = 3_600_000;

async function backupIds(): Promise<string[]> {
  const s = diskStorage(join(dir, 'store'));
  const ids = (await s.list('backups/')).map((o) => o.key).filter((k) => k.endsWith('.json')).sort();
  await s.close();
  return ids;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-schedule-'));
  await run('age-keygen', ['-o', join(dir, 'key.txt')]);
  const recipient = /public key: (age1\S+)/.exec(await readFile(join(dir, 'key.txt'), 'utf8'))![1]!;
  const env = {
    PALISADE_JOBS_WORKER: 'false', // only drain() runs jobs here
    PALISADE_BACKUP_RECIPIENTS: recipient,
    PALISADE_BACKUP_DIR: join(dir, 'store'),
    PALISADE_BACKUP_DRILL_IDENTITY_FILE: join(dir, 'key.txt'),
    PALISADE_BACKUP_CRON: '17 2 * * *',
    PALISADE_BACKUP_DRILL_CRON: '47 3 * * 0',
  };
  app = await buildTestApp({ env });
  // A second node on the same database: schedules fire once across both.
  other = await buildTestApp({ env, testDb: app.testDb });
  const s = await signIn(app, await createUser(app));
  await createOrg(app, s, 'Scheduled Ltd');
  await app.sealAudit();
}, 180_000);

afterAll(async () => {
  await other?.close();
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('backup schedules', () => {
  it('BAK-1: the daily backup runs as a scheduled job, once per tick across nodes, and is an audit event of the schedule', async () => {
    expect(await backupIds()).toEqual([]);
    // 25 hours from now hold at least one 02:17 UTC tick; the latest one fires.
    const tomorrow = new Date(Date.now() + 25 * HOUR);
    await app.jobs.drain({ dueBy: tomorrow });
    expect(await backupIds()).toHaveLength(1);
    // The same tick, reached again on this node and on another, fires nothing more.
    await app.jobs.drain({ dueBy: tomorrow });
    await other.jobs.drain({ dueBy: tomorrow });
    expect(await backupIds()).toHaveLength(1);
    const events = await app.testDb.db.system<{ actor_id: string; outcome: string }[]>`
      select actor_id, outcome from audit_events where org_id = 'platform' and action = 'backup.created'`;
    expect(events).toEqual([{ actor_id: 'backup-schedule', outcome: 'allowed' }]);
    // The next day's tick is another backup.
    await other.jobs.drain({ dueBy: new Date(Date.now() + 49 * HOUR) });
    expect(await backupIds()).toHaveLength(2);
    expect(await app.jobs.pending('backup.create')).toEqual([]);
  }, 180_000);

  it('BAK-2: the weekly drill runs as a scheduled job: it restores the newest backup into a scratch database and records a passed drill', async () => {
    const before = await app.testDb.db.system<{ n: number }[]>`select count(*)::int as n from backup_drills`;
    expect(before[0]?.n).toBe(0);
    // A week from now holds one Sunday 03:47 tick (and the last daily backup's tick before it).
    await app.jobs.drain({ dueBy: new Date(Date.now() + 7 * 24 * HOUR + HOUR) });
    const drills = await app.testDb.db.system<{ ok: boolean; problems: string[] }[]>`select ok, problems from backup_drills`;
    expect(drills).toEqual([{ ok: true, problems: [] }]);
    const [ev] = await app.testDb.db.system<{ actor_id: string; outcome: string }[]>`
      select actor_id, outcome from audit_events where org_id = 'platform' and action = 'backup.drill'`;
    expect(ev).toEqual({ actor_id: 'backup-drill', outcome: 'allowed' });
    await other.jobs.drain({ dueBy: new Date(Date.now() + 7 * 24 * HOUR + HOUR) });
    expect((await app.testDb.db.system<{ n: number }[]>`select count(*)::int as n from backup_drills`)[0]?.n).toBe(1);
  }, 240_000);
});
