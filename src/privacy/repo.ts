/* Every SQL statement of the privacy module. A person's data spans organisations, so export and
   erasure run on the platform path (SystemTx, palisade_system); an admin's export of a member is
   the same readers limited to one organisation (`scope`), which the service checks the admin
   belongs to before anything is read. Columns are named one by one: no secret, hash or key
   material is ever selected. Actor columns hold either the bare id or "user:<id>", so both are
   matched. */
import type { Sql } from 'postgres';
import type { OrgTx, SystemTx } from '../db/index.js';

export type Row = Record<string, unknown>;
/** Reads one archive section: the person's rows, all organisations (scope null) or one. */
export type SectionReader = (sql: Sql, userId: string, scope: string | null) => Promise<Row[]>;


export const SECTION_READERS: Readonly<Record<string, SectionReader>> = {
  'identity.account': (sql, id) => sql`
    select id, email, name, email_verified_at as "emailVerifiedAt", password_changed_at as "passwordChangedAt",
           locked_until as "lockedUntil", created_at as "createdAt", updated_at as "updatedAt"
    from users where id = ${id}`,
  'identity.sessions': (sql, id) => sql`
    select id, active_org_id as "activeOrgId", amr, created_at as "createdAt", last_seen_at as "lastSeenAt",
           expires_at as "expiresAt", ip, user_agent as "userAgent", revoked_at as "revokedAt", revoked_reason as "revokedReason"
    from sessions where user_id = ${id} order by created_at`,
  'identity.pending_tokens': (sql, id) => sql`
    select t.purpose, t.created_at as "createdAt", t.expires_at as "expiresAt" from email_tokens t
    where t.user_id = ${id} or t.email_key = (select email_key from users where id = ${id}) order by t.created_at`,
  'identity.known_devices': (sql, id) => sql`
    select created_at as "createdAt", last_used_at as "lastUsedAt", expires_at as "expiresAt", locked_until as "lockedUntil"
    from known_devices where user_id = ${id} order by created_at`,
  'identity.mfa_factors': (sql, id) => sql`
    select 'totp' as factor, created_at as "createdAt", confirmed_at as "confirmedAt" from mfa_totp where user_id = ${id}`,
  'identity.recovery_codes': (sql, id) => sql`
    select count(*)::int as total, count(used_at)::int as used, min(created_at) as "createdAt", max(used_at) as "lastUsedAt"
    from mfa_recovery_codes where user_id = ${id} having count(*) > 0`,
  'identity.passkeys': (sql, id) => sql`
    select id, name, aaguid, device_type as "deviceType", backed_up as "backedUp", created_at as "createdAt", last_used_at as "lastUsedAt"
    from webauthn_credentials where user_id = ${id} order by created_at`,
  'identity.sso_links': (sql, id, scope) => sql`
    select org_id as "orgId", issuer, subject, created_at as "createdAt"
    from sso_identities where user_id = ${id} ${scope ? sql`and org_id = ${scope}` : sql``} order by created_at, issuer`,
  'mail.outbox': (sql, id) => sql`
    select m.id, m.subject, m.created_at as "createdAt" from mail_outbox m
    where lower(m.recipient) = (select email_key from users where id = ${id}) order by m.created_at`,
  'orgs.memberships': (sql, id, scope) => sql`
    select m.org_id as "orgId", o.name as "orgName", m.roles, m.created_at as "createdAt"
    from memberships m join orgs o on o.id = m.org_id
    where m.user_id = ${id} ${scope ? sql`and m.org_id = ${scope}` : sql``} order by m.created_at`,
  'orgs.invitations': (sql, id, scope) => sql`
    select i.id, i.org_id as "orgId",
           case when i.email_key = (select email_key from users where id = ${id}) then 'received' else 'sent' end as direction,
           i.roles, i.created_at as "createdAt", i.expires_at as "expiresAt"
    from invitations i
    where (i.email_key = (select email_key from users where id = ${id}) or i.invited_by = ${id} or i.invited_by = ${'user:' + id})
      ${scope ? sql`and i.org_id = ${scope}` : sql``} order by i.created_at`,
  'authz.resource_roles': (sql, id, scope) => sql`
    select org_id as "orgId", resource_type as "resourceType", resource_id as "resourceId", role,
           case when user_id = ${id} then 'held' else 'granted' end as relation, created_at as "createdAt"
    from resource_roles
    where (user_id = ${id} or granted_by = ${id} or granted_by = ${'user:' + id}) ${scope ? sql`and org_id = ${scope}` : sql``}
    order by created_at`,
  'authz.policy_changes': (sql, id, scope) => sql`
    select org_id as "orgId", toggle, role_ref as "role", enabled, updated_at as "updatedAt" from policy_toggles
    where (updated_by = ${id} or updated_by = ${'user:' + id}) ${scope ? sql`and org_id = ${scope}` : sql``} order by updated_at`,
  'authz.api_keys': (sql, id, scope) => sql`
    select org_id as "orgId", id, name, hint, scopes, created_at as "createdAt", expires_at as "expiresAt",
           revoked_at as "revokedAt", last_used_at as "lastUsedAt", last_used_ip as "lastUsedIp",
           (created_by = ${id} or created_by = ${'user:' + id}) as created, (revoked_by = ${id} or revoked_by = ${'user:' + id}) as revoked
    from api_keys
    where (created_by = ${id} or created_by = ${'user:' + id} or revoked_by = ${id} or revoked_by = ${'user:' + id})
      ${scope ? sql`and org_id = ${scope}` : sql``} order by created_at`,
  'crypto.subject_keys': (sql, id, scope) => sql`
    select org_id as "orgId", id, current_version as "version", created_at as "createdAt", destroyed_at as "destroyedAt"
    from crypto_keys where scope = 'subject' and subject_id = ${id} ${scope ? sql`and org_id = ${scope}` : sql``} order by created_at`,
  'integrations.connected': (sql, id, scope) => sql`
    select org_id as "orgId", id, provider, name, created_at as "createdAt", rotated_at as "rotatedAt" from integration_credentials
    where (created_by = ${id} or created_by = ${'user:' + id}) ${scope ? sql`and org_id = ${scope}` : sql``} order by created_at`,
  'audit.events': (sql, id, scope) => sql`
    select id, org_id as "orgId", occurred_at as "occurredAt", action, actor_type as "actorType", actor_id as "actorId",
           target_type as "targetType", target_id as "targetId", outcome, deny_layer as "denyLayer",
           source_ip as "sourceIp", user_agent as "userAgent", request_id as "requestId", reason, metadata
    from audit_events
    where (actor_id = ${id} or target_id = ${id}) ${scope ? sql`and org_id = ${scope}` : sql``}
    order by occurred_at, seq`,
  'vault.collections': (sql, id, scope) => sql`
    select org_id as "orgId", id, name, created_at as "createdAt" from vault_collections
    where (created_by = ${id} or created_by = ${'user:' + id}) ${scope ? sql`and org_id = ${scope}` : sql``} order by created_at`,
  'vault.files': (sql, id, scope) => sql`
    select org_id as "orgId", id, collection_id as "collectionId", name, content_type as "contentType", size, sha256, status,
           evidence, legal_hold as "legalHold", created_at as "createdAt", stored_at as "storedAt"
    from vault_files where (created_by = ${id} or created_by = ${'user:' + id}) ${scope ? sql`and org_id = ${scope}` : sql``}
    order by created_at`,
  'privacy.requests': (sql, id) => sql`
    select id, type, status, details, resolution, created_at as "createdAt", due_at as "dueAt", closed_at as "closedAt"
    from privacy_requests where user_id = ${id} order by created_at`,
  // Consents the person recorded (as the organisation's admin) and consents about them (a minor's data).
  'privacy.consents': (sql, id, scope) => sql`
    select org_id as "orgId", id, flow, subject_id as "subjectId", action, policy_version as "policyVersion",
           actor_type as "actorType", actor_id as "actorId", recorded_at as "recordedAt",
           case when subject_id = ${id} then 'about' else 'recorded' end as relation
    from ai_consent_ledger
    where (subject_id = ${id} or (actor_type = 'user' and (actor_id = ${id} or actor_id = ${'user:' + id})))
      ${scope ? sql`and org_id = ${scope}` : sql``} order by recorded_at, seq`,
  // The person's minor status in every organisation they belong to or are marked in.
  'privacy.minor_status': (sql, id, scope) => sql`
    select o.org_id as "orgId", (m.user_id is not null) as minor, m.marked_at as "markedAt", m.marked_by as "markedBy"
    from (select org_id from memberships where user_id = ${id} union select org_id from org_minors where user_id = ${id}) o
    left join org_minors m on m.org_id = o.org_id and m.user_id = ${id}
    ${scope ? sql`where o.org_id = ${scope}` : sql``} order by o.org_id`,
  'privacy.exports': (sql, id, scope) => sql`
    select id, scope_org as "scopeOrg", status, created_at as "createdAt", ready_at as "readyAt", downloaded_at as "downloadedAt"
    from privacy_exports where user_id = ${id} ${scope ? sql`and scope_org = ${scope}` : sql``} order by created_at`,
};

