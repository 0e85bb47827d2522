/* Anti-automation beyond /v1/auth (ASVS V2.4.1): the operations that send mail, create
   tenants, mint credentials or copy the whole audit log are limited per organisation (per user
   for creating organisations), in fixed windows shared by every node through PostgreSQL (the
   same atomic counter as the authentication limits, identity/rate-limit.ts). Counted after
   authentication and authorization, so only a caller allowed to do the thing spends the
   budget — an outsider cannot exhaust an organisation's. Limits are "N/S" settings
   (docs/configuration.md); the answer over a limit is 429 rate_limited with Retry-After.
   The routes are named here, in one place; a name that matches no registered route stops the
   server at start, so a renamed route cannot silently lose its limit. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/schema.js';

export interface RouteLimit {
  /** "METHOD /path" exactly as registered. */
  route: string;
  /** Whose budget: the active organisation's, or the signed-in user's. */
  per: 'org' | 'user';
  limit: number;
  windowMs: number;
}

export interface AntiAutomationDeps {
  limits: readonly RouteLimit[];
  hitEach(endpoint: string, counters: ReadonlyArray<{ subject: string; limit: number }>, windowMs: number): Promise<void>;
}

/** Parses "N/S" (N requests per S seconds). */
export function parseRouteLimit(route: string, per: 'org' | 'user', value: string): RouteLimit {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new TypeError(`limit for ${route} must be N/S, got ${value}`);
  return { route, per, limit: Math.max(1, Number(m[1])), windowMs: Math.max(1, Number(m[2])) * 1000 };
}

function subjectOf(request: FastifyRequest, per: 'org' | 'user'): string | null {
  const p = request.principal;
  if (!p) return null;
  if (per === 'org') return p.orgId ? `org:${p.orgId}` : null;
  return p.kind === 'user' ? `user:${p.userId}` : `key:${p.keyId}`;
}

export function registerAntiAutomation(app: FastifyInstance, deps: AntiAutomationDeps): void {
  const byRoute = new Map(deps.limits.map((l) => [l.route, l]));
  const seen = new Set<string>();
  app.addHook('onRoute', (r) => {
    for (const m of ([] as string[]).concat(r.method as string | string[])) if (byRoute.has(`${m} ${r.url}`)) seen.add(`${m} ${r.url}`);
  });
  app.addHook('onReady', async () => {
    const missing = [...byRoute.keys()].filter((k) => !seen.has(k));
    if (missing.length) throw new TypeError(`anti-automation limits name no registered route: ${missing.join(', ')}`);
  });
  // A preHandler registered after the auth hook's: runs once the caller is known and allowed.
  app.addHook('preHandler', async (request) => {
    const l = byRoute.get(`${request.method} ${request.routeOptions.url ?? ''}`);
    if (!l) return;
    const subject = subjectOf(request, l.per);
    if (!subject) return;
    await deps.hitEach(l.route, [{ subject, limit: l.limit }], l.windowMs);
  });
}

/** The limited routes and their settings. */
export function routeLimits(c: Config): RouteLimit[] {
  return [
    parseRouteLimit('POST /v1/org/invitations', 'org', c.PALISADE_LIMIT_INVITATIONS),
    parseRouteLimit('POST /v1/orgs', 'user', c.PALISADE_LIMIT_ORG_CREATION),
    parseRouteLimit('POST /v1/org/api-keys', 'org', c.PALISADE_LIMIT_API_KEY_CREATION),
    parseRouteLimit('GET /v1/org/audit/export', 'org', c.PALISADE_LIMIT_AUDIT_EXPORT),
    parseRouteLimit('POST /v1/org/ai/complete', 'user', c.PALISADE_LIMIT_AI),
  ];
}
