/* Request and response schemas of the organisation routes: strict objects, bounded strings. */
import { z } from 'zod';
import { emailAddress, text } from '../lib/text.js';

const roles = z.array(text().min(1).max(100)).min(1).max(50);
const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: text().max(500).optional() });

export const createOrgBody = z.strictObject({ name: text().trim().min(1).max(200) });
export const patchOrgBody = z.strictObject({
  name: text().trim().min(1).max(200).optional(),
  settings: z.strictObject({
    sessionIdleTimeoutSeconds: z.number().int().positive().nullable().optional(),
    // The organisation's primary address for security and privacy notices (docs/incidents.md): one
    // plain address (z.email() refuses a display name, spaces and CR/LF inside it); null removes it.
    securityContactEmail: emailAddress().nullable().meta({ format: 'email' }).optional(),
  }).optional(),
});
export const userIdParams = z.strictObject({ userId: text().min(1).max(100) });
export const invitationIdParams = z.strictObject({ id: text().min(1).max(100) });
export const rolesBody = z.strictObject({ roles });
export const inviteBody = z.strictObject({ email: emailAddress(), roles });
export const acceptBody = z.strictObject({ token: text().min(1).max(200) });
export const membersQuery = listQuery;
export const invitationsQuery = listQuery;

export const org = z.object({ id: text(), name: text(), plan: text(), settings: z.record(text(), z.unknown()), createdAt: text() });
/** One of my organisations: what I need to pick one, not its settings (those need org:read). */
export const orgList = z.object({
  items: z.array(z.object({ id: text(), name: text(), roles: z.array(text()), createdAt: text() })),
  nextCursor: text().nullable(),
});
export const member = z.object({ userId: text(), email: text(), name: text().nullable(), roles: z.array(text()), joinedAt: text() });
export const memberList = z.object({ items: z.array(member), nextCursor: text().nullable() });
export const invitation = z.object({
  id: text(),
  email: text(),
  roles: z.array(text()),
  invitedBy: text().nullable(),
  createdAt: text(),
  expiresAt: text(),
});
export const invitationList = z.object({ items: z.array(invitation), nextCursor: text().nullable() });
export const accepted = z.object({ orgId: text(), roles: z.array(text()) });
export const revokedCount = z.object({ revoked: z.number().int() });
