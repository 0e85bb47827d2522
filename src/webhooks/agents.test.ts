/* Signed agents over HTTP with the real app and PostgreSQL. Requests are signed with an
   independent RFC 9421 implementation (the `http-message-signatures` package), never with our
   code. Attacks: unsigned, altered body/path/digest, another key, stale and future signatures,
   a replayed nonce, a revoked agent, an agent of organisation A posting as B. Claim WH-3. */
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createSigner, httpbis } from 'http-message-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { call, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { fixedClock } from '../lib/clock.js';

const clock = fixedClock('2026-06-01T10:00:00Z');
let app: TestApp;
let adminA: Session;
let adminB: Session;
let orgA: string;
let orgB: string;

interface AgentKeys { id: string; privateKey: KeyObject }

function keypair(): { privateKey: KeyObject; publicRaw: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicRaw: Buffer.from(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)).toString('base64url') };
}

async function register(s: Session, name: string): Promise<AgentKeys> {
  const k = keypair();
  const r = await call(app, { session: s }, 'POST', '/v1/org/agents', { name, publicKey: k.publicRaw });
  expect(r.status, r.text).toBe(201);
  return { id: String(r.body.id), privateKey: k.privateKey };
}

interface Signed { headers: Record<string, string>; body: string }

/** Signs a POST /v1/agent/events with http-message-signatures (independent of Palisade's code). */
async function signed(agent: { id: string; privateKey: KeyObject }, body: unknown, opts: { created?: Date; nonce?: string; fields?: string[]; path?: string } = {}): Promise<Signed> {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-digest': `sha-256=:${createHash('sha256').update(text).digest('base64')}:`,
  };
  const req = await httpbis.signMessage({
    key: createSigner(agent.privateKey, 'ed25519', agent.id),
    fields: opts.fields ?? ['@method', '@path', 'content-digest'],
    params: ['keyid', 'alg', 'created', 'nonce'],
    paramValues: { created: opts.created ?? clock.now(), nonce: opts.nonce ?? randomBytes(16).toString('base64url') },
  }, { method: 'POST', url: `http://localhost${opts.path ?? '/v1/agent/events'}`, headers });
  return { headers: req.headers as Record<string, string>, body: text };
}