/** The bare read of a person's audit records the export bench compares with (same rows). */
export async function bareAuditRows(tx: SystemTx, userId: string): Promise<number> {
  const rows = await tx.sql`select * from audit_events where actor_id = ${userId} or target_id = ${userId} order by occurred_at, seq`;
  return rows.length;
}

// ---- exports

export interface ExportRow {
  id: string;
  user_id: string;
  scope_org: string | null;
  requested_by: string;
  status: 'pending' | 'ready' | 'downloaded' | 'failed';
  sha256: string | null;
  size: number | null;
  records: number | null;
  created_at: Date;
  ready_at: Date | null;
  expires_at: Date;
  downloaded_at: Date | null;
}

export async function insertExport(tx: SystemTx, e: { id: string; userId: string; scopeOrg: string | null; requestedBy: string; now: Date; expiresAt: Date }): Promise<void> {
  await tx.sql`
    insert into privacy_exports (id, user_id, scope_org, requested_by, status, created_at, expires_at)
    values (${e.id}, ${e.userId}, ${e.scopeOrg}, ${e.requestedBy}, 'pending', ${e.now}, ${e.expiresAt})`;
}

export async function getExport(tx: SystemTx, id: string): Promise<ExportRow | null> {
  const [r] = await tx.sql<ExportRow[]>`
    select id, user_id, scope_org, requested_by, status, sha256, size, records, created_at, ready_at, expires_at, downloaded_at
    from privacy_exports where id = ${id}`;
  return r ?? null;
}

