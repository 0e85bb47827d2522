import { ed25519 } from '@noble/curves/ed25519.js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withOrg, withSystem } from '../db/index.js';
import { appendAudit, PLATFORM_ORG } from './append.js';
import type { OrgId } from '../lib/ids.js';
import { canonicalBytes } from './canonical.js';
import { createCheckpointKeys } from './keys.js';
import { hashLeaf, inclusionProof, mapReader, inclusionProofNodes, verifyInclusion, rootHash, memoryReader } from './merkle.js';
import { openCheckpoint, parseVerifierKey, fromBase64 } from './note.js';
import * as repo from './repo.js';
import { createSealer, originFor } from './sealer.js';
import { appendIn, makeOrg, testKeyring, userActor } from './testing.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

// One KEK for the whole file: the first round creates the signing key wrapped by it.
const sharedKeyring = testKeyring();
function setup(db = t.db, keyring = sharedKeyring) {
  const keys = createCheckpointKeys({ db, keyring, keyName: 'palisade.test/audit' });
  const sealer = createSealer({ db, keys, logName: 'palisade.test/audit', batchSize: 1000, intervalMs: 50 });
  return { keys, sealer, keyring };
}

describe('sealer', () => {
  it('AUD-3: seals records into per-organisation trees and signs a checkpoint per changed tree', async () => {
    const { keys, sealer } = setup();
    const a = await makeOrg(t.db);
    const b = await makeOrg(t.db);
    const idsA = [await appendIn(t.db, a), await appendIn(t.db, a, { action: 'test.thing.read' }), await appendIn(t.db, a)];
    const idsB = [await appendIn(t.db, b)];
    expect(await sealer.sealAll()).toBeGreaterThanOrEqual(4);
    const verifiers = await keys.verifiers();
    for (const [org, ids] of [[a, idsA], [b, idsB]] as const) {
      const cp = await withOrg(t.db, org, userActor('x'), (tx) => repo.latestCheckpoint(tx));
      expect(cp).not.toBeNull();
      const opened = openCheckpoint(cp!.note, verifiers, originFor('palisade.test/audit', org));
      expect(opened.size).toBe(ids.length);
      // Recompute the root from the records themselves, in leaf order.
      const rows = await withSystem(t.db, (tx) => repo.leavesWithRecords(tx.sql, org, 0, 100));
      expect(rows.map((r) => r.event_id)).toEqual(ids);
      const leafHashes = rows.map((r) => hashLeaf(canonicalBytes(repo.toRecord(r as repo.EventRow))));
      expect(Buffer.from(rootHash(ids.length, memoryReader(leafHashes)))).toEqual(Buffer.from(opened.rootHash));
    }
    // Nothing left: a second pass seals nothing and signs nothing new.
    expect(await sealer.sealAll()).toBe(0);
  });

  it('AUD-3: the checkpoint verifies with @noble/curves and an inclusion proof from stored nodes verifies', async () => {
    const { keys, sealer } = setup();
    const org = await makeOrg(t.db);
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push(await appendIn(t.db, org, { metadata: { i } }));
    await sealer.sealAll();
    const vkey = parseVerifierKey((await keys.activeVerifierKey())!);
    const cp = (await withOrg(t.db, org, userActor('x'), (tx) => repo.latestCheckpoint(tx)))!;
    const cut = cp.note.lastIndexOf('\n\n');
    const sig = fromBase64(cp.note.slice(cut + 2).trim().split(' ')[2]!);
    expect(ed25519.verify(sig.subarray(4), new TextEncoder().encode(cp.note.slice(0, cut + 1)), vkey.publicKey)).toBe(true);
    const size = Number(cp.tree_size);
    const i = 7;
    const nodes = await withOrg(t.db, org, userActor('x'), (tx) => repo.fetchNodes(tx, org, inclusionProofNodes(i, size)));
    const proof = inclusionProof(i, size, mapReader(nodes));
    const ev = (await withOrg(t.db, org, userActor('x'), (tx) => repo.getEvent(tx, ids[i]!)))!;
    expect(Number(ev.leaf_index)).toBe(i);
    expect(verifyInclusion(i, size, hashLeaf(canonicalBytes(repo.toRecord(ev))), proof, cp.root_hash)).toBe(true);
  });

  it('AUD-3: a record whose transaction is still open is not sealed, and records after it wait for it (commit order)', async () => {
    const { sealer } = setup();
    const org = await makeOrg(t.db);
    await sealer.sealAll();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedP = new Promise<void>((r) => (inserted = r));
    // A long transaction: it appends, then waits before committing.
    const long = withOrg(t.db, org as OrgId, userActor('slow'), async (tx) => {
      await tx.sql`insert into audit_events (id, org_id, occurred_at, actor_type, actor_id, action, outcome)
        values (${'evt_long'}, ${org}, now(), 'user', 'slow', 'test.long.update', 'allowed')`;
      inserted();
      await gate;
    });
    await insertedP;
    // A record committed after the long transaction started.
    const later = await appendIn(t.db, org, { action: 'test.later.update' });
    const before = await sealer.sealAll();
    const sealedIds = await withSystem(t.db, (tx) => tx.sql<{ event_id: string }[]>`select event_id from audit_leaves where org_id = ${org}`);
    expect(sealedIds.map((r) => r.event_id)).not.toContain('evt_long');
    expect(sealedIds.map((r) => r.event_id)).not.toContain(later);
    void before;
    release();
    await long;
    await sealer.sealAll();
    const after = await withSystem(t.db, (tx) => tx.sql<{ event_id: string; leaf_index: string }[]>`
      select event_id, leaf_index::text from audit_leaves where org_id = ${org} order by leaf_index`);
    const order = after.map((r) => r.event_id);
    expect(order).toContain('evt_long');
    expect(order).toContain(later);
    // The long transaction began (and took its xid) before `later`, so it sorts first.
    expect(order.indexOf('evt_long')).toBeLessThan(order.indexOf(later));
  });

  it('AUTH-12: authentication events appended on the platform path are sealed into the platform tree and its signed checkpoint', async () => {
    const { keys, sealer } = setup();
    const id = await withSystem(t.db, (tx) =>
      appendAudit(tx, {
        orgId: PLATFORM_ORG,
        action: 'auth.sign_in',
        actor: { type: 'anonymous', id: null },
        target: { type: 'email', id: 'digest_1' },
        outcome: 'failed',
        reason: 'invalid credentials',
        source: { ip: '192.0.2.10', userAgent: 'x', requestId: 'req_1' },
      }),
    );
    await sealer.sealAll();
    const [leaf] = await withSystem(t.db, (tx) => tx.sql<{ org_id: string; leaf_index: string }[]>`select org_id, leaf_index::text from audit_leaves where event_id = ${id}`);
    expect(leaf!.org_id).toBe(PLATFORM_ORG);
    const [cp] = await withSystem(t.db, (tx) => tx.sql<{ note: string }[]>`
      select note from audit_checkpoints where org_id = ${PLATFORM_ORG} order by audit_checkpoints.tree_size desc limit 1`);
    const opened = openCheckpoint(cp!.note, await keys.verifiers(), originFor('palisade.test/audit', PLATFORM_ORG));
    expect(opened.size).toBeGreaterThan(Number(leaf!.leaf_index));
  });

  it('one round at a time: concurrent rounds on two nodes never fork a tree', async () => {
    const second = await t.connectAgain();
    const n1 = setup(t.db);
    const n2 = setup(second);
    const org = await makeOrg(t.db);
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendIn(t.db, org, { metadata: { i } })));
    const results = await Promise.all([n1.sealer.sealAll(), n2.sealer.sealAll(), n1.sealer.sealAll(), n2.sealer.sealAll()]);
    await n1.sealer.sealAll();
    expect(results.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(40);
    const rows = await withSystem(t.db, (tx) => tx.sql<{ n: string; max: string }[]>`
      select count(*)::text as n, max(leaf_index)::text as max from audit_leaves where org_id = ${org}`);
    expect(rows[0]).toEqual({ n: '40', max: '39' });
  });

  it('the loop elects one leader across nodes and seals within a few intervals', async () => {
    const second = await t.connectAgain();
    const n1 = setup(t.db);
    const n2 = setup(second);
    n1.sealer.start();
    n2.sealer.start();
    const org = await makeOrg(t.db);
    const id = await appendIn(t.db, org);
    for (let i = 0; i < 200; i++) {
      const r = await withSystem(t.db, (tx) => tx.sql`select 1 from audit_leaves where event_id = ${id}`);
      if (r.length) break;
      await new Promise((res) => setTimeout(res, 25));
    }
    const leaders = [n1.sealer.isLeader(), n2.sealer.isLeader()].filter(Boolean).length;
    await n1.sealer.stop();
    await n2.sealer.stop();
    expect(leaders).toBe(1);
    const r = await withSystem(t.db, (tx) => tx.sql`select 1 from audit_leaves where event_id = ${id}`);
    expect(r).toHaveLength(1);
  });

  it('AUD-1: the sealer cannot rewrite history: palisade_system may not update or delete leaves, nodes or checkpoints', async () => {
    const { sealer } = setup();
    const org = await makeOrg(t.db);
    await appendIn(t.db, org);
    await sealer.sealAll();
    for (const stmt of [
      (s: postgres.Sql) => s`update audit_leaves set leaf_hash = leaf_hash where org_id = ${org}`,
      (s: postgres.Sql) => s`delete from audit_leaves where org_id = ${org}`,
      (s: postgres.Sql) => s`delete from audit_checkpoints where org_id = ${org}`,
      (s: postgres.Sql) => s`update audit_checkpoints set note = '' where org_id = ${org}`,
      (s: postgres.Sql) => s`delete from audit_tree_nodes where org_id = ${org}`,
      (s: postgres.Sql) => s`update audit_events set reason = 'x' where org_id = ${org}`,
      (s: postgres.Sql) => s`delete from audit_events where org_id = ${org}`,
    ]) {
      await expect(withSystem(t.db, (tx) => stmt(tx.sql))).rejects.toThrow(/permission denied|append-only/);
    }
    // And the request path cannot write the sealer's tables at all.
    await expect(
      withOrg(t.db, org, userActor('x'), (tx) => tx.sql`insert into audit_checkpoints (org_id, tree_size, root_hash, note, key_id) values (${org}, 99, ${Buffer.alloc(32)}, 'x', 'k')`),
    ).rejects.toThrow(/permission denied/);
  });

  it('the private checkpoint key is stored only wrapped, and a node without the KEK cannot sign', async () => {
    const { keys } = setup();
    await keys.ensure();
    const rows = await asSuperuser(t.ownerUrl, (s) => s<{ wrapped_seed: Buffer; public_key: Buffer }[]>`select wrapped_seed, public_key from audit_signing_keys`);
    expect(rows.length).toBeGreaterThan(0);
    const other = createCheckpointKeys({ db: t.db, keyring: testKeyring(), keyName: 'palisade.test/audit' });
    await expect(withSystem(t.db, (tx) => other.signer(tx))).rejects.toThrow(/KEK/);
  });
});

