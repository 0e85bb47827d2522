/* Breach incidents and their 72-hour notification clock (claim IR-1; docs/incidents.md).

   A platform operator declares an incident: its nature, discovery and confirmation times, the
   data categories, the cause and the remediation, and what it touched — a time window and a set
   of audit actions or subjects. Palisade finds the affected organisations and each one's record
   count in the audit log (every organisation's log, platform path), and starts the clock at the
   confirmation time: reminder jobs to the platform operator at 24 h and 48 h, an alert at 66 h
   (before the 72 h deadline) and an overdue alert at 72 h, each skipped once notices went out.
   `notify` mails every affected organisation's admins, and its primary address when it set one
   (settings.securityContactEmail, docs/incidents.md), a notice with the four facts (nature, data
   categories, record count, remediation) and records it. Every step is an audit record in the
   platform log, and declaration and notice are also records in each affected organisation's own
   log, so the organisation sees them (its audit log, GET /v1/org/audit).

   Invariants
   - An organisation is affected exactly when the audit log holds a matching record of it in the
     window; the platform's own log is not an organisation.
   - Jobs carry the incident id only; a job re-reads the incident and does nothing once notified
     (idempotent; a reminder that runs twice mails twice at most, never after the notices).
   - The deadline is confirmed_at + 72 h, fixed at confirmation (at declaration when the operator
     declares a confirmed breach); a suspected incident has no clock and no organisation sees it.
   - An affected organisation sees a confirmed incident in GET /v1/org/incidents (its own record
     count and notice only) and its notice also goes to the organisation's webhook endpoints
     subscribed to `incident.notice`, in the transaction that records the notice.
   - Once closed nothing changes; a confirmed incident closes only after its notices went out. */
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import { withOrg, withSystem, type Actor, type Db, type OrgTx, type SystemTx } from '../db/index.js';
import type { Acting, RequestSource } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { NotFound, ValidationFailed } from '../lib/errors.js';
import { newId, type OrgId } from '../lib/ids.js';
import { IncidentTransition } from './errors.js';
import * as repo from './repo.js';

export const REMINDER_TASK = 'incidents.clock';
const HOUR = 3_600_000;
/** Hours after confirmation at which the clock speaks: reminders, the last warning, overdue. */
export const CLOCK_HOURS = [24, 48, 66, 72] as const;
export const DEADLINE_HOURS = 72;
/** The webhook event type of a notice (docs/webhooks.md). */
export const NOTICE_EVENT = 'incident.notice';

export interface Facts {
  nature: string;
  dataCategories: string[];
  cause?: string | null | undefined;
  remediation: string;
}

export interface DeclareInput extends Facts {
  discoveredAt: Date;
  /** Absent: a suspected incident, with no clock until confirm(). */
  confirmedAt?: Date | undefined;
  window: { from: Date; to: Date };
  /** Audit actions whose records in the window were exposed (e.g. 'vault.file.download'). */
  actions?: string[] | undefined;
  /** Subject or actor ids (users, keys) whose records in the window were exposed. */
  subjects?: string[] | undefined;
}

export type IncidentStatus = 'suspected' | 'confirmed' | 'notified' | 'closed';

export interface IncidentView {
  id: string;
  status: IncidentStatus;
  nature: string;
  dataCategories: string[];
  cause: string | null;
  remediation: string;
  discoveredAt: string;
  confirmedAt: string | null;
  deadlineAt: string | null;
  notifiedAt: string | null;
  regulator: string | null;
  regulatorNotifiedAt: string | null;
  updatedAt: string | null;
  closedAt: string | null;
  closure: string | null;
  window: { from: string; to: string };
  actions: string[];
  subjects: string[];
  affected: Array<{ orgId: string; records: number; notifiedAt: string | null }>;
}

/** What an affected organisation reads: the four facts, the times, its own notice. */
export interface OrgIncidentView {
  id: string;
  status: 'confirmed' | 'notified' | 'closed';
  nature: string;
  dataCategories: string[];
  records: number;
  remediation: string;
  cause: string | null;
  discoveredAt: string;
  confirmedAt: string;
  deadlineAt: string;
  updatedAt: string | null;
  closedAt: string | null;
  notice: { sentAt: string; recipients: number } | null;
}

