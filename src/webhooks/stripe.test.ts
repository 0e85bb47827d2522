/* The Stripe inbox over HTTP, with the real app and real PostgreSQL. Events are signed by
   Stripe's own library (test/fixtures/stripe-events.ts). Attacks: tampered body, stale and
   future timestamps, wrong secret, missing header, replayed event id; exactly-once under
   concurrent deliveries to two app instances on one database. The process-level proofs (two
   real processes, SIGKILL mid-handler) are in test/e2e/stripe-exactly-once.e2e.test.ts.
   Claims WH-1, WH-2. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { STRIPE_SECRET, STRIPE_SECRET_NEXT, stripeSignature, subscriptionEvent } from '../../test/fixtures/stripe-events.js';
import { createOrg, createUser, signIn } from '../../test/security/harness.js';
import { fixedClock } from '../lib/clock.js';
import { createStripeInbox } from './stripe.js';
import { StripeNotConfigured } from './errors.js';

const clock = fixedClock('2026-06-01T10:00:00Z');
const now = () => Math.floor(clock.now().getTime() / 1000);
let app: TestApp;
let second: TestApp;
let orgId: string;

async function post(a: TestApp, payload: string, signature?: string, contentType = 'application/json') {
  const res = await a.http.inject({
    method: 'POST', url: '/v1/inbound/stripe', payload,
    headers: { 'content-type': contentType, ...(signature !== undefined ? { 'stripe-signature': signature } : {}) },
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, type: String(res.headers['content-type']) };
}

async function planOf(id: string): Promise<string> {
  const [r] = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ plan: string }[]>`select plan from orgs where id = ${id}`);
  return r?.plan ?? '';
}

async function effects(evt: string): Promise<{ inbox: number; events: number; planChanges: number }> {
  return asSuperuser(app.testDb.ownerUrl, async (sql) => {
    const [i] = await sql<{ n: number }[]>`select count(*)::int as n from stripe_inbox where event_id = ${evt}`;
    const [e] = await sql<{ n: number }[]>`select count(*)::int as n from audit_events where action = 'billing.stripe_event' and target_id = ${evt}`;
    const [p] = await sql<{ n: number }[]>`select count(*)::int as n from audit_events where action = 'org.plan_changed' and metadata->>'stripeEventId' = ${evt}`;
    return { inbox: i?.n ?? 0, events: e?.n ?? 0, planChanges: p?.n ?? 0 };
  });
}

beforeAll(async () => {
  // New organisations start on `free` here (the default plan is configuration, PALISADE_DEFAULT_PLAN): billing moves them up.
  const env = { PALISADE_STRIPE_WEBHOOK_SECRETS: `${STRIPE_SECRET},${STRIPE_SECRET_NEXT}`, PALISADE_DEFAULT_PLAN: 'free' };
  app = await buildTestApp({ clock, env });
  second = await buildTestApp({ clock, env, testDb: { ...app.testDb, db: await app.testDb.connectAgain(), drop: async () => undefined } });
  const u = await createUser(app);
  orgId = await createOrg(app, await signIn(app, u), 'Billing Co');
}, 120_000);
afterAll(async () => {
  await second?.close();
  await app?.close();
});

describe('Stripe inbox', () => {
  it('WH-1: a Stripe-signed subscription event sets the organisation\'s plan, audited with Stripe as the actor', async () => {
    const payload = subscriptionEvent({ orgId, plan: 'team', created: now() });
    const evt = (JSON.parse(payload) as { id: string }).id;
    const r = await post(app, payload, stripeSignature(payload, now()));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: true, eventId: evt, duplicate: false, outcome: 'applied' });
    expect(await planOf(orgId)).toBe('team');
    const rows = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ action: string; actor_type: string; actor_id: string; org_id: string; metadata: Record<string, unknown> }[]>`
      select action, actor_type, actor_id, org_id, metadata from audit_events where target_id in (${evt}, ${orgId}) and actor_id = 'stripe' order by occurred_at, action`);
    expect(rows.map((x) => x.action).sort()).toEqual(['billing.stripe_event', 'org.plan_changed']);
    for (const row of rows) expect([row.actor_type, row.actor_id, row.org_id]).toEqual(['system', 'stripe', orgId]);
    expect(rows.find((x) => x.action === 'org.plan_changed')?.metadata).toMatchObject({ from: 'free', to: 'team', stripeEventId: evt });
  });

  it('WH-1: a tampered body is refused (400 stripe_signature_invalid) and changes nothing', async () => {
    const payload = subscriptionEvent({ orgId, plan: 'enterprise', created: now() });
    const sig = stripeSignature(payload, now());
    const before = await planOf(orgId);
    const r = await post(app, payload.replace('"enterprise"', '"enterpris3"'), sig);
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.code).toBe('stripe_signature_invalid');
    // Whitespace alone changes the bytes: a re-serialised body would not verify either.
    expect((await post(app, JSON.stringify(JSON.parse(payload)), sig)).body.code).toBe('stripe_signature_invalid');
    expect(await planOf(orgId)).toBe(before);
    expect((await effects((JSON.parse(payload) as { id: string }).id)).inbox).toBe(0);
  });

  it('WH-1: a stale (or future) timestamp, a wrong secret, a missing or garbled header are all refused alike', async () => {
    const payload = subscriptionEvent({ orgId, plan: 'enterprise', created: now() });
    const attempts = [
      stripeSignature(payload, now() - 301), // older than the 300 s tolerance
      stripeSignature(payload, now() + 301), // from the future
      stripeSignature(payload, now(), 'whsec_someoneElsesSecret000000000000'),
      undefined,
      '',
      't=abc,v1=zz',
      `t=${now()}`,
    ];
    for (const sig of attempts) {
      const r = await post(app, payload, sig);
      expect(r.status, String(sig)).toBe(400);
      expect(r.body.code).toBe('stripe_signature_invalid');
    }
    expect(await planOf(orgId)).not.toBe('enterprise');
    // Just inside the window it verifies (the tolerance is real, not "anything goes").
    expect((await post(app, payload, stripeSignature(payload, now() - 290))).status).toBe(200);
    expect(await planOf(orgId)).toBe('enterprise');
  });

  it('WH-1: during a secret rotation both endpoint secrets verify', async () => {
    const payload = subscriptionEvent({ orgId, plan: 'team', created: now() + 1 });
    expect((await post(app, payload, stripeSignature(payload, now(), STRIPE_SECRET_NEXT))).body.outcome).toBe('applied');
    expect(await planOf(orgId)).toBe('team');
  });

  it('WH-2: a redelivered event (same id, signed again later) is acknowledged and not processed again', async () => {
    const payload = subscriptionEvent({ orgId, plan: 'enterprise', created: now() + 2 });
    const evt = (JSON.parse(payload) as { id: string }).id;
    expect((await post(app, payload, stripeSignature(payload, now()))).body).toMatchObject({ duplicate: false, outcome: 'applied' });
    clock.advance(60_000);
    for (let i = 0; i < 3; i++) {
      const r = await post(app, payload, stripeSignature(payload, now()));
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ eventId: evt, duplicate: true, outcome: null });
    }
    expect(await effects(evt)).toEqual({ inbox: 1, events: 1, planChanges: 1 });
  });

  it('WH-2: the same events delivered concurrently to two app instances on one database are each processed once', async () => {
    const ids: string[] = [];
    const deliveries: Array<Promise<{ status: number; body: Record<string, unknown> }>> = [];
    for (let i = 0; i < 15; i++) {
      const payload = subscriptionEvent({ orgId, plan: i % 2 ? 'team' : 'enterprise', created: now() + 10 + i });
      ids.push((JSON.parse(payload) as { id: string }).id);
      const sig = stripeSignature(payload, now());
      for (const a of [app, second, app, second]) deliveries.push(post(a, payload, sig));
    }
    const results = await Promise.all(deliveries);
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (const id of ids) {
      const mine = results.filter((r) => r.body.eventId === id);
      expect(mine.filter((r) => r.body.duplicate === false)).toHaveLength(1);
      const e = await effects(id);
      expect(e.inbox).toBe(1);
      expect(e.events).toBe(1);
      expect(e.planChanges).toBeLessThanOrEqual(1);
    }
  });

  it('WH-2: an event older than one already applied does not roll the plan back (Stripe does not promise order)', async () => {
    const newer = subscriptionEvent({ orgId, plan: 'enterprise', created: now() + 1000 });
    const older = subscriptionEvent({ orgId, plan: 'free', status: 'canceled', created: now() + 999 });
    expect((await post(app, newer, stripeSignature(newer, now()))).body.outcome).toBe('applied');
    expect((await post(app, older, stripeSignature(older, now()))).body.outcome).toBe('stale');
    expect(await planOf(orgId)).toBe('enterprise');
  });

  it('WH-1: a deleted subscription returns the organisation to the free plan; unknown organisations and plans are recorded, not applied', async () => {
    const u = await createUser(app);
    const other = await createOrg(app, await signIn(app, u), 'Other Co');
    const up = subscriptionEvent({ orgId: other, plan: 'team', created: now() });
    expect((await post(app, up, stripeSignature(up, now()))).body.outcome).toBe('applied');
    const del = subscriptionEvent({ orgId: other, type: 'customer.subscription.deleted', status: 'canceled', created: now() + 1 });
    expect((await post(app, del, stripeSignature(del, now()))).body.outcome).toBe('applied');
    expect(await planOf(other)).toBe('free');
    for (const payload of [
      subscriptionEvent({ orgId: 'org_doesnotexist', plan: 'team', created: now() }),
      subscriptionEvent({ orgId: null, plan: 'team', created: now() }),
      subscriptionEvent({ orgId: other, plan: 'platinum', created: now() + 2 }),
    ]) {
      const r = await post(app, payload, stripeSignature(payload, now()));
      expect(r.status).toBe(200);
      expect(r.body.outcome).toBe('unmatched');
    }
    expect(await planOf(other)).toBe('free');
    const ignored = subscriptionEvent({ orgId: other, type: 'invoice.paid', created: now() });
    expect((await post(app, ignored, stripeSignature(ignored, now()))).body.outcome).toBe('ignored');
  });

  it('a non-JSON content type is refused before verification; an unconfigured inbox refuses everything', async () => {
    const payload = subscriptionEvent({ orgId, created: now() });
    const r = await post(app, payload, stripeSignature(payload, now()), 'text/plain');
    expect(r.status).toBe(415);
    const inbox = createStripeInbox({ db: app.testDb.db, clock, plans: { isPlan: () => true, setPlanInTx: async () => null, factsChanged: async () => undefined }, trials: { setTrialInTx: async () => 'not_found' }, secrets: [], toleranceSeconds: 300, endedPlan: 'free' });
    await expect(inbox.receive(Buffer.from(payload), stripeSignature(payload, now()), { ip: null, userAgent: null, requestId: null })).rejects.toBeInstanceOf(StripeNotConfigured);
  });
});

describe('Stripe inbox on an operator\'s own plans', () => {
  // This operator has no `free` plan: a cancelled subscription must land on the plan the
  // operator named for it, not on a hard-coded name the deployment lacks.
  const plans = { basic: [], team: ['custom_roles', 'resource_roles'], pro: ['custom_roles', 'resource_roles', 'policy_toggles'] };
  let own: TestApp;
  beforeAll(async () => {
    own = await buildTestApp({ clock, env: { PALISADE_STRIPE_WEBHOOK_SECRETS: STRIPE_SECRET, PALISADE_PLANS: JSON.stringify(plans), PALISADE_DEFAULT_PLAN: 'team', PALISADE_STRIPE_ENDED_PLAN: 'basic' } });
  }, 120_000);
  afterAll(async () => {
    await own?.close();
  });
  const planIn = async (id: string) => {
    const [r] = await asSuperuser(own.testDb.ownerUrl, (sql) => sql<{ plan: string }[]>`select plan from orgs where id = ${id}`);
    return r?.plan ?? '';
  };

  it('WH-1: a cancelled, deleted or unpaid subscription puts the organisation on PALISADE_STRIPE_ENDED_PLAN (a configured plan), never on an unlisted `free`', async () => {
    const org = await createOrg(own, await signIn(own, await createUser(own)), 'Own Plans Co');
    const up = subscriptionEvent({ orgId: org, plan: 'pro', created: now() });
    expect((await post(own, up, stripeSignature(up, now()))).body.outcome).toBe('applied');
    expect(await planIn(org)).toBe('pro');
    const cancelled = subscriptionEvent({ orgId: org, status: 'canceled', created: now() + 1 });
    expect((await post(own, cancelled, stripeSignature(cancelled, now()))).body.outcome).toBe('applied');
    expect(await planIn(org)).toBe('basic');
    const again = subscriptionEvent({ orgId: org, plan: 'pro', created: now() + 2 });
    expect((await post(own, again, stripeSignature(again, now()))).body.outcome).toBe('applied');
    for (const [i, ended] of [{ type: 'customer.subscription.deleted', status: 'canceled' }, { status: 'unpaid' }, { type: 'customer.subscription.paused', status: 'paused' }].entries()) {
      const e = subscriptionEvent({ orgId: org, ...ended, created: now() + 3 + 2 * i });
      expect((await post(own, e, stripeSignature(e, now()))).body.outcome).toBe('applied');
      expect(await planIn(org)).toBe('basic');
      const back = subscriptionEvent({ orgId: org, plan: 'pro', created: now() + 4 + 2 * i });
      expect((await post(own, back, stripeSignature(back, now()))).body.outcome).toBe('applied');
    }
    // The org's entitlements follow: `basic` has no custom roles here.
    const [changes] = await asSuperuser(own.testDb.ownerUrl, (sql) => sql<{ n: number }[]>`select count(*)::int as n from audit_events where org_id = ${org} and action = 'org.plan_changed' and metadata->>'to' = 'basic'`);
    expect(changes?.n).toBe(4);
  });
});
