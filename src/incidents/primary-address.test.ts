/* IR-1: an incident notice goes to the affected organisation's primary address as well as to its
   admins. The primary address is the organisation's security contact (settings.securityContactEmail),
   set by an admin through PATCH /v1/org (docs/incidents.md). Real parts: Palisade sends through
   SMTP_URL to an smtp-server on loopback, which records every envelope. Attacks: CR/LF and header
   text in the address, a display name, a list of addresses, a viewer setting it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgId } from '../lib/ids.js';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { startSmtpSink, type Mail, type SmtpSink } from '../../test/fixtures/smtp.js';
import { declareBody, incidentWorld, plantRecord } from '../../test/fixtures/incidents.js';
import { call, type Session } from '../../test/security/harness.js';

const ROOT = `root-primary-${Date.now()}@example.test`;
const CONTACT = 'security@breached.example.test';
let smtp: SmtpSink;
/** The messages received since the last `received.length = 0`. */
let received: Mail[] = [];
let app: TestApp;
let root: Session;
let admin: Session;
let viewer: Session;
let org: OrgId;
let bystander: Session;

const record = (orgId: OrgId) => plantRecord(app, orgId, 'test.leaked_primary');

beforeAll(async () => {
  smtp = await startSmtpSink();
  received = smtp.messages;
  app = await buildTestApp({ env: { PALISADE_JOBS_WORKER: 'false', PALISADE_SUPER_ADMINS: ROOT, SMTP_URL: smtp.url } });
  ({ root, admin, viewer, org, bystander } = await incidentWorld(app, ROOT, { org: 'Breached Primary Ltd', bystander: 'Bystander Primary Ltd' }));
  await record(org);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe('incident notices to the primary address', () => {
  it('IR-1: the primary address is set by an admin through PATCH /v1/org; a hostile or malformed address is refused with a problem, a viewer is refused, and null removes it', async () => {
    const hostile = [
      `${CONTACT}\r\nBcc: thief@evil.example`,
      `${CONTACT}\nX-Injected: 1`,
      `Security <${CONTACT}>`,
      `${CONTACT}, thief@evil.example`,
      'not an address',
      `${'a'.repeat(250)}@example.test`,
    ];
    for (const value of hostile) {
      const r = await call(app, { session: admin }, 'PATCH', '/v1/org', { settings: { securityContactEmail: value } });
      expect(r.status, `${JSON.stringify(value)}: ${r.text}`).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(typeof r.body.code).toBe('string');
    }
    const denied = await call(app, { session: viewer }, 'PATCH', '/v1/org', { settings: { securityContactEmail: 'viewer@evil.example' } });
    expect(denied.status).toBe(403);
    expect((await call(app, { session: admin }, 'GET', '/v1/org')).body.settings).not.toHaveProperty('securityContactEmail');

    const set = await call(app, { session: admin }, 'PATCH', '/v1/org', { settings: { securityContactEmail: 'old@breached.example.test' } });
    expect(set.status, set.text).toBe(200);
    expect(set.body.settings).toMatchObject({ securityContactEmail: 'old@breached.example.test' });
    const removed = await call(app, { session: admin }, 'PATCH', '/v1/org', { settings: { securityContactEmail: null } });
    expect(removed.body.settings).not.toHaveProperty('securityContactEmail');
    const again = await call(app, { session: admin }, 'PATCH', '/v1/org', { settings: { securityContactEmail: `  ${CONTACT} ` } });
    expect(again.body.settings).toMatchObject({ securityContactEmail: CONTACT });
    // The change is in the organisation's audit log.
    const log = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ metadata: { settings?: Record<string, unknown> } }[]>`
      select metadata from audit_events where org_id = ${org} and action = 'org.updated' order by occurred_at`);
    expect(log.map((r) => r.metadata.settings?.securityContactEmail)).toEqual(['old@breached.example.test', null, CONTACT]);
  });

  it('IR-1: a notice goes to the admins and to the primary address, each once, over SMTP; the bystander\'s address gets nothing, and the notice record counts the primary address', async () => {
    // The bystander set a primary address too: it must receive nothing.
    expect((await call(app, { session: bystander }, 'PATCH', '/v1/org', { settings: { securityContactEmail: 'security@bystander.example.test' } })).status).toBe(200);
    const made = await call(app, { session: root }, 'POST', '/v1/platform/incidents', declareBody({ actions: ['test.leaked_primary'] }));
    expect(made.status, made.text).toBe(201);
    const id = String(made.body.id);
    expect(made.body).toMatchObject({ affected: [{ orgId: org, records: 1 }] });
    expect((await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/confirm`, {})).status).toBe(200);
    received.length = 0;
    const sent = await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/notify`, {});
    expect(sent.status, sent.text).toBe(200);

    const notices = received.filter((m) => (m.subject + m.text).includes(id));
    const rcpts = notices.flatMap((m) => m.rcpt).sort();
    expect(rcpts).toEqual([admin.email, CONTACT].sort());
    const toContact = notices.find((m) => m.rcpt.includes(CONTACT));
    expect(toContact?.text).toContain('Records concerned (your organisation): 1');
    expect(toContact?.text).toContain('Nature of the breach: A support tool exported member lists to an unsecured bucket');
    expect(received.flatMap((m) => m.rcpt)).not.toContain('security@bystander.example.test');

    const orgRecord = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ metadata: { recipients: number; primaryAddress: boolean } }[]>`
      select metadata from audit_events where org_id = ${org} and action = 'incident.notice_sent' and target_id = ${id}`);
    expect(orgRecord).toHaveLength(1);
    expect(orgRecord[0]!.metadata).toMatchObject({ recipients: 2, primaryAddress: true });
    const mine = await call(app, { session: admin }, 'GET', '/v1/org/incidents');
    expect((mine.body.items as Array<{ id: string; notice: { recipients: number } | null }>).find((i) => i.id === id)?.notice?.recipients).toBe(2);
  });

  it('IR-1: a primary address that is also an admin\'s address gets the notice once', async () => {
    expect((await call(app, { session: admin }, 'PATCH', '/v1/org', { settings: { securityContactEmail: admin.email.toUpperCase() } })).status).toBe(200);
    await record(org);
    const made = await call(app, { session: root }, 'POST', '/v1/platform/incidents', declareBody({ nature: 'Second incident', actions: ['test.leaked_primary'] }));
    const id = String(made.body.id);
    await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/confirm`, {});
    received.length = 0;
    expect((await call(app, { session: root }, 'POST', `/v1/platform/incidents/${id}/notify`, {})).status).toBe(200);
    const rcpts = received.filter((m) => (m.subject + m.text).includes(id)).flatMap((m) => m.rcpt.map((r) => r.toLowerCase()));
    expect(rcpts).toEqual([admin.email.toLowerCase()]);
  });
});
