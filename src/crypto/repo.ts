/* Every SQL statement of the keyring. Org-path functions take the OrgTx of withOrg (RLS shows one
   organisation) and still filter on org_id; the KEK-wide work (rewrap, usage) runs on the
   platform path (SystemTx). The row locks are part of the contract (keyring.ts, "Invariants"):
   readers and writers take FOR SHARE on the key row, rotation and destruction FOR UPDATE. */
import type { OrgTx, SystemTx } from '../db/index.js';

export interface VersionRow {
  wrapped_dek: Buffer | null;
  kek_id: string;
  key_destroyed: Date | null;
}

/** One key version with its key's destruction mark, FOR SHARE on the key row. */
export async function versionForShare(tx: OrgTx, keyId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await tx.sql<VersionRow[]>`
    select v.wrapped_dek, v.kek_id, k.destroyed_at as key_destroyed
    from crypto_key_versions v join crypto_keys k on k.org_id = v.org_id and k.id = v.key_id
    where v.org_id = ${tx.orgId} and v.key_id = ${keyId} and v.version = ${version}
    for share of k`;
  return row;
}

export async function insertVersion(tx: OrgTx, v: { keyId: string; version: number; kekId: string; wrapped: Buffer; at: Date }): Promise<void> {
  await tx.sql`
    insert into crypto_key_versions (org_id, key_id, version, kek_id, wrapped_dek, created_at)
    values (${tx.orgId}, ${v.keyId}, ${v.version}, ${v.kekId}, ${v.wrapped}, ${v.at})`;
}

export interface LiveKeyRow {
  id: string;
  current_version: number;
  wrapped_dek: Buffer | null;
  kek_id: string | null;
}

/** The live (not destroyed) org key, or the subject's, with its current version row, FOR SHARE of the key. */
export async function liveKeyForShare(tx: OrgTx, subjectId: string | null): Promise<LiveKeyRow | undefined> {
  const [row] = subjectId === null
    ? await tx.sql<LiveKeyRow[]>`
        select k.id, k.current_version, v.wrapped_dek, v.kek_id from crypto_keys k
        left join crypto_key_versions v on v.org_id = k.org_id and v.key_id = k.id and v.version = k.current_version
        where k.org_id = ${tx.orgId} and k.scope = 'org' and k.destroyed_at is null for share of k`
    : await tx.sql<LiveKeyRow[]>`
        select k.id, k.current_version, v.wrapped_dek, v.kek_id from crypto_keys k
        left join crypto_key_versions v on v.org_id = k.org_id and v.key_id = k.id and v.version = k.current_version
        where k.org_id = ${tx.orgId} and k.scope = 'subject' and k.subject_id = ${subjectId} and k.destroyed_at is null for share of k`;
  return row;
}

/** Creates a key at version 1; false when a concurrent transaction created the live one first. */
export async function insertKey(tx: OrgTx, k: { keyId: string; scope: 'org' | 'subject'; subjectId: string | null; at: Date }): Promise<boolean> {
  const inserted = await tx.sql`
    insert into crypto_keys (org_id, id, scope, subject_id, current_version, created_at)
    values (${tx.orgId}, ${k.keyId}, ${k.scope}, ${k.subjectId}, 1, ${k.at})
    on conflict do nothing returning id`;
  return inserted.length === 1;
}

/** The key's current version, FOR UPDATE: waits for every writer holding FOR SHARE. */
export async function currentVersionForUpdate(tx: OrgTx, keyId: string): Promise<number | undefined> {
  const [row] = await tx.sql<{ current_version: number }[]>`
    select current_version from crypto_keys where org_id = ${tx.orgId} and id = ${keyId} for update`;
  return row?.current_version;
}

export async function setCurrentVersion(tx: OrgTx, keyId: string, version: number, at: Date): Promise<void> {
  await tx.sql`update crypto_keys set current_version = ${version}, rotated_at = ${at} where org_id = ${tx.orgId} and id = ${keyId}`;
}

/** Ids of the live keys to destroy, FOR UPDATE: the subject's keys, or (subjectId null) every key of the organisation. */
export async function liveKeyIdsForUpdate(tx: OrgTx, subjectId: string | null): Promise<string[]> {
  const rows = subjectId === null
    ? await tx.sql<{ id: string }[]>`select id from crypto_keys where org_id = ${tx.orgId} and destroyed_at is null for update`
    : await tx.sql<{ id: string }[]>`
        select id from crypto_keys
        where org_id = ${tx.orgId} and scope = 'subject' and subject_id = ${subjectId} and destroyed_at is null for update`;
  return rows.map((r) => r.id);
}

