/* WH-2 with real processes: two `palisade start` nodes on one PostgreSQL receive the same Stripe
   events at the same moment, many times; and a node is SIGKILLed while its handler is inside
   the transaction (held there by a row lock the test takes on the organisation, so the kill
   lands mid-handler by construction, not by timing). Effects are counted in the database.
   Events are signed by Stripe's own library. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../fixtures/db.js';
import { startPalisadeProcess, type PalisadeProcess } from '../fixtures/palisade-process.js';
import { STRIPE_SECRET, stripeSignature, subscriptionEvent } from '../fixtures/stripe-events.js';
import { freePort } from '../../src/db/embedded.js';

let t: TestDb;
let dir = '';
const nodes: PalisadeProcess[] = [];
const orgId = 'org_stripee2eexactlyonce0000';

async function start(): Promise<PalisadeProcess> {
  const p = await startPalisadeProcess({
    PORT: String(await freePort()), DATABASE_URL: t.ownerUrl, PALISADE_DATA_DIR: dir, PALISADE_LOG_LEVEL: 'warn',
    PALISADE_STRIPE_WEBHOOK_SECRETS: STRIPE_SECRET,
  });
  nodes.push(p);
  return p;
}

async function deliver(node: PalisadeProcess, payload: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${node.url}/v1/inbound/stripe`, {
    method: 'POST', body: payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature(payload, Math.floor(Date.now() / 1000)) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function counts(evt: string): Promise<{ inbox: number; audited: number; planChanges: number }> {
  return asSuperuser(t.ownerUrl, async (sql) => {
    const [r] = await sql<{ inbox: number; audited: number; plan: number }[]>`
      select (select count(*)::int from stripe_inbox where event_id = ${evt}) as inbox,
             (select count(*)::int from audit_events where action = 'billing.stripe_event' and target_id = ${evt}) as audited,
             (select count(*)::int from audit_events where action = 'org.plan_changed' and metadata->>'stripeEventId' = ${evt}) as plan`;
    return { inbox: r?.inbox ?? -1, audited: r?.audited ?? -1, planChanges: r?.plan ?? -1 };
  });
}

const planOf = async (): Promise<string> => asSuperuser(t.ownerUrl, async (sql) => (await sql<{ plan: string }[]>`select plan from orgs where id = ${orgId}`)[0]?.plan ?? '');

beforeAll(async () => {
  t = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'palisade-stripe-'));
  await asSuperuser(t.ownerUrl, (sql) => sql`insert into orgs (id, name) values (${orgId}, 'Exactly Once Co')`);
}, 60_000);
afterAll(async () => {
  for (const n of nodes) if (n.proc.exitCode === null && n.proc.signalCode === null) n.proc.kill('SIGTERM');
  await Promise.all(nodes.map((n) => (n.proc.exitCode !== null || n.proc.signalCode !== null ? null : new Promise((r) => n.proc.on('exit', r)))));
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('Stripe inbox across processes', () => {
  it('WH-2: two processes given the same events concurrently, many times, process each exactly once', async () => {
    const [a, b] = [await start(), await start()];
    const base = Math.floor(Date.now() / 1000);
    const events = Array.from({ length: 25 }, (_, i) => subscriptionEvent({ orgId, plan: i % 2 ? 'team' : 'enterprise', created: base + i }));
    const results = await Promise.all(events.flatMap((payload) => [a, b, a, b].map((n) => deliver(n!, payload))));
    expect(results.every((r) => r.status === 200), JSON.stringify(results.find((r) => r.status !== 200))).toBe(true);
    for (const payload of events) {
      const evt = (JSON.parse(payload) as { id: string }).id;
      expect(results.filter((r) => r.body.eventId === evt && r.body.duplicate === false)).toHaveLength(1);
      const c = await counts(evt);
      expect(c.inbox, evt).toBe(1);
      expect(c.audited, evt).toBe(1);
      expect(c.planChanges, evt).toBeLessThanOrEqual(1);
    }
    // The newest event (i = 24: enterprise) wins whatever the arrival order; older ones are recorded as stale.
    expect(await planOf()).toBe('enterprise');
  }, 180_000);

  it('WH-2: a process SIGKILLed inside the handler commits nothing; the redelivered event is then processed once', async () => {
    const victim = await start();
    const survivor = nodes[0]!;
    const payload = subscriptionEvent({ orgId, plan: 'enterprise', created: Math.floor(Date.now() / 1000) + 1000 });
    const evt = (JSON.parse(payload) as { id: string }).id;
    const before = await planOf();

    // Hold the organisation's row: the handler claims the event id, then waits on this lock.
    const holder = postgres(t.ownerUrl, { max: 1, onnotice: () => {} });
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => { release = r; });
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((r) => { locked = r; });
    const txDone = holder.begin(async (sql) => {
      await sql`select id from orgs where id = ${orgId} for update`;
      locked();
      await held;
    });
    await isLocked;
    const inflight = deliver(victim, payload).catch(() => null);

    // Wait until a backend is blocked on the row inside the handler's transaction.
    let pid: number | undefined;
    for (let i = 0; i < 600 && pid === undefined; i++) {
      const rows = await asSuperuser(t.ownerUrl, (sql) => sql<{ pid: number }[]>`
        select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from orgs where id%for update%'`);
      pid = rows[0]?.pid;
      if (pid === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(pid, 'the handler never reached the plan update').toBeDefined();
    // Its event id is claimed, uncommitted: invisible to everyone else.
    expect((await counts(evt)).inbox).toBe(0);

    victim.proc.kill('SIGKILL');
    await new Promise((r) => (victim.proc.signalCode !== null ? r(null) : victim.proc.on('exit', r)));
    release();
    await txDone;
    await holder.end();
    await inflight;
    // The killed node's backend ends without a COMMIT: nothing of the handler survives.
    for (let i = 0; i < 600; i++) {
      const rows = await asSuperuser(t.ownerUrl, (sql) => sql`select 1 from pg_stat_activity where pid = ${pid!}`);
      if (rows.length === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await counts(evt)).toEqual({ inbox: 0, audited: 0, planChanges: 0 });
    expect(await planOf()).toBe(before);

    // Stripe redelivers (to whichever node): processed once, and only once.
    const first = await deliver(survivor, payload);
    expect(first.body).toMatchObject({ duplicate: false, outcome: 'applied' });
    const again = await deliver(survivor, payload);
    expect(again.body).toMatchObject({ duplicate: true });
    expect(await counts(evt)).toEqual({ inbox: 1, audited: 1, planChanges: 1 });
    expect(await planOf()).toBe('enterprise');
  }, 180_000);
});
