/* HTTP surface of single sign-on: the organisation's connection and domains (/v1/org/sso*),
   and the browser redirect flow (/v1/auth/sso/start, /v1/auth/sso/callback). Changing the
   connection needs a recent authentication and a signed-in user (never an API key). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCaller, type Caller } from '../../lib/caller.js';
import { Forbidden } from '../../lib/errors.js';
import { CsrfFailed } from '../errors.js';
import type { Identity } from '../service.js';
import { SSO_COOKIE, type Sso } from './service.js';
import * as s from './schemas.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const session = [{ session: [] }];

function userCaller(request: FastifyRequest): { caller: Caller; sessionId: string } {
  const caller = requireCaller(request);
  if (caller.principal.kind !== 'user') throw new Forbidden('This endpoint needs a signed-in user');
  return { caller, sessionId: caller.principal.sessionId };
}

export async function ssoRoutes(app: FastifyInstance, opts: { identity: Identity; sso: Sso; publicUrl: string }): Promise<void> {
  const { identity, sso, publicUrl } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  app.addHook('preHandler', async (request) => {
    if (SAFE.has(request.method)) return;
    const problem = identity.sessions.originProblem(request);
    if (problem) throw new CsrfFailed(problem);
  });

  r.get('/v1/org/sso', {
    config: { access: 'org', permission: 'sso:read' },
    schema: { summary: "The organisation's OpenID Connect connection and email domains (the client secret is never returned)", tags: ['sso'], security: session, response: { 200: s.connection, ...s.problems(400, 401, 403, 404) } },
  }, async (request) => sso.get(userCaller(request).caller));

  r.put('/v1/org/sso', {
    config: { access: 'org', permission: 'sso:write' },
    schema: {
      summary: 'Create or change the OpenID Connect connection (presets google, microsoft with tenantId, or generic with issuer); needs a recent authentication',
      description: 'clientSecret is write-only: required when creating, omitted to keep the stored one. ssoRequired refuses password sign-in for addresses in the verified domains.',
      tags: ['sso'], security: session, body: s.connectionBody, response: { 200: s.connection, ...s.problems(400, 401, 403, 404) },
    },
  }, async (request) => {
    const me = userCaller(request);
    await identity.sessions.requireRecentAuth(me.sessionId);
    return sso.put(me.caller, request.body);
  });

  r.delete('/v1/org/sso', {
    config: { access: 'org', permission: 'sso:write' },
    schema: { summary: 'Remove the connection (its client secret with it); needs a recent authentication', tags: ['sso'], security: session, response: { 204: z.null(), ...s.problems(400, 401, 403, 404) } },
  }, async (request, reply) => {
    const me = userCaller(request);
    await identity.sessions.requireRecentAuth(me.sessionId);
    await sso.remove(me.caller);
    return reply.status(204).send(null);
  });

  r.post('/v1/org/sso/domains', {
    config: { access: 'org', permission: 'sso:write' },
    schema: { summary: 'Claim an email domain: answers the DNS TXT record that proves control', tags: ['sso'], security: session, body: s.domainBody, response: { 201: s.domainView, ...s.problems(400, 401, 403, 404) } },
  }, async (request, reply) => reply.status(201).send(await sso.addDomain(userCaller(request).caller, request.body.domain)));

  r.post('/v1/org/sso/domains/:domain/verify', {
    config: { access: 'org', permission: 'sso:write' },
    schema: { summary: "Check the domain's TXT record; a verified domain belongs to this organisation only", tags: ['sso'], security: session, params: s.domainParams, response: { 200: s.domainView, ...s.problems(400, 401, 403, 404, 409) } },
  }, async (request) => sso.verifyDomain(userCaller(request).caller, request.params.domain));

  r.get('/v1/auth/sso/start', {
    config: { access: 'public' },
    schema: { summary: "Start single sign-on for an address in an organisation's verified domain: redirects to the identity provider", tags: ['sso'], security: [], querystring: s.startQuery, response: { 302: z.null(), ...s.problems(400, 404, 429) } },
  }, async (request, reply) => {
    const { redirectTo, cookie } = await sso.start(request.query.email, request.source);
    return reply.header('set-cookie', cookie).redirect(redirectTo, 302);
  });

  r.get('/v1/auth/sso/callback', {
    config: { access: 'public' },
    schema: { summary: 'Where the identity provider sends the browser back: finishes the sign-in and redirects to the console', tags: ['sso'], security: [], querystring: s.callbackQuery, response: { 302: z.null(), ...s.problems(400, 409, 429) } },
  }, async (request, reply) => {
    const url = new URL(request.url, publicUrl);
    const { cookie, next } = await sso.callback(url, request.cookies[SSO_COOKIE], request.source);
    identity.sessions.setCookie(request, reply, cookie);
    reply.header('set-cookie', [cookie, `${SSO_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`]);
    return reply.redirect(`${publicUrl}/${next ? `?next=${next}` : ''}`, 302);
  });
}