export async function markReady(tx: SystemTx, id: string, a: { archive: Buffer; sha256: string; size: number; records: number; now: Date }): Promise<boolean> {
  const rows = await tx.sql`
    update privacy_exports set status = 'ready', archive = ${a.archive}, sha256 = ${a.sha256}, size = ${a.size}, records = ${a.records}, ready_at = ${a.now}
    where id = ${id} and status = 'pending' returning id`;
  return rows.length === 1;
}

export async function markFailed(tx: SystemTx, id: string): Promise<void> {
  await tx.sql`update privacy_exports set status = 'failed' where id = ${id} and status = 'pending'`;
}

/** The one download: takes the archive and clears it in one statement, so two concurrent
    downloads cannot both get it. */
export async function takeArchive(tx: SystemTx, id: string, now: Date): Promise<{ archive: Buffer; user_id: string; scope_org: string | null; requested_by: string } | null> {
  const [r] = await tx.sql<{ archive: Buffer; user_id: string; scope_org: string | null; requested_by: string }[]>`
    update privacy_exports p set status = 'downloaded', downloaded_at = ${now}, archive = null
    from (select id, archive from privacy_exports where id = ${id} and status = 'ready' and archive is not null for update) old
    where p.id = old.id returning old.archive, p.user_id, p.scope_org, p.requested_by`;
  return r ?? null;
}

/** Archives nobody downloaded in time are deleted (their ciphertext with them). */
export async function expireExports(tx: SystemTx, now: Date): Promise<number> {
  const rows = await tx.sql`update privacy_exports set archive = null, status = 'failed' where status = 'ready' and expires_at < ${now} returning id`;
  return rows.length;
}

// ---- membership checks

export async function isMember(tx: SystemTx, orgId: string, userId: string): Promise<boolean> {
  const rows = await tx.sql`select 1 from memberships where org_id = ${orgId} and user_id = ${userId}`;
  return rows.length > 0;
}

/** The person's address (the notice of an erasure an organisation filed for them). */
export async function addressOf(tx: SystemTx, userId: string): Promise<string | null> {
  const [r] = await tx.sql<{ email: string }[]>`select email from users where id = ${userId}`;
  return r?.email ?? null;
}

export async function userExists(tx: SystemTx, userId: string): Promise<boolean> {
  const rows = await tx.sql`select 1 from users where id = ${userId}`;
  return rows.length > 0;
}

// ---- erasure (erasure.ts)

