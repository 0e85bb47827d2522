/* The Stripe inbox after verification (stripe.ts `receive`: the claim of the event id, the
   outcome, the plan and trial it moves, its audit record), on a test database with the real
   authorization service's plan setter and the privacy module's trial setter, and no HTTP app
   (issue 21: stripe.test.ts builds two whole apps, about a minute per change under mutation
   testing; this file takes seconds). Events are signed by Stripe's own library. The wrapper
   around the plan setter only counts `factsChanged` calls and passes everything through.
   Claims WH-1, WH-2, PRIV-7. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { eventId, STRIPE_SECRET, stripeSignature, subscriptionEvent } from '../../test/fixtures/stripe-events.js';
import { authzConfig } from '../authz/module.js';
import { createAuthzService } from '../authz/service.js';
import { loadConfig } from '../config/load.js';
import { createKeyring, localKekProvider, staticKekSet } from '../crypto/index.js';
import { appendAudit } from '../audit/index.js';
import { withOrg } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { createPrivacy } from '../privacy/service.js';
import { createStripeInbox, type StripeInbox } from './stripe.js';

const clock = fixedClock('2026-06-01T10:00:00Z');
const now = Math.floor(clock.now().getTime() / 1000);
const source = { ip: '192.0.2.30', userAgent: 'Stripe/1.0', requestId: 'req_stripe_inbox' };
let t: TestDb;
let inbox: StripeInbox;
const refreshed: string[] = [];
const logged: Array<[string, Record<string, unknown>]> = [];

beforeAll(async () => {
  t = await createTestDb();
  const config = loadConfig({ PALISADE_DEV_MODE: '1', PALISADE_DEFAULT_PLAN: 'free' });
  const { plans, defaultPlan } = authzConfig(config);
  const authz = createAuthzService({ db: t.db, clock, plans, defaultPlan });
  const keyring = createKeyring({ record: appendAudit, db: t.db, clock, keks: staticKekSet(localKekProvider(randomBytes(32))) });
  const privacy = createPrivacy({ db: t.db, keyring, clock, config: { exportHours: 24, requestDays: 30, publicUrl: 'https://x.test' } });
  inbox = createStripeInbox({
    db: t.db, clock, trials: privacy, secrets: [STRIPE_SECRET], toleranceSeconds: 300, endedPlan: 'free',
    plans: {
      isPlan: (n) => authz.isPlan(n),
      setPlanInTx: (tx, orgId, plan, actor, md) => authz.setPlanInTx(tx, orgId, plan as never, actor, md),
      factsChanged: async (o) => { refreshed.push(o); await authz.factsChanged(o); },
    },
    log: (msg, detail) => { logged.push([msg, detail]); },
  });
});
afterAll(async () => {
  await t?.drop();
});

const sql = <T>(fn: Parameters<typeof asSuperuser<T>>[1]) => asSuperuser(t.ownerUrl, fn);

async function newOrg(): Promise<string> {
  const id = newId('org');
  await withOrg(t.db, id as never, { type: 'system', id: 'test' }, (tx) => tx.sql`insert into orgs (id, name) values (${id}, 'Billing')`);
  await sql((q) => q`update orgs set plan = 'free' where id = ${id}`);
  return id;
}
const deliver = (payload: string) => inbox.receive(Buffer.from(payload), stripeSignature(payload, now), source);
const orgRow = async (id: string) =>
  (await sql((q) => q<{ plan: string; trial_ends_at: Date | null }[]>`select plan, trial_ends_at from orgs where id = ${id}`))[0]!;
const inboxRow = async (evt: string) =>
  (await sql((q) => q<Array<{ event_type: string; event_created: Date; livemode: boolean; outcome: string; org_id: string | null; processed_at: Date }>>`
    select event_type, event_created, livemode, outcome, org_id, processed_at from stripe_inbox where event_id = ${evt}`))[0];
const records = (evt: string) =>
  sql((q) => q<Array<{ org_id: string; actor_type: string; actor_id: string | null; outcome: string; target_type: string; metadata: Record<string, unknown>; ip: string | null }>>`
    select org_id, actor_type, actor_id, outcome, target_type, metadata, source_ip as ip from audit_events where action = 'billing.stripe_event' and target_id = ${evt}`);

describe('Stripe inbox after verification (service level, no HTTP)', () => {
  it('WH-1: an active subscription\'s event sets the plan: the inbox row keeps its type, creation second, mode, outcome and organisation; one audit record by Stripe in the organisation; the facts are refreshed once', async () => {
    const org = await newOrg();
    refreshed.length = 0;
    logged.length = 0;
    const id = eventId();
    const r = await deliver(subscriptionEvent({ id, orgId: org, plan: 'team', created: now - 5 }));
    expect(r).toEqual({ eventId: id, duplicate: false, outcome: 'applied' });
    expect((await orgRow(org)).plan).toBe('team');
    expect(await inboxRow(id)).toEqual({ event_type: 'customer.subscription.updated', event_created: new Date((now - 5) * 1000), livemode: false, outcome: 'applied', org_id: org, processed_at: clock.now() });
    const [rec, ...more] = await records(id);
    expect(more).toEqual([]);
    expect(rec).toMatchObject({ org_id: org, actor_type: 'system', actor_id: 'stripe', outcome: 'allowed', target_type: 'stripe_event', ip: '192.0.2.30' });
    expect(rec?.metadata).toEqual({ stripeEventId: id, stripeEventType: 'customer.subscription.updated', subscription: 'sub_test123', trial: 'unchanged', outcome: 'applied' });
    const [change] = await sql((q) => q<{ actor_id: string; metadata: Record<string, unknown> }[]>`
      select actor_id, metadata from audit_events where action = 'org.plan_changed' and target_id = ${org}`);
    expect(change).toMatchObject({ actor_id: 'stripe', metadata: { stripeEventId: id, from: 'free', to: 'team' } });
    expect(refreshed).toEqual([org]);
    expect(logged).toEqual([]);
  });

  it('WH-2: a redelivered event is a duplicate: acknowledged, logged, nothing applied or recorded again, no refresh', async () => {
    const org = await newOrg();
    const id = eventId();
    const payload = subscriptionEvent({ id, orgId: org, plan: 'team', created: now - 5 });
    await deliver(payload);
    refreshed.length = 0;
    logged.length = 0;
    await sql((q) => q`update orgs set plan = 'free' where id = ${org}`);
    expect(await deliver(payload)).toEqual({ eventId: id, duplicate: true, outcome: null });
    expect((await orgRow(org)).plan).toBe('free');
    expect(await records(id)).toHaveLength(1);
    expect(refreshed).toEqual([]);
    expect(logged).toEqual([['stripe event redelivered; already recorded', { eventId: id }]]);
  });

  it('WH-2 PRIV-7: an event older than one applied is stale: neither the plan nor the trial moves; a newer one applies', async () => {
    const org = await newOrg();
    const end = now + 14 * 86_400;
    const first = eventId();
    expect((await deliver(subscriptionEvent({ id: first, orgId: org, plan: 'team', status: 'trialing', trialEnd: end, created: now - 100 }))).outcome).toBe('applied');
    expect(await orgRow(org)).toEqual({ plan: 'team', trial_ends_at: new Date(end * 1000) });
    refreshed.length = 0;
    // Older: a plan change, and (separately) an end of the trial.
    const older = eventId();
    expect((await deliver(subscriptionEvent({ id: older, orgId: org, plan: 'free', created: now - 200 }))).outcome).toBe('stale');
    const olderTrial = eventId();
    expect((await deliver(subscriptionEvent({ id: olderTrial, orgId: org, plan: 'team', status: 'trialing', trialEnd: end + 86_400, created: now - 150 }))).outcome).toBe('stale');
    expect(await orgRow(org)).toEqual({ plan: 'team', trial_ends_at: new Date(end * 1000) });
    expect((await inboxRow(older))?.outcome).toBe('stale');
    // An older cancellation asks nothing of the trial: still stale, not ignored.
    const olderCancel = eventId();
    expect((await deliver(subscriptionEvent({ id: olderCancel, orgId: org, status: 'canceled', created: now - 300 }))).outcome).toBe('stale');
    expect(refreshed).toEqual([]);
    // A later event with the same creation second as the applied one is not older: it applies.
    const same = eventId();
    expect((await deliver(subscriptionEvent({ id: same, orgId: org, plan: 'team', status: 'active', created: now - 100 }))).outcome).toBe('applied');
    expect(await orgRow(org)).toEqual({ plan: 'team', trial_ends_at: null });
  });

  it('PRIV-7: a trial that moves is an applied event even when the plan is not (a price no plan matches), so an older event is then stale; an unchanged trial leaves it unmatched', async () => {
    const org = await newOrg();
    const end = now + 7 * 86_400;
    const moved = eventId();
    expect((await deliver(subscriptionEvent({ id: moved, orgId: org, plan: 'platinum', status: 'trialing', trialEnd: end, created: now - 50 }))).outcome).toBe('applied');
    expect((await records(moved))[0]?.metadata).toMatchObject({ plan: 'platinum', trial: 'changed', outcome: 'applied' });
    expect(await orgRow(org)).toEqual({ plan: 'free', trial_ends_at: new Date(end * 1000) });
    const [trialSet] = await sql((q) => q<{ actor_id: string; metadata: Record<string, unknown> }[]>`
      select actor_id, metadata from audit_events where action = 'privacy.trial_set' and target_id = ${org}`);
    expect(trialSet).toMatchObject({ actor_id: 'stripe', metadata: { stripeEventId: moved } });
    const again = eventId();
    expect((await deliver(subscriptionEvent({ id: again, orgId: org, plan: 'platinum', status: 'trialing', trialEnd: end, created: now - 40 }))).outcome).toBe('unmatched');
    expect((await records(again))[0]?.metadata).toMatchObject({ trial: 'unchanged', outcome: 'unmatched' });
    const older = eventId();
    expect((await deliver(subscriptionEvent({ id: older, orgId: org, plan: 'platinum', status: 'trialing', trialEnd: end + 1, created: now - 60 }))).outcome).toBe('stale');
    expect((await records(older))[0]?.metadata.trial).toBeUndefined();
    expect((await orgRow(org)).trial_ends_at).toEqual(new Date(end * 1000));
  });

  it('WH-1: events that name no organisation, an unknown one, or a plan not configured are recorded as unmatched and change nothing; past_due and other event types are ignored', async () => {
    const org = await newOrg();
    refreshed.length = 0;
    const cases: Array<[string, string, string | null, string]> = [];
    const noOrg = eventId();
    cases.push([subscriptionEvent({ id: noOrg, orgId: null, created: now }), noOrg, null, 'unmatched']);
    const unknownOrg = eventId();
    cases.push([subscriptionEvent({ id: unknownOrg, orgId: newId('org'), created: now }), unknownOrg, null, 'unmatched']);
    const unknownPlan = eventId();
    cases.push([subscriptionEvent({ id: unknownPlan, orgId: org, plan: 'platinum', created: now }), unknownPlan, org, 'unmatched']);
    const pastDue = eventId();
    cases.push([subscriptionEvent({ id: pastDue, orgId: org, status: 'past_due', created: now }), pastDue, org, 'ignored']);
    const invoice = eventId();
    cases.push([subscriptionEvent({ id: invoice, type: 'invoice.paid', orgId: org, created: now }), invoice, null, 'ignored']);
    for (const [payload, id, settledOrg, outcome] of cases) {
      expect(await deliver(payload), id).toEqual({ eventId: id, duplicate: false, outcome });
      expect(await inboxRow(id), id).toMatchObject({ outcome, org_id: settledOrg });
      const [rec] = await records(id);
      expect(rec?.org_id, id).toBe(settledOrg ?? 'platform');
      expect(rec?.metadata.outcome, id).toBe(outcome);
    }
    expect((await records(unknownPlan))[0]?.metadata.plan).toBe('platinum');
    expect((await records(invoice))[0]?.metadata).toEqual({ stripeEventId: invoice, stripeEventType: 'invoice.paid', outcome: 'ignored' });
    expect((await orgRow(org)).plan).toBe('free');
    expect(refreshed).toEqual([]);
  });

  it('WH-1 PRIV-7: what an event carries is kept within the inbox\'s bounds — a live-mode event as live, a 250-character type cut to 200, a subscription id and an unknown plan name cut to 100, a missing subscription id left out — and a cancellation leaves the trial as it is', async () => {
    const org = await newOrg();
    const end = now + 9 * 86_400;
    await deliver(subscriptionEvent({ orgId: org, plan: 'team', status: 'trialing', trialEnd: end, created: now - 30 }));
    const shaped = (id: string, change: (e: { livemode: boolean; type: string; data: { object: Record<string, unknown> } }) => void, created = now - 20): string => {
      const e = JSON.parse(subscriptionEvent({ id, orgId: org, plan: 'team', created })) as { livemode: boolean; type: string; data: { object: Record<string, unknown> } };
      change(e);
      return JSON.stringify(e);
    };
    const live = eventId();
    await deliver(shaped(live, (e) => { e.livemode = true; e.data.object.status = 'canceled'; }));
    expect((await inboxRow(live))?.livemode).toBe(true);
    // A cancellation (not stale) puts the organisation on the ended plan and keeps the trial's end.
    expect(await orgRow(org)).toEqual({ plan: 'free', trial_ends_at: new Date(end * 1000) });
    expect((await records(live))[0]?.metadata.trial).toBeUndefined();
    const longType = eventId();
    await deliver(shaped(longType, (e) => { e.type = `invoice.${'a'.repeat(242)}`; }));
    expect((await inboxRow(longType))?.event_type).toBe(`invoice.${'a'.repeat(192)}`);
    const longSub = eventId();
    await deliver(shaped(longSub, (e) => { e.data.object.id = `sub_${'s'.repeat(146)}`; }, now - 10));
    expect((await records(longSub))[0]?.metadata.subscription).toBe(`sub_${'s'.repeat(96)}`);
    const noSub = eventId();
    expect((await deliver(shaped(noSub, (e) => { delete e.data.object.id; }, now - 5))).outcome).toBe('applied');
    expect((await records(noSub))[0]?.metadata).not.toHaveProperty('subscription');
    const longPlan = eventId();
    await deliver(shaped(longPlan, (e) => { (e.data.object.items as { data: Array<{ price: { lookup_key: string } }> }).data[0]!.price.lookup_key = 'p'.repeat(150); }, now - 1));
    expect((await records(longPlan))[0]?.metadata).toMatchObject({ plan: 'p'.repeat(100), outcome: 'unmatched' });
  });
});