async function post(s: Signed, overrides: { body?: string; headers?: Record<string, string>; url?: string } = {}) {
  const res = await app.http.inject({ method: 'POST', url: overrides.url ?? '/v1/agent/events', headers: { ...s.headers, ...overrides.headers }, payload: overrides.body ?? s.body });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

async function reported(orgId: string): Promise<Array<{ actor_type: string; actor_id: string; metadata: Record<string, unknown> }>> {
  return asSuperuser(app.testDb.ownerUrl, (sql) => sql`select actor_type, actor_id, metadata from audit_events where org_id = ${orgId} and action = 'agent.event_reported' order by seq`);
}

const event = (n: number) => ({ type: 'login_failed_burst', severity: 'high' as const, message: `burst ${n}` });

beforeAll(async () => {
  app = await buildTestApp({ clock });
  adminA = await signIn(app, await createUser(app));
  orgA = await createOrg(app, adminA, 'Agent Org A');
  adminB = await signIn(app, await createUser(app));
  orgB = await createOrg(app, adminB, 'Agent Org B');
}, 120_000);
afterAll(async () => { await app?.close(); });

describe('signed agents', () => {
  it('WH-3: a request signed by a registered agent (RFC 9421, Ed25519) is accepted and audited with the agent as the actor', async () => {
    const agent = await register(adminA, 'shop plugin');
    const r = await post(await signed(agent, event(1)));
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toMatchObject({ accepted: true, agentId: agent.id });
    const rows = await reported(orgA);
    expect(rows.at(-1)).toMatchObject({ actor_type: 'agent', actor_id: agent.id, metadata: { type: 'login_failed_burst', severity: 'high', message: 'burst 1' } });
  });

  it('WH-3: unsigned, altered (body, digest, path) and wrongly keyed requests are refused and record nothing', async () => {
    const agent = await register(adminA, 'altered');
    const before = (await reported(orgA)).length;
    const good = await signed(agent, event(2));
    expect((await post(good, { headers: { signature: '', 'signature-input': '' } })).body.code).toBe('agent_signature_invalid');
    // Body changed, digest left: the digest no longer matches.
    expect((await post(good, { body: JSON.stringify(event(3)) })).body.code).toBe('agent_signature_invalid');
    // Body and digest changed together: the signature covers the digest.
    const other = JSON.stringify(event(4));
    expect((await post(good, { body: other, headers: { 'content-digest': `sha-256=:${createHash('sha256').update(other).digest('base64')}:` } })).body.code).toBe('agent_signature_invalid');
    // Signed for another path.
    expect((await post(await signed(agent, event(5), { path: '/v1/agent/other' }))).body.code).toBe('agent_signature_invalid');
    // Signed by a key that is not the agent's.
    expect((await post(await signed({ id: agent.id, privateKey: keypair().privateKey }, event(6)))).body.code).toBe('agent_signature_invalid');
    // Not covering content-digest.
    expect((await post(await signed(agent, event(7), { fields: ['@method', '@path'] }))).body.code).toBe('agent_signature_invalid');
    for (const r of [await post(good, { body: '{}' })]) expect(r.status).toBe(401);
    expect((await reported(orgA)).length).toBe(before);
  });

  it('WH-3: a signature older than 5 minutes (or dated ahead) is refused; just inside the window it is accepted', async () => {
    const agent = await register(adminA, 'clock');
    const at = (s: number) => new Date(clock.now().getTime() + s * 1000);
    expect((await post(await signed(agent, event(8), { created: at(-301) }))).body.code).toBe('agent_signature_expired');
    expect((await post(await signed(agent, event(9), { created: at(301) }))).body.code).toBe('agent_signature_expired');
    expect((await post(await signed(agent, event(10), { created: at(-290) }))).status).toBe(202);
  });

  it('WH-3: a replayed request (same nonce) is refused, also when sent concurrently; the event is recorded once', async () => {
    const agent = await register(adminA, 'replay');
    const s = await signed(agent, event(11));
    const before = (await reported(orgA)).length;
    expect((await post(s)).status).toBe(202);
    const again = await post(s);
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('agent_nonce_replayed');
    const s2 = await signed(agent, event(12));
    const results = await Promise.all(Array.from({ length: 6 }, () => post(s2)));
    expect(results.filter((r) => r.status === 202)).toHaveLength(1);
    expect(results.filter((r) => r.body.code === 'agent_nonce_replayed')).toHaveLength(5);
    expect((await reported(orgA)).length).toBe(before + 2);
  });

  it('WH-3: revocation bites on the next request', async () => {
    const agent = await register(adminA, 'revoked');
    expect((await post(await signed(agent, event(13)))).status).toBe(202);
    const rev = await call(app, { session: adminA }, 'DELETE', `/v1/org/agents/${agent.id}`);
    expect(rev.status).toBe(200);
    expect(rev.body.status).toBe('revoked');
    const r = await post(await signed(agent, event(14)));
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('agent_signature_invalid');
  });

  it('WH-3: an agent of organisation A cannot post as organisation B', async () => {
    const a = await register(adminA, 'A agent');
    const b = await register(adminB, 'B agent');
    const beforeB = (await reported(orgB)).length;
    // A's key under B's agent id: refused.
    expect((await post(await signed({ id: b.id, privateKey: a.privateKey }, event(15)))).body.code).toBe('agent_signature_invalid');
    // A correctly signed body naming B: the schema has no place for an organisation.
    const naming = await post(await signed(a, { ...event(16), orgId: orgB }));
    expect(naming.status).toBe(400);
    expect(naming.body.code).toBe('agent_event_invalid');
    // A's accepted event lands in A's log only.
    expect((await post(await signed(a, event(17)))).status).toBe(202);
    expect((await reported(orgB)).length).toBe(beforeB);
    expect((await reported(orgA)).some((r) => r.actor_id === a.id && r.metadata.message === 'burst 17')).toBe(true);
    // And B's admin cannot see or revoke A's agent.
    expect((await call(app, { session: adminB }, 'DELETE', `/v1/org/agents/${a.id}`)).status).toBe(404);
    const list = await call(app, { session: adminB }, 'GET', '/v1/org/agents');
    expect((list.body.items as Array<{ id: string }>).map((x) => x.id)).toEqual([b.id]);
  });

  it('refuses a public key that is not Ed25519', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (const k of ['not a key at all, not a key at all, not a key', publicKey.export({ format: 'pem', type: 'spki' }).toString(), Buffer.alloc(31).toString('base64')]) {
      const r = await call(app, { session: adminA }, 'POST', '/v1/org/agents', { name: 'bad', publicKey: k.padEnd(43, 'A') });
      expect(r.status, k).toBe(422);
      expect(r.body.code).toBe('agent_public_key_invalid');
    }
  });
});
