import type { FastifyRequest } from 'fastify';
import type { RequestSource } from '../audit/index.js';

/** Who is calling, as established by an authenticator. The org always comes from here (TEN-1). */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      /** The session's active organisation, or null when none is selected. */
      orgId: string | null;
      superAdmin: boolean;
    }
  | { kind: 'api_key'; keyId: string; orgId: string; scopes: readonly string[]; createdBy: string | null };

/** Every route says who may call it; registration fails without this (see auth-hook.ts). */
export type RouteAccess =
  | { access: 'public' }
  | { access: 'user' }
  | { access: 'org'; permission: string; resource?: (request: FastifyRequest) => { type: string; id: string } | undefined };

export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;

export type AuthzDecision = { allowed: true } | { allowed: false; layer: string; reason?: string };

/** Decides (principal, permission, resource) for org routes; the authz module provides it. */
export type Authorizer = (
  principal: Principal & { orgId: string },
  permission: string,
  resource: { type: string; id: string } | undefined,
) => Promise<AuthzDecision>;

/** Inspects a parsed JSON body before validation (the DLP check): throws to refuse it, or
    returns the body to hand on (possibly with opted-in fields masked). */
export type BodyInspector = (body: unknown, request: FastifyRequest) => unknown;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    source: RequestSource;
    /** Caller-supplied reason for the audit record (Palisade-Audit-Reason), length-limited. */
    auditReason: string | undefined;
  }
  interface FastifyContextConfig {
    access?: RouteAccess['access'];
    permission?: string;
    resource?: (request: FastifyRequest) => { type: string; id: string } | undefined;
    /** JSON paths of evidence-text fields where card/bank numbers are masked to last 4 instead of refused. */
    dlpMaskPaths?: readonly string[];
  }
}
