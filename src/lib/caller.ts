/* Who is calling, written once. An authenticator (a session or an API key) establishes a
   Principal; the auth hook turns the principal of an organisation route into a Caller, once per
   request, and every domain takes that Caller: the organisation (branded OrgId, so it cannot be
   swapped with another string), the actor recorded in the transaction and the audit log, where
   the request came from and the reason the caller gave. The organisation always comes from the
   principal, never from the request (TEN-1). */
import { Forbidden, Unauthenticated } from './errors.js';
import type { OrgId } from './ids.js';

export type { OrgId } from './ids.js';

/** Where a request came from, as recorded in the audit log. */
export interface RequestSource {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** Who is acting, as recorded in the transaction (`palisade.actor`) and the audit log. */
export interface Actor {
  type: 'user' | 'api_key' | 'system' | 'super_admin' | 'anonymous' | 'agent';
  id: string | null;
}

/** Who is calling, as established by an authenticator. */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      /** The session's active organisation, or null when none is selected. */
      orgId: OrgId | null;
      superAdmin: boolean;
    }
  | { kind: 'api_key'; keyId: string; orgId: OrgId; scopes: readonly string[]; createdBy: string | null };

/** A principal acting in an organisation. */
export type OrgPrincipal = Principal & { orgId: OrgId };

/** The caller of an organisation route: set once by the auth hook, taken by every domain. */
export interface Caller {
  readonly principal: OrgPrincipal;
  readonly orgId: OrgId;
  readonly actor: Actor;
  readonly source: RequestSource;
  /** Caller-supplied reason for the audit record (Palisade-Audit-Reason), length-limited. */
  readonly reason?: string | undefined;
}

/** The part of a Caller a service needs to act in an organisation and audit it. Code acting
    for no principal (a job, a test) builds one with a system actor. */
export type Acting = Pick<Caller, 'orgId' | 'actor'> & { readonly source?: RequestSource | undefined; readonly reason?: string | undefined };

/** The outcome of the authorization decision for one org route. */
export type AuthzDecision = { allowed: true } | { allowed: false; layer: string; reason?: string; /** A plan-layer refusal: the missing feature and the plan. */ entitlement?: { feature: string; plan: string } };

export function actorOf(p: Principal | null): Actor {
  if (!p) return { type: 'anonymous', id: null };
  if (p.kind === 'api_key') return { type: 'api_key', id: p.keyId };
  return { type: p.superAdmin ? 'super_admin' : 'user', id: p.userId };
}

/** The principal of an organisation route, or the refusal: none (401), no active org (403). */
export function requireOrg(p: Principal | null): OrgPrincipal {
  if (!p) throw new Unauthenticated();
  if (!p.orgId) throw new Forbidden('Select an organisation first (PUT /v1/me/active-org)');
  return p as OrgPrincipal;
}

export function callerOf(p: Principal | null, source: RequestSource, reason?: string): Caller {
  const principal = requireOrg(p);
  return { principal, orgId: principal.orgId, actor: actorOf(principal), source, reason };
}

/** The Caller the auth hook set on an organisation route; fails closed when there is none. */
export function requireCaller(request: { caller: Caller | null; principal: Principal | null }): Caller {
  if (request.caller) return request.caller;
  requireOrg(request.principal);
  throw new Unauthenticated();
}
