/* Rights requests on their clock (PRIV-3): the operator moves them through their states, and
   the deadline jobs remind before the deadline and alert when one is overdue. Claims PRIV-3.

   States: open → in_progress → completed | rejected (open may close directly). A closed request
   stays closed. An erasure request is completed only by the erasure itself (erasure.ts): an
   operator may take it in hand or reject it (with the reason, e.g. a legal hold), never mark it
   done while the person's data is still there. Who moves requests: a platform super-admin (the
   operator answering data-subject requests); every transition is an audit record naming the
   actor, the old and the new status.

   The organisation's side (migration 0270): a request filed through an organisation (org_id) is
   also seen and moved by that organisation's admins holding privacy:requests, on the request
   path under RLS (withOrg), with the same transitions; the move is audited in the organisation's
   log. Its reminder and overdue alert go to the organisation's admins as well as the operators.

   Withdrawal: the person withdraws their own request while it is not closed (status withdrawn,
   closed). An erasure request can be withdrawn only until the erasure job has claimed it
   (erasure_started_at): the claim and the withdrawal each skip the other's row, so a withdrawn
   erasure never runs and a begun one is never reported withdrawn.

   Deadlines: filing a request enqueues two jobs (privacy.request_deadline) — at the reminder
   time (PALISADE_PRIVACY_REMINDER_DAYS before the deadline) and at the deadline — and an hourly
   schedule sweeps all open requests the same way, so a lost job or a node down at the time
   delays a reminder by an hour at most. Both run checkDeadlines, which acts by the clock: the
   reminder once (reminded_at), the overdue alert once (overdue_alerted_at), each row locked for
   the run (another node skips it), the mail sent before the mark commits (at least once). The
   mail goes to the platform's super-admins and names the request, its type and its deadline —
   never the person's words or address. */
import { appendAudit, PLATFORM_ORG, type RequestSource } from '../audit/index.js';
import { withOrg, withSystem, type Actor, type Db, type OrgTx, type SystemTx } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import type { OrgId } from '../lib/ids.js';
import { RequestTransitionInvalid } from './errors.js';
import * as repo from './repo.js';

export type RequestStatus = repo.RequestRow['status'];

/** The states a request may move to from each state. */
export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  open: ['in_progress', 'completed', 'rejected'],
  in_progress: ['completed', 'rejected'],
  completed: [],
  rejected: [],
  withdrawn: [],
};

export interface DeadlineDeps {
  db: Db;
  clock: Clock;
  reminderDays: number;
  /** Mails the platform's super-admins. */
  alert?: ((subject: string, text: string) => Promise<void>) | undefined;
  /** Mails an organisation's admins (reminders of requests filed through it). */
  notifyOrg?: ((orgId: string, subject: string, text: string) => Promise<void>) | undefined;
}

const SYSTEM: Actor = { type: 'system', id: 'privacy' };
const DAY_MS = 86400_000;

/** Moves a request; refuses what TRANSITIONS does not allow (privacy_request_transition). */
export async function transitionRequest(
  db: Db, clock: Clock,
  a: { requestId: string; to: RequestStatus; resolution: string | null; actor: Actor; source?: RequestSource | undefined; orgId?: OrgId | undefined },
): Promise<repo.RequestRow> {
  const move = async (tx: SystemTx | OrgTx) => {
    const row = await repo.getRequest(tx, a.requestId, true);
    // On the organisation's path RLS already hides another organisation's request; the filter is the second wall.
    if (!row || (a.orgId !== undefined && row.org_id !== a.orgId)) throw new NotFound();
    if (!TRANSITIONS[row.status].includes(a.to)) {
      throw new RequestTransitionInvalid(`A ${row.status} request cannot become ${a.to}`, { from: row.status, to: a.to });
    }
    if (row.type === 'erasure' && a.to === 'completed') {
      throw new RequestTransitionInvalid('An erasure request is completed by the erasure itself, not by hand', { from: row.status, to: a.to });
    }
    const now = clock.now();
    const moved = await repo.setRequestStatus(tx, row.id, a.to, a.resolution, now);
    await appendAudit(tx, {
      orgId: a.orgId ?? PLATFORM_ORG, action: 'privacy.request_status_changed', actor: a.actor, target: { type: 'privacy_request', id: row.id },
      outcome: 'allowed', source: a.source, metadata: { type: row.type, subject: row.user_id, from: row.status, to: a.to }, occurredAt: now,
    });
    return moved;
  };
  return a.orgId !== undefined ? withOrg(db, a.orgId, a.actor, move) : withSystem(db, move);
}

/** Sends the reminders and overdue alerts that are due by the clock (all open requests, or the
    ones named). Idempotent: each is sent once per request. */
export async function checkDeadlines(deps: DeadlineDeps, ids: string[] | null = null): Promise<{ reminded: number; overdue: number }> {
  const { db, clock } = deps;
  const remindMs = deps.reminderDays * DAY_MS;
  let reminded = 0;
  let overdue = 0;
  for (;;) {
    const n = await withSystem(db, async (tx) => {
      const now = clock.now();
      const due = await repo.deadlinesDue(tx, now, remindMs, ids, 50);
      for (const r of due) {
        const late = r.due_at <= now;
        const what = late ? 'is overdue' : `is due in ${Math.max(0, Math.ceil((r.due_at.getTime() - now.getTime()) / DAY_MS))} day(s)`;
        const subject = `Data-subject request ${r.id} ${what}`;
        const facts = `The ${r.type} request ${r.id} (status ${r.status}), filed ${r.created_at.toISOString()}, ${what}: its deadline is ${r.due_at.toISOString()}.\n\n`;
        await deps.alert?.(subject, facts + `List open requests: GET /v1/platform/privacy-requests. How to answer each type: docs/privacy.md.`);
        if (r.org_id) await deps.notifyOrg?.(r.org_id, subject, facts + `Your organisation's requests: GET /v1/org/privacy/requests. How to answer each type: docs/privacy.md.`);
        if (late) {
          await repo.markOverdueAlerted(tx, r.id, now);
          overdue++;
        } else {
          await repo.markReminded(tx, r.id, now);
          reminded++;
        }
        await appendAudit(tx, {
          orgId: PLATFORM_ORG, action: late ? 'privacy.request_overdue' : 'privacy.request_reminder', actor: SYSTEM,
          target: { type: 'privacy_request', id: r.id }, outcome: 'allowed', metadata: { type: r.type, dueAt: r.due_at.toISOString() }, occurredAt: now,
        });
      }
      return due.length;
    });
    if (n < 50) return { reminded, overdue };
  }
}

/** When the reminder of a request filed at `created` and due at `due` is due. */
export function reminderAt(created: Date, due: Date, reminderDays: number): Date {
  return new Date(Math.max(created.getTime(), due.getTime() - reminderDays * DAY_MS));
}
