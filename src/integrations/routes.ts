/* HTTP surface of the integration vault (docs/api.md "Integration credentials"). Thin: parse,
   take the organisation and actor from the authenticated principal (TEN-1), call the service,
   shape the reply. No route decrypts: the service's useCredential is not reachable from here. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCaller } from '../lib/caller.js';
import type { Caller, Integrations } from './service.js';
import * as s from './schemas.js';

export interface IntegrationRoutesOptions {
  service: Integrations;
}

const caller = (request: FastifyRequest): Caller => requireCaller(request);

const tags = ['integrations'];
const security = [{ session: [] }, { apiKey: [] }];

export async function integrationRoutes(app: FastifyInstance, opts: IntegrationRoutesOptions): Promise<void> {
  const { service } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/integrations/providers', {
    config: { access: 'public' },
    schema: { summary: 'Providers that can be connected, and the minimal scopes each credential needs', tags, response: { 200: s.providerList } },
  }, async () => ({ items: service.providers().map((p) => ({ ...p, scopes: [...p.scopes] })) }));

  r.post('/v1/org/integrations', {
    config: { access: 'org', permission: 'integrations:write' },
    schema: {
      summary: 'Connect a credential (write-only: the reply and every later read carry only metadata)',
      tags, security, body: s.connectBody, response: { 201: s.integration },
    },
  }, async (request, reply) => reply.code(201).send(await service.connect(caller(request), request.body)));

  r.get('/v1/org/integrations', {
    config: { access: 'org', permission: 'integrations:read' },
    schema: { summary: 'Connected integrations: name, provider, fingerprint, last 4, scopes — never the credential', tags, security, querystring: s.listQuery, response: { 200: s.integrationList } },
  }, async (request) => service.list(caller(request), request.query.limit, request.query.cursor ?? null));

  r.post('/v1/org/integrations/:id/rotate', {
    config: { access: 'org', permission: 'integrations:write' },
    schema: { summary: 'Replace the stored credential with a new one of the same provider', tags, security, params: s.idParams, body: s.rotateBody, response: { 200: s.integration } },
  }, async (request) => service.rotate(caller(request), request.params.id, request.body.credential));

  r.delete('/v1/org/integrations/:id', {
    config: { access: 'org', permission: 'integrations:write' },
    schema: { summary: 'Disconnect: deletes the stored ciphertext', tags, security, params: s.idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await service.disconnect(caller(request), request.params.id);
    return reply.code(204).send(null);
  });
}
