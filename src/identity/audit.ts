/* Auth events go to the platform log and, for a user who belongs to organisations, to each of
   those organisations' logs as well, so an org admin sees its members' sign-ins and lockouts
   (AUTH-12). Written in the caller's transaction: the record commits with the change.
   A caller that already read the user's organisations (sign-in reads them with the user, in its
   first statement) passes them, and the fan-out costs no lookup of its own. */
import type { PendingQuery, Row, Sql } from 'postgres';
import { appendAudit, PLATFORM_ORG, type AuditEventInput } from '../audit/index.js';
import type { SystemTx } from '../db/index.js';
import * as repo from './repo.js';

export type AuthEvent = Omit<AuditEventInput, 'orgId'>;

export async function auditAuthEvent(tx: SystemTx, userId: string | null, e: AuthEvent, orgIds?: readonly string[]): Promise<void> {
  await appendAudit(tx, { ...e, orgId: PLATFORM_ORG });
  if (!userId) return;
  for (const orgId of orgIds ?? (await repo.orgIdsOfUser(tx, userId))) await appendAudit(tx, { ...e, orgId });
}

/** The same records as statements not yet run, for a change made by one statement that embeds
    them (repo.commitSignIn): appendAudit builds each INSERT and hands it to `enqueue`, which
    here keeps it instead of sending it. Nothing is written unless the caller runs them. */
export async function authAuditStatements(sql: Sql, orgIds: readonly string[], events: readonly AuthEvent[]): Promise<PendingQuery<Row[]>[]> {
  const held: PendingQuery<Row[]>[] = [];
  const tx: SystemTx = { sql, system: true, enqueue: (q) => void held.push(q) };
  for (const e of events) {
    await appendAudit(tx, { ...e, orgId: PLATFORM_ORG });
    for (const orgId of orgIds) await appendAudit(tx, { ...e, orgId });
  }
  // One INSERT per record, or the caller's statement would not hold them all.
  if (held.length !== events.length * (1 + orgIds.length)) throw new TypeError('appendAudit did not hand over one statement per record');
  return held;
}
