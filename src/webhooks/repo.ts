/* Every SQL statement of the webhooks module. Inbox statements run on the platform path
   (SystemTx): a Stripe event arrives before anyone knows which organisation it concerns. */
import type { OrgTx, SystemTx } from '../db/index.js';

export type InboxOutcome = 'applied' | 'ignored' | 'unmatched' | 'stale';

/** Claims the event id. false: another transaction already recorded it (committed), so this
    delivery is a duplicate. An uncommitted claim by another node makes this wait for its end. */
export async function claimStripeEvent(tx: SystemTx, e: { id: string; type: string; created: Date; livemode: boolean; at: Date }): Promise<boolean> {
  const rows = await tx.sql`
    insert into stripe_inbox (event_id, event_type, event_created, livemode, outcome, processed_at)
    values (${e.id}, ${e.type}, ${e.created}, ${e.livemode}, 'ignored', ${e.at})
    on conflict (event_id) do nothing
    returning event_id`;
  return rows.length === 1;
}

export async function settleStripeEvent(tx: SystemTx, id: string, outcome: InboxOutcome, orgId: string | null): Promise<void> {
  await tx.sql`update stripe_inbox set outcome = ${outcome}, org_id = ${orgId} where event_id = ${id}`;
}

export async function orgExists(tx: SystemTx, orgId: string): Promise<boolean> {
  const rows = await tx.sql`select 1 from orgs where id = ${orgId}`;
  return rows.length === 1;
}

/** Has an event newer than `created` already set this organisation's plan? (Stripe does not
    promise delivery order.) */
export async function newerApplied(tx: SystemTx, orgId: string, created: Date): Promise<boolean> {
  const rows = await tx.sql`
    select 1 from stripe_inbox where org_id = ${orgId} and outcome = 'applied' and event_created > ${created} limit 1`;
  return rows.length === 1;
}

// ---- outbound endpoints and deliveries (OrgTx: RLS and an explicit org filter, two walls)

