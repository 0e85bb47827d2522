/* Request and response schemas of the vault. Names are display text only: they never reach a
   storage path (objectKey uses server ids), and still refuse separators, control characters,
   bidirectional controls and dot-names so nothing downstream (a Content-Disposition header, a
   user's download folder) can be steered by one. */
import { z } from 'zod';
import { text } from '../lib/text.js';

const id = (prefix: string) => text().regex(new RegExp(`^${prefix}_[a-z2-7]{26}$`), `a ${prefix}_ id`);
export const collectionId = id('col');
export const fileId = id('fil');
export const userId = text().min(1).max(100);

export const fileName = text().min(1).max(255)
  .refine((s) => !/[\u0000-\u001f\u007f/\\]/.test(s), 'no control characters, "/" or "\\"')
  // Bidirectional controls would let "invoice\u202Efdp.exe" display as "invoiceexe.pdf" (ASVS V5.4.2).
  .refine((s) => !/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(s), 'no bidirectional control characters')
  .refine((s) => s !== '.' && s !== '..' && s.trim() === s && s.length > 0, 'not "." or "..", no leading or trailing spaces');
export const contentType = text().max(127).transform((s) => s.toLowerCase())
  .pipe(text().regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}(; ?charset=[a-z0-9_-]{1,40})?$/, 'a media type, e.g. image/jpeg'));

export const collectionParams = z.strictObject({ collectionId });
export const fileParams = z.strictObject({ collectionId, fileId });
export const memberParams = z.strictObject({ collectionId, userId });
export const objectParams = z.strictObject({ fileId });

export const createCollectionBody = z.strictObject({ name: text().trim().min(1).max(200) });
export const setMemberBody = z.strictObject({ role: z.enum(['owner', 'editor', 'reader']) });
export const createFileBody = z.strictObject({
  name: fileName,
  contentType,
  /** Exact size in bytes; the upload must send exactly this many. */
  size: z.number().int().min(0),
  /** Tenant evidence (DLP-4): may hold government IDs or bank details; never card data. */
  evidence: z.boolean().optional(),
});
export const legalHoldBody = z.strictObject({ hold: z.boolean() });
export const settingsBody = z.strictObject({ retentionDays: z.number().int().min(1).max(36500) });
export const signedQuery = z.strictObject({
  org: text().min(1).max(64),
  expires: z.coerce.number().int().min(0).max(2 ** 40),
  signature: text().min(1).max(128),
});

export const collection = z.object({ id: text(), name: text(), files: z.number(), createdBy: text().nullable(), createdAt: text() });
export const collectionList = z.object({ items: z.array(collection) });
export const member = z.object({ userId: text(), role: text(), grantedBy: text().nullable(), createdAt: text() });
export const memberList = z.object({ items: z.array(member) });
export const file = z.object({
  id: text(), collectionId: text(), name: text(), contentType: text(), size: z.number(),
  status: z.enum(['pending', 'uploading', 'stored']), sha256: text().nullable(), evidence: z.boolean(), legalHold: z.boolean(),
  createdBy: text().nullable(), createdAt: text(), storedAt: text().nullable(),
});
export const fileList = z.object({ items: z.array(file) });
export const signedUrl = z.object({ url: text(), method: z.enum(['GET', 'PUT']), expiresAt: text() });
export const createdUpload = z.object({ file, upload: signedUrl.extend({ headers: z.object({ 'content-type': text() }) }) });
export const settings = z.object({ retentionDays: z.number(), isDefault: z.boolean() });

/** RFC 9457 problem+json, as src/http/error-handler.ts writes it (declared so the OpenAPI document
    lists each route's real refusals). */
export const problem = z.looseObject({ type: text(), title: text(), status: z.number(), detail: text().optional(), code: text(), requestId: text().optional() })
  .describe('RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md)');

/** The refusals every org route may give (validation, authentication, permission, not found). */
export function problems(...statuses: number[]): Record<number, typeof problem> {
  return Object.fromEntries([400, 401, 403, ...statuses].map((s) => [s, problem]));
}
