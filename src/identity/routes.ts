/* HTTP surface of identity: /v1/auth/*, /v1/me*, and the outbox of undeliverable mail (never
   registered with PALISADE_ENV=production, so there the route does not exist: 404; otherwise
   it answers only requests from this machine, unless PALISADE_DEV_MODE=1). Thin: parse, call the
   service, shape the reply. Every state-changing route here also refuses a request whose Origin
   or Sec-Fetch-Site says it came from another site (login CSRF, AUTH-13); cookie-authenticated
   ones additionally need X-CSRF-Token (checked by the authenticator). */
import { z } from 'zod';
import { problem } from './mfa/schemas.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Unauthenticated } from '../lib/errors.js';
import { CsrfFailed, OutboxLocalOnly } from './errors.js';
import type { Identity } from './service.js';
import { clearedSessionCookie } from './session-token.js';
import { DEVICE_COOKIE } from './devices.js';
import * as s from './schemas.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function userOf(request: FastifyRequest): { userId: string; sessionId: string; orgId: string | null } {
  const p = request.principal;
  if (!p || p.kind !== 'user') throw new Unauthenticated();
  return { userId: p.userId, sessionId: p.sessionId, orgId: p.orgId };
}

export async function identityRoutes(app: FastifyInstance, opts: { identity: Identity }): Promise<void> {
  const { identity } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  // After validation (a malformed request is a 400 whoever sends it), before the handler.
  app.addHook('preHandler', async (request) => {
    if (SAFE.has(request.method)) return;
    const problem = identity.sessions.originProblem(request);
    if (problem) throw new CsrfFailed(problem);
  });

  r.post('/v1/auth/sign-up', {
    config: { access: 'public', dlpSkipPaths: ['$.password'] },
    schema: { summary: 'Create an account (answers 202 whether or not the address is registered)', body: s.signUpBody, response: { 202: s.checkEmail } },
  }, async (request, reply) => {
    await identity.accounts.signUp(request.body, request.source);
    return reply.status(202).send({ status: 'check_email' as const });
  });

  r.post('/v1/auth/verify-email', {
    config: { access: 'public', dlpSkipPaths: ['$.token'] },
    schema: { summary: 'Confirm an address with the token from the emailed link', body: s.verifyEmailBody },
  }, async (request, reply) => {
    await identity.accounts.verifyEmail(request.body.token, request.source);
    return reply.status(204).send();
  });

  r.post('/v1/auth/sign-in', {
    config: { access: 'public', dlpSkipPaths: ['$.password'] },
    schema: { summary: 'Sign in with email and password; sets the session cookie', body: s.signInBody, response: { 200: s.signInResponse } },
  }, async (request, reply) => {
    const previous = await identity.sessions.presented(request);
    const result = await identity.accounts.signIn(request.body, request.source, request.cookies[DEVICE_COOKIE]);
    // The new cookie replaces this browser's old one: end that session too (ASVS V7.2.4).
    if (previous && previous.sid !== result.session.id) await identity.endReplacedSession(previous, { userId: result.user.id, source: request.source });
    identity.sessions.setCookie(request, reply, result.session.cookie);
    reply.header('set-cookie', result.deviceCookie);
    return { user: result.user, csrfToken: result.session.csrfToken, ...(result.next ? { next: result.next } : {}) };
  });

  r.post('/v1/auth/unlock', {
    config: { access: 'public', dlpSkipPaths: ['$.token'] },
    schema: { summary: 'Spend the unlock link of a lockout mail: this browser becomes a known device of the account and may sign in while the lock holds for other browsers; sets the device cookie', body: s.unlockBody },
  }, async (request, reply) => {
    const { deviceCookie } = await identity.accounts.unlock(request.body.token, request.source);
    reply.header('set-cookie', deviceCookie);
    return reply.status(204).send();
  });

  r.post('/v1/auth/sign-out', {
    config: { access: 'user' },
    schema: { summary: 'Revoke this session and clear its cookie' },
  }, async (request, reply) => {
    await identity.accounts.signOut(userOf(request), request.source);
    identity.sessions.setCookie(request, reply, clearedSessionCookie());
    return reply.status(204).send();
  });

  r.post('/v1/auth/password/forgot', {
    config: { access: 'public' },
    schema: { summary: 'Email a password-reset link (answers 202 whether or not the address is registered)', body: s.forgotBody, response: { 202: s.checkEmail } },
  }, async (request, reply) => {
    await identity.accounts.forgotPassword(request.body.email, request.source);
    return reply.status(202).send({ status: 'check_email' as const });
  });

  r.post('/v1/auth/password/reset', {
    config: { access: 'public', dlpSkipPaths: ['$.token', '$.password'] },
    schema: { summary: 'Set a new password with the token from the emailed link; revokes every session', body: s.resetBody },
  }, async (request, reply) => {
    await identity.accounts.resetPassword(request.body.token, request.body.password, request.source);
    return reply.status(204).send();
  });

  r.post('/v1/auth/password/change', {
    config: { access: 'user', dlpSkipPaths: ['$.currentPassword', '$.newPassword'] },
    schema: { summary: 'Change the password (needs the current one and a recent authentication); revokes the other sessions', body: s.changeBody },
  }, async (request, reply) => {
    await identity.sessions.requireRecentAuth(userOf(request).sessionId);
    await identity.accounts.changePassword(userOf(request), request.body.currentPassword, request.body.newPassword, request.source);
    return reply.status(204).send();
  });

  r.get('/v1/auth/jwks', {
    config: { access: 'public' },
    schema: { summary: 'Public keys of session tokens (JWK Set), for backends that verify sessions themselves', response: { 200: s.jwks } },
  }, async () => identity.jwks());

  r.get('/v1/me', {
    config: { access: 'user' },
    schema: { summary: 'The signed-in user, memberships, active organisation and CSRF token', response: { 200: s.meResponse } },
  }, async (request) => identity.me(userOf(request)));

  r.put('/v1/me/active-org', {
    config: { access: 'user' },
    schema: { summary: 'Switch the active organisation of this session (404 unless a member)', body: s.activeOrgBody, response: { 204: z.null(), 404: problem } },
  }, async (request, reply) => {
    const cookie = await identity.switchOrg(userOf(request), request.body.orgId, request.source);
    identity.sessions.setCookie(request, reply, cookie);
    return reply.status(204).send(null);
  });

  r.get('/v1/me/sessions', {
    config: { access: 'user' },
    schema: { summary: 'My live sessions', response: { 200: s.sessionList } },
  }, async (request) => {
    const items = await identity.listSessions(userOf(request));
    return {
      items: items.map((i) => ({
        ...i,
        createdAt: i.createdAt.toISOString(),
        lastSeenAt: i.lastSeenAt.toISOString(),
        expiresAt: i.expiresAt.toISOString(),
      })),
      nextCursor: null,
    };
  });

  r.delete('/v1/me/sessions/:id', {
    config: { access: 'user' },
    schema: { summary: 'Revoke one of my sessions (another one needs a recent authentication; signing out this one does not)', params: s.sessionIdParams },
  }, async (request, reply) => {
    const me = userOf(request);
    // ASVS V7.5.2: ending another session re-authenticates first, so a stolen session cannot end its owner's.
    if (request.params.id !== me.sessionId) await identity.sessions.requireRecentAuth(me.sessionId);
    await identity.revokeSession(me, request.params.id, request.source);
    if (request.params.id === me.sessionId) identity.sessions.setCookie(request, reply, clearedSessionCookie());
    return reply.status(204).send();
  });

  r.delete('/v1/me/sessions', {
    config: { access: 'user' },
    schema: { summary: 'Revoke all my sessions except this one (needs a recent authentication)' },
  }, async (request, reply) => {
    await identity.sessions.requireRecentAuth(userOf(request).sessionId); // ASVS V7.5.2
    await identity.revokeOtherSessions(userOf(request), request.source);
    return reply.status(204).send();
  });

  if (identity.config.outbox !== 'off') {
    const anyClient = identity.config.outbox === 'any';
    r.get('/v1/dev/outbox', {
      config: { access: 'public' },
      schema: {
        summary: 'Not in production: mail that could not be sent (no SMTP_URL), for one address, newest first; from this machine only unless PALISADE_DEV_MODE=1. `wait` long-polls until a message arrives.',
        querystring: s.outboxQuery,
        response: { 200: s.outboxList },
      },
    }, async (request) => {
      if (!anyClient && !isLocalRequest(request)) throw new OutboxLocalOnly();
      const { to, limit, after, wait } = request.query;
      const closed = new AbortController();
      request.raw.once('close', () => closed.abort());
      const items = await identity.mailer.waitForOutbox(to, limit, { afterId: after, maxWaitMs: wait * 1000, signal: closed.signal });
      return { items: items.map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, createdAt: m.createdAt.toISOString() })) };
    });
  }
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/** Sent from this machine, to this machine by a loopback name, through no proxy. The peer
    address alone is not enough: a reverse proxy on this host, or a web page whose DNS name was
    rebound to 127.0.0.1, also connects from loopback — the first adds forwarding headers, the
    second sends its own name as Host. */
export function isLocalRequest(request: FastifyRequest): boolean {
  const peer = request.raw.socket.remoteAddress ?? '';
  const loopbackPeer = peer === '::1' || /^(::ffff:)?127\./.test(peer);
  const h = request.headers;
  const forwarded = h.forwarded !== undefined || h['x-forwarded-for'] !== undefined || h['x-real-ip'] !== undefined || h['x-forwarded-host'] !== undefined;
  return loopbackPeer && !forwarded && LOOPBACK_HOST.test(h.host ?? '');
}