/** Organisations where the person is the only member holding the admin role. */
export async function soleAdminOrgs(tx: SystemTx, userId: string): Promise<string[]> {
  const rows = await tx.sql<{ org_id: string }[]>`
    select m.org_id from memberships m
    where m.user_id = ${userId} and 'admin' = any (m.roles)
      and not exists (select 1 from memberships o where o.org_id = m.org_id and o.user_id <> m.user_id and 'admin' = any (o.roles))
    order by m.org_id`;
  return rows.map((r) => r.org_id);
}

/** Key chains holding a live subject key of the person. */
export async function subjectKeyOrgs(tx: SystemTx, userId: string): Promise<string[]> {
  const rows = await tx.sql<{ org_id: string }[]>`
    select distinct org_id from crypto_keys where scope = 'subject' and subject_id = ${userId} and destroyed_at is null order by org_id`;
  return rows.map((r) => r.org_id);
}

export async function orgIdsOf(tx: SystemTx, userId: string): Promise<string[]> {
  const rows = await tx.sql<{ org_id: string }[]>`select org_id from memberships where user_id = ${userId} order by org_id`;
  return rows.map((r) => r.org_id);
}

/** Revoked first (the trigger tells every node to drop them), then deleted with the account. */
export async function revokeSessions(tx: SystemTx, userId: string, now: Date): Promise<string[]> {
  const rows = await tx.sql<{ id: string }[]>`update sessions set revoked_at = ${now}, revoked_reason = 'erased' where user_id = ${userId} and revoked_at is null returning id`;
  return rows.map((r) => r.id);
}

/** Everything keyed by the person's address, then the account row (its cascade takes the rest). */
export async function deletePersonRows(tx: SystemTx, userId: string): Promise<void> {
  const [u] = await tx.sql<{ email_key: string }[]>`select email_key from users where id = ${userId} for update`;
  if (!u) return;
  await tx.sql`delete from mail_outbox where lower(recipient) = ${u.email_key}`;
  await tx.sql`delete from email_tokens where user_id = ${userId} or email_key = ${u.email_key}`;
  await tx.sql`delete from invitations where email_key = ${u.email_key}`;
  await tx.sql`delete from users where id = ${userId}`;
}

/** The person's own words go; the erasure request this run completes is closed. */
export async function clearRequestDetails(tx: SystemTx, userId: string, now: Date, completes: string | null): Promise<void> {
  await tx.sql`update privacy_requests set details = null, updated_at = ${now} where user_id = ${userId} and details is not null`;
  await tx.sql`
    update privacy_requests set status = 'completed', closed_at = ${now}, updated_at = ${now}, resolution = 'erased'
    where user_id = ${userId} and type = 'erasure' and closed_at is null ${completes ? tx.sql`and id = ${completes}` : tx.sql``}`;
}

// ---- rights requests

export interface RequestRow {
  id: string;
  user_id: string;
  type: string;
  status: 'open' | 'in_progress' | 'completed' | 'rejected' | 'withdrawn';
  details: string | null;
  resolution: string | null;
  filed_by: string;
  created_at: Date;
  due_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  reminded_at: Date | null;
  overdue_alerted_at: Date | null;
  /** The organisation it was filed through (its admins see and answer it), or null: the person's own (migration 0270). */
  org_id: string | null;
}

const REQUEST_COLUMNS = ['id', 'user_id', 'type', 'status', 'details', 'resolution', 'filed_by', 'created_at', 'due_at', 'updated_at', 'closed_at', 'reminded_at', 'overdue_alerted_at', 'org_id'] as const;

/** Inserts a request; null when the person already has an open erasure request. */
export async function insertRequest(tx: SystemTx | OrgTx, r: { id: string; userId: string; type: string; details: string | null; filedBy: string; now: Date; dueAt: Date; orgId?: string | null }): Promise<RequestRow | null> {
  const [row] = await tx.sql<RequestRow[]>`
    insert into privacy_requests (id, user_id, type, status, details, filed_by, created_at, due_at, updated_at, org_id)
    values (${r.id}, ${r.userId}, ${r.type}, 'open', ${r.details}, ${r.filedBy}, ${r.now}, ${r.dueAt}, ${r.now}, ${r.orgId ?? null})
    on conflict (user_id) where type = 'erasure' and closed_at is null do nothing
    returning ${tx.sql(REQUEST_COLUMNS)}`;
  return row ?? null;
}

export async function requestsOf(tx: SystemTx, userId: string): Promise<RequestRow[]> {
  return tx.sql<RequestRow[]>`select ${tx.sql(REQUEST_COLUMNS)} from privacy_requests where user_id = ${userId} order by created_at desc limit 200`;
}

