/* Every SQL statement of the authz module. Tenant tables are read and written through an OrgTx
   (RLS) and every statement still filters on org_id (two walls). Two statements use the platform
   path, each because the organisation is not known yet or spans organisations: finding a key by
   its hash, and the batched last-used update. memberships (src/orgs) is read here only to learn
   a member's role references. Tagged templates only (VAL-2). */
import type { PendingQuery, Sql } from 'postgres';
import type { OrgTx, SystemTx } from '../db/index.js';

// ---- the facts decide() needs, in one statement

export interface FactsRow {
  plan: string;
  role_refs: string[] | null;
  custom_roles: Array<{ id: string; permissions: string[] }>;
  disabled: Array<{ role: string; toggle: string }>;
  resource_role: string | null;
}

/** The facts statement, to run in the organisation's context (an OrgTx, or readInOrg). */
export function factsQuery(sql: Sql, orgId: string, userId: string, resource: { type: string; id: string } | null): PendingQuery<FactsRow[]> {
  return sql<FactsRow[]>`
    select o.plan,
           m.roles as role_refs,
           coalesce((select json_agg(json_build_object('id', r.id, 'permissions', r.permissions))
                     from org_roles r where r.org_id = o.id and r.id = any (m.roles)), '[]'::json) as custom_roles,
           coalesce((select json_agg(json_build_object('role', t.role_ref, 'toggle', t.toggle))
                     from policy_toggles t where t.org_id = o.id and not t.enabled), '[]'::json) as disabled,
           (select rr.role from resource_roles rr
             where rr.org_id = o.id and rr.user_id = ${userId}
               and rr.resource_type = ${resource?.type ?? null} and rr.resource_id = ${resource?.id ?? null}) as resource_role
    from orgs o
    left join memberships m on m.org_id = o.id and m.user_id = ${userId}
    where o.id = ${orgId}`;
}

export async function loadFacts(tx: OrgTx, userId: string, resource: { type: string; id: string } | null): Promise<FactsRow | null> {
  const [row] = await factsQuery(tx.sql, tx.orgId, userId, resource);
  return row ?? null;
}

// ---- custom roles

export interface RoleRow {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  created_at: Date;
  updated_at: Date;
}

export async function listRoles(tx: OrgTx): Promise<RoleRow[]> {
  return tx.sql<RoleRow[]>`
    select id, name, description, permissions, created_at, updated_at
    from org_roles where org_id = ${tx.orgId} order by name_key`;
}

export async function findRole(tx: OrgTx, id: string, lock = false): Promise<RoleRow | null> {
  const [row] = lock
    ? await tx.sql<RoleRow[]>`select id, name, description, permissions, created_at, updated_at from org_roles where org_id = ${tx.orgId} and id = ${id} for update`
    : await tx.sql<RoleRow[]>`select id, name, description, permissions, created_at, updated_at from org_roles where org_id = ${tx.orgId} and id = ${id}`;
  return row ?? null;
}

export async function customRolesById(tx: OrgTx, ids: readonly string[]): Promise<RoleRow[]> {
  if (ids.length === 0) return [];
  return tx.sql<RoleRow[]>`
    select id, name, description, permissions, created_at, updated_at
    from org_roles where org_id = ${tx.orgId} and id = any (${ids as string[]})`;
}

/** Null when the name is taken in this organisation. */
export async function insertRole(tx: OrgTx, r: { id: string; name: string; description: string; permissions: string[]; now: Date }): Promise<RoleRow | null> {
  const [row] = await tx.sql<RoleRow[]>`
    insert into org_roles (id, org_id, name, name_key, description, permissions, created_at, updated_at)
    values (${r.id}, ${tx.orgId}, ${r.name}, ${r.name.toLowerCase()}, ${r.description}, ${r.permissions}, ${r.now}, ${r.now})
    on conflict (org_id, name_key) do nothing
    returning id, name, description, permissions, created_at, updated_at`;
  return row ?? null;
}

export async function nameTaken(tx: OrgTx, name: string, exceptId: string): Promise<boolean> {
  const [row] = await tx.sql`select 1 from org_roles where org_id = ${tx.orgId} and name_key = ${name.toLowerCase()} and id <> ${exceptId}`;
  return row !== undefined;
}

export async function updateRole(tx: OrgTx, id: string, r: { name: string; description: string; permissions: string[]; now: Date }): Promise<RoleRow> {
  const [row] = await tx.sql<RoleRow[]>`
    update org_roles set name = ${r.name}, name_key = ${r.name.toLowerCase()}, description = ${r.description},
      permissions = ${r.permissions}, updated_at = ${r.now}
    where org_id = ${tx.orgId} and id = ${id}
    returning id, name, description, permissions, created_at, updated_at`;
  if (!row) throw new TypeError('updateRole: row vanished under lock');
  return row;
}

export async function roleInUse(tx: OrgTx, id: string): Promise<boolean> {
  const [row] = await tx.sql`
    select 1 where exists (select 1 from memberships where org_id = ${tx.orgId} and ${id} = any (roles))
                or exists (select 1 from invitations where org_id = ${tx.orgId} and ${id} = any (roles))`;
  return row !== undefined;
}

