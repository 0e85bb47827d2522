/* AUTH-4's cross-node barrier: "revoked" means refused on every node from the next request on.
   Issue 21's mutation run found that emptying `sessions.revoked()` passed every session suite,
   because LISTEN/NOTIFY revokes a moment later anyway. Here two nodes share one real database,
   each with its own pools and node bus, and each bus's listening connection is wrapped so the
   test can hold its notifications back (queued in arrival order and delivered in that order, as a
   busy listener would), while PostgreSQL, the revocation trigger's NOTIFY and the barrier's sync
   and acknowledgements stay real. Node B's hold ends when the barrier's sync reaches it, node A's
   when B's acknowledgement does: only the barrier can end them. The heartbeats are an hour, so no
   missed echo makes a node distrust its set (and read the row) during the test. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import pino from 'pino';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { cookieValue, identityConfigWith, identityOn, verifiedAccount } from '../../test/fixtures/identity.js';
import type { Db } from '../db/index.js';
import { startNodeBus, type NodeBus } from '../db/node-bus.js';
import { fixedClock } from '../lib/clock.js';
import { SESSION_COOKIE, type Identity } from './index.js';

const logger = pino({ level: 'silent' });
const source = { ip: '192.0.2.12', userAgent: 'vitest', requestId: 'req_barrier' };
const clock = fixedClock('2035-05-05T10:00:00Z');
const config = identityConfigWith();
const HOUR = 60 * 60_000;
let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.drop();
});

/** `db` whose LISTEN callbacks can be held: while held, every notification (any channel) is
    queued; the first one matching `until` releases the queue, in order, itself last. */
function heldListener(db: Db): { db: Db; hold(until: RegExp): void; release(): void } {
  let until: RegExp | null = null;
  const queue: Array<() => void> = [];
  const release = (): void => {
    until = null;
    for (const deliver of queue.splice(0)) deliver();
  };
  const listen = (channel: string, onMessage: (payload: string) => void, onListen?: () => void) =>
    db.system.listen(
      channel,
      (payload) => {
        if (!until) return onMessage(payload);
        queue.push(() => onMessage(payload));
        if (until.test(payload)) release();
      },
      onListen,
    );
  const system = new Proxy(db.system, { get: (target, key) => (key === 'listen' ? listen : Reflect.get(target, key)) });
  return { db: { ...db, system }, hold: (re) => void (until = re), release };
}

interface Node {
  identity: Identity;
  bus: NodeBus;
  held: ReturnType<typeof heldListener>;
  stop(): Promise<void>;
}

async function node(db: Db): Promise<Node> {
  const held = heldListener(db);
  const bus = await startNodeBus({ db: held.db, logger, heartbeatMs: HOUR });
  const identity = await identityOn(db, { clock, config, bus });
  return {
    identity,
    bus,
    held,
    async stop() {
      held.release();
      await identity.stop();
      await bus.stop();
    },
  };
}

const request = (cookie: string): FastifyRequest =>
  ({ cookies: { [SESSION_COOKIE]: cookie }, headers: {}, method: 'GET', routeOptions: { config: { access: 'user' } } }) as unknown as FastifyRequest;
const userOn = async (n: Node, token: string): Promise<string | null> => {
  const p = await n.identity.authenticate(request(token));
  return p?.kind === 'user' ? p.userId : null;
};

describe('the revocation barrier', () => {
  it('AUTH-4: with every node\'s notifications held back, a revocation returns only once each live node has processed it: the next request is refused on every node', async () => {
    const a = await node(testDb.db);
    const b = await node(await testDb.connectAgain());
    try {
      // A counts B as live once B's first heartbeat (sent as B started listening) reached it.
      for (let i = 0; i < 500 && a.bus.livePeers() < 1; i++) await new Promise((r) => setTimeout(r, 20));
      expect(a.bus.livePeers()).toBe(1);
      const email = 'barrier@example.com';
      const password = 'granite harbor violin 8';
      await verifiedAccount(a.identity, email, password, source);
      const signIn = async () => {
        const r = await a.identity.accounts.signIn({ email, password }, source);
        return { token: cookieValue(r.session.cookie), sid: r.session.id, userId: r.user.id };
      };
      const [behind, target] = [await signIn(), await signIn()];
      for (const n of [a, b]) {
        expect(n.identity.revocations.healthy()).toBe(true);
        expect(await userOn(n, target.token)).toBe(target.userId);
      }

      b.held.hold(/^sync:/);
      a.held.hold(/^ack:/);
      // The premise: a revocation committed without revoke() (its trigger notifies, and that
      // notification is held) is not known on either node, and both still trust their sets.
      await asSuperuser(testDb.ownerUrl, (sql) => sql`update sessions set revoked_at = ${clock.now()}, revoked_reason = 'test' where id = ${behind.sid}`);
      for (const n of [a, b]) {
        expect(n.identity.revocations.healthy()).toBe(true);
        expect(await userOn(n, behind.token)).toBe(behind.userId);
      }

      // Through revoke(): it returns only once every live node has processed it.
      await a.identity.revokeSession({ userId: target.userId, sessionId: target.sid }, target.sid, source);
      for (const n of [a, b]) {
        expect(n.identity.revocations.isRevoked(target.sid)).toBe(true);
        expect(await userOn(n, target.token)).toBeNull();
        // Notifications arrive in commit order: what was committed before is processed too.
        expect(await userOn(n, behind.token)).toBeNull();
      }
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
