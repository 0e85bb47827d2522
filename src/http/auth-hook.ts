/* Authentication and the route access gate. Every route declares `config.access`
   ('public' | 'user' | 'org' + permission); a route without one cannot be registered, so no
   endpoint is reachable by accident. The organisation of an org route is the principal's
   (session's active org or the API key's org), never anything in the request (TEN-1). A
   denial is audited with the layer that decided it; the response does not say which, except
   for the plan layer: a member who holds the permission is told which entitlement their
   organisation's plan lacks (entitlement_required). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden, Unauthenticated } from '../lib/errors.js';
import { callerOf } from '../lib/caller.js';
import { appendAudit } from '../audit/index.js';
import { EntitlementRequired } from '../authz/index.js';
import { runGuarded, unguarded, withOrg, type Db, type OrgTx } from '../db/index.js';
import type { AuthzDecision, OrgPrincipal } from '../lib/caller.js';
import type { Authenticator, Authorizer } from './types.js';

export interface AuthHookOptions {
  db: Db;
  authenticators: Authenticator[];
  authorize: Authorizer;
  /** The same decision inside a transaction of the handler (under the facts lock); with it, every
      withOrg transaction the handler opens in the organisation decides again before it acts. */
  decideInTx?: (tx: OrgTx, principal: OrgPrincipal, permission: string, resource: { type: string; id: string } | undefined) => Promise<AuthzDecision>;
}

const REASON_HEADER = 'palisade-audit-reason';
const MAX_REASON = 500;

async function authHook(app: FastifyInstance, opts: AuthHookOptions): Promise<void> {
  app.decorateRequest('principal', null);
  app.decorateRequest('caller', null);
  app.decorateRequest('txGuard', null);
  app.decorateRequest('source', null as never);
  app.decorateRequest('auditReason', undefined);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access !== 'public' && access !== 'user' && access !== 'org') {
      throw new TypeError(`route ${route.method} ${route.url} declares no config.access`);
    }
    if (access === 'org' && !route.config?.permission) {
      throw new TypeError(`org route ${route.method} ${route.url} declares no permission`);
    }
    // The handler runs under its request's transaction guard (set below once it is allowed).
    const handler = route.handler;
    route.handler = function guardedHandler(this: FastifyInstance, request, reply) {
      return runGuarded(request.txGuard, () => handler.call(this, request, reply));
    };
  });

  app.addHook('onRequest', async (request) => {
    const reason = request.headers[REASON_HEADER];
    request.source = {
      ip: request.ip,
      userAgent: (request.headers['user-agent'] ?? '').slice(0, 512) || null,
      requestId: request.id,
    };
    request.auditReason = typeof reason === 'string' && reason.length ? reason.slice(0, MAX_REASON) : undefined;
  });

  // preHandler: after body parsing and validation, so a malformed request is a 400 whoever sends it.
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    if (request.is404) return;
    if (config.access === 'public' && !request.url.startsWith('/v1/')) return;
    for (const authenticate of opts.authenticators) {
      const principal = await authenticate(request);
      if (principal) {
        request.principal = principal;
        break;
      }
    }
    if (config.access === 'public') return;
    if (!request.principal) throw new Unauthenticated();
    if (config.access === 'user') {
      if (request.principal.kind !== 'user') throw new Forbidden('This endpoint needs a signed-in user');
      return;
    }
    const caller = callerOf(request.principal, request.source, request.auditReason);
    const permission = config.permission as string;
    const resource = config.resource?.(request);
    const decision = await opts.authorize(caller.principal, permission, resource);
    if (!decision.allowed) {
      await withOrg(opts.db, caller.orgId, caller.actor, (tx) =>
        appendAudit(tx, {
          action: 'authz.denied',
          actor: caller.actor,
          outcome: 'denied',
          denyLayer: decision.layer,
          source: request.source,
          ...(request.auditReason ? { reason: request.auditReason } : {}),
          ...(resource ? { target: resource } : {}),
          metadata: { permission, route: `${request.method} ${request.routeOptions.url}` },
        }),
      );
      throw refusal(decision);
    }
    request.caller = caller;
    const decideInTx = opts.decideInTx;
    if (decideInTx) {
      // Decided again as the first statement of each of the handler's transactions in this
      // organisation, under the lock every change of authorization facts takes exclusively: a
      // change committed since the decision above refuses the action (docs/authorization.md).
      request.txGuard = {
        orgId: caller.orgId,
        async check(tx) {
          const again = await decideInTx(tx, caller.principal, permission, resource);
          if (again.allowed) return;
          await unguarded(() =>
            withOrg(opts.db, caller.orgId, caller.actor, (audit) =>
              appendAudit(audit, {
                action: 'authz.denied',
                actor: caller.actor,
                outcome: 'denied',
                denyLayer: again.layer,
                source: request.source,
                ...(request.auditReason ? { reason: request.auditReason } : {}),
                ...(resource ? { target: resource } : {}),
                metadata: { permission, route: `${request.method} ${request.routeOptions.url}`, inTransaction: true },
              }),
            ),
          );
          throw refusal(again);
        },
      };
    }
  });
}

/** The client's answer to a denial: forbidden, or entitlement_required for the plan layer. */
function refusal(decision: AuthzDecision): Forbidden | EntitlementRequired {
  if (!decision.allowed && decision.layer === 'plan' && decision.entitlement) return new EntitlementRequired(decision.entitlement.feature, decision.entitlement.plan);
  return new Forbidden();
}

export const authHookPlugin = fp(authHook, { name: 'palisade-auth-hook', fastify: '5.x' });
