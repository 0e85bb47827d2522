/* FILE-3: retention as a scheduled job on the queue, with the real app, real PostgreSQL and the
   real disk store. Two nodes share one database; the schedule is driven by jobs.drain({ dueBy })
   and the files' age by an injected clock — no wall-clock waits. Attacks: a file under legal
   hold, another organisation with a longer policy, an object the store refuses to delete (the run
   fails, the queue retries, nothing is lost or deleted twice), and re-runs of the sweep. */
import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { call, createOrg, createUser, setPlan, signIn, type Session } from '../../test/security/harness.js';
import { fixedClock } from '../lib/clock.js';
import { RETENTION_TASK } from './retention.js';

const DAY = 86_400_000;
const clock = fixedClock('2026-06-01T10:00:00Z');
let dir: string;
let app: TestApp;
let other: TestApp;
let a: Session;
let b: Session;
let orgA: string;
let orgB: string;

const objectPath = (org: string, fileId: string) => join(dir, 'org', org, 'files', fileId);
const exists = (p: string) => access(p).then(() => true, () => false);
const pathOf = (url: string) => { const u = new URL(url); return u.pathname + u.search; };

async function collection(s: Session, name: string): Promise<string> {
  const r = await call(app, { session: s }, 'POST', '/v1/org/vault/collections', { name });
  expect(r.status, r.text).toBe(201);
  return String(r.body.id);
}

async function upload(s: Session, col: string, opts: { store?: boolean } = {}): Promise<string> {
  const bytes = randomBytes(2048);
  const d = await call(app, { session: s }, 'POST', `/v1/org/vault/collections/${col}/files`, { name: 'photo.bin', contentType: 'application/octet-stream', size: bytes.length });
  expect(d.status, d.text).toBe(201);
  const fileId = String((d.body.file as { id: string }).id);
  if (opts.store !== false) {
    const res = await app.http.inject({ method: 'PUT', url: pathOf(String((d.body.upload as { url: string }).url)), headers: { 'content-type': 'application/octet-stream' }, payload: bytes });
    expect(res.statusCode, res.body).toBe(200);
  }
  return fileId;
}

async function rowsOf(ids: string[]): Promise<string[]> {
  const rows = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ id: string }[]>`select id from vault_files where id = any(${ids})`);
  return rows.map((r) => r.id).sort();
}

async function deletions(ids: string[]): Promise<Array<{ target_id: string; org_id: string; actor_type: string; actor_id: string; reason: string; retention_days: number }>> {
  return asSuperuser(app.testDb.ownerUrl, (sql) => sql`
    select target_id, org_id, actor_type, actor_id, metadata->>'reason' as reason, (metadata->>'retentionDays')::int as retention_days
    from audit_events where action = 'vault.file.deleted' and target_id = any(${ids}) order by target_id`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-retention-'));
  // Only drain() runs jobs here; the second node shares the database and the store.
  const env = { PALISADE_STORAGE_DIR: dir, PALISADE_PUBLIC_URL: 'https://files.example.test', PALISADE_JOBS_WORKER: 'false' };
  app = await buildTestApp({ clock, env });
  other = await buildTestApp({ clock, env, testDb: app.testDb });
  a = await signIn(app, await createUser(app));
  orgA = await createOrg(app, a, 'Retention A');
  b = await signIn(app, await createUser(app));
  orgB = await createOrg(app, b, 'Retention B');
  await setPlan(app, orgA, 'enterprise');
  await setPlan(app, orgB, 'enterprise');
}, 120_000);

