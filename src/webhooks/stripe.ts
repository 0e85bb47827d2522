/* The Stripe inbox (POST /v1/inbound/stripe). Invariants:
   - Nothing is parsed or acted on before Stripe's own library (stripe.webhooks.constructEvent)
     has verified the Stripe-Signature header over the raw body bytes with one of the endpoint
     secrets, within the tolerance window (default 300 s) of our clock (WH-1). Every failure is
     one answer, 400 stripe_signature_invalid: which part was wrong is logged, never sent.
   - The event id is claimed in stripe_inbox in the same transaction as the event's effect and
     its audit record (WH-2): a redelivery, the same event at two nodes at once, or a node killed
     mid-handler commits one row and one effect. The primary key decides; a second node's insert
     waits for the first's transaction and then sees a conflict (duplicate) or, after a
     rollback, takes the event over.
   - The first handler: customer.subscription.* events set the organisation's plan through the
     authorization layer's plan setter (entitlements follow billing). The organisation is
     metadata.palisade_org_id of the subscription; the plan is the lookup_key of its first
     price; a subscription that ended (deleted, paused, canceled, unpaid) puts it on the
     operator's ended plan (PALISADE_STRIPE_ENDED_PLAN, else PALISADE_DEFAULT_PLAN). Events older
     than one already applied for the organisation are recorded as stale.
   - The same events carry the organisation's trial (PRIV-7's retention deletes expired trials):
     status `trialing` with `trial_end` sets orgs.trial_ends_at, `active` ends the trial (clears
     it: a paying organisation is not a trial); other statuses leave it as it is. It goes through
     the privacy module's audited setter in this same transaction, so it is exactly-once with the
     claim and never moves for a stale event (decided by the event's `created`, as the plan).
   Claims WH-1, WH-2, PRIV-7; ASVS V10 (webhook verification), V16 (audit). */
import Stripe from 'stripe';
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import { lockAuthzFacts, withSystem, type Db, type SystemTx } from '../db/index.js';
import type { Actor, RequestSource } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { StripeNotConfigured, StripeSignatureInvalid } from './errors.js';
import * as repo from './repo.js';

/** The plans layer as the inbox needs it (src/authz's service implements it). */
export interface PlanSetter {
  isPlan(name: string): boolean;
  /** Called only with a name isPlan() accepted. */
  setPlanInTx(tx: SystemTx, orgId: string, plan: string, actor: Actor, metadata?: Record<string, unknown>): Promise<{ previous: string } | null>;
  factsChanged(orgId: string): Promise<void>;
}

/** The trial setter of the privacy module (src/privacy's service implements it): audited only
    when the trial moves. */
export interface TrialSetter {
  setTrialInTx(tx: SystemTx, orgId: string, endsAt: Date | null, actor: Actor, metadata?: Record<string, unknown>): Promise<'changed' | 'unchanged' | 'not_found'>;
}

export interface StripeInboxDeps {
  db: Db;
  clock: Clock;
  plans: PlanSetter;
  trials: TrialSetter;
  /** Endpoint signing secrets (whsec_…); more than one during a rotation. Empty: not configured. */
  secrets: readonly string[];
  toleranceSeconds: number;
  /** The plan a cancelled, paused or unpaid subscription returns the organisation to
      (PALISADE_STRIPE_ENDED_PLAN, else PALISADE_DEFAULT_PLAN): a plan of the operator's
      configuration, never a name assumed to exist. */
  endedPlan: string;
  log?: (msg: string, detail: Record<string, unknown>) => void;
}

export interface StripeReceipt {
  eventId: string;
  /** true when this delivery found the event already recorded (nothing was done again). */
  duplicate: boolean;
  outcome: repo.InboxOutcome | null;
}

export interface StripeInbox {
  receive(raw: Uint8Array, signature: string | undefined, source: RequestSource): Promise<StripeReceipt>;
}

export const STRIPE_ACTOR: Actor = { type: 'system', id: 'stripe' };

const SUBSCRIPTION_EVENTS = new Set([
  'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted',
  'customer.subscription.paused', 'customer.subscription.resumed',
]);
const ENTITLED = new Set(['active', 'trialing']);
const ENDED = new Set(['canceled', 'unpaid', 'incomplete_expired', 'paused']);

interface SubscriptionLike {
  id?: unknown;
  status?: unknown;
  trial_end?: unknown;
  metadata?: Record<string, unknown> | null;
  items?: { data?: Array<{ price?: { lookup_key?: unknown } | null }> };
}

/** What a subscription event asks for: the organisation and the plan it should be on (null: no
    change). A subscription that ended puts the organisation on `endedPlan`. */
export function planIntent(type: string, object: SubscriptionLike, endedPlan: string): { orgId: string | null; plan: string | null } {
  const org = object.metadata?.palisade_org_id;
  const orgId = typeof org === 'string' && org.length > 0 && org.length <= 100 ? org : null;
  if (type === 'customer.subscription.deleted' || type === 'customer.subscription.paused') return { orgId, plan: endedPlan };
  const status = typeof object.status === 'string' ? object.status : '';
  if (ENDED.has(status)) return { orgId, plan: endedPlan };
  if (!ENTITLED.has(status)) return { orgId, plan: null }; // past_due, incomplete: Stripe is still collecting
  const key = object.items?.data?.[0]?.price?.lookup_key;
  return { orgId, plan: typeof key === 'string' ? key : null };
}

