/* Every SQL statement of consent, the AI policy and minors (migration 0180). Each function takes
   the OrgTx of withOrg, and still filters on org_id (two walls, TEN-2). The consent ledger is
   append-only: there is no update or delete here, and the table refuses them (trigger). */
import type { OrgTx } from '../../db/index.js';

export type ConsentFlow = 'ai' | 'ai_minor_data';

export interface ConsentRow {
  id: string;
  flow: ConsentFlow;
  subject_id: string | null;
  action: 'granted' | 'withdrawn';
  policy_version: string | null;
  actor_type: string;
  actor_id: string | null;
  recorded_at: Date;
}

export async function appendConsent(tx: OrgTx, row: Omit<ConsentRow, 'recorded_at'> & { recorded_at: Date }): Promise<void> {
  await tx.sql`
    insert into ai_consent_ledger (id, org_id, flow, subject_id, action, policy_version, actor_type, actor_id, recorded_at)
    values (${row.id}, ${tx.orgId}, ${row.flow}, ${row.subject_id}, ${row.action}, ${row.policy_version}, ${row.actor_type}, ${row.actor_id}, ${row.recorded_at})`;
}

/** The newest ledger row of a flow (for a minor: of that minor), or null: never consented. */
export async function currentConsent(tx: OrgTx, flow: ConsentFlow, subjectId: string | null): Promise<ConsentRow | null> {
  const [row] = await tx.sql<ConsentRow[]>`
    select id, flow, subject_id, action, policy_version, actor_type, actor_id, recorded_at
    from ai_consent_ledger
    where org_id = ${tx.orgId} and flow = ${flow} and subject_id is not distinct from ${subjectId}
    order by seq desc limit 1`;
  return row ?? null;
}

export async function consentHistory(tx: OrgTx, limit: number): Promise<ConsentRow[]> {
  return tx.sql<ConsentRow[]>`
    select id, flow, subject_id, action, policy_version, actor_type, actor_id, recorded_at
    from ai_consent_ledger where org_id = ${tx.orgId}
    order by seq desc limit ${limit}`;
}

export async function minorDataAllowed(tx: OrgTx): Promise<boolean> {
  const [row] = await tx.sql<{ minor_data: boolean }[]>`select minor_data from ai_policies where org_id = ${tx.orgId}`;
  return row?.minor_data ?? false;
}

export async function setMinorDataAllowed(tx: OrgTx, allowed: boolean, by: string, at: Date): Promise<void> {
  await tx.sql`
    insert into ai_policies (org_id, minor_data, updated_by, updated_at) values (${tx.orgId}, ${allowed}, ${by}, ${at})
    on conflict (org_id) do update set minor_data = excluded.minor_data, updated_by = excluded.updated_by, updated_at = excluded.updated_at`;
}

export async function isMember(tx: OrgTx, userId: string): Promise<boolean> {
  const rows = await tx.sql`select 1 from memberships where org_id = ${tx.orgId} and user_id = ${userId}`;
  return rows.length > 0;
}

/** True when the row was added (false: already marked). */
export async function markMinor(tx: OrgTx, userId: string, by: string, at: Date): Promise<boolean> {
  const rows = await tx.sql`
    insert into org_minors (org_id, user_id, marked_by, marked_at) values (${tx.orgId}, ${userId}, ${by}, ${at})
    on conflict do nothing returning user_id`;
  return rows.length > 0;
}

export async function unmarkMinor(tx: OrgTx, userId: string): Promise<boolean> {
  const rows = await tx.sql`delete from org_minors where org_id = ${tx.orgId} and user_id = ${userId} returning user_id`;
  return rows.length > 0;
}

export interface MinorRow {
  user_id: string;
  marked_by: string | null;
  marked_at: Date;
  consent_action: 'granted' | 'withdrawn' | null;
  consent_policy_version: string | null;
  consent_recorded_at: Date | null;
}

export async function listMinors(tx: OrgTx): Promise<MinorRow[]> {
  return tx.sql<MinorRow[]>`
    select m.user_id, m.marked_by, m.marked_at,
           c.action as consent_action, c.policy_version as consent_policy_version, c.recorded_at as consent_recorded_at
    from org_minors m
    left join lateral (
      select action, policy_version, recorded_at from ai_consent_ledger l
      where l.org_id = m.org_id and l.flow = 'ai_minor_data' and l.subject_id = m.user_id
      order by seq desc limit 1) c on true
    where m.org_id = ${tx.orgId}
    order by m.marked_at, m.user_id`;
}

/** Of these people, the ones marked as minors in the organisation. */
export async function minorsAmong(tx: OrgTx, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await tx.sql<{ user_id: string }[]>`select user_id from org_minors where org_id = ${tx.orgId} and user_id = any (${userIds as string[]})`;
  return rows.map((r) => r.user_id);
}

export interface PersonRow {
  user_id: string | null;
  name: string | null;
  email: string | null;
}

/** The people the organisation knows: its members (name, address) and the addresses it invited. */
export async function knownPeople(tx: OrgTx): Promise<PersonRow[]> {
  return tx.sql<PersonRow[]>`
    select m.user_id, u.name, u.email from memberships m join users u on u.id = m.user_id where m.org_id = ${tx.orgId}
    union all
    select null, null, i.email from invitations i where i.org_id = ${tx.orgId}`;
}
