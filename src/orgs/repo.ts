/* Every SQL statement of the organisations module. Tenant tables (orgs, memberships,
   invitations) are read and written through an OrgTx (RLS), and every statement still filters
   on org_id: two walls (TEN-1, TEN-2). The platform path is used where the organisation is not
   known yet or the table is a platform one: listing a user's organisations, finding an
   invitation by its token hash, and users' addresses for alert mail (admins.ts). Tagged templates only (VAL-2). */
import type { Sql } from 'postgres';
import type { OrgTx, SystemTx } from '../db/index.js';

export interface OrgRow {
  id: string;
  name: string;
  plan: string;
  settings: Record<string, unknown>;
  created_at: Date;
}

export async function insertOrg(tx: OrgTx, name: string, now: Date): Promise<OrgRow> {
  const [row] = await tx.sql<OrgRow[]>`
    insert into orgs (id, name, created_at) values (${tx.orgId}, ${name}, ${now})
    returning id, name, plan, settings, created_at`;
  if (!row) throw new TypeError('insert into orgs returned nothing');
  return row;
}

export async function getOrg(tx: OrgTx): Promise<OrgRow | null> {
  const [row] = await tx.sql<OrgRow[]>`select id, name, plan, settings, created_at from orgs where id = ${tx.orgId}`;
  return row ?? null;
}

export async function updateOrg(
  tx: OrgTx,
  patch: { name?: string | undefined; setSettings: Record<string, unknown>; removeSettings: string[] },
): Promise<OrgRow | null> {
  const [row] = await tx.sql<OrgRow[]>`
    update orgs set
      name = coalesce(${patch.name ?? null}, name),
      settings = (settings - ${patch.removeSettings}::text[]) || ${tx.sql.json(patch.setSettings as never)}
    where id = ${tx.orgId}
    returning id, name, plan, settings, created_at`;
  return row ?? null;
}

export interface MemberRow {
  user_id: string;
  email: string;
  name: string | null;
  roles: string[];
  created_at: Date;
}

export async function insertMembership(tx: OrgTx, userId: string, roles: string[], now: Date): Promise<boolean> {
  const rows = await tx.sql`
    insert into memberships (org_id, user_id, roles, created_at) values (${tx.orgId}, ${userId}, ${roles}, ${now})
    on conflict (org_id, user_id) do nothing returning user_id`;
  return rows.length > 0;
}

/** Members with their names and addresses: users is readable by palisade_app only for members
    of the current organisation (policy members_of_current_org). */
export async function listMembers(tx: OrgTx, limit: number, after: { createdAt: Date; userId: string } | null): Promise<MemberRow[]> {
  return tx.sql<MemberRow[]>`
    select m.user_id, u.email, u.name, m.roles, m.created_at
    from memberships m join users u on u.id = m.user_id
    where m.org_id = ${tx.orgId}
      and (${after === null} or (m.created_at, m.user_id) > (${after?.createdAt ?? null}::timestamptz, ${after?.userId ?? null}::text))
    order by m.created_at, m.user_id
    limit ${limit}`;
}

export async function getMember(tx: OrgTx, userId: string, lock = false): Promise<MemberRow | null> {
  const [row] = lock
    ? await tx.sql<MemberRow[]>`
        select m.user_id, u.email, u.name, m.roles, m.created_at
        from memberships m join users u on u.id = m.user_id
        where m.org_id = ${tx.orgId} and m.user_id = ${userId} for update of m`
    : await tx.sql<MemberRow[]>`
        select m.user_id, u.email, u.name, m.roles, m.created_at
        from memberships m join users u on u.id = m.user_id
        where m.org_id = ${tx.orgId} and m.user_id = ${userId}`;
  return row ?? null;
}

/** Locks the organisation's admin memberships, so two concurrent demotions cannot both pass
    the last-admin check. */
export async function lockAdmins(tx: OrgTx): Promise<string[]> {
  const rows = await tx.sql<{ user_id: string }[]>`
    select user_id from memberships where org_id = ${tx.orgId} and 'admin' = any (roles) for update`;
  return rows.map((r) => r.user_id);
}

export async function setMemberRoles(tx: OrgTx, userId: string, roles: string[]): Promise<boolean> {
  const rows = await tx.sql`update memberships set roles = ${roles} where org_id = ${tx.orgId} and user_id = ${userId} returning user_id`;
  return rows.length > 0;
}

export async function deleteMember(tx: OrgTx, userId: string): Promise<boolean> {
  const rows = await tx.sql`delete from memberships where org_id = ${tx.orgId} and user_id = ${userId} returning user_id`;
  return rows.length > 0;
}