/** What a subscription event asks of the organisation's trial: a new end (`trialing` with a
    `trial_end`), its end (`active`: null), or nothing (undefined) — a lapsed trial (past_due,
    canceled, …) keeps its end, so retention treats it as the expired trial it is. */
export function trialIntent(type: string, object: SubscriptionLike): Date | null | undefined {
  if (type === 'customer.subscription.deleted' || type === 'customer.subscription.paused') return undefined;
  if (object.status === 'active') return null;
  const end = object.trial_end;
  // Seconds since the epoch, within what a Date can hold and a trial could mean (before 2100).
  if (object.status === 'trialing' && typeof end === 'number' && Number.isInteger(end) && end > 0 && end < 4_102_444_800) return new Date(end * 1000);
  return undefined;
}

export function createStripeInbox(deps: StripeInboxDeps): StripeInbox {
  const { db, clock, plans, trials } = deps;
  const log = deps.log ?? (() => undefined);

  function verify(raw: Uint8Array, signature: string | undefined): Stripe.Event {
    if (deps.secrets.length === 0) throw new StripeNotConfigured();
    if (!signature) throw new StripeSignatureInvalid({ reason: 'no Stripe-Signature header' });
    const payload = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const receivedAt = Math.floor(clock.now().getTime() / 1000);
    // Stripe's check bounds only the age; a timestamp ahead of our clock by more than the
    // tolerance is refused too, so no signature stays usable longer than the window.
    const t = /(?:^|,)t=(\d{1,12})(?:,|$)/.exec(signature)?.[1];
    if (t !== undefined && Number(t) - receivedAt > deps.toleranceSeconds) throw new StripeSignatureInvalid({ reason: 'timestamp in the future' });
    let last: unknown;
    for (const secret of deps.secrets) {
      try {
        // receivedAt in milliseconds: Stripe divides by 1000 itself.
        return Stripe.webhooks.constructEvent(payload, signature, secret, deps.toleranceSeconds, undefined, receivedAt * 1000);
      } catch (e) {
        last = e;
      }
    }
    throw new StripeSignatureInvalid({ reason: last instanceof Error ? last.message.slice(0, 200) : 'unverified' });
  }

  return {
    async receive(raw, signature, source) {
      const event = verify(raw, signature);
      if (typeof event.id !== 'string' || !/^evt_[A-Za-z0-9_]{1,250}$/.test(event.id) || typeof event.type !== 'string') {
        throw new StripeSignatureInvalid({ reason: 'signed, but not an event' });
      }
      const now = clock.now();
      const result = await withSystem(db, async (tx) => {
        const fresh = await repo.claimStripeEvent(tx, { id: event.id, type: event.type.slice(0, 200), created: new Date(event.created * 1000), livemode: event.livemode === true, at: now });
        if (!fresh) return { duplicate: true, outcome: null, orgId: null, changed: false };
        let outcome: repo.InboxOutcome = 'ignored';
        let orgId: string | null = null;
        let changed = false;
        const metadata: Record<string, unknown> = { stripeEventId: event.id, stripeEventType: event.type };
        if (SUBSCRIPTION_EVENTS.has(event.type)) {
          const object = event.data.object as SubscriptionLike;
          const intent = planIntent(event.type, object, deps.endedPlan);
          if (typeof object.id === 'string') metadata.subscription = object.id.slice(0, 100);
          if (intent.orgId === null || !(await repo.orgExists(tx, intent.orgId))) {
            outcome = 'unmatched';
          } else {
            orgId = intent.orgId;
            await lockAuthzFacts(tx, orgId, 'exclusive');
            const trial = trialIntent(event.type, object);
            const stale = await repo.newerApplied(tx, orgId, new Date(event.created * 1000));
            if (intent.plan === null) outcome = 'ignored';
            else if (!plans.isPlan(intent.plan)) {
              outcome = 'unmatched';
              metadata.plan = intent.plan.slice(0, 100);
            } else if (stale) {
              outcome = 'stale';
            } else {
              const r = await plans.setPlanInTx(tx, orgId, intent.plan, STRIPE_ACTOR, metadata);
              if (r === null) outcome = 'unmatched';
              else {
                outcome = 'applied';
                changed = true;
              }
            }
            // The trial follows the same event, unless a newer one was applied: then nothing moves.
            if (trial !== undefined && !stale) {
              const t = await trials.setTrialInTx(tx, orgId, trial, STRIPE_ACTOR, { stripeEventId: event.id });
              metadata.trial = t;
              // A moved trial is an applied event, so an older one arriving later is stale.
              if (t === 'changed') outcome = 'applied';
            } else if (trial !== undefined) {
              outcome = 'stale';
            }
          }
        }
        await repo.settleStripeEvent(tx, event.id, outcome, orgId);
        await appendAudit(tx, {
          orgId: orgId ?? PLATFORM_ORG,
          action: 'billing.stripe_event',
          actor: STRIPE_ACTOR,
          outcome: 'allowed',
          target: { type: 'stripe_event', id: event.id },
          source,
          metadata: { ...metadata, outcome },
        });
        return { duplicate: false, outcome, orgId, changed };
      });
      if (result.changed && result.orgId) await plans.factsChanged(result.orgId);
      if (result.duplicate) log('stripe event redelivered; already recorded', { eventId: event.id });
      return { eventId: event.id, duplicate: result.duplicate, outcome: result.outcome };
    },
  };
}