export interface IncidentsDeps {
  db: Db;
  clock: Clock;
  /** Adds a job in the caller's transaction (src/jobs enqueue). */
  enqueue: (tx: SystemTx, task: string, payload: unknown, opts: { runAt: Date; maxAttempts: number }) => Promise<void>;
  /** Verified addresses of an organisation's admins ('platform': the super-admins). */
  adminEmails: (orgId: string) => Promise<string[]>;
  /** The organisation's primary address for notices (its security contact), or null. */
  primaryAddress?: ((orgId: string) => Promise<string | null>) | undefined;
  mail: (to: string, subject: string, text: string) => Promise<void>;
  /** Queues an outbound webhook event to the organisation's subscribed endpoints, in its transaction. */
  webhook?: ((tx: OrgTx, type: string, data: unknown) => Promise<unknown>) | undefined;
}

/** Who acts on an incident, and the request it came from (its id lands on every audit record). */
export interface Operator {
  actor: Actor;
  source?: RequestSource | undefined;
}


export interface Incidents {
  declare(input: DeclareInput, by: Operator): Promise<IncidentView>;
  get(id: string): Promise<IncidentView>;
  /** Every incident, newest first (the operator's list). */
  list(limit?: number): Promise<IncidentView[]>;
  /** Confirms a suspected incident: the 72-hour clock starts at `confirmedAt` (default now). */
  confirm(id: string, by: Operator, confirmedAt?: Date): Promise<IncidentView>;
  /** Changes the facts (what is known grows); audited, and seen by the affected organisations. */
  update(id: string, facts: { [K in keyof Facts]?: Facts[K] | undefined }, by: Operator): Promise<IncidentView>;
  /** Sends each affected organisation not yet notified its notice; records the regulator if given. */
  notify(id: string, by: Operator, opts?: { regulator?: string | undefined }): Promise<IncidentView>;
  /** Records the supervisory authority notified (and when). */
  recordRegulator(id: string, regulator: string, by: Operator, at?: Date): Promise<IncidentView>;
  close(id: string, closure: string, by: Operator): Promise<IncidentView>;
  /** The confirmed incidents that touched the organisation, as its admins see them. */
  /** The organisation's confirmed incidents; the read is audited in its log (AUD-1). */
  forOrg(c: Acting, limit?: number): Promise<OrgIncidentView[]>;
  /** The clock's job: a reminder, the last warning or the overdue alert, unless notified. */
  tick(payload: unknown): Promise<void>;
}

type Loaded = { row: repo.IncidentRow; orgs: repo.AffectedRow[] };

function noticeText(i: repo.IncidentRow, records: number): string {
  return [
    'A personal-data breach affected your organisation on Palisade.',
    '',
    `Nature of the breach: ${i.nature}`,
    `Categories of data: ${i.data_categories.join(', ')}`,
    `Records concerned (your organisation): ${records}`,
    `Remediation: ${i.remediation}`,
    ...(i.cause ? [`Cause: ${i.cause}`] : []),
    '',
    `Discovered ${i.discovered_at.toISOString()}; confirmed ${i.confirmed_at?.toISOString() ?? '-'}. Incident ${i.id}.`,
    'This notice is recorded in your organisation\'s audit log (incident.notice_sent); your admins see it in GET /v1/org/incidents.',
  ].join('\n');
}

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

function statusOf(r: { confirmed_at: Date | null; notified_at: Date | null; closed_at: Date | null }): IncidentStatus {
  if (r.closed_at) return 'closed';
  if (!r.confirmed_at) return 'suspected';
  return r.notified_at ? 'notified' : 'confirmed';
}

function checkFacts(f: { [K in keyof Facts]?: Facts[K] | undefined }): void {
  if (f.nature !== undefined && !f.nature.trim()) throw new ValidationFailed('The nature of the breach is required');
  if (f.remediation !== undefined && !f.remediation.trim()) throw new ValidationFailed('The remediation is required');
  if (f.dataCategories !== undefined && f.dataCategories.length === 0) throw new ValidationFailed('Name at least one category of data');
}

