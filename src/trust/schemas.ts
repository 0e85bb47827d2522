/* Response schemas of the trust routes (OpenAPI documentation; the report is built in
   service.ts and sent pre-serialized). */
import { z } from 'zod';
import { text } from '../lib/text.js';

export const problem = z.looseObject({ type: text(), title: text(), status: z.number(), detail: text().optional(), code: text(), requestId: text().optional() })
  .describe('RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md)');

const status = z.enum(['verified', 'not_yet', 'in_force', 'not_in_force', 'declared', 'not_declared']);
const declaration = z.object({
  id: text(), category: text(), claimId: text().nullable(), title: text(), detail: text(), url: text().nullable(),
  dated: text(), validUntil: text().nullable(), declaredAt: text(), lapsed: z.boolean(),
});

export const trustReport = z.object({
  generatedAt: text(),
  source: z.object({ hash: text(), files: z.number() }),
  evidence: z.object({ state: z.enum(['bound', 'missing', 'tampered', 'source_differs']), file: text().nullable(), finishedAt: text().nullable(), summary: text() }),
  counts: z.record(status, z.number()),
  claims: z.array(z.object({
    id: text(), kind: z.enum(['verified', 'configured', 'declared']), summary: text(), status,
    tests: z.array(z.object({ name: text(), passed: z.boolean() })),
    check: z.object({ inForce: z.boolean(), detail: text() }).nullable(),
    declaration: declaration.nullable(),
  })),
  declarations: z.array(declaration),
  residency: text().nullable(),
  subprocessors: z.array(z.object({ name: text(), purpose: text(), location: text() })).nullable(),
  security: z.object({
    published: z.boolean(), url: text(), contact: z.array(text()), expires: text().nullable(), policy: text().nullable(),
    acknowledgementDays: z.number(), warning: text().nullable(),
  }),
}).describe('The trust report: every claim with its status and the evidence, live check or declaration behind it (docs/trust.md)');
