/* AUD-5 (issue 15): the storage side of the anomaly detectors. Downloads through signed URLs are
   anonymous requests, yet each is an audit record attributed to the organisation (a read), so
   an exfiltration by bulk download raises the mass-reads alert, mailed to the admins and listed at
   GET /v1/org/alerts; an organisation downloading little raises none. Real app, real PostgreSQL,
   real disk store, the real sealer and detectors (threshold lowered by configuration). */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { call, createOrg, createUser, setPlan, signIn, type Session } from '../../test/security/harness.js';

let app: TestApp;
let dir: string;
const mails: string[] = [];
const pathOf = (url: string) => { const u = new URL(url); return u.pathname + u.search; };

async function storedFile(s: Session): Promise<{ col: string; fileId: string; bytes: Buffer }> {
  const c = await call(app, { session: s }, 'POST', '/v1/org/vault/collections', { name: 'Evidence' });
  expect(c.status, c.text).toBe(201);
  const bytes = randomBytes(4096);
  const d = await call(app, { session: s }, 'POST', `/v1/org/vault/collections/${String(c.body.id)}/files`, { name: 'ids.bin', contentType: 'application/octet-stream', size: bytes.length });
  expect(d.status, d.text).toBe(201);
  const put = await app.http.inject({ method: 'PUT', url: pathOf(String((d.body.upload as { url: string }).url)), headers: { 'content-type': 'application/octet-stream' }, payload: bytes });
  expect(put.statusCode, put.body).toBe(200);
  return { col: String(c.body.id), fileId: String((d.body.file as { id: string }).id), bytes };
}

/** Downloads the file `n` times through one signed URL (valid for 5 minutes, reusable within them). */
async function download(s: Session, f: { col: string; fileId: string; bytes: Buffer }, n: number): Promise<void> {
  const u = await call(app, { session: s }, 'POST', `/v1/org/vault/collections/${f.col}/files/${f.fileId}/download-url`);
  expect(u.status, u.text).toBe(200);
  for (let i = 0; i < n; i++) {
    const r = await app.http.inject({ method: 'GET', url: pathOf(String(u.body.url)) });
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.equals(f.bytes)).toBe(true);
  }
}

const alertsOf = (orgId: string) => asSuperuser(app.testDb.ownerUrl, (sql) =>
  sql<{ detector: string; details: { lastAction?: string; readsLastHour?: number } }[]>`select detector, details from audit_alerts where org_id = ${orgId} and detector = 'mass_reads'`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-massdl-'));
  // At least 30 reads in an hour, and 3× the org's baseline (none here): a bulk download trips it.
  app = await buildTestApp({ env: { PALISADE_STORAGE_DIR: dir, PALISADE_PUBLIC_URL: 'https://files.example.test', AUDIT_ALERT_MASS_READS: '3x/30' }, mailConsole: (t) => mails.push(t) });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('vault mass downloads', () => {
  it('AUD-5: a bulk download through signed URLs raises the mass-reads alert for the organisation (mailed, listed); a few downloads elsewhere raise none', async () => {
    const thief = await signIn(app, await createUser(app));
    const orgA = await createOrg(app, thief, 'Exfil Co');
    await setPlan(app, orgA, 'enterprise');
    const calm = await signIn(app, await createUser(app));
    const orgB = await createOrg(app, calm, 'Calm Co');
    await setPlan(app, orgB, 'enterprise');
    const fa = await storedFile(thief);
    const fb = await storedFile(calm);
    await download(calm, fb, 5);
    await app.sealAudit();
    await download(thief, fa, 40);
    await app.sealAudit();

    const a = await alertsOf(orgA);
    expect(a).toHaveLength(1);
    expect(a[0]?.details.lastAction).toBe('vault.file.downloaded');
    expect(a[0]?.details.readsLastHour).toBeGreaterThan(30);
    expect(await alertsOf(orgB)).toEqual([]);
    // Listed for the organisation's admin, and mailed to them.
    const listed = await call(app, { session: thief }, 'GET', '/v1/org/alerts');
    expect(listed.status, listed.text).toBe(200);
    expect(JSON.stringify(listed.body)).toContain('mass_reads');
    expect(mails.some((m) => m.includes('Security alert') && m.includes('reads in the last hour'))).toBe(true);
    // Every download is its own audit record in the organisation's log (what the detector counts).
    const [n] = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ n: number }[]>`select count(*)::int as n from audit_events where org_id = ${orgA} and action = 'vault.file.downloaded' and target_id = ${fa.fileId}`);
    expect(n?.n).toBe(40);
  });
});
