/* AUD-3 without a database: `verifyLog` is fed a sealed log directly (an in-memory source holding
   what the audit tables hold: tree heads, checkpoints, leaves with their records, inner nodes, the
   records behind the cursor), built here with the real canonical encoding, RFC 6962 hashing and
   Ed25519 checkpoint notes — then attacked: a record edited after sealing (with and without its
   leaf hash), leaves reordered, a record deleted outside retention, a gap, a truncated log, a
   checkpoint from another key, for another origin, replayed at another size, a re-signed fork,
   altered and missing inner nodes, a moved tree head, a record inserted behind the sealer. Each
   attack must be named exactly (kind, organisation, leaf, event, tree size) and nothing else may
   be reported. The database path (dbSource, one snapshot) is proved by verify.test.ts and
   verify.snapshot.test.ts; this file is what makes verify.ts measurable under mutation (issue 21). */
import { describe, expect, it } from 'vitest';
import { canonicalBytes, type AuditRecord } from './canonical.js';
import { EMPTY_FRONTIER, EMPTY_ROOT, appendLeaf, frontierRoot, hashLeaf, memoryReader, rootHash, type Frontier } from './merkle.js';
import { ed25519Signer, parseVerifierKey, signCheckpoint, type NoteSigner } from './note.js';
import type { TreeRow, VerifyLeafRow } from './repo.js';
import { verifyLog, type AuditLogSource, type Problem, type VerifyLogOptions, type VerifyReport } from './verify.js';

const LOG = 'palisade.test/audit';
const NOW = new Date('2026-06-01T00:00:00.000Z');
const DAY = 86_400_000;
const seed = (b: number): Uint8Array => new Uint8Array(32).fill(b);
const KEY = ed25519Signer(LOG, seed(7));
const ROGUE = ed25519Signer(LOG, seed(9));
const origin = (org: string): string => `${LOG}/${org}`;
const ts = (ms: number): string => new Date(ms).toISOString().replace('Z', '000Z');

function record(org: string, i: number, occurredMs = NOW.getTime() - DAY): AuditRecord {
  return {
    id: `evt_${org}_${i}`, orgId: org, occurredAt: ts(occurredMs), action: 'test.thing.update',
    actor: { type: 'user', id: 'usr_1' }, target: i % 2 ? { type: 'thing', id: `thing_${i}` } : null,
    outcome: i % 3 === 0 ? 'denied' : 'allowed', denyLayer: i % 3 === 0 ? 'org_role' : null,
    source: { ip: '198.51.100.7', userAgent: 'ua', requestId: `req_${i}` }, reason: `step ${i}`, metadata: { i },
  };
}

function row(r: AuditRecord, index: number, leafHash = hashLeaf(canonicalBytes(r))): VerifyLeafRow {
  return {
    leaf_index: String(index), event_id: r.id, leaf_hash: leafHash, leaf_occurred_at: r.occurredAt, present: true,
    id: r.id, org_id: r.orgId, occurred_at: r.occurredAt, actor_type: r.actor.type, actor_id: r.actor.id, action: r.action,
    target_type: r.target?.type ?? null, target_id: r.target?.id ?? null, outcome: r.outcome, deny_layer: r.denyLayer,
    source_ip: r.source.ip, user_agent: r.source.userAgent, request_id: r.source.requestId, reason: r.reason, metadata: r.metadata,
  };
}

interface OrgLog {
  tree: TreeRow;
  checkpoints: { size: number; note: string }[];
  leaves: VerifyLeafRow[];
  nodes: Map<string, Uint8Array>;
}
interface Log {
  orgs: Map<string, OrgLog>;
  unsealed: { id: string; org_id: string }[];
  /** Every call the verifier made, to see it read what it claims to. */
  reads: string[];
}

