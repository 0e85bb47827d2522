/* The sealer's round, attacked where the mutation run of session 9 found it unguarded (issue 21):
   - a round while another node holds the round lock seals nothing (AUD-3: one round at a time);
   - a restarted sealer, and two nodes taking turns, append to existing trees of several
     organisations in one round: the right edge each starts from is read back from storage for
     the right organisation (a stale cached edge, or another organisation's nodes, would sign a
     root the records do not produce) — the log verifies and each root is the RFC 6962 root;
   - a round reports exactly what it sealed (trees, events in tree order, whether more waits);
   - the hooks: inRound runs inside the round's transaction, and a throw rolls the whole round
     back so the next round seals the same records at the same positions; onSealed runs after
     the commit, and its failure is logged without undoing the round. One database for the file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withSystem } from '../db/index.js';
import { canonicalBytes } from './canonical.js';
import { createCheckpointKeys } from './keys.js';
import { hashLeaf, memoryReader, rootHash } from './merkle.js';
import * as repo from './repo.js';
import { createSealer, type SealedEvent, type SealerDeps } from './sealer.js';
import { appendIn, makeOrg, testKeyring } from './testing.js';
import { storedVerifiers, verifyAuditLog } from './verify.js';

const LOG = 'palisade.test/audit';
let t: TestDb;
const keyring = testKeyring();
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t?.drop(); });

function sealer(extra: Partial<SealerDeps> = {}) {
  return createSealer({ db: t.db, keys: createCheckpointKeys({ db: t.db, keyring, keyName: LOG }), logName: LOG, batchSize: 1000, intervalMs: 1000, ...extra });
}

async function append(org: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await appendIn(t.db, org, { metadata: { i } }));
  return ids;
}

/** The stored leaves of org in tree order, and the RFC 6962 root of their records. */
async function stored(org: string) {
  const rows = await withSystem(t.db, (tx) => repo.leavesWithRecords(tx.sql, org, 0, 10_000));
  const hashes = rows.map((r) => hashLeaf(canonicalBytes(repo.toRecord(r as repo.EventRow))));
  const [head] = await withSystem(t.db, (tx) => tx.sql<{ size: string; root_hash: Uint8Array }[]>`select size::text, root_hash from audit_trees where org_id = ${org}`);
  return { ids: rows.map((r) => r.event_id), hashes, root: rootHash(hashes.length, memoryReader(hashes)), head };
}

async function verifyClean(): Promise<void> {
  const rep = await verifyAuditLog({ sql: t.db.system, verifiers: await storedVerifiers(t.db.system), keySource: 'database', retentionDays: 1095, now: new Date() });
  expect(rep.problems).toEqual([]);
}

