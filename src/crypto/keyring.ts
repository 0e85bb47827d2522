/* The keyring: per-organisation and per-data-subject data keys (DEKs), wrapped by the KEK,
   and the field encryption every module uses. Claims ENC-4, ENC-5 (and the key layer of ENC-3).

   Invariants
   - A DEK is 32 bytes from randomBytes, stored only wrapped (crypto_key_versions.wrapped_dek)
     with the id of the KEK that wrapped it; the wrap is bound to (org, key id, version).
   - Envelopes name their key (id + version); AAD binds org, table, column, row (aead.ts).
   - Every decryption looks the key version up in the caller's org transaction (RLS), so a key
     destroyed on any node is refused at once on every node (key_destroyed), and an envelope
     naming another organisation's key is key_not_found — even when the key is cached.
     The lookup takes FOR SHARE on the key row, as writers do: destruction and rotation take FOR
     UPDATE, so they wait for every transaction using the key. Within one transaction the
     looked-up rows therefore cannot change, and they are remembered for that transaction only
     (a WeakMap keyed by the OrgTx; dropped by any rotation or destruction in it): a transaction
     touching many fields pays one lookup per key version, not one per field (issue 6, W6).
   - Unwrapped DEKs live in a bounded cache (time and count); evicted keys are zeroed
     (Buffer.fill(0)). A destroyed key leaves every node's cache when the destruction commits:
     a trigger (migration 0190) notifies its id on the node bus, each node drops and zeroes it,
     and destroyedEverywhere() waits for the bus's barrier, so an erasure returns only once no
     live node holds the key. A node cannot cache a key a destruction has already passed: the
     lookup holds FOR SHARE on the key row until its transaction ends, so the destruction (FOR
     UPDATE) commits, and notifies, only after the key was cached. While the bus is untrusted
     (it may have missed a notification) the cache is emptied and nothing is cached. A cached key is only ever used synchronously right after it is fetched,
     so an eviction can never hand a zeroed key to an in-flight encryption. Node's OpenSSL
     contexts and the GC may keep copies we cannot reach: "zeroed where Node allows".
   - Writers read the current DEK version under FOR SHARE on the org key row, so a DEK rotation
     waits for in-flight writes and every write that commits after it uses the new version;
     the re-encryption job started after the rotation therefore sees every old-version row.
   - Decryption failures (tampering, a moved ciphertext, an unknown key) are typed errors and
     are written to the audit log on the platform path, so the record survives the rollback
     of the caller's transaction.
   - Rotations are batched, each batch its own transaction: safe to interrupt, and a rerun
     continues where the last one stopped (the work list is recomputed from the data). */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { withSystem, type Actor, type Db, type OrgTx, type SystemTx } from '../db/index.js';
import type { NodeBus } from '../db/node-bus.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { base32, newId, type OrgId } from '../lib/ids.js';
import { open, parseHeader, seal, type EnvelopeContext, type KeyRef } from './aead.js';
import { DecryptionFailed, KekUnavailable, KeyDestroyed, KeyNotFound } from './errors.js';
import type { KekSet } from './kek.js';
import { createDekCache } from './dek-cache.js';
export { createDekCache, type DekCache } from './dek-cache.js';
import * as repo from './repo.js';
import { createRotation } from './rotation.js';

/** Where a field lives; the org comes from the transaction. */
export interface FieldRef {
  table: string;
  column: string;
  rowId: string;
}

/** A column holding envelopes, for the re-encryption job after a DEK rotation. */
export interface EncryptedColumn {
  table: string;
  column: string;
  /** Primary-key column holding the row id used in the AAD (default 'id'). */
  idColumn?: string;
}

export interface KeyInfo {
  keyId: string;
  version: number;
  scope: 'org' | 'subject';
}

export interface Progress {
  done: number;
  total: number;
}

/** An event the keyring must leave in the audit log (key destroyed, rotated, rewrapped, a
    failed decryption). Crypto sits below audit: it is handed the writer (appendAudit). */