describe('sealer robustness', () => {
  it('a time the canonical encoding cannot express is refused at insert, so it can never stall sealing', async () => {
    const org = await makeOrg(t.db);
    for (const bad of ['infinity', '10000-01-01T00:00:00Z', '1969-12-31T23:59:59Z']) {
      await expect(
        withOrg(t.db, org, userActor('x'), (tx) => tx.sql`insert into audit_events (id, org_id, occurred_at, actor_type, action, outcome)
          values (${`evt_bad_${bad}`}, ${org}, ${bad}::text::timestamptz, 'system', 'test.bad.create', 'allowed')`),
      ).rejects.toThrow(/audit_events_occurred_at_encodable/);
    }
    // Odd but valid metadata still seals.
    await withOrg(t.db, org, userActor('x'), (tx) => tx.sql`insert into audit_events (id, org_id, occurred_at, actor_type, action, outcome, metadata)
      values ('evt_odd_meta', ${org}, now(), 'system', 'test.odd.create', 'allowed', '{"big": 1e400, "__proto__": {"x": [1, "\\u2028"]}}'::jsonb)`);
    await setup().sealer.sealAll();
    const [row] = await withSystem(t.db, (tx) => tx.sql`select 1 from audit_leaves where event_id = 'evt_odd_meta'`);
    expect(row).toBeDefined();
  });
});
