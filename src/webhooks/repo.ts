/* Every SQL statement of the webhooks module. Inbox statements run on the platform path
   (SystemTx): a Stripe event arrives before anyone knows which organisation it concerns. */
import type { SystemTx } from '../db/index.js';

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