afterAll(async () => {
  await other?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('vault retention job', () => {
  it('FILE-3: the scheduled job deletes each organisation\'s expired files (object, key, row), audited, once across two nodes; legal hold and longer policies keep theirs', async () => {
    const set = await call(app, { session: a }, 'PUT', '/v1/org/vault/settings', { retentionDays: 30 });
    expect(set.status, set.text).toBe(200);
    const colA = await collection(a, 'Trip A');
    const colB = await collection(b, 'Trip B');
    const expiring = await upload(a, colA);
    const held = await upload(a, colA);
    const abandoned = await upload(a, colA, { store: false });
    const young = await upload(b, colB); // org B keeps the default 90 days
    const hold = await call(app, { session: a }, 'PUT', `/v1/org/vault/collections/${colA}/files/${held}/legal-hold`, { hold: true });
    expect(hold.status, hold.text).toBe(200);
    clock.advance(29 * DAY);
    // Day 29: the schedule fires; only the upload abandoned for more than a day goes.
    await app.jobs.drain({ dueBy: new Date(Date.now() + 61 * 60_000) });
    expect(await rowsOf([expiring, held, abandoned, young])).toEqual([expiring, held, young].sort());

    clock.advance(2 * DAY); // day 31: past org A's 30 days, well inside org B's 90
    await app.jobs.add(RETENTION_TASK, {}); // the next tick, as the schedule adds it
    await Promise.all([app.jobs.drain(), other.jobs.drain()]);
    expect(await rowsOf([expiring, held, abandoned, young])).toEqual([held, young].sort());
    expect(await exists(objectPath(orgA, expiring))).toBe(false);
    expect(await exists(objectPath(orgA, held))).toBe(true);
    expect(await exists(objectPath(orgB, young))).toBe(true);
    const audited = await deletions([expiring, held, abandoned, young]);
    expect(audited).toEqual([
      { target_id: abandoned, org_id: orgA, actor_type: 'system', actor_id: 'vault-retention', reason: 'abandoned_upload', retention_days: 30 },
      { target_id: expiring, org_id: orgA, actor_type: 'system', actor_id: 'vault-retention', reason: 'retention', retention_days: 30 },
    ].sort((x, y) => x.target_id.localeCompare(y.target_id)));

    // Re-runs (another tick, a retry, both nodes at once) find nothing more and audit nothing twice.
    await app.jobs.add(RETENTION_TASK, {});
    await other.jobs.add(RETENTION_TASK, {});
    await Promise.all([app.jobs.drain(), other.jobs.drain()]);
    expect(await deletions([expiring, held, abandoned, young])).toHaveLength(2);
    expect(await app.jobs.pending(RETENTION_TASK)).toEqual([]);

    // Released from hold, the held file goes at the next run; org B's at day 91.
    a = await signIn(app, { userId: a.userId, email: a.email }); // the clock moved past the first session's life
    const release = await call(app, { session: a }, 'PUT', `/v1/org/vault/collections/${colA}/files/${held}/legal-hold`, { hold: false });
    expect(release.status, release.text).toBe(200);
    clock.advance(60 * DAY);
    await app.jobs.add(RETENTION_TASK, {});
    await app.jobs.drain();
    expect(await rowsOf([held, young])).toEqual([]);
    expect(await exists(objectPath(orgB, young))).toBe(false);
    expect((await deletions([held, young])).map((d) => [d.target_id, d.retention_days])).toEqual([[held, 30], [young, 90]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
  });

  it('FILE-3: an object the store refuses to delete fails the run without holding the others back; the queue retries it and it is deleted and audited exactly once', async () => {
    a = await signIn(app, { userId: a.userId, email: a.email }); // the clock moved past the first session's life
    const colA = await collection(a, 'Trip A2');
    const stuck = await upload(a, colA);
    const fine = await upload(a, colA);
    clock.advance(31 * DAY);
    // The store refuses: a non-empty directory stands where the object is (fails even as root).
    const path = objectPath(orgA, stuck);
    await rename(path, `${path}.aside`);
    await mkdir(path);
    await writeFile(join(path, 'x'), 'x');
    await app.jobs.add(RETENTION_TASK, {});
    await app.jobs.drain();
    expect(await rowsOf([stuck, fine])).toEqual([stuck]); // the other file went; the refused one kept its row and key
    expect(await deletions([stuck])).toEqual([]);
    const [job] = await app.jobs.pending(RETENTION_TASK);
    expect(job?.attempts).toBe(1);
    expect(job?.lastError).toContain('could not be deleted');

    // The store recovers; the retry (brought forward past its backoff) finishes the work.
    await rm(path, { recursive: true });
    await rename(`${path}.aside`, path);
    await app.jobs.drain({ dueBy: new Date(Date.now() + DAY) });
    expect(await rowsOf([stuck, fine])).toEqual([]);
    expect(await exists(path)).toBe(false);
    expect((await deletions([stuck, fine])).map((d) => d.target_id).sort()).toEqual([stuck, fine].sort());
    expect(await app.jobs.pending(RETENTION_TASK)).toEqual([]);
  });
});
