/* Outbound webhooks with the real app, real PostgreSQL and real receivers on loopback (allowed
   through the SSRF guard by the operator allow-list). Every signature is checked with the
   `standardwebhooks` package, not with our code. Delivery attempts are run as the job queue runs
   them (one call of the `webhooks.deliver` handler per due job). Claim WH-4. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { call, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { backoffMs, sign, subscribed } from './outbound.js';

interface Hit { headers: IncomingHttpHeaders; body: string }
let app: TestApp;
let admin: Session;
let orgId: string;
let otherAdmin: Session;
let receiver: Server;
let port = 0;
const hits: Hit[] = [];
let answers: number[] = [];
const mails: string[] = [];

async function pendingDeliveries(): Promise<Array<{ org_id: string; id: string }>> {
  return asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ org_id: string; id: string }[]>`select org_id, id from webhook_deliveries where status = 'pending' order by created_at`);
}

/** Runs every pending delivery once: the `webhooks.deliver` handler, called as the job queue calls
    it, so a test can step through retries one at a time (the worker is off in this file; the
    queue itself is exercised by the test "deliveries run through the job queue"). */
async function runDeliveries(): Promise<number> {
  const due = await pendingDeliveries();
  for (const d of due) await app.webhooks.outbound.attempt({ orgId: d.org_id, deliveryId: d.id });
  return due.length;
}

async function createEndpoint(s: Session, eventTypes: string[] = ['audit.*'], path = '/hook') {
  const r = await call(app, { session: s }, 'POST', '/v1/org/webhooks', { url: `http://127.0.0.1:${port}${path}`, eventTypes });
  expect(r.status, r.text).toBe(201);
  return r.body as { endpoint: { id: string }; secret: string };
}

const deliveryCount = async (): Promise<number> =>
  (await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ n: number }[]>`select count(*)::int as n from webhook_deliveries where event_type = 'audit.org.updated'`))[0]?.n ?? 0;

/** Runs the pending audit → delivery bridge jobs (`webhooks.audit_events`, enqueued in each seal
    round) as the queue would run them, and takes them off the queue; the queue itself runs them in
    bridge.test.ts. */
async function runBridge(): Promise<void> {
  const jobs = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ id: string; payload: unknown }[]>`
    select j.id::text, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'webhooks.audit_events' and j.locked_at is null order by j.id`);
  for (const j of jobs) await app.webhooks.outbound.bridge(j.payload);
  if (jobs.length) await asSuperuser(app.testDb.ownerUrl, (sql) => sql`delete from graphile_worker._private_jobs where id = any(${jobs.map((j) => j.id)}::bigint[])`);
}

/** Renames the organisation (an org.updated audit record) and waits until the sealer has handed
    it to the webhooks (the background sealer may be the one sealing it: wait for the effect). */
async function auditSomething(s: Session, name: string): Promise<void> {
  const before = await deliveryCount();
  expect((await call(app, { session: s }, 'PATCH', '/v1/org', { name })).status).toBe(200);
  for (let i = 0; i < 400 && (await deliveryCount()) === before; i++) {
    await app.sealAudit();
    await runBridge();
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(await deliveryCount()).toBeGreaterThan(before);
}

const verifyWith = (secret: string, h: Hit) => new Webhook(secret).verify(h.body, {
  'webhook-id': String(h.headers['webhook-id']), 'webhook-timestamp': String(h.headers['webhook-timestamp']), 'webhook-signature': String(h.headers['webhook-signature']),
});

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  port = (receiver.address() as AddressInfo).port;
  app = await buildTestApp({
    env: { PALISADE_JOBS_WORKER: 'false', PALISADE_OUTBOUND_ALLOW: '127.0.0.1', PALISADE_WEBHOOK_MAX_ATTEMPTS: '3', PALISADE_WEBHOOK_DISABLE_AFTER: '2', PALISADE_WEBHOOK_RETRY_BASE_SECONDS: '30' },
    mailConsole: (t) => mails.push(t),
  });
  admin = await signIn(app, await createUser(app));
  orgId = await createOrg(app, admin, 'Hooks Co');
  otherAdmin = await signIn(app, await createUser(app));
  await createOrg(app, otherAdmin, 'Other Hooks Co');
}, 120_000);
afterAll(async () => {
  await app?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});