export interface EndpointRow {
  id: string;
  org_id: string;
  url: string;
  description: string;
  event_types: string[];
  secret: Buffer;
  previous_secret: Buffer | null;
  previous_until: Date | null;
  status: 'active' | 'disabled';
  disabled_reason: string | null;
  failure_streak: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function insertEndpoint(tx: OrgTx, e: { id: string; url: string; description: string; eventTypes: string[]; secret: Buffer; createdBy: string | null; at: Date }): Promise<EndpointRow> {
  const [row] = await tx.sql<EndpointRow[]>`
    insert into webhook_endpoints (id, org_id, url, description, event_types, secret, status, created_by, created_at, updated_at)
    values (${e.id}, ${tx.orgId}, ${e.url}, ${e.description}, ${e.eventTypes}, ${e.secret}, 'active', ${e.createdBy}, ${e.at}, ${e.at})
    returning *`;
  return row as EndpointRow;
}

export async function listEndpoints(tx: OrgTx): Promise<EndpointRow[]> {
  return tx.sql<EndpointRow[]>`select * from webhook_endpoints where org_id = ${tx.orgId} order by created_at, id`;
}

export async function getEndpoint(tx: OrgTx, id: string, lock = false): Promise<EndpointRow | null> {
  const rows = lock
    ? await tx.sql<EndpointRow[]>`select * from webhook_endpoints where org_id = ${tx.orgId} and id = ${id} for update`
    : await tx.sql<EndpointRow[]>`select * from webhook_endpoints where org_id = ${tx.orgId} and id = ${id}`;
  return rows[0] ?? null;
}

export async function updateEndpoint(tx: OrgTx, id: string, p: { url: string; description: string; eventTypes: string[]; status: 'active' | 'disabled'; disabledReason: string | null; failureStreak: number; at: Date }): Promise<EndpointRow | null> {
  const [row] = await tx.sql<EndpointRow[]>`
    update webhook_endpoints set url = ${p.url}, description = ${p.description}, event_types = ${p.eventTypes}, status = ${p.status},
      disabled_reason = ${p.disabledReason}, failure_streak = ${p.failureStreak}, updated_at = ${p.at}
    where org_id = ${tx.orgId} and id = ${id} returning *`;
  return row ?? null;
}

export async function rotateSecret(tx: OrgTx, id: string, secret: Buffer, previous: Buffer, previousUntil: Date, at: Date): Promise<void> {
  await tx.sql`update webhook_endpoints set secret = ${secret}, previous_secret = ${previous}, previous_until = ${previousUntil}, updated_at = ${at}
    where org_id = ${tx.orgId} and id = ${id}`;
}

export async function deleteEndpoint(tx: OrgTx, id: string): Promise<boolean> {
  const rows = await tx.sql`delete from webhook_endpoints where org_id = ${tx.orgId} and id = ${id} returning id`;
  return rows.length === 1;
}

export interface DeliveryRow {
  id: string;
  org_id: string;
  endpoint_id: string;
  event_type: string;
  payload: unknown;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** Adds a delivery; false when one for the same audit record and endpoint exists already. */
export async function insertDelivery(tx: OrgTx, d: { id: string; endpointId: string; eventType: string; payload: unknown; at: Date; sourceEventId?: string }): Promise<boolean> {
  const rows = await tx.sql`
    insert into webhook_deliveries (id, org_id, endpoint_id, event_type, payload, status, next_attempt_at, created_at, source_event_id)
    values (${d.id}, ${tx.orgId}, ${d.endpointId}, ${d.eventType}, ${tx.sql.json(d.payload as never)}, 'pending', ${d.at}, ${d.at}, ${d.sourceEventId ?? null})
    on conflict (org_id, endpoint_id, source_event_id) do nothing
    returning id`;
  return rows.length === 1;
}

/** Of these organisations, those with an active endpoint (the sealer's transaction, palisade_system). */
export async function orgsWithActiveEndpoints(tx: SystemTx, orgIds: readonly string[]): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await tx.sql<{ org_id: string }[]>`
    select distinct org_id from webhook_endpoints where status = 'active' and org_id = any(${orgIds as string[]})`;
  return rows.map((r) => r.org_id);
}

export async function getDelivery(tx: OrgTx, id: string, lock = false): Promise<DeliveryRow | null> {
  const rows = lock
    ? await tx.sql<DeliveryRow[]>`select * from webhook_deliveries where org_id = ${tx.orgId} and id = ${id} for update skip locked`
    : await tx.sql<DeliveryRow[]>`select * from webhook_deliveries where org_id = ${tx.orgId} and id = ${id}`;
  return rows[0] ?? null;
}

export async function listDeliveries(tx: OrgTx, endpointId: string, limit: number): Promise<DeliveryRow[]> {
  return tx.sql<DeliveryRow[]>`
    select * from webhook_deliveries where org_id = ${tx.orgId} and endpoint_id = ${endpointId} order by created_at desc, id limit ${limit}`;
}

export async function recordAttempt(tx: OrgTx, a: { deliveryId: string; attempt: number; at: Date; statusCode: number | null; error: string | null; durationMs: number }): Promise<void> {
  await tx.sql`
    insert into webhook_attempts (org_id, delivery_id, attempt, at, status_code, error, duration_ms)
    values (${tx.orgId}, ${a.deliveryId}, ${a.attempt}, ${a.at}, ${a.statusCode}, ${a.error}, ${a.durationMs})`;
}

export async function settleDelivery(tx: OrgTx, id: string, s: { status: 'pending' | 'succeeded' | 'failed'; attempts: number; nextAttemptAt: Date | null; lastStatus: number | null; lastError: string | null; finishedAt: Date | null }): Promise<void> {
  await tx.sql`
    update webhook_deliveries set status = ${s.status}, attempts = ${s.attempts}, next_attempt_at = ${s.nextAttemptAt},
      last_status = ${s.lastStatus}, last_error = ${s.lastError}, finished_at = ${s.finishedAt}
    where org_id = ${tx.orgId} and id = ${id}`;
}

export async function setFailureStreak(tx: OrgTx, endpointId: string, streak: number, disable: { reason: string } | null, at: Date): Promise<void> {
  if (disable) {
    await tx.sql`update webhook_endpoints set failure_streak = ${streak}, status = 'disabled', disabled_reason = ${disable.reason}, updated_at = ${at}
      where org_id = ${tx.orgId} and id = ${endpointId}`;
  } else {
    await tx.sql`update webhook_endpoints set failure_streak = ${streak} where org_id = ${tx.orgId} and id = ${endpointId}`;
  }
}

export interface AttemptRow { delivery_id: string; attempt: number; at: Date; status_code: number | null; error: string | null; duration_ms: number }

export async function attemptsOf(tx: OrgTx, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return tx.sql<AttemptRow[]>`
    select delivery_id, attempt, at, status_code, error, duration_ms from webhook_attempts
    where org_id = ${tx.orgId} and delivery_id = any (${deliveryIds}) order by delivery_id, attempt`;
}
