import type { TxGuard } from '../db/index.js';
import type { FastifyRequest } from 'fastify';
import type { AuthzDecision, Caller, OrgPrincipal, Principal, RequestSource } from '../lib/caller.js';

export type { AuthzDecision, Principal } from '../lib/caller.js';

/** Every route says who may call it; registration fails without this (see auth-hook.ts). */
export type RouteAccess =
  | { access: 'public' }
  | { access: 'user' }
  | { access: 'org'; permission: string; resource?: (request: FastifyRequest) => { type: string; id: string } | undefined };

export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;

/** Decides (principal, permission, resource) for org routes; the authz module provides it. */
export type Authorizer = (
  principal: OrgPrincipal,
  permission: string,
  resource: { type: string; id: string } | undefined,
) => Promise<AuthzDecision>;

/** Inspects a parsed JSON body before validation (the DLP check): throws to refuse it, or
    returns the body to hand on (possibly with opted-in fields masked). */
export type BodyInspector = (body: unknown, request: FastifyRequest) => unknown;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set by the auth hook on an organisation route (lib/caller.ts); null elsewhere. */
    caller: Caller | null;
    /** Set by the auth hook on an allowed organisation route: the decision again, inside each of
        the handler's transactions of that organisation (check and act in one transaction). */
    txGuard: TxGuard | null;
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
    /** JSON paths of fields that are never stored (passwords, one-time codes, tokens): the DLP
        check skips them (they are hashed or compared, never kept; logs redact them by name). */
    dlpSkipPaths?: readonly string[];
    /** The media type of a success body that is not JSON (text/plain, application/jsonl…):
        documented as that content type in /openapi.json (src/http/openapi.ts). */
    produces?: string;
  }
}
