/* Rotation under load, on a database of its own (KEK rotation rewrites every data key). */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { createSecretsFixture, type SecretsFixture } from '../../test/fixtures/secrets.js';
import { withOrg, type Actor } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';
import { parseHeader } from './aead.js';
import { localKekProvider, staticKekSet } from './kek.js';

const actor: Actor = { type: 'user', id: 'usr_reader' };
let t: TestDb;

let fx: SecretsFixture;

beforeAll(async () => {
  t = await createTestDb();
  fx = await createSecretsFixture(t, 'Load org', actor);
});
afterAll(async () => {
  await t.drop();
});

describe('rotation under load', () => {
  // 10,000 secrets in 20 organisations (plus 100 per-subject keys), read continuously by a
  // second node with a tiny DEK cache (so it unwraps all the time) while a first node rotates
  // the KEK, then every organisation's DEK, and re-encrypts every row. Zero reads may fail.
  const ORGS = 20;
  const PER_ORG = 500;
  const SUBJECTS_PER_ORG = 5;

  it('ENC-5: KEK and DEK rotation of 10,000 secrets while another node serves reads, with zero failed reads', async () => {
    const kekA = localKekProvider(randomBytes(32));
    const kekB = localKekProvider(randomBytes(32));
    const seeder = fx.keyring(staticKekSet(kekA));
    const data: Array<[OrgId, string, string]> = [];
    for (let o = 0; o < ORGS; o++) {
      const org = await fx.makeOrg();
      for (const [id, v] of await fx.seed(seeder, org, PER_ORG)) data.push([org, id, v]);
      for (let s = 0; s < SUBJECTS_PER_ORG; s++) for (const [id, v] of await fx.seed(seeder, org, 1, `usr_${s}`)) data.push([org, id, v]);
    }
    expect(data.length).toBe(ORGS * (PER_ORG + SUBJECTS_PER_ORG));

    // The reading node: its own pools, holds both KEKs (rolled out before the rotation), and
    // caches only 4 keys for 50 ms, so it keeps unwrapping throughout.
    const readerDb = await t.connectAgain();
    const reader = fx.keyring(staticKekSet(kekB, [kekA]), readerDb, { ttlMs: 50, max: 4 });
    let ok = 0;
    const failures: unknown[] = [];
    let stop = false;
    const readers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const [org, id, v] = data[Math.floor(Math.random() * data.length)] as [OrgId, string, string];
        try {
          if ((await fx.read(reader, readerDb, org, id)) === v) ok++;
          else failures.push(new Error('wrong plaintext'));
        } catch (e) {
          failures.push(e);
        }
      }
    });

    const rotator = fx.keyring(staticKekSet(kekB, [kekA]));
    const orgs = [...new Set(data.map(([o]) => o))];
    let reencrypted = 0;
    const started = Date.now();
    try {
      const kek = await rotator.rewrapAll({ batchSize: 50 });
      expect(kek).toMatchObject({ rewrapped: ORGS * (1 + SUBJECTS_PER_ORG), remaining: 0, failed: [] });
      for (const org of orgs) {
        await withOrg(t.db, org, { type: 'system', id: 'test' }, (tx) => rotator.rotateDek(tx));
        const r = await rotator.reencryptOrg(org, { batchSize: 250 });
        expect(r.remaining).toBe(0);
        reencrypted += r.reencrypted;
      }
    } finally {
      stop = true;
      await Promise.all(readers);
    }
    console.info(`rotation under load: ${data.length} secrets, ${ok} concurrent reads, rotations took ${Date.now() - started} ms`);

    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(100);
    expect(reencrypted).toBe(ORGS * PER_ORG); // subject-key rows are not under the org key
    const usage = await rotator.kekUsage();
    expect(usage.filter((u) => u.keys > 0).map((u) => u.kekId)).toEqual([kekB.id]);
    const versions = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`
      select secret from test_secrets where org_id = any(${orgs})`);
    const orgKeyVersions = new Set(versions.map((v) => parseHeader(v.secret)).filter((h) => h.version > 1).map((h) => h.version));
    expect(orgKeyVersions).toEqual(new Set([2]));
    // A node that has only the new KEK reads a sample of everything.
    const fresh = fx.keyring(staticKekSet(kekB));
    for (let i = 0; i < data.length; i += 97) {
      const [org, id, v] = data[i] as [OrgId, string, string];
      expect(await fx.read(fresh, t.db, org, id)).toBe(v);
    }
  }, 600_000); // a hang guard, not a speed limit: on a loaded 2-core machine the rotation alone took 58 s
});