export interface KeyEvent {
  /** Required on the system path; the transaction's organisation otherwise. */
  orgId?: string;
  action: string;
  actor: Actor;
  target?: { type: string; id: string };
  outcome: 'allowed' | 'denied' | 'failed';
  reason?: string;
  metadata?: Record<string, unknown>;
}
export type KeyEventRecorder = (tx: OrgTx | SystemTx, e: KeyEvent) => Promise<unknown>;

export interface KeyringDeps {
  db: Db;
  keks: KekSet;
  /** Writes the keyring's audit records, in the given transaction (the audit module's appendAudit). */
  record: KeyEventRecorder;
  clock?: Clock;
  /** Unwrapped-DEK cache bounds (defaults: 5 minutes, 1000 keys). */
  cache?: { ttlMs: number; max: number };
  /** The node bus: destroyed keys leave every node's cache at once (without it, as in the CLI
      and unit tests, only this process's cache is dropped; others keep it until the TTL). */
  bus?: NodeBus;
}

/** The node bus channel on which a destroyed key's `<org id> <key id>` is notified (migration 0190). */
export const KEY_DESTROYED_CHANNEL = 'palisade_key_destroyed';

export interface Keyring {
  /** Seals `plaintext` for (org of tx, ref) under the org's current DEK, or the subject's DEK. */
  encryptField(tx: OrgTx, ref: FieldRef, plaintext: Uint8Array | string, opts?: { subjectId?: string }): Promise<Buffer>;
  /** encryptField for many fields at once (one key lookup): bulk writes and re-encryption. */
  encryptMany(tx: OrgTx, items: ReadonlyArray<{ ref: FieldRef; plaintext: Uint8Array | string }>, opts?: { subjectId?: string }): Promise<Buffer[]>;
  /** Opens an envelope read from (org of tx, ref). Throws DecryptionFailed, KeyDestroyed, KeyNotFound. */
  decryptField(tx: OrgTx, ref: FieldRef, envelope: Uint8Array): Promise<Buffer>;
  /** Keyed fingerprint (HMAC under a key derived from the org's current DEK): identifies a secret
      without allowing an offline guess at it. */
  fingerprint(tx: OrgTx, label: string, data: Uint8Array | string): Promise<string>;
  /** The org's current key, created on first use. */
  orgKey(tx: OrgTx): Promise<KeyInfo>;
  /** Starts a new DEK version for the org; new writes use it at once. Audited. */
  rotateDek(tx: OrgTx): Promise<KeyInfo>;
  /** Crypto-shredding: destroys the subject's key(s); everything under them becomes key_destroyed. */
  destroySubjectKey(tx: OrgTx, subjectId: string): Promise<number>;
  /** Destroys every key of the organisation (organisation erasure). */
  destroyOrgKeys(tx: OrgTx): Promise<number>;
  /** Declares a column of envelopes for the re-encryption job. */
  registerEncryptedColumn(col: EncryptedColumn): void;
  encryptedColumns(): readonly EncryptedColumn[];
  /** Re-encrypts the org's rows still sealed under an older version of its org key. Batched and resumable. */
  reencryptOrg(orgId: OrgId, opts?: { batchSize?: number; actor?: Actor; onProgress?: (p: Progress) => void }): Promise<{ reencrypted: number; remaining: number }>;
  /** Rows of the org still under an older org-key version (what reencryptOrg has left to do). */
  countStaleRows(orgId: OrgId): Promise<number>;
  /** Rewraps every DEK not under the current KEK with the current KEK. Batched and resumable. */
  rewrapAll(opts?: { batchSize?: number; onProgress?: (p: Progress) => void }): Promise<{
    rewrapped: number;
    remaining: number;
    /** Keys whose wrapped form failed authentication (tampered): left as they are, audited. */
    failed: Array<{ orgId: string; keyId: string; version: number }>;
  }>;
  /** Wrapped DEKs per KEK id, and whether this node holds that KEK. */
  kekUsage(): Promise<Array<{ kekId: string; keys: number; known: boolean; current: boolean }>>;
  /** Start-up check: refuses to run if some DEK is wrapped under a KEK this node lacks. */
  checkKeks(): Promise<void>;
  /** Drops and zeroes every cached DEK. */
  clearCache(): void;
  /** After a destruction commits: resolves once every live node has dropped (and zeroed) the
      keys destroyed before the call (the node bus's barrier, bounded by two heartbeats). */
  destroyedEverywhere(): Promise<void>;
}

