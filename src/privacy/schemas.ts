/* Request and response schemas of the privacy routes. */
import { z } from 'zod';
import { text } from '../lib/text.js';

const id = (prefix: string) => text().regex(new RegExp(`^${prefix}_[a-z2-7]{26}$`), `a ${prefix}_ id`);
export const exportId = id('pex');
export const userId = text().min(1).max(100);

export const exportParams = z.strictObject({ exportId });
export const memberParams = z.strictObject({ userId });
export const signedQuery = z.strictObject({
  expires: z.coerce.number().int().min(0).max(2 ** 40),
  signature: text().min(1).max(128),
});

export const exportView = z.object({
  id: text(),
  subject: text(),
  scope: z.enum(['self', 'organisation']),
  status: z.enum(['pending', 'ready', 'downloaded', 'failed']),
  records: z.number().nullable(),
  size: z.number().nullable(),
  sha256: text().nullable(),
  createdAt: text(),
  readyAt: text().nullable(),
  expiresAt: text(),
  downloadedAt: text().nullable(),
  download: z.object({ url: text(), expiresAt: text() }).nullable(),
});

/** RFC 9457 problem+json, as src/http/error-handler.ts writes it. */
export const problem = z.looseObject({ type: text(), title: text(), status: z.number(), detail: text().optional(), code: text(), requestId: text().optional() })
  .describe('RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md)');

export function problems(...statuses: number[]): Record<number, typeof problem> {
  return Object.fromEntries([400, 401, 403, ...statuses].map((s) => [s, problem]));
}

export const fileRequestBody = z.strictObject({
  type: z.enum(['access', 'rectification', 'erasure', 'restriction', 'objection', 'consent_withdrawal']),
  /** What the person asks for, in their words (cleared by erasure). */
  details: text().trim().max(2000).optional(),
});
export const requestView = z.object({
  id: text(),
  type: text(),
  status: z.enum(['open', 'in_progress', 'completed', 'rejected', 'withdrawn']),
  details: text().nullable(),
  resolution: text().nullable(),
  createdAt: text(),
  dueAt: text(),
  closedAt: text().nullable(),
});
export const requestList = z.object({ items: z.array(requestView) });

export const requestId = id('prq');
export const requestParams = z.strictObject({ requestId });
export const operatorRequestView = requestView.extend({ subject: text(), remindedAt: text().nullable(), overdueAlertedAt: text().nullable() });
export const operatorRequestList = z.object({ items: z.array(operatorRequestView) });
export const transitionBody = z.strictObject({
  status: z.enum(['in_progress', 'completed', 'rejected']),
  /** What was done, or why it was refused: the person reads it (GET /v1/me/privacy-requests). */
  resolution: text().trim().min(1).max(2000),
});

/** An erasure request: the person's own (POST /v1/me/erasure) or an admin's for a member. */
export const erasureBody = z.strictObject({
  /** Why, in the requester's words (cleared by the erasure). */
  details: text().trim().max(2000).optional(),
});
/** A request an organisation files for a member (e.g. received by mail). An erasure is filed
    through POST /v1/org/members/{userId}/erasure, which needs privacy:erase. */
export const orgFileRequestBody = z.strictObject({
  userId,
  type: z.enum(['access', 'rectification', 'restriction', 'objection', 'consent_withdrawal']),
  details: text().trim().max(2000).optional(),
});
