/* Every SQL statement of the incidents module. The operator's statements run on the platform path
   (SystemTx); the affected organisation's read runs on the request path (OrgTx), where row-level
   security shows only the confirmed incidents that touched the organisation, and the column grants
   only the facts it may read (migration 0200). */
import type { OrgTx, SystemTx } from '../db/index.js';

export type IncidentRow = {
  id: string; nature: string; data_categories: string[]; cause: string | null; remediation: string;
  discovered_at: Date; confirmed_at: Date | null; deadline_at: Date | null; notified_at: Date | null;
  regulator: string | null; regulator_notified_at: Date | null;
  updated_at: Date | null; closed_at: Date | null; closure: string | null;
  window_from: Date; window_to: Date; actions: string[]; subjects: string[];
};
export type AffectedRow = { org_id: string; records: number; notified_at: Date | null; recipients: number | null };

export async function getIncident(tx: SystemTx, id: string, lock = false): Promise<IncidentRow | null> {
  const [row] = lock
    ? await tx.sql<IncidentRow[]>`select * from incidents where id = ${id} for update`
    : await tx.sql<IncidentRow[]>`select * from incidents where id = ${id}`;
  return row ?? null;
}

export async function listIncidents(tx: SystemTx, limit: number): Promise<IncidentRow[]> {
  return tx.sql<IncidentRow[]>`select * from incidents order by created_at desc, id desc limit ${limit}`;
}

export async function affectedOf(tx: SystemTx, ids: readonly string[]): Promise<Array<AffectedRow & { incident_id: string }>> {
  return tx.sql<Array<AffectedRow & { incident_id: string }>>`
    select incident_id, org_id, records, notified_at, recipients from incident_orgs where incident_id = any(${ids as string[]}::text[]) order by incident_id, org_id`;
}

/** Organisations with audit records in the window matching the actions or the subjects. */
export async function findAffected(tx: SystemTx, q: { from: Date; to: Date; actions: string[]; subjects: string[]; platform: string }): Promise<Array<{ org_id: string; records: number }>> {
  return tx.sql<{ org_id: string; records: number }[]>`
    select org_id, count(*)::int as records from audit_events
    where occurred_at >= ${q.from} and occurred_at < ${q.to} and org_id <> ${q.platform}
      and (action = any(${q.actions}::text[]) or actor_id = any(${q.subjects}::text[]) or target_id = any(${q.subjects}::text[]))
    group by org_id order by org_id`;
}

export async function insertIncident(tx: SystemTx, i: {
  id: string; nature: string; dataCategories: string[]; cause: string | null; remediation: string; discoveredAt: Date;
  confirmedAt: Date | null; deadlineAt: Date | null; from: Date; to: Date; actions: string[]; subjects: string[]; createdBy: string; at: Date;
}): Promise<void> {
  await tx.sql`insert into incidents (id, nature, data_categories, cause, remediation, discovered_at, confirmed_at, deadline_at, window_from, window_to, actions, subjects, created_by, created_at)
    values (${i.id}, ${i.nature}, ${i.dataCategories}, ${i.cause}, ${i.remediation}, ${i.discoveredAt}, ${i.confirmedAt}, ${i.deadlineAt},
            ${i.from}, ${i.to}, ${i.actions}, ${i.subjects}, ${i.createdBy}, ${i.at})`;
}

export async function insertAffected(tx: SystemTx, id: string, orgId: string, records: number): Promise<void> {
  await tx.sql`insert into incident_orgs (incident_id, org_id, records) values (${id}, ${orgId}, ${records})`;
}

export async function setConfirmed(tx: SystemTx, id: string, confirmedAt: Date, deadlineAt: Date, at: Date): Promise<void> {
  await tx.sql`update incidents set confirmed_at = ${confirmedAt}, deadline_at = ${deadlineAt}, updated_at = ${at} where id = ${id}`;
}

export async function setFacts(tx: SystemTx, id: string, f: { nature: string; dataCategories: string[]; cause: string | null; remediation: string }, at: Date): Promise<void> {
  await tx.sql`update incidents set nature = ${f.nature}, data_categories = ${f.dataCategories}, cause = ${f.cause}, remediation = ${f.remediation}, updated_at = ${at} where id = ${id}`;
}

export async function setOrgNotified(tx: SystemTx, id: string, orgId: string, recipients: number, at: Date): Promise<void> {
  await tx.sql`update incident_orgs set notified_at = ${at}, recipients = ${recipients} where incident_id = ${id} and org_id = ${orgId}`;
}

export async function setNotified(tx: SystemTx, id: string, at: Date): Promise<void> {
  await tx.sql`update incidents set notified_at = coalesce(notified_at, ${at}) where id = ${id}`;
}

export async function setRegulator(tx: SystemTx, id: string, regulator: string, at: Date): Promise<void> {
  await tx.sql`update incidents set regulator = ${regulator}, regulator_notified_at = ${at}, updated_at = ${at} where id = ${id}`;
}

export async function setClosed(tx: SystemTx, id: string, closure: string, at: Date): Promise<void> {
  await tx.sql`update incidents set closed_at = ${at}, closure = ${closure}, updated_at = ${at} where id = ${id}`;
}

export type OrgIncidentRow = {
  id: string; nature: string; data_categories: string[]; cause: string | null; remediation: string;
  discovered_at: Date; confirmed_at: Date; deadline_at: Date; updated_at: Date | null; closed_at: Date | null;
  records: number; notified_at: Date | null; recipients: number | null;
};

/** The request path: RLS shows only this organisation's confirmed incidents and its own row of each. */
export async function incidentsOfOrg(tx: OrgTx, limit: number): Promise<OrgIncidentRow[]> {
  return tx.sql<OrgIncidentRow[]>`
    select i.id, i.nature, i.data_categories, i.cause, i.remediation, i.discovered_at, i.confirmed_at, i.deadline_at, i.updated_at, i.closed_at,
           o.records, o.notified_at, o.recipients
    from incidents i join incident_orgs o on o.incident_id = i.id
    where o.org_id = ${tx.orgId} and i.confirmed_at is not null
    order by i.confirmed_at desc, i.id desc limit ${limit}`;
}
