/* Every SQL statement of single sign-on. The connection and the domains in the organisation's
   transaction (RLS); the logins in progress, the IdP links, the cross-organisation domain lookup
   and just-in-time accounts on the platform path. Tagged templates only (VAL-2). */
import type { OrgTx, SystemTx } from '../../db/index.js';

export interface ConnectionRow {
  org_id: string;
  provider: 'google' | 'microsoft' | 'generic';
  issuer: string;
  client_id: string;
  client_secret: Buffer;
  default_role: string;
  sso_required: boolean;
  enabled: boolean;
  updated_at: Date;
}

export async function connection(tx: OrgTx): Promise<ConnectionRow | null> {
  const [row] = await tx.sql<ConnectionRow[]>`select * from org_sso_connections where org_id = ${tx.orgId}`;
  return row ?? null;
}

export async function putConnection(tx: OrgTx, c: Omit<ConnectionRow, 'org_id' | 'client_secret'> & { client_secret: Buffer | null }): Promise<boolean> {
  const rows = await tx.sql`
    insert into org_sso_connections (org_id, provider, issuer, client_id, client_secret, default_role, sso_required, enabled, updated_at)
    select ${tx.orgId}, ${c.provider}, ${c.issuer}, ${c.client_id}, coalesce(${c.client_secret}::bytea, (select client_secret from org_sso_connections where org_id = ${tx.orgId})),
           ${c.default_role}, ${c.sso_required}, ${c.enabled}, ${c.updated_at}
    where ${c.client_secret}::bytea is not null or exists (select 1 from org_sso_connections where org_id = ${tx.orgId})
    on conflict (org_id) do update set provider = excluded.provider, issuer = excluded.issuer, client_id = excluded.client_id,
      client_secret = excluded.client_secret, default_role = excluded.default_role, sso_required = excluded.sso_required,
      enabled = excluded.enabled, updated_at = excluded.updated_at
    returning org_id`;
  return rows.length === 1;
}

export async function deleteConnection(tx: OrgTx): Promise<boolean> {
  const rows = await tx.sql`delete from org_sso_connections where org_id = ${tx.orgId} returning org_id`;
  return rows.length === 1;
}

export interface DomainRow {
  domain: string;
  token: string;
  created_at: Date;
  verified_at: Date | null;
}

export async function domains(tx: OrgTx): Promise<DomainRow[]> {
  return tx.sql<DomainRow[]>`select domain, token, created_at, verified_at from org_domains where org_id = ${tx.orgId} order by domain`;
}

export async function addDomain(tx: OrgTx, domain: string, token: string, now: Date): Promise<DomainRow> {
  const [row] = await tx.sql<DomainRow[]>`
    insert into org_domains (org_id, domain, token, created_at) values (${tx.orgId}, ${domain}, ${token}, ${now})
    on conflict (org_id, domain) do update set domain = excluded.domain
    returning domain, token, created_at, verified_at`;
  if (!row) throw new TypeError('insert into org_domains returned nothing');
  return row;
}

export async function markDomainVerified(tx: OrgTx, domain: string, now: Date): Promise<void> {
  await tx.sql`update org_domains set verified_at = ${now} where org_id = ${tx.orgId} and domain = ${domain} and verified_at is null`;
}

// ---- platform path

/** The organisation whose verified domain the address is in, with its enabled connection. */
export async function orgForDomain(tx: SystemTx, domain: string): Promise<string | null> {
  const [row] = await tx.sql<{ org_id: string }[]>`
    select d.org_id from org_domains d join org_sso_connections c on c.org_id = d.org_id
    where d.domain = ${domain} and d.verified_at is not null and c.enabled`;
  return row?.org_id ?? null;
}

export async function isVerifiedDomainOf(tx: SystemTx, orgId: string, domain: string): Promise<boolean> {
  const [row] = await tx.sql`select 1 from org_domains where org_id = ${orgId} and domain = ${domain} and verified_at is not null`;
  return row !== undefined;
}

