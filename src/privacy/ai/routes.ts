/* HTTP surface of consent, minors and the AI egress guard (docs/privacy.md#consent-and-ai).
   Thin: parse, take the organisation and actor from the authenticated principal (TEN-1), call
   the service, shape the reply. Consent is a person's act: ai:manage is admin-only and no API
   key may carry it. POST /v1/org/ai/complete is the only route that reaches an AI provider; it
   is rate limited per user (PALISADE_LIMIT_AI, src/http/anti-automation.ts). Its prompt fields
   skip the DLP door (dlpSkipPaths): they are never stored, and the egress guard removes card and
   bank numbers from them itself, reporting what it removed instead of refusing the call. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCaller } from '../../lib/caller.js';
import type { Ai } from './service.js';
import * as s from './schemas.js';

export interface AiRoutesOptions {
  ai: Ai;
}

const tags = ['privacy'];
const security = [{ session: [] }, { apiKey: [] }];

export async function aiRoutes(app: FastifyInstance, opts: AiRoutesOptions): Promise<void> {
  const { ai } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ---- consent (PRIV-4)
  r.get('/v1/org/ai/consent', {
    config: { access: 'org', permission: 'ai:use' },
    schema: { summary: 'Whether AI features are on for the organisation, under which policy version, and the consent ledger (newest first)', tags, security, response: { 200: s.consentState, ...s.problems() } },
  }, async (request) => ai.consent(requireCaller(request)));

  r.get('/v1/org/consents', {
    config: { access: 'org', permission: 'ai:use' },
    schema: { summary: 'The consent ledger: every grant and withdrawal of AI consent, the organisation\'s and its minors\', with time, actor and policy version, newest first (append-only; the read is audited)', tags, security, response: { 200: s.ledger, ...s.problems() } },
  }, async (request) => ({ items: await ai.ledger(requireCaller(request)) }));

  r.put('/v1/org/ai/consent', {
    config: { access: 'org', permission: 'ai:manage' },
    schema: {
      summary: 'Turn AI features on: records the consent (time, actor, policy version) in the append-only ledger (admins only; audited)',
      tags, security, body: s.grantBody, response: { 200: s.consentState, ...s.problems() },
    },
  }, async (request) => ai.grant(requireCaller(request), request.body.policyVersion));

  r.delete('/v1/org/ai/consent', {
    config: { access: 'org', permission: 'ai:manage' },
    schema: { summary: 'Withdraw the consent: AI features are off from the next call on (admins only; audited)', tags, security, response: { 200: s.consentState, ...s.problems() } },
  }, async (request) => ai.withdraw(requireCaller(request)));

  r.put('/v1/org/ai/policy', {
    config: { access: 'org', permission: 'ai:manage' },
    schema: {
      summary: 'The organisation\'s AI policy: may data about minors reach the AI provider at all (off by default; each minor also needs a recorded consent)',
      tags, security, body: s.policyBody, response: { 200: s.consentState, ...s.problems() },
    },
  }, async (request) => ai.setPolicy(requireCaller(request), request.body.minorData));

  // ---- minors (PRIV-10)
  r.get('/v1/org/privacy/minors', {
    config: { access: 'org', permission: 'members:read' },
    schema: { summary: 'Members marked as minors, with the consent in force for their data to reach the AI provider', tags, security, response: { 200: s.minorList, ...s.problems() } },
  }, async (request) => ({ items: await ai.listMinors(requireCaller(request)) }));

  r.put('/v1/org/privacy/minors/:userId', {
    config: { access: 'org', permission: 'minors:write' },
    schema: { summary: 'Mark a member as a minor: their data then reaches the AI provider only with policy and consent (audited)', tags, security, params: s.userParams, response: { 204: z.null(), ...s.problems(404) } },
  }, async (request, reply) => {
    await ai.markMinor(requireCaller(request), request.params.userId);
    return reply.code(204).send(null);
  });

  r.delete('/v1/org/privacy/minors/:userId', {
    config: { access: 'org', permission: 'minors:write' },
    schema: { summary: 'Remove the minor mark from a member (audited)', tags, security, params: s.userParams, response: { 204: z.null(), ...s.problems(404) } },
  }, async (request, reply) => {
    await ai.unmarkMinor(requireCaller(request), request.params.userId);
    return reply.code(204).send(null);
  });

  r.put('/v1/org/ai/minors/:userId/consent', {
    config: { access: 'org', permission: 'ai:manage' },
    schema: {
      summary: 'Record the consent (e.g. a guardian\'s) for a minor member\'s data to reach the AI provider, with its policy version (admins only; audited)',
      tags, security, params: s.userParams, body: s.grantBody, response: { 200: s.minorView, ...s.problems(404) },
    },
  }, async (request) => ai.grantMinorConsent(requireCaller(request), request.params.userId, request.body.policyVersion));

  r.delete('/v1/org/ai/minors/:userId/consent', {
    config: { access: 'org', permission: 'ai:manage' },
    schema: { summary: 'Withdraw a minor\'s consent: their data no longer reaches the AI provider (admins only; audited)', tags, security, params: s.userParams, response: { 200: s.minorView, ...s.problems(404) } },
  }, async (request) => ai.withdrawMinorConsent(requireCaller(request), request.params.userId));

  // ---- the egress (PRIV-5, PRIV-6)
  r.post('/v1/org/ai/complete', {
    config: { access: 'org', permission: 'ai:use', dlpSkipPaths: ['$.prompt', '$.system'] },
    schema: {
      summary: 'Send a prompt to the configured AI provider: the only way Palisade talks to one. Refused without consent; credentials, secrets, card and bank numbers and people\'s data are removed first, and the reply says what was removed (categories and counts, never values)',
      description: '403 ai_consent_required without consent; 403 ai_minor_data_refused when `about` names a minor without policy and consent; 404 ai_not_configured without a provider; 429 rate_limited (per user, with Retry-After); 503 ai_provider_unavailable when the provider is down, slow (past PALISADE_AI_TIMEOUT_MS) or answers an error.',
      tags, security, body: s.completeBody, response: { 200: s.completion, ...s.problems(404, 429, 503) },
    },
  }, async (request) => ai.complete(requireCaller(request), request.body));
}
