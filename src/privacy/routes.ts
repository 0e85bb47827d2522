/* HTTP surface of the privacy module (docs/privacy.md). Thin: parse, take the person or the
   organisation from the authenticated principal (TEN-1), call the service, shape the reply.
   The archive route is public: its authority is the signed one-time link (PRIV-1). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../db/index.js';
import { requireCaller } from '../lib/caller.js';
import { Forbidden, Unauthenticated } from '../lib/errors.js';
import type { Privacy, SelfCaller } from './service.js';
import * as s from './schemas.js';

export interface PrivacyRoutesOptions {
  privacy: Privacy;
}

const tags = ['privacy'];
const session = [{ session: [] }];
const orgSecurity = [{ session: [] }, { apiKey: [] }];

/** A platform super-admin: the operator who answers data-subject requests (PRIV-3). */
function operator(request: FastifyRequest): Actor {
  const p = request.principal;
  if (!p) throw new Unauthenticated();
  if (p.kind !== 'user' || !p.superAdmin) throw new Forbidden('Data-subject requests are answered by the platform\'s super-admins');
  return { type: 'super_admin', id: p.userId };
}

function self(request: FastifyRequest): SelfCaller {
  const p = request.principal;
  if (!p) throw new Unauthenticated();
  if (p.kind !== 'user') throw new Forbidden('This endpoint needs a signed-in user');
  return { userId: p.userId, source: request.source };
}

export async function privacyRoutes(app: FastifyInstance, opts: PrivacyRoutesOptions): Promise<void> {
  const { privacy } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- exports (PRIV-1)
  r.post('/v1/me/export', {
    config: { access: 'user' },
    schema: {
      summary: 'Export everything Palisade holds about me: prepared in the background, then downloadable once (GET /v1/me/exports/{exportId} gives the link)',
      tags, security: session, response: { 202: s.exportView, ...s.problems() },
    },
  }, async (request, reply) => reply.code(202).send(await privacy.requestOwnExport(self(request))));

  r.get('/v1/me/exports/:exportId', {
    config: { access: 'user' },
    schema: { summary: 'One of my exports: its status and, while it waits, a one-time download link valid 5 minutes', tags, security: session, params: s.exportParams, response: { 200: s.exportView, ...s.problems(404) } },
  }, async (request) => privacy.ownExport(self(request), request.params.exportId));

  // ---- rights requests (PRIV-3), erasure included (PRIV-2)
  r.post('/v1/me/privacy-requests', {
    config: { access: 'user' },
    schema: {
      summary: 'File a data-subject request about me (access, rectification, erasure, restriction, objection, consent withdrawal), due within 30 days',
      description: 'An erasure is carried out by the erasure job before its deadline and refused up front (409 erasure_last_admin) while I am the only admin of an organisation.',
      tags, security: session, body: s.fileRequestBody, response: { 202: s.requestView, ...s.problems(409) },
    },
  }, async (request, reply) => reply.code(202).send(await privacy.fileRequest(self(request), request.body.type, request.body.details ?? null)));

  r.get('/v1/me/privacy-requests', {
    config: { access: 'user' },
    schema: { summary: 'My data-subject requests, newest first, with their deadlines and status', tags, security: session, response: { 200: s.requestList, ...s.problems() } },
  }, async (request) => ({ items: await privacy.ownRequests(self(request)) }));

  // ---- the operator's side of rights requests (PRIV-3): platform super-admins only
  r.get('/v1/platform/privacy-requests', {
    config: { access: 'user' },
    schema: {
      summary: 'Open data-subject requests across everyone, earliest deadline first (platform super-admins only)',
      tags: ['platform'], security: session, response: { 200: s.operatorRequestList, ...s.problems() },
    },
  }, async (request) => {
    operator(request);
    return { items: await privacy.openRequests() };
  });
  r.post('/v1/platform/privacy-requests/:requestId/status', {
    config: { access: 'user' },
    schema: {
      summary: 'Move a data-subject request: open → in_progress → completed | rejected, with the resolution the person will read (platform super-admins only; audited)',
      description: 'A closed request stays closed, and an erasure request is completed only by the erasure itself (409 privacy_request_transition).',
      tags: ['platform'], security: session, params: s.requestParams, body: s.transitionBody, response: { 200: s.operatorRequestView, ...s.problems(404, 409) },
    },
  }, async (request) => privacy.transitionRequest(request.params.requestId, request.body.status, request.body.resolution, operator(request), request.source));

  r.post('/v1/org/members/:userId/export', {
    config: { access: 'org', permission: 'privacy:export' },
    schema: {
      summary: 'Export what this organisation holds about one of its members (prepared in the background, downloadable once)',
      tags, security: orgSecurity, params: s.memberParams, response: { 202: s.exportView, ...s.problems(404) },
    },
  }, async (request, reply) => reply.code(202).send(await privacy.requestMemberExport(requireCaller(request), request.params.userId)));

  r.get('/v1/org/privacy/exports/:exportId', {
    config: { access: 'org', permission: 'privacy:export' },
    schema: { summary: 'A member export of this organisation: status and one-time download link', tags, security: orgSecurity, params: s.exportParams, response: { 200: s.exportView, ...s.problems(404) } },
  }, async (request) => privacy.memberExport(requireCaller(request), request.params.exportId));

  r.get('/v1/privacy/exports/:exportId/archive', {
    config: { access: 'public' },
    schema: {
      summary: 'Download an export\'s archive through its signed link: once (the archive is deleted as it is sent)',
      tags, params: s.exportParams, querystring: s.signedQuery,
      response: {
        200: { description: 'The archive: JSON with a manifest (docs/privacy.md#export-format)', content: { 'application/json': { schema: z.unknown() } } },
        ...s.problems(409, 410),
      },
    },
  }, async (request, reply) => {
    const d = await privacy.download(request.params.exportId, request.query, request.source);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${d.fileName}"`)
      .header('cache-control', 'no-store')
      .send(d.body);
  });
}
