/* The audit and alert routes over HTTP (app.inject), on a real database, behind the real auth
   hook with a stub authenticator/authoriser (the identity and authz modules are tested on
   their own). */
import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { loadConfig } from '../config/load.js';
import { withSystem } from '../db/index.js';
import { authHookPlugin } from '../http/auth-hook.js';
import { createLogger } from '../http/logger.js';
import { buildHttp } from '../http/server.js';
import type { OrgId, Principal } from '../lib/caller.js';
import { createAlerting, type AlertView } from './alerts.js';
import { parseMassReads, parseThreshold } from './anomalies.js';
import { createCheckpointKeys } from './keys.js';
import { auditRoutes } from './routes.js';
import { createSealer, type Sealer } from './sealer.js';
import { createAuditService } from './service.js';
import { appendIn, makeOrg, testKeyring } from './testing.js';

let t: TestDb;
let app: FastifyInstance;
let sealer: Sealer;
const notified: { orgId: string; alert: AlertView }[] = [];

beforeAll(async () => {
  t = await createTestDb();
  const config = loadConfig({ PALISADE_LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  const keys = createCheckpointKeys({ db: t.db, keyring: testKeyring(), keyName: 'palisade.test/audit' });
  const alerting = createAlerting({
    db: t.db,
    config: {
      bruteForce: parseThreshold('3/600'),
      credentialStuffing: parseThreshold('50/600'),
      deniedBurst: parseThreshold('20/60'),
      outboundFailures: parseThreshold('10/300'),
      massReads: parseMassReads('10x/1000'),
      adminNewSourceDays: 90,
    },
    notify: async (orgId, alert) => {
      notified.push({ orgId, alert });
    },
  });
  sealer = createSealer({ db: t.db, keys, logName: 'palisade.test/audit', batchSize: 1000, intervalMs: 1000, onSealed: (e) => alerting.onSealed(e) });
  app = await buildHttp({ config, logger, version: 'test' });
  // Test principal: "x-test-user: <userId>@<orgId>"; permissions granted: "x-test-perms".
  const authenticate = async (request: { headers: Record<string, unknown> }): Promise<Principal | null> => {
    const h = request.headers['x-test-user'];
    if (typeof h !== 'string') return null;
    const [userId, orgId] = h.split('@');
    return { kind: 'user', userId: userId!, sessionId: 'ses_test', orgId: (orgId ?? null) as OrgId | null, superAdmin: false };
  };
  await app.register(authHookPlugin, {
    db: t.db,
    authenticators: [authenticate as never],
    authorize: async (p, permission) => {
      void p;
      return permission.startsWith('audit:') || permission.startsWith('alerts:') ? { allowed: true } : { allowed: false, layer: 'org_role' };
    },
  });
  await app.register(auditRoutes, { service: createAuditService({ db: t.db, keys }), alerting });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const as = (user: string, org: string) => ({ 'x-test-user': `${user}@${org}` });
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const H = (...p: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const x of p) h.update(x);
  return new Uint8Array(h.digest());
};

/* An independent RFC 9162 inclusion check, written from the definition of PATH(m, D[n])
   (§2.1.3.1) by rebuilding the root top-down, not from the §2.1.3.2 bit-walk merkle.ts uses. */
function rootFromPath(m: number, n: number, leafHash: Uint8Array, path: Uint8Array[]): Uint8Array | null {
  if (n === 1) return path.length === 0 ? leafHash : null;
  if (path.length === 0) return null;
  let k = 1;
  while (k * 2 < n) k *= 2;
  const sibling = path[path.length - 1]!;
  const rest = path.slice(0, -1);
  if (m < k) {
    const left = rootFromPath(m, k, leafHash, rest);
    return left && H(Uint8Array.of(1), left, sibling);
  }
  const right = rootFromPath(m - k, n - k, leafHash, rest);
  return right && H(Uint8Array.of(1), sibling, right);
}

/** Opens a checkpoint note by hand and checks it with @noble/curves against the published vkey. */
function nobleOpen(note: string, vkey: string): { size: number; root: Uint8Array } {
  const cut = note.lastIndexOf('\n\n');
  const text = note.slice(0, cut + 1);
  const sigB64 = note.slice(cut + 2).split('\n')[0]!.split(' ')[2]!;
  const keyBytes = b64(vkey.slice(vkey.indexOf('+', vkey.indexOf('+') + 1) + 1));
  const sig = b64(sigB64);
  if (!ed25519.verify(sig.subarray(4), new TextEncoder().encode(text), keyBytes.subarray(1))) throw new Error('bad signature');
  const [, size, root] = text.split('\n');
  return { size: Number(size), root: b64(root!) };
}

describe('audit routes', () => {
  it('AUD-2: records carry actor, time, source (IP, user agent, request id), action, target, outcome, deny layer and reason; filters and cursor pagination work', async () => {
    const org = await makeOrg(t.db);
    await appendIn(t.db, org, { action: 'vault.file.update', actor: { type: 'user', id: 'usr_alice' }, target: { type: 'file', id: 'fil_1' }, source: { ip: '203.0.113.5', userAgent: 'Firefox/130', requestId: 'req_a' }, reason: 'ticket 17' });
    await appendIn(t.db, org, { action: 'authz.denied', actor: { type: 'api_key', id: 'key_1' }, outcome: 'denied', denyLayer: 'org_role', source: { ip: '198.51.100.2', userAgent: 'curl', requestId: 'req_b' } });
    for (let i = 0; i < 5; i++) await appendIn(t.db, org, { action: 'vault.file.download', actor: { type: 'user', id: 'usr_bob' }, target: { type: 'file', id: `fil_${i}` } });

    const all = await app.inject({ method: 'GET', url: '/v1/org/audit/events?limit=200', headers: as('usr_auditor', org) });
    expect(all.statusCode).toBe(200);
    const items = all.json().items as Record<string, unknown>[];
    expect(items).toHaveLength(7);
    expect(items.find((i) => i.action === 'vault.file.update')).toMatchObject({
      orgId: org,
      actor: { type: 'user', id: 'usr_alice' },
      target: { type: 'file', id: 'fil_1' },
      outcome: 'allowed',
      source: { ip: '203.0.113.5', userAgent: 'Firefox/130', requestId: 'req_a' },
      reason: 'ticket 17',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      leafIndex: null,
    });
    expect(items.find((i) => i.action === 'authz.denied')).toMatchObject({ outcome: 'denied', denyLayer: 'org_role', actor: { type: 'api_key', id: 'key_1' } });

    const q = async (qs: string) => (await app.inject({ method: 'GET', url: `/v1/org/audit/events?${qs}`, headers: as('usr_auditor', org) })).json() as { items: { action: string; id: string }[]; nextCursor: string | null };
    expect((await q('actorType=api_key')).items.map((i) => i.action)).toEqual(['authz.denied']);
    expect((await q('actorId=usr_bob')).items).toHaveLength(5);
    expect((await q('action=vault.file.update')).items).toHaveLength(1);
    expect((await q('actionPrefix=vault.')).items).toHaveLength(6);
    expect((await q('targetType=file&targetId=fil_3')).items).toHaveLength(1);
    expect((await q('outcome=denied')).items).toHaveLength(1);
    expect((await q(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toHaveLength(0);
    expect((await q(`to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&actorId=usr_bob`)).items).toHaveLength(5);

    // Pages of 2, newest first, no duplicates, no gaps.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await q(`actorId=usr_bob&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect((await app.inject({ method: 'GET', url: '/v1/org/audit/events?cursor=garbage', headers: as('usr_auditor', org) })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/v1/org/audit/events?unknown=1', headers: as('usr_auditor', org) })).statusCode).toBe(400);
  });

  it('AUD-1: reading the audit log is itself audited, with the reader, source and Palisade-Audit-Reason', async () => {
    const org = await makeOrg(t.db);
    await appendIn(t.db, org);
    const res = await app.inject({ method: 'GET', url: '/v1/org/audit/events?outcome=allowed', headers: { ...as('usr_reader', org), 'palisade-audit-reason': 'quarterly review', 'user-agent': 'auditor-cli' } });
    expect(res.statusCode).toBe(200);
    const rows = await withSystem(t.db, (tx) => tx.sql<{ action: string; actor_id: string; reason: string; user_agent: string; request_id: string; metadata: { filters: Record<string, string> } }[]>`
      select action, actor_id, reason, user_agent, request_id, metadata from audit_events where org_id = ${org} and action = 'audit.events.list'`);
    expect(rows).toEqual([
      expect.objectContaining({ actor_id: 'usr_reader', reason: 'quarterly review', user_agent: 'auditor-cli', request_id: res.headers['x-request-id'] ?? expect.any(String), metadata: expect.objectContaining({ filters: { outcome: 'allowed' } }) }),
    ]);
  });

  it('AUD-3: an inclusion proof verifies with an independent verifier against a checkpoint that verifies with @noble/curves', async () => {
    const org = await makeOrg(t.db);
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) ids.push(await appendIn(t.db, org, { metadata: { i } }));
    const unsealed = await app.inject({ method: 'GET', url: `/v1/org/audit/events/${ids[6]}/proof`, headers: as('usr_auditor', org) });
    expect(unsealed.statusCode).toBe(409);
    expect(unsealed.json().code).toBe('audit_not_sealed');
    await sealer.sealAll();

    const vkey = (await app.inject({ method: 'GET', url: '/v1/audit/verifier-key' })).body.trim();
    expect(vkey).toMatch(/^palisade\.test\/audit\+[0-9a-f]{8}\+/);
    const res = await app.inject({ method: 'GET', url: `/v1/org/audit/events/${ids[6]}/proof`, headers: as('usr_auditor', org) });
    expect(res.statusCode).toBe(200);
    const p = res.json() as { leafIndex: number; treeSize: number; leaf: string; auditPath: string[]; checkpoint: string; record: { id: string } };
    expect(p).toMatchObject({ leafIndex: 6, treeSize: 13, record: { id: ids[6] } });
    const cp = nobleOpen(p.checkpoint, vkey);
    expect(cp.size).toBe(13);
    // The leaf is the canonical record: JSON that parses to the record shown.
    expect(JSON.parse(Buffer.from(p.leaf, 'base64').toString('utf8'))).toMatchObject({ id: ids[6], v: 1, metadata: { i: 6 } });
    const leafHash = H(Uint8Array.of(0), b64(p.leaf));
    expect(Buffer.from(rootFromPath(p.leafIndex, p.treeSize, leafHash, p.auditPath.map(b64))!)).toEqual(Buffer.from(cp.root));
    // A different record's leaf does not verify with this path.
    const other = H(Uint8Array.of(0), new TextEncoder().encode('{"forged":true}'));
    expect(Buffer.from(rootFromPath(p.leafIndex, p.treeSize, other, p.auditPath.map(b64))!)).not.toEqual(Buffer.from(cp.root));

    // Against an older checkpoint too (the size a client saved earlier).
    await appendIn(t.db, org);
    await sealer.sealAll();
    const older = (await app.inject({ method: 'GET', url: `/v1/org/audit/events/${ids[6]}/proof?treeSize=13`, headers: as('usr_auditor', org) })).json() as typeof p;
    expect(older.treeSize).toBe(13);
    expect(older.checkpoint).toBe(p.checkpoint);
    const newer = (await app.inject({ method: 'GET', url: `/v1/org/audit/events/${ids[6]}/proof`, headers: as('usr_auditor', org) })).json() as typeof p;
    // 13 + the record appended above + the audit records of the proof reads themselves.
    expect(newer.treeSize).toBeGreaterThan(13);
    expect(Buffer.from(rootFromPath(6, newer.treeSize, leafHash, newer.auditPath.map(b64))!)).toEqual(Buffer.from(nobleOpen(newer.checkpoint, vkey).root));
    expect((await app.inject({ method: 'GET', url: `/v1/org/audit/events/${ids[6]}/proof?treeSize=5`, headers: as('usr_auditor', org) })).json().code).toBe('audit_tree_size_invalid');

    const latest = await app.inject({ method: 'GET', url: '/v1/org/audit/checkpoints/latest', headers: as('usr_auditor', org) });
    expect(latest.headers['content-type']).toMatch(/^text\/plain/);
    expect(latest.body).toBe(newer.checkpoint);
  });

  it('AUD-3: a consistency proof between two published checkpoints verifies', async () => {
    const org = await makeOrg(t.db);
    for (let i = 0; i < 6; i++) await appendIn(t.db, org);
    await sealer.sealAll();
    for (let i = 0; i < 5; i++) await appendIn(t.db, org);
    await sealer.sealAll();
    const vkey = (await app.inject({ method: 'GET', url: '/v1/audit/verifier-key' })).body.trim();
    const list = (await app.inject({ method: 'GET', url: '/v1/org/audit/checkpoints', headers: as('usr_auditor', org) })).json() as { items: { treeSize: number; checkpoint: string }[] };
    expect(list.items.map((i) => i.treeSize)).toEqual([11, 6]);
    const old = nobleOpen(list.items[1]!.checkpoint, vkey);
    const cur = nobleOpen(list.items[0]!.checkpoint, vkey);
    const res = await app.inject({ method: 'GET', url: '/v1/org/audit/consistency?from=6&to=11', headers: as('usr_auditor', org) });
    expect(res.statusCode).toBe(200);
    const { proof } = res.json() as { proof: string[] };
    const { verifyConsistency } = await import('./merkle.js');
    expect(verifyConsistency(6, 11, old.root, cur.root, proof.map(b64))).toBe(true);
    expect(verifyConsistency(6, 11, cur.root, cur.root, proof.map(b64))).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/v1/org/audit/consistency?from=7&to=6', headers: as('usr_auditor', org) })).json().code).toBe('audit_tree_size_invalid');
    expect((await app.inject({ method: 'GET', url: '/v1/org/audit/consistency?from=1&to=999', headers: as('usr_auditor', org) })).statusCode).toBe(400);
    const at6 = await app.inject({ method: 'GET', url: '/v1/org/audit/checkpoints/6', headers: as('usr_auditor', org) });
    expect(at6.body).toBe(list.items[1]!.checkpoint);
  });

  it('AUD-3: the JSON Lines export carries a checkpoint and a verifiable proof for every record', async () => {
    const org = await makeOrg(t.db);
    for (let i = 0; i < 9; i++) await appendIn(t.db, org, { action: i % 2 ? 'vault.file.read' : 'vault.file.update', metadata: { i } });
    await sealer.sealAll();
    const res = await app.inject({ method: 'GET', url: '/v1/org/audit/export', headers: as('usr_auditor', org) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/jsonl/);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const head = lines[0] as { type: string; checkpoint: string; verifierKey: string; treeSize: number };
    expect(head.type).toBe('checkpoint');
    const cp = nobleOpen(head.checkpoint, head.verifierKey);
    const records = lines.slice(1) as { leafIndex: number; treeSize: number; leaf: string; auditPath: string[]; record: { id: string } }[];
    expect(records).toHaveLength(head.treeSize);
    for (const r of records) {
      expect(Buffer.from(rootFromPath(r.leafIndex, r.treeSize, H(Uint8Array.of(0), b64(r.leaf)), r.auditPath.map(b64))!)).toEqual(Buffer.from(cp.root));
      expect(JSON.parse(Buffer.from(r.leaf, 'base64').toString('utf8')).id).toBe(r.record.id);
    }
    // Filtered export: only the reads, still each with its proof.
    const reads = await app.inject({ method: 'GET', url: '/v1/org/audit/export?action=vault.file.read', headers: as('usr_auditor', org) });
    expect(reads.body.trim().split('\n')).toHaveLength(1 + 4);
    // The export was audited.
    const [row] = await withSystem(t.db, (tx) => tx.sql<{ n: string }[]>`select count(*)::text as n from audit_events where org_id = ${org} and action = 'audit.events.export'`);
    expect(row!.n).toBe('2');
  });

  it('TEN-4: another organisation\'s record answers 404 exactly like a missing one', async () => {
    const a = await makeOrg(t.db);
    const b = await makeOrg(t.db);
    const idB = await appendIn(t.db, b);
    await sealer.sealAll();
    const foreign = await app.inject({ method: 'GET', url: `/v1/org/audit/events/${idB}/proof`, headers: as('usr_x', a) });
    const missing = await app.inject({ method: 'GET', url: '/v1/org/audit/events/evt_nope/proof', headers: as('usr_x', a) });
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.json().code).toBe(missing.json().code);
    const listA = (await app.inject({ method: 'GET', url: '/v1/org/audit/events?limit=200', headers: as('usr_x', a) })).json() as { items: { id: string }[] };
    expect(listA.items.map((i) => i.id)).not.toContain(idB);
    // Unauthenticated: 401.
    expect((await app.inject({ method: 'GET', url: '/v1/org/audit/events' })).statusCode).toBe(401);
  });

  it('AUD-5: a brute-force attack raises an alert within one sealing round: stored, listed at /v1/org/alerts, emailed to the org, itself audited', async () => {
    const org = await makeOrg(t.db);
    notified.length = 0;
    for (let i = 0; i < 3; i++) {
      await appendIn(t.db, org, { action: 'auth.sign_in', outcome: 'failed', actor: { type: 'anonymous', id: null }, target: { type: 'user', id: 'usr_victim' }, source: { ip: '192.0.2.1', userAgent: 'bot', requestId: null } });
    }
    await sealer.sealAll();
    const res = await app.inject({ method: 'GET', url: '/v1/org/alerts', headers: as('usr_admin', org) });
    expect(res.statusCode).toBe(200);
    const alerts = res.json().items as AlertView[];
    expect(alerts).toEqual([expect.objectContaining({ detector: 'brute_force', subject: 'user:usr_victim', severity: 'high', status: 'open' })]);
    expect(alerts[0]!.eventIds).toHaveLength(3);
    expect(notified).toEqual([{ orgId: org, alert: expect.objectContaining({ id: alerts[0]!.id }) }]);
    const [raised] = await withSystem(t.db, (tx) => tx.sql<{ target_id: string }[]>`select target_id from audit_events where org_id = ${org} and action = 'audit.alert.raised'`);
    expect(raised!.target_id).toBe(alerts[0]!.id);
    const ack = await app.inject({ method: 'PATCH', url: `/v1/org/alerts/${alerts[0]!.id}`, headers: { ...as('usr_admin', org), 'content-type': 'application/json' }, payload: { status: 'acknowledged' } });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', statusChangedBy: 'user:usr_admin' });
    // Another org sees none of it.
    const other = await makeOrg(t.db);
    expect((await app.inject({ method: 'GET', url: '/v1/org/alerts', headers: as('usr_admin', other) })).json().items).toEqual([]);
    expect((await app.inject({ method: 'PATCH', url: `/v1/org/alerts/${alerts[0]!.id}`, headers: { ...as('usr_admin', other), 'content-type': 'application/json' }, payload: { status: 'resolved' } })).statusCode).toBe(404);
  });
});
