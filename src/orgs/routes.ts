/* HTTP surface of organisations: /v1/orgs (a user's organisations), /v1/org/* (the organisation
   of this request: the session's active org or the API key's, never one named in the request;
   TEN-1), and /v1/invitations/accept. Thin: parse, call the service, shape the reply. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller, type Caller } from '../lib/caller.js';
import { Unauthenticated } from '../lib/errors.js';
import type { Orgs } from './service.js';
import * as s from './schemas.js';

const caller = (request: FastifyRequest): Caller => requireCaller(request);

function user(request: FastifyRequest): { userId: string } {
  const p = request.principal;
  if (!p || p.kind !== 'user') throw new Unauthenticated();
  return { userId: p.userId };
}

export async function orgRoutes(app: FastifyInstance, opts: { orgs: Orgs }): Promise<void> {
  const { orgs } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/v1/orgs', {
    config: { access: 'user' },
    schema: { summary: 'Create an organisation; the caller becomes its admin', body: s.createOrgBody, response: { 201: s.org } },
  }, async (request, reply) => reply.status(201).send(await orgs.create(user(request), request.body.name, request.source)));

  r.get('/v1/orgs', {
    config: { access: 'user' },
    schema: { summary: 'My organisations and my roles in each', response: { 200: s.orgList } },
  }, async (request) => ({ items: await orgs.listMine(user(request).userId), nextCursor: null }));

  r.get('/v1/org', {
    config: { access: 'org', permission: 'org:read' },
    schema: { summary: 'The active organisation', response: { 200: s.org } },
  }, async (request) => orgs.get(caller(request)));

  r.patch('/v1/org', {
    config: { access: 'org', permission: 'org:write' },
    schema: { summary: 'Rename the organisation or change its settings (sessionIdleTimeoutSeconds: null removes the policy)', body: s.patchOrgBody, response: { 200: s.org } },
  }, async (request) => orgs.update(caller(request), request.body));

  r.get('/v1/org/members', {
    config: { access: 'org', permission: 'members:read' },
    schema: { summary: 'Members and their roles', querystring: s.membersQuery, response: { 200: s.memberList } },
  }, async (request) => orgs.listMembers(caller(request), request.query.limit, request.query.cursor ?? null));

  r.patch('/v1/org/members/:userId', {
    config: { access: 'org', permission: 'members:write' },
    schema: { summary: "Set a member's roles", params: s.userIdParams, body: s.rolesBody, response: { 200: s.member } },
  }, async (request) => orgs.setMemberRoles(caller(request), request.params.userId, request.body.roles));

  r.delete('/v1/org/members/:userId', {
    config: { access: 'org', permission: 'members:write' },
    schema: { summary: 'Remove a member', params: s.userIdParams },
  }, async (request, reply) => {
    await orgs.removeMember(caller(request), request.params.userId);
    return reply.status(204).send();
  });

  r.delete('/v1/org/members/:userId/sessions', {
    config: { access: 'org', permission: 'sessions:revoke' },
    schema: { summary: "Revoke every session of a member (effective on the next request, on every node)", params: s.userIdParams },
  }, async (request, reply) => {
    await orgs.revokeMemberSessions(caller(request), request.params.userId);
    return reply.status(204).send();
  });

  r.post('/v1/org/invitations', {
    config: { access: 'org', permission: 'invitations:write' },
    schema: { summary: 'Invite an address (single-use link, 7 days, bound to the address)', body: s.inviteBody, response: { 201: s.invitation } },
  }, async (request, reply) => reply.status(201).send(await orgs.invite(caller(request), request.body.email, request.body.roles)));

  r.get('/v1/org/invitations', {
    config: { access: 'org', permission: 'invitations:read' },
    schema: { summary: 'Pending invitations', querystring: s.invitationsQuery, response: { 200: s.invitationList } },
  }, async (request) => orgs.listInvitations(caller(request), request.query.limit, request.query.cursor ?? null));

  r.delete('/v1/org/invitations/:id', {
    config: { access: 'org', permission: 'invitations:write' },
    schema: { summary: 'Withdraw an invitation', params: s.invitationIdParams },
  }, async (request, reply) => {
    await orgs.deleteInvitation(caller(request), request.params.id);
    return reply.status(204).send();
  });

  r.post('/v1/invitations/accept', {
    config: { access: 'user', dlpSkipPaths: ['$.token'] },
    schema: { summary: 'Accept an invitation (signed-in user whose address it names)', body: s.acceptBody, response: { 200: s.accepted } },
  }, async (request) => orgs.acceptInvitation(user(request), request.body.token, request.source));
}