/** One request; on the request path (OrgTx) RLS shows only the organisation's own. */
export async function getRequest(tx: SystemTx | OrgTx, id: string, lock = false): Promise<RequestRow | null> {
  const [row] = await tx.sql<RequestRow[]>`select ${tx.sql(REQUEST_COLUMNS)} from privacy_requests where id = ${id} ${lock ? tx.sql`for update` : tx.sql``}`;
  return row ?? null;
}

/** Open erasure requests, oldest first (the erasure job). */
export async function openErasures(tx: SystemTx, limit: number): Promise<RequestRow[]> {
  return tx.sql<RequestRow[]>`
    select ${tx.sql(REQUEST_COLUMNS)} from privacy_requests where type = 'erasure' and closed_at is null order by created_at limit ${limit}`;
}

export async function noteRequest(tx: SystemTx, id: string, resolution: string, now: Date): Promise<void> {
  await tx.sql`update privacy_requests set resolution = ${resolution}, updated_at = ${now} where id = ${id}`;
}

// ---- rights requests: the operator's queue, transitions and deadlines (requests.ts)
/** Requests still open across everyone, earliest deadline first (the operator's queue). */
export async function openRequests(tx: SystemTx, limit: number): Promise<RequestRow[]> {
  return tx.sql<RequestRow[]>`
    select ${tx.sql(REQUEST_COLUMNS)} from privacy_requests where closed_at is null order by due_at, id limit ${limit}`;
}

/** Moves a request (the row was locked by getRequest(…, true)); closing sets closed_at. */
export async function setRequestStatus(tx: SystemTx | OrgTx, id: string, to: RequestRow['status'], resolution: string | null, now: Date): Promise<RequestRow> {
  const closed = to === 'completed' || to === 'rejected' || to === 'withdrawn';
  const [row] = await tx.sql<RequestRow[]>`
    update privacy_requests set status = ${to}, resolution = coalesce(${resolution}, resolution), updated_at = ${now},
      closed_at = ${closed ? now : null}
    where id = ${id} returning ${tx.sql(REQUEST_COLUMNS)}`;
  return row!;
}

/** Open requests whose reminder or overdue alert is due and not yet sent, locked for this run
    (another node's run skips them). `ids` narrows it to the requests a deadline job names. */
export async function deadlinesDue(tx: SystemTx, now: Date, remindMs: number, ids: string[] | null, limit: number): Promise<RequestRow[]> {
  return tx.sql<RequestRow[]>`
    select ${tx.sql(REQUEST_COLUMNS)} from privacy_requests
    where closed_at is null
      and ((overdue_alerted_at is null and due_at <= ${now})
        or (reminded_at is null and due_at - make_interval(secs => ${remindMs / 1000}) <= ${now}))
      ${ids ? tx.sql`and id = any(${ids})` : tx.sql``}
    order by due_at, id limit ${limit}
    for update skip locked`;
}

/** The requests filed through the organisation (RLS and this filter: two walls), newest first. */
export async function orgRequests(tx: OrgTx, limit: number): Promise<RequestRow[]> {
  return tx.sql<RequestRow[]>`
    select ${tx.sql(REQUEST_COLUMNS)} from privacy_requests where org_id = ${tx.orgId} order by created_at desc, id limit ${limit}`;
}

export async function isMemberInOrg(tx: OrgTx, userId: string): Promise<boolean> {
  const rows = await tx.sql`select 1 from memberships where org_id = ${tx.orgId} and user_id = ${userId}`;
  return rows.length > 0;
}

/** The person withdraws their own request: only while it is not closed and, for an erasure, not
    begun (the job's claim below). Null when nothing was withdrawn. */
export async function withdrawRequest(tx: SystemTx, id: string, userId: string, now: Date): Promise<RequestRow | null> {
  const [row] = await tx.sql<RequestRow[]>`
    update privacy_requests set status = 'withdrawn', closed_at = ${now}, updated_at = ${now}
    where id = ${id} and user_id = ${userId} and closed_at is null and erasure_started_at is null
    returning ${tx.sql(REQUEST_COLUMNS)}`;
  return row ?? null;
}

/** The erasure job claims its request before anything is destroyed: false when the request is
    closed (withdrawn, rejected, done) meanwhile. A claimed request can no longer be withdrawn. */
