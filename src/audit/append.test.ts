import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withOrg, withSystem } from '../db/index.js';
import { appendAudit } from './append.js';
import type { OrgId } from '../lib/ids.js';

let t: TestDb;
const A = 'org_audit' as OrgId;
const actor = { type: 'user' as const, id: 'usr_1' };

beforeAll(async () => {
  t = await createTestDb();
  await withSystem(t.db, (tx) => tx.sql`insert into orgs (id, name) values (${A}, 'Audit Org')`);
});
afterAll(async () => { await t.drop(); });

describe('audit append', () => {
  it('AUD-2: records actor, time, source, action, target, outcome and reason', async () => {
    const id = await withOrg(t.db, A, actor, (tx) =>
      appendAudit(tx, {
        action: 'members.read', actor, outcome: 'allowed', target: { type: 'org', id: A },
        source: { ip: '203.0.113.9', userAgent: 'curl/8', requestId: 'req_1' }, reason: 'quarterly review', metadata: { n: 1 },
      }),
    );
    const [row] = await withOrg(t.db, A, actor, (tx) => tx.sql`select * from audit_events where id = ${id}`);
    expect(row).toMatchObject({
      org_id: A, actor_type: 'user', actor_id: 'usr_1', action: 'members.read', target_type: 'org', target_id: A,
      outcome: 'allowed', source_ip: '203.0.113.9', user_agent: 'curl/8', request_id: 'req_1', reason: 'quarterly review', metadata: { n: 1 },
    });
    expect(row?.occurred_at).toBeInstanceOf(Date);
  });

  it('AUD-1: the app role cannot UPDATE or DELETE audit rows', async () => {
    const id = await withOrg(t.db, A, actor, (tx) => appendAudit(tx, { action: 'x.y', actor, outcome: 'allowed' }));
    await expect(withOrg(t.db, A, actor, (tx) => tx.sql`update audit_events set action = 'forged' where id = ${id}`)).rejects.toThrow();
    await expect(withOrg(t.db, A, actor, (tx) => tx.sql`delete from audit_events where id = ${id}`)).rejects.toThrow();
    await expect(withSystem(t.db, (tx) => tx.sql`delete from audit_events where id = ${id}`)).rejects.toThrow();
    await expect(withSystem(t.db, (tx) => tx.sql`update audit_events set reason = 'x' where id = ${id}`)).rejects.toThrow(/permission denied/);
    // Second wall: even the owner, who holds every grant, is stopped by the trigger.
    await expect(asSuperuser(t.ownerUrl, (sql) => sql`update audit_events set reason = 'x' where id = ${id}`)).rejects.toThrow(/append-only/);
    await expect(asSuperuser(t.ownerUrl, (sql) => sql`delete from audit_events where id = ${id}`)).rejects.toThrow(/append-only/);
    await expect(withSystem(t.db, (tx) => tx.sql`truncate audit_events`)).rejects.toThrow();
    const [row] = await withSystem(t.db, (tx) => tx.sql<{ action: string }[]>`select action from audit_events where id = ${id}`);
    expect(row?.action).toBe('x.y');
  });

  it('AUD-1: an audit record commits or rolls back with its change', async () => {
    let auditId = '';
    await expect(
      withOrg(t.db, A, actor, async (tx) => {
        await tx.sql`update orgs set name = 'Renamed' where id = ${A}`;
        auditId = await appendAudit(tx, { action: 'org.rename', actor, outcome: 'allowed' });
        throw new Error('boom after the write');
      }),
    ).rejects.toThrow('boom');
    const rows = await withSystem(t.db, (tx) => tx.sql`select 1 from audit_events where id = ${auditId}`);
    expect(rows).toHaveLength(0);
    const [org] = await withSystem(t.db, (tx) => tx.sql<{ name: string }[]>`select name from orgs where id = ${A}`);
    expect(org?.name).toBe('Audit Org');
  });

  it('refuses oversized or malformed records rather than storing them', async () => {
    await expect(withOrg(t.db, A, actor, (tx) => appendAudit(tx, { action: 'Bad Action!', actor, outcome: 'allowed' }))).rejects.toThrow();
    await expect(withOrg(t.db, A, actor, (tx) => appendAudit(tx, { action: 'a.b', actor, outcome: 'allowed', metadata: { big: 'x'.repeat(20000) } }))).rejects.toThrow();
  });
});
