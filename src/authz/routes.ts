/* HTTP surface of authorization (docs/api.md "Organisations, members, roles and keys"). Thin:
   parse, take the organisation and actor from the authenticated principal (never from the
   request, TEN-1), call the service, shape the reply. The auth hook has already checked the
   route's permission with decide() before a handler runs. The one route with an organisation in
   its path is the platform super-admin's plan switch, which acts on no "current" organisation. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { text } from '../lib/text.js';
import { requireCaller, type OrgPrincipal, type Principal, type RequestSource } from '../lib/caller.js';
import { GRANTABLE, TOGGLE_NAMES, catalogDocument, type Toggle } from './catalog.js';
import { PLAN_NAME } from '../config/plans.js';
import type { ApiKeys } from './api-keys.js';
import type { AuthzService } from './service.js';

export interface AuthzRoutesOptions {
  service: AuthzService;
  apiKeys: ApiKeys;
  /** Throws step_up_required unless the session authenticated recently (identity); creating an
      API key is a sensitive action. Absent: no check (tests of this module alone). */
  requireRecentAuth?: (sessionId: string) => Promise<void>;
}

const orgPrincipal = (request: FastifyRequest): OrgPrincipal => requireCaller(request).principal;

function ctx(request: FastifyRequest): { source: RequestSource; reason: string | undefined } {
  return { source: request.source, reason: request.auditReason };
}

const security = [{ session: [] }, { apiKey: [] }];
const id = text().min(1).max(100);
const permissionName = text().min(1).max(100);

const roleSchema = z.object({
  id: text(),
  name: text(),
  description: text(),
  builtIn: z.boolean(),
  permissions: z.array(text()),
  createdAt: text().nullable(),
  updatedAt: text().nullable(),
});

const policySchema = z.object({
  toggles: z.array(z.object({ name: text(), description: text(), governs: z.array(text()), disabledFor: z.array(text()) })),
});

const apiKeySchema = z.object({
  id: text(),
  name: text(),
  hint: text(),
  scopes: z.array(text()),
  createdBy: text(),
  createdAt: text(),
  expiresAt: text().nullable(),
  allowedIps: z.array(text()).nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  revokedAt: text().nullable(),
  lastUsedAt: text().nullable(),
  lastUsedIp: text().nullable(),
});

const catalogSchema = z.object({
  permissions: z.array(z.object({
    name: text(), domain: text(), description: text(), builtinRoles: z.array(text()),
    feature: text().nullable(), toggle: text().nullable(), keyScopable: z.boolean(),
  })),
  roles: z.array(z.object({ id: text(), description: text(), permissions: z.array(text()) })),
  plans: z.array(z.object({ name: text(), features: z.array(text()) })),
  toggles: z.array(z.object({ name: text(), description: text(), governs: z.array(text()) })),
  resourceTypes: z.array(z.object({ type: text(), roles: z.record(text(), z.array(text())) })),
});

