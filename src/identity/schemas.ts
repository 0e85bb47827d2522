/* Request and response schemas of the identity routes: strict objects (unknown fields are a
   400), bounded strings. Password fields are bounded far above the policy maximum only to cap
   the work an oversized body could cause; the policy gives the precise answer. */
import { z } from 'zod';

export const email = z.string().trim().min(3).max(254).pipe(z.email());
const password = z.string().min(1).max(4096);
const oneTimeToken = z.string().min(1).max(200);

export const signUpBody = z.strictObject({ email, password, name: z.string().trim().min(1).max(200).optional() });
export const verifyEmailBody = z.strictObject({ token: oneTimeToken });
export const signInBody = z.strictObject({ email, password });
export const forgotBody = z.strictObject({ email });
export const resetBody = z.strictObject({ token: oneTimeToken, password });
export const changeBody = z.strictObject({ currentPassword: password, newPassword: password });
export const activeOrgBody = z.strictObject({ orgId: z.string().min(1).max(100) });
export const sessionIdParams = z.strictObject({ id: z.string().min(1).max(100) });

export const checkEmail = z.object({ status: z.literal('check_email') });
export const publicUser = z.object({ id: z.string(), email: z.string(), name: z.string().nullable() });
export const signInResponse = z.object({ user: publicUser, csrfToken: z.string(), next: z.literal('mfa').optional() });
export const meResponse = z.object({
  user: publicUser,
  memberships: z.array(z.object({ orgId: z.string(), name: z.string(), roles: z.array(z.string()) })),
  activeOrgId: z.string().nullable(),
  csrfToken: z.string(),
});
export const sessionItem = z.object({
  id: z.string(),
  current: z.boolean(),
  activeOrgId: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export const sessionList = z.object({ items: z.array(sessionItem), nextCursor: z.string().nullable() });
export const revokedCount = z.object({ revoked: z.number().int() });
export const jwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });
export const outboxQuery = z.strictObject({ to: email, limit: z.coerce.number().int().min(1).max(100).default(20) });
export const outboxList = z.object({
  items: z.array(z.object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), createdAt: z.string() })),
});
