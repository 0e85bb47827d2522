/* Every SQL statement of the integration vault. Each takes an OrgTx (RLS) and still filters on
   org_id (two walls). The secret column is read only by readSecret, for the server-side
   decryption path; list and metadata queries never select it. Tagged templates only (VAL-2). */
import type { OrgTx } from '../db/index.js';

export interface IntegrationRow {
  id: string;
  provider: string;
  name: string;
  fingerprint: string;
  last4: string | null;
  scopes: string[];
  created_at: Date;
  rotated_at: Date | null;
}

const META = ['id', 'provider', 'name', 'fingerprint', 'last4', 'scopes', 'created_at', 'rotated_at'] as const;

export async function insert(
  tx: OrgTx,
  r: { id: string; provider: string; name: string; fingerprint: string; last4: string | null; scopes: readonly string[]; secret: Buffer; createdBy: string | null; createdAt: Date },
): Promise<IntegrationRow | null> {
  const [row] = await tx.sql<IntegrationRow[]>`
    insert into integration_credentials (org_id, id, provider, name, fingerprint, last4, scopes, secret, created_by, created_at)
    values (${tx.orgId}, ${r.id}, ${r.provider}, ${r.name}, ${r.fingerprint}, ${r.last4}, ${r.scopes as string[]}, ${r.secret}, ${r.createdBy}, ${r.createdAt})
    on conflict (org_id, name) do nothing
    returning ${tx.sql(META)}`;
  return row ?? null;
}

export async function list(tx: OrgTx, limit: number, after: { createdAt: Date; id: string } | null): Promise<IntegrationRow[]> {
  return after
    ? tx.sql<IntegrationRow[]>`
        select ${tx.sql(META)} from integration_credentials
        where org_id = ${tx.orgId} and (created_at, id) < (${after.createdAt}, ${after.id})
        order by created_at desc, id desc limit ${limit}`
    : tx.sql<IntegrationRow[]>`
        select ${tx.sql(META)} from integration_credentials
        where org_id = ${tx.orgId} order by created_at desc, id desc limit ${limit}`;
}

export async function get(tx: OrgTx, id: string): Promise<IntegrationRow | null> {
  const [row] = await tx.sql<IntegrationRow[]>`
    select ${tx.sql(META)} from integration_credentials where org_id = ${tx.orgId} and id = ${id}`;
  return row ?? null;
}

export async function readSecret(tx: OrgTx, id: string): Promise<(IntegrationRow & { secret: Buffer }) | null> {
  const [row] = await tx.sql<(IntegrationRow & { secret: Buffer })[]>`
    select ${tx.sql(META)}, secret from integration_credentials where org_id = ${tx.orgId} and id = ${id}`;
  return row ?? null;
}

export async function replaceSecret(
  tx: OrgTx,
  id: string,
  r: { fingerprint: string; last4: string | null; secret: Buffer; rotatedAt: Date },
): Promise<IntegrationRow | null> {
  const [row] = await tx.sql<IntegrationRow[]>`
    update integration_credentials set fingerprint = ${r.fingerprint}, last4 = ${r.last4}, secret = ${r.secret}, rotated_at = ${r.rotatedAt}
    where org_id = ${tx.orgId} and id = ${id}
    returning ${tx.sql(META)}`;
  return row ?? null;
}

/** Disconnecting deletes the row, ciphertext included (INT-3). */
export async function remove(tx: OrgTx, id: string): Promise<IntegrationRow | null> {
  const [row] = await tx.sql<IntegrationRow[]>`
    delete from integration_credentials where org_id = ${tx.orgId} and id = ${id}
    returning ${tx.sql(META)}`;
  return row ?? null;
}
