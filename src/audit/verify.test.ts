import { afterEach, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { runAuditCommand } from '../cli/audit.js';
import { canonicalBytes } from './canonical.js';
import { createCheckpointKeys } from './keys.js';
import { hashLeaf } from './merkle.js';
import * as repo from './repo.js';
import { ed25519Signer, generateEd25519Seed, signCheckpoint, parseCheckpoint, parseNote } from './note.js';
import { createSealer } from './sealer.js';
import { appendIn, makeOrg, testKeyring } from './testing.js';
import { verifyAuditLog, storedVerifiers, type VerifyReport } from './verify.js';

const LOG = 'palisade.test/audit';
const dbs: TestDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.drop()));
});

async function world() {
  const t = await createTestDb();
  dbs.push(t);
  const keys = createCheckpointKeys({ db: t.db, keyring: testKeyring(), keyName: LOG });
  const sealer = createSealer({ db: t.db, keys, logName: LOG, batchSize: 1000, intervalMs: 1000 });
  return { t, keys, sealer };
}

/** Appends n records to org, sealing every `every` records (one checkpoint each time). */
async function fill(w: Awaited<ReturnType<typeof world>>, org: string, n: number, every: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(await appendIn(w.t.db, org, { metadata: { i }, reason: `step ${i}`, source: { ip: '198.51.100.1', userAgent: 'test', requestId: `req_${i}` } }));
    if ((i + 1) % every === 0) await w.sealer.sealAll();
  }
  await w.sealer.sealAll();
  return ids;
}