/** Seals n records of org as the sealer would, signing a checkpoint at each size in `at`. */
function seal(org: string, n: number, at: readonly number[], opts: { signer?: NoteSigner; occurredMs?: (i: number) => number } = {}): OrgLog {
  let f: Frontier = EMPTY_FRONTIER;
  const leaves: VerifyLeafRow[] = [];
  const nodes = new Map<string, Uint8Array>();
  const checkpoints: { size: number; note: string }[] = [];
  const sign = (size: number, root: Uint8Array): void => {
    checkpoints.push({ size, note: signCheckpoint({ origin: origin(org), size, rootHash: root, extensions: [] }, opts.signer ?? KEY) });
  };
  if (at.includes(0)) sign(0, EMPTY_ROOT);
  for (let i = 0; i < n; i++) {
    const r = record(org, i, opts.occurredMs?.(i));
    leaves.push(row(r, i));
    const step = appendLeaf(f, leaves[i]!.leaf_hash);
    f = step.frontier;
    for (const c of step.completed) if (c.level > 0) nodes.set(`${c.level}:${c.index}`, c.hash);
    if (at.includes(f.size)) sign(f.size, frontierRoot(f));
  }
  return { tree: { org_id: org, origin: origin(org), size: n, root_hash: frontierRoot(f), pruned_below: 0 }, checkpoints, leaves, nodes };
}

function logOf(...orgs: OrgLog[]): Log {
  return { orgs: new Map(orgs.map((o) => [o.tree.org_id, o])), unsealed: [], reads: [] };
}

function source(log: Log): AuditLogSource {
  return {
    trees: async () => [...log.orgs.values()].map((o) => ({ ...o.tree })).sort((a, b) => (a.org_id < b.org_id ? -1 : 1)),
    checkpoints: async (org) => [...(log.orgs.get(org)?.checkpoints ?? [])],
    leaves: async (org, from, limit) => {
      log.reads.push(`leaves ${org} ${from} ${limit}`);
      return (log.orgs.get(org)?.leaves ?? []).filter((l) => Number(l.leaf_index) >= from).slice(0, limit);
    },
    innerNodes: async (org, refs) => {
      log.reads.push(`nodes ${refs.length}`);
      const stored = log.orgs.get(org)?.nodes ?? new Map<string, Uint8Array>();
      return new Map(refs.flatMap((r) => (stored.has(`${r.level}:${r.index}`) ? [[`${r.level}:${r.index}`, stored.get(`${r.level}:${r.index}`)!] as const] : [])));
    },
    unsealed: async (org, limit) => log.unsealed.filter((u) => org === null || u.org_id === org).slice(0, limit),
  };
}

const OPTS: VerifyLogOptions = { verifiers: [parseVerifierKey(KEY.verifierKey)], keySource: 'pinned', retentionDays: 30, now: NOW };
const verify = (log: Log, o: Partial<VerifyLogOptions> = {}): Promise<VerifyReport> => verifyLog(source(log), { ...OPTS, ...o });
const brief = (ps: readonly Problem[]) => ps.map((p) => [p.orgId, p.kind, p.leafIndex, p.eventId, p.treeSize]);

/** Replaces leaf i's record (and, with `rehash`, its stored leaf hash, as a careful attacker would). */
function edit(o: OrgLog, i: number, change: Partial<AuditRecord>, rehash = false): void {
  const old = o.leaves[i]!;
  const r = { ...record(o.tree.org_id, i), occurredAt: old.leaf_occurred_at, ...change };
  o.leaves[i] = { ...row(r, i, rehash ? undefined : old.leaf_hash) };
}

function deleteRecord(o: OrgLog, i: number): void {
  const l = o.leaves[i]!;
  o.leaves[i] = { leaf_index: l.leaf_index, event_id: l.event_id, leaf_hash: l.leaf_hash, leaf_occurred_at: l.leaf_occurred_at, present: false };
}

