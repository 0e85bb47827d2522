/* The pipelined transaction runner (org-tx.ts): statements sent without waiting must keep every
   guarantee an awaited transaction gives — context before the first statement, an enqueued
   write committed with the change or not at all, nothing left behind on a pooled connection. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { readInOrg, withOrg, withSystem } from './index.js';
import type { OrgId } from '../lib/ids.js';

let t: TestDb;
const A = 'org_txaa' as OrgId;
const B = 'org_txbb' as OrgId;
const actor = { type: 'user' as const, id: 'usr_tx' };

const insertEvent = (sql: TestDb['db']['app'], id: string, org: string, outcome = 'allowed') =>
  sql`insert into audit_events (id, org_id, occurred_at, actor_type, action, outcome) values (${id}, ${org}, now(), 'system', 'test.tx', ${outcome})`;

async function eventIds(): Promise<string[]> {
  const rows = await withSystem(t.db, (tx) => tx.sql<{ id: string }[]>`select id from audit_events where action = 'test.tx' order by id`);
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  t = await createTestDb();
  await withSystem(t.db, (tx) => tx.sql`insert into orgs (id, name) values (${A}, 'Alpha'), (${B}, 'Beta')`);
});
afterAll(async () => {
  await t.drop();
});

describe('pipelined org transactions', () => {
  it('TEN-2: the first statement already runs in the org context and as the actor, and the context ends with the transaction', async () => {
    const [row] = await withOrg(t.db, A, actor, (tx) =>
      tx.sql<{ org: string; actor: string }[]>`select current_setting('palisade.org_id', true) as org, current_setting('palisade.actor', true) as actor`,
    );
    expect(row).toEqual({ org: A, actor: 'user:usr_tx' });
    // Every pooled connection afterwards carries no context (set_config(..., true) is local).
    const after = await Promise.all(Array.from({ length: 20 }, () => t.db.app<{ org: string | null }[]>`select nullif(current_setting('palisade.org_id', true), '') as org`));
    expect(after.every(([r]) => r?.org === null)).toBe(true);
  });

  it('AUD-1: an enqueued write commits with the change and later statements of the transaction see it', async () => {
    const seen = await withOrg(t.db, A, actor, async (tx) => {
      tx.enqueue!(insertEvent(tx.sql, 'evt_tx_ok', A));
      const [r] = await tx.sql<{ n: number }[]>`select count(*)::int as n from audit_events where id = 'evt_tx_ok'`;
      return r?.n;
    });
    expect(seen).toBe(1);
    expect(await eventIds()).toContain('evt_tx_ok');
  });

  it('AUD-1: an enqueued write that fails rolls the whole transaction back and its error is the one thrown', async () => {
    await expect(
      withOrg(t.db, A, actor, async (tx) => {
        await tx.sql`update orgs set name = 'Renamed' where id = ${A}`;
        tx.enqueue!(insertEvent(tx.sql, 'evt_tx_bad', A, 'not-an-outcome'));
        return 'done';
      }),
    ).rejects.toThrow(/outcome|check constraint|invalid input/);
    const [org] = await withOrg(t.db, A, actor, (tx) => tx.sql<{ name: string }[]>`select name from orgs where id = ${A}`);
    expect(org?.name).toBe('Alpha');
    expect(await eventIds()).not.toContain('evt_tx_bad');
  });

  it('AUD-1: an enqueued write that fails is reported even when a later statement of the transaction failed because of it', async () => {
    await expect(
      withOrg(t.db, A, actor, async (tx) => {
        tx.enqueue!(insertEvent(tx.sql, 'evt_tx_bad2', A, 'not-an-outcome'));
        await tx.sql`select 1`; // fails with "current transaction is aborted"
      }),
    ).rejects.toThrow(/outcome|check constraint|invalid input/);
  });

  it('AUD-1: when the change fails after an enqueued write, neither commits', async () => {
    await expect(
      withOrg(t.db, A, actor, async (tx) => {
        tx.enqueue!(insertEvent(tx.sql, 'evt_tx_rolled', A));
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await eventIds()).not.toContain('evt_tx_rolled');
  });

  it('TEN-2: an enqueued write into another organisation is refused by RLS and fails the transaction', async () => {
    await expect(
      withOrg(t.db, A, actor, async (tx) => {
        tx.enqueue!(insertEvent(tx.sql, 'evt_tx_cross', B));
      }),
    ).rejects.toThrow(/row-level security/);
    expect(await eventIds()).not.toContain('evt_tx_cross');
  });

  it('TEN-2: readInOrg reads in the context in one round trip, sees only its organisation, and leaves no transaction open', async () => {
    const rows = await readInOrg(t.db, A, actor, (sql) => sql<{ id: string }[]>`select id from orgs`);
    expect(rows.map((r) => r.id)).toEqual([A]);
    await expect(readInOrg(t.db, A, actor, (sql) => sql`select 1/0`)).rejects.toThrow(/division by zero/);
    // Many failing and succeeding calls at once: the pool (10 connections) is neither leaked
    // nor left inside a transaction.
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? readInOrg(t.db, B, actor, (sql) => sql`select 1/0`) : readInOrg(t.db, B, actor, (sql) => sql<{ id: string }[]>`select id from orgs`))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    // No connection of the pool is left inside a transaction block.
    const stuck = await withSystem(t.db, (tx) => tx.sql<{ state: string; query: string }[]>`
      select state, query from pg_stat_activity where usename = 'palisade_app' and datname = current_database() and state like 'idle in transaction%'`);
    expect(stuck).toEqual([]);
  });

  describe('a parameter that cannot be serialised (issue 20)', () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    beforeAll(() => {
      process.on('unhandledRejection', onUnhandled);
    });
    afterAll(() => {
      process.off('unhandledRejection', onUnhandled);
    });

    it('VAL-1: an invalid Date in the first, pipelined statement fails that transaction with a database error, twice in a row, and the pool keeps working', async () => {
      // The same statement twice: the second time postgres.js has it prepared and serialises the
      // parameter while writing BEGIN, the context and the statement in one batch. A throwing
      // serializer there rejected BEGIN instead and left the statement waiting forever; the
      // rejected setup promise had no listener yet, and the process ended.
      for (let i = 0; i < 3; i++) {
        const failed = await withOrg(t.db, A, actor, (tx) => tx.sql`select ${new Date('x')}::timestamptz as t`).then(
          () => null,
          (e: unknown) => e as { code?: string },
        );
        expect(failed?.code).toBe('22007');
      }
      const failedJson = await withOrg(t.db, A, actor, (tx) => tx.sql`select ${tx.sql.json({ n: 1n } as never)}::jsonb as j`).then(
        () => null,
        (e: unknown) => e as { code?: string },
      );
      expect(failedJson?.code).toBe('22P02');
      // Every pooled connection still answers its own statements.
      const rows = await Promise.all(Array.from({ length: 10 }, (_, i) => withOrg(t.db, A, actor, (tx) => tx.sql<{ n: number }[]>`select ${i}::int as n`)));
      expect(rows.map(([r]) => r?.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      await new Promise((r) => setImmediate(r));
      expect(unhandled).toEqual([]);
    });
  });
});
