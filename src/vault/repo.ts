/* Every SQL statement of the vault. Functions take the OrgTx of withOrg (RLS shows one
   organisation) and still filter on org_id: two walls (TEN-1, TEN-2). The retention sweep is
   the only platform-path (SystemTx) reader. */
import type { OrgTx, SystemTx } from '../db/index.js';

export interface CollectionRow {
  id: string;
  name: string;
  created_by: string | null;
  created_at: Date;
  files: number;
}

export interface FileRow {
  id: string;
  org_id: string;
  collection_id: string;
  name: string;
  content_type: string;
  declared_size: string; // bigint
  size: string | null;
  sha256: string | null;
  status: 'pending' | 'uploading' | 'stored';
  wrapped_key: Buffer | null;
  evidence: boolean;
  legal_hold: boolean;
  created_by: string | null;
  created_at: Date;
  stored_at: Date | null;
}

export async function insertCollection(tx: OrgTx, c: { id: string; name: string; by: string; now: Date }): Promise<void> {
  await tx.sql`insert into vault_collections (id, org_id, name, created_by, created_at) values (${c.id}, ${tx.orgId}, ${c.name}, ${c.by}, ${c.now})`;
}

export async function listCollections(tx: OrgTx): Promise<CollectionRow[]> {
  return tx.sql<CollectionRow[]>`
    select c.id, c.name, c.created_by, c.created_at,
           (select count(*)::int from vault_files f where f.org_id = c.org_id and f.collection_id = c.id) as files
    from vault_collections c where c.org_id = ${tx.orgId} order by c.created_at, c.id limit 1000`;
}

export async function getCollection(tx: OrgTx, id: string, lock = false): Promise<CollectionRow | null> {
  const [row] = lock
    ? await tx.sql<CollectionRow[]>`
        select c.id, c.name, c.created_by, c.created_at, 0 as files
        from vault_collections c where c.org_id = ${tx.orgId} and c.id = ${id} for update`
    : await tx.sql<CollectionRow[]>`
        select c.id, c.name, c.created_by, c.created_at,
               (select count(*)::int from vault_files f where f.org_id = c.org_id and f.collection_id = c.id) as files
        from vault_collections c where c.org_id = ${tx.orgId} and c.id = ${id}`;
  return row ?? null;
}

export async function countFiles(tx: OrgTx, collectionId: string): Promise<number> {
  const [r] = await tx.sql<{ n: number }[]>`select count(*)::int as n from vault_files where org_id = ${tx.orgId} and collection_id = ${collectionId}`;
  return r?.n ?? 0;
}

export async function deleteCollection(tx: OrgTx, id: string): Promise<boolean> {
  const rows = await tx.sql`delete from vault_collections where org_id = ${tx.orgId} and id = ${id} returning id`;
  return rows.length === 1;
}

export async function insertFile(tx: OrgTx, f: { id: string; collectionId: string; name: string; contentType: string; size: number; evidence: boolean; by: string; now: Date }): Promise<void> {
  await tx.sql`
    insert into vault_files (id, org_id, collection_id, name, content_type, declared_size, status, evidence, created_by, created_at)
    values (${f.id}, ${tx.orgId}, ${f.collectionId}, ${f.name}, ${f.contentType}, ${f.size}, 'pending', ${f.evidence}, ${f.by}, ${f.now})`;
}

export async function listFiles(tx: OrgTx, collectionId: string): Promise<FileRow[]> {
  return tx.sql<FileRow[]>`
    select id, org_id, collection_id, name, content_type, declared_size, size, sha256, status, wrapped_key, evidence, legal_hold, created_by, created_at, stored_at from vault_files
    where org_id = ${tx.orgId} and collection_id = ${collectionId} order by created_at, id limit 1000`;
}

/** A file by id (optionally only within one collection), locked for update when asked. */
export async function getFile(tx: OrgTx, id: string, opts: { collectionId?: string; lock?: boolean } = {}): Promise<FileRow | null> {
  const [row] = await tx.sql<FileRow[]>`
    select id, org_id, collection_id, name, content_type, declared_size, size, sha256, status, wrapped_key, evidence, legal_hold, created_by, created_at, stored_at from vault_files
    where org_id = ${tx.orgId} and id = ${id}
      ${opts.collectionId !== undefined ? tx.sql`and collection_id = ${opts.collectionId}` : tx.sql``}
    ${opts.lock ? tx.sql`for update` : tx.sql``}`;
  return row ?? null;
}

