import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { withOrg, type Actor, type Db } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { newId, type OrgId } from '../lib/ids.js';
import { open, parseHeader } from './aead.js';
import { DecryptionFailed, KeyDestroyed, KeyNotFound } from './errors.js';
import { localKekProvider, staticKekSet, type KekProvider } from './kek.js';
import { createDekCache, createKeyring, type FieldRef, type Keyring } from './keyring.js';
import { appendAudit } from '../audit/index.js';

const actor: Actor = { type: 'user', id: 'usr_test' };
let t: TestDb;
let kek1: KekProvider;

/** A table with an envelope column, as any module would have. Created as the owner. */
async function makeSecretsTable(): Promise<void> {
  await asSuperuser(t.ownerUrl, async (sql) => {
    await sql.unsafe(`
      create table if not exists test_secrets (org_id text not null, id text not null, secret bytea not null, primary key (org_id, id));
      alter table test_secrets enable row level security;
      alter table test_secrets force row level security;
      drop policy if exists tenant_isolation on test_secrets;
      create policy tenant_isolation on test_secrets using (org_id = current_setting('palisade.org_id', true))
        with check (org_id = current_setting('palisade.org_id', true));
      grant select, insert, update, delete on test_secrets to palisade_app;`);
  });
}

async function makeOrg(db: Db = t.db): Promise<OrgId> {
  const id = newId('org') as OrgId;
  await withOrg(db, id, actor, (tx) => tx.sql`insert into orgs (id, name) values (${id}, 'Test org')`);
  return id;
}

async function put(k: Keyring, org: OrgId, value: string, opts?: { subjectId?: string }): Promise<string> {
  const id = newId('sec');
  await withOrg(t.db, org, actor, async (tx) => {
    const env = await k.encryptField(tx, { table: 'test_secrets', column: 'secret', rowId: id }, value, opts);
    await tx.sql`insert into test_secrets (org_id, id, secret) values (${org}, ${id}, ${env})`;
  });
  return id;
}

async function get(k: Keyring, org: OrgId, id: string, db: Db = t.db): Promise<string> {
  return withOrg(db, org, actor, async (tx) => {
    const [row] = await tx.sql<{ secret: Buffer }[]>`select secret from test_secrets where org_id = ${org} and id = ${id}`;
    if (!row) throw new Error('no row');
    return (await k.decryptField(tx, { table: 'test_secrets', column: 'secret', rowId: id }, row.secret)).toString('utf8');
  });
}

async function auditActions(org: string, action: string): Promise<Array<{ outcome: string; reason: string | null; metadata: Record<string, unknown> }>> {
  return asSuperuser(t.ownerUrl, (sql) => sql<{ outcome: string; reason: string | null; metadata: Record<string, unknown> }[]>`
    select outcome, reason, metadata from audit_events where org_id = ${org} and action = ${action} order by seq`);
}

function keyring(keks = staticKekSet(kek1), extra: Partial<Parameters<typeof createKeyring>[0]> = {}): Keyring {
  const k = createKeyring({ record: appendAudit, db: t.db, keks, ...extra });
  k.registerEncryptedColumn({ table: 'test_secrets', column: 'secret' });
  return k;
}

beforeAll(async () => {
  t = await createTestDb();
  kek1 = localKekProvider(randomBytes(32));
  await makeSecretsTable();
});
afterAll(async () => {
  await t.drop();
});

