/* Request and response schemas of the identity routes: strict objects (unknown fields are a
   400), bounded strings. Password fields are bounded far above the policy maximum only to cap
   the work an oversized body could cause; the policy gives the precise answer. */
import { z } from 'zod';
import { emailAddress, text } from '../lib/text.js';

export const email = emailAddress();
const password = text().min(1).max(4096);
const oneTimeToken = text().min(1).max(200);

export const signUpBody = z.strictObject({ email, password, name: text().trim().min(1).max(200).optional() });
export const verifyEmailBody = z.strictObject({ token: oneTimeToken });
export const unlockBody = z.strictObject({ token: oneTimeToken });
export const signInBody = z.strictObject({ email, password });
export const forgotBody = z.strictObject({ email });
export const resetBody = z.strictObject({ token: oneTimeToken, password });
export const changeBody = z.strictObject({ currentPassword: password, newPassword: password });
export const activeOrgBody = z.strictObject({ orgId: text().min(1).max(100) });
export const sessionIdParams = z.strictObject({ id: text().min(1).max(100) });

export const checkEmail = z.object({ status: z.literal('check_email') });
export const publicUser = z.object({ id: text(), email: text(), name: text().nullable() });
export const signInResponse = z.object({ user: publicUser, csrfToken: text(), next: z.enum(['mfa', 'mfa_enrol']).optional() });
export const meResponse = z.object({
  user: publicUser,
  memberships: z.array(z.object({ orgId: text(), name: text(), roles: z.array(text()) })),
  activeOrgId: text().nullable(),
  csrfToken: text(),
});
export const sessionItem = z.object({
  id: text(),
  current: z.boolean(),
  activeOrgId: text().nullable(),
  createdAt: text(),
  lastSeenAt: text(),
  expiresAt: text(),
  ip: text().nullable(),
  userAgent: text().nullable(),
});
export const sessionList = z.object({ items: z.array(sessionItem), nextCursor: text().nullable() });
export const revokedCount = z.object({ revoked: z.number().int() });
export const jwks = z.object({ keys: z.array(z.record(text(), z.unknown())) });
export const outboxQuery = z.strictObject({
  to: email,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Only mail kept after this message (its id). */
  after: text().regex(/^mail_[a-z2-7]{1,64}$/).optional(),
  /** Seconds to wait for a message when none matches yet (long poll); 0 answers at once. */
  wait: z.coerce.number().int().min(0).max(60).default(0),
});
export const outboxList = z.object({
  items: z.array(z.object({ id: text(), to: text(), subject: text(), text: text(), createdAt: text() })),
});