beforeEach(async () => {
  hits.length = 0;
  answers = [];
  await runDeliveries(); // nothing left over from an earlier test
  hits.length = 0;
  // Start each test with no endpoints.
  await asSuperuser(app.testDb.ownerUrl, (sql) => sql`delete from webhook_endpoints`);
});

describe('outbound webhooks', () => {
  it('WH-4: an audit record reaches the endpoint signed in the Standard Webhooks format, verified by the standardwebhooks package', async () => {
    const { endpoint, secret } = await createEndpoint(admin);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await auditSomething(admin, 'Hooks Co renamed');
    expect(await runDeliveries()).toBeGreaterThanOrEqual(1);
    const hit = hits.find((h) => h.body.includes('org.updated'));
    expect(hit, JSON.stringify(hits.map((h) => h.body))).toBeDefined();
    const payload = verifyWith(secret, hit!) as { type: string; data: { action: string; target: { id: string } } };
    expect(payload.type).toBe('audit.org.updated');
    expect(payload.data.target.id).toBe(orgId);
    expect(String(hit!.headers['webhook-id'])).toMatch(/^msg_/);
    // A wrong secret or an altered body does not verify.
    expect(() => verifyWith(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, hit!)).toThrow();
    expect(() => verifyWith(secret, { ...hit!, body: hit!.body.replace('org.updated', 'org.deleted') })).toThrow();
    // The delivery log shows it.
    const log = await call(app, { session: admin }, 'GET', `/v1/org/webhooks/${endpoint.id}/deliveries`);
    expect(log.status).toBe(200);
    const items = log.body.items as Array<{ status: string; attempts: number; log: Array<{ statusCode: number }> }>;
    expect(items.some((d) => d.status === 'succeeded' && d.attempts === 1 && d.log[0]?.statusCode === 200)).toBe(true);
  });

  it('WH-4: the secret is shown once and stored only encrypted; no read returns it', async () => {
    const { endpoint, secret } = await createEndpoint(admin);
    for (const path of ['/v1/org/webhooks', `/v1/org/webhooks/${endpoint.id}`]) {
      const r = await call(app, { session: admin }, 'GET', path);
      expect(r.status).toBe(200);
      expect(r.text).not.toContain(secret);
      expect(r.text).not.toContain('whsec_');
    }
    const raw = secret.slice('whsec_'.length);
    const dump = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ t: string }[]>`select row_to_json(e)::text as t from webhook_endpoints e where id = ${endpoint.id}`);
    expect(dump[0]?.t).not.toContain(raw);
    expect(dump[0]?.t).not.toContain(Buffer.from(secret).toString('hex'));
  });

  it('WH-4: a rotation sends both signatures during the overlap, each verifying on its own; afterwards only the new one', async () => {
    const { endpoint, secret: oldSecret } = await createEndpoint(admin);
    const rot = await call(app, { session: admin }, 'POST', `/v1/org/webhooks/${endpoint.id}/rotate-secret`, { overlapSeconds: 3600 });
    expect(rot.status, rot.text).toBe(200);
    const newSecret = String((rot.body as { secret: string }).secret);
    expect(newSecret).not.toBe(oldSecret);
    await auditSomething(admin, 'Rotation Co');
    await runDeliveries();
    const hit = hits.find((h) => h.body.includes('org.updated'))!;
    expect(String(hit.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyWith(oldSecret, hit)).toBeTruthy();
    expect(verifyWith(newSecret, hit)).toBeTruthy();
    // A rotation with no overlap: only the newest secret signs.
    const rot2 = await call(app, { session: admin }, 'POST', `/v1/org/webhooks/${endpoint.id}/rotate-secret`, { overlapSeconds: 0 });
    const newest = String((rot2.body as { secret: string }).secret);
    hits.length = 0;
    await auditSomething(admin, 'Rotation Co 2');
    await runDeliveries();
    const hit2 = hits.find((h) => h.body.includes('org.updated'))!;
    expect(String(hit2.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifyWith(newest, hit2)).toBeTruthy();
    expect(() => verifyWith(newSecret, hit2)).toThrow();
  });

  it('WH-4: a failing receiver is retried with exponential backoff and jitter, each attempt logged, same webhook-id each time', async () => {
    const { endpoint } = await createEndpoint(admin, ['audit.org.updated']);
    answers = [500, 503, 200];
    await auditSomething(admin, 'Retry Co');
    type D = { id: string; eventType: string; status: string; attempts: number; nextAttemptAt: string | null; log: Array<{ statusCode: number; at: string }> };
    const delivery = async (): Promise<D> => {
      const r = await call(app, { session: admin }, 'GET', `/v1/org/webhooks/${endpoint.id}/deliveries`);
      const items = r.body.items as D[];
      expect(items).toHaveLength(1);
      return items[0]!;
    };
    await runDeliveries();
    const first = await delivery();
    expect(first).toMatchObject({ status: 'pending', attempts: 1 });
    // The first retry waits at least half the 30 s base (full jitter); the second at least half of 60 s.
    expect(new Date(first.nextAttemptAt!).getTime() - new Date(first.log[0]!.at).getTime()).toBeGreaterThanOrEqual(15_000);
    await runDeliveries();
    const second = await delivery();
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    expect(new Date(second.nextAttemptAt!).getTime() - new Date(second.log[1]!.at).getTime()).toBeGreaterThanOrEqual(30_000);
    await runDeliveries();
    const third = await delivery();
    expect(third).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(third.log.map((a) => a.statusCode)).toEqual([500, 503, 200]);
    const ids = new Set(hits.map((h) => h.headers['webhook-id']));
    expect(ids).toEqual(new Set([third.id]));
  });

  it('WH-4: deliveries and their retries run through the job queue', async () => {
    const { endpoint, secret } = await createEndpoint(admin, ['audit.org.updated']);
    answers = [502];
    await auditSomething(admin, 'Queue Co');
    expect((await app.jobs.pending('webhooks.deliver')).length).toBeGreaterThanOrEqual(1);
    await app.jobs.drain(); // the first attempt (due now) fails with 502 and queues a retry
    await app.jobs.drain({ dueBy: new Date(Date.now() + 24 * 3600 * 1000) }); // the retry, brought forward
    const r = await call(app, { session: admin }, 'GET', `/v1/org/webhooks/${endpoint.id}/deliveries`);
    const [d] = r.body.items as Array<{ id: string; status: string; attempts: number }>;
    expect(d).toMatchObject({ status: 'succeeded', attempts: 2 });
    const mine = hits.filter((h) => h.headers['webhook-id'] === d!.id);
    expect(mine).toHaveLength(2);
    expect(verifyWith(secret, mine[1]!)).toBeTruthy();
  });

  it('WH-4: backoff doubles per attempt with full jitter, capped', () => {
    expect(backoffMs(1, 30_000, 3_600_000, () => 0)).toBe(15_000);
    expect(backoffMs(1, 30_000, 3_600_000, () => 0.999999)).toBeLessThanOrEqual(30_000);
    expect(backoffMs(4, 30_000, 3_600_000, () => 0)).toBe(120_000);
    expect(backoffMs(30, 30_000, 3_600_000, () => 0.999999)).toBeLessThanOrEqual(3_600_000);
    const spread = new Set(Array.from({ length: 20 }, () => backoffMs(3, 30_000, 3_600_000)));
    expect(spread.size).toBeGreaterThan(1);
  });

  it('WH-4: after persistent failure the endpoint is disabled, audited and the admins are alerted; manual redelivery resends the same message once re-enabled', async () => {
    const { endpoint } = await createEndpoint(admin);
    answers = Array(20).fill(500);
    mails.length = 0;
    await auditSomething(admin, 'Failing Co 1');
    await auditSomething(admin, 'Failing Co 2');
    for (let i = 0; i < 6; i++) await runDeliveries();
    const ep = await call(app, { session: admin }, 'GET', `/v1/org/webhooks/${endpoint.id}`);
    expect(ep.body).toMatchObject({ status: 'disabled', failureStreak: 2 });
    const audits = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ action: string }[]>`
      select action from audit_events where org_id = ${orgId} and target_id = ${endpoint.id} and action in ('webhook.delivery_failed', 'webhook.endpoint_disabled')`);
    expect(audits.filter((a) => a.action === 'webhook.endpoint_disabled')).toHaveLength(1);
    expect(mails.some((m) => m.includes('webhook endpoint') && m.includes(endpoint.id))).toBe(true);
    // Disabled: new events are not queued for it, and redelivery is refused until re-enabled.
    const log = await call(app, { session: admin }, 'GET', `/v1/org/webhooks/${endpoint.id}/deliveries`);
    const failed = (log.body.items as Array<{ id: string; status: string }>).find((d) => d.status === 'failed')!;
    const refused = await call(app, { session: admin }, 'POST', `/v1/org/webhooks/${endpoint.id}/deliveries/${failed.id}/redeliver`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('webhook_endpoint_disabled');
    expect((await call(app, { session: admin }, 'PATCH', `/v1/org/webhooks/${endpoint.id}`, { status: 'active' })).body).toMatchObject({ status: 'active', failureStreak: 0 });
    answers = [];
    hits.length = 0;
    const again = await call(app, { session: admin }, 'POST', `/v1/org/webhooks/${endpoint.id}/deliveries/${failed.id}/redeliver`);
    expect(again.status, again.text).toBe(202);
    await runDeliveries();
    expect(hits.filter((h) => h.headers['webhook-id'] === failed.id)).toHaveLength(1);
  });

  it('WH-4: an anomaly alert is delivered as alert.raised', async () => {
    const { secret } = await createEndpoint(admin, ['alert.raised']);
    await app.webhooks.onAlert(orgId, { id: 'alr_test', detector: 'denied_burst', severity: 'high', summary: 'Many refused requests', raisedAt: new Date().toISOString() });
    await runDeliveries();
    const hit = hits.find((h) => h.body.includes('alert.raised'))!;
    expect((verifyWith(secret, hit) as { data: { detector: string } }).data.detector).toBe('denied_burst');
  });

  it('WH-4: endpoint URLs at internal addresses are refused (422 outbound_blocked)', async () => {
    for (const url of ['http://169.254.169.254/latest', 'http://[::ffff:127.0.0.1]/x', 'http://10.0.0.8/hook', 'http://127.0.0.2:8080/x', 'file:///etc/passwd', 'http://user:pw@127.0.0.1/x']) {
      const r = await call(app, { session: admin }, 'POST', '/v1/org/webhooks', { url, eventTypes: ['*'] });
      expect(r.status, url).toBe(422);
      expect(r.body.code).toBe('outbound_blocked');
    }
    const { endpoint } = await createEndpoint(admin);
    const patched = await call(app, { session: admin }, 'PATCH', `/v1/org/webhooks/${endpoint.id}`, { url: 'http://169.254.169.254/' });
    expect(patched.status).toBe(422);
  });

  it('WH-4: another organisation cannot see, change or redeliver an endpoint (404 as for a missing one)', async () => {
    const { endpoint } = await createEndpoint(admin);
    for (const [m, p, b] of [
      ['GET', `/v1/org/webhooks/${endpoint.id}`, undefined], ['PATCH', `/v1/org/webhooks/${endpoint.id}`, { status: 'disabled' }],
      ['DELETE', `/v1/org/webhooks/${endpoint.id}`, undefined], ['POST', `/v1/org/webhooks/${endpoint.id}/rotate-secret`, {}],
      ['GET', `/v1/org/webhooks/${endpoint.id}/deliveries`, undefined],
    ] as const) {
      const r = await call(app, { session: otherAdmin }, m, p, b);
      expect(r.status, `${m} ${p}`).toBe(404);
    }
    expect((await call(app, { session: otherAdmin }, 'GET', '/v1/org/webhooks')).body).toEqual({ items: [] });
    expect((await call(app, { session: admin }, 'GET', `/v1/org/webhooks/${endpoint.id}`)).body).toMatchObject({ status: 'active' });
  });

  it('matches event types exactly, by family, or all; our signature equals the reference algorithm', () => {
    expect(subscribed(['audit.*'], 'audit.org.updated')).toBe(true);
    expect(subscribed(['audit.org.updated'], 'audit.org.updated')).toBe(true);
    expect(subscribed(['alert.raised'], 'audit.org.updated')).toBe(false);
    expect(subscribed(['*'], 'alert.raised')).toBe(true);
    const secret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const ts = Math.floor(Date.now() / 1000);
    const sig = sign(secret, 'msg_x', ts, '{"a":1}');
    expect(new Webhook(secret).verify('{"a":1}', { 'webhook-id': 'msg_x', 'webhook-timestamp': String(ts), 'webhook-signature': sig })).toEqual({ a: 1 });
  });
});