export async function markUploading(tx: OrgTx, id: string, now: Date): Promise<void> {
  await tx.sql`update vault_files set status = 'uploading', upload_started_at = ${now} where org_id = ${tx.orgId} and id = ${id} and status = 'pending'`;
}

export async function markPending(tx: OrgTx, id: string): Promise<void> {
  await tx.sql`update vault_files set status = 'pending', upload_started_at = null where org_id = ${tx.orgId} and id = ${id} and status = 'uploading'`;
}

export async function markStored(tx: OrgTx, id: string, f: { wrappedKey: Buffer; size: number; sha256: string; now: Date }): Promise<boolean> {
  const rows = await tx.sql`
    update vault_files set status = 'stored', wrapped_key = ${f.wrappedKey}, size = ${f.size}, sha256 = ${f.sha256}, stored_at = ${f.now}
    where org_id = ${tx.orgId} and id = ${id} and status = 'uploading' returning id`;
  return rows.length === 1;
}

export async function setLegalHold(tx: OrgTx, id: string, hold: boolean): Promise<void> {
  await tx.sql`update vault_files set legal_hold = ${hold} where org_id = ${tx.orgId} and id = ${id}`;
}

/** Deletes the row, and with it the file's wrapped key (crypto-shredding of the object). */
export async function deleteFile(tx: OrgTx, id: string): Promise<boolean> {
  const rows = await tx.sql`delete from vault_files where org_id = ${tx.orgId} and id = ${id} and legal_hold = false returning id`;
  return rows.length === 1;
}

export async function getRetentionDays(tx: OrgTx): Promise<number | null> {
  const [r] = await tx.sql<{ retention_days: number }[]>`select retention_days from vault_settings where org_id = ${tx.orgId}`;
  return r?.retention_days ?? null;
}

export async function setRetentionDays(tx: OrgTx, days: number, now: Date): Promise<void> {
  await tx.sql`
    insert into vault_settings (org_id, retention_days, updated_at) values (${tx.orgId}, ${days}, ${now})
    on conflict (org_id) do update set retention_days = excluded.retention_days, updated_at = excluded.updated_at`;
}

/** FILE-4: a sliding-hour count of upload URLs per actor, serialised per actor by an advisory
    lock held until the transaction ends, so concurrent requests cannot both take the last slot. */
export async function takeUploadSlot(tx: OrgTx, actor: string, now: Date, limit: number): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
  await tx.sql`select pg_advisory_xact_lock(hashtextextended(${`vault.upload\n${tx.orgId}\n${actor}`}, 0))`;
  const since = new Date(now.getTime() - 3600_000);
  const [r] = await tx.sql<{ n: number; oldest: Date | null }[]>`
    select count(*)::int as n, min(at) as oldest from (
      select at from vault_upload_log where org_id = ${tx.orgId} and actor = ${actor} and at > ${since}
      order by at desc limit ${limit}) s`;
  if ((r?.n ?? 0) >= limit) {
    const oldest = r?.oldest ?? now;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest.getTime() + 3600_000 - now.getTime()) / 1000)) };
  }
  await tx.sql`insert into vault_upload_log (org_id, actor, at) values (${tx.orgId}, ${actor}, ${now})`;
  return { ok: true };
}

// ---- platform path (the retention job)

export interface DueFile {
  org_id: string;
  id: string;
  collection_id: string;
  status: string;
  evidence: boolean;
  retention_days: number;
}

/** Files past their organisation's retention (or the default), never those under legal hold; and
    uploads abandoned for a day. Oldest first, in batches. */
export async function dueForDeletion(tx: SystemTx, now: Date, defaultDays: number, limit: number): Promise<DueFile[]> {
  return tx.sql<DueFile[]>`
    select f.org_id, f.id, f.collection_id, f.status, f.evidence, coalesce(s.retention_days, ${defaultDays})::int as retention_days from vault_files f
    left join vault_settings s on s.org_id = f.org_id
    where f.legal_hold = false
      and (f.created_at < ${now}::timestamptz - make_interval(days => coalesce(s.retention_days, ${defaultDays}))
           or (f.status <> 'stored' and f.created_at < ${now}::timestamptz - interval '1 day'))
    order by f.created_at limit ${limit}`;
}

export async function pruneUploadLog(tx: SystemTx, now: Date): Promise<void> {
  await tx.sql`delete from vault_upload_log where at < ${now}::timestamptz - interval '1 hour'`;
}
