/* /metrics against the real app, real PostgreSQL and, for its own listener, real HTTP on loopback.
   The exposition is parsed line by line (every line must be a comment or a sample) and the tests
   assert that values move with real events: a refused sign-in, a lockout, requests, an unsealed
   audit record, a backup and a drill recorded as the backup module records them, an incident
   declared and notified. */
import { request as httpRequest } from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import { SEAL_LOCK_KEY } from '../audit/repo.js';
import { withSystem } from '../db/index.js';
import { loadConfig } from '../config/load.js';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { call, createOrg, createUser, signIn, PASSWORD } from '../../test/security/harness.js';
import { bearerMatches, exposeMetrics, metricsConfig } from './module.js';
import { createMetrics } from './service.js';

const TOKEN = 'metrics-token-0123456789abcdefghijklmnopqrstuv';
const HOUR = 3_600_000;
let app: TestApp;

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The Prometheus text format (0.0.4), strictly: a line is blank, a # HELP / # TYPE comment, or a sample. */
function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    // Prometheus reads values with Go's ParseFloat: NaN in any case (prom-client writes "Nan"), ±Inf.
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|[Nn][Aa][Nn]|\+Inf|-Inf)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus text line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    const v = m[3]!;
    out.push({ name: m[1]!, labels, value: v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : /^nan$/i.test(v) ? NaN : Number(v) });
  }
  return out;
}
const value = (samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

async function scrape(): Promise<Sample[]> {
  const r = await app.http.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(r.body);
}

/** Seals until the counter moves (the background sealer may be the one that seals: wait for the effect). */
async function sealUntil(moved: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await moved()); i++) {
    await app.sealAudit();
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(await moved()).toBe(true);
}

