/* HTTP surface of second factors: /v1/me/mfa*, /v1/auth/mfa/verify, /v1/auth/step-up and the
   organisation's policy (/v1/org/auth-policy). Thin: parse, resolve the caller, call the
   service. The routes of the second sign-in step are declared public to the access gate,
   because the session they accept is a pending one (which authenticates nothing else); they
   resolve it themselves and answer 401 without it. Their OpenAPI entry names the session
   cookie. Sensitive changes need a recent authentication (step_up_required). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller, type Caller } from '../../lib/caller.js';
import { Forbidden, Unauthenticated } from '../../lib/errors.js';
import { CsrfFailed } from '../errors.js';
import type { Identity } from '../service.js';
import type { EnrolCaller, Mfa } from './service.js';
import * as s from './schemas.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const session = [{ session: [] }];

function userOf(request: FastifyRequest): { userId: string; sessionId: string } {
  const p = request.principal;
  if (!p) throw new Unauthenticated();
  if (p.kind !== 'user') throw new Forbidden('This endpoint needs a signed-in user');
  return { userId: p.userId, sessionId: p.sessionId };
}

/** The caller of an organisation route, which must be a signed-in user: the policy is changed
    by a person who can step up, never by an API key. */
function orgUserOf(request: FastifyRequest): { caller: Caller; sessionId: string } {
  const caller = requireCaller(request);
  if (caller.principal.kind !== 'user') throw new Forbidden('This endpoint needs a signed-in user');
  return { caller, sessionId: caller.principal.sessionId };
}

