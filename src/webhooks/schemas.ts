/* Request and response schemas of the webhooks module. */
import { z } from 'zod';
import { text } from '../lib/text.js';

/** RFC 9457 problem+json, as src/http/error-handler.ts writes it. */
export const problem = z.looseObject({ type: text(), title: text(), status: z.number(), detail: text().optional(), code: text(), requestId: text().optional() })
  .describe('RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md)');

/** The refusals a route may give, by status. */
export function problemsOf(...statuses: number[]): Record<number, typeof problem> {
  return Object.fromEntries(statuses.map((s) => [s, problem]));
}

/** The refusals every org route may give (validation, authentication, permission) and more. */
export function problems(...statuses: number[]): Record<number, typeof problem> {
  return problemsOf(400, 401, 403, ...statuses);
}

export const rawJson = z.unknown().meta({ description: 'The event exactly as the sender signed it (raw bytes are verified before parsing)' });

export const stripeReceipt = z.object({
  received: z.literal(true),
  eventId: text(),
  duplicate: z.boolean().describe('true: this event id was already recorded; nothing was done again'),
  outcome: z.enum(['applied', 'ignored', 'unmatched', 'stale']).nullable(),
});