describe('field encryption', () => {
  it('ENC-4: round-trips, and the database holds only the envelope (no plaintext)', async () => {
    const k = keyring();
    const org = await makeOrg();
    const secret = `plaintext-${randomBytes(8).toString('hex')}`;
    const id = await put(k, org, secret);
    expect(await get(k, org, id)).toBe(secret);
    const dump = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`select secret from test_secrets where id = ${id}`);
    const stored = dump[0]?.secret as Buffer;
    expect(stored.includes(Buffer.from(secret))).toBe(false);
    expect(parseHeader(stored).keyId).toMatch(/^dk_/);
  });

  it('ENC-5: data keys are stored only wrapped by the KEK, bound to their org, id and version', async () => {
    const k = keyring();
    const org = await makeOrg();
    const id = await put(k, org, 'hello');
    const [ver] = await asSuperuser(t.ownerUrl, (sql) => sql<{ key_id: string; version: number; kek_id: string; wrapped_dek: Buffer }[]>`
      select key_id, version, kek_id, wrapped_dek from crypto_key_versions where org_id = ${org}`);
    expect(ver?.kek_id).toBe(kek1.id);
    // Unwrap it by hand with the KEK (which the database never sees) and open the row with it.
    const dek = Buffer.from(
      await kek1.unwrap(ver?.wrapped_dek as Buffer, Buffer.from(JSON.stringify(['palisade.dek.v1', org, ver?.key_id, ver?.version]))),
    );
    const [row] = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`select secret from test_secrets where id = ${id}`);
    expect(open(dek, row?.secret as Buffer, { orgId: org, table: 'test_secrets', column: 'secret', rowId: id }).toString()).toBe('hello');
    // The raw DEK appears nowhere in the database.
    const hits = await asSuperuser(t.ownerUrl, (sql) => sql<{ n: number }[]>`
      select count(*)::int as n from crypto_key_versions where position(${dek} in wrapped_dek) > 0`);
    expect(hits[0]?.n).toBe(0);
  });

  it('ENC-4: a tampered ciphertext fails with decryption_failed, and the audit log records it', async () => {
    const k = keyring();
    const org = await makeOrg();
    const id = await put(k, org, 'do not touch');
    await asSuperuser(t.ownerUrl, (sql) => sql`
      update test_secrets set secret = set_byte(secret, length(secret) - 20, get_byte(secret, length(secret) - 20) # 1) where id = ${id}`);
    const err = await get(k, org, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecryptionFailed);
    expect((err as DecryptionFailed).code).toBe('decryption_failed');
    const events = await auditActions(org, 'crypto.decryption_failed');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'failed', reason: 'authentication', metadata: { table: 'test_secrets', column: 'secret', code: 'decryption_failed' } });
  });

  it('ENC-4: a ciphertext moved to another row fails and is audited; moved to another org it names an unknown key', async () => {
    const k = keyring();
    const org = await makeOrg();
    const a = await put(k, org, 'secret A');
    const b = await put(k, org, 'secret B');
    await asSuperuser(t.ownerUrl, (sql) => sql`
      update test_secrets set secret = (select secret from test_secrets where id = ${a}) where id = ${b}`);
    await expect(get(k, org, b)).rejects.toBeInstanceOf(DecryptionFailed);
    expect(await get(k, org, a)).toBe('secret A');

    const other = await makeOrg();
    const c = await put(k, other, 'secret C');
    await asSuperuser(t.ownerUrl, (sql) => sql`
      update test_secrets set secret = (select secret from test_secrets where id = ${a}) where id = ${c}`);
    const err = await get(k, other, c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyNotFound); // the other org cannot even see org A's key
    expect(await auditActions(org, 'crypto.decryption_failed')).toHaveLength(1);
    expect((await auditActions(other, 'crypto.decryption_failed'))[0]).toMatchObject({ outcome: 'failed', reason: 'key_not_found' });
  });

  it('ENC-5: a wrapped key copied onto another key version does not unwrap', async () => {
    const k = keyring();
    const orgA = await makeOrg();
    const orgB = await makeOrg();
    await put(k, orgA, 'a');
    const idB = await put(k, orgB, 'b');
    k.clearCache();
    // The guard refuses a rewrap under the same KEK id, so swap as a superuser with the trigger off.
    await asSuperuser(t.ownerUrl, async (sql) => {
      await sql.unsafe('alter table crypto_key_versions disable trigger crypto_key_versions_guard');
      await sql`update crypto_key_versions set wrapped_dek = (select wrapped_dek from crypto_key_versions where org_id = ${orgA}) where org_id = ${orgB}`;
      await sql.unsafe('alter table crypto_key_versions enable trigger crypto_key_versions_guard');
    });
    await expect(get(keyring(), orgB, idB)).rejects.toBeInstanceOf(DecryptionFailed);
  });

  it('ENC-5: organisations cannot see each other\'s keys (RLS)', async () => {
    const k = keyring();
    const orgA = await makeOrg();
    const orgB = await makeOrg();
    await put(k, orgA, 'a');
    const seen = await withOrg(t.db, orgB, actor, (tx) => tx.sql`select 1 from crypto_keys where org_id = ${orgA} union all select 1 from crypto_key_versions where org_id = ${orgA}`);
    expect(seen).toHaveLength(0);
  });

  it('ENC-4: fingerprints are keyed per organisation: the same secret gives different values in two orgs', async () => {
    const k = keyring();
    const [a, b] = [await makeOrg(), await makeOrg()];
    const fa = await withOrg(t.db, a, actor, (tx) => k.fingerprint(tx, 'stripe', 'rk_test_abc'));
    const fa2 = await withOrg(t.db, a, actor, (tx) => k.fingerprint(tx, 'stripe', 'rk_test_abc'));
    const fb = await withOrg(t.db, b, actor, (tx) => k.fingerprint(tx, 'stripe', 'rk_test_abc'));
    expect(fa).toBe(fa2);
    expect(fa).not.toBe(fb);
    expect(fa).toMatch(/^fp_[a-z2-7]{24}$/);
  });
});

