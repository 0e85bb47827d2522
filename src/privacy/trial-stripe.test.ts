/* PRIV-7's trials set by billing: Stripe's `trialing` and `active` subscription events, signed by
   Stripe's own library and posted over real HTTP on loopback to the real app on real PostgreSQL,
   set and end the organisation's trial (orgs.trial_ends_at) through the privacy module's audited
   setter, in the Stripe inbox's claim transaction. Attacks: redelivery and concurrent delivery of
   the same event, an older event arriving after a newer one, events naming no known
   organisation, hostile trial_end values. Retention then acts on what billing set. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { STRIPE_SECRET, stripeSignature, subscriptionEvent } from '../../test/fixtures/stripe-events.js';
import { createOrg, createUser, signIn } from '../../test/security/harness.js';
import { fixedClock } from '../lib/clock.js';

const DAY = 86_400;
const clock = fixedClock('2030-03-01T10:00:00Z');
const now = () => Math.floor(clock.now().getTime() / 1000);
let app: TestApp;
let base = '';

async function deliver(payload: string): Promise<{ status: number; body: Record<string, unknown>; type: string }> {
  const res = await fetch(`${base}/v1/inbound/stripe`, {
    method: 'POST', body: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(payload, now()) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, type: res.headers.get('content-type') ?? '' };
}

const idOf = (payload: string) => (JSON.parse(payload) as { id: string }).id;

async function trialOf(orgId: string): Promise<{ endsAt: Date | null; noticeAt: Date | null }> {
  const [r] = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ trial_ends_at: Date | null; trial_notice_at: Date | null }[]>`
    select trial_ends_at, trial_notice_at from orgs where id = ${orgId}`);
  if (!r) throw new Error(`no org ${orgId}`);
  return { endsAt: r.trial_ends_at, noticeAt: r.trial_notice_at };
}

async function trialRecords(orgId: string): Promise<Array<{ actor_type: string; actor_id: string; metadata: Record<string, unknown> }>> {
  return asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ actor_type: string; actor_id: string; metadata: Record<string, unknown> }[]>`
    select actor_type, actor_id, metadata from audit_events where action = 'privacy.trial_set' and org_id = ${orgId} order by seq`);
}

async function newOrg(name: string): Promise<string> {
  return createOrg(app, await signIn(app, await createUser(app)), name);
}

beforeAll(async () => {
  app = await buildTestApp({ clock, env: { PALISADE_STRIPE_WEBHOOK_SECRETS: STRIPE_SECRET, PALISADE_DEFAULT_PLAN: 'free', PALISADE_JOBS_WORKER: 'false' } });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('Stripe trialing → the organisation\'s trial (PRIV-7)', () => {
  it('PRIV-7: a Stripe-signed `trialing` event sets the trial to its trial_end, audited once with Stripe as the actor; redelivered and concurrent copies change nothing and write no second record', async () => {
    const org = await newOrg('Trialing Co');
    const trialEnd = now() + 14 * DAY;
    const payload = subscriptionEvent({ orgId: org, plan: 'team', status: 'trialing', trialEnd, created: now() });
    const first = await deliver(payload);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ eventId: idOf(payload), duplicate: false, outcome: 'applied' });
    expect((await trialOf(org)).endsAt).toEqual(new Date(trialEnd * 1000));
    const records = await trialRecords(org);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor_type: 'system', actor_id: 'stripe', metadata: { stripeEventId: idOf(payload), endsAt: new Date(trialEnd * 1000).toISOString(), previous: null } });

    // The same event again, later and at once from several deliveries: acknowledged, nothing done.
    clock.advance(60_000);
    const again = await Promise.all([deliver(payload), deliver(payload), deliver(payload)]);
    for (const r of again) expect(r.body).toMatchObject({ duplicate: true, outcome: null });
    expect((await trialOf(org)).endsAt).toEqual(new Date(trialEnd * 1000));
    expect(await trialRecords(org)).toHaveLength(1);
    const [counts] = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ inbox: number; billing: number }[]>`
      select (select count(*)::int from stripe_inbox where event_id = ${idOf(payload)}) as inbox,
             (select count(*)::int from audit_events where action = 'billing.stripe_event' and target_id = ${idOf(payload)}) as billing`);
    expect(counts).toEqual({ inbox: 1, billing: 1 });

    // A later event with the same trial end (a renewal of other fields) moves nothing and records no trial change.
    const same = subscriptionEvent({ orgId: org, plan: 'team', status: 'trialing', trialEnd, created: now() + 1 });
    expect((await deliver(same)).body.outcome).toBe('applied'); // the plan is (re)applied
    expect(await trialRecords(org)).toHaveLength(1);
  });

  it('PRIV-7: an older event delivered after a newer one never moves the trial backwards (decided by the event\'s `created`), nor ends it', async () => {
    const org = await newOrg('Out Of Order Co');
    const t0 = now();
    const newer = subscriptionEvent({ orgId: org, status: 'trialing', trialEnd: t0 + 30 * DAY, created: t0 + 100 });
    const olderShorter = subscriptionEvent({ orgId: org, status: 'trialing', trialEnd: t0 + 7 * DAY, created: t0 + 50 });
    const olderActive = subscriptionEvent({ orgId: org, status: 'active', created: t0 + 60 });
    expect((await deliver(newer)).body.outcome).toBe('applied');
    expect((await deliver(olderShorter)).body.outcome).toBe('stale');
    expect((await deliver(olderActive)).body.outcome).toBe('stale');
    expect((await trialOf(org)).endsAt).toEqual(new Date((t0 + 30 * DAY) * 1000));
    expect(await trialRecords(org)).toHaveLength(1);
    // A newer extension does move it (the staleness is by `created`, not by the end date).
    const extended = subscriptionEvent({ orgId: org, status: 'trialing', trialEnd: t0 + 45 * DAY, created: t0 + 200 });
    expect((await deliver(extended)).body.outcome).toBe('applied');
    expect((await trialOf(org)).endsAt).toEqual(new Date((t0 + 45 * DAY) * 1000));
    expect((await trialRecords(org)).map((r) => r.metadata.previous)).toEqual([null, new Date((t0 + 30 * DAY) * 1000).toISOString()]);
  });

  it('PRIV-7: events naming no known organisation, or a hostile trial_end, are recorded and set no trial — 200, never a 5xx', async () => {
    const org = await newOrg('Hostile Trial Co');
    const before = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ n: number }[]>`select count(*)::int as n from orgs where trial_ends_at is not null`);
    for (const payload of [
      subscriptionEvent({ orgId: 'org_doesnotexist', status: 'trialing', trialEnd: now() + DAY, created: now() }),
      subscriptionEvent({ orgId: null, status: 'trialing', trialEnd: now() + DAY, created: now() }),
      subscriptionEvent({ orgId: 'x'.repeat(5000), status: 'trialing', trialEnd: now() + DAY, created: now() }),
    ]) {
      const r = await deliver(payload);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ duplicate: false, outcome: 'unmatched' });
      const [row] = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ outcome: string; org_id: string | null }[]>`select outcome, org_id from stripe_inbox where event_id = ${idOf(payload)}`);
      expect(row).toEqual({ outcome: 'unmatched', org_id: null });
    }
    for (const trialEnd of ['2030-04-01', -1, 0, 1e20, 1.5, null, { $gt: 0 }, [1]]) {
      const payload = subscriptionEvent({ orgId: org, plan: 'no_such_plan', status: 'trialing', trialEnd, created: now() });
      const r = await deliver(payload);
      expect(r.status, JSON.stringify(trialEnd)).toBe(200);
      expect(r.body.outcome).toBe('unmatched');
    }
    expect((await trialOf(org)).endsAt).toBeNull();
    expect(await trialRecords(org)).toHaveLength(0);
    const after = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ n: number }[]>`select count(*)::int as n from orgs where trial_ends_at is not null`);
    expect(after).toEqual(before);
  });

  it('PRIV-7: leaving the trial (`active`) ends it, so retention never deletes a paying organisation; a lapsed trial (past_due) keeps its end and retention notices it', async () => {
    const paying = await newOrg('Converted Co');
    const lapsed = await newOrg('Lapsed Co');
    const end = now() + 10 * DAY;
    for (const org of [paying, lapsed]) {
      const trialing = subscriptionEvent({ orgId: org, status: 'trialing', trialEnd: end, created: now() });
      expect((await deliver(trialing)).body.outcome).toBe('applied');
    }
    const active = subscriptionEvent({ orgId: paying, status: 'active', created: now() + 1 });
    expect((await deliver(active)).body.outcome).toBe('applied');
    const pastDue = subscriptionEvent({ orgId: lapsed, status: 'past_due', created: now() + 1 });
    expect((await deliver(pastDue)).body.outcome).toBe('ignored');
    expect((await trialOf(paying)).endsAt).toBeNull();
    expect((await trialOf(lapsed)).endsAt).toEqual(new Date(end * 1000));
    expect((await trialRecords(paying)).map((r) => [r.actor_id, r.metadata.endsAt, r.metadata.stripeEventId])).toEqual([
      ['stripe', new Date(end * 1000).toISOString(), expect.any(String)], ['stripe', null, idOf(active)],
    ]);

    clock.advance(11 * DAY * 1000);
    await app.privacy.runRetention();
    expect((await trialOf(paying)).noticeAt).toBeNull();
    expect((await trialOf(lapsed)).noticeAt).toEqual(clock.now());
  });
});
