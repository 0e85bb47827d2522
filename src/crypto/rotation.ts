/* The keyring's bulk work after a rotation: re-encrypting an organisation's rows still sealed
   under an older version of its org key (after rotateDek), and rewrapping every DEK not under
   the current KEK (after a KEK rotation). Both are batched, each batch its own transaction: safe
   to interrupt, and a rerun continues where the last one stopped (the work list is recomputed
   from the data). The keyring's invariants (keyring.ts) hold for every batch. */
import { withOrg, withSystem, type Actor, type Db, type OrgTx } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { OrgId } from '../lib/ids.js';
import { encodeHeader, encodeKeyIdPrefix, open, parseHeader, type KeyRef } from './aead.js';
import { DecryptionFailed, type KeyNotFound } from './errors.js';
import type { KekProvider, KekSet } from './kek.js';
import type { EncryptedColumn, FieldRef, KeyEventRecorder, KeyInfo, Keyring, Progress } from './keyring.js';
import * as repo from './repo.js';

/** What the keyring lends its bulk work: its key lookups and audit, never its cache. */
export interface RotationDeps {
  db: Db;
  keks: KekSet;
  clock: Clock;
  record: KeyEventRecorder;
  columns: readonly EncryptedColumn[];
  actor: Actor;
  kekFor(kekId: string): Promise<KekProvider>;
  wrapContext(orgId: string, keyId: string, version: number): Buffer;
  liveKey(tx: OrgTx, subjectId: string | null): Promise<KeyInfo>;
  withDek<T>(tx: OrgTx, keyId: string, version: number, use: (key: Buffer) => T): Promise<T>;
  auditFailure(tx: OrgTx, ref: FieldRef, e: DecryptionFailed | KeyNotFound, head: KeyRef | null): Promise<void>;
  encryptMany: Keyring['encryptMany'];
}

