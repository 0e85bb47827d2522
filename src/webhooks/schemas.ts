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

// ---- outbound endpoints
const eventType = text().regex(/^(\*|audit\.\*|alert\.\*|incident\.\*|audit\.[a-z][a-z0-9_.]{0,100}|alert\.raised|incident\.notice)$/, 'an event type: audit.<action>, audit.*, alert.raised, alert.*, incident.notice, incident.* or *');
export const endpointId = text().regex(/^whe_[a-z2-7]{26}$/, 'a whe_ id');
export const deliveryId = text().regex(/^msg_[a-z2-7]{26}$/, 'a msg_ id');
export const endpointParams = z.strictObject({ endpointId });
export const deliveryParams = z.strictObject({ endpointId, deliveryId });
export const createEndpointBody = z.strictObject({
  url: text().min(8).max(2000).describe('http(s) URL of the receiver; refused (422 outbound_blocked) if it names a non-public address'),
  description: text().max(500).optional(),
  eventTypes: z.array(eventType).min(1).max(50),
});
export const updateEndpointBody = z.strictObject({
  url: text().min(8).max(2000).optional(),
  description: text().max(500).optional(),
  eventTypes: z.array(eventType).min(1).max(50).optional(),
  status: z.enum(['active', 'disabled']).optional().describe('active re-enables a disabled endpoint (its failure count restarts)'),
});
export const rotateBody = z.strictObject({ overlapSeconds: z.number().int().min(0).max(7 * 86400).optional() });
export const endpoint = z.object({
  id: text(), url: text(), description: text(), eventTypes: z.array(text()), status: z.enum(['active', 'disabled']),
  disabledReason: text().nullable(), failureStreak: z.number(), rotationEndsAt: text().nullable(), createdAt: text(), updatedAt: text(),
});
export const endpointList = z.object({ items: z.array(endpoint) });
export const endpointWithSecret = z.object({ endpoint, secret: text().describe('The whsec_ signing secret: shown this once, never again') });
export const delivery = z.object({
  id: text(), endpointId: text(), eventType: text(), status: z.enum(['pending', 'succeeded', 'failed']), attempts: z.number(),
  nextAttemptAt: text().nullable(), lastStatus: z.number().nullable(), lastError: text().nullable(), createdAt: text(), finishedAt: text().nullable(),
  log: z.array(z.object({ attempt: z.number(), at: text(), statusCode: z.number().nullable(), error: text().nullable(), durationMs: z.number() })),
});
export const deliveryList = z.object({ items: z.array(delivery) });

// ---- signed agents (WH-3)
export const agentId = text().regex(/^agt_[a-z2-7]{26}$/, 'an agt_ id');
export const agentParams = z.strictObject({ agentId });
export const registerAgentBody = z.strictObject({
  name: text().trim().min(1).max(200),
  publicKey: text().min(43).max(400).describe('Ed25519 public key: its 32 raw bytes in base64 or base64url, or an SPKI PEM'),
});
export const agent = z.object({
  id: text(), name: text(), status: z.enum(['active', 'revoked']), publicKey: text(), createdAt: text(), revokedAt: text().nullable(), lastSeenAt: text().nullable(),
});
export const agentList = z.object({ items: z.array(agent) });
export const agentReceipt = z.object({ accepted: z.literal(true), agentId: text(), eventId: text() });