describe('crypto-shredding', () => {
  it('ENC-5: destroying a subject key makes everything under it key_destroyed, on every node, and nothing else', async () => {
    const k = keyring();
    const node2 = createKeyring({ record: appendAudit, db: await t.connectAgain(), keks: staticKekSet(kek1) });
    const org = await makeOrg();
    const mine = await put(k, org, 'alice data', { subjectId: 'usr_alice' });
    const mine2 = await put(k, org, 'more alice data', { subjectId: 'usr_alice' });
    const theirs = await put(k, org, 'bob data', { subjectId: 'usr_bob' });
    const orgWide = await put(k, org, 'org data');
    expect(await get(node2, org, mine)).toBe('alice data'); // node2 now caches alice's key
    const n = await withOrg(t.db, org, actor, (tx) => k.destroySubjectKey(tx, 'usr_alice'));
    expect(n).toBe(1);
    for (const [node, id] of [[k, mine], [k, mine2], [node2, mine]] as const) {
      const err = await get(node, org, id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KeyDestroyed);
      expect((err as KeyDestroyed).code).toBe('key_destroyed');
      expect((err as KeyDestroyed).status).toBe(410);
    }
    expect(await get(k, org, theirs)).toBe('bob data');
    expect(await get(k, org, orgWide)).toBe('org data');
    const [row] = await asSuperuser(t.ownerUrl, (sql) => sql<{ wrapped_dek: Buffer | null; destroyed_at: Date | null }[]>`
      select v.wrapped_dek, v.destroyed_at from crypto_key_versions v join crypto_keys k on k.id = v.key_id where k.subject_id = 'usr_alice' and k.org_id = ${org}`);
    expect(row?.wrapped_dek).toBeNull();
    expect(row?.destroyed_at).toBeInstanceOf(Date);
    expect((await auditActions(org, 'crypto.key_destroyed'))[0]).toMatchObject({ outcome: 'allowed' });
    // A new write for the same subject id gets a fresh key; the erased data stays erased.
    const later = await put(k, org, 'new alice data', { subjectId: 'usr_alice' });
    expect(await get(k, org, later)).toBe('new alice data');
    await expect(get(k, org, mine)).rejects.toBeInstanceOf(KeyDestroyed);
  });

  it('ENC-5: a destroyed key can never be restored, and key rows are never deleted', async () => {
    const k = keyring();
    const org = await makeOrg();
    await put(k, org, 'x', { subjectId: 'usr_gone' });
    await withOrg(t.db, org, actor, (tx) => k.destroySubjectKey(tx, 'usr_gone'));
    await expect(
      withOrg(t.db, org, actor, (tx) => tx.sql`update crypto_key_versions set wrapped_dek = ${randomBytes(61)}, destroyed_at = null, kek_id = 'other' where org_id = ${org}`),
    ).rejects.toThrow(/destroyed key cannot change/);
    await expect(withOrg(t.db, org, actor, (tx) => tx.sql`delete from crypto_keys where org_id = ${org}`)).rejects.toThrow();
    await expect(asSuperuser(t.ownerUrl, (sql) => sql`delete from crypto_key_versions where org_id = ${org}`)).rejects.toThrow(/never deleted/);
  });
});