beforeAll(async () => {
  app = await buildTestApp({ env: { PALISADE_JOBS_WORKER: 'false', PALISADE_METRICS_TOKEN: TOKEN, AUDIT_SEAL_INTERVAL_MS: '60000' } });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('metrics', () => {
  it('AUD-6: /metrics is never public: no token, a wrong token of the same length or another, or a session gets 401 and no metrics; the output holds route patterns, never ids or the token', async () => {
    const user = await createUser(app);
    const s = await signIn(app, user);
    const orgId = await createOrg(app, s, 'Metered Ltd');
    expect((await call(app, { session: s }, 'GET', `/v1/platform/incidents/inc_${'b'.repeat(26)}`)).status).toBe(403);
    const wrongSameLength = TOKEN.slice(0, -1) + (TOKEN.endsWith('v') ? 'w' : 'v');
    for (const headers of [{}, { authorization: `Bearer ${wrongSameLength}` }, { authorization: 'Bearer short' }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }, { cookie: s.cookie }, { authorization: `Bearer ${TOKEN} ` }]) {
      const r = await app.http.inject({ method: 'GET', url: '/metrics', headers });
      expect(r.statusCode, JSON.stringify(headers)).toBe(401);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.body).not.toContain('palisade_http_requests_total');
    }
    const r = await app.http.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('route="/v1/platform/incidents/:incidentId",status="403"');
    for (const secret of [TOKEN, user.userId, orgId, user.email, s.cookie.split('=')[1]!]) expect(r.body).not.toContain(secret);
    // Not in the API description.
    const doc = await app.http.inject({ method: 'GET', url: '/openapi.json' });
    expect(Object.keys((JSON.parse(doc.body) as { paths: Record<string, unknown> }).paths)).not.toContain('/metrics');
  }, 120_000);

  it('AUD-6: unconfigured, nothing is exposed; the own listener answers only GET /metrics, binds loopback by default, keeps the token, and a public host without a token is refused at start', async () => {
    const testDb: TestDb = await createTestDb();
    try {
      const plain = await buildTestApp({ testDb, env: { PALISADE_JOBS_WORKER: 'false' } });
      try {
        expect((await plain.http.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
        expect((await plain.http.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
        expect(plain.metricsPort).toBeNull();
      } finally {
        await plain.close();
      }
    } finally {
      await testDb.drop();
    }
    const metrics = createMetrics({ db: app.testDb.db, clock: { now: () => new Date() } });
    const cfg = (env: Record<string, string>) => metricsConfig(loadConfig({ PALISADE_LOG_LEVEL: 'silent', ...env }));
    expect(cfg({ PALISADE_METRICS_PORT: '0' }).host).toBe('127.0.0.1');
    await expect(exposeMetrics(app.http, metrics, cfg({ PALISADE_METRICS_PORT: '0', PALISADE_METRICS_HOST: '0.0.0.0' }))).rejects.toThrow(/not loopback/);
    const get = (port: number, path: string, headers: Record<string, string> = {}, method = 'GET') => new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => { body += c.toString(); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    const open = await exposeMetrics(app.http, metrics, cfg({ PALISADE_METRICS_PORT: '0' }));
    try {
      expect(open.port).toEqual(expect.any(Number));
      const ok = await get(open.port!, '/metrics');
      expect(ok.status).toBe(200);
      expect(parse(ok.body).some((x) => x.name === 'palisade_jobs_queue_depth')).toBe(true);
      expect((await get(open.port!, '/v1/me')).status).toBe(404);
      expect((await get(open.port!, '/metrics', {}, 'POST')).status).toBe(404);
    } finally {
      await open.stop();
    }
    const guarded = await exposeMetrics(app.http, metrics, cfg({ PALISADE_METRICS_PORT: '0', PALISADE_METRICS_TOKEN: TOKEN }));
    try {
      expect((await get(guarded.port!, '/metrics')).status).toBe(401);
      expect((await get(guarded.port!, '/metrics', { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
      expect((await get(guarded.port!, '/metrics', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    } finally {
      await guarded.stop();
    }
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
    expect(bearerMatches('Bearer ', TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
  }, 180_000);

  it('AUD-5: a refused sign-in increments palisade_auth_failures_total, five lock the account (palisade_auth_lockouts_total); responses are counted by route pattern and status with their latency', async () => {
    const user = await createUser(app);
    const before = await scrape();
    const failures = () => value(before, 'palisade_auth_failures_total', { action: 'auth.sign_in' }) ?? 0;
    const lockouts = value(before, 'palisade_auth_lockouts_total', { factor: 'password' }) ?? 0;
    const route = { method: 'POST', route: '/v1/auth/sign-in', status: '401' };
    const r = await call(app, { none: true }, 'POST', '/v1/auth/sign-in', { email: user.email, password: 'not the password at all, no' });
    expect(r.status).toBe(401);
    await sealUntil(async () => (value(await scrape(), 'palisade_auth_failures_total', { action: 'auth.sign_in' }) ?? 0) === failures() + 1);
    const one = await scrape();
    expect(value(one, 'palisade_http_requests_total', route)).toBe((value(before, 'palisade_http_requests_total', route) ?? 0) + 1);
    expect(value(one, 'palisade_http_request_duration_seconds_count', { method: 'POST', route: '/v1/auth/sign-in' })).toBeGreaterThanOrEqual(1);
    expect(value(one, 'palisade_auth_lockouts_total', { factor: 'password' })).toBe(lockouts);
    for (let i = 0; i < 4; i++) await call(app, { none: true }, 'POST', '/v1/auth/sign-in', { email: user.email, password: 'not the password at all, no' });
    await sealUntil(async () => (value(await scrape(), 'palisade_auth_lockouts_total', { factor: 'password' }) ?? 0) === lockouts + 1);
    const after = await scrape();
    expect(value(after, 'palisade_auth_failures_total', { action: 'auth.sign_in' })).toBe(failures() + 5);
    // A successful sign-in is not a failure.
    const ok = await call(app, { none: true }, 'POST', '/v1/auth/sign-in', { email: (await createUser(app)).email, password: PASSWORD });
    expect(ok.status).toBe(200);
    await app.sealAudit();
    expect(value(await scrape(), 'palisade_auth_failures_total', { action: 'auth.sign_in' })).toBe(failures() + 5);
    // A path no route matches is one label, not one per URL.
    await app.http.inject({ method: 'GET', url: `/no/such/${user.userId}` });
    const unmatched = await scrape();
    expect(value(unmatched, 'palisade_http_requests_total', { method: 'GET', route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(unmatched.some((x) => x.labels.route?.includes(user.userId))).toBe(false);
  }, 180_000);

  it('BAK-2 IR-1: the seal lag, the job queue, the newest backup, the last drill and open incidents with the time left to their deadline are read at each scrape and move with events', async () => {
    // An audit record the sealer has not reached: hold the round lock so no round runs meanwhile.
    const owner = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
    try {
      await owner.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(${SEAL_LOCK_KEY})`;
        await withSystem(app.testDb.db, (t) => appendAudit(t, { orgId: PLATFORM_ORG, action: 'test.metrics', actor: { type: 'system', id: 'metrics' }, outcome: 'allowed', occurredAt: new Date(Date.now() - 120_000) }));
        const waiting = await scrape();
        expect(value(waiting, 'palisade_audit_unsealed_records')).toBeGreaterThanOrEqual(1);
        expect(value(waiting, 'palisade_audit_seal_lag_seconds')).toBeGreaterThanOrEqual(119);
      });
    } finally {
      await owner.end();
    }
    await app.sealAudit();
    const sealed = await scrape();
    expect(value(sealed, 'palisade_audit_unsealed_records')).toBe(0);
    expect(value(sealed, 'palisade_audit_seal_lag_seconds')).toBe(0);

    // No backup and no drill yet: the age is infinite and the drill not passed (their alerts fire).
    expect(value(sealed, 'palisade_backup_age_seconds')).toBe(Infinity);
    expect(value(sealed, 'palisade_backup_last_success_timestamp_seconds')).toBe(0);
    expect(value(sealed, 'palisade_backup_drill_last_success')).toBe(0);
    const takenAt = new Date(Date.now() - 30 * HOUR);
    await withSystem(app.testDb.db, async (tx) => {
      await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'backup.created', actor: { type: 'system', id: 'backup-schedule' }, outcome: 'allowed', target: { type: 'backup', id: 'bk_metrics' }, occurredAt: takenAt });
      await tx.sql`insert into backup_drills (id, backup_id, started_at, finished_at, ok, backup_age_hours, problems) values ('drl_metrics_1', 'bk_metrics', now() - interval '2 hours', now() - interval '2 hours', true, 28, '[]')`;
      await tx.sql`insert into backup_drills (id, backup_id, started_at, finished_at, ok, backup_age_hours, problems) values ('drl_metrics_2', 'bk_metrics', now() - interval '1 hour', now() - interval '1 hour', false, 29, '["stale"]')`;
    });
    const backed = await scrape();
    expect(value(backed, 'palisade_backup_last_success_timestamp_seconds')).toBeCloseTo(takenAt.getTime() / 1000, 0);
    expect(value(backed, 'palisade_backup_age_seconds')).toBeGreaterThanOrEqual(30 * 3600);
    expect(value(backed, 'palisade_backup_drill_last_success')).toBe(0); // the later drill failed
    await withSystem(app.testDb.db, (tx) => tx.sql`insert into backup_drills (id, backup_id, started_at, finished_at, ok, backup_age_hours, problems) values ('drl_metrics_3', 'bk_metrics', now(), now(), true, 30, '[]')`);
    expect(value(await scrape(), 'palisade_backup_drill_last_success')).toBe(1);

    // An incident: confirmed, it counts down; its clock's jobs wait on the queue; notified, it stops.
    const queued = value(backed, 'palisade_jobs_queue_depth', { state: 'scheduled' }) ?? 0;
    const confirmedAt = new Date(Date.now() - 10 * HOUR);
    const inc = await app.incidents.declare({
      nature: 'metrics test', dataCategories: ['names'], remediation: 'none needed', discoveredAt: new Date(confirmedAt.getTime() - HOUR), confirmedAt,
      window: { from: new Date(Date.now() - 2 * HOUR), to: new Date(Date.now() - HOUR) }, actions: ['test.nothing'],
    }, { actor: { type: 'system', id: 'metrics' } });
    const open = await scrape();
    expect(value(open, 'palisade_incidents_open', { state: 'confirmed' })).toBe(1);
    const left = value(open, 'palisade_incident_deadline_seconds', { incident: inc.id }) ?? NaN;
    expect(left).toBeLessThanOrEqual(62 * 3600);
    expect(left).toBeGreaterThan(61 * 3600);
    // Its clock's four jobs (24, 48, 66 and 72 h after confirmation) wait on the queue.
    expect(value(open, 'palisade_jobs_queue_depth', { state: 'scheduled' })).toBe(queued + 4);
    await app.incidents.notify(inc.id, { actor: { type: 'system', id: 'metrics' } });
    const done = await scrape();
    expect(value(done, 'palisade_incidents_open', { state: 'confirmed' })).toBe(0);
    expect(value(done, 'palisade_incidents_open', { state: 'notified' })).toBe(1);
    expect(value(done, 'palisade_incident_deadline_seconds', { incident: inc.id })).toBeUndefined();
  }, 180_000);
});