export async function deleteRole(tx: OrgTx, id: string): Promise<void> {
  await tx.sql`delete from policy_toggles where org_id = ${tx.orgId} and role_ref = ${id}`;
  await tx.sql`delete from org_roles where org_id = ${tx.orgId} and id = ${id}`;
}

// ---- policy toggles

export interface ToggleRow {
  toggle: string;
  role_ref: string;
  enabled: boolean;
  updated_at: Date;
}

export async function listToggles(tx: OrgTx): Promise<ToggleRow[]> {
  return tx.sql<ToggleRow[]>`
    select toggle, role_ref, enabled, updated_at from policy_toggles
    where org_id = ${tx.orgId} order by toggle, role_ref`;
}

export async function setToggle(tx: OrgTx, t: { toggle: string; roleRef: string; enabled: boolean; by: string | null; now: Date }): Promise<void> {
  // "On" is the default, so switching a toggle on removes its row: the table lists exceptions.
  if (t.enabled) {
    await tx.sql`delete from policy_toggles where org_id = ${tx.orgId} and toggle = ${t.toggle} and role_ref = ${t.roleRef}`;
    return;
  }
  await tx.sql`
    insert into policy_toggles (org_id, toggle, role_ref, enabled, updated_by, updated_at)
    values (${tx.orgId}, ${t.toggle}, ${t.roleRef}, false, ${t.by}, ${t.now})
    on conflict (org_id, toggle, role_ref) do update set enabled = false, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
}

// ---- per-resource roles

export interface ResourceRoleRow {
  user_id: string;
  role: string;
  granted_by: string | null;
  created_at: Date;
}

export async function listResourceRoles(tx: OrgTx, type: string, id: string): Promise<ResourceRoleRow[]> {
  return tx.sql<ResourceRoleRow[]>`
    select user_id, role, granted_by, created_at from resource_roles
    where org_id = ${tx.orgId} and resource_type = ${type} and resource_id = ${id} order by created_at, user_id`;
}

export async function isMember(tx: OrgTx, userId: string): Promise<boolean> {
  const [row] = await tx.sql`select 1 from memberships where org_id = ${tx.orgId} and user_id = ${userId}`;
  return row !== undefined;
}

export async function upsertResourceRole(tx: OrgTx, r: { type: string; id: string; userId: string; role: string; by: string | null; now: Date }): Promise<string | null> {
  const [prev] = await tx.sql<{ role: string }[]>`
    select role from resource_roles where org_id = ${tx.orgId} and resource_type = ${r.type} and resource_id = ${r.id} and user_id = ${r.userId} for update`;
  await tx.sql`
    insert into resource_roles (org_id, resource_type, resource_id, user_id, role, granted_by, created_at)
    values (${tx.orgId}, ${r.type}, ${r.id}, ${r.userId}, ${r.role}, ${r.by}, ${r.now})
    on conflict (org_id, resource_type, resource_id, user_id) do update set role = excluded.role, granted_by = excluded.granted_by`;
  return prev?.role ?? null;
}

export async function deleteResourceRole(tx: OrgTx, type: string, id: string, userId: string): Promise<string | null> {
  const [row] = await tx.sql<{ role: string }[]>`
    delete from resource_roles where org_id = ${tx.orgId} and resource_type = ${type} and resource_id = ${id} and user_id = ${userId}
    returning role`;
  return row?.role ?? null;
}

/** A member's roles on single resources (they go with the membership). */
export async function resourceRolesOfUser(tx: OrgTx, userId: string): Promise<Array<{ resource_type: string; resource_id: string; role: string }>> {
  return tx.sql<Array<{ resource_type: string; resource_id: string; role: string }>>`
    select resource_type, resource_id, role from resource_roles
    where org_id = ${tx.orgId} and user_id = ${userId} order by resource_type, resource_id`;
}

export async function countOwners(tx: OrgTx, type: string, id: string): Promise<number> {
  const [row] = await tx.sql<{ n: number }[]>`
    select count(*)::int as n from resource_roles
    where org_id = ${tx.orgId} and resource_type = ${type} and resource_id = ${id} and role = 'owner'`;
  return row?.n ?? 0;
}

export async function deleteResourceRoles(tx: OrgTx, type: string, id: string): Promise<void> {
  await tx.sql`delete from resource_roles where org_id = ${tx.orgId} and resource_type = ${type} and resource_id = ${id}`;
}

// ---- API keys

export interface ApiKeyRow {
  id: string;
  name: string;
  hint: string;
  scopes: string[];
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  allowed_ips: string[] | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  last_used_ip: string | null;
}

const KEY_COLUMNS = ['id', 'name', 'hint', 'scopes', 'created_by', 'created_at', 'expires_at', 'revoked_at', 'last_used_at', 'last_used_ip'] as const;

export async function insertApiKey(
  tx: OrgTx,
  k: { id: string; name: string; hash: Buffer; hint: string; scopes: string[]; createdBy: string; now: Date; expiresAt: Date | null; allowedIps: string[] | null },
): Promise<ApiKeyRow> {
  const [row] = await tx.sql<ApiKeyRow[]>`
    insert into api_keys (id, org_id, name, key_hash, hint, scopes, created_by, created_at, expires_at, allowed_ips)
    values (${k.id}, ${tx.orgId}, ${k.name}, ${k.hash}, ${k.hint}, ${k.scopes}, ${k.createdBy}, ${k.now}, ${k.expiresAt},
            ${k.allowedIps}::inet[])
    returning ${tx.sql(KEY_COLUMNS)}, allowed_ips::text[] as allowed_ips`;
  if (!row) throw new TypeError('insertApiKey returned no row');
  return row;
}

export async function listApiKeys(tx: OrgTx): Promise<ApiKeyRow[]> {
  return tx.sql<ApiKeyRow[]>`
    select ${tx.sql(KEY_COLUMNS)}, allowed_ips::text[] as allowed_ips
    from api_keys where org_id = ${tx.orgId} order by created_at desc, id`;
}

/** Revokes a live key; null when there is no such key in this organisation or it was already revoked. */
export async function revokeApiKey(tx: OrgTx, id: string, by: string, now: Date): Promise<{ id: string; name: string } | null> {
  const [row] = await tx.sql<{ id: string; name: string }[]>`
    update api_keys set revoked_at = ${now}, revoked_by = ${by}
    where org_id = ${tx.orgId} and id = ${id} and revoked_at is null
    returning id, name`;
  return row ?? null;
}

export async function apiKeyExists(tx: OrgTx, id: string): Promise<boolean> {
  const [row] = await tx.sql`select 1 from api_keys where org_id = ${tx.orgId} and id = ${id}`;
  return row !== undefined;
}

export interface KeyLookupRow {
  id: string;
  org_id: string;
  scopes: string[];
  created_by: string;
  expires_at: Date | null;
  revoked_at: Date | null;
  ip_allowed: boolean;
  /** No IP allow-list: the answer does not depend on the caller's address (cacheable). */
  unrestricted: boolean;
}

/** Platform path: the key's organisation is what we are trying to learn. */
/** A single read on the platform path: takes the system pool itself (autocommit), since one
    statement needs no transaction — three fewer statements on every API-key request. */
export async function findKeyByHash(system: Sql, hash: Buffer, ip: string | null): Promise<KeyLookupRow | null> {
  const [row] = await system<KeyLookupRow[]>`
    select id, org_id, scopes, created_by, expires_at, revoked_at,
           (allowed_ips is null or (${ip}::inet is not null and ${ip}::inet <<= any (allowed_ips))) as ip_allowed,
           (allowed_ips is null) as unrestricted
    from api_keys where key_hash = ${hash}`;
  return row ?? null;
}

/** One statement for a whole batch of last-used marks, across organisations. Never moves a
    mark backwards (another node may have flushed a later one). */
export async function recordKeyUsage(tx: SystemTx, marks: ReadonlyArray<{ id: string; at: Date; ip: string | null }>): Promise<number> {
  if (marks.length === 0) return 0;
  const result = await tx.sql`
    update api_keys k set last_used_at = v.at, last_used_ip = v.ip
    from unnest(${marks.map((m) => m.id)}::text[], ${marks.map((m) => m.at.toISOString())}::timestamptz[], ${marks.map((m) => m.ip)}::text[]) as v(id, at, ip)
    where k.id = v.id and (k.last_used_at is null or k.last_used_at < v.at)`;
  return result.count;
}

// ---- plans (platform path: a super-admin acts on an organisation named in the request)

export async function setOrgPlan(tx: SystemTx, orgId: string, plan: string): Promise<{ previous: string } | null> {
  const [row] = await tx.sql<{ previous: string }[]>`
    update orgs o set plan = ${plan}
    from (select id, plan as previous from orgs where id = ${orgId} for update) old
    where o.id = old.id
    returning old.previous`;
  return row ?? null;
}

/** The plan the database gives a new organisation created on the request path (migration 0060's
    trigger reads it): written at start-up from PALISADE_DEFAULT_PLAN. */
export async function setDefaultPlan(tx: SystemTx, plan: string): Promise<void> {
  await tx.sql`
    insert into platform_plan_default (singleton, plan, updated_at) values (true, ${plan}, now())
    on conflict (singleton) do update set plan = excluded.plan, updated_at = excluded.updated_at
    where platform_plan_default.plan is distinct from excluded.plan`;
}

/** Organisations on plans the configuration does not list (they have no features), by plan. */
export async function orgsOnPlansOtherThan(tx: SystemTx, plans: readonly string[]): Promise<Array<{ plan: string; count: number }>> {
  return tx.sql<Array<{ plan: string; count: number }>>`
    select plan, count(*)::int as count from orgs where plan <> all (${plans as string[]}::text[]) group by plan order by plan`;
}