export async function authzRoutes(app: FastifyInstance, opts: AuthzRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service, apiKeys } = opts;
  const catalog = catalogDocument(service.plans);

  r.get('/v1/permissions', {
    config: { access: 'public' },
    schema: { summary: 'The permission catalog: permissions, built-in roles, plans, policy toggles, resource roles', tags: ['authorization'], response: { 200: catalogSchema } },
  }, async () => catalog);

  r.get('/v1/org/my-permissions', {
    config: { access: 'org', permission: 'org:read' },
    schema: {
      summary: 'What the caller may do in the current organisation, after every layer',
      tags: ['authorization'], security,
      response: { 200: z.object({ permissions: z.array(text()), roles: z.array(text()), plan: text() }) },
    },
  }, async (request) => service.permissionsOf(orgPrincipal(request), ctx(request)));

  // ---- roles

  r.get('/v1/org/roles', {
    config: { access: 'org', permission: 'roles:read' },
    schema: { summary: 'Built-in and custom roles', tags: ['authorization'], security, response: { 200: z.object({ items: z.array(roleSchema) }) } },
  }, async (request) => ({ items: await service.listRoles(orgPrincipal(request), ctx(request)) }));

  r.post('/v1/org/roles', {
    config: { access: 'org', permission: 'roles:write' },
    schema: {
      summary: 'Create a custom role from catalog permissions you hold',
      tags: ['authorization'], security,
      body: z.strictObject({
        name: text().trim().min(1).max(100),
        description: text().max(500).optional(),
        permissions: z.array(permissionName).min(1).max(200),
      }),
      response: { 201: roleSchema },
    },
  }, async (request, reply) => reply.code(201).send(await service.createRole(orgPrincipal(request), request.body, ctx(request))));

  r.patch('/v1/org/roles/:id', {
    config: { access: 'org', permission: 'roles:write' },
    schema: {
      summary: 'Change a custom role (built-in roles are read-only)',
      tags: ['authorization'], security,
      params: z.strictObject({ id }),
      body: z.strictObject({
        name: text().trim().min(1).max(100).optional(),
        description: text().max(500).optional(),
        permissions: z.array(permissionName).min(1).max(200).optional(),
      }),
      response: { 200: roleSchema },
    },
  }, async (request) => service.updateRole(orgPrincipal(request), request.params.id, request.body, ctx(request)));

  r.delete('/v1/org/roles/:id', {
    config: { access: 'org', permission: 'roles:write' },
    schema: { summary: 'Delete a custom role no member or invitation holds', tags: ['authorization'], security, params: z.strictObject({ id }), response: { 204: z.null() } },
  }, async (request, reply) => {
    await service.deleteRole(orgPrincipal(request), request.params.id, ctx(request));
    return reply.code(204).send(null);
  });

  // ---- policy toggles

  r.get('/v1/org/policies', {
    config: { access: 'org', permission: 'policies:read' },
    schema: { summary: 'Organisation policy toggles and the roles each is switched off for', tags: ['authorization'], security, response: { 200: policySchema } },
  }, async (request) => service.getPolicies(orgPrincipal(request), ctx(request)));

  r.patch('/v1/org/policies', {
    config: { access: 'org', permission: 'policies:write' },
    schema: {
      summary: 'Switch policy toggles per role',
      tags: ['authorization'], security,
      body: z.strictObject({
        changes: z.array(z.strictObject({ toggle: z.enum(TOGGLE_NAMES as [Toggle, ...Toggle[]]), role: id, enabled: z.boolean() })).min(1).max(100),
      }),
      response: { 200: policySchema },
    },
  }, async (request) => service.setPolicies(orgPrincipal(request), request.body.changes, ctx(request)));

  // ---- API keys

  r.post('/v1/org/api-keys', {
    config: { access: 'org', permission: 'api_keys:write' },
    schema: {
      summary: 'Create a restricted API key; the key is in this response only',
      description: `Scopes are catalog permission names you hold, e.g. ["members:read"]. Key-scopable: ${GRANTABLE.join(', ')} except api_keys:write.`,
      tags: ['authorization'], security,
      body: z.strictObject({
        name: text().trim().min(1).max(100),
        scopes: z.array(permissionName).min(1).max(100),
        expiresAt: text().datetime({ offset: true }).optional(),
        allowedIps: z.array(text().min(1).max(64)).min(1).max(50).optional(),
      }),
      response: { 201: z.object({ key: text(), apiKey: apiKeySchema }) },
    },
  }, async (request, reply) => {
    const b = request.body;
    const p = orgPrincipal(request);
    if (p.kind === 'user' && opts.requireRecentAuth) await opts.requireRecentAuth(p.sessionId);
    const created = await apiKeys.create(orgPrincipal(request), {
      name: b.name,
      scopes: b.scopes,
      expiresAt: b.expiresAt ? new Date(b.expiresAt) : undefined,
      allowedIps: b.allowedIps,
    }, ctx(request));
    // The key must not linger in any cache between us and the client.
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  r.get('/v1/org/api-keys', {
    config: { access: 'org', permission: 'api_keys:read' },
    schema: { summary: 'API keys of the organisation (never the key itself)', tags: ['authorization'], security, response: { 200: z.object({ items: z.array(apiKeySchema) }) } },
  }, async (request) => ({ items: await apiKeys.list(orgPrincipal(request), ctx(request)) }));

  r.delete('/v1/org/api-keys/:id', {
    config: { access: 'org', permission: 'api_keys:write' },
    schema: { summary: 'Revoke an API key, effective on every node from the next request', tags: ['authorization'], security, params: z.strictObject({ id }), response: { 204: z.null() } },
  }, async (request, reply) => {
    await apiKeys.revoke(orgPrincipal(request), request.params.id, ctx(request));
    return reply.code(204).send(null);
  });

  // ---- platform

  r.put('/v1/platform/orgs/:orgId/plan', {
    config: { access: 'user' },
    schema: {
      summary: "Set an organisation's plan (platform super-admins only)",
      tags: ['platform'], security: [{ session: [] }],
      params: z.strictObject({ orgId: id }),
      // Which names exist is configuration (PALISADE_PLANS): an unlisted one is unknown_plan.
      body: z.strictObject({ plan: text().regex(PLAN_NAME) }),
      response: { 200: z.object({ orgId: text(), plan: text(), previous: text() }) },
    },
  }, async (request) => {
    const p = request.principal as Principal;
    return service.setPlan(p, request.params.orgId, request.body.plan, ctx(request));
  });
}
