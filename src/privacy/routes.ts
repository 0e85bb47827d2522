/* HTTP surface of the privacy module (docs/privacy.md). Thin: parse, take the person or the
   organisation from the authenticated principal (TEN-1), call the service, shape the reply.
   The archive route is public: its authority is the signed one-time link (PRIV-1).
   Paths follow the stable API (POST /v1/me/export, /v1/me/erasure, /v1/org/members/{userId}/export
   and /erasure, /v1/org/privacy/requests); the person's own other requests, the operator's queue
   and the archive link keep theirs (docs/privacy.md "Routes"). Erasure is a person's act (or an
   admin's for a member): privacy:erase, which no API key may carry, so its route takes sessions only. */
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

  r.post('/v1/me/erasure', {
    config: { access: 'user' },
    schema: {
      summary: 'Ask for my erasure: a data-subject request of type erasure, carried out by the erasure job after the erasure delay and before its deadline',
      description: 'Refused up front (409 erasure_last_admin) while I am the only admin of an organisation; one erasure request may be open at a time (409 conflict). It can be withdrawn until the erasure begins.',
      tags, security: session, body: s.erasureBody, response: { 202: s.requestView, ...s.problems(409) },
    },
  }, async (request, reply) => reply.code(202).send(await privacy.fileRequest(self(request), 'erasure', request.body.details ?? null)));

  r.post('/v1/me/privacy-requests/:requestId/withdraw', {
    config: { access: 'user' },
    schema: {
      summary: 'Withdraw one of my requests while it is open: it closes as withdrawn, for good (audited); a pending erasure then never runs',
      description: 'A closed request, or an erasure already begun, cannot be withdrawn (409 privacy_request_transition); another person\'s request is 404.',
      tags, security: session, params: s.requestParams, response: { 200: s.requestView, ...s.problems(404, 409) },
    },
  }, async (request) => privacy.withdrawRequest(self(request), request.params.requestId));

  // ---- the organisation's side of rights requests (PRIV-3): requests filed through it, for its members
  r.post('/v1/org/members/:userId/erasure', {
    config: { access: 'org', permission: 'privacy:erase' },
    schema: {
      summary: 'File an erasure request for a member of this organisation: the same delay, deadline, last-admin guard, tracking and audit as the person\'s own',
      description: 'The erasure is of the person\'s account (every organisation), carried out by the erasure job after the erasure delay; the person sees it in their requests and may withdraw it until it begins. Not a member: 404. Sessions only: no API key may carry privacy:erase.',
      tags, security: session, params: s.memberParams, body: s.erasureBody, response: { 202: s.operatorRequestView, ...s.problems(404, 409) },
    },
  }, async (request, reply) => reply.code(202).send(await privacy.fileMemberRequest(requireCaller(request), request.params.userId, 'erasure', request.body.details ?? null)));

  r.get('/v1/org/privacy/requests', {
    config: { access: 'org', permission: 'privacy:requests' },
    schema: {
      summary: 'The data-subject requests filed through this organisation for its members, newest first, with their deadlines and status',
      tags, security: orgSecurity, response: { 200: s.operatorRequestList, ...s.problems() },
    },
  }, async (request) => ({ items: await privacy.orgRequests(requireCaller(request)) }));

  r.post('/v1/org/privacy/requests', {
    config: { access: 'org', permission: 'privacy:requests' },
    schema: {
      summary: 'File a data-subject request on behalf of a member (one received by mail, say), due within 30 days; an erasure goes through POST /v1/org/members/{userId}/erasure',
      tags, security: orgSecurity, body: s.orgFileRequestBody, response: { 202: s.operatorRequestView, ...s.problems(404, 409) },
    },
  }, async (request, reply) => reply.code(202).send(await privacy.fileMemberRequest(requireCaller(request), request.body.userId, request.body.type, request.body.details ?? null)));

  r.patch('/v1/org/privacy/requests/:requestId', {
    config: { access: 'org', permission: 'privacy:requests' },
    schema: {
      summary: 'Move one of this organisation\'s requests: open → in_progress → completed | rejected, with the resolution the person will read (audited)',
      description: 'The operator\'s rules: a closed request stays closed, and an erasure request is completed only by the erasure itself (409 privacy_request_transition).',
      tags, security: orgSecurity, params: s.requestParams, body: s.transitionBody, response: { 200: s.operatorRequestView, ...s.problems(404, 409) },
    },
  }, async (request) => privacy.transitionOrgRequest(requireCaller(request), request.params.requestId, request.body.status, request.body.resolution));

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