/** Crypto-shredding: the wrapped DEKs are erased, the keys marked destroyed. */
export async function destroyKeys(tx: OrgTx, keyIds: readonly string[], at: Date): Promise<void> {
  await tx.sql`
    update crypto_key_versions set wrapped_dek = null, destroyed_at = ${at}
    where org_id = ${tx.orgId} and key_id = any(${keyIds as string[]}) and wrapped_dek is not null`;
  await tx.sql`
    update crypto_keys set destroyed_at = ${at}
    where org_id = ${tx.orgId} and id = any(${keyIds as string[]}) and destroyed_at is null`;
}

/** The organisation's live org key, if any (no lock: a count for progress). */
export async function liveOrgKey(tx: OrgTx): Promise<{ id: string; current_version: number } | undefined> {
  const [k] = await tx.sql<{ id: string; current_version: number }[]>`
    select id, current_version from crypto_keys where org_id = ${tx.orgId} and scope = 'org' and destroyed_at is null`;
  return k;
}

/** A column of envelopes (the table and column names come from code, never from a request). */
export interface EnvelopeColumn { table: string; column: string; idColumn: string }

/** Rows whose envelope names the key (`prefix`) but not its current version (`header`). */
export async function countStale(tx: OrgTx, c: Pick<EnvelopeColumn, 'table' | 'column'>, prefix: Buffer, header: Buffer): Promise<number> {
  const [r] = await tx.sql<{ n: number }[]>`
    select count(*)::int as n from ${tx.sql(c.table)}
    where org_id = ${tx.orgId} and substring(${tx.sql(c.column)} from 1 for ${prefix.length}) = ${prefix}
      and substring(${tx.sql(c.column)} from 1 for ${header.length}) <> ${header}`;
  return r?.n ?? 0;
}

/** The next batch of stale rows, FOR UPDATE, in id order. */
export async function staleRowsForUpdate(tx: OrgTx, c: EnvelopeColumn, prefix: Buffer, header: Buffer, limit: number): Promise<Array<{ row_id: string; env: Buffer }>> {
  return tx.sql<{ row_id: string; env: Buffer }[]>`
    select ${tx.sql(c.idColumn)} as row_id, ${tx.sql(c.column)} as env from ${tx.sql(c.table)}
    where org_id = ${tx.orgId} and substring(${tx.sql(c.column)} from 1 for ${prefix.length}) = ${prefix}
      and substring(${tx.sql(c.column)} from 1 for ${header.length}) <> ${header}
    order by ${tx.sql(c.idColumn)} limit ${limit} for update`;
}

export async function updateEnvelope(tx: OrgTx, c: EnvelopeColumn, rowId: string, env: Buffer): Promise<void> {
  await tx.sql`update ${tx.sql(c.table)} set ${tx.sql(c.column)} = ${env} where org_id = ${tx.orgId} and ${tx.sql(c.idColumn)} = ${rowId}`;
}

/** Wrapped DEKs not under `kekId`. */
export async function countNotUnder(tx: SystemTx, kekId: string): Promise<number> {
  const [r] = await tx.sql<{ n: number }[]>`
    select count(*)::int as n from crypto_key_versions where wrapped_dek is not null and kek_id <> ${kekId}`;
  return r?.n ?? 0;
}

export interface WrappedVersionRow { org_id: string; key_id: string; version: number; kek_id: string; wrapped_dek: Buffer }

/** The next batch of wrapped DEKs not under `kekId` after `after` (keyset order), FOR UPDATE SKIP LOCKED. */
export async function versionsNotUnder(tx: SystemTx, kekId: string, after: readonly [string, string, number], limit: number): Promise<WrappedVersionRow[]> {
  return tx.sql<WrappedVersionRow[]>`
    select org_id, key_id, version, kek_id, wrapped_dek from crypto_key_versions
    where wrapped_dek is not null and kek_id <> ${kekId}
      and (org_id, key_id, version) > (${after[0]}, ${after[1]}, ${after[2]})
    order by org_id, key_id, version limit ${limit} for update skip locked`;
}

export async function setRewrapped(tx: SystemTx, r: { orgId: string; keyId: string; version: number; kekId: string; wrapped: Buffer; at: Date }): Promise<void> {
  await tx.sql`
    update crypto_key_versions set kek_id = ${r.kekId}, wrapped_dek = ${r.wrapped}, rewrapped_at = ${r.at}
    where org_id = ${r.orgId} and key_id = ${r.keyId} and version = ${r.version}`;
}

/** Wrapped DEKs per KEK id. */
export async function wrappedPerKek(tx: SystemTx): Promise<Array<{ kek_id: string; n: number }>> {
  return tx.sql<{ kek_id: string; n: number }[]>`
    select kek_id, count(*)::int as n from crypto_key_versions where wrapped_dek is not null group by kek_id order by kek_id`;
}
