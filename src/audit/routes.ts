/* HTTP surface of the audit log and alerts (docs/api.md "Audit and alerts"). Thin: parse,
   take the organisation and actor from the authenticated principal (never from the request,
   TEN-1), call the service, shape the reply. Every org route here is itself audited by the
   service. Claims AUD-1, AUD-2, AUD-3, AUD-5. */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { text } from '../lib/text.js';
import { requireCaller } from '../lib/caller.js';
import type { Alerting } from './alerts.js';
import type { AuditService, ReadContext } from './service.js';

export interface AuditRoutesOptions {
  service: AuditService;
  alerting: Alerting;
}

const ctxOf = (request: FastifyRequest): ReadContext => requireCaller(request);

const rfc3339 = text().datetime({ offset: true });
const limit = z.coerce.number().int().min(1).max(200).default(50);
const cursor = text().max(500).optional();
const treeSize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const eventFilters = {
  actorType: z.enum(['user', 'api_key', 'system', 'super_admin', 'anonymous', 'agent']).optional(),
  actorId: text().max(200).optional(),
  action: text().max(100).optional(),
  actionPrefix: text().max(100).optional(),
  targetType: text().max(100).optional(),
  targetId: text().max(200).optional(),
  outcome: z.enum(['allowed', 'denied', 'failed']).optional(),
  from: rfc3339.optional(),
  to: rfc3339.optional(),
};

const recordSchema = z.object({
  id: text(),
  orgId: text(),
  occurredAt: text(),
  action: text(),
  actor: z.object({ type: text(), id: text().nullable() }),
  target: z.object({ type: text().nullable(), id: text().nullable() }).nullable(),
  outcome: text(),
  denyLayer: text().nullable(),
  source: z.object({ ip: text().nullable(), userAgent: text().nullable(), requestId: text().nullable() }),
  reason: text().nullable(),
  metadata: z.record(text(), z.unknown()),
});

const alertSchema = z.object({
  id: text(),
  detector: text(),
  severity: text(),
  subject: text(),
  summary: text(),
  details: z.record(text(), z.unknown()),
  eventIds: z.array(text()),
  raisedAt: text(),
  notifiedAt: text().nullable(),
  status: text(),
  statusChangedBy: text().nullable(),
  statusChangedAt: text().nullable(),
});

const TEXT = 'text/plain; charset=utf-8';
const read = { access: 'org', permission: 'audit:read' } as const;

