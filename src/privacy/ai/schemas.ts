/* Request and response schemas of consent, minors and the AI egress routes. */
import { z } from 'zod';
import { text } from '../../lib/text.js';

export { problem, problems } from '../schemas.js';

export const policyVersion = text().trim().min(1).max(100).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces, e.g. 2026-06 or v3');
export const userId = text().min(1).max(100);
export const userParams = z.strictObject({ userId });

export const grantBody = z.strictObject({
  /** The version of the AI policy the admin agrees to (the organisation's own document). */
  policyVersion,
});
export const policyBody = z.strictObject({
  /** May data about minors reach the AI provider at all (each minor also needs a recorded consent)? */
  minorData: z.boolean(),
});

const entry = z.object({
  id: text(),
  flow: z.enum(['ai', 'ai_minor_data']),
  subject: text().nullable(),
  action: z.enum(['granted', 'withdrawn']),
  policyVersion: text().nullable(),
  actor: z.object({ type: text(), id: text().nullable() }),
  recordedAt: text(),
});
export const ledger = z.object({ items: z.array(entry) });
export const consentState = z.object({
  enabled: z.boolean(),
  policyVersion: text().nullable(),
  since: text().nullable(),
  minorData: z.boolean(),
  history: z.array(entry),
});

export const minorView = z.object({
  userId: text(),
  markedAt: text(),
  markedBy: text().nullable(),
  aiConsent: z.object({ policyVersion: text(), recordedAt: text() }).nullable(),
});
export const minorList = z.object({ items: z.array(minorView) });

export const completeBody = z.strictObject({
  /** The text to send. Credentials, card and bank numbers and people's data are removed first. */
  prompt: text().min(1).max(32_000),
  system: text().min(1).max(8_000).optional(),
  /** Members the operation is about (their name and address are kept); a minor needs policy and consent. */
  about: z.array(userId).max(20).optional(),
  maxTokens: z.number().int().min(1).max(8192).optional(),
});
export const completion = z.object({
  text: text(),
  model: text(),
  redactions: z.object({ total: z.number(), categories: z.record(text(), z.number()) }),
});
