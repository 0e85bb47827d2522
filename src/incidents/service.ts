/* Breach incidents and their 72-hour notification clock (claim IR-1; docs/incidents.md).

   A platform operator declares an incident: its nature, discovery and confirmation times, the
   data categories, the cause and the remediation, and what it touched — a time window and a set
   of audit actions or subjects. Palisade finds the affected organisations and each one's record
   count in the audit log (every organisation's log, platform path), and starts the clock at the
   confirmation time: reminder jobs to the platform operator at 24 h and 48 h, an alert at 66 h
   (before the 72 h deadline) and an overdue alert at 72 h, each skipped once notices went out.
   `notify` mails every affected organisation's admins a notice with the four facts (nature, data
   categories, record count, remediation) and records it. Every step is an audit record in the
   platform log, and declaration and notice are also records in each affected organisation's own
   log, so the organisation sees them (its audit log, GET /v1/org/audit).

   Invariants
   - An organisation is affected exactly when the audit log holds a matching record of it in the
     window; the platform's own log is not an organisation.
   - Jobs carry the incident id only; a job re-reads the incident and does nothing once notified
     (idempotent; a reminder that runs twice mails twice at most, never after the notices).
   - The deadline is confirmed_at + 72 h, fixed at declaration. */
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import { withOrg, withSystem, type Actor, type Db, type SystemTx } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import { newId, type OrgId } from '../lib/ids.js';

export const REMINDER_TASK = 'incidents.clock';
const HOUR = 3_600_000;
/** Hours after confirmation at which the clock speaks: reminders, the last warning, overdue. */
export const CLOCK_HOURS = [24, 48, 66, 72] as const;
export const DEADLINE_HOURS = 72;

export interface DeclareInput {
  nature: string;
  dataCategories: string[];
  cause?: string | undefined;
  remediation: string;
  discoveredAt: Date;
  confirmedAt: Date;
  window: { from: Date; to: Date };
  /** Audit actions whose records in the window were exposed (e.g. 'vault.file.download'). */
  actions?: string[];
  /** Subject or actor ids (users, keys) whose records in the window were exposed. */
  subjects?: string[];
}

export interface IncidentView {
  id: string;
  nature: string;
  dataCategories: string[];
  cause: string | null;
  remediation: string;
  discoveredAt: string;
  confirmedAt: string;
  deadlineAt: string;
  notifiedAt: string | null;
  regulator: string | null;
  regulatorNotifiedAt: string | null;
  affected: Array<{ orgId: string; records: number; notifiedAt: string | null }>;
}

export interface IncidentsDeps {
  db: Db;
  clock: Clock;
  /** Adds a job in the caller's transaction (src/jobs enqueue). */
  enqueue: (tx: SystemTx, task: string, payload: unknown, opts: { runAt: Date; maxAttempts: number }) => Promise<void>;
  /** Verified addresses of an organisation's admins ('platform': the super-admins). */
  adminEmails: (orgId: string) => Promise<string[]>;
  mail: (to: string, subject: string, text: string) => Promise<void>;
}

export interface Incidents {
  declare(input: DeclareInput, actor: Actor): Promise<IncidentView>;
  get(id: string): Promise<IncidentView>;
  /** Sends each affected organisation not yet notified its notice; records the regulator if given. */
  notify(id: string, actor: Actor, opts?: { regulator?: string }): Promise<IncidentView>;
  /** The clock's job: a reminder, the last warning or the overdue alert, unless notified. */
  tick(payload: unknown): Promise<void>;
}

type Row = {
  id: string; nature: string; data_categories: string[]; cause: string | null; remediation: string;
  discovered_at: Date; confirmed_at: Date; deadline_at: Date; notified_at: Date | null;
  regulator: string | null; regulator_notified_at: Date | null;
};