describe('verifyLog over a log fed directly', () => {
  it('AUD-3: an untouched log of two organisations verifies clean, every leaf, checkpoint and root counted', async () => {
    const a = seal('org_a', 12, [4, 8, 12]);
    const b = seal('org_b', 3, [1, 2, 3]);
    const rep = await verify(logOf(b, a));
    expect(rep.problems).toEqual([]);
    expect(rep.ok).toBe(true);
    expect(rep.keySource).toBe('pinned');
    expect(rep.orgs).toEqual([
      { orgId: 'org_a', origin: origin('org_a'), treeSize: 12, leavesChecked: 12, recordsPruned: 0, checkpointsChecked: 3, rootsCompared: 3, problems: [] },
      { orgId: 'org_b', origin: origin('org_b'), treeSize: 3, leavesChecked: 3, recordsPruned: 0, checkpointsChecked: 3, rootsCompared: 3, problems: [] },
    ]);
    // The roots the log was sealed with are the RFC 6962 roots of its records.
    expect(Buffer.from(a.tree.root_hash)).toEqual(Buffer.from(rootHash(12, memoryReader(a.leaves.map((l) => hashLeaf(canonicalBytes(record('org_a', Number(l.leaf_index)))))))));
    // keySource is reported as given.
    expect((await verify(logOf(a), { keySource: 'database' })).keySource).toBe('database');
  });

  it('AUD-3: checkpoints are checked in size order whatever order they are stored in, and a size-0 checkpoint is compared before any leaf', async () => {
    const a = seal('org_a', 8, [0, 2, 4, 8]);
    a.checkpoints.reverse();
    const rep = await verify(logOf(a));
    expect(rep.problems).toEqual([]);
    expect(rep.orgs[0]).toMatchObject({ checkpointsChecked: 4, rootsCompared: 4 });
    // A size-0 checkpoint signed over a non-empty root is a root mismatch at size 0.
    const z = seal('org_z', 2, [2]);
    z.checkpoints.push({ size: 0, note: signCheckpoint({ origin: origin('org_z'), size: 0, rootHash: new Uint8Array(32).fill(1), extensions: [] }, KEY) });
    const rz = await verify(logOf(z));
    expect(brief(rz.problems)).toEqual([
      ['org_z', 'checkpoint_root_mismatch', 0, null, 0],
      ['org_z', 'checkpoint_inconsistent', 0, null, 2],
    ]);
    expect(rz.orgs[0]).toMatchObject({ rootsCompared: 2 });
  });

  it('AUD-3: a record edited after sealing is named by organisation, leaf and event, and nothing else is reported', async () => {
    const a = seal('org_a', 8, [4, 8]);
    const b = seal('org_b', 4, [4]);
    edit(a, 5, { reason: 'nothing to see here' });
    const rep = await verify(logOf(a, b));
    expect(rep.ok).toBe(false);
    expect(brief(rep.problems)).toEqual([['org_a', 'record_modified', 5, 'evt_org_a_5', null]]);
    expect(rep.problems[0]!.message).toBe('record evt_org_a_5 no longer matches the leaf hash sealed for it (its content was changed after sealing)');
    expect(rep.orgs.find((o) => o.orgId === 'org_b')!.problems).toEqual([]);
  });

  it('AUD-3: a record rewritten with its leaf hash recomputed is caught by the signed root, the consistency proof and the stored node', async () => {
    const a = seal('org_a', 8, [4, 8]);
    edit(a, 5, { outcome: 'allowed', denyLayer: null, reason: 'rewritten' }, true);
    const rep = await verify(logOf(a));
    expect(brief(rep.problems)).toEqual([
      ['org_a', 'checkpoint_root_mismatch', 4, null, 8],
      ['org_a', 'checkpoint_inconsistent', 4, null, 8],
      ['org_a', 'node_mismatch', 4, null, null],
      ['org_a', 'node_mismatch', 4, null, null],
      ['org_a', 'node_mismatch', 0, null, null],
      ['org_a', 'tree_head_mismatch', null, null, 8],
    ]);
    const [mismatch, inconsistent, node] = rep.problems;
    expect(mismatch!.message).toBe('the records do not produce the signed root of size 8: something in leaves 4..7 was altered (with its stored hash), reordered or replaced');
    expect(inconsistent!.message).toBe('checkpoints of size 4 and 8 are not consistent (RFC 9162 §2.1.4)');
    expect(node!.message).toBe('stored subtree hash (level 1, index 2, leaves 4..5) is altered');
    expect(rep.problems[5]!.message).toMatch(/^stored tree head \(size 8, root \S+\) differs from the recomputed one \(size 8, root \S+\)$/);
  });

  it('AUD-3: the first checkpoint (no previous one) reports a root mismatch from leaf 0 and no consistency problem', async () => {
    const a = seal('org_a', 4, [2, 4]);
    edit(a, 0, { reason: 'rewritten' }, true);
    const rep = await verify(logOf(a));
    expect(brief(rep.problems).filter((p) => p[1] !== 'node_mismatch' && p[1] !== 'tree_head_mismatch')).toEqual([
      ['org_a', 'checkpoint_root_mismatch', 0, null, 2],
      ['org_a', 'checkpoint_root_mismatch', 2, null, 4],
    ]);
    expect(rep.problems.find((p) => p.kind === 'checkpoint_root_mismatch')!.message).toContain('leaves 0..1');
  });

  it('AUD-3: two leaves swapped (records with their hashes) are caught by the signed root', async () => {
    const a = seal('org_a', 4, [4]);
    const [l1, l2] = [a.leaves[1]!, a.leaves[2]!];
    a.leaves[1] = { ...l2, leaf_index: '1' };
    a.leaves[2] = { ...l1, leaf_index: '2' };
    const rep = await verify(logOf(a));
    expect(brief(rep.problems)).toEqual([
      ['org_a', 'checkpoint_root_mismatch', 0, null, 4],
      ['org_a', 'node_mismatch', 0, null, null],
      ['org_a', 'node_mismatch', 2, null, null],
      ['org_a', 'node_mismatch', 0, null, null],
      ['org_a', 'tree_head_mismatch', null, null, 4],
    ]);
  });

  it('AUD-3: a deleted record is refused unless it is below the retention horizon and older than the retention period (both bounds exact)', async () => {
    const old = NOW.getTime() - 30 * DAY - 1; // just past 30 days
    const a = seal('org_a', 6, [6], { occurredMs: (i) => (i < 4 ? old : NOW.getTime() - DAY) });
    a.tree.pruned_below = 3;
    for (const i of [0, 1, 2, 3, 4]) deleteRecord(a, i);
    let rep = await verify(logOf(a));
    // 0..2 pruned by retention; 3 is at the horizon (not below it); 4 is below no horizon and young.
    expect(rep.orgs[0]!.recordsPruned).toBe(3);
    expect(brief(rep.problems)).toEqual([
      ['org_a', 'record_missing', 3, 'evt_org_a_3', null],
      ['org_a', 'record_missing', 4, 'evt_org_a_4', null],
    ]);
    expect(rep.problems[0]!.message).toBe(`record evt_org_a_3 (sealed at leaf 3, occurred ${ts(old)}) has been deleted, and not by retention`);
    // Exactly at the cutoff is not older than the period; a longer period keeps them all.
    a.tree.pruned_below = 6;
    rep = await verify(logOf(a), { now: new Date(old + 30 * DAY) });
    expect(rep.orgs[0]!.recordsPruned).toBe(0);
    expect(rep.problems.map((p) => p.leafIndex)).toEqual([0, 1, 2, 3, 4]);
    rep = await verify(logOf(a), { now: new Date(old + 30 * DAY + 1) });
    expect(rep.orgs[0]!.recordsPruned).toBe(4);
    rep = await verify(logOf(a), { retentionDays: 31 });
    expect(rep.orgs[0]!.recordsPruned).toBe(0);
    rep = await verify(logOf(a), { retentionDays: 29 });
    expect(rep.orgs[0]!.recordsPruned).toBe(4);
    expect(rep.problems.map((p) => p.leafIndex)).toEqual([4]);
  });

  it('AUD-3: a gap in the leaf positions is named where it starts, and verification of that tree stops there', async () => {
    const a = seal('org_a', 6, [2, 4, 6]);
    a.leaves.splice(2, 1);
    const rep = await verify(logOf(a));
    expect(brief(rep.problems)).toEqual([['org_a', 'leaf_missing', 2, null, null]]);
    expect(rep.problems[0]!.message).toBe('leaf positions 2..2 are missing from the tree (rows deleted); later checkpoints cannot be recomputed');
    expect(rep.orgs[0]).toMatchObject({ leavesChecked: 2, rootsCompared: 1 });
    // The first page ended at the gap: no further page was read.
    const log = logOf(a);
    await verify(log);
    expect(log.reads.filter((r) => r.startsWith('leaves'))).toEqual(['leaves org_a 0 5000']);
  });

  it('AUD-3: a truncated log (the newest leaves gone, their checkpoint left) is reported at the truncation, with the moved tree head', async () => {
    const a = seal('org_a', 6, [2, 4, 6]);
    a.leaves.splice(4);
    const rep = await verify(logOf(a));
    expect(brief(rep.problems)).toEqual([
      ['org_a', 'leaf_missing', 4, null, 6],
      ['org_a', 'tree_head_mismatch', null, null, 6],
    ]);
    expect(rep.problems[0]!.message).toBe('checkpoint of size 6 is signed, but only 4 leaves are stored (the log was truncated)');
    // Truncated with the tree head moved back too: the signed checkpoint still names it.
    const t = seal('org_t', 6, [2, 6]);
    const shorter = seal('org_t', 4, []);
    t.leaves.splice(4);
    t.tree = shorter.tree;
    expect(brief((await verify(logOf(t))).problems)).toEqual([['org_t', 'leaf_missing', 4, null, 6]]);
  });

  it('AUD-3: a checkpoint from another key, for another origin, or replayed at another size is refused and its root is not used', async () => {
    const a = seal('org_a', 4, [2, 4]);
    const forged = seal('org_a', 4, [2, 4], { signer: ROGUE });
    a.checkpoints[1] = forged.checkpoints[1]!;
    let rep = await verify(logOf(a));
    expect(brief(rep.problems)).toEqual([['org_a', 'checkpoint_signature', null, null, 4]]);
    expect(rep.problems[0]!.message).toMatch(/^checkpoint at size 4 does not verify: .+/);
    expect(rep.orgs[0]).toMatchObject({ checkpointsChecked: 2, rootsCompared: 1 });
    // The rogue key is refused even when the forged root is the true one; trusting it accepts the log.
    rep = await verify(logOf(a), { verifiers: [parseVerifierKey(ROGUE.verifierKey), parseVerifierKey(KEY.verifierKey)] });
    expect(rep.problems).toEqual([]);

    // Signed by the trusted key, but for another organisation's tree.
    const b = seal('org_b', 4, [2, 4]);
    const other = seal('org_a', 4, [2, 4]);
    b.checkpoints[0] = { size: 2, note: other.checkpoints[0]!.note };
    rep = await verify(logOf(b));
    expect(brief(rep.problems)).toEqual([['org_b', 'checkpoint_signature', null, null, 2]]);
    expect(rep.problems[0]!.message).toContain(`expected ${origin('org_b')}`);

    // A genuine checkpoint of size 4 stored as the one of size 2.
    const c = seal('org_c', 4, [2, 4]);
    c.checkpoints[0] = { size: 2, note: c.checkpoints[1]!.note };
    rep = await verify(logOf(c));
    expect(brief(rep.problems)).toEqual([['org_c', 'checkpoint_signature', null, null, 2]]);
    expect(rep.problems[0]!.message).toBe('checkpoint at size 2 does not verify: signed size 4 differs from the stored size 2');
  });

  it('AUD-3: a re-signed fork (the key signed a checkpoint over other records) fails the consistency proof against the next checkpoint', async () => {
    const a = seal('org_a', 8, [4, 8]);
    // The same key signed size 4 over a different history; the stored leaves and size 8 are genuine.
    const fork = seal('org_a', 4, [4]);
    edit(fork, 1, { reason: 'forked' }, true);
    const forkRoot = rootHash(4, memoryReader(fork.leaves.map((l) => l.leaf_hash)));
    a.checkpoints[0] = { size: 4, note: signCheckpoint({ origin: origin('org_a'), size: 4, rootHash: forkRoot, extensions: [] }, KEY) };
    const rep = await verify(logOf(a));
    expect(brief(rep.problems)).toEqual([
      ['org_a', 'checkpoint_root_mismatch', 0, null, 4],
      ['org_a', 'checkpoint_inconsistent', 4, null, 8],
    ]);
  });

  it('AUD-3: past the memory bound between two checkpoints the consistency proof is skipped, but both roots are still compared', async () => {
    const a = seal('org_a', 8, [2, 8]);
    const fork = seal('org_a', 2, [2]);
    edit(fork, 1, { reason: 'forked' }, true);
    a.checkpoints[0] = { size: 2, note: signCheckpoint({ origin: origin('org_a'), size: 2, rootHash: rootHash(2, memoryReader(fork.leaves.map((l) => l.leaf_hash))), extensions: [] }, KEY) };
    // 6 leaves between the checkpoints: a bound of 6 still holds them, 5 does not.
    const kinds = async (max: number) => brief((await verify(logOf(a), { maxPendingLeaves: max })).problems).map((p) => p[1]);
    expect(await kinds(6)).toEqual(['checkpoint_root_mismatch', 'checkpoint_inconsistent']);
    expect(await kinds(5)).toEqual(['checkpoint_root_mismatch']);
    // After an overflow, the next pair of checkpoints is checked again.
    const b = seal('org_a', 10, [2, 8, 10]);
    b.checkpoints[1] = { size: 8, note: signCheckpoint({ origin: origin('org_a'), size: 8, rootHash: new Uint8Array(32).fill(3), extensions: [] }, KEY) };
    expect(brief((await verify(logOf(b), { maxPendingLeaves: 5 })).problems).map((p) => [p[1], p[4]])).toEqual([
      ['checkpoint_root_mismatch', 8],
      ['checkpoint_inconsistent', 10],
    ]);
  });

  it('AUD-3: a stored inner node altered or missing (what the proof API serves) is named with the leaves under it', async () => {
    const a = seal('org_a', 8, [8]);
    a.nodes.set('2:1', new Uint8Array(32).fill(5));
    a.nodes.delete('1:0');
    const rep = await verify(logOf(a));
    expect(brief(rep.problems)).toEqual([
      ['org_a', 'node_mismatch', 0, null, null],
      ['org_a', 'node_mismatch', 4, null, null],
    ]);
    expect(rep.problems.map((p) => p.message)).toEqual([
      'stored subtree hash (level 1, index 0, leaves 0..1) is missing',
      'stored subtree hash (level 2, index 1, leaves 4..7) is altered',
    ]);
  });

  it('AUD-3: a tree head that names another size or another root than the leaves produce is reported', async () => {
    const a = seal('org_a', 5, [5]);
    a.tree.root_hash = new Uint8Array(32).fill(2);
    expect(brief((await verify(logOf(a))).problems)).toEqual([['org_a', 'tree_head_mismatch', null, null, 5]]);
    const b = seal('org_b', 5, [5]);
    b.tree.size = 6;
    expect(brief((await verify(logOf(b))).problems)).toEqual([['org_b', 'tree_head_mismatch', null, null, 6]]);
    const c = seal('org_c', 5, [5]);
    c.tree.size = 4;
    expect(brief((await verify(logOf(c))).problems)).toEqual([['org_c', 'tree_head_mismatch', null, null, 4]]);
  });

  it('AUD-3: a record behind the sealing cursor in no tree is reported (for its organisation only when one is asked for)', async () => {
    const a = seal('org_a', 2, [2]);
    const b = seal('org_b', 2, [2]);
    const log = logOf(a, b);
    log.unsealed.push({ id: 'evt_sneaky', org_id: 'org_b' });
    let rep = await verify(log);
    expect(rep.ok).toBe(false);
    expect(rep.problems).toEqual([{
      orgId: 'org_b', kind: 'unsealed_record', leafIndex: null, eventId: 'evt_sneaky', treeSize: null,
      message: 'record is behind the sealing cursor but in no tree (inserted behind the sealer, or its leaf row was deleted)',
    }]);
    rep = await verify(log, { orgId: 'org_a' });
    expect(rep.ok).toBe(true);
    expect(rep.orgs.map((o) => o.orgId)).toEqual(['org_a']);
    rep = await verify(log, { orgId: 'org_b' });
    expect(brief(rep.problems)).toEqual([['org_b', 'unsealed_record', null, 'evt_sneaky', null]]);
    // With no organisation asked for, an empty log has no organisations to report.
    expect(await verify(logOf())).toEqual({ ok: true, keySource: 'pinned', problems: [], orgs: [] });
    // An organisation with no tree and nothing unsealed verifies as an empty log.
    rep = await verify(log, { orgId: 'org_none' });
    expect(rep).toEqual({ ok: true, keySource: 'pinned', problems: [], orgs: [{ orgId: 'org_none', origin: '', treeSize: 0, leavesChecked: 0, recordsPruned: 0, checkpointsChecked: 0, rootsCompared: 0, problems: [] }] });
    // …but one whose only record was inserted behind the sealer does not.
    log.unsealed.push({ id: 'evt_lonely', org_id: 'org_none' });
    rep = await verify(log, { orgId: 'org_none' });
    expect(rep.orgs).toEqual([]);
    expect(brief(rep.problems)).toEqual([['org_none', 'unsealed_record', null, 'evt_lonely', null]]);
  });

  it('AUD-3: problems are capped per organisation (1000 unless told), so one ruined tree cannot flood the report', async () => {
    const a = seal('org_a', 1002, [1002]);
    for (let i = 0; i < 1002; i++) edit(a, i, { reason: 'all rewritten' });
    expect((await verify(logOf(a))).problems).toHaveLength(1000);
    const capped = await verify(logOf(a), { maxProblemsPerOrg: 2 });
    expect(brief(capped.problems)).toEqual([
      ['org_a', 'record_modified', 0, 'evt_org_a_0', null],
      ['org_a', 'record_modified', 1, 'evt_org_a_1', null],
    ]);
    expect(capped.ok).toBe(false);
  });

  it('AUD-3: a large log is read in pages with progress after each, inner nodes in batches, and an edit deep inside is found', async () => {
    const a = seal('org_a', 12_000, [1000, 6000, 12_000]);
    edit(a, 10_500, { reason: 'deep edit' });
    a.nodes.set('3:1400', new Uint8Array(32).fill(4)); // leaves 11200..11207, in the third node batch
    const log = logOf(a);
    const progress: number[] = [];
    let inCallback = false;
    const rep = await verifyLog(source(log), {
      ...OPTS,
      onProgress: async (p) => {
        expect(p).toMatchObject({ orgId: 'org_a', leavesTotal: 12_000 });
        inCallback = true;
        await new Promise((r) => setTimeout(r, 1));
        progress.push(p.leavesDone);
        inCallback = false;
      },
    });
    expect(inCallback).toBe(false);
    expect(progress).toEqual([5000, 10_000, 12_000]);
    expect(log.reads.filter((r) => r.startsWith('leaves'))).toEqual(['leaves org_a 0 5000', 'leaves org_a 5000 5000', 'leaves org_a 10000 5000', 'leaves org_a 12000 5000']);
    // Every completed inner node of a 12 000-leaf log (n minus the number of its perfect subtrees)
    // is checked, in batches of about 4000 (a leaf completes at most one node per level).
    const batches = log.reads.filter((r) => r.startsWith('nodes')).map((r) => Number(r.split(' ')[1]));
    expect(batches.length).toBe(3);
    for (const n of batches.slice(0, -1)) {
      expect(n).toBeGreaterThanOrEqual(4000);
      expect(n).toBeLessThan(4000 + 14);
    }
    expect(batches.reduce((x, y) => x + y, 0)).toBe(12_000 - countPeaks(12_000));
    expect(brief(rep.problems)).toEqual([
      ['org_a', 'record_modified', 10_500, 'evt_org_a_10500', null],
      ['org_a', 'node_mismatch', 11_200, null, null],
    ]);
    expect(rep.orgs[0]).toMatchObject({ leavesChecked: 12_000, rootsCompared: 3 });
  });
});

/** Perfect subtrees of a log of n leaves (binary ones of n): each is counted once among its nodes. */
function countPeaks(n: number): number {
  return n.toString(2).split('').filter((d) => d === '1').length;
}
