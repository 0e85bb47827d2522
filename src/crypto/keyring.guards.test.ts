/* The keyring's guards that its mutation run (issue 21, session 7: 54.7 %) found untested: the
   per-transaction key memo, this node's DEK cache and how keys leave it, the node bus that drops a
   destroyed key on every node, KEK look-up and usage, the audit records of destruction and failed
   decryption, and text encoding. Each test attacks a change of keyring.ts a reviewer would not
   accept (docs/testing.md, "Scores, session 8", lists which). A database of its own. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { appendAudit } from '../audit/index.js';
import { withOrg, type Actor, type Db, type OrgTx } from '../db/index.js';
import { NODE_CHANNEL, startNodeBus, type NodeBus } from '../db/node-bus.js';
import { fixedClock, type Clock } from '../lib/clock.js';
import { newId, type OrgId } from '../lib/ids.js';
import { parseHeader } from './aead.js';
import { DecryptionFailed, KekUnavailable, KeyDestroyed, KeyNotFound } from './errors.js';
import { fileKekSet, localKekProvider, rotateKekFile, staticKekSet, type KekProvider, type KekSet } from './kek.js';
import { createKeyring, type FieldRef, type NodeKeyring } from './keyring.js';

const actor: Actor = { type: 'user', id: 'usr_guard' };
let t: TestDb;
let kek1: KekProvider;

const field = (rowId: string): FieldRef => ({ table: 'test_secrets', column: 'secret', rowId });

function keyring(keks: KekSet = staticKekSet(kek1), extra: Partial<Parameters<typeof createKeyring>[0]> = {}): NodeKeyring {
  const k = createKeyring({ record: appendAudit, db: t.db, keks, ...extra });
  k.registerEncryptedColumn({ table: 'test_secrets', column: 'secret' });
  return k;
}

async function makeOrg(): Promise<OrgId> {
  const id = newId('org') as OrgId;
  await withOrg(t.db, id, actor, (tx) => tx.sql`insert into orgs (id, name) values (${id}, 'Guard org')`);
  return id;
}

async function put(k: NodeKeyring, org: OrgId, value: string | Uint8Array, opts?: { subjectId?: string }): Promise<string> {
  const id = newId('sec');
  await withOrg(t.db, org, actor, async (tx) => {
    const env = await k.encryptField(tx, field(id), value, opts);
    await tx.sql`insert into test_secrets (org_id, id, secret) values (${org}, ${id}, ${env})`;
  });
  return id;
}

async function envelope(org: OrgId, id: string): Promise<Buffer> {
  const [row] = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`select secret from test_secrets where org_id = ${org} and id = ${id}`);
  return row?.secret as Buffer;
}

async function get(k: NodeKeyring, org: OrgId, id: string, db: Db = t.db): Promise<string> {
  const env = await envelope(org, id);
  return withOrg(db, org, actor, async (tx) => (await k.decryptField(tx, field(id), env)).toString('utf8'));
}

const keyIdOf = async (org: OrgId, id: string): Promise<string> => parseHeader(await envelope(org, id)).keyId;

interface AuditRow { outcome: string; reason: string | null; target_type: string | null; target_id: string | null; metadata: Record<string, unknown> }
async function audits(org: string, action: string): Promise<AuditRow[]> {
  return asSuperuser(t.ownerUrl, (sql) => sql<AuditRow[]>`
    select outcome, reason, target_type, target_id, metadata from audit_events where org_id = ${org} and action = ${action} order by seq`);
}

/** Index and sequential scans of the key tables so far in this transaction (PostgreSQL's own
    per-transaction statistics): every key look-up the keyring makes is one statement here. */
async function keyReads(tx: OrgTx): Promise<number> {
  const [r] = await tx.sql<{ n: number }[]>`
    select coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)::int as n
    from pg_stat_xact_user_tables where relname in ('crypto_keys', 'crypto_key_versions')`;
  return r?.n ?? -1;
}