describe('key rows remembered per transaction', () => {
  it('ENC-5: a destruction waits for a transaction that is using the key, and every transaction after it is refused', async () => {
    const k = keyring();
    const node2Db = await t.connectAgain();
    const node2 = createKeyring({ record: appendAudit, db: node2Db, keks: staticKekSet(kek1) });
    const org = await makeOrg();
    const a = await put(k, org, 'first', { subjectId: 'usr_carol' });
    const b = await put(k, org, 'second', { subjectId: 'usr_carol' });
    const field = (id: string) => ({ table: 'test_secrets', column: 'secret', rowId: id });
    let destroyed = false;
    let destruction: Promise<number> | null = null;
    const reads = await withOrg(t.db, org, actor, async (tx) => {
      const rows = await tx.sql<{ id: string; secret: Buffer }[]>`select id, secret from test_secrets where org_id = ${org} and id in (${a}, ${b}) order by id = ${a} desc`;
      const first = (await k.decryptField(tx, field(a), rows[0]!.secret)).toString();
      // Another node destroys carol's key while this transaction is still using it.
      destruction = withOrg(node2Db, org, actor, (tx2) => node2.destroySubjectKey(tx2, 'usr_carol')).then((n) => {
        destroyed = true;
        return n;
      });
      await new Promise((r) => setTimeout(r, 200));
      const second = (await k.decryptField(tx, field(b), rows[1]!.secret)).toString();
      // The destruction cannot have committed under this transaction's reads.
      expect(destroyed).toBe(false);
      return [first, second];
    });
    expect(reads).toEqual(['first', 'second']);
    expect(await destruction).toBe(1);
    await expect(get(k, org, a)).rejects.toBeInstanceOf(KeyDestroyed);
    await expect(get(node2, org, b)).rejects.toBeInstanceOf(KeyDestroyed);
  });

  it('ENC-5: a DEK rotation inside a transaction is seen by that transaction\'s later writes', async () => {
    const k = keyring();
    const org = await makeOrg();
    const ids = await withOrg(t.db, org, actor, async (tx) => {
      const id1 = newId('sec');
      const id2 = newId('sec');
      const e1 = await k.encryptField(tx, { table: 'test_secrets', column: 'secret', rowId: id1 }, 'before');
      await k.rotateDek(tx);
      const e2 = await k.encryptField(tx, { table: 'test_secrets', column: 'secret', rowId: id2 }, 'after');
      expect(parseHeader(e2).version).toBe(parseHeader(e1).version + 1);
      await tx.sql`insert into test_secrets (org_id, id, secret) values (${org}, ${id1}, ${e1}), (${org}, ${id2}, ${e2})`;
      return [id1, id2] as const;
    });
    expect(await get(k, org, ids[0])).toBe('before');
    expect(await get(k, org, ids[1])).toBe('after');
  });
});

