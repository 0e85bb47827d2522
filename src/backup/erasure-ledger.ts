/* Erasure across restores (claim PRIV-2; docs/backups.md "Erasure holds in backups").

   Erasure is crypto-shredding: the person's subject keys are destroyed. A backup taken before the
   erasure still holds those keys (wrapped by the KEK), so restoring it would make their data
   readable again. The erasure ledger closes that: every destroyed key is recorded OUTSIDE the
   database, in the backup store beside the backups (`backups/erasures/<key id>.json`), and every
   restore applies the ledger inside its loading transaction, so the restored database never holds
   a live copy of an erased key — not even before it first serves.

   Invariants
   - A ledger entry holds ids only (organisation, key, scope, the subject's opaque id, when): no
     personal data. The subject id is the pseudonym the audit log already keeps.
   - The ledger only grows: entries are never pruned with backups (a restore of the oldest backup
     still needs the newest erasures).
   - Written by `syncErasureLedger`: before every backup, and by the `backup.erasure_ledger` job a
     trigger adds in the transaction that destroys a key (migration 0150). Idempotent.
   - Applied by `applyErasureLedger` in the restore's transaction; then `erasePersonRows` removes the
     plaintext rows of erased people the backup still holds (privacy's own statements). */
import { Readable } from 'node:stream';
import type { Sql } from 'postgres';
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import type { SystemTx } from '../db/index.js';
import { clearRequestDetails, deletePersonRows, revokeSessions } from '../privacy/repo.js';
import type { ObjectStorage } from '../vault/index.js';

export interface ErasureEntry {
  orgId: string;
  keyId: string;
  scope: 'org' | 'subject';
  subjectId: string | null;
  destroyedAt: string;
}

const PREFIX = 'backups/';
const ENTRY_KEY = /^backups\/erasures\/(dk_[a-z2-7]{26})\.json$/;
const entryKey = (keyId: string): string => `backups/erasures/${keyId}.json`;

async function readAll(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r as AsyncIterable<Buffer>) parts.push(c);
  return Buffer.concat(parts);
}

/** Copies every destroyed key not yet in the ledger to the ledger. Returns how many it wrote. */
export async function syncErasureLedger(ownerSql: Sql, storage: ObjectStorage): Promise<number> {
  const have = new Set((await storage.list(PREFIX)).map((o) => ENTRY_KEY.exec(o.key)?.[1]).filter(Boolean));
  const rows = await ownerSql<{ org_id: string; id: string; scope: 'org' | 'subject'; subject_id: string | null; destroyed_at: Date }[]>`
    select org_id, id, scope, subject_id, destroyed_at from crypto_keys where destroyed_at is not null order by destroyed_at, id`;
  let wrote = 0;
  for (const r of rows) {
    if (have.has(r.id)) continue;
    const e: ErasureEntry = { orgId: r.org_id, keyId: r.id, scope: r.scope, subjectId: r.subject_id, destroyedAt: r.destroyed_at.toISOString() };
    await storage.put(entryKey(r.id), Readable.from([Buffer.from(`${JSON.stringify(e)}\n`)]));
    wrote++;
  }
  return wrote;
}

/** Every entry of the ledger. An unreadable entry stops the restore (it may be an erasure). */
export async function readErasureLedger(storage: ObjectStorage): Promise<ErasureEntry[]> {
  const out: ErasureEntry[] = [];
  for (const o of await storage.list(PREFIX)) {
    const m = ENTRY_KEY.exec(o.key);
    if (!m) continue;
    const e = JSON.parse((await readAll(await storage.get(o.key))).toString('utf8')) as ErasureEntry;
    if (e.keyId !== m[1] || typeof e.orgId !== 'string' || !['org', 'subject'].includes(e.scope) || Number.isNaN(Date.parse(e.destroyedAt))) {
      throw new TypeError(`erasure ledger entry ${o.key} is malformed; fix or remove it by hand before restoring`);
    }
    out.push(e);
  }
  return out;
}

/** In the restore's transaction (triggers off): destroys every ledger key the backup still holds
    live, exactly as the keyring destroys one (wrapped key gone, tombstone kept). */
export async function applyErasureLedger(tx: Sql, ledger: readonly ErasureEntry[]): Promise<number> {
  let destroyed = 0;
  for (const e of ledger) {
    const at = new Date(e.destroyedAt);
    await tx`update crypto_key_versions set wrapped_dek = null, destroyed_at = ${at}
             where org_id = ${e.orgId} and key_id = ${e.keyId} and wrapped_dek is not null`;
    const r = await tx`update crypto_keys set destroyed_at = ${at} where org_id = ${e.orgId} and id = ${e.keyId} and destroyed_at is null`;
    destroyed += r.count;
  }
  return destroyed;
}

export interface PersonsReapplied {
  /** Erased people whose plaintext rows the backup still held, now removed. */
  erased: string[];
  /** Erased people whose account stays because removing it would leave an organisation without an
      admin in the restored data (their keys are destroyed all the same): the operator decides. */
  blocked: string[];
}

/** After the restore committed: the plaintext rows of erased people (the account, its sessions,
    mail and tokens), removed with privacy's own statements, one transaction per person, each an
    audit record (`privacy.erasure_reapplied`) in the restored platform log. */
export async function erasePersonRows(ownerSql: Sql, ledger: readonly ErasureEntry[], now: Date): Promise<PersonsReapplied> {
  const subjects = [...new Set(ledger.filter((e) => e.scope === 'subject' && e.subjectId).map((e) => e.subjectId!))].sort();
  const out: PersonsReapplied = { erased: [], blocked: [] };
  for (const userId of subjects) {
    try {
      const did = await ownerSql.begin(async (sql) => {
        const [u] = await sql`select 1 from users where id = ${userId}`;
        if (!u) return false;
        const tx: SystemTx = { sql: sql as unknown as Sql, system: true };
        await sql`select set_config('palisade.org_id', ${PLATFORM_ORG}, true)`;
        await revokeSessions(tx, userId, now);
        await deletePersonRows(tx, userId);
        await clearRequestDetails(tx, userId, now, null);
        await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'privacy.erasure_reapplied', actor: { type: 'system', id: 'backup-restore' }, outcome: 'allowed', target: { type: 'user', id: userId }, metadata: {} });
        return true;
      });
      if (did) out.erased.push(userId);
    } catch (e) {
      if ((e as { constraint_name?: string }).constraint_name === 'org_keeps_an_admin') out.blocked.push(userId);
      else throw e;
    }
  }
  return out;
}