/** A real KEK that counts its unwraps (each one is a KMS round trip in production). */
function countingKek(inner: KekProvider): KekProvider & { unwraps: number } {
  const c = {
    id: inner.id,
    unwraps: 0,
    wrap: (dek: Uint8Array, ctx: Uint8Array) => inner.wrap(dek, ctx),
    unwrap: (w: Uint8Array, ctx: Uint8Array) => {
      c.unwraps++;
      return inner.unwrap(w, ctx);
    },
  };
  return c;
}

async function eventually(check: () => boolean): Promise<boolean> {
  // Bounded wait for a notification to arrive; the assertion is on the outcome, not the time.
  for (let i = 0; i < 400; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

beforeAll(async () => {
  t = await createTestDb();
  kek1 = localKekProvider(randomBytes(32));
  await asSuperuser(t.ownerUrl, (sql) => sql.unsafe(`
    create table test_secrets (org_id text not null, id text not null, secret bytea not null, primary key (org_id, id));
    alter table test_secrets enable row level security;
    alter table test_secrets force row level security;
    create policy tenant_isolation on test_secrets using (org_id = current_setting('palisade.org_id', true))
      with check (org_id = current_setting('palisade.org_id', true));
    grant select, insert, update, delete on test_secrets to palisade_app;`));
});
afterAll(async () => {
  await t.drop();
});

describe('the per-transaction key memo', () => {
  it('ENC-5: within one transaction the organisation key and each subject key stay apart: no field is sealed under another subject\'s key or the org key', async () => {
    const k = keyring();
    const org = await makeOrg();
    const ids = { org1: newId('sec'), alice1: newId('sec'), bob: newId('sec'), org2: newId('sec'), alice2: newId('sec') };
    await withOrg(t.db, org, actor, async (tx) => {
      for (const [name, id] of Object.entries(ids)) {
        const subjectId = name.startsWith('alice') ? 'usr_alice' : name === 'bob' ? 'usr_bob' : undefined;
        const env = await k.encryptField(tx, field(id), `${name} data`, subjectId ? { subjectId } : undefined);
        await tx.sql`insert into test_secrets (org_id, id, secret) values (${org}, ${id}, ${env})`;
      }
    });
    const [orgKey, alice, bob] = [await keyIdOf(org, ids.org1), await keyIdOf(org, ids.alice1), await keyIdOf(org, ids.bob)];
    expect(new Set([orgKey, alice, bob]).size).toBe(3);
    expect(await keyIdOf(org, ids.org2)).toBe(orgKey);
    expect(await keyIdOf(org, ids.alice2)).toBe(alice);
    // Erasing alice erases exactly her fields.
    await withOrg(t.db, org, actor, (tx) => k.destroySubjectKey(tx, 'usr_alice'));
    await expect(get(k, org, ids.alice1)).rejects.toBeInstanceOf(KeyDestroyed);
    await expect(get(k, org, ids.alice2)).rejects.toBeInstanceOf(KeyDestroyed);
    expect(await get(k, org, ids.bob)).toBe('bob data');
    expect(await get(k, org, ids.org1)).toBe('org1 data');
    expect(await get(k, org, ids.org2)).toBe('org2 data');
  });

  it('ENC-5: a transaction looks each key up once however many fields it seals or opens, and the next transaction looks it up again', async () => {
    const k = keyring();
    const org = await makeOrg();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await put(k, org, `value ${i}`));
    const envs = await Promise.all(ids.map((id) => envelope(org, id)));
    await withOrg(t.db, org, actor, async (tx) => {
      const r0 = await keyReads(tx);
      await k.orgKey(tx); // one statement: the live key and its current version row
      const r1 = await keyReads(tx);
      expect(r1).toBeGreaterThan(r0); // the counter sees the keyring's statements
      for (let i = 0; i < 5; i++) await k.encryptField(tx, field(newId('sec')), `more ${i}`);
      await k.fingerprint(tx, 'label', 'data');
      for (let i = 0; i < ids.length; i++) expect((await k.decryptField(tx, field(ids[i] as string), envs[i] as Buffer)).toString()).toBe(`value ${i}`);
      expect(await keyReads(tx)).toBe(r1);
      // A subject's key is another key: looked up once too.
      await k.encryptField(tx, field(newId('sec')), 'subject data', { subjectId: 'usr_dora' });
      const r2 = await keyReads(tx);
      expect(r2).toBeGreaterThan(r1);
      await k.encryptField(tx, field(newId('sec')), 'subject data', { subjectId: 'usr_dora' });
      await k.encryptField(tx, field(newId('sec')), 'org data');
      expect(await keyReads(tx)).toBe(r2);
    });
    // Sealing in a fresh transaction costs exactly the live-key statement, nothing more.
    const alone = await withOrg(t.db, org, actor, async (tx) => {
      const r0 = await keyReads(tx);
      await k.orgKey(tx);
      return (await keyReads(tx)) - r0;
    });
    const sealing = await withOrg(t.db, org, actor, async (tx) => {
      const r0 = await keyReads(tx);
      await k.encryptField(tx, field(newId('sec')), 'x');
      return (await keyReads(tx)) - r0;
    });
    expect(sealing).toBe(alone);
    // Opening in a fresh transaction looks the version up again (the memo does not outlive its
    // transaction), once for all four fields.
    await withOrg(t.db, org, actor, async (tx) => {
      const r0 = await keyReads(tx);
      await k.decryptField(tx, field(ids[0] as string), envs[0] as Buffer);
      const r1 = await keyReads(tx);
      expect(r1).toBeGreaterThan(r0);
      for (let i = 1; i < ids.length; i++) await k.decryptField(tx, field(ids[i] as string), envs[i] as Buffer);
      expect(await keyReads(tx)).toBe(r1);
    });
  });
});

describe('this node\'s DEK cache', () => {
  it('ENC-5: a key is unwrapped once, then served from the cache without the KEK for 5 minutes by default, then unwrapped again', async () => {
    const clock = fixedClock('2026-06-01T00:00:00Z');
    const kek = countingKek(kek1);
    const k = keyring(staticKekSet(kek), { clock });
    const org = await makeOrg();
    const id = await put(k, org, 'cached');
    const keyId = await keyIdOf(org, id);
    expect(kek.unwraps).toBe(1); // the first use unwraps (a new key is never cached before its commit)
    expect(k.cacheHolds(org, keyId)).toBe(true);
    expect(k.cacheSize).toBe(1);
    for (let i = 0; i < 3; i++) expect(await get(k, org, id)).toBe('cached');
    expect(kek.unwraps).toBe(1);
    clock.advance(5 * 60_000 - 1);
    expect(await get(k, org, id)).toBe('cached');
    expect(kek.unwraps).toBe(1);
    clock.advance(5 * 60_000);
    expect(await get(k, org, id)).toBe('cached');
    expect(kek.unwraps).toBe(2);
    k.clearCache();
    expect(k.cacheSize).toBe(0);
    expect(k.cacheHolds(org, keyId)).toBe(false);
    expect(await get(k, org, id)).toBe('cached');
    expect(kek.unwraps).toBe(3);
  });

  it('ENC-5: destroying keys drops exactly them from this node\'s cache at once — the subject\'s key, or every key of the organisation — and audits each destruction', async () => {
    const k = keyring();
    const [a, b] = [await makeOrg(), await makeOrg()];
    const rows = {
      aOrg: await put(k, a, 'a org'), aAlice: await put(k, a, 'a alice', { subjectId: 'usr_alice' }), aBob: await put(k, a, 'a bob', { subjectId: 'usr_bob' }),
      bOrg: await put(k, b, 'b org'), bAlice: await put(k, b, 'b alice', { subjectId: 'usr_alice' }),
    };
    const key = Object.fromEntries(await Promise.all(Object.entries(rows).map(async ([n, id]) => [n, await keyIdOf(n.startsWith('a') ? a : b, id)] as const))) as Record<keyof typeof rows, string>;
    const held = () => ({
      aOrg: k.cacheHolds(a, key.aOrg), aAlice: k.cacheHolds(a, key.aAlice), aBob: k.cacheHolds(a, key.aBob),
      bOrg: k.cacheHolds(b, key.bOrg), bAlice: k.cacheHolds(b, key.bAlice),
    });
    expect(held()).toEqual({ aOrg: true, aAlice: true, aBob: true, bOrg: true, bAlice: true });
    // Another organisation's key is not this organisation's, even under the same key id.
    expect(k.cacheHolds(b, key.aOrg)).toBe(false);

    expect(await withOrg(t.db, a, actor, (tx) => k.destroySubjectKey(tx, 'usr_alice'))).toBe(1);
    expect(held()).toEqual({ aOrg: true, aAlice: false, aBob: true, bOrg: true, bAlice: true });
    expect(await withOrg(t.db, a, actor, (tx) => k.destroySubjectKey(tx, 'usr_nobody'))).toBe(0);
    expect(await withOrg(t.db, a, actor, (tx) => k.destroyOrgKeys(tx))).toBe(2); // the org key and bob's
    expect(held()).toEqual({ aOrg: false, aAlice: false, aBob: false, bOrg: true, bAlice: true });
    await expect(k.destroyedEverywhere()).resolves.toBeUndefined(); // no node bus: nothing to wait for

    for (const id of [rows.aOrg, rows.aAlice, rows.aBob]) {
      const err = await get(k, a, id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KeyDestroyed);
      expect((err as KeyDestroyed).detail).toEqual({ keyId: await keyIdOf(a, id), version: 1 });
    }
    expect(await get(k, b, rows.bOrg)).toBe('b org');
    expect(await get(k, b, rows.bAlice)).toBe('b alice');
    // Erased data is not a decryption failure (no alarm for reading what an erasure removed).
    expect(await audits(a, 'crypto.decryption_failed')).toEqual([]);
    const destroyed = await audits(a, 'crypto.key_destroyed');
    const recorded = destroyed.map((e) => [e.target_type, e.target_id, e.metadata]);
    expect(recorded[0]).toEqual(['crypto_key', key.aAlice, { why: 'subject_erasure' }]);
    expect(recorded.slice(1).sort((x, y) => String(x[1]).localeCompare(String(y[1])))).toEqual(
      [key.aOrg, key.aBob].sort().map((id) => ['crypto_key', id, { why: 'organisation_erasure' }]),
    );
    // The organisation's next write gets a new key; what was erased stays erased.
    const later = await put(k, a, 'a later');
    expect(await keyIdOf(a, later)).not.toBe(key.aOrg);
    expect(await get(k, a, later)).toBe('a later');
    await expect(get(k, a, rows.aOrg)).rejects.toBeInstanceOf(KeyDestroyed);
  });
});

describe('destroyed keys', () => {
  it('ENC-5: either destruction mark alone refuses the key, even when this node has it cached: the key row marked destroyed with its wrapped key still stored, or the version erased with the key row unmarked', async () => {
    const k = keyring();
    const org = await makeOrg();
    const keyMarked = await put(k, org, 'key row marked', { subjectId: 'usr_grace' });
    const versionErased = await put(k, org, 'version erased', { subjectId: 'usr_heidi' });
    const [gk, hk] = [await keyIdOf(org, keyMarked), await keyIdOf(org, versionErased)];
    expect([k.cacheHolds(org, gk), k.cacheHolds(org, hk)]).toEqual([true, true]);
    // Half of a destruction done by hand each (plain SQL as the owner, no Palisade code).
    await asSuperuser(t.ownerUrl, async (sql) => {
      await sql`update crypto_keys set destroyed_at = now() where org_id = ${org} and id = ${gk}`;
      await sql`update crypto_key_versions set wrapped_dek = null, destroyed_at = now() where org_id = ${org} and key_id = ${hk}`;
    });
    const wrapped = await Promise.all([gk, hk].map(async (id) => (await asSuperuser(t.ownerUrl, (sql) => sql<{ wrapped: boolean }[]>`
      select wrapped_dek is not null as wrapped from crypto_key_versions where org_id = ${org} and key_id = ${id}`))[0]?.wrapped));
    expect(wrapped).toEqual([true, false]);
    await expect(get(k, org, keyMarked)).rejects.toBeInstanceOf(KeyDestroyed);
    await expect(get(k, org, versionErased)).rejects.toBeInstanceOf(KeyDestroyed);
    expect([k.cacheHolds(org, gk), k.cacheHolds(org, hk)]).toEqual([false, false]);
  });
});

describe('rotation records', () => {
  it('ENC-5: a DEK rotation is audited against the key it rotated, with both versions', async () => {
    const k = keyring();
    const org = await makeOrg();
    const id = await put(k, org, 'before rotation');
    const keyId = await keyIdOf(org, id);
    await withOrg(t.db, org, actor, (tx) => k.rotateDek(tx));
    const events = await audits(org, 'crypto.dek_rotated');
    expect(events.map((e) => [e.outcome, e.target_type, e.target_id, e.metadata])).toEqual([['allowed', 'crypto_key', keyId, { fromVersion: 1, toVersion: 2 }]]);
  });
});

describe('KEKs', () => {
  it('ENC-5: a node re-reads its KEK files when a key names a KEK it does not know (another process rotated it); a KEK it does not have is refused as kek_unavailable, naming it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'palisade-kek-'));
    try {
      const before = await fileKekSet(dir, { create: true }); // this node loaded its KEKs before the rotation
      const stale = keyring(before);
      await rotateKekFile(dir);
      const fresh = keyring(await fileKekSet(dir));
      const org = await makeOrg();
      const id = await put(fresh, org, 'under the new KEK');
      expect(await get(stale, org, id)).toBe('under the new KEK');

      const [ver] = await asSuperuser(t.ownerUrl, (sql) => sql<{ kek_id: string }[]>`select kek_id from crypto_key_versions where org_id = ${org}`);
      const stranger = keyring(staticKekSet(localKekProvider(randomBytes(32))));
      const err = await get(stranger, org, id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KekUnavailable);
      expect((err as InstanceType<typeof KekUnavailable>).detail).toEqual({ kekId: ver?.kek_id });
      expect(await audits(org, 'crypto.decryption_failed')).toEqual([]); // a configuration fault, not tampering
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('ENC-5: kekUsage counts the wrapped keys per KEK and marks the one current KEK; checkKeks names every KEK the node lacks and how many keys need it', async () => {
    const [kekA, kekB, kekC] = [localKekProvider(randomBytes(32)), localKekProvider(randomBytes(32)), localKekProvider(randomBytes(32))];
    await put(keyring(staticKekSet(kekA)), await makeOrg(), 'under A');
    await put(keyring(staticKekSet(kekB)), await makeOrg(), 'under B');
    const wrapped = await asSuperuser(t.ownerUrl, (sql) => sql<{ kek_id: string; n: number }[]>`
      select kek_id, count(*)::int as n from crypto_key_versions where wrapped_dek is not null group by kek_id`);
    const total = wrapped.reduce((s, r) => s + r.n, 0);

    const usage = await keyring(staticKekSet(kekA, [kekB])).kekUsage();
    expect(usage).toHaveLength(wrapped.length);
    expect(usage.filter((u) => u.current)).toEqual([{ kekId: kekA.id, keys: 1, known: true, current: true }]);
    expect(usage).toContainEqual({ kekId: kekB.id, keys: 1, known: true, current: false });
    expect(usage.filter((u) => u.known).map((u) => u.kekId).sort()).toEqual([kekA.id, kekB.id].sort());

    // A new current KEK wrapping nothing yet is listed with no keys.
    const rotating = await keyring(staticKekSet(kekC, [kekA])).kekUsage();
    expect(rotating).toHaveLength(wrapped.length + 1);
    expect(rotating.filter((u) => u.current)).toEqual([{ kekId: kekC.id, keys: 0, known: true, current: true }]);
    expect(rotating).toContainEqual({ kekId: kekA.id, keys: 1, known: true, current: false });
    expect(rotating).toContainEqual({ kekId: kekB.id, keys: 1, known: false, current: false });

    const err = await keyring(staticKekSet(kekC, [kekA])).checkKeks().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KekUnavailable);
    const detail = (err as InstanceType<typeof KekUnavailable>).detail as { kekIds: string[]; keys: number };
    expect([...detail.kekIds].sort()).toEqual(wrapped.map((w) => w.kek_id).filter((id) => id !== kekA.id).sort());
    expect(detail.keys).toBe(total - 1);
  });
});

describe('what the keyring seals and records', () => {
  it('ENC-4: text is sealed as its UTF-8 bytes: non-ASCII text round-trips through encryptField and encryptMany, as the same bytes given as a buffer', async () => {
    const k = keyring();
    const org = await makeOrg();
    const text = 'Zoë Ødegård — 鍵 🔑';
    const id = await put(k, org, text);
    expect(await get(k, org, id)).toBe(text);
    const id2 = await put(k, org, new TextEncoder().encode(text));
    expect(await get(k, org, id2)).toBe(text);
    const ids = [newId('sec'), newId('sec')];
    await withOrg(t.db, org, actor, async (tx) => {
      const envs = await k.encryptMany(tx, ids.map((rowId, i) => ({ ref: field(rowId), plaintext: `${text} ${i}` })));
      for (let i = 0; i < ids.length; i++) await tx.sql`insert into test_secrets (org_id, id, secret) values (${org}, ${ids[i] as string}, ${envs[i] as Buffer})`;
    });
    expect(await get(k, org, ids[1] as string)).toBe(`${text} 1`);
  });

  it('ENC-4: an empty batch seals nothing and creates no key', async () => {
    const k = keyring();
    const org = await makeOrg();
    expect(await withOrg(t.db, org, actor, (tx) => k.encryptMany(tx, []))).toEqual([]);
    const keys = await asSuperuser(t.ownerUrl, (sql) => sql`select 1 from crypto_keys where org_id = ${org}`);
    expect(keys).toHaveLength(0);
  });

  it('ENC-4: fingerprints are bound to their label: the same data under two labels gives unrelated values', async () => {
    const k = keyring();
    const org = await makeOrg();
    const [x, y] = await withOrg(t.db, org, actor, async (tx) => [await k.fingerprint(tx, 'stripe', 'rk_live_1'), await k.fingerprint(tx, 'github', 'rk_live_1')]);
    expect(x).toMatch(/^fp_[a-z2-7]{24}$/);
    expect(y).toMatch(/^fp_[a-z2-7]{24}$/);
    expect(x).not.toBe(y);
  });

  it('ENC-4: a failed decryption is audited with the row it was read from and the key its envelope names; an unknown key is refused naming it', async () => {
    const k = keyring();
    const org = await makeOrg();
    const id = await put(k, org, 'guarded');
    const env = await envelope(org, id);
    const head = parseHeader(env);
    const tampered = Buffer.from(env);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
    await expect(withOrg(t.db, org, actor, (tx) => k.decryptField(tx, field(id), tampered))).rejects.toBeInstanceOf(DecryptionFailed);
    const unknown = Buffer.from(env);
    unknown.writeUInt32BE(7, 4 + (unknown[3] as number)); // version 7 does not exist
    const err = await withOrg(t.db, org, actor, (tx) => k.decryptField(tx, field(id), unknown)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyNotFound);
    expect((err as KeyNotFound).detail).toEqual({ keyId: head.keyId, version: 7 });
    const events = await audits(org, 'crypto.decryption_failed');
    expect(events.map((e) => ({ target: [e.target_type, e.target_id], reason: e.reason, keyId: e.metadata.keyId, keyVersion: e.metadata.keyVersion }))).toEqual([
      { target: ['test_secrets', id], reason: 'authentication', keyId: head.keyId, keyVersion: head.version },
      { target: ['test_secrets', id], reason: 'key_not_found', keyId: head.keyId, keyVersion: 7 },
    ]);
  });

  it('ENC-5: the columns declared for re-encryption are kept once each: a repeated declaration is ignored, another column of the table or the column of another table is kept', () => {
    const k = createKeyring({ record: appendAudit, db: t.db, keks: staticKekSet(kek1) });
    expect(k.encryptedColumns()).toEqual([]);
    k.registerEncryptedColumn({ table: 'a', column: 'x' });
    k.registerEncryptedColumn({ table: 'a', column: 'x', idColumn: 'other' });
    k.registerEncryptedColumn({ table: 'a', column: 'y' });
    k.registerEncryptedColumn({ table: 'b', column: 'x' });
    k.registerEncryptedColumn({ table: 'b', column: 'x' });
    expect(k.encryptedColumns()).toEqual([{ table: 'a', column: 'x' }, { table: 'a', column: 'y' }, { table: 'b', column: 'x' }]);
  });
});

describe('across nodes (node bus)', () => {
  const warnings: Array<{ code?: string; msg?: string; nodes?: number }> = [];
  let busA: NodeBus;
  let busB: NodeBus;
  let nodeA: NodeKeyring;
  let nodeB: NodeKeyring;
  let dbB: Db;
  let clock: Clock;
  beforeAll(async () => {
    clock = fixedClock('2026-06-01T00:00:00Z'); // no TTL runs out here: only the bus drops keys
    dbB = await t.connectAgain();
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line) as { code?: string; msg?: string }) });
    // Heartbeats of a second: a bus that misses its echo stops trusting and empties its cache (by
    // design), which a loaded machine must not cause within a test.
    busA = await startNodeBus({ db: t.db, logger, heartbeatMs: 1000 });
    busB = await startNodeBus({ db: dbB, logger: pino({ level: 'silent' }), heartbeatMs: 1000 });
    nodeA = keyring(staticKekSet(kek1), { bus: busA, clock });
    nodeB = keyring(staticKekSet(kek1), { bus: busB, clock, db: dbB });
    expect(await eventually(() => busA.trusted() && busB.trusted() && busA.livePeers() >= 1 && busB.livePeers() >= 1)).toBe(true);
  });
  afterAll(async () => {
    await busA?.stop();
    await busB?.stop();
  });

  it('ENC-5: a key destroyed on one node has left every other node\'s cache when destroyedEverywhere() returns; the other keys that node holds stay', async () => {
    const org = await makeOrg();
    const carol = await put(nodeA, org, 'carol data', { subjectId: 'usr_carol' });
    const dave = await put(nodeA, org, 'dave data', { subjectId: 'usr_dave' });
    const [carolKey, daveKey] = [await keyIdOf(org, carol), await keyIdOf(org, dave)];
    expect(await get(nodeB, org, carol, dbB)).toBe('carol data');
    expect(await get(nodeB, org, dave, dbB)).toBe('dave data');
    expect([nodeB.cacheHolds(org, carolKey), nodeB.cacheHolds(org, daveKey)]).toEqual([true, true]);
    const epoch = busB.epoch();
    await withOrg(t.db, org, actor, (tx) => nodeA.destroySubjectKey(tx, 'usr_carol'));
    await nodeA.destroyedEverywhere();
    expect(nodeB.cacheHolds(org, carolKey)).toBe(false);
    // Dave's key stays — unless node B's bus lost trust meanwhile, which empties its whole cache by design.
    expect(nodeB.cacheHolds(org, daveKey) || busB.epoch() !== epoch).toBe(true);
    await expect(get(nodeB, org, carol, dbB)).rejects.toBeInstanceOf(KeyDestroyed);
  });

  it('ENC-5: while a node\'s bus is untrusted (it may have missed a destruction) its cache is emptied and nothing is cached; reads still work', async () => {
    // A third node whose heartbeat (a minute) cannot restore trust during the test.
    const dbC = await t.connectAgain();
    const busC = await startNodeBus({ db: dbC, logger: pino({ level: 'silent' }), heartbeatMs: 60_000 });
    try {
      const nodeC = keyring(staticKekSet(kek1), { bus: busC, clock, db: dbC });
      expect(await busC.ready(30_000)).toBe(true);
      const org = await makeOrg();
      const id = await put(nodeA, org, 'erin data');
      expect(await get(nodeC, org, id, dbC)).toBe('erin data');
      expect(nodeC.cacheSize).toBe(1);
      busC.markUntrusted();
      expect(nodeC.cacheSize).toBe(0);
      expect(await get(nodeC, org, id, dbC)).toBe('erin data');
      expect(nodeC.cacheSize).toBe(0);
      expect(busC.trusted()).toBe(false);
    } finally {
      await busC.stop();
    }
  });

  it('ENC-5: a live node that does not acknowledge a destruction is reported (PAL_WARN_KEY_DESTROYED_UNACKED) and destroyedEverywhere() still returns', async () => {
    // Only node B is live (a node stopped by an earlier test counts for three heartbeats).
    expect(await eventually(() => busA.livePeers() === 1)).toBe(true);
    const peers = busA.livePeers();
    // A node that sends heartbeats but never answers a barrier (a real notification on the bus channel).
    await asSuperuser(t.ownerUrl, (sql) => sql`select pg_notify(${NODE_CHANNEL}, ${`ping:${randomBytes(8).toString('hex')}:1`})`);
    expect(await eventually(() => busA.livePeers() > peers)).toBe(true);
    const org = await makeOrg();
    await put(nodeA, org, 'frank data', { subjectId: 'usr_frank' });
    await withOrg(t.db, org, actor, (tx) => nodeA.destroySubjectKey(tx, 'usr_frank'));
    warnings.length = 0;
    await nodeA.destroyedEverywhere();
    expect(warnings.filter((w) => w.code === 'PAL_WARN_KEY_DESTROYED_UNACKED')).toEqual([
      expect.objectContaining({
        nodes: 1,
        msg: 'some nodes did not acknowledge a destroyed data key in time; they drop their caches by their own missed heartbeat',
      }),
    ]);
  });
});

