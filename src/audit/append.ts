/* The audit record commits with the change (docs/architecture.md, decision 3): appendAudit writes inside the
   caller's transaction, so a rolled-back mutation leaves no record and a committed one cannot
   lack its record — an enqueued append that fails fails the transaction. Rows are append-only (trigger in migration 0001). Claims AUD-1, AUD-2. */
import { newId } from '../lib/ids.js';
import type { Actor, RequestSource } from '../lib/caller.js';
import type { OrgTx, SystemTx } from '../db/types.js';
import * as repo from './repo.js';

export type { RequestSource } from '../lib/caller.js';

export interface AuditEventInput {
  /** Required with a SystemTx ('platform' for events tied to no organisation); ignored with an OrgTx. */
  orgId?: string;
  action: string;
  actor: Actor;
  target?: { type: string; id: string };
  outcome: 'allowed' | 'denied' | 'failed';
  denyLayer?: string;
  source?: RequestSource | undefined;
  reason?: string;
  metadata?: Record<string, unknown>;
  occurredAt?: Date;
}

export const PLATFORM_ORG = 'platform';
const MAX_REASON = 500;
const MAX_UA = 512;

export async function appendAudit(tx: OrgTx | SystemTx, e: AuditEventInput): Promise<string> {
  const orgId = 'orgId' in tx ? tx.orgId : e.orgId;
  if (!orgId) throw new TypeError('appendAudit on the system path needs an orgId');
  const id = newId('evt');
  const occurredAt = e.occurredAt ?? new Date();
  const insert = repo.insertEvent(tx, {
    id, orgId, occurredAt, actorType: e.actor.type, actorId: e.actor.id, action: e.action,
    targetType: e.target?.type ?? null, targetId: e.target?.id ?? null, outcome: e.outcome, denyLayer: e.denyLayer ?? null,
    sourceIp: e.source?.ip ?? null, userAgent: e.source?.userAgent?.slice(0, MAX_UA) ?? null, requestId: e.source?.requestId ?? null,
    reason: e.reason?.slice(0, MAX_REASON) ?? null, metadata: e.metadata ?? {},
  });
  // Enqueued: sent now, committed with the change or not at all (org-tx.ts), without a round
  // trip of its own. Later statements of the transaction still see the row.
  if (tx.enqueue) tx.enqueue(insert);
  else await insert;
  return id;
}
