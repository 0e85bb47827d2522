/* HTTP surface of the webhooks module. Thin: parse, call the service, shape the reply.
   POST /v1/inbound/stripe is public: its authority is the Stripe-Signature over the raw body,
   so it lives in a child plugin whose JSON parser keeps the bytes unparsed (a re-serialised
   body would not verify) and hands them to the inbox. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCaller } from '../lib/caller.js';
import type { Outbound } from './outbound.js';
import type { StripeInbox } from './stripe.js';
import type { Agents } from './agents.js';
import * as s from './schemas.js';

export interface WebhookRoutesOptions {
  stripe: StripeInbox;
  outbound: Outbound;
  agents: Agents;
  bodyLimit: number;
}

const tags = ['webhooks'];
const security = [{ session: [] }, { apiKey: [] }];

const rawBodies = new WeakMap<FastifyRequest['raw'], Buffer>();

export async function webhookRoutes(app: FastifyInstance, opts: WebhookRoutesOptions): Promise<void> {
  const { outbound } = opts;
  const o = app.withTypeProvider<ZodTypeProvider>();

  // ---- outbound endpoints (WH-4)
  o.post('/v1/org/webhooks', {
    config: { access: 'org', permission: 'webhooks:write' },
    schema: { summary: 'Create a webhook endpoint; its whsec_ signing secret is in this response only', tags, security, body: s.createEndpointBody, response: { 201: s.endpointWithSecret, ...s.problems(422) } },
  }, async (request, reply) => reply.code(201).send(await outbound.createEndpoint(requireCaller(request), request.body)));

  o.get('/v1/org/webhooks', {
    config: { access: 'org', permission: 'webhooks:read' },
    schema: { summary: 'List the organisation\'s webhook endpoints (never their secrets)', tags, security, response: { 200: s.endpointList, ...s.problems() } },
  }, async (request) => ({ items: await outbound.listEndpoints(requireCaller(request)) }));

  o.get('/v1/org/webhooks/:endpointId', {
    config: { access: 'org', permission: 'webhooks:read' },
    schema: { summary: 'One webhook endpoint', tags, security, params: s.endpointParams, response: { 200: s.endpoint, ...s.problems(404) } },
  }, async (request) => outbound.getEndpoint(requireCaller(request), request.params.endpointId));

  o.patch('/v1/org/webhooks/:endpointId', {
    config: { access: 'org', permission: 'webhooks:write' },
    schema: { summary: 'Change a webhook endpoint: URL, description, event types; disable or re-enable it', tags, security, params: s.endpointParams, body: s.updateEndpointBody, response: { 200: s.endpoint, ...s.problems(404, 422) } },
  }, async (request) => outbound.updateEndpoint(requireCaller(request), request.params.endpointId, request.body));

  o.delete('/v1/org/webhooks/:endpointId', {
    config: { access: 'org', permission: 'webhooks:write' },
    schema: { summary: 'Delete a webhook endpoint and its delivery log', tags, security, params: s.endpointParams, response: { 204: z.null(), ...s.problems(404) } },
  }, async (request, reply) => {
    await outbound.deleteEndpoint(requireCaller(request), request.params.endpointId);
    return reply.code(204).send(null);
  });

  o.post('/v1/org/webhooks/:endpointId/rotate-secret', {
    config: { access: 'org', permission: 'webhooks:write' },
    schema: { summary: 'Rotate the signing secret: the new one is in this response only; both are signed with until the overlap ends (default 24 h)', tags, security, params: s.endpointParams, body: s.rotateBody, response: { 200: s.endpointWithSecret, ...s.problems(404) } },
  }, async (request) => outbound.rotateSecret(requireCaller(request), request.params.endpointId, request.body.overlapSeconds));

  o.get('/v1/org/webhooks/:endpointId/deliveries', {
    config: { access: 'org', permission: 'webhooks:read' },
    schema: { summary: 'The delivery log of an endpoint: the last 100 deliveries with every attempt', tags, security, params: s.endpointParams, response: { 200: s.deliveryList, ...s.problems(404) } },
  }, async (request) => ({ items: await outbound.listDeliveries(requireCaller(request), request.params.endpointId) }));

  o.post('/v1/org/webhooks/:endpointId/deliveries/:deliveryId/redeliver', {
    config: { access: 'org', permission: 'webhooks:write' },
    schema: { summary: 'Send a delivery again (same webhook-id, so receivers can deduplicate)', tags, security, params: s.deliveryParams, response: { 202: s.delivery, ...s.problems(404, 409) } },
  }, async (request, reply) => reply.code(202).send(await outbound.redeliver(requireCaller(request), request.params.endpointId, request.params.deliveryId)));

  // ---- signed agents (WH-3)
  const { agents } = opts;
  o.post('/v1/org/agents', {
    config: { access: 'org', permission: 'agents:write' },
    schema: { summary: 'Register an agent (a plugin, a worker) with its Ed25519 public key; its id is the keyid of its signatures', tags, security, body: s.registerAgentBody, response: { 201: s.agent, ...s.problems(422) } },
  }, async (request, reply) => reply.code(201).send(await agents.register(requireCaller(request), request.body)));

  o.get('/v1/org/agents', {
    config: { access: 'org', permission: 'agents:read' },
    schema: { summary: 'List the organisation\'s agents', tags, security, response: { 200: s.agentList, ...s.problems() } },
  }, async (request) => ({ items: await agents.list(requireCaller(request)) }));

  o.delete('/v1/org/agents/:agentId', {
    config: { access: 'org', permission: 'agents:write' },
    schema: { summary: 'Revoke an agent: its next request is refused', tags, security, params: s.agentParams, response: { 200: s.agent, ...s.problems(404) } },
  }, async (request) => agents.revoke(requireCaller(request), request.params.agentId));

  await app.register(async (inbound) => {
    inbound.removeAllContentTypeParsers();
    inbound.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (request, body, done) => {
      rawBodies.set(request.raw, body as Buffer);
      done(null, undefined);
    });
    const r = inbound.withTypeProvider<ZodTypeProvider>();
    r.post('/v1/agent/events', {
      config: { access: 'public' },
      schema: {
        summary: 'An agent reports a security event; the request must carry an RFC 9421 Ed25519 signature (keyid = agent id) covering @method, @path and content-digest, with created (≤ 5 min) and a fresh nonce',
        tags: ['webhooks'],
        consumes: ['application/json'],
        body: s.rawJson,
        response: { 202: s.agentReceipt, ...s.problemsOf(400, 401, 413, 415, 422) },
      },
    }, async (request, reply) => {
      const raw = rawBodies.get(request.raw) ?? Buffer.alloc(0);
      const res = await agents.receiveEvent({ method: request.method, url: request.raw.url ?? request.url, authority: request.headers.host ?? '', headers: request.headers }, raw, request.source);
      return reply.code(202).send({ accepted: true as const, ...res });
    });
    r.post('/v1/inbound/stripe', {
      config: { access: 'public' },
      schema: {
        summary: 'Stripe webhook endpoint: verified with the Stripe-Signature header over the raw body, each event id processed exactly once',
        tags: ['webhooks'],
        consumes: ['application/json'],
        body: s.rawJson,
        response: { 200: s.stripeReceipt, ...s.problemsOf(400, 404, 413, 415) },
      },
    }, async (request) => {
      const raw = rawBodies.get(request.raw) ?? Buffer.alloc(0);
      const signature = request.headers['stripe-signature'];
      const receipt = await opts.stripe.receive(raw, typeof signature === 'string' ? signature : undefined, request.source);
      return { received: true as const, ...receipt };
    });
  });
}