describe('DEK cache', () => {
  it('ENC-5: is bounded by count and zeroes evicted keys', () => {
    const c = createDekCache(60_000, 2, fixedClock('2025-01-01T00:00:00Z'));
    const keys = [randomBytes(32), randomBytes(32), randomBytes(32)];
    keys.forEach((key, i) => c.set(`k${i}`, key));
    expect(c.size).toBe(2);
    expect(c.get('k0')).toBeUndefined();
    expect(keys[0]?.every((b) => b === 0)).toBe(true);
    expect(keys[2]?.every((b) => b === 0)).toBe(false);
  });

  it('ENC-5: is bounded by time and zeroes expired keys; clear zeroes everything', () => {
    const clock = fixedClock('2025-01-01T00:00:00Z');
    const c = createDekCache(1000, 10, clock);
    const a = randomBytes(32);
    const b = randomBytes(32);
    c.set('a', a);
    clock.advance(999);
    expect(c.get('a')).toBe(a);
    clock.advance(1);
    expect(c.get('a')).toBeUndefined();
    expect(a.every((x) => x === 0)).toBe(true);
    c.set('b', b);
    c.clear();
    expect(b.every((x) => x === 0)).toBe(true);
    expect(c.size).toBe(0);
  });

  it('a disabled cache (max 0) still encrypts correctly', async () => {
    const k = keyring(staticKekSet(kek1), { cache: { ttlMs: 0, max: 0 } });
    const org = await makeOrg();
    const id = await put(k, org, 'no cache');
    expect(await get(k, org, id)).toBe('no cache');
    expect(await get(keyring(), org, id)).toBe('no cache');
  });
});

describe('rotation', () => {
  it('ENC-5: rotate-DEK starts a new version that new writes use; old rows stay readable; re-encryption is resumable', async () => {
    const k = keyring();
    const org = await makeOrg();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await put(k, org, `value ${i}`));
    const before = await withOrg(t.db, org, actor, (tx) => k.orgKey(tx));
    const rotated = await withOrg(t.db, org, actor, (tx) => k.rotateDek(tx));
    expect(rotated).toEqual({ keyId: before.keyId, version: before.version + 1, scope: 'org' });
    const fresh = await put(k, org, 'after rotation');
    const [row] = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`select secret from test_secrets where id = ${fresh}`);
    expect(parseHeader(row?.secret as Buffer).version).toBe(rotated.version);
    expect(await get(k, org, ids[0] as string)).toBe('value 0');
    expect(await k.countStaleRows(org)).toBe(7);

    // Interrupt after the first batch of 3; rerun finishes the rest.
    let calls = 0;
    await expect(
      k.reencryptOrg(org, {
        batchSize: 3,
        onProgress: () => {
          if (++calls === 2) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await k.countStaleRows(org)).toBe(4);
    const progress: number[] = [];
    const res = await k.reencryptOrg(org, { batchSize: 3, onProgress: (p) => progress.push(p.done) });
    expect(res).toEqual({ reencrypted: 4, remaining: 0 });
    expect(progress).toEqual([0, 3, 4]);
    for (let i = 0; i < 7; i++) expect(await get(k, org, ids[i] as string)).toBe(`value ${i}`);
    const versions = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`select secret from test_secrets where org_id = ${org}`);
    expect(new Set(versions.map((v) => parseHeader(v.secret).version))).toEqual(new Set([rotated.version]));
    expect((await auditActions(org, 'crypto.dek_rotated'))[0]).toMatchObject({ outcome: 'allowed', metadata: { fromVersion: 1, toVersion: 2 } });
  });
});

describe('failures are typed', () => {
  it('an envelope that is not one, or names an unknown key, fails typed and audited', async () => {
    const k = keyring();
    const org = await makeOrg();
    const ref: FieldRef = { table: 'test_secrets', column: 'secret', rowId: 'sec_x' };
    await expect(withOrg(t.db, org, actor, (tx) => k.decryptField(tx, ref, Buffer.from('plain text')))).rejects.toBeInstanceOf(DecryptionFailed);
    const id = await put(k, org, 'x');
    const [row] = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`select secret from test_secrets where id = ${id}`);
    const env = Buffer.from(row?.secret as Buffer);
    env.writeUInt32BE(99, 4 + (env[3] as number)); // version 99 does not exist
    await expect(withOrg(t.db, org, actor, (tx) => k.decryptField(tx, { ...ref, rowId: id }, env))).rejects.toBeInstanceOf(KeyNotFound);
    expect((await auditActions(org, 'crypto.decryption_failed')).map((e) => e.reason)).toEqual(['malformed', 'key_not_found']);
  });
});