const SYSTEM_ACTOR: Actor = { type: 'system', id: 'keyring' };

/** The context a wrapped DEK is bound to (injective: JSON of three strings/numbers). */
function wrapContext(orgId: string, keyId: string, version: number): Buffer {
  return Buffer.from(JSON.stringify(['palisade.dek.v1', orgId, keyId, version]), 'utf8');
}

function cacheId(orgId: string, keyId: string, version: number): string {
  return `${orgId}\u0000${keyId}\u0000${version}`;
}

function toBytes(x: Uint8Array | string): Uint8Array {
  return typeof x === 'string' ? Buffer.from(x, 'utf8') : x;
}

/** The keyring, with what tests and metrics read of its cache. */
export type NodeKeyring = Keyring & {
  readonly cacheSize: number;
  /** Whether any version of (org, key) is in this node's cache. */
  cacheHolds(orgId: string, keyId: string): boolean;
};

export function createKeyring(deps: KeyringDeps): NodeKeyring {
  const { db, keks, record: appendAudit, bus } = deps;
  const clock = deps.clock ?? systemClock;
  const cache = createDekCache(deps.cache?.ttlMs ?? 5 * 60_000, deps.cache?.max ?? 1000, clock);
  const columns: EncryptedColumn[] = [];
  const dropKeys = (orgId: string, keyIds: readonly string[]) =>
    cache.deleteWhere((id) => keyIds.some((k) => id.startsWith(`${orgId}\u0000${k}\u0000`)));
  if (bus) {
    bus.subscribe(KEY_DESTROYED_CHANNEL, {
      message(payload) {
        const at = payload.lastIndexOf(' ');
        if (at > 0) dropKeys(payload.slice(0, at), [payload.slice(at + 1)]);
      },
      untrusted: () => cache.clear(),
    });
  }
  /** Cache only while no destruction can have been missed (see invariants). */
  const cacheable = () => !bus || bus.trusted();

  async function kekFor(kekId: string) {
    let kek = keks.get(kekId);
    if (!kek) {
      await keks.refresh(); // another process may have rotated the file KEK
      kek = keks.get(kekId);
    }
    if (!kek) throw new KekUnavailable({ kekId });
    return kek;
  }

  /** Key rows read in a transaction, for that transaction only (see the invariants above); versions
      are keyed like the DEK cache (cacheId). */
  const txMemo = new WeakMap<OrgTx, { live: Map<string, KeyInfo>; versions: Map<string, repo.VersionRow> }>();
  const memoOf = (tx: OrgTx) => {
    let m = txMemo.get(tx);
    if (!m) {
      m = { live: new Map(), versions: new Map() };
      txMemo.set(tx, m);
    }
    return m;
  };

  /** Looks the key version up in the org's transaction, then calls `use` synchronously with the
      unwrapped key (from the cache or freshly unwrapped). */
  async function withDek<T>(tx: OrgTx, keyId: string, version: number, use: (key: Buffer) => T): Promise<T> {
    const memo = memoOf(tx);
    const cid = cacheId(tx.orgId, keyId, version);
    let row = memo.versions.get(cid);
    if (!row) {
      row = await repo.versionForShare(tx, keyId, version);
      if (row) memo.versions.set(cid, row);
    }
    if (!row) throw new KeyNotFound({ keyId, version });
    if (row.wrapped_dek === null || row.key_destroyed !== null) {
      cache.delete(cid);
      throw new KeyDestroyed({ keyId, version });
    }
    const cached = cache.get(cid);
    if (cached) return use(cached);
    const kek = await kekFor(row.kek_id);
    const dek = Buffer.from(await kek.unwrap(row.wrapped_dek, wrapContext(tx.orgId, keyId, version)));
    const hit = cache.get(cid); // a concurrent caller may have filled it meanwhile
    if (hit) {
      dek.fill(0);
      return use(hit);
    }
    try {
      return use(dek);
    } finally {
      if (cacheable()) cache.set(cid, dek); // after use: a disabled cache zeroes it at once
      else dek.fill(0);
    }
  }

  async function newVersion(tx: OrgTx, keyId: string, version: number): Promise<void> {
    await keks.refresh(); // wrap new keys under the newest KEK even if another process rotated it
    const kek = keks.current();
    const dek = randomBytes(32);
    try {
      const wrapped = await kek.wrap(dek, wrapContext(tx.orgId, keyId, version));
      await repo.insertVersion(tx, { keyId, version, kekId: kek.id, wrapped: Buffer.from(wrapped), at: clock.now() });
    } finally {
      dek.fill(0); // the first use unwraps it like any other; never cache before commit
    }
  }

  /** The live key for (org) or (org, subject), locked FOR SHARE; created when missing. */
  async function liveKey(tx: OrgTx, subjectId: string | null): Promise<KeyInfo> {
    const memo = memoOf(tx);
    const known = memo.live.get(subjectId ?? '');
    if (known) return known;
    const info = await findOrCreateLiveKey(tx, subjectId);
    memo.live.set(subjectId ?? '', info);
    return info;
  }

  async function findOrCreateLiveKey(tx: OrgTx, subjectId: string | null): Promise<KeyInfo> {
    const scope = subjectId === null ? 'org' : 'subject';
    for (let attempt = 0; attempt < 3; attempt++) {
      // The live key and its current version row in one statement: the version row is what
      // withDek needs next, and it cannot change while the key row is locked (see invariants).
      const row = await repo.liveKeyForShare(tx, subjectId);
      if (row) {
        if (row.kek_id !== null) memoOf(tx).versions.set(cacheId(tx.orgId, row.id, row.current_version), { wrapped_dek: row.wrapped_dek, kek_id: row.kek_id, key_destroyed: null });
        return { keyId: row.id, version: row.current_version, scope };
      }
      const keyId = newId('dk');
      if (await repo.insertKey(tx, { keyId, scope, subjectId, at: clock.now() })) {
        await newVersion(tx, keyId, 1);
        return { keyId, version: 1, scope };
      }
      // Another transaction created it concurrently; read theirs.
    }
    throw new TypeError('could not create or read the live key');
  }

  async function auditFailure(tx: OrgTx, ref: FieldRef, e: DecryptionFailed | KeyNotFound, head: KeyRef | null): Promise<void> {
    try {
      await withSystem(db, (stx) =>
        appendAudit(stx, {
          orgId: tx.orgId,
          action: 'crypto.decryption_failed',
          actor: tx.actor,
          outcome: 'failed',
          target: { type: ref.table, id: ref.rowId },
          reason: e instanceof DecryptionFailed ? e.reason : 'key_not_found',
          metadata: { table: ref.table, column: ref.column, code: e.code, ...(head ? { keyId: head.keyId, keyVersion: head.version } : {}) },
        }),
      );
    } catch {
      // The decryption error is what the caller must see; a failed audit write must not mask it.
    }
  }

  async function destroy(tx: OrgTx, keyIds: string[], why: string): Promise<number> {
    txMemo.delete(tx);
    if (keyIds.length === 0) return 0;
    await repo.destroyKeys(tx, keyIds, clock.now());
    dropKeys(tx.orgId, keyIds); // other nodes drop it on the commit's notification
    for (const keyId of keyIds) {
      await appendAudit(tx, {
        action: 'crypto.key_destroyed',
        actor: tx.actor,
        outcome: 'allowed',
        target: { type: 'crypto_key', id: keyId },
        metadata: { why },
      });
    }
    return keyIds.length;
  }

  const rotation = createRotation({
    db, keks, clock, record: appendAudit, columns, actor: SYSTEM_ACTOR, kekFor, wrapContext, liveKey, withDek, auditFailure,
    encryptMany: (tx, items, opts) => keyring.encryptMany(tx, items, opts),
  });

  const keyring: NodeKeyring = {
    get cacheSize() {
      return cache.size;
    },
    cacheHolds: (orgId, keyId) => cache.some((id) => id.startsWith(`${orgId}\u0000${keyId}\u0000`)),

    async encryptField(tx, ref, plaintext, opts) {
      const key = await liveKey(tx, opts?.subjectId ?? null);
      const ctx: EnvelopeContext = { orgId: tx.orgId, ...ref };
      const kr = { keyId: key.keyId, version: key.version };
      return withDek(tx, key.keyId, key.version, (dek) => seal(dek, kr, ctx, toBytes(plaintext)));
    },

    async encryptMany(tx, items, opts) {
      if (items.length === 0) return [];
      const key = await liveKey(tx, opts?.subjectId ?? null);
      const kr = { keyId: key.keyId, version: key.version };
      return withDek(tx, key.keyId, key.version, (dek) =>
        items.map((it) => seal(dek, kr, { orgId: tx.orgId, ...it.ref }, toBytes(it.plaintext))),
      );
    },

    async decryptField(tx, ref, envelope) {
      let head: KeyRef | null = null;
      try {
        const h = parseHeader(envelope);
        head = { keyId: h.keyId, version: h.version };
        const ctx: EnvelopeContext = { orgId: tx.orgId, ...ref };
        return await withDek(tx, h.keyId, h.version, (dek) => open(dek, envelope, ctx, head ?? undefined));
      } catch (e) {
        if (e instanceof DecryptionFailed || e instanceof KeyNotFound) await auditFailure(tx, ref, e, head);
        throw e;
      }
    },

    async fingerprint(tx, label, data) {
      const key = await liveKey(tx, null);
      return withDek(tx, key.keyId, key.version, (dek) => {
        const fk = Buffer.from(hkdfSync('sha256', dek, Buffer.alloc(0), `palisade.fingerprint.v1:${label}`, 32));
        const mac = createHmac('sha256', fk).update(toBytes(data)).digest();
        fk.fill(0);
        return `fp_${base32(mac.subarray(0, 15))}`;
      });
    },

    orgKey: (tx) => liveKey(tx, null),

    async rotateDek(tx) {
      const cur = await liveKey(tx, null);
      txMemo.delete(tx);
      // FOR UPDATE waits for every writer holding FOR SHARE on the key row (see invariants).
      const next = ((await repo.currentVersionForUpdate(tx, cur.keyId)) ?? cur.version) + 1;
      await newVersion(tx, cur.keyId, next);
      await repo.setCurrentVersion(tx, cur.keyId, next, clock.now());
      await appendAudit(tx, {
        action: 'crypto.dek_rotated',
        actor: tx.actor,
        outcome: 'allowed',
        target: { type: 'crypto_key', id: cur.keyId },
        metadata: { fromVersion: next - 1, toVersion: next },
      });
      return { keyId: cur.keyId, version: next, scope: 'org' };
    },

    destroySubjectKey: async (tx, subjectId) => destroy(tx, await repo.liveKeyIdsForUpdate(tx, subjectId), 'subject_erasure'),
    destroyOrgKeys: async (tx) => destroy(tx, await repo.liveKeyIdsForUpdate(tx, null), 'organisation_erasure'),

    registerEncryptedColumn(col) {
      if (!columns.some((c) => c.table === col.table && c.column === col.column)) columns.push(col);
    },
    encryptedColumns: () => columns,

    ...rotation,

    async kekUsage() {
      await keks.refresh();
      const rows = await withSystem(db, (tx) => repo.wrappedPerKek(tx));
      const current = keks.current().id;
      const out = rows.map((r) => ({ kekId: r.kek_id, keys: r.n, known: keks.get(r.kek_id) !== undefined, current: r.kek_id === current }));
      if (!out.some((r) => r.current)) out.push({ kekId: current, keys: 0, known: true, current: true });
      return out;
    },

    async checkKeks() {
      const missing = (await keyring.kekUsage()).filter((u) => !u.known);
      if (missing.length > 0) {
        throw new KekUnavailable({ kekIds: missing.map((m) => m.kekId), keys: missing.reduce((a, m) => a + m.keys, 0) });
      }
    },

    clearCache: () => cache.clear(),

    async destroyedEverywhere() {
      await bus?.barrier({
        code: 'PAL_WARN_KEY_DESTROYED_UNACKED',
        message: 'some nodes did not acknowledge a destroyed data key in time; they drop their caches by their own missed heartbeat',
      });
    },
  };
  return keyring;
}
