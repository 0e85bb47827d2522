/* Request and response schemas of the organisation routes: strict objects, bounded strings. */
import { z } from 'zod';

const roles = z.array(z.string().min(1).max(100)).min(1).max(50);
const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(500).optional() });

export const createOrgBody = z.strictObject({ name: z.string().trim().min(1).max(200) });
export const patchOrgBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  settings: z.strictObject({ sessionIdleTimeoutSeconds: z.number().int().positive().nullable().optional() }).optional(),
});
export const userIdParams = z.strictObject({ userId: z.string().min(1).max(100) });
export const invitationIdParams = z.strictObject({ id: z.string().min(1).max(100) });
export const rolesBody = z.strictObject({ roles });
export const inviteBody = z.strictObject({ email: z.string().trim().min(3).max(254).pipe(z.email()), roles });
export const acceptBody = z.strictObject({ token: z.string().min(1).max(200) });
export const membersQuery = listQuery;
export const invitationsQuery = listQuery;

export const org = z.object({ id: z.string(), name: z.string(), plan: z.string(), settings: z.record(z.string(), z.unknown()), createdAt: z.string() });
/** One of my organisations: what I need to pick one, not its settings (those need org:read). */
export const orgList = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()), createdAt: z.string() })),
  nextCursor: z.string().nullable(),
});
export const member = z.object({ userId: z.string(), email: z.string(), name: z.string().nullable(), roles: z.array(z.string()), joinedAt: z.string() });
export const memberList = z.object({ items: z.array(member), nextCursor: z.string().nullable() });
export const invitation = z.object({
  id: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export const invitationList = z.object({ items: z.array(invitation), nextCursor: z.string().nullable() });
export const accepted = z.object({ orgId: z.string(), roles: z.array(z.string()) });
export const revokedCount = z.object({ revoked: z.number().int() });
