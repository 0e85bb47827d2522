/* Request and response schemas of the second-factor routes: strict objects, bounded strings. */
import { z } from 'zod';
import { publicUser } from '../schemas.js';

const totpCode = z.string().trim().min(1).max(16);
const recoveryCode = z.string().trim().min(1).max(40);

export const codeBody = z.strictObject({ code: totpCode });
export const verifyBody = z.union([z.strictObject({ code: totpCode }), z.strictObject({ recoveryCode })]);
export const stepUpBody = z.union([z.strictObject({ code: totpCode }), z.strictObject({ recoveryCode }), z.strictObject({ password: z.string().min(1).max(4096) })]);
export const policyBody = z.strictObject({ requireMfa: z.boolean() });

export const status = z.object({
  totp: z.object({ enabled: z.boolean(), pending: z.boolean() }),
  recoveryCodesLeft: z.number().int(),
  requiredByOrg: z.boolean(),
});
export const totpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export const confirmed = z.object({ recoveryCodes: z.array(z.string()), user: publicUser.optional(), csrfToken: z.string().optional() });
export const signedIn = z.object({ user: publicUser, csrfToken: z.string() });
export const policy = z.object({ requireMfa: z.boolean(), updatedAt: z.string().nullable() });
