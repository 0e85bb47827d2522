/* Rotation under load, on a database of its own (KEK rotation rewrites every data key). */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withOrg, type Actor, type Db } from '../db/index.js';
import { newId, type OrgId } from '../lib/ids.js';
import { parseHeader } from './aead.js';
import { localKekProvider, staticKekSet, type KekSet } from './kek.js';
import { createKeyring, type Keyring } from './keyring.js';

const actor: Actor = { type: 'user', id: 'usr_reader' };
let t: TestDb;

async function makeOrg(): Promise<OrgId> {
  const id = newId('org') as OrgId;
  await withOrg(t.db, id, actor, (tx) => tx.sql`insert into orgs (id, name) values (${id}, 'Load org')`);
  return id;
}

function keyring(keks: KekSet, db: Db = t.db, cache?: { ttlMs: number; max: number }): Keyring {
  const k = createKeyring({ db, keks, ...(cache ? { cache } : {}) });
  k.registerEncryptedColumn({ table: 'test_secrets', column: 'secret' });
  return k;
}

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
  await asSuperuser(t.ownerUrl, (sql) =>
    sql.unsafe(`
      create table test_secrets (org_id text not null, id text not null, secret bytea not null, primary key (org_id, id));
      alter table test_secrets enable row level security;
      alter table test_secrets force row level security;
      create policy tenant_isolation on test_secrets using (org_id = current_setting('palisade.org_id', true))
        with check (org_id = current_setting('palisade.org_id', true));
      grant select, insert, update, delete on test_secrets to palisade_app;`),
  );
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
    const seeder = keyring(staticKekSet(kekA));
    const data: Array<[OrgId, string, string]> = [];
    for (let o = 0; o < ORGS; o++) {
      const org = await makeOrg();
      for (const [id, v] of await seed(seeder, org, PER_ORG)) data.push([org, id, v]);
      for (let s = 0; s < SUBJECTS_PER_ORG; s++) for (const [id, v] of await seed(seeder, org, 1, `usr_${s}`)) data.push([org, id, v]);
    }
    expect(data.length).toBe(ORGS * (PER_ORG + SUBJECTS_PER_ORG));

    // The reading node: its own pools, holds both KEKs (rolled out before the rotation), and
    // caches only 4 keys for 50 ms, so it keeps unwrapping throughout.
    const readerDb = await t.connectAgain();
    const reader = keyring(staticKekSet(kekB, [kekA]), readerDb, { ttlMs: 50, max: 4 });
    let ok = 0;
    const failures: unknown[] = [];
    let stop = false;
    const readers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const [org, id, v] = data[Math.floor(Math.random() * data.length)] as [OrgId, string, string];
        try {
          if ((await read(reader, readerDb, org, id)) === v) ok++;
          else failures.push(new Error('wrong plaintext'));
        } catch (e) {
          failures.push(e);
        }
      }
    });

    const rotator = keyring(staticKekSet(kekB, [kekA]));
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
    const fresh = keyring(staticKekSet(kekB));
    for (let i = 0; i < data.length; i += 97) {
      const [org, id, v] = data[i] as [OrgId, string, string];
      expect(await read(fresh, t.db, org, id)).toBe(v);
    }
  }, 60_000);
});