describe('this node\'s DEK cache (bounds)', () => {
  it('ENC-5: holds at most 1000 unwrapped keys by default', async () => {
    const k = keyring();
    const org = await makeOrg();
    // 1001 subject keys, wrapped under the KEK as the keyring wraps them, written in bulk (creating
    // them one by one through the keyring costs four statements each).
    const at = new Date();
    const keys = await Promise.all(Array.from({ length: 1001 }, async (_, i) => {
      const id = newId('dk');
      const dek = randomBytes(32);
      const wrapped = Buffer.from(await kek1.wrap(dek, Buffer.from(JSON.stringify(['palisade.dek.v1', org, id, 1]))));
      return { key: { org_id: org, id, scope: 'subject', subject_id: `usr_${i}`, current_version: 1, created_at: at }, version: { org_id: org, key_id: id, version: 1, kek_id: kek1.id, wrapped_dek: wrapped, created_at: at } };
    }));
    await asSuperuser(t.ownerUrl, async (sql) => {
      await sql`insert into crypto_keys ${sql(keys.map((x) => x.key))}`;
      await sql`insert into crypto_key_versions ${sql(keys.map((x) => x.version))}`;
    });
    await withOrg(t.db, org, actor, async (tx) => {
      for (let i = 0; i < 1001; i++) await k.encryptField(tx, field(`sec_${i}`), 'x', { subjectId: `usr_${i}` });
    });
    expect(await asSuperuser(t.ownerUrl, (sql) => sql`select 1 from crypto_keys where org_id = ${org}`)).toHaveLength(1001); // none created
    expect(k.cacheSize).toBe(1000);
  }, 120_000);
});