export async function claimErasure(tx: SystemTx, id: string, now: Date): Promise<boolean> {
  const rows = await tx.sql`
    update privacy_requests set erasure_started_at = coalesce(erasure_started_at, ${now}), updated_at = ${now}
    where id = ${id} and type = 'erasure' and closed_at is null returning id`;
  return rows.length === 1;
}

/** A blocked erasure (last-admin guard, nothing destroyed) releases its claim: it may be withdrawn again. */
export async function releaseErasure(tx: SystemTx, id: string): Promise<void> {
  await tx.sql`update privacy_requests set erasure_started_at = null where id = ${id} and closed_at is null`;
}

export async function markReminded(tx: SystemTx, id: string, now: Date): Promise<void> {
  await tx.sql`update privacy_requests set reminded_at = ${now} where id = ${id}`;
}

export async function markOverdueAlerted(tx: SystemTx, id: string, now: Date): Promise<void> {
  await tx.sql`update privacy_requests set overdue_alerted_at = ${now}, reminded_at = coalesce(reminded_at, ${now}) where id = ${id}`;
}

// ---- retention (retention.ts, PRIV-7)

/** Expired trial organisations whose admins have not been told yet. */
export async function trialsToNotify(tx: SystemTx, now: Date): Promise<Array<{ id: string; trial_ends_at: Date }>> {
  return tx.sql`select id, trial_ends_at from orgs
    where trial_ends_at <= ${now} and trial_notice_at is null and deleted_at is null order by trial_ends_at limit 500`;
}

/** Marks the notice sent, once: false when another run already did. */
export async function markTrialNotice(tx: SystemTx, orgId: string, now: Date): Promise<boolean> {
  const rows = await tx.sql`update orgs set trial_notice_at = ${now}
    where id = ${orgId} and trial_notice_at is null and deleted_at is null and trial_ends_at <= ${now} returning id`;
  return rows.length > 0;
}

/** Trial organisations expired and told at least `cutoff` ago (due for deletion). */
export async function trialsToDelete(tx: SystemTx, cutoff: Date): Promise<string[]> {
  const rows = await tx.sql<{ id: string }[]>`select id from orgs
    where trial_ends_at <= ${cutoff} and trial_notice_at <= ${cutoff} and deleted_at is null order by trial_ends_at limit 100`;
  return rows.map((r) => r.id);
}

/** Deletes every row the organisation owns (migration 0191); -1 when it is not (or no longer) due. */
export async function deleteTrialOrg(tx: SystemTx, orgId: string, cutoff: Date, now: Date): Promise<number> {
  const [r] = await tx.sql<{ n: string }[]>`select palisade_delete_trial_org(${orgId}, ${cutoff}, ${now}) as n`;
  return Number(r?.n ?? -1);
}

export async function pruneNotifications(tx: SystemTx, before: Date): Promise<{ deliveries: number; alerts: number; mail: number }> {
  const [r] = await tx.sql<{ deliveries: string; alerts: string; mail: string }[]>`select deliveries, alerts, mail from palisade_prune_notifications(${before})`;
  return { deliveries: Number(r?.deliveries ?? 0), alerts: Number(r?.alerts ?? 0), mail: Number(r?.mail ?? 0) };
}

/** Sets or clears an organisation's trial (the platform path only; migration 0191), under the
    row's lock. `previous` is the end it had, present only when the trial moved; an unchanged
    trial is left alone (its notice too). found false: no such organisation, or deleted. */
export async function setTrial(tx: SystemTx, orgId: string, endsAt: Date | null): Promise<{ found: boolean; previous?: Date | null }> {
  const [cur] = await tx.sql<{ trial_ends_at: Date | null }[]>`select trial_ends_at from orgs where id = ${orgId} and deleted_at is null for update`;
  if (!cur) return { found: false };
  if ((cur.trial_ends_at?.getTime() ?? null) === (endsAt?.getTime() ?? null)) return { found: true };
  await tx.sql`update orgs set trial_ends_at = ${endsAt}, trial_notice_at = null where id = ${orgId}`;
  return { found: true, previous: cur.trial_ends_at };
}

/** In the organisation's own transaction: locks its row if it is still a trial due for deletion. */
export async function trialDueForUpdate(tx: OrgTx, cutoff: Date): Promise<boolean> {
  const rows = await tx.sql`select id from orgs where id = ${tx.orgId} and trial_ends_at <= ${cutoff} and trial_notice_at <= ${cutoff} and deleted_at is null for update`;
  return rows.length > 0;
}