export async function insertLogin(tx: SystemTx, l: { stateHash: Buffer; orgId: string; nonce: string; codeVerifier: string; now: Date; expiresAt: Date }): Promise<void> {
  await tx.sql`delete from sso_logins where expires_at <= ${l.now}`;
  await tx.sql`insert into sso_logins (state_hash, org_id, nonce, code_verifier, created_at, expires_at)
               values (${l.stateHash}, ${l.orgId}, ${l.nonce}, ${l.codeVerifier}, ${l.now}, ${l.expiresAt})`;
}

/** Single use: the row is deleted by the statement that reads it. */
export async function takeLogin(tx: SystemTx, stateHash: Buffer, now: Date): Promise<{ org_id: string; nonce: string; code_verifier: string } | null> {
  const [row] = await tx.sql<{ org_id: string; nonce: string; code_verifier: string }[]>`
    delete from sso_logins where state_hash = ${stateHash} and expires_at > ${now} returning org_id, nonce, code_verifier`;
  return row ?? null;
}

export async function linkedUser(tx: SystemTx, issuer: string, subject: string): Promise<{ user_id: string; email: string; name: string | null } | null> {
  const [row] = await tx.sql<{ user_id: string; email: string; name: string | null }[]>`
    select i.user_id, u.email, u.name from sso_identities i join users u on u.id = i.user_id where i.issuer = ${issuer} and i.subject = ${subject}`;
  return row ?? null;
}

export async function userByEmailKey(tx: SystemTx, emailKey: string): Promise<{ id: string } | null> {
  const [row] = await tx.sql<{ id: string }[]>`select id from users where email_key = ${emailKey}`;
  return row ?? null;
}

/** A just-in-time account: verified by the IdP, no password. Null when the address was taken meanwhile. */
export async function insertSsoUser(tx: SystemTx, u: { id: string; email: string; emailKey: string; name: string | null; now: Date }): Promise<boolean> {
  const rows = await tx.sql`
    insert into users (id, email, email_key, name, password_hash, email_verified_at, created_at, updated_at)
    values (${u.id}, ${u.email}, ${u.emailKey}, ${u.name}, null, ${u.now}, ${u.now}, ${u.now})
    on conflict (email_key) do nothing returning id`;
  return rows.length === 1;
}

export async function link(tx: SystemTx, l: { issuer: string; subject: string; userId: string; orgId: string; now: Date }): Promise<void> {
  await tx.sql`insert into sso_identities (issuer, subject, user_id, org_id, created_at) values (${l.issuer}, ${l.subject}, ${l.userId}, ${l.orgId}, ${l.now})`;
}

/** Just-in-time membership with the connection's default role; false when already a member. */
export async function ensureMember(tx: SystemTx, orgId: string, userId: string, role: string, now: Date): Promise<boolean> {
  const rows = await tx.sql`
    insert into memberships (org_id, user_id, roles, created_at) values (${orgId}, ${userId}, ${[role]}, ${now})
    on conflict (org_id, user_id) do nothing returning user_id`;
  return rows.length === 1;
}

/** The connection on the platform path (the callback knows only the login's organisation). */
export async function connectionOf(tx: SystemTx, orgId: string): Promise<ConnectionRow | null> {
  const [row] = await tx.sql<ConnectionRow[]>`select * from org_sso_connections where org_id = ${orgId} and enabled`;
  return row ?? null;
}

export async function factorsOf(tx: SystemTx, userId: string): Promise<{ has_factor: boolean; mfa_required: boolean; org_ids: string[] }> {
  const [row] = await tx.sql<{ has_factor: boolean; mfa_required: boolean; org_ids: string[] }[]>`
    select exists(select 1 from mfa_totp t where t.user_id = ${userId} and t.confirmed_at is not null)
             or exists(select 1 from webauthn_credentials w where w.user_id = ${userId}) as has_factor,
           exists(select 1 from memberships m join org_auth_policies p on p.org_id = m.org_id where m.user_id = ${userId} and p.require_mfa) as mfa_required,
           array(select m.org_id from memberships m where m.user_id = ${userId} order by m.created_at, m.org_id) as org_ids`;
  return row ?? { has_factor: false, mfa_required: false, org_ids: [] };
}
