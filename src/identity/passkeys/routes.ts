/* HTTP surface of passkeys: /v1/me/passkeys* (register, list, rename, delete) and
   /v1/auth/passkey/options + /verify (assertions). Thin: parse, resolve the caller from the
   request's session (never from the body), call the service. The assertion routes serve three
   ceremonies, chosen by the session the request carries: a signed-in session steps up; a sign-in
   waiting for its second step ("mfa") finishes it; no session signs in without a password, the
   challenge then bound to this browser by an HttpOnly cookie. Registration, rename and delete
   need a recent authentication (step_up_required). */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Forbidden, Unauthenticated } from '../../lib/errors.js';
import { CsrfFailed } from '../errors.js';
import type { Identity } from '../service.js';
import { CHALLENGE_TTL_MS, PASSKEY_COOKIE, type AssertionCaller, type Passkeys, type RegisterCaller } from './service.js';
import * as s from './schemas.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const session = [{ session: [] }];
const clearBrowserCookie = `${PASSKEY_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;

function userOf(request: FastifyRequest): { userId: string; sessionId: string } {
  const p = request.principal;
  if (!p) throw new Unauthenticated();
  if (p.kind !== 'user') throw new Forbidden('This endpoint needs a signed-in user');
  return { userId: p.userId, sessionId: p.sessionId };
}

export async function passkeyRoutes(app: FastifyInstance, opts: { identity: Identity; passkeys: Passkeys }): Promise<void> {
  const { identity, passkeys } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  app.addHook('preHandler', async (request) => {
    if (SAFE.has(request.method)) return;
    const problem = identity.sessions.originProblem(request);
    if (problem) throw new CsrfFailed(problem);
  });

  /** A full session (recently authenticated), or a pending sign-in that must enrol a factor. */
  const registerCaller = async (request: FastifyRequest): Promise<RegisterCaller> => {
    const p = request.principal;
    if (p?.kind === 'user') {
      await identity.sessions.requireRecentAuth(p.sessionId);
      return { userId: p.userId, sessionId: p.sessionId };
    }
    const pending = await identity.sessions.pending(request);
    if (pending?.step === 'mfa_enrol') return { userId: pending.userId, sessionId: pending.sessionId, pending };
    throw new Unauthenticated();
  };

  /** The ceremony an assertion belongs to, from the request's session. */
  const assertionCaller = async (request: FastifyRequest, browser: string): Promise<AssertionCaller> => {
    const p = request.principal;
    if (p?.kind === 'user') return { mode: 'step_up', userId: p.userId, sessionId: p.sessionId };
    if (p) throw new Forbidden('This endpoint needs a signed-in user');
    const pending = await identity.sessions.pending(request);
    if (pending?.step === 'mfa') return { mode: 'second_factor', pending };
    return { mode: 'sign_in', browser };
  };

  r.get('/v1/me/passkeys', {
    config: { access: 'user' },
    schema: { summary: 'My passkeys', tags: ['passkeys'], security: session, response: { 200: s.passkeyList } },
  }, async (request) => ({ items: await passkeys.list(userOf(request).userId) }));

  r.post('/v1/me/passkeys/options', {
    config: { access: 'public' },
    schema: {
      summary: 'Start registering a passkey: the options for navigator.credentials.create() (a discoverable credential with user verification); needs a recent authentication',
      description: 'Accepts a signed-in session, or the pending session of a sign-in that answered next: "mfa_enrol". The challenge is bound to this session and answers once, within five minutes.',
      tags: ['passkeys'], security: session, response: { 200: s.options, ...s.problems(401) },
    },
  }, async (request) => ({ options: await passkeys.registrationOptions(await registerCaller(request)) as unknown as { challenge: string } }));

  r.post('/v1/me/passkeys', {
    config: { access: 'public' },
    schema: {
      summary: 'Finish registering a passkey with the browser\'s answer; the first second factor also answers ten recovery codes (shown once)',
      description: 'For a pending "mfa_enrol" sign-in this also finishes the sign-in: the session cookie is replaced by a usable one.',
      tags: ['passkeys'], security: session, body: s.registerBody, response: { 201: s.registered, ...s.problems(400, 401) },
    },
  }, async (request, reply) => {
    const c = await registerCaller(request);
    const result = await passkeys.register(c, request.body as never, request.source);
    if (result.cookie) identity.sessions.setCookie(request, reply, result.cookie);
    return reply.status(201).send({
      passkey: result.passkey,
      ...(result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {}),
      ...(result.cookie ? { csrfToken: identity.sessions.csrfToken(c.sessionId) } : {}),
    });
  });

  r.patch('/v1/me/passkeys/:id', {
    config: { access: 'user' },
    schema: { summary: 'Rename a passkey; needs a recent authentication', tags: ['passkeys'], security: session, params: s.idParams, body: s.renameBody, response: { 200: s.passkey, ...s.problems(404) } },
  }, async (request) => {
    const me = userOf(request);
    await identity.sessions.requireRecentAuth(me.sessionId);
    return passkeys.rename(me, request.params.id, request.body.name, request.source);
  });

  r.delete('/v1/me/passkeys/:id', {
    config: { access: 'user' },
    schema: { summary: 'Delete a passkey; needs a recent authentication. Refused for the last factor of a member of an organisation that requires MFA', tags: ['passkeys'], security: session, params: s.idParams, response: { 204: z.null(), ...s.problems(404, 409) } },
  }, async (request, reply) => {
    const me = userOf(request);
    await identity.sessions.requireRecentAuth(me.sessionId);
    await passkeys.remove(me, request.params.id, request.source);
    return reply.status(204).send(null);
  });

  r.post('/v1/auth/passkey/options', {
    config: { access: 'public' },
    schema: {
      summary: 'The options for navigator.credentials.get(): passwordless sign-in, the second step of a sign-in, or step-up',
      description: 'Without a session: passwordless sign-in with a discoverable passkey; the challenge is bound to this browser by an HttpOnly cookie. With the pending session of a sign-in that answered next: "mfa": its second step, for that user\'s passkeys. With a signed-in session: step-up. The challenge answers once, within five minutes.',
      tags: ['passkeys'], security: [{}, { session: [] }], response: { 200: s.options, ...s.problems(401) },
    },
  }, async (request, reply) => {
    const nonce = randomBytes(32).toString('base64url');
    const c = await assertionCaller(request, nonce);
    const options = await passkeys.assertionOptions(c);
    if (c.mode === 'sign_in') reply.header('set-cookie', `${PASSKEY_COOKIE}=${nonce}; Path=/; Max-Age=${CHALLENGE_TTL_MS / 1000}; HttpOnly; Secure; SameSite=Strict`);
    return { options: options as unknown as { challenge: string } };
  });

  r.post('/v1/auth/passkey/verify', {
    config: { access: 'public' },
    schema: {
      summary: 'Answer the challenge of POST /v1/auth/passkey/options with the browser\'s assertion: signs in, finishes the second step, or steps up',
      description: 'The same session (or, without one, the same browser) that asked for the options must answer. Signing in sets the session cookie. Rate limited.',
      tags: ['passkeys'], security: [{}, { session: [] }], body: s.verifyBody, response: { 200: s.verified, ...s.problems(401) },
    },
  }, async (request, reply) => {
    const c = await assertionCaller(request, request.cookies[PASSKEY_COOKIE] ?? '');
    const result = await passkeys.verify(c, request.body.response as never, request.source);
    if (result.cookie) {
      identity.sessions.setCookie(request, reply, result.cookie);
      reply.header('set-cookie', c.mode === 'sign_in' ? [result.cookie, clearBrowserCookie] : result.cookie);
    }
    return { mode: c.mode, userId: result.userId, ...(result.cookie ? { csrfToken: identity.sessions.csrfToken(result.sessionId) } : {}) };
  });
}