async function cli(w: Awaited<ReturnType<typeof world>>, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAuditCommand(['verify', ...args], {
    sql: w.t.db.system,
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

async function report(w: Awaited<ReturnType<typeof world>>, orgId?: string): Promise<VerifyReport> {
  return verifyAuditLog({ sql: w.t.db.system, verifiers: await storedVerifiers(w.t.db.system), keySource: 'database', retentionDays: 1095, now: new Date(), orgId });
}

describe('palisade audit verify', () => {
  it('AUD-3: an untouched log verifies clean and the command exits 0', async () => {
    const w = await world();
    const a = await makeOrg(w.t.db);
    const b = await makeOrg(w.t.db);
    await fill(w, a, 12, 4);
    await fill(w, b, 3, 1);
    const r = await cli(w, []);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^audit verify: OK/);
    const rep = await report(w);
    expect(rep.ok).toBe(true);
    const orgA = rep.orgs.find((o) => o.orgId === a)!;
    expect(orgA.leavesChecked).toBe(12);
    expect(orgA.checkpointsChecked).toBe(3);
    expect(orgA.rootsCompared).toBe(3);
    expect(rep.orgs.find((o) => o.orgId === b)!.checkpointsChecked).toBe(3);
  });

  it('AUD-3: a record edited and another deleted by the database superuser are each named (org, leaf, event); exit 1', async () => {
    const w = await world();
    const org = await makeOrg(w.t.db);
    const clean = await makeOrg(w.t.db);
    const ids = await fill(w, org, 12, 4);
    await fill(w, clean, 4, 2);
    await asSuperuser(w.t.ownerUrl, async (s) => {
      await s.begin(async (tx) => {
        // The superuser can switch triggers off; the trees still catch it.
        await tx`set local session_replication_role = replica`;
        await tx`update audit_events set reason = 'nothing to see here' where id = ${ids[3]!}`;
        await tx`delete from audit_events where id = ${ids[9]!}`;
      });
    });
    const r = await cli(w, []);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`first problem: org ${org}, leaf 3, event ${ids[3]}: record_modified`);
    expect(r.out).toContain(`org ${org}, leaf 9, event ${ids[9]}: record_missing`);
    const rep = await report(w);
    expect(rep.problems.map((p) => [p.orgId, p.kind, p.leafIndex, p.eventId])).toEqual([
      [org, 'record_modified', 3, ids[3]],
      [org, 'record_missing', 9, ids[9]],
    ]);
    // The other organisation is untouched and verifies on its own.
    expect((await cli(w, ['--org', clean])).code).toBe(0);
    expect((await cli(w, ['--org', org])).code).toBe(1);
  });

  it('AUD-3: a record rewritten together with its stored leaf hash is caught by the signed root', async () => {
    const w = await world();
    const org = await makeOrg(w.t.db);
    const ids = await fill(w, org, 8, 4);
    // Recompute the edited record's leaf hash and store it, as a careful attacker would.
    await asSuperuser(w.t.ownerUrl, async (s) => {
      await s.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`update audit_events set outcome = 'denied' where id = ${ids[5]!}`;
        const rows = await repo.leavesWithRecords(tx as never, org, 5, 1);
        const h = hashLeaf(canonicalBytes(repo.toRecord(rows[0] as repo.EventRow)));
        await tx`update audit_leaves set leaf_hash = ${Buffer.from(h)} where event_id = ${ids[5]!}`;
      });
    });
    const rep = await report(w);
    expect(rep.ok).toBe(false);
    const kinds = rep.problems.map((p) => p.kind);
    expect(kinds).toContain('checkpoint_root_mismatch');
    const mismatch = rep.problems.find((p) => p.kind === 'checkpoint_root_mismatch')!;
    expect(mismatch).toMatchObject({ orgId: org, leafIndex: 4, treeSize: 8 });
    // The stored inner node above leaf 5 no longer matches either.
    expect(kinds).toContain('node_mismatch');
  });

  it('AUD-3: a deleted leaf row, a truncated tree and a forged checkpoint are reported', async () => {
    const w = await world();
    const org = await makeOrg(w.t.db);
    await fill(w, org, 6, 2);
    await asSuperuser(w.t.ownerUrl, (s) => s`delete from audit_leaves where org_id = ${org} and leaf_index = 2`);
    let rep = await report(w, org);
    expect(rep.problems[0]).toMatchObject({ kind: 'leaf_missing', leafIndex: 2 });

    const wt = await world();
    const orgT = await makeOrg(wt.t.db);
    await fill(wt, orgT, 6, 2);
    // Truncation: the newest leaves and their records vanish; the signed size-6 checkpoint remains.
    await asSuperuser(wt.t.ownerUrl, async (s) => {
      await s.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`delete from audit_events where id in (select event_id from audit_leaves where org_id = ${orgT} and leaf_index >= 4)`;
        await tx`delete from audit_leaves where org_id = ${orgT} and leaf_index >= 4`;
      });
    });
    rep = await report(wt, orgT);
    expect(rep.problems.find((p) => p.kind === 'leaf_missing')).toMatchObject({ leafIndex: 4, treeSize: 6 });

    const w2 = await world();
    const org2 = await makeOrg(w2.t.db);
    await fill(w2, org2, 6, 2);
    // Re-sign the latest checkpoint with a different size using a key the verifier does not trust.
    const rogue = ed25519Signer(LOG, generateEd25519Seed());
    await asSuperuser(w2.t.ownerUrl, async (s) => {
      const [cp] = await s<{ note: string }[]>`select note from audit_checkpoints where org_id = ${org2} and tree_size = 6`;
      const c = parseCheckpoint(parseNote(cp!.note).text);
      await s`update audit_checkpoints set note = ${signCheckpoint({ ...c, rootHash: new Uint8Array(32) }, rogue)} where org_id = ${org2} and tree_size = 6`;
    });
    rep = await report(w2, org2);
    expect(rep.problems[0]).toMatchObject({ kind: 'checkpoint_signature', treeSize: 6 });
  });

  it('AUD-3: with --vkey pinned, checkpoints re-signed under a key swapped into the database fail', async () => {
    const w = await world();
    const org = await makeOrg(w.t.db);
    await fill(w, org, 4, 2);
    const published = (await w.keys.activeVerifierKey())!;
    expect((await cli(w, ['--vkey', published])).code).toBe(0);
    // The attacker rewrites every checkpoint with their own key and stores their public key.
    const rogue = ed25519Signer(LOG, generateEd25519Seed());
    await asSuperuser(w.t.ownerUrl, async (s) => {
      for (const cp of await s<{ note: string; tree_size: string }[]>`select note, tree_size::text from audit_checkpoints where org_id = ${org}`) {
        const c = parseCheckpoint(parseNote(cp.note).text);
        await s`update audit_checkpoints set note = ${signCheckpoint(c, rogue)} where org_id = ${org} and tree_size = ${cp.tree_size}::bigint`;
      }
      await s`update audit_signing_keys set verifier_key = ${rogue.verifierKey}, public_key = ${Buffer.from(rogue.publicKey)}`;
    });
    // Trusting the database is fooled; trusting the published key is not.
    expect((await cli(w, [])).code).toBe(0);
    const pinned = await cli(w, ['--vkey', published]);
    expect(pinned.code).toBe(1);
    expect(pinned.out).toContain('checkpoint_signature');
  });

  it('AUD-3: shows progress on a large log, and finds an edit deep inside it', async () => {
    const w = await world();
    const org = await makeOrg(w.t.db);
    // 12 000 records straight into the table (as many requests would), sealed in rounds of 1000.
    await asSuperuser(w.t.ownerUrl, (s) => s`
      insert into audit_events (id, org_id, occurred_at, actor_type, actor_id, action, outcome, metadata)
      select 'evt_bulk_' || g, ${org}, now(), 'system', null, 'test.bulk.create', 'allowed', jsonb_build_object('g', g)
      from generate_series(1, 12000) g`);
    expect(await w.sealer.sealAll()).toBe(12000);
    await asSuperuser(w.t.ownerUrl, async (s) => {
      await s.begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await tx`update audit_events set metadata = '{"g": 0}' where id = 'evt_bulk_10001'`;
      });
    });
    const r = await cli(w, ['--org', org]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/verifying .*: 5000\/12000 leaves/);
    expect(r.err).toMatch(/12000\/12000 leaves \(100%\)/);
    // Every one of the 12 checkpoints (sizes 1000..12000) was compared, in numeric order.
    expect(r.out).toMatch(/12000\/12000 leaves, 12 checkpoint\(s\)/);
    const rep = await report(w, org);
    expect(rep.orgs[0]!.rootsCompared).toBe(12);
    expect(r.out).toContain(`first problem: org ${org}, leaf 10000, event evt_bulk_10001: record_modified`);
  });

  it('refuses bad usage with exit code 2', async () => {
    const w = await world();
    expect((await runAuditCommand(['nope'], { sql: w.t.db.system, out: { write: () => 0 }, err: { write: () => 0 } }))).toBe(2);
    expect((await cli(w, ['--vkey', 'not-a-key'])).code).toBe(2);
    expect((await cli(w, ['--bogus'])).code).toBe(2);
  });
});
