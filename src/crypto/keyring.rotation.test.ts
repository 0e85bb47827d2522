/* Key rotation on a database of its own: KEK rotation rewrites every data key in the database,
   so it must not share one with other suites. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { createSecretsFixture, type SecretsFixture } from '../../test/fixtures/secrets.js';
import type { Actor } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';
import { KekUnavailable } from './errors.js';
import { localKekProvider, staticKekSet, type KekProvider } from './kek.js';

const actor: Actor = { type: 'user', id: 'usr_reader' };
let t: TestDb;

let fx: SecretsFixture;

beforeAll(async () => {
  t = await createTestDb();
  fx = await createSecretsFixture(t, 'Rotation org', actor);
});
afterAll(async () => {
  await t.drop();
});

describe('KEK rotation', () => {
  let kek1: KekProvider;
  let kek2: KekProvider;
  beforeAll(() => {
    kek1 = localKekProvider(randomBytes(32));
    kek2 = localKekProvider(randomBytes(32));
  });

  it('ENC-5: rotate-KEK rewraps every DEK; the old KEK is readable until done; afterwards it is not needed', async () => {
    const oldNode = fx.keyring(staticKekSet(kek1));
    const data: Array<[OrgId, string, string]> = [];
    for (let i = 0; i < 3; i++) {
      const org = await fx.makeOrg();
      for (const [id, v] of await fx.seed(oldNode, org, 2)) data.push([org, id, v]);
      for (const [id, v] of await fx.seed(oldNode, org, 1, 'usr_s')) data.push([org, id, v]);
    }
    // A node holding only the new KEK refuses to start while keys are wrapped under the old one.
    const newOnly = fx.keyring(staticKekSet(kek2));
    await expect(newOnly.checkKeks()).rejects.toBeInstanceOf(KekUnavailable);

    const rotating = fx.keyring(staticKekSet(kek2, [kek1]));
    await rotating.checkKeks();
    expect((await rotating.kekUsage()).find((u) => u.kekId === kek1.id)?.keys).toBe(6);
    let calls = 0;
    await expect(
      rotating.rewrapAll({
        batchSize: 2,
        onProgress: () => {
          if (++calls === 2) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect((await rotating.kekUsage()).find((u) => u.kekId === kek1.id)?.keys).toBe(4);
    // Mid-rotation, a node holding both KEKs reads everything.
    const both = fx.keyring(staticKekSet(kek2, [kek1]));
    for (const [org, id, v] of data) expect(await fx.read(both, t.db, org, id)).toBe(v);
    const res = await rotating.rewrapAll({ batchSize: 2 });
    expect(res).toEqual({ rewrapped: 4, remaining: 0, failed: [] });
    await newOnly.checkKeks();
    const fresh = fx.keyring(staticKekSet(kek2));
    for (const [org, id, v] of data) expect(await fx.read(fresh, t.db, org, id)).toBe(v);
    const [ev] = await asSuperuser(t.ownerUrl, (sql) => sql<{ metadata: { rewrapped: number } }[]>`
      select metadata from audit_events where org_id = 'platform' and action = 'crypto.kek_rewrapped' order by seq desc limit 1`);
    expect(ev?.metadata.rewrapped).toBe(4);
  });

  it('ENC-5: a tampered wrapped key is reported and audited without blocking the rotation of the others', async () => {
    const kek3 = localKekProvider(randomBytes(32));
    const k = fx.keyring(staticKekSet(kek2));
    const good = await fx.makeOrg();
    const bad = await fx.makeOrg();
    const [[goodId, goodV]] = (await fx.seed(k, good, 1)) as [[string, string]];
    await fx.seed(k, bad, 1);
    await asSuperuser(t.ownerUrl, (sql) => sql`
      update crypto_key_versions set wrapped_dek = set_byte(wrapped_dek, 20, get_byte(wrapped_dek, 20) # 1), kek_id = ${kek2.id}
      where org_id = ${bad}`.catch(async () => {
      await sql.unsafe('alter table crypto_key_versions disable trigger crypto_key_versions_guard');
      await sql`update crypto_key_versions set wrapped_dek = set_byte(wrapped_dek, 20, get_byte(wrapped_dek, 20) # 1) where org_id = ${bad}`;
      await sql.unsafe('alter table crypto_key_versions enable trigger crypto_key_versions_guard');
    }));
    const res = await fx.keyring(staticKekSet(kek3, [kek2])).rewrapAll();
    expect(res.failed).toHaveLength(1);
    expect(res.failed[0]?.orgId).toBe(bad);
    expect(res.remaining).toBe(1);
    expect(await fx.read(fx.keyring(staticKekSet(kek3)), t.db, good, goodId)).toBe(goodV);
    const [ev] = await asSuperuser(t.ownerUrl, (sql) => sql<{ outcome: string }[]>`
      select outcome from audit_events where org_id = ${bad} and action = 'crypto.kek_rewrap_failed'`);
    expect(ev?.outcome).toBe('failed');
  });
});
