/* IR-1 over HTTP: the operator's routes (platform super-admins only) and what an affected
   organisation reads (GET /v1/org/incidents) and receives (mail, and the incident.notice webhook
   event through the real outbound machinery to a receiver on loopback, its signature checked with
   the `standardwebhooks` package). Attacks: organisation admins, viewers and API keys driving the
   operator's routes; another organisation reading the incident (HTTP and the database role);
   hostile input. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { declareBody, HOUR, incidentWorld, plantRecord } from '../../test/fixtures/incidents.js';
import { call, createKey, type Credential, type Session } from '../../test/security/harness.js';

const ROOT = `root-incidents-${Date.now()}@example.test`;
let app: TestApp;
let root: Session;
let adminA: Session;
let viewerA: Session;
let adminB: Session;
let orgA: OrgId;
let orgB: OrgId;
let keyA: string;
let secretA = '';
let receiver: Server;
let port = 0;
const hits: Array<{ headers: IncomingHttpHeaders; body: string; path: string }> = [];

const record = (orgId: OrgId, action: string) => plantRecord(app, orgId, action);
const incidentRows = async () => asSuperuser(app.testDb.ownerUrl, (sql) => sql`select * from incidents order by id`);
const pending = async (type: string) => asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ org_id: string; id: string }[]>`
  select org_id, id from webhook_deliveries where status = 'pending' and event_type = ${type} order by created_at`);

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => { hits.push({ headers: req.headers, body, path: req.url ?? '' }); res.writeHead(200).end('ok'); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  port = (receiver.address() as AddressInfo).port;
  app = await buildTestApp({ env: { PALISADE_JOBS_WORKER: 'false', PALISADE_SUPER_ADMINS: ROOT, PALISADE_OUTBOUND_ALLOW: '127.0.0.1' } });
  ({ root, admin: adminA, viewer: viewerA, org: orgA, bystander: adminB, bystanderOrg: orgB } = await incidentWorld(app, ROOT, { org: 'Breached Ltd', bystander: 'Bystander Ltd' }));
  keyA = (await createKey(app, adminA, { name: 'ops', scopes: ['incidents:read', 'audit:read'] })).key;
  for (const [s, path] of [[adminA, '/a'], [adminB, '/b']] as const) {
    const r = await call(app, { session: s }, 'POST', '/v1/org/webhooks', { url: `http://127.0.0.1:${port}${path}`, eventTypes: ['incident.notice'] });
    expect(r.status, r.text).toBe(201);
    if (s === adminA) secretA = String(r.body.secret);
  }
  await record(orgA, 'test.leaked');
  await record(orgA, 'test.leaked');
  await record(orgB, 'test.unrelated');
}, 120_000);

afterAll(async () => {
  await app?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

describe('incident routes', () => {
  it('IR-1: only a platform super-admin declares, lists, reads, confirms, updates, notifies, records the regulator and closes; an organisation admin, a viewer and an API key get 403 (no credentials 401) and nothing changes', async () => {
    const made = await call(app, { session: root }, 'POST', '/v1/platform/incidents', declareBody());
    expect(made.status, made.text).toBe(201);
    const id = String(made.body.id);
    const before = await incidentRows();
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/v1/platform/incidents'],
      ['POST', '/v1/platform/incidents', declareBody()],
      ['GET', `/v1/platform/incidents/${id}`],
      ['POST', `/v1/platform/incidents/${id}/confirm`, {}],
      ['PATCH', `/v1/platform/incidents/${id}`, { remediation: 'nothing to see' }],
      ['POST', `/v1/platform/incidents/${id}/notify`, {}],
      ['POST', `/v1/platform/incidents/${id}/regulator`, { regulator: 'a regulator' }],
      ['POST', `/v1/platform/incidents/${id}/close`, { closure: 'hidden' }],
    ];
    const callers: Array<[Credential, number]> = [[{ session: adminA }, 403], [{ session: viewerA }, 403], [{ session: adminB }, 403], [{ key: keyA }, 403], [{ none: true }, 401]];
    for (const [c, expected] of callers) {
      for (const [method, url, body] of routes) {
        const r = await call(app, c, method, url, body);
        expect(r.status, `${method} ${url}: ${r.text}`).toBe(expected);
        expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(r.text).not.toContain('unsecured bucket');
      }
    }
    expect(await incidentRows()).toEqual(before);
    const platformLog = await asSuperuser(app.testDb.ownerUrl, (sql) => sql`select action from audit_events where target_id = ${id} and action like 'incident.%'`);
    expect(platformLog.map((r) => r.action)).toEqual(['incident.declared']);
  }, 120_000);

  it('IR-1: suspected → confirmed → updated → notified (mail and a signed incident.notice webhook) → regulator → closed; the affected organisation reads only its own facts, the bystander nothing, and a closed incident changes no more', async () => {
    const made = await call(app, { session: root }, 'POST', '/v1/platform/incidents', declareBody());
    expect(made.status, made.text).toBe(201);
    const id = String(made.body.id);
    expect(made.body).toMatchObject({ status: 'suspected', confirmedAt: null, deadlineAt: null, affected: [{ orgId: orgA, records: 2, notifiedAt: null }] });
    const orgList = async (c: Credential) => call(app, c, 'GET', '/v1/org/incidents');
    // A suspected incident is the operator's alone.
    expect((await orgList({ session: adminA })).body.items).toEqual([]);

    const confirmedAt = new Date(Date.now() - HOUR).toISOString();
    const conf = await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/confirm`, { confirmedAt });
    expect(conf.status, conf.text).toBe(200);
    expect(conf.body).toMatchObject({ status: 'confirmed', confirmedAt, deadlineAt: new Date(Date.parse(confirmedAt) + 72 * HOUR).toISOString() });
    expect((await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/confirm`, {})).body).toMatchObject({ status: 409, code: 'incident_transition' });

    const seen = await orgList({ session: adminA });
    expect(seen.status, seen.text).toBe(200);
    const mine = (seen.body.items as Array<Record<string, unknown>>).find((i) => i.id === id);
    expect(Object.keys(mine ?? {}).sort()).toEqual(['cause', 'closedAt', 'confirmedAt', 'dataCategories', 'deadlineAt', 'discoveredAt', 'id', 'nature', 'notice', 'records', 'remediation', 'status', 'updatedAt']);
    expect(mine).toMatchObject({ status: 'confirmed', records: 2, nature: declareBody().nature, dataCategories: ['names', 'email addresses'], notice: null });
    // Another organisation sees none of it — over HTTP, and as the request path's database role.
    expect((await orgList({ session: adminB })).body.items).toEqual([]);
    expect(await withOrg(app.testDb.db, orgB, { type: 'system', id: 'attack' }, (tx) => tx.sql`select id, nature from incidents`)).toEqual([]);
    expect(await withOrg(app.testDb.db, orgB, { type: 'system', id: 'attack' }, (tx) => tx.sql`select * from incident_orgs`)).toEqual([]);
    await expect(withOrg(app.testDb.db, orgA, { type: 'system', id: 'attack' }, (tx) => tx.sql`select actions, subjects, window_from, created_by from incidents`)).rejects.toThrow(/permission denied/);
    // A viewer may not; an API key holding incidents:read may.
    expect((await orgList({ session: viewerA })).status).toBe(403);
    expect(((await orgList({ key: keyA })).body.items as unknown[]).length).toBeGreaterThan(0);

    const upd = await call(app, { session: root }, 'PATCH', `/v1/platform/incidents/${id}`, { remediation: 'the bucket was closed, the export deleted and the keys rotated' });
    expect(upd.status, upd.text).toBe(200);
    expect((await orgList({ session: adminA })).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, remediation: 'the bucket was closed, the export deleted and the keys rotated' })]));
    // A confirmed breach does not close before its notices went out.
    expect((await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/close`, { closure: 'done' })).body).toMatchObject({ status: 409, code: 'incident_transition' });

    const sent = await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/notify`, {});
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toMatchObject({ status: 'notified', affected: [{ orgId: orgA, records: 2 }] });
    const mail = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ body: string }[]>`select body from mail_outbox where recipient = ${adminA.email} and subject like ${`%${id}%`}`);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain('Records concerned (your organisation): 2');
    expect(mail[0]!.body).toContain('Remediation: the bucket was closed, the export deleted and the keys rotated');
    // The webhook: one delivery, to A's endpoint only, through the real delivery job.
    const due = await pending('incident.notice');
    expect(due.map((d) => d.org_id)).toEqual([orgA]);
    for (const d of due) await app.webhooks.outbound.attempt({ orgId: d.org_id, deliveryId: d.id });
    expect(hits.map((h) => h.path)).toEqual(['/a']);
    const hit = hits[0]!;
    const event = new Webhook(secretA).verify(hit.body, { 'webhook-id': String(hit.headers['webhook-id']), 'webhook-timestamp': String(hit.headers['webhook-timestamp']), 'webhook-signature': String(hit.headers['webhook-signature']) }) as { type: string; data: Record<string, unknown> };
    expect(event.type).toBe('incident.notice');
    expect(event.data).toMatchObject({ id, nature: declareBody().nature, dataCategories: ['names', 'email addresses'], records: 2, remediation: 'the bucket was closed, the export deleted and the keys rotated' });
    expect(hit.body).not.toContain(orgB);
    const after = (await orgList({ session: adminA })).body.items as Array<Record<string, unknown>>;
    expect(after.find((i) => i.id === id)).toMatchObject({ status: 'notified', notice: { recipients: 1 } });

    const reg = await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/regulator`, { regulator: 'the ICO, ref 4711' });
    expect(reg.body).toMatchObject({ regulator: 'the ICO, ref 4711' });
    expect(reg.body.regulatorNotifiedAt).toEqual(expect.any(String));
    const closed = await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/close`, { closure: 'contained; no further exposure' });
    expect(closed.body).toMatchObject({ status: 'closed', closure: 'contained; no further exposure' });
    for (const [m, u, b] of [['PATCH', `/v1/platform/incidents/${id}`, { nature: 'rewritten' }], ['POST', `/v1/platform/incidents/${id}/notify`, {}], ['POST', `/v1/platform/incidents/${id}/close`, { closure: 'again' }]] as const) {
      const r = await call(app, { session: root }, m, u, b);
      expect(r.body, `${m} ${u}`).toMatchObject({ status: 409, code: 'incident_transition' });
    }
    const orgLog = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ action: string }[]>`select action from audit_events where org_id = ${orgA} and target_id = ${id} order by seq`);
    expect(orgLog.map((r) => r.action)).toEqual(['incident.confirmed', 'incident.updated', 'incident.notice_sent', 'incident.closed']);
    expect(await asSuperuser(app.testDb.ownerUrl, (sql) => sql`select 1 from audit_events where org_id = ${orgB} and target_id = ${id}`)).toHaveLength(0);
    const listed = await call(app, { session: root }, 'GET', '/v1/platform/incidents');
    expect((listed.body.items as Array<{ id: string }>).map((i) => i.id)).toContain(id);
  }, 120_000);

  it('IR-1: hostile input to the operator routes answers problem+json 400/404/409 with a listed code, never 5xx, and records nothing', async () => {
    const before = (await incidentRows()).length;
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/v1/platform/incidents', declareBody({ window: { from: new Date().toISOString(), to: new Date(Date.now() - HOUR).toISOString() } }), 400, 'validation_failed'],
      ['POST', '/v1/platform/incidents', declareBody({ actions: [], subjects: [] }), 400, 'validation_failed'],
      ['POST', '/v1/platform/incidents', declareBody({ confirmedAt: new Date(Date.now() + 10 * HOUR).toISOString() }), 400, 'validation_failed'],
      ['POST', '/v1/platform/incidents', declareBody({ confirmedAt: new Date(Date.now() - 30 * HOUR).toISOString() }), 400, 'validation_failed'],
      ['POST', '/v1/platform/incidents', declareBody({ nature: 'nul \u0000 byte' }), 400, 'invalid_text'],
      ['POST', '/v1/platform/incidents', declareBody({ nature: 'x'.repeat(2001) }), 400, 'validation_failed'],
      ['POST', '/v1/platform/incidents', declareBody({ dataCategories: [] }), 400, 'validation_failed'],
      ['POST', '/v1/platform/incidents', declareBody({ discoveredAt: 'yesterday' }), 400, 'validation_failed'],
      ['POST', '/v1/platform/incidents', declareBody({ actions: ["x' or 1=1 --"] }), 400, 'validation_failed'],
      ['POST', '/v1/platform/incidents', { ...declareBody(), orgId: orgB }, 400, 'validation_failed'],
      ['GET', '/v1/platform/incidents/inc_nope', undefined, 400, 'validation_failed'],
      ['GET', `/v1/platform/incidents/inc_${'a'.repeat(26)}`, undefined, 404, 'not_found'],
      ['POST', `/v1/platform/incidents/inc_${'a'.repeat(26)}/notify`, {}, 404, 'not_found'],
      ['POST', `/v1/platform/incidents/inc_${'a'.repeat(26)}/close`, { closure: '   ' }, 400, 'validation_failed'],
    ];
    for (const [method, url, body, status, code] of cases) {
      const r = await call(app, { session: root }, method, url, body);
      expect(r.status, `${method} ${url} ${String(JSON.stringify(body)).slice(0, 80)}: ${r.text}`).toBe(status);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.body.code).toBe(code);
    }
    expect((await incidentRows()).length).toBe(before);
    // A suspected incident is neither notified nor given a regulator before it is confirmed.
    const made = await call(app, { session: root }, 'POST', '/v1/platform/incidents', declareBody());
    for (const [u, b] of [[`/v1/platform/incidents/${String(made.body.id)}/notify`, {}], [`/v1/platform/incidents/${String(made.body.id)}/regulator`, { regulator: 'x' }]] as const) {
      expect((await call(app, { session: root }, 'POST', u, b)).body).toMatchObject({ status: 409, code: 'incident_transition' });
    }
  }, 120_000);
});
