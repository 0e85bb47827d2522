/* The console's in-browser verifier (web/src/verify.ts) run under Node's WebCrypto against a real
   audit log: real records in PostgreSQL, sealed by the real sealer, proofs and checkpoints from
   the real routes. Every leaf of a 13-leaf tree verifies (every shape of path), and each thing a
   lying server could change is caught: the leaf, a sibling hash, the tree size, the checkpoint's
   root or signature, the organisation, the key. The browser suite runs the same code in Chromium. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { authHookPlugin } from '../../src/http/auth-hook.js';
import { createLogger } from '../../src/http/logger.js';
import { buildHttp } from '../../src/http/server.js';
import type { OrgId, Principal } from '../../src/lib/caller.js';
import { createCheckpointKeys } from '../../src/audit/keys.js';
import { auditRoutes } from '../../src/audit/routes.js';
import { createSealer, type Sealer } from '../../src/audit/sealer.js';
import { createAuditService } from '../../src/audit/service.js';
import { createAlerting } from '../../src/audit/alerts.js';
import { parseMassReads, parseThreshold } from '../../src/audit/anomalies.js';
import { appendIn, makeOrg, testKeyring } from '../../src/audit/testing.js';
import { createTestDb, type TestDb } from '../fixtures/db.js';
import { parseVerifierKey, pinVerifierKey, verifyRecordProof, type Proof, type VerifierKey } from '../../web/src/verify.js';

let t: TestDb;
let app: FastifyInstance;
let sealer: Sealer;
let org: OrgId;
let other: OrgId;
const ids: string[] = [];
let otherId = '';
let vkeyText = '';
let vk: VerifierKey;

beforeAll(async () => {
  t = await createTestDb();
  const keys = createCheckpointKeys({ db: t.db, keyring: testKeyring(), keyName: 'palisade.test/audit' });
  const alerting = createAlerting({
    db: t.db,
    config: { bruteForce: parseThreshold('3/600'), credentialStuffing: parseThreshold('50/600'), deniedBurst: parseThreshold('20/60'), outboundFailures: parseThreshold('10/300'), massReads: parseMassReads('10x/1000'), adminNewSourceDays: 90 },
    notify: async () => {},
  });
  sealer = createSealer({ db: t.db, keys, logName: 'palisade.test/audit', batchSize: 1000, intervalMs: 1000 });
  app = await buildHttp({ config: loadConfig({ PALISADE_LOG_LEVEL: 'silent' }), logger: createLogger('silent'), version: 'test' });
  const authenticate = async (request: { headers: Record<string, unknown> }): Promise<Principal | null> => {
    const h = request.headers['x-test-user'];
    if (typeof h !== 'string') return null;
    const [userId, orgId] = h.split('@');
    return { kind: 'user', userId: userId!, sessionId: 'ses_test', orgId: (orgId ?? null) as OrgId | null, superAdmin: false };
  };
  await app.register(authHookPlugin, { db: t.db, authenticators: [authenticate as never], authorize: async () => ({ allowed: true }) });
  await app.register(auditRoutes, { service: createAuditService({ db: t.db, keys }), alerting });
  await app.ready();
  org = await makeOrg(t.db);
  other = await makeOrg(t.db, 'Other org');
  for (let i = 0; i < 13; i++) ids.push(await appendIn(t.db, org, { metadata: { i } }));
  otherId = await appendIn(t.db, other);
  await sealer.sealAll();
  vkeyText = (await app.inject({ method: 'GET', url: '/v1/audit/verifier-key' })).body.trim();
  vk = await parseVerifierKey(vkeyText);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function proof(id: string, orgId: string = org): Promise<Proof> {
  const res = await app.inject({ method: 'GET', url: `/v1/org/audit/events/${id}/proof`, headers: { 'x-test-user': `usr_auditor@${orgId}` } });
  expect(res.statusCode).toBe(200);
  return res.json() as Proof;
}

const flipB64 = (s: string, at = 0) => {
  const b = Buffer.from(s, 'base64');
  b[at] = (b[at] ?? 0) ^ 1;
  return b.toString('base64');
};

describe('the console\'s in-browser verifier (web/src/verify.ts)', () => {
  it('AUD-3: every record of a 13-leaf tree verifies: inclusion proof to a checkpoint signed by the pinned key', async () => {
    for (const [i, id] of ids.entries()) {
      const p = await proof(id);
      expect(p.leafIndex).toBe(i);
      await expect(verifyRecordProof(p, vk, org)).resolves.toMatch(new RegExp(`^Verified: leaf ${i} of \\d+, checkpoint signed by palisade\\.test/audit$`));
    }
  });

  it('AUD-3: a changed leaf, sibling hash, leaf index or tree size does not verify', async () => {
    const p = await proof(ids[6]!);
    await expect(verifyRecordProof({ ...p, leaf: Buffer.from('{"forged":true}').toString('base64') }, vk, org)).rejects.toThrow('the inclusion proof does not lead to the signed root');
    for (let k = 0; k < p.auditPath.length; k++) {
      const auditPath = p.auditPath.map((h, j) => (j === k ? flipB64(h) : h));
      await expect(verifyRecordProof({ ...p, auditPath }, vk, org)).rejects.toThrow('does not lead to the signed root');
    }
    await expect(verifyRecordProof({ ...p, auditPath: p.auditPath.slice(1) }, vk, org)).rejects.toThrow('does not lead to the signed root');
    await expect(verifyRecordProof({ ...p, leafIndex: 7 }, vk, org)).rejects.toThrow('does not lead to the signed root');
    await expect(verifyRecordProof({ ...p, leafIndex: p.treeSize }, vk, org)).rejects.toThrow('does not lead to the signed root');
    await expect(verifyRecordProof({ ...p, treeSize: p.treeSize + 1 }, vk, org)).rejects.toThrow('the proof is for another tree size');
  });

  it('AUD-3: a checkpoint with a changed root or signature, or signed by another key, is refused', async () => {
    const p = await proof(ids[3]!);
    const [text, sigs] = [p.checkpoint.slice(0, p.checkpoint.lastIndexOf('\n\n') + 1), p.checkpoint.slice(p.checkpoint.lastIndexOf('\n\n') + 1)];
    const lines = text.split('\n');
    const rerooted = `${[lines[0], lines[1], flipB64(lines[2]!), ...lines.slice(3)].join('\n')}${sigs}`;
    await expect(verifyRecordProof({ ...p, checkpoint: rerooted }, vk, org)).rejects.toThrow('no valid signature by the pinned key');
    const sigLine = sigs.trim().split('\n')[0]!.split(' ');
    const resigned = `${text}\n${sigLine[0]} ${sigLine[1]} ${flipB64(sigLine[2]!, 10)}\n`;
    await expect(verifyRecordProof({ ...p, checkpoint: resigned }, vk, org)).rejects.toThrow('no valid signature by the pinned key');
    // Another Ed25519 key under the same name: its key id differs, nothing verifies.
    const otherKey = await globalThis.crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']) as CryptoKeyPair;
    const raw = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', otherKey.publicKey));
    const name = vkeyText.slice(0, vkeyText.indexOf('+'));
    const keyBytes = Buffer.concat([Buffer.from([1]), raw]);
    const id = Buffer.from(await globalThis.crypto.subtle.digest('SHA-256', Buffer.concat([Buffer.from(`${name}\n`), keyBytes]))).subarray(0, 4).toString('hex');
    const stranger = await parseVerifierKey(`${name}+${id}+${keyBytes.toString('base64')}`);
    await expect(verifyRecordProof(p, stranger, org)).rejects.toThrow('no valid signature by the pinned key');
    // A key text whose id does not match its key is refused outright.
    await expect(parseVerifierKey(`${name}+00000000+${keyBytes.toString('base64')}`)).rejects.toThrow('verifier key hash mismatch');
  });

  it('AUD-3: a valid proof from another organisation\'s log is refused for this organisation', async () => {
    const p = await proof(otherId, other);
    await expect(verifyRecordProof(p, vk, other)).resolves.toMatch(/^Verified/);
    await expect(verifyRecordProof(p, vk, org)).rejects.toThrow('the checkpoint is for another organisation');
  });

  it('AUD-3: the verifier key is pinned on first use; a server that later presents another key is refused', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(pinVerifierKey(vkeyText, storage)).toBe(vkeyText);
    expect(store.get('palisade.vkey')).toBe(vkeyText);
    expect(pinVerifierKey(vkeyText, storage)).toBe(vkeyText);
    expect(() => pinVerifierKey('other.example/audit+00000000+AQ', storage)).toThrow('another verifier key');
  });
});
