/* Rights requests on their clock (PRIV-3): the operator moves them through their states, and
   the deadline jobs remind before the deadline and alert when one is overdue. Claims PRIV-3.

   States: open → in_progress → completed | rejected (open may close directly). A closed request
   stays closed. An erasure request is completed only by the erasure itself (erasure.ts): an
   operator may take it in hand or reject it (with the reason, e.g. a legal hold), never mark it
   done while the person's data is still there. Who moves requests: a platform super-admin (the
   operator answering data-subject requests); every transition is an audit record naming the
   actor, the old and the new status.

   Deadlines: filing a request enqueues two jobs (privacy.request_deadline) — at the reminder
   time (PALISADE_PRIVACY_REMINDER_DAYS before the deadline) and at the deadline — and an hourly
   schedule sweeps all open requests the same way, so a lost job or a node down at the time
   delays a reminder by an hour at most. Both run checkDeadlines, which acts by the clock: the
   reminder once (reminded_at), the overdue alert once (overdue_alerted_at), each row locked for
   the run (another node skips it), the mail sent before the mark commits (at least once). The
   mail goes to the platform's super-admins and names the request, its type and its deadline —
   never the person's words or address. */
import { appendAudit, PLATFORM_ORG, type RequestSource } from '../audit/index.js';
import { withSystem, type Actor, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import { RequestTransitionInvalid } from './errors.js';
import * as repo from './repo.js';

export type RequestStatus = repo.RequestRow['status'];

/** The states a request may move to from each state. */
export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  open: ['in_progress', 'completed', 'rejected'],
  in_progress: ['completed', 'rejected'],
  completed: [],
  rejected: [],
};

export interface DeadlineDeps {
  db: Db;
  clock: Clock;
  reminderDays: number;
  /** Mails the platform's super-admins. */
  alert?: ((subject: string, text: string) => Promise<void>) | undefined;
}

const SYSTEM: Actor = { type: 'system', id: 'privacy' };
const DAY_MS = 86400_000;

/** Moves a request; refuses what TRANSITIONS does not allow (privacy_request_transition). */
export async function transitionRequest(
  db: Db, clock: Clock,
  a: { requestId: string; to: RequestStatus; resolution: string | null; actor: Actor; source?: RequestSource | undefined },
): Promise<repo.RequestRow> {
  return withSystem(db, async (tx) => {
    const row = await repo.getRequest(tx, a.requestId, true);
    if (!row) throw new NotFound();
    if (!TRANSITIONS[row.status].includes(a.to)) {
      throw new RequestTransitionInvalid(`A ${row.status} request cannot become ${a.to}`, { from: row.status, to: a.to });
    }
    if (row.type === 'erasure' && a.to === 'completed') {
      throw new RequestTransitionInvalid('An erasure request is completed by the erasure itself, not by hand', { from: row.status, to: a.to });
    }
    const now = clock.now();
    const moved = await repo.setRequestStatus(tx, row.id, a.to, a.resolution, now);
    await appendAudit(tx, {
      orgId: PLATFORM_ORG, action: 'privacy.request_status_changed', actor: a.actor, target: { type: 'privacy_request', id: row.id },
      outcome: 'allowed', source: a.source, metadata: { type: row.type, subject: row.user_id, from: row.status, to: a.to }, occurredAt: now,
    });
    return moved;
  });
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
        await deps.alert?.(
          `Data-subject request ${r.id} ${what}`,
          `The ${r.type} request ${r.id} (status ${r.status}), filed ${r.created_at.toISOString()}, ${what}: its deadline is ${r.due_at.toISOString()}.\n\n` +
          `List open requests: GET /v1/platform/privacy-requests. How to answer each type: docs/privacy.md.`,
        );
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