export async function memberEmailExists(tx: OrgTx, emailKey: string): Promise<boolean> {
  const [row] = await tx.sql`
    select 1 from memberships m join users u on u.id = m.user_id
    where m.org_id = ${tx.orgId} and lower(u.email) = ${emailKey}`;
  return row !== undefined;
}

export interface InvitationRow {
  id: string;
  email: string;
  roles: string[];
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
}

export async function insertInvitation(
  tx: OrgTx,
  i: { id: string; email: string; emailKey: string; roles: string[]; tokenHash: Buffer; invitedBy: string | null; now: Date; expiresAt: Date },
): Promise<InvitationRow> {
  const [row] = await tx.sql<InvitationRow[]>`
    insert into invitations (id, org_id, email, email_key, roles, token_hash, invited_by, created_at, expires_at)
    values (${i.id}, ${tx.orgId}, ${i.email}, ${i.emailKey}, ${i.roles}, ${i.tokenHash}, ${i.invitedBy}, ${i.now}, ${i.expiresAt})
    returning id, email, roles, invited_by, created_at, expires_at`;
  if (!row) throw new TypeError('insert into invitations returned nothing');
  return row;
}

export async function listInvitations(tx: OrgTx, now: Date, limit: number, after: { createdAt: Date; id: string } | null): Promise<InvitationRow[]> {
  return tx.sql<InvitationRow[]>`
    select id, email, roles, invited_by, created_at, expires_at from invitations
    where org_id = ${tx.orgId} and expires_at > ${now}
      and (${after === null} or (created_at, id) < (${after?.createdAt ?? null}::timestamptz, ${after?.id ?? null}::text))
    order by created_at desc, id desc
    limit ${limit}`;
}

export async function deleteInvitation(tx: OrgTx, id: string): Promise<InvitationRow | null> {
  const [row] = await tx.sql<InvitationRow[]>`
    delete from invitations where org_id = ${tx.orgId} and id = ${id}
    returning id, email, roles, invited_by, created_at, expires_at`;
  return row ?? null;
}

/** Platform path: which organisation an invitation token belongs to (the token is all we have). */
export async function invitationOrgByToken(tx: SystemTx, tokenHash: Buffer): Promise<string | null> {
  const [row] = await tx.sql<{ org_id: string }[]>`select org_id from invitations where token_hash = ${tokenHash}`;
  return row?.org_id ?? null;
}

/** Single use, bound to the address, unexpired: one statement consumes it or nothing. */
export async function consumeInvitation(tx: OrgTx, tokenHash: Buffer, emailKey: string, now: Date): Promise<InvitationRow | null> {
  const [row] = await tx.sql<InvitationRow[]>`
    delete from invitations
    where org_id = ${tx.orgId} and token_hash = ${tokenHash} and email_key = ${emailKey} and expires_at > ${now}
    returning id, email, roles, invited_by, created_at, expires_at`;
  return row ?? null;
}

/** Platform path: a user's organisations (a user spans organisations by nature). */
export async function orgsOfUser(tx: SystemTx, userId: string): Promise<Array<OrgRow & { roles: string[] }>> {
  return tx.sql<Array<OrgRow & { roles: string[] }>>`
    select o.id, o.name, o.plan, o.settings, o.created_at, m.roles
    from memberships m join orgs o on o.id = m.org_id
    where m.user_id = ${userId}
    order by m.created_at, o.id`;
}

export async function userEmail(tx: SystemTx, userId: string): Promise<{ email: string } | null> {
  const [row] = await tx.sql<{ email: string }[]>`select email from users where id = ${userId}`;
  return row ?? null;
}

// ---- administrators (alert delivery: admins.ts)

export async function userEmailKey(tx: SystemTx, userId: string): Promise<string | null> {
  const [u] = await tx.sql<{ email_key: string }[]>`select email_key from users where id = ${userId}`;
  return u?.email_key ?? null;
}

/** For readInOrg: whether the user holds the built-in admin role in the organisation. */
export function isAdminQuery(sql: Sql, orgId: string, userId: string) {
  return sql`select 1 from memberships where org_id = ${orgId} and user_id = ${userId} and 'admin' = any (roles)`;
}

export async function adminIds(tx: OrgTx): Promise<string[]> {
  const rows = await tx.sql<{ user_id: string }[]>`select user_id from memberships where org_id = ${tx.orgId} and 'admin' = any (roles)`;
  return rows.map((r) => r.user_id);
}

/** users is a platform table (no org_id): read on the system path, by ids RLS allowed. */
export async function userEmails(tx: SystemTx, ids: readonly string[]): Promise<string[]> {
  const rows = await tx.sql<{ email: string }[]>`select email from users where id = any (${ids as string[]})`;
  return rows.map((r) => r.email);
}
