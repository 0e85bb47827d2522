/* AUD-3 beside a live sealer: `palisade audit verify` reads the tree heads, then the leaves page by
   page. A seal round that commits in between once made an untouched log fail ("stored tree head
   size 8 differs from the recomputed one, size 9") — a false alarm of tampering, seen under
   parallel load. Verify now reads one snapshot; here a seal round is made to commit exactly in
   that gap (from the progress callback, which verify awaits), and the log must still verify. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { createCheckpointKeys } from './keys.js';
import { createSealer } from './sealer.js';
import { appendIn, makeOrg, testKeyring } from './testing.js';
import { storedVerifiers, verifyAuditLog } from './verify.js';

const LOG = 'palisade.test/audit';
let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t?.drop(); });

describe('verify beside a live sealer', () => {
  it('AUD-3: a seal round committing while verify runs is not reported as tampering (verify reads one snapshot)', async () => {
    const keys = createCheckpointKeys({ db: t.db, keyring: testKeyring(), keyName: LOG });
    const sealer = createSealer({ db: t.db, keys, logName: LOG, batchSize: 100, intervalMs: 1000 });
    const org = await makeOrg(t.db);
    for (let i = 0; i < 8; i++) await appendIn(t.db, org, { action: 'test.snapshot.before', actor: { type: 'system', id: null }, outcome: 'allowed' });
    await sealer.sealAll();

    let sealedDuring = 0;
    const report = await verifyAuditLog({
      sql: t.db.system, verifiers: await storedVerifiers(t.db.system), keySource: 'database', retentionDays: 1095, now: new Date(), orgId: org,
      onProgress: async () => {
        if (sealedDuring > 0) return;
        // Between the first page of leaves and the next read: the tree grows and is re-signed.
        await appendIn(t.db, org, { action: 'test.snapshot.during', actor: { type: 'system', id: null }, outcome: 'allowed' });
        sealedDuring = await sealer.sealAll();
      },
    });
    expect(sealedDuring).toBeGreaterThan(0);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.orgs[0]?.treeSize).toBe(8);
    expect(report.orgs[0]?.leavesChecked).toBe(8);

    // And the grown log verifies whole afterwards.
    const after = await verifyAuditLog({ sql: t.db.system, verifiers: await storedVerifiers(t.db.system), keySource: 'database', retentionDays: 1095, now: new Date(), orgId: org });
    expect(after.ok).toBe(true);
    expect(after.orgs[0]?.leavesChecked).toBe(9);
  });
});