export function createRotation(deps: RotationDeps): Pick<Keyring, 'countStaleRows' | 'reencryptOrg' | 'rewrapAll'> {
  const { db, keks, clock, record: appendAudit, columns } = deps;
  const envelopeColumn = (c: EncryptedColumn): repo.EnvelopeColumn => ({ table: c.table, column: c.column, idColumn: c.idColumn ?? 'id' });

  async function countStaleRows(orgId: OrgId): Promise<number> {
    return withOrg(db, orgId, deps.actor, async (tx) => {
      const k = await repo.liveOrgKey(tx);
      if (!k) return 0;
      const prefix = encodeKeyIdPrefix(k.id);
      const header = encodeHeader({ keyId: k.id, version: k.current_version });
      let n = 0;
      for (const c of columns) n += await repo.countStale(tx, c, prefix, header);
      return n;
    });
  }

  /** One batch of one column: open the rows grouped by key version (one key lookup per version),
      seal them under the current version, write them back. A row that fails to open stops the
      job, audited. */
  async function reencryptBatch(tx: OrgTx, c: repo.EnvelopeColumn, batch: number): Promise<number> {
    // FOR SHARE on the key row: the version cannot move under this batch.
    const key = await deps.liveKey(tx, null);
    const prefix = encodeKeyIdPrefix(key.keyId);
    const header = encodeHeader({ keyId: key.keyId, version: key.version });
    const rows = await repo.staleRowsForUpdate(tx, c, prefix, header, batch);
    const byVersion = new Map<number, Array<{ row_id: string; env: Buffer }>>();
    for (const r of rows) {
      let v: number;
      try {
        v = parseHeader(r.env).version;
      } catch (e) {
        await deps.auditFailure(tx, { table: c.table, column: c.column, rowId: r.row_id }, e as DecryptionFailed, null);
        throw e;
      }
      byVersion.set(v, [...(byVersion.get(v) ?? []), r]);
    }
    const plains: Array<{ ref: FieldRef; plaintext: Buffer }> = [];
    try {
      for (const [version, group] of byVersion) {
        let bad: { ref: FieldRef; e: unknown } | null = null;
        await deps.withDek(tx, key.keyId, version, (dek) => {
          for (const r of group) {
            const ref = { table: c.table, column: c.column, rowId: r.row_id };
            try {
              plains.push({ ref, plaintext: open(dek, r.env, { orgId: tx.orgId, ...ref }, { keyId: key.keyId, version }) });
            } catch (e) {
              bad = { ref, e };
              return;
            }
          }
        });
        if (bad) {
          const { ref, e } = bad as { ref: FieldRef; e: unknown };
          if (e instanceof DecryptionFailed) await deps.auditFailure(tx, ref, e, { keyId: key.keyId, version });
          throw e;
        }
      }
      const sealed = await deps.encryptMany(tx, plains);
      for (let i = 0; i < plains.length; i++) {
        await repo.updateEnvelope(tx, c, (plains[i] as { ref: FieldRef }).ref.rowId, sealed[i] as Buffer);
      }
    } finally {
      for (const p of plains) p.plaintext.fill(0);
    }
    return rows.length;
  }

  async function reencryptOrg(orgId: OrgId, opts: { batchSize?: number; actor?: Actor; onProgress?: (p: Progress) => void } = {}) {
    const batch = opts.batchSize ?? 200;
    const actor = opts.actor ?? deps.actor;
    const total = await countStaleRows(orgId);
    let done = 0;
    opts.onProgress?.({ done, total });
    for (const col of columns) {
      const c = envelopeColumn(col);
      for (;;) {
        const n = await withOrg(db, orgId, actor, (tx) => reencryptBatch(tx, c, batch));
        if (n === 0) break;
        done += n;
        opts.onProgress?.({ done, total: Math.max(total, done) });
      }
    }
    return { reencrypted: done, remaining: await countStaleRows(orgId) };
  }

  async function rewrapAll(opts: { batchSize?: number; onProgress?: (p: Progress) => void } = {}) {
    const batch = opts.batchSize ?? 200;
    await keks.refresh();
    const target = keks.current();
    const count = () => withSystem(db, (tx) => repo.countNotUnder(tx, target.id));
    const total = await count();
    let done = 0;
    opts.onProgress?.({ done, total });
    const sources = new Set<string>();
    const failed: Array<{ orgId: string; keyId: string; version: number }> = [];
    // Keyset pagination, so a key that cannot be unwrapped is reported once, not retried forever.
    let after: [string, string, number] = ['', '', 0];
    for (;;) {
      const n = await withSystem(db, async (tx) => {
        const rows = await repo.versionsNotUnder(tx, target.id, after, batch);
        for (const r of rows) {
          after = [r.org_id, r.key_id, r.version];
          const from = await deps.kekFor(r.kek_id); // a missing KEK stops the run: nothing else could succeed
          const ctx = deps.wrapContext(r.org_id, r.key_id, r.version);
          let dek: Uint8Array;
          try {
            dek = await from.unwrap(r.wrapped_dek, ctx);
          } catch (e) {
            if (!(e instanceof DecryptionFailed)) throw e;
            failed.push({ orgId: r.org_id, keyId: r.key_id, version: r.version });
            await appendAudit(tx, {
              orgId: r.org_id,
              action: 'crypto.kek_rewrap_failed',
              actor: deps.actor,
              outcome: 'failed',
              target: { type: 'crypto_key', id: r.key_id },
              reason: e.reason,
              metadata: { version: r.version, kekId: r.kek_id },
            });
            continue;
          }
          try {
            const rewrapped = await target.wrap(dek, ctx);
            await repo.setRewrapped(tx, { orgId: r.org_id, keyId: r.key_id, version: r.version, kekId: target.id, wrapped: Buffer.from(rewrapped), at: clock.now() });
          } finally {
            dek.fill(0);
          }
          sources.add(r.kek_id);
          done++;
        }
        return rows.length;
      });
      if (n === 0) break;
      opts.onProgress?.({ done, total: Math.max(total, done) });
    }
    const remaining = await count();
    if (done > 0 || failed.length > 0) {
      await withSystem(db, (tx) =>
        appendAudit(tx, {
          orgId: 'platform',
          action: 'crypto.kek_rewrapped',
          actor: deps.actor,
          outcome: failed.length > 0 ? 'failed' : 'allowed',
          target: { type: 'kek', id: target.id },
          metadata: { rewrapped: done, failed: failed.length, remaining, from: [...sources] },
        }),
      );
    }
    return { rewrapped: done, remaining, failed };
  }

  return { countStaleRows, reencryptOrg, rewrapAll };
}