export async function auditRoutes(app: FastifyInstance, opts: AuditRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service, alerting } = opts;

  r.get('/v1/org/audit/events', {
    config: read,
    schema: {
      summary: 'Audit records of the organisation, newest first, filtered and paginated',
      tags: ['audit'],
      querystring: z.strictObject({ limit, cursor, ...eventFilters }),
      response: { 200: z.object({ items: z.array(recordSchema.extend({ leafIndex: z.number().nullable() })), nextCursor: text().nullable() }) },
    },
  }, async (request) => {
    const { limit: l, cursor: c, ...filters } = request.query;
    return service.listEvents(ctxOf(request), filters, { limit: l, cursor: c });
  });

  r.get('/v1/org/audit/events/:id/proof', {
    config: read,
    schema: {
      summary: 'Inclusion proof (RFC 9162 §2.1.3) of one record against a signed checkpoint',
      tags: ['audit'],
      params: z.strictObject({ id: text().min(1).max(100) }),
      querystring: z.strictObject({ treeSize: treeSize.optional() }),
      response: {
        200: z.object({ leafIndex: z.number(), treeSize: z.number(), leaf: text(), auditPath: z.array(text()), checkpoint: text(), record: recordSchema }),
      },
    },
  }, async (request) => service.proof(ctxOf(request), request.params.id, request.query.treeSize));

  r.get('/v1/org/audit/checkpoints/latest', {
    config: { ...read, produces: 'text/plain' },
    schema: { summary: 'The latest signed checkpoint (C2SP tlog-checkpoint signed note, text/plain)', tags: ['audit'] },
  }, async (request, reply) => reply.type(TEXT).send(await service.latestCheckpoint(ctxOf(request))));

  r.get('/v1/org/audit/checkpoints/:treeSize', {
    config: { ...read, produces: 'text/plain' },
    schema: { summary: 'The signed checkpoint at one tree size (text/plain)', tags: ['audit'], params: z.strictObject({ treeSize }) },
  }, async (request, reply) => reply.type(TEXT).send(await service.checkpoint(ctxOf(request), request.params.treeSize)));

  r.get('/v1/org/audit/checkpoints', {
    config: read,
    schema: {
      summary: 'Every signed checkpoint, newest first',
      tags: ['audit'],
      querystring: z.strictObject({ limit, cursor }),
      response: {
        200: z.object({ items: z.array(z.object({ treeSize: z.number(), rootHash: text(), createdAt: text(), checkpoint: text() })), nextCursor: text().nullable() }),
      },
    },
  }, async (request) => service.listCheckpoints(ctxOf(request), { limit: request.query.limit, cursor: request.query.cursor }));

  r.get('/v1/org/audit/consistency', {
    config: read,
    schema: {
      summary: 'Consistency proof (RFC 9162 §2.1.4) between two tree sizes',
      tags: ['audit'],
      querystring: z.strictObject({ from: treeSize, to: treeSize }),
      response: { 200: z.object({ from: z.number(), to: z.number(), proof: z.array(text()) }) },
    },
  }, async (request) => service.consistency(ctxOf(request), request.query.from, request.query.to));

  r.get('/v1/org/audit/export', {
    config: { access: 'org', permission: 'audit:export', produces: 'application/jsonl' },
    schema: {
      summary: 'JSON Lines: the latest checkpoint, then every sealed record with its inclusion proof',
      tags: ['audit'],
      querystring: z.strictObject(eventFilters),
    },
  }, async (request, reply) => {
    const ctx = ctxOf(request);
    const lines = service.exportLines(ctx, request.query);
    // Pull the first line before answering, so an error (no permission, bad filter) is still a
    // problem+json response rather than a broken stream.
    const first = await lines.next();
    async function* all() {
      if (!first.done) yield first.value;
      yield* lines;
    }
    const stream = Readable.from(all());
    stream.on('error', (e) => request.log.error({ err: e }, 'audit export failed mid-stream'));
    return reply
      .type('application/jsonl; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-export.jsonl"')
      .send(stream);
  });

  r.get('/v1/audit/verifier-key', {
    config: { access: 'public', produces: 'text/plain' },
    schema: { summary: 'The checkpoint verifier key (C2SP signed-note vkey: name+hash+base64key), text/plain', tags: ['audit'] },
  }, async (_request, reply) => reply.type(TEXT).send(`${await service.verifierKey()}\n`));

  r.get('/v1/audit/verifier-keys', {
    config: { access: 'public' },
    schema: {
      summary: 'Every checkpoint verifier key, with when it was active (old checkpoints verify with retired keys)',
      tags: ['audit'],
      response: { 200: z.object({ items: z.array(z.object({ verifierKey: text(), createdAt: text(), retiredAt: text().nullable() })) }) },
    },
  }, async () => ({ items: await service.verifierKeys() }));

  r.get('/v1/org/alerts', {
    config: { access: 'org', permission: 'alerts:read' },
    schema: {
      summary: 'Anomaly alerts raised for the organisation, newest first',
      tags: ['alerts'],
      querystring: z.strictObject({
        limit,
        cursor,
        status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
        detector: text().max(50).optional(),
      }),
      response: { 200: z.object({ items: z.array(alertSchema), nextCursor: text().nullable() }) },
    },
  }, async (request) => {
    const { limit: l, cursor: c, ...filters } = request.query;
    return alerting.list(ctxOf(request), filters, { limit: l, cursor: c });
  });

  r.patch('/v1/org/alerts/:id', {
    config: { access: 'org', permission: 'alerts:write' },
    schema: {
      summary: 'Acknowledge or resolve an alert',
      tags: ['alerts'],
      params: z.strictObject({ id: text().min(1).max(100) }),
      body: z.strictObject({ status: z.enum(['open', 'acknowledged', 'resolved']) }),
      response: { 200: alertSchema },
    },
  }, async (request) => alerting.setStatus(ctxOf(request), request.params.id, request.body.status));
}
