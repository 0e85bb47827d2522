/* Request and response schemas of the second-factor routes: strict objects, bounded strings. */
import { z } from 'zod';
import { text } from '../../lib/text.js';
import { publicUser } from '../schemas.js';

const totpCode = text().trim().min(1).max(16);
const recoveryCode = text().trim().min(1).max(40);

export const codeBody = z.strictObject({ code: totpCode });
export const verifyBody = z.union([z.strictObject({ code: totpCode }), z.strictObject({ recoveryCode })]);
export const stepUpBody = z.union([z.strictObject({ code: totpCode }), z.strictObject({ recoveryCode }), z.strictObject({ password: text().min(1).max(4096) })]);
export const policyBody = z.strictObject({ requireMfa: z.boolean() });

export const status = z.object({
  totp: z.object({ enabled: z.boolean(), pending: z.boolean() }),
  passkeys: z.number().int(),
  recoveryCodesLeft: z.number().int(),
  requiredByOrg: z.boolean(),
});
export const totpEnrolment = z.object({ secret: text(), otpauthUri: text(), qrSvg: text() });
export const recoveryCodes = z.object({ recoveryCodes: z.array(text()) });
export const confirmed = z.object({ recoveryCodes: z.array(text()), user: publicUser.optional(), csrfToken: text().optional() });
export const signedIn = z.object({ user: publicUser, csrfToken: text() });
export const policy = z.object({ requireMfa: z.boolean(), updatedAt: text().nullable() });
export const pendingStep = z.object({ step: z.enum(['mfa', 'mfa_enrol']), csrfToken: text() });

/** RFC 9457 problem+json, as src/http/error-handler.ts writes it (declared so the OpenAPI document
    lists a route's refusals beyond those every route of its kind gives). */
export const problem = z.looseObject({ type: text(), title: text(), status: z.number(), detail: text().optional(), code: text(), requestId: text().optional() })
  .describe('RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md)');
