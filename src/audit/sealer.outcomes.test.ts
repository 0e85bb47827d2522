/* AUD-3 across every kind of record: a log holding every outcome (allowed, denied, failed), every
   actor type, with and without target, deny layer, source and metadata, on an organisation's
   path and the platform path, is sealed whole — every record has its leaf, in commit order — and
   then verifies clean. Issue 21: a sealer that silently skipped `denied` records once passed the
   suite (verify would have reported them as unsealed, but no test sealed a mix and verified). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withSystem } from '../db/index.js';
import { appendAudit, PLATFORM_ORG } from './append.js';
import type { AuditEventInput } from './append.js';
import { createCheckpointKeys } from './keys.js';
import { createSealer } from './sealer.js';
import { appendIn, makeOrg, testKeyring } from './testing.js';
import { storedVerifiers, verifyAuditLog } from './verify.js';

const LOG = 'palisade.test/audit';
let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t?.drop(); });

const OUTCOMES = ['allowed', 'denied', 'failed'] as const;
const ACTORS = [{ type: 'user', id: 'usr_mix' }, { type: 'api_key', id: 'key_mix' }, { type: 'system', id: null }, { type: 'super_admin', id: 'usr_root' }, { type: 'anonymous', id: null }] as const;

describe('sealing a mixed log', () => {
  it('AUD-3: records of every outcome and actor type, on organisation and platform paths, are all sealed in order and the log verifies', async () => {
    const keys = createCheckpointKeys({ db: t.db, keyring: testKeyring(), keyName: LOG });
    const sealer = createSealer({ db: t.db, keys, logName: LOG, batchSize: 7, intervalMs: 1000 });
    const org = await makeOrg(t.db);
    const ids: string[] = [];
    let i = 0;
    for (const outcome of OUTCOMES) {
      for (const actor of ACTORS) {
        i += 1;
        const e: AuditEventInput = {
          action: `test.mix.${outcome}`,
          actor,
          outcome,
          ...(outcome === 'denied' ? { denyLayer: 'org_role' } : {}),
          ...(i % 2 ? { target: { type: 'thing', id: `thing_${i}` }, metadata: { i } } : {}),
          ...(i % 3 ? { source: { ip: '198.51.100.9', userAgent: 'mix', requestId: `req_mix_${i}` }, reason: `reason ${i}` } : {}),
        };
        ids.push(await appendIn(t.db, org, e));
        ids.push(await withSystem(t.db, (tx) => appendAudit(tx, { ...e, orgId: PLATFORM_ORG })));
        // Seal part of the way now and then, so rounds meet every kind of record at their edges.
        if (i % 4 === 0) await sealer.sealOnce();
      }
    }
    await sealer.sealAll();

    const leaves = await asSuperuser(t.ownerUrl, (sql) => sql<{ id: string; outcome: string; leaf: number | null }[]>`
      select e.id, e.outcome, l.leaf_index::int as leaf from audit_events e left join audit_leaves l on l.event_id = e.id
      where e.id = any(${ids}) order by e.seq`);
    expect(leaves).toHaveLength(ids.length);
    expect(leaves.filter((l) => l.leaf === null).map((l) => `${l.id} (${l.outcome})`)).toEqual([]);
    // Commit order is tree order within each log.
    for (const path of [org, PLATFORM_ORG]) {
      const mine = leaves.filter((l) => ids.indexOf(l.id) % 2 === (path === org ? 0 : 1)).map((l) => l.leaf!);
      expect(mine, path).toEqual([...mine].sort((a, b) => a - b));
    }

    const report = await verifyAuditLog({ sql: t.db.system, verifiers: await storedVerifiers(t.db.system), keySource: 'database', retentionDays: 1095, now: new Date() });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.orgs.find((o) => o.orgId === org)?.leavesChecked).toBe(OUTCOMES.length * ACTORS.length);
  });
});
