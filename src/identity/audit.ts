/* Auth events go to the platform log and, for a user who belongs to organisations, to each of
   those organisations' logs as well, so an org admin sees its members' sign-ins and lockouts
   (AUTH-12). Written in the caller's transaction: the record commits with the change. */
import { appendAudit, PLATFORM_ORG, type AuditEventInput } from '../audit/index.js';
import type { SystemTx } from '../db/index.js';
import * as repo from './repo.js';

export async function auditAuthEvent(tx: SystemTx, userId: string | null, e: Omit<AuditEventInput, 'orgId'>): Promise<void> {
  await appendAudit(tx, { ...e, orgId: PLATFORM_ORG });
  if (!userId) return;
  for (const orgId of await repo.orgIdsOfUser(tx, userId)) await appendAudit(tx, { ...e, orgId });
}