export async function mfaRoutes(app: FastifyInstance, opts: { identity: Identity; mfa: Mfa }): Promise<void> {
  const { identity, mfa } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  app.addHook('preHandler', async (request) => {
    if (SAFE.has(request.method)) return;
    const problem = identity.sessions.originProblem(request);
    if (problem) throw new CsrfFailed(problem);
  });

  /** A full session, or a pending one that must enrol a factor (its organisation requires one). */
  const enrolCaller = async (request: FastifyRequest): Promise<EnrolCaller> => {
    const p = request.principal;
    if (p?.kind === 'user') return { userId: p.userId, sessionId: p.sessionId };
    const pending = await identity.sessions.pending(request);
    if (pending?.step === 'mfa_enrol') return { userId: pending.userId, sessionId: pending.sessionId, pending };
    throw new Unauthenticated();
  };

  r.get('/v1/me/mfa', {
    config: { access: 'user' },
    schema: { summary: 'My second factors: authenticator app, recovery codes left, whether an organisation requires MFA', tags: ['mfa'], security: session, response: { 200: s.status } },
  }, async (request) => mfa.status(userOf(request).userId));

  r.post('/v1/me/mfa/totp', {
    config: { access: 'public' },
    schema: {
      summary: 'Start setting up an authenticator app: the secret, its otpauth:// URI and a QR code (SVG); confirm with a first code',
      description: 'Accepts a signed-in session, or the pending session of a sign-in that answered next: "mfa_enrol".',
      tags: ['mfa'], security: session, response: { 201: s.totpEnrolment },
    },
  }, async (request, reply) => reply.status(201).send(await mfa.startTotp(await enrolCaller(request), request.source)));

  r.post('/v1/me/mfa/totp/confirm', {
    config: { access: 'public' },
    schema: {
      summary: 'Confirm the authenticator app with a first code; answers the ten recovery codes (shown once)',
      description: 'For a pending "mfa_enrol" sign-in this also finishes the sign-in: the session cookie is replaced by a usable one.',
      tags: ['mfa'], security: session, body: s.codeBody, response: { 200: s.confirmed },
    },
  }, async (request, reply) => {
    const c = await enrolCaller(request);
    const result = await mfa.confirmTotp(c, request.body.code, request.source);
    if (!result.cookie) return { recoveryCodes: result.recoveryCodes };
    identity.sessions.setCookie(request, reply, result.cookie);
    return { recoveryCodes: result.recoveryCodes, user: await identity.accounts.user(c.userId), csrfToken: identity.sessions.csrfToken(c.sessionId) };
  });

  r.delete('/v1/me/mfa/totp', {
    config: { access: 'user' },
    schema: { summary: 'Remove the authenticator app (and its recovery codes); needs a recent authentication', tags: ['mfa'], security: session },
  }, async (request, reply) => {
    const me = userOf(request);
    await identity.sessions.requireRecentAuth(me.sessionId);
    await mfa.disableTotp(me, request.source);
    return reply.status(204).send();
  });

  r.post('/v1/me/mfa/recovery-codes', {
    config: { access: 'user' },
    schema: { summary: 'A new set of ten recovery codes (the old set stops working); needs a recent authentication', tags: ['mfa'], security: session, response: { 200: s.recoveryCodes } },
  }, async (request) => {
    const me = userOf(request);
    await identity.sessions.requireRecentAuth(me.sessionId);
    return { recoveryCodes: await mfa.regenerateRecoveryCodes(me, request.source) };
  });

  r.get('/v1/auth/mfa/pending', {
    config: { access: 'public' },
    schema: {
      summary: 'The second step a sign-in is waiting for, and the CSRF token to send with it',
      description: 'For a browser that arrives from single sign-on: the callback is a redirect and carries no body, so the page asks here. Needs the pending session cookie; 401 without one.',
      tags: ['mfa'], security: session, response: { 200: s.pendingStep, 401: s.problem },
    },
  }, async (request) => {
    const pending = await identity.sessions.pending(request);
    if (!pending) throw new Unauthenticated();
    return { step: pending.step, csrfToken: identity.sessions.csrfToken(pending.sessionId) };
  });

  r.post('/v1/auth/mfa/verify', {
    config: { access: 'public' },
    schema: {
      summary: 'Finish a sign-in that answered next: "mfa", with an authenticator code or a recovery code',
      description: 'Needs the pending session cookie set by POST /v1/auth/sign-in. Rate limited; wrong codes lock the second step.',
      tags: ['mfa'], security: session, body: s.verifyBody, response: { 200: s.signedIn },
    },
  }, async (request, reply) => {
    const pending = await identity.sessions.pending(request);
    if (!pending) throw new Unauthenticated();
    const { cookie } = await mfa.verify(pending, request.body, request.source);
    identity.sessions.setCookie(request, reply, cookie);
    return { user: await identity.accounts.user(pending.userId), csrfToken: identity.sessions.csrfToken(pending.sessionId) };
  });

  r.post('/v1/auth/step-up', {
    config: { access: 'user', dlpSkipPaths: ['$.password'] },
    schema: {
      summary: 'Confirm who you are before a sensitive action: a second factor if you have one, else your password',
      tags: ['mfa'], security: session, body: s.stepUpBody,
    },
  }, async (request, reply) => {
    await mfa.stepUp(userOf(request), request.body, request.source);
    return reply.status(204).send();
  });

  r.get('/v1/org/auth-policy', {
    config: { access: 'org', permission: 'sso:read' },
    schema: { summary: "The organisation's authentication policy (requireMfa)", tags: ['mfa'], security: session, response: { 200: s.policy } },
  }, async (request) => {
    return mfa.orgPolicy(orgUserOf(request).caller);
  });

  r.put('/v1/org/auth-policy', {
    config: { access: 'org', permission: 'sso:write' },
    schema: { summary: 'Require a second factor of every member (audited); needs a recent authentication', tags: ['mfa'], security: session, body: s.policyBody, response: { 200: s.policy } },
  }, async (request) => {
    const me = orgUserOf(request);
    await identity.sessions.requireRecentAuth(me.sessionId);
    return mfa.setOrgPolicy(me.caller, request.body.requireMfa);
  });
}
