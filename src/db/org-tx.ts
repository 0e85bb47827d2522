/* Tenant context is a transaction (docs/architecture.md, decision 1). withOrg sets palisade.org_id and the
   actor with set_config(..., true) — local to this transaction, so a pooled connection never
   carries one organisation's context into another's request — and runs as palisade_app under
   FORCE ROW LEVEL SECURITY. Repo functions still filter on org_id: two walls. Claims TEN-1, TEN-2.

   Round trips (issue 6, measured in bench/README.md): on this kind of machine a request's cost is
   dominated by socket writes and wake-ups, one per statement awaited in turn. So a transaction
   is run on a reserved connection and its statements are pipelined where order alone keeps
   them correct:
   - BEGIN and set_config are sent with the transaction's first statement, in one write. This is
     safe without waiting for them: statements on one connection run in order, and if either
     failed the transaction is aborted and every later statement fails with it — nothing can
     run outside the context (and RLS shows nothing without one).
   - Statements whose result nobody reads (the audit append) can be enqueued(): they are sent at
     once, and COMMIT follows them in the same write. PostgreSQL turns a COMMIT after a failed
     statement into ROLLBACK, and the runner then throws that statement's error: an enqueued
     write can never be lost while the transaction reports success.
   - readInOrg() sends BEGIN, the context, one read and COMMIT in a single write.

   Check and act in one transaction (issue 11.5, docs/authorization.md): a request's handler runs
   under the guard its authorization installed (runGuarded). Every withOrg transaction of that
   organisation opens by calling the guard, which decides again inside the transaction, under a
   per-organisation advisory lock that changes of authorization facts take exclusively: so no
   change can commit between the decision and the action it allows. */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PendingQuery, Row, Sql } from 'postgres';
import type { Actor, Db, OrgTx, SystemTx } from './types.js';
import type { OrgId } from '../lib/ids.js';

type Reserved = Sql & { release(): void };

function assertOrg(orgId: OrgId): void {
  if (typeof orgId !== 'string' || orgId.length === 0) throw new TypeError('withOrg needs an org id');
}

const actorText = (actor: Actor): string => `${actor.type}:${actor.id ?? ''}`;

function orgContext(sql: Sql, orgId: OrgId, actor: Actor): PendingQuery<Row[]> {
  return sql`select set_config('palisade.org_id', ${orgId}, true), set_config('palisade.actor', ${actorText(actor)}, true)`;
}

function systemContext(sql: Sql): PendingQuery<Row[]> {
  return sql`select set_config('palisade.actor', 'system:', true)`;
}

/** Marks a promise that will be awaited later as handled now; awaiting it still throws. */
function handledLater<P extends Promise<unknown>>(p: P): P {
  p.catch(() => undefined);
  return p;
}

/** Runs fn in a transaction on a connection reserved from `pool`, pipelined as described above. */
async function run<T>(
  pool: Sql,
  context: (sql: Sql) => PendingQuery<Row[]>,
  fn: (sql: Sql, enqueue: (q: PendingQuery<Row[]>) => void) => Promise<T>,
): Promise<T> {
  const sql = (await pool.reserve()) as unknown as Reserved;
  const enqueued: Promise<unknown>[] = [];
  let enqueuedError: { error: unknown } | null = null;
  const enqueue = (q: PendingQuery<Row[]>): void => {
    enqueued.push(
      q.execute().then(
        () => undefined,
        (error: unknown) => {
          enqueuedError ??= { error };
        },
      ),
    );
  };
  // Not awaited on their own: they go out in the same write as fn's first statement. Awaited
  // only after fn, so handled from the start: a promise that rejects while nobody listens is an
  // unhandled rejection, and Node ends the process for one (issue 20: one bad request did).
  const setup = handledLater(Promise.all([sql`begin`.simple().execute(), context(sql).execute()]));
  try {
    let result: T;
    try {
      result = await fn(sql, enqueue);
      await setup;
    } catch (e) {
      await Promise.allSettled([setup, ...enqueued]);
      // ROLLBACK cannot fail on a live connection; on a dead one postgres.js drops it.
      await sql`rollback`.simple().catch(() => undefined);
      throw enqueuedError ? (enqueuedError as { error: unknown }).error : e;
    }
    // COMMIT is sent now, in the same write as any enqueued statement still unsent.
    const commit = handledLater(sql`commit`.simple().execute());
    await Promise.all(enqueued);
    await commit;
    if (enqueuedError) throw (enqueuedError as { error: unknown }).error;
    return result;
  } finally {
    sql.release();
  }
}