describe('sealing rounds', () => {
  it('AUD-3: a restarted sealer and two nodes taking turns append to existing trees of two organisations (edges read back per organisation); the log verifies', async () => {
    const a = await makeOrg(t.db);
    const b = await makeOrg(t.db);
    const n1 = sealer();
    await append(a, 3);
    await append(b, 3);
    await n1.sealAll();
    // A new node (or this one restarted): no cached edges; both trees grow in one round, from edges
    // at the same positions (level 1 index 0, leaf 2) in both organisations.
    const n2 = sealer();
    await append(a, 4);
    await append(b, 6);
    const r2 = await n2.sealOnce();
    expect(r2.sealed).toBe(10);
    // Back to the first node, whose cached edges are now stale (size 3 for both).
    await append(a, 2);
    await append(b, 3);
    await n1.sealAll();
    for (const [org, size] of [[a, 9], [b, 12]] as const) {
      const s = await stored(org);
      expect(s.ids).toHaveLength(size);
      expect(s.head!.size).toBe(String(size));
      expect(Buffer.from(s.head!.root_hash)).toEqual(Buffer.from(s.root));
    }
    await verifyClean();
  });

  it('AUD-3: one round at a time: while another node holds the round lock, a round seals nothing and says it was skipped', async () => {
    const org = await makeOrg(t.db);
    const s = sealer();
    await s.sealAll();
    await append(org, 2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const other = withSystem(t.db, async (tx) => {
      expect(await repo.tryRoundLock(tx)).toBe(true);
      held();
      await gate;
    });
    await holding;
    try {
      expect(await s.sealOnce()).toEqual({ skipped: true, sealed: 0, more: false, trees: [], events: [] });
      expect(await s.sealAll()).toBe(0);
      expect((await stored(org)).ids).toEqual([]);
    } finally {
      release();
      await other;
    }
    expect(await s.sealAll()).toBe(2);
  });

  it('AUD-3: a round reports exactly what it sealed: each tree with its new size and root, each record with its leaf in tree order, and whether a full batch left more', async () => {
    const s = sealer({ batchSize: 3 });
    await s.sealAll();
    expect(await s.sealOnce()).toEqual({ skipped: false, sealed: 0, more: false, trees: [], events: [] });
    const org = await makeOrg(t.db);
    const ids = await append(org, 4);
    const full = await s.sealOnce();
    expect(full.sealed).toBe(3);
    expect(full.more).toBe(true);
    const rest = await s.sealOnce();
    expect(rest.sealed).toBe(1);
    expect(rest.more).toBe(false);
    const st = await stored(org);
    expect(rest.trees).toEqual([{ orgId: org, size: 4, rootHash: new Uint8Array(st.head!.root_hash) }]);
    expect(Buffer.from(rest.trees[0]!.rootHash)).toEqual(Buffer.from(st.root));
    const events = [...full.events, ...rest.events];
    expect(events.map((e) => [e.record.id, e.record.orgId, e.leafIndex])).toEqual(ids.map((id, i) => [id, org, i]));
    // Each event carries the record exactly as sealed.
    expect(events.map((e) => Buffer.from(hashLeaf(canonicalBytes(e.record))))).toEqual(st.hashes.map((h) => Buffer.from(h)));
  });

  it('AUD-3: inRound runs inside the round; a throw rolls the whole round back and the next round seals the same records at the same leaves', async () => {
    const quiet = sealer();
    await quiet.sealAll();
    const org = await makeOrg(t.db);
    const ids = await append(org, 3);
    let fail = true;
    const seen: { leaves: number; events: [string, number][] }[] = [];
    const s = sealer({
      inRound: async (tx, events) => {
        const [row] = await tx.sql<{ n: number }[]>`select count(*)::int as n from audit_leaves where org_id = ${org}`;
        seen.push({ leaves: row!.n, events: events.filter((e) => e.record.orgId === org).map((e) => [e.record.id, e.leafIndex]) });
        if (fail) throw new Error('bridge down');
      },
    });
    await expect(s.sealOnce()).rejects.toThrow('bridge down');
    expect((await stored(org)).ids).toEqual([]);
    fail = false;
    expect(await s.sealAll()).toBe(3);
    const expected = ids.map((id, i) => [id, i]);
    // The round's own leaves are visible to the hook (same transaction); the failed one left none.
    expect(seen).toEqual([{ leaves: 3, events: expected }, { leaves: 3, events: expected }]);
    expect((await stored(org)).ids).toEqual(ids);
    await verifyClean();
  });

  it('AUD-5: onSealed gets each committed round\'s records after the commit, never an empty round; its failure is logged and the round stays sealed', async () => {
    await sealer().sealAll();
    const org = await makeOrg(t.db);
    const errors: [object, string][] = [];
    const calls: SealedEvent[][] = [];
    let fail = false;
    const s = sealer({
      log: { info() {}, warn() {}, error: (o, m) => { errors.push([o, m]); } },
      onSealed: async (events) => {
        calls.push([...events]);
        // After the commit: another connection already sees the leaves.
        const [row] = await withSystem(t.db, (tx) => tx.sql<{ n: number }[]>`select count(*)::int as n from audit_leaves where org_id = ${org}`);
        expect(row!.n).toBe(calls.flat().filter((e) => e.record.orgId === org).length);
        if (fail) throw new Error('detector down');
      },
    });
    expect(await s.sealAll()).toBe(0);
    expect(calls).toEqual([]);
    const [first] = await append(org, 1);
    await s.sealAll();
    expect(calls.map((c) => c.map((e) => [e.record.id, e.leafIndex]))).toEqual([[[first, 0]]]);
    fail = true;
    const [second] = await append(org, 1);
    const r = await s.sealOnce();
    expect(r.sealed).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toBe('audit: post-seal hook failed');
    expect((errors[0]![0] as { err: Error }).err.message).toBe('detector down');
    expect((await stored(org)).ids).toEqual([first, second]);
  });
});
