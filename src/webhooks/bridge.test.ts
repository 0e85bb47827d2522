/* The audit → delivery bridge is durable (WH-4, issue 16): a seal round enqueues a
   `webhooks.audit_events` job in its own transaction; the job turns the sealed records into
   deliveries in one transaction of its own. A failure there (injected in the database: the
   delivery table refuses one record's delivery) rolls the whole job back, the queue retries it,
   and once the fault is gone every record is delivered exactly once; running the job again (as a
   node killed after its commit would) adds nothing. Real app, real PostgreSQL, the real queue
   (drain), a real receiver on loopback; signatures checked by the standardwebhooks package. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { call, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';

let app: TestApp;
let admin: Session;
let orgId: string;
let receiver: Server;
const hits: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  app = await buildTestApp({ env: { PALISADE_JOBS_WORKER: 'false', PALISADE_OUTBOUND_ALLOW: '127.0.0.1' } });
  admin = await signIn(app, await createUser(app));
  orgId = await createOrg(app, admin, 'Bridge Co');
}, 120_000);
afterAll(async () => {
  await app?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

/** The bridge's task, by the name docs/webhooks.md gives it (BRIDGE_TASK in outbound.ts). */
const BRIDGE_TASK = 'webhooks.audit_events';

const deliveriesOf = (ids: string[]) => asSuperuser(app.testDb.ownerUrl, (sql) =>
  sql<{ source_event_id: string; n: number }[]>`select source_event_id, count(*)::int as n from webhook_deliveries where source_event_id = any(${ids}) group by source_event_id order by source_event_id`);

describe('audit → webhook bridge', () => {
  it('WH-4: a failure after a seal round loses nothing and doubles nothing: the bridge job commits with the round, is retried, and a second run adds no delivery', async () => {
    const port = (receiver.address() as AddressInfo).port;
    const ep = await call(app, { session: admin }, 'POST', '/v1/org/webhooks', { url: `http://127.0.0.1:${port}/hook`, eventTypes: ['audit.org.updated'] });
    expect(ep.status, ep.text).toBe(201);
    const secret = String(ep.body.secret);
    await app.sealAudit();
    await app.jobs.drain();
    hits.length = 0;

    for (const name of ['Bridge Co 1', 'Bridge Co 2', 'Bridge Co 3']) {
      expect((await call(app, { session: admin }, 'PATCH', '/v1/org', { name })).status).toBe(200);
    }
    const ids = (await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ id: string }[]>`
      select id from audit_events where org_id = ${orgId} and action = 'org.updated' order by tx_id, seq`)).map((r) => r.id);
    expect(ids).toHaveLength(3);
    // The fault: the database refuses the delivery of the second record (the job fails midway).
    await asSuperuser(app.testDb.ownerUrl, (sql) => sql.unsafe(`alter table webhook_deliveries add constraint bridge_fault check (source_event_id is distinct from '${ids[1]}') not valid`));
    try {
      // The sealer (this call, or the background loop) commits the round and its bridge job together.
      for (let i = 0; i < 200 && (await app.jobs.pending(BRIDGE_TASK)).length === 0; i++) {
        await app.sealAudit();
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await app.jobs.pending(BRIDGE_TASK)).toHaveLength(1);
      await app.jobs.drain();
      const [failed] = await app.jobs.pending(BRIDGE_TASK);
      expect(failed?.attempts).toBe(1);
      expect(failed?.lastError).toContain('bridge_fault');
      expect(await deliveriesOf(ids)).toEqual([]); // nothing half-done: the first record's delivery rolled back too
      expect(hits).toHaveLength(0);
    } finally {
      await asSuperuser(app.testDb.ownerUrl, (sql) => sql`alter table webhook_deliveries drop constraint if exists bridge_fault`);
    }

    // The fault is gone: the retry (brought forward past its backoff) delivers each record once.
    await app.jobs.drain({ dueBy: new Date(Date.now() + 3_600_000) });
    expect(await app.jobs.pending(BRIDGE_TASK)).toEqual([]);
    expect(await deliveriesOf(ids)).toEqual(ids.map((id) => ({ source_event_id: id, n: 1 })).sort((a, b) => a.source_event_id.localeCompare(b.source_event_id)));
    const received = hits.map((h) => new Webhook(secret).verify(h.body, {
      'webhook-id': String(h.headers['webhook-id']), 'webhook-timestamp': String(h.headers['webhook-timestamp']), 'webhook-signature': String(h.headers['webhook-signature']),
    }) as { type: string; data: { id: string } });
    expect(received.map((r) => r.data.id).sort()).toEqual([...ids].sort());
    expect(received.every((r) => r.type === 'audit.org.updated')).toBe(true);

    // The same job again (a node killed after the job's commit, before the queue marked it done).
    await app.jobs.add(BRIDGE_TASK, { orgId, eventIds: ids });
    await app.jobs.drain();
    expect(await deliveriesOf(ids)).toEqual(ids.map((id) => ({ source_event_id: id, n: 1 })).sort((a, b) => a.source_event_id.localeCompare(b.source_event_id)));
    expect(hits).toHaveLength(3);
  });

  it('WH-4: a seal round enqueues bridge jobs only for organisations with an active endpoint, naming records by id only', async () => {
    const other = await signIn(app, await createUser(app));
    const quiet = await createOrg(app, other, 'No Hooks Co');
    expect((await call(app, { session: other }, 'PATCH', '/v1/org', { name: 'No Hooks Co 2' })).status).toBe(200);
    expect((await call(app, { session: admin }, 'PATCH', '/v1/org', { name: 'Bridge Co 4' })).status).toBe(200);
    const [last] = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ id: string }[]>`
      select id from audit_events where org_id = ${orgId} and action = 'org.updated' order by tx_id desc, seq desc limit 1`);
    await app.sealAudit();
    const payloads = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ payload: { orgId: string; eventIds: string[] } }[]>`
      select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = ${BRIDGE_TASK}`);
    expect(payloads.filter((p) => p.payload.orgId === quiet)).toEqual([]);
    expect(payloads.some((p) => p.payload.orgId === orgId && p.payload.eventIds.includes(last!.id))).toBe(true);
    for (const p of payloads) expect(Object.keys(p.payload).sort()).toEqual(['eventIds', 'orgId']);
    await app.jobs.drain();
  });
});