function noticeText(i: Row, records: number): string {
  return [
    'A personal-data breach affected your organisation on Palisade.',
    '',
    `Nature of the breach: ${i.nature}`,
    `Categories of data: ${i.data_categories.join(', ')}`,
    `Records concerned (your organisation): ${records}`,
    `Remediation: ${i.remediation}`,
    ...(i.cause ? [`Cause: ${i.cause}`] : []),
    '',
    `Discovered ${i.discovered_at.toISOString()}; confirmed ${i.confirmed_at.toISOString()}. Incident ${i.id}.`,
    'This notice is recorded in your organisation\'s audit log (incident.notice_sent).',
  ].join('\n');
}

export function createIncidents(deps: IncidentsDeps): Incidents {
  const { db, clock } = deps;

  async function load(tx: SystemTx, id: string): Promise<{ row: Row; orgs: Array<{ org_id: string; records: number; notified_at: Date | null }> }> {
    const [row] = await tx.sql<Row[]>`select id, nature, data_categories, cause, remediation, discovered_at, confirmed_at, deadline_at, notified_at, regulator, regulator_notified_at from incidents where id = ${id}`;
    if (!row) throw new NotFound('No such incident');
    const orgs = await tx.sql<{ org_id: string; records: number; notified_at: Date | null }[]>`select org_id, records, notified_at from incident_orgs where incident_id = ${id} order by org_id`;
    return { row, orgs };
  }

  const view = ({ row, orgs }: Awaited<ReturnType<typeof load>>): IncidentView => ({
    id: row.id, nature: row.nature, dataCategories: row.data_categories, cause: row.cause, remediation: row.remediation,
    discoveredAt: row.discovered_at.toISOString(), confirmedAt: row.confirmed_at.toISOString(), deadlineAt: row.deadline_at.toISOString(),
    notifiedAt: row.notified_at?.toISOString() ?? null, regulator: row.regulator, regulatorNotifiedAt: row.regulator_notified_at?.toISOString() ?? null,
    affected: orgs.map((o) => ({ orgId: o.org_id, records: o.records, notifiedAt: o.notified_at?.toISOString() ?? null })),
  });

  const get = (id: string) => withSystem(db, async (tx) => view(await load(tx, id)));

  return {
    get,

    async declare(input, actor) {
      if (!(input.window.to > input.window.from)) throw new TypeError('the window must end after it starts');
      if (!input.actions?.length && !input.subjects?.length) throw new TypeError('name the actions or the subjects the breach touched');
      const id = newId('inc');
      const now = clock.now();
      const deadline = new Date(input.confirmedAt.getTime() + DEADLINE_HOURS * HOUR);
      const affected = await withSystem(db, async (tx) => {
        const found = await tx.sql<{ org_id: string; records: number }[]>`
          select org_id, count(*)::int as records from audit_events
          where occurred_at >= ${input.window.from} and occurred_at < ${input.window.to} and org_id <> ${PLATFORM_ORG}
            and (action = any(${input.actions ?? []}::text[]) or actor_id = any(${input.subjects ?? []}::text[]) or target_id = any(${input.subjects ?? []}::text[]))
          group by org_id order by org_id`;
        await tx.sql`insert into incidents (id, nature, data_categories, cause, remediation, discovered_at, confirmed_at, deadline_at, window_from, window_to, actions, subjects, created_by, created_at)
          values (${id}, ${input.nature}, ${input.dataCategories}, ${input.cause ?? null}, ${input.remediation}, ${input.discoveredAt}, ${input.confirmedAt}, ${deadline},
                  ${input.window.from}, ${input.window.to}, ${input.actions ?? []}, ${input.subjects ?? []}, ${`${actor.type}:${actor.id ?? ''}`}, ${now})`;
        for (const o of found) await tx.sql`insert into incident_orgs (incident_id, org_id, records) values (${id}, ${o.org_id}, ${o.records})`;
        const records = found.reduce((n, o) => n + o.records, 0);
        await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'incident.declared', actor, outcome: 'allowed', target: { type: 'incident', id }, metadata: { organisations: found.length, records, deadlineAt: deadline.toISOString() } });
        for (const h of CLOCK_HOURS) {
          await deps.enqueue(tx, REMINDER_TASK, { incidentId: id, hour: h }, { runAt: new Date(input.confirmedAt.getTime() + h * HOUR), maxAttempts: 10 });
        }
        return found;
      });
      // Each affected organisation sees the declaration in its own log.
      for (const o of affected) {
        await withOrg(db, o.org_id as OrgId, actor, (tx) => appendAudit(tx, { action: 'incident.declared', actor, outcome: 'allowed', target: { type: 'incident', id }, metadata: { records: o.records } }));
      }
      return get(id);
    },

    async notify(id, actor, opts = {}) {
      const { row, orgs } = await withSystem(db, (tx) => load(tx, id));
      for (const o of orgs) {
        if (o.notified_at) continue;
        const to = await deps.adminEmails(o.org_id);
        for (const addr of to) await deps.mail(addr, `Security incident notice (${row.id})`, noticeText(row, o.records));
        const now = clock.now();
        await withOrg(db, o.org_id as OrgId, actor, async (tx) => {
          await appendAudit(tx, { action: 'incident.notice_sent', actor, outcome: 'allowed', target: { type: 'incident', id }, metadata: { recipients: to.length, records: o.records, nature: row.nature, dataCategories: row.data_categories, remediation: row.remediation } });
        });
        await withSystem(db, async (tx) => {
          await tx.sql`update incident_orgs set notified_at = ${now}, recipients = ${to.length} where incident_id = ${id} and org_id = ${o.org_id}`;
          await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'incident.notice_sent', actor, outcome: 'allowed', target: { type: 'incident', id }, metadata: { orgId: o.org_id, recipients: to.length, records: o.records } });
        });
      }
      const now = clock.now();
      await withSystem(db, async (tx) => {
        await tx.sql`update incidents set notified_at = coalesce(notified_at, ${now}),
          regulator = coalesce(${opts.regulator ?? null}, regulator),
          regulator_notified_at = case when ${opts.regulator ?? null}::text is not null then coalesce(regulator_notified_at, ${now}) else regulator_notified_at end
          where id = ${id}`;
        if (opts.regulator) await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'incident.regulator_notified', actor, outcome: 'allowed', target: { type: 'incident', id }, metadata: { regulator: opts.regulator } });
      });
      return get(id);
    },

    async tick(payload) {
      const p = payload as { incidentId?: unknown; hour?: unknown };
      if (typeof p.incidentId !== 'string' || typeof p.hour !== 'number') return;
      const i = await withSystem(db, (tx) => load(tx, p.incidentId as string)).catch((e: unknown) => { if (e instanceof NotFound) return null; throw e; });
      if (!i || i.row.notified_at) return;
      const hour = p.hour;
      const overdue = hour >= DEADLINE_HOURS;
      const left = DEADLINE_HOURS - hour;
      const subject = overdue
        ? `OVERDUE: breach notification for incident ${i.row.id} (72 hours passed)`
        : `${hour >= 66 ? 'URGENT' : 'Reminder'}: notify the organisations affected by incident ${i.row.id} within ${left} hours`;
      const text = `${subject}\n\nNature: ${i.row.nature}\nOrganisations affected: ${i.orgs.length}\nDeadline: ${i.row.deadline_at.toISOString()}\n\nSend the notices to the affected organisations (docs/incidents.md).`;
      for (const to of await deps.adminEmails(PLATFORM_ORG)) await deps.mail(to, subject, text);
      await withSystem(db, (tx) => appendAudit(tx, { orgId: PLATFORM_ORG, action: overdue ? 'incident.overdue' : 'incident.reminder', actor: { type: 'system', id: 'incident-clock' }, outcome: overdue ? 'failed' : 'allowed', target: { type: 'incident', id: i.row.id }, metadata: { hour } }));
    },
  };
}
