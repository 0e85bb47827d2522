/* Key rotation on a database of its own: KEK rotation rewrites every data key in the database,
   so it must not share one with other suites. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withOrg, type Actor, type Db } from '../db/index.js';
import { newId, type OrgId } from '../lib/ids.js';
import { KekUnavailable } from './errors.js';
import { localKekProvider, staticKekSet, type KekProvider, type KekSet } from './kek.js';
import { createKeyring, type Keyring } from './keyring.js';

const actor: Actor = { type: 'user', id: 'usr_reader' };
let t: TestDb;

async function makeSecretsTable(): Promise<void> {
  await asSuperuser(t.ownerUrl, (sql) =>
    sql.unsafe(`
      create table test_secrets (org_id text not null, id text not null, secret bytea not null, primary key (org_id, id));
      alter table test_secrets enable row level security;
      alter table test_secrets force row level security;
      create policy tenant_isolation on test_secrets using (org_id = current_setting('palisade.org_id', true))
        with check (org_id = current_setting('palisade.org_id', true));
      grant select, insert, update, delete on test_secrets to palisade_app;`),
  );
}

async function makeOrg(): Promise<OrgId> {
  const id = newId('org') as OrgId;
  await withOrg(t.db, id, actor, (tx) => tx.sql`insert into orgs (id, name) values (${id}, 'Rotation org')`);
  return id;
}

function keyring(keks: KekSet, db: Db = t.db, cache?: { ttlMs: number; max: number }): Keyring {
  const k = createKeyring({ db, keks, ...(cache ? { cache } : {}) });
  k.registerEncryptedColumn({ table: 'test_secrets', column: 'secret' });
  return k;
}

/** Writes `n` secrets for one org in one transaction; returns their ids and values. */
async function seed(k: Keyring, org: OrgId, n: number, subjectId?: string): Promise<Array<[string, string]>> {
  const rows = Array.from({ length: n }, () => [newId('sec'), `secret-${randomBytes(12).toString('base64url')}`] as [string, string]);
  await withOrg(t.db, org, actor, async (tx) => {
    const envs = await k.encryptMany(
      tx,
      rows.map(([id, v]) => ({ ref: { table: 'test_secrets', column: 'secret', rowId: id }, plaintext: v })),
      subjectId ? { subjectId } : undefined,
    );
    const values = rows.map(([id], i) => ({ org_id: org, id, secret: envs[i] as Buffer }));
    for (let i = 0; i < values.length; i += 1000) await tx.sql`insert into test_secrets ${tx.sql(values.slice(i, i + 1000))}`;
  });
  return rows;
}

async function read(k: Keyring, db: Db, org: OrgId, id: string): Promise<string> {
  return withOrg(db, org, actor, async (tx) => {
    const [row] = await tx.sql<{ secret: Buffer }[]>`select secret from test_secrets where org_id = ${org} and id = ${id}`;
    return (await k.decryptField(tx, { table: 'test_secrets', column: 'secret', rowId: id }, row?.secret as Buffer)).toString('utf8');
  });
}

beforeAll(async () => {
  t = await createTestDb();
  await makeSecretsTable();
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
    const oldNode = keyring(staticKekSet(kek1));
    const data: Array<[OrgId, string, string]> = [];
    for (let i = 0; i < 3; i++) {
      const org = await makeOrg();
      for (const [id, v] of await seed(oldNode, org, 2)) data.push([org, id, v]);
      for (const [id, v] of await seed(oldNode, org, 1, 'usr_s')) data.push([org, id, v]);
    }
    // A node holding only the new KEK refuses to start while keys are wrapped under the old one.
    const newOnly = keyring(staticKekSet(kek2));
    await expect(newOnly.checkKeks()).rejects.toBeInstanceOf(KekUnavailable);

    const rotating = keyring(staticKekSet(kek2, [kek1]));
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
    const both = keyring(staticKekSet(kek2, [kek1]));
    for (const [org, id, v] of data) expect(await read(both, t.db, org, id)).toBe(v);
    const res = await rotating.rewrapAll({ batchSize: 2 });
    expect(res).toEqual({ rewrapped: 4, remaining: 0, failed: [] });
    await newOnly.checkKeks();
    const fresh = keyring(staticKekSet(kek2));
    for (const [org, id, v] of data) expect(await read(fresh, t.db, org, id)).toBe(v);
    const [ev] = await asSuperuser(t.ownerUrl, (sql) => sql<{ metadata: { rewrapped: number } }[]>`
      select metadata from audit_events where org_id = 'platform' and action = 'crypto.kek_rewrapped' order by seq desc limit 1`);
    expect(ev?.metadata.rewrapped).toBe(4);
  });

  it('ENC-5: a tampered wrapped key is reported and audited without blocking the rotation of the others', async () => {
    const kek3 = localKekProvider(randomBytes(32));
    const k = keyring(staticKekSet(kek2));
    const good = await makeOrg();
    const bad = await makeOrg();
    const [[goodId, goodV]] = (await seed(k, good, 1)) as [[string, string]];
    await seed(k, bad, 1);
    await asSuperuser(t.ownerUrl, (sql) => sql`
      update crypto_key_versions set wrapped_dek = set_byte(wrapped_dek, 20, get_byte(wrapped_dek, 20) # 1), kek_id = ${kek2.id}
      where org_id = ${bad}`.catch(async () => {
      await sql.unsafe('alter table crypto_key_versions disable trigger crypto_key_versions_guard');
      await sql`update crypto_key_versions set wrapped_dek = set_byte(wrapped_dek, 20, get_byte(wrapped_dek, 20) # 1) where org_id = ${bad}`;
      await sql.unsafe('alter table crypto_key_versions enable trigger crypto_key_versions_guard');
    }));
    const res = await keyring(staticKekSet(kek3, [kek2])).rewrapAll();
    expect(res.failed).toHaveLength(1);
    expect(res.failed[0]?.orgId).toBe(bad);
    expect(res.remaining).toBe(1);
    expect(await read(keyring(staticKekSet(kek3)), t.db, good, goodId)).toBe(goodV);
    const [ev] = await asSuperuser(t.ownerUrl, (sql) => sql<{ outcome: string }[]>`
      select outcome from audit_events where org_id = ${bad} and action = 'crypto.kek_rewrap_failed'`);
    expect(ev?.outcome).toBe('failed');
  });
});
