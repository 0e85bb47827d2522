import type { PendingQuery, Row, Sql } from 'postgres';
import type { Actor } from '../lib/caller.js';
import type { OrgId } from '../lib/ids.js';

export type { Actor } from '../lib/caller.js';

/** A transaction bound to one organisation: RLS shows it only that organisation's rows. */
export interface OrgTx {
  readonly sql: Sql;
  readonly orgId: OrgId;
  readonly actor: Actor;
  /** Sends a statement whose result nobody reads (an audit append) without waiting for it; the
      transaction commits only if it succeeded (see org-tx.ts). Absent on transactions not made
      by withOrg/withSystem: then await the statement. */
  readonly enqueue?: (q: PendingQuery<Row[]>) => void;
}

/** A transaction on the platform path (bypasses RLS): jobs and cross-organisation lookups. */
export interface SystemTx {
  readonly sql: Sql;
  readonly system: true;
  /** As OrgTx.enqueue. */
  readonly enqueue?: (q: PendingQuery<Row[]>) => void;
}

export interface Db {
  /** Request path, as palisade_app (RLS enforced). Use only through withOrg(). */
  readonly app: Sql;
  /** Platform path, as palisade_system. Use only through withSystem(). */
  readonly system: Sql;
  /** The platform path's connection string: the job runner (graphile-worker, on node-postgres)
      opens its own small pool with it. */
  readonly systemUrl?: string | undefined;
  /** As palisade_retention: the only role that may delete audit records, and only past retention. */
  readonly retention?: Sql | undefined;
  close(): Promise<void>;
}
