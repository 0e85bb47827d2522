/* Request and response schemas of single sign-on. */
import { z } from 'zod';
import { text } from '../../lib/text.js';

const domain = text().trim().toLowerCase().min(3).max(253).regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain name');

export const connectionBody = z.strictObject({
  provider: z.enum(['google', 'microsoft', 'generic']),
  tenantId: text().min(1).max(100).optional(),
  issuer: text().url().max(500).optional(),
  clientId: text().min(1).max(500),
  clientSecret: text().min(1).max(2000).optional(),
  defaultRole: z.enum(['viewer', 'operator']).default('viewer'),
  ssoRequired: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export const domainBody = z.strictObject({ domain });
export const domainParams = z.strictObject({ domain });
export const startQuery = z.strictObject({ email: text().trim().min(3).max(254).pipe(z.email()) });
export const callbackQuery = z.object({
  code: text().max(4096).optional(),
  state: text().max(500).optional(),
  iss: text().max(500).optional(),
  error: text().max(200).optional(),
  error_description: text().max(1000).optional(),
  session_state: text().max(500).optional(),
});

const domainItem = z.object({ domain: text(), verified: z.boolean(), txtName: text(), txtValue: text() });
export const domainView = domainItem;
export const connection = z.object({
  provider: text(),
  issuer: text(),
  clientId: text(),
  clientSecretSet: z.literal(true),
  defaultRole: text(),
  ssoRequired: z.boolean(),
  enabled: z.boolean(),
  updatedAt: text(),
  domains: z.array(domainItem),
});

/** RFC 9457 problem+json, as src/http/error-handler.ts writes it (declared so the OpenAPI document
    lists each route's real refusals). */
export const problem = z.looseObject({ type: text(), title: text(), status: z.number(), detail: text().optional(), code: text(), requestId: text().optional() })
  .describe('RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md)');

/** The refusals a route may give beyond those every route of its kind gives. */
export function problems(...statuses: number[]): Record<number, typeof problem> {
  return Object.fromEntries(statuses.map((s) => [s, problem]));
}