export function createIncidents(deps: IncidentsDeps): Incidents {
  const { db, clock } = deps;

  async function load(tx: SystemTx, id: string, lock = false): Promise<Loaded> {
    const row = await repo.getIncident(tx, id, lock);
    if (!row) throw new NotFound('No such incident');
    return { row, orgs: await repo.affectedOf(tx, [id]) };
  }

  const view = ({ row, orgs }: Loaded): IncidentView => ({
    id: row.id, status: statusOf(row), nature: row.nature, dataCategories: row.data_categories, cause: row.cause, remediation: row.remediation,
    discoveredAt: row.discovered_at.toISOString(), confirmedAt: iso(row.confirmed_at), deadlineAt: iso(row.deadline_at),
    notifiedAt: iso(row.notified_at), regulator: row.regulator, regulatorNotifiedAt: iso(row.regulator_notified_at),
    updatedAt: iso(row.updated_at), closedAt: iso(row.closed_at), closure: row.closure,
    window: { from: row.window_from.toISOString(), to: row.window_to.toISOString() }, actions: row.actions, subjects: row.subjects,
    affected: orgs.map((o) => ({ orgId: o.org_id, records: o.records, notifiedAt: iso(o.notified_at) })),
  });

  const get = (id: string) => withSystem(db, async (tx) => view(await load(tx, id)));
  const platformAudit = (tx: SystemTx, action: string, by: Operator, id: string, metadata: Record<string, unknown>, outcome: 'allowed' | 'failed' = 'allowed') =>
    appendAudit(tx, { orgId: PLATFORM_ORG, action, actor: by.actor, outcome, target: { type: 'incident', id }, metadata, ...(by.source ? { source: by.source } : {}) });

  /** Each affected organisation sees the step in its own log. */
  async function orgAudit(orgs: ReadonlyArray<{ org_id: string; records: number }>, action: string, by: Operator, id: string, metadata: Record<string, unknown> = {}): Promise<void> {
    for (const o of orgs) {
      await withOrg(db, o.org_id as OrgId, by.actor, (tx) => appendAudit(tx, { action, actor: by.actor, outcome: 'allowed', target: { type: 'incident', id }, metadata: { records: o.records, ...metadata }, ...(by.source ? { source: by.source } : {}) }));
    }
  }

  async function startClock(tx: SystemTx, id: string, confirmedAt: Date): Promise<Date> {
    for (const h of CLOCK_HOURS) {
      await deps.enqueue(tx, REMINDER_TASK, { incidentId: id, hour: h }, { runAt: new Date(confirmedAt.getTime() + h * HOUR), maxAttempts: 10 });
    }
    return new Date(confirmedAt.getTime() + DEADLINE_HOURS * HOUR);
  }

  const notClosed = (row: repo.IncidentRow) => {
    if (row.closed_at) throw new IncidentTransition('The incident is closed; nothing about it changes any more');
  };

  async function recordRegulator(id: string, regulator: string, by: Operator, at?: Date): Promise<IncidentView> {
    const now = clock.now();
    const when = at ?? now;
    if (!regulator.trim()) throw new ValidationFailed('Name the supervisory authority notified');
    if (when > now) throw new ValidationFailed('The regulator cannot have been notified in the future');
    await withSystem(db, async (tx) => {
      const { row } = await load(tx, id, true);
      notClosed(row);
      if (!row.confirmed_at) throw new IncidentTransition('Confirm the incident before recording the regulator notified');
      await repo.setRegulator(tx, id, regulator, when);
      await platformAudit(tx, 'incident.regulator_notified', by, id, { regulator, notifiedAt: when.toISOString() });
    });
    return get(id);
  }

  return {
    get,

    async list(limit = 200) {
      return withSystem(db, async (tx) => {
        const rows = await repo.listIncidents(tx, limit);
        const affected = await repo.affectedOf(tx, rows.map((r) => r.id));
        return rows.map((row) => view({ row, orgs: affected.filter((a) => a.incident_id === row.id) }));
      });
    },

    async declare(input, by) {
      const actor = by.actor;
      if (!(input.window.to > input.window.from)) throw new ValidationFailed('The window must end after it starts');
      if (!input.actions?.length && !input.subjects?.length) throw new ValidationFailed('Name the audit actions or the subjects the breach touched');
      checkFacts(input);
      const now = clock.now();
      if (input.confirmedAt && input.confirmedAt < input.discoveredAt) throw new ValidationFailed('A breach is confirmed after it is discovered');
      if (input.discoveredAt > now || (input.confirmedAt && input.confirmedAt > now)) throw new ValidationFailed('Discovery and confirmation cannot be in the future');
      const id = newId('inc');
      const affected = await withSystem(db, async (tx) => {
        const found = await repo.findAffected(tx, { from: input.window.from, to: input.window.to, actions: input.actions ?? [], subjects: input.subjects ?? [], platform: PLATFORM_ORG });
        const deadline = input.confirmedAt ? await startClock(tx, id, input.confirmedAt) : null;
        await repo.insertIncident(tx, {
          id, nature: input.nature, dataCategories: input.dataCategories, cause: input.cause ?? null, remediation: input.remediation, discoveredAt: input.discoveredAt,
          confirmedAt: input.confirmedAt ?? null, deadlineAt: deadline, from: input.window.from, to: input.window.to, actions: input.actions ?? [], subjects: input.subjects ?? [],
          createdBy: `${actor.type}:${actor.id ?? ''}`, at: now,
        });
        for (const o of found) await repo.insertAffected(tx, id, o.org_id, o.records);
        const records = found.reduce((n, o) => n + o.records, 0);
        await platformAudit(tx, 'incident.declared', by, id, { organisations: found.length, records, confirmed: Boolean(input.confirmedAt), deadlineAt: deadline?.toISOString() ?? null });
        return found;
      });
      // A suspected incident stays the operator's until confirmed.
      if (input.confirmedAt) await orgAudit(affected, 'incident.declared', by, id);
      return get(id);
    },

    async confirm(id, by, confirmedAt) {
      const now = clock.now();
      const at = confirmedAt ?? now;
      const orgs = await withSystem(db, async (tx) => {
        const { row, orgs } = await load(tx, id, true);
        notClosed(row);
        if (row.confirmed_at) throw new IncidentTransition('The incident is already confirmed; its clock runs from the first confirmation');
        if (at < row.discovered_at || at > now) throw new ValidationFailed('The confirmation time lies between the discovery and now');
        const deadline = await startClock(tx, id, at);
        await repo.setConfirmed(tx, id, at, deadline, now);
        await platformAudit(tx, 'incident.confirmed', by, id, { confirmedAt: at.toISOString(), deadlineAt: deadline.toISOString(), organisations: orgs.length });
        return orgs;
      });
      await orgAudit(orgs, 'incident.confirmed', by, id);
      return get(id);
    },

    async update(id, facts, by) {
      checkFacts(facts);
      const now = clock.now();
      const { changed, orgs, confirmed } = await withSystem(db, async (tx) => {
        const { row, orgs } = await load(tx, id, true);
        notClosed(row);
        const next = {
          nature: facts.nature ?? row.nature, dataCategories: facts.dataCategories ?? row.data_categories,
          cause: facts.cause === undefined ? row.cause : facts.cause, remediation: facts.remediation ?? row.remediation,
        };
        const changed = [
          ...(next.nature !== row.nature ? ['nature'] : []),
          ...(next.dataCategories.join('\u0000') !== row.data_categories.join('\u0000') ? ['dataCategories'] : []),
          ...(next.cause !== row.cause ? ['cause'] : []),
          ...(next.remediation !== row.remediation ? ['remediation'] : []),
        ];
        if (changed.length) {
          await repo.setFacts(tx, id, next, now);
          await platformAudit(tx, 'incident.updated', by, id, { changed });
        }
        return { changed, orgs, confirmed: row.confirmed_at !== null };
      });
      if (changed.length && confirmed) await orgAudit(orgs, 'incident.updated', by, id, { changed });
      return get(id);
    },

    async notify(id, by, opts = {}) {
      const actor = by.actor;
      const { row, orgs } = await withSystem(db, (tx) => load(tx, id));
      notClosed(row);
      if (!row.confirmed_at) throw new IncidentTransition('Confirm the incident before notifying the organisations it affected');
      for (const o of orgs) {
        if (o.notified_at) continue;
        const admins = await deps.adminEmails(o.org_id);
        const primary = (await deps.primaryAddress?.(o.org_id)) ?? null;
        // The primary address once, even when an admin's address is the same one.
        const primaryIsAdmin = primary !== null && admins.some((a) => a.toLowerCase() === primary.toLowerCase());
        const to = primary !== null && !primaryIsAdmin ? [...admins, primary] : admins;
        for (const addr of to) await deps.mail(addr, `Security incident notice (${row.id})`, noticeText(row, o.records));
        const now = clock.now();
        await withOrg(db, o.org_id as OrgId, actor, async (tx) => {
          await appendAudit(tx, { action: 'incident.notice_sent', actor, outcome: 'allowed', target: { type: 'incident', id }, metadata: { recipients: to.length, primaryAddress: primary !== null, records: o.records, nature: row.nature, dataCategories: row.data_categories, remediation: row.remediation }, ...(by.source ? { source: by.source } : {}) });
          await deps.webhook?.(tx, NOTICE_EVENT, {
            id: row.id, nature: row.nature, dataCategories: row.data_categories, records: o.records, remediation: row.remediation, cause: row.cause,
            discoveredAt: row.discovered_at.toISOString(), confirmedAt: row.confirmed_at?.toISOString() ?? null, deadlineAt: row.deadline_at?.toISOString() ?? null, sentAt: now.toISOString(),
          });
        });
        await withSystem(db, async (tx) => {
          await repo.setOrgNotified(tx, id, o.org_id, to.length, now);
          await platformAudit(tx, 'incident.notice_sent', by, id, { orgId: o.org_id, recipients: to.length, primaryAddress: primary !== null, records: o.records });
        });
      }
      await withSystem(db, (tx) => repo.setNotified(tx, id, clock.now()));
      if (opts.regulator) return recordRegulator(id, opts.regulator, by);
      return get(id);
    },

    recordRegulator,

    async close(id, closure, by) {
      if (!closure.trim()) throw new ValidationFailed('Say how the incident ended');
      const now = clock.now();
      const { orgs, confirmed } = await withSystem(db, async (tx) => {
        const { row, orgs } = await load(tx, id, true);
        notClosed(row);
        if (row.confirmed_at && orgs.some((o) => !o.notified_at)) throw new IncidentTransition('A confirmed breach closes only after every affected organisation was notified');
        await repo.setClosed(tx, id, closure, now);
        await platformAudit(tx, 'incident.closed', by, id, { confirmed: row.confirmed_at !== null });
        return { orgs, confirmed: row.confirmed_at !== null };
      });
      if (confirmed) await orgAudit(orgs, 'incident.closed', by, id);
      return get(id);
    },

    async forOrg(c, limit = 100) {
      const rows = await withOrg(db, c.orgId, c.actor, async (tx) => {
        const found = await repo.incidentsOfOrg(tx, limit);
        await appendAudit(tx, {
          action: 'incident.list_read', actor: c.actor, target: { type: 'org', id: c.orgId }, outcome: 'allowed', metadata: { count: found.length },
          ...(c.source ? { source: c.source } : {}), ...(c.reason ? { reason: c.reason } : {}),
        });
        return found;
      });
      return rows.map((r) => ({
        id: r.id, status: r.closed_at ? 'closed' : r.notified_at ? 'notified' : 'confirmed',
        nature: r.nature, dataCategories: r.data_categories, records: r.records, remediation: r.remediation, cause: r.cause,
        discoveredAt: r.discovered_at.toISOString(), confirmedAt: r.confirmed_at.toISOString(), deadlineAt: r.deadline_at.toISOString(),
        updatedAt: iso(r.updated_at), closedAt: iso(r.closed_at),
        notice: r.notified_at ? { sentAt: r.notified_at.toISOString(), recipients: r.recipients ?? 0 } : null,
      }));
    },

    async tick(payload) {
      const p = payload as { incidentId?: unknown; hour?: unknown };
      if (typeof p.incidentId !== 'string' || typeof p.hour !== 'number') return;
      const i = await withSystem(db, (tx) => load(tx, p.incidentId as string)).catch((e: unknown) => { if (e instanceof NotFound) return null; throw e; });
      if (!i || i.row.notified_at || i.row.closed_at) return;
      const hour = p.hour;
      const overdue = hour >= DEADLINE_HOURS;
      const left = DEADLINE_HOURS - hour;
      const subject = overdue
        ? `OVERDUE: breach notification for incident ${i.row.id} (72 hours passed)`
        : `${hour >= 66 ? 'URGENT' : 'Reminder'}: notify the organisations affected by incident ${i.row.id} within ${left} hours`;
      const text = `${subject}\n\nNature: ${i.row.nature}\nOrganisations affected: ${i.orgs.length}\nDeadline: ${i.row.deadline_at?.toISOString() ?? '-'}\n\nSend the notices to the affected organisations (docs/incidents.md).`;
      for (const to of await deps.adminEmails(PLATFORM_ORG)) await deps.mail(to, subject, text);
      await withSystem(db, (tx) => platformAudit(tx, overdue ? 'incident.overdue' : 'incident.reminder', { actor: { type: 'system', id: 'incident-clock' } }, i.row.id, { hour }, overdue ? 'failed' : 'allowed'));
    },
  };
}
