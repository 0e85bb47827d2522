/* Response schemas of the backup routes (GET · POST /v1/platform/backups). Response schemas drop
   unknown fields, so nothing but these leaves: no recipient keys, no store paths. */
import { z } from 'zod';
import { text } from '../lib/text.js';

const time = text().describe('RFC 3339 date-time');
const check = z.object({ at: time, ok: z.boolean() });

export const backupView = z.object({
  id: text(),
  status: z.enum(['complete', 'incomplete']).describe('incomplete: the encrypted file has no manifest (a backup being written, or one that failed)'),
  createdAt: time.nullable(),
  finishedAt: time.nullable(),
  sizeBytes: z.number().describe('Size of the encrypted file'),
  sha256: text().nullable().describe('SHA-256 of the encrypted file (hex), from its manifest'),
  plaintextBytes: z.number().nullable(),
  schemaVersion: text().nullable(),
  palisadeVersion: text().nullable(),
  tables: z.number().nullable(),
  auditEvents: z.number().nullable(),
  recipients: z.number().nullable().describe('How many age recipients can open it'),
  verified: check.extend({ level: text().nullable() }).nullable().describe('The latest `palisade backup verify` of it'),
  drill: check.nullable().describe('The latest restore drill of it'),
});

export const requestView = z.object({
  id: text().describe('The id of the backup the request writes'),
  status: z.enum(['queued', 'running', 'complete', 'failed', 'abandoned']),
  requestedAt: time,
  startedAt: time.nullable(),
  finishedAt: time.nullable(),
});

export const backupList = z.object({
  configured: z.boolean().describe('false: no backup recipients or owner connection are configured, so nothing is listed or taken'),
  items: z.array(backupView),
  request: requestView.nullable().describe('The latest request to back up now'),
});

export const requestAccepted = z.object({
  request: requestView,
  existing: z.boolean().describe('true: a request was already queued or running; this is that one'),
});

/** RFC 9457 problem+json, as src/http/error-handler.ts writes it. */
export const problem = z.looseObject({ type: text(), title: text(), status: z.number(), detail: text().optional(), code: text(), requestId: text().optional() })
  .describe('RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md)');

export function problems(...statuses: number[]): Record<number, typeof problem> {
  return Object.fromEntries([400, 401, 403, ...statuses].map((s) => [s, problem]));
}