/** What a request's authorization asks of every transaction its handler opens in `orgId`:
    `check` runs first in the transaction and throws to refuse the whole transaction. */
export interface TxGuard {
  orgId: string;
  check(tx: OrgTx): Promise<void>;
}

/** `held`: set inside a guarded transaction's body, for the organisation it holds the facts lock
    of. A transaction nested in it (same organisation, same async chain) is covered by that lock
    and does not ask for it again: a second shared request could queue behind a waiting change
    while the outer transaction waits for the nested one — a hang no database sees. */
const guards = new AsyncLocalStorage<{ guard: TxGuard | null; held?: string }>();

/** Runs fn (a request's handler) with the guard applying to its withOrg transactions. */
export function runGuarded<T>(guard: TxGuard | null, fn: () => T): T {
  return guards.run({ guard }, fn);
}

/** Runs fn with no guard (a guard's own bookkeeping, e.g. auditing its refusal). */
export function unguarded<T>(fn: () => T): T {
  return guards.run({ guard: null }, fn);
}

export async function withOrg<T>(db: Db, orgId: OrgId, actor: Actor, fn: (tx: OrgTx) => Promise<T>): Promise<T> {
  assertOrg(orgId);
  const store = guards.getStore();
  const guard = store?.guard && store.guard.orgId === orgId && store.held !== orgId ? store.guard : null;
  return run(db.app, (sql) => orgContext(sql, orgId, actor), async (sql, enqueue) => {
    const tx: OrgTx = { sql, orgId, actor, enqueue };
    if (!guard) return fn(tx);
    await guard.check(tx);
    return guards.run({ guard, held: orgId }, () => fn(tx));
  });
}

/** The per-organisation lock between authorization decisions and changes of the facts they
    rest on: a guarded transaction holds it shared from its first statement to its end; a
    change of roles, memberships, toggles or the plan holds it exclusively. */
export async function lockAuthzFacts(tx: { sql: Sql }, orgId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = `palisade.authz:${orgId}`;
  if (mode === 'shared') await tx.sql`select pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`;
  else await tx.sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

export async function withSystem<T>(db: Db, fn: (tx: SystemTx) => Promise<T>): Promise<T> {
  return run(db.system, systemContext, (sql, enqueue) => fn({ sql, system: true, enqueue }));
}

/** One read in the organisation's context, in one round trip: BEGIN, the context, the read and
    COMMIT are written together (the read's result does not depend on the COMMIT). */
export async function readInOrg<R extends Row>(db: Db, orgId: OrgId, actor: Actor, read: (sql: Sql) => PendingQuery<R[]>): Promise<R[]> {
  assertOrg(orgId);
  const sql = (await db.app.reserve()) as unknown as Reserved;
  try {
    // allSettled: the connection goes back to the pool only once all four have answered (a
    // failed statement turns the COMMIT into a ROLLBACK).
    const [begin, context, rows, commit] = await Promise.allSettled([
      sql`begin`.simple().execute(),
      orgContext(sql, orgId, actor).execute(),
      read(sql).execute(),
      sql`commit`.simple().execute(),
    ]);
    for (const r of [begin, context, rows, commit]) if (r.status === 'rejected') throw r.reason;
    return (rows as PromiseFulfilledResult<R[]>).value;
  } finally {
    sql.release();
  }
}
