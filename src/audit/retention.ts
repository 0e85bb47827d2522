/* Audit retention: delete records older than AUDIT_RETENTION_DAYS (default 1095, three years),
   and nothing else. Claims AUD-4, AUD-3.

   Invariants:
   - It runs as palisade_retention, the only role the audit trigger lets delete, and the trigger
     (migration 0005) lets it delete only records that are sealed below their tree's horizon.
   - Deletion is a prefix of each tree: the horizon is the first leaf whose record is not yet
     past retention, so a record is deleted only when it and every record sealed before it are
     old. (Records are sealed in transaction order, so occurred_at is nearly monotone; a
     straggler only waits for its neighbours.) Each batch raises the horizon and deletes below
     it in one transaction.
   - Leaf hashes, subtree hashes and checkpoints are never deleted, so proofs for the remaining
     records and `palisade audit verify` keep working; verify accepts a missing record only below
     the horizon and past the retention period.
   - The cutoff is judged by the database's clock unless a test passes `now`: `palisade audit
     verify` judges "past retention" by the clock of the machine that runs it, which in
     production agrees with the database's, while an application clock moved years ahead (a
     test of a 30-day deadline) would otherwise delete records that verify, by the real clock,
     reports as deleted outside retention. */
import type { Sql } from 'postgres';
import * as repo from './repo.js';

export interface RetentionOptions {
  /** A connection as palisade_retention. */
  sql: Sql;
  retentionDays: number;
  /** The time retention is judged at; the database's `now()` when absent. */
  now?: Date;
  /** Leaves handled per transaction. */
  batch?: number;
}

export interface RetentionResult {
  deleted: number;
  orgs: { orgId: string; deleted: number; prunedBelow: number }[];
}

export async function runAuditRetention(opts: RetentionOptions): Promise<RetentionResult> {
  if (!Number.isInteger(opts.retentionDays) || opts.retentionDays < 1) throw new TypeError('retentionDays must be a positive integer');
  const now = opts.now ?? (await repo.databaseNow(opts.sql));
  const cutoff = new Date(now.getTime() - opts.retentionDays * 86_400_000);
  const batch = opts.batch ?? 10_000;
  const trees = await repo.retentionTrees(opts.sql);
  const out: RetentionResult = { deleted: 0, orgs: [] };
  for (const t of trees) {
    let below = Number(t.pruned_below);
    const size = Number(t.size);
    // First leaf not yet past retention (or the tree's end).
    const horizon = (await repo.firstLeafNotPast(opts.sql, t.org_id, below, cutoff)) ?? size;
    let deleted = 0;
    while (below < horizon) {
      const upTo = Math.min(horizon, below + batch);
      const from = below;
      const n = await opts.sql.begin((tx) => repo.pruneBelow(tx, t.org_id, from, upTo, cutoff));
      deleted += n;
      below = upTo;
    }
    out.deleted += deleted;
    out.orgs.push({ orgId: t.org_id, deleted, prunedBelow: Math.max(below, Number(t.pruned_below)) });
  }
  return out;
}
