/* Request and response schemas of the incident routes (IR-1). */
import { z } from 'zod';
import { text } from '../lib/text.js';

export const incidentId = text().regex(/^inc_[a-z2-7]{26}$/, 'an inc_ id');
export const incidentParams = z.strictObject({ incidentId });
const time = text().datetime({ offset: true }).describe('RFC 3339 date-time');
const fact = (max: number) => text().trim().min(1).max(max);
const categories = z.array(text().trim().min(1).max(200)).min(1).max(50);
const auditAction = text().regex(/^[a-z][a-z0-9_.]{0,100}$/, 'an audit action (e.g. vault.file.download)');
const subject = text().regex(/^[a-z]{2,5}_[a-z2-7]{1,64}$/, 'an id (usr_…, key_…)');

export const declareBody = z.strictObject({
  nature: fact(2000).describe('What happened: the nature of the breach'),
  dataCategories: categories.describe('Categories of personal data concerned'),
  cause: fact(2000).optional(),
  remediation: fact(2000).describe('What was done, or is being done, to contain it and protect the people concerned'),
  discoveredAt: time,
  confirmedAt: time.optional().describe('Absent: a suspected incident; its 72-hour clock starts at POST …/confirm'),
  window: z.strictObject({ from: time, to: time }).describe('The time the breach may have exposed records in'),
  actions: z.array(auditAction).max(50).optional().describe('Audit actions whose records in the window were exposed'),
  subjects: z.array(subject).max(500).optional().describe('Actor or target ids whose records in the window were exposed'),
});
export const confirmBody = z.strictObject({ confirmedAt: time.optional().describe('Default: now') });
export const updateBody = z.strictObject({
  nature: fact(2000).optional(),
  dataCategories: categories.optional(),
  cause: fact(2000).nullable().optional(),
  remediation: fact(2000).optional(),
});
export const notifyBody = z.strictObject({ regulator: fact(500).optional().describe('The supervisory authority notified, with its reference') });
export const regulatorBody = z.strictObject({ regulator: fact(500), notifiedAt: time.optional().describe('Default: now') });
export const closeBody = z.strictObject({ closure: fact(2000).describe('How the incident ended (or why it was not a breach)') });

const status = z.enum(['suspected', 'confirmed', 'notified', 'closed']);
export const incidentView = z.object({
  id: text(), status, nature: text(), dataCategories: z.array(text()), cause: text().nullable(), remediation: text(),
  discoveredAt: text(), confirmedAt: text().nullable(), deadlineAt: text().nullable(), notifiedAt: text().nullable(),
  regulator: text().nullable(), regulatorNotifiedAt: text().nullable(), updatedAt: text().nullable(), closedAt: text().nullable(), closure: text().nullable(),
  window: z.object({ from: text(), to: text() }), actions: z.array(text()), subjects: z.array(text()),
  affected: z.array(z.object({ orgId: text(), records: z.number(), notifiedAt: text().nullable() })),
});
export const incidentList = z.object({ items: z.array(incidentView) });

export const orgIncidentView = z.object({
  id: text(), status: z.enum(['confirmed', 'notified', 'closed']),
  nature: text(), dataCategories: z.array(text()), records: z.number().describe('Records of this organisation concerned'), remediation: text(), cause: text().nullable(),
  discoveredAt: text(), confirmedAt: text(), deadlineAt: text(), updatedAt: text().nullable(), closedAt: text().nullable(),
  notice: z.object({ sentAt: text(), recipients: z.number() }).nullable(),
});
export const orgIncidentList = z.object({ items: z.array(orgIncidentView) });

/** RFC 9457 problem+json, as src/http/error-handler.ts writes it. */
export const problem = z.looseObject({ type: text(), title: text(), status: z.number(), detail: text().optional(), code: text(), requestId: text().optional() })
  .describe('RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md)');

export function problems(...statuses: number[]): Record<number, typeof problem> {
  return Object.fromEntries([400, 401, 403, ...statuses].map((s) => [s, problem]));
}
