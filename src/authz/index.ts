/* Public surface of the authorization module: the permission catalog, the one decision
   function, roles, policy toggles, per-resource roles, plans and restricted API keys. */
import type { Db } from '../db/index.js';
import type { NodeBus } from '../db/node-bus.js';
import type { FastifyRequest } from 'fastify';
import type { AuthzDecision, OrgPrincipal, Principal } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import type { Plans } from '../config/plans.js';
import { createApiKeys, type ApiKeys } from './api-keys.js';
import { createAuthzService, type AuthzService } from './service.js';
import { createFactsCache, type FactsCache } from './facts-cache.js';

export interface AuthzConfig {
  /** How often batched API-key last-used marks are written (ms). */
  keyUsageFlushMs: number;
  /** PALISADE_PLANS: plan name → features. */
  plans: Plans;
  /** PALISADE_DEFAULT_PLAN: the plan a new organisation gets. */
  defaultPlan: string;
}

export interface AuthzDeps {
  db: Db;
  clock: Clock;
  config: AuthzConfig;
  onError?: (message: string, error: unknown) => void;
  /** The node bus: with it, authorization facts and verified API keys are cached on this node
      and kept current by notifications; without it every check reads the database. */
  bus?: NodeBus | undefined;
}

export interface Authz {
  /** For the auth hook: decide(principal, permission, resource) with the request's facts. */
  authorize(p: OrgPrincipal, permission: string, resource: { type: string; id: string } | undefined): Promise<AuthzDecision>;
  /** For the auth hook's list: `Authorization: Bearer pal_live_…`. */
  authenticateApiKey(request: FastifyRequest): Promise<Principal | null>;
  service: AuthzService;
  apiKeys: ApiKeys;
  /** This node's cache of authorization facts (with a bus), for tests and metrics. */
  facts: FactsCache | undefined;
  /** Writes pending key usage, stops the flush timer and the caches. */
  stop(): Promise<void>;
}

/** Builds the authorization module. */
export function createAuthz(deps: AuthzDeps): Authz {
  const facts = deps.bus ? createFactsCache({ bus: deps.bus }) : undefined;
  const service = createAuthzService({ db: deps.db, clock: deps.clock, facts, plans: deps.config.plans, defaultPlan: deps.config.defaultPlan });
  const apiKeys = createApiKeys({
    db: deps.db,
    clock: deps.clock,
    bus: deps.bus,
    service,
    usageFlushMs: deps.config.keyUsageFlushMs,
    ...(deps.onError ? { onError: deps.onError } : {}),
  });
  return {
    authorize: service.authorize,
    authenticateApiKey: apiKeys.authenticate,
    service,
    apiKeys,
    facts,
    stop: async () => {
      await apiKeys.stop();
      facts?.stop();
    },
  };
}

export { AUTHZ_CHANNEL, type FactsCache } from './facts-cache.js';
export { API_KEY_CHANNEL } from './api-keys.js';
export type { AuthzService, OrgPrincipal, RoleView, PolicyView, Facts } from './service.js';
export type { ApiKeys, ApiKeyView, ApiKeyInput } from './api-keys.js';
export type { DecisionInput, Decision, Layer, RoleFacts } from './decide.js';
export type { Permission, PermissionSpec, BuiltinRole, Feature, Plan, Plans, Toggle, ResourceRole, ResourceType } from './catalog.js';
/** The catalog: every permission by owning domain, built-in roles, plans, toggles, resource roles. */
export {
  PERMISSIONS,
  PERMISSION_NAMES,
  GRANTABLE,
  BUILTIN_ROLES,
  BUILTIN_ROLE_PERMISSIONS,
  FEATURES,
  planFeatures,
  TOGGLES,
  RESOURCE_TYPES,
  isPermission,
  isBuiltinRole,
  catalogDocument,
  assertRoutePermission,
} from './catalog.js';
/** The one decision function (pure) and its helpers. */
export { decide, holds, effectivePermissions, LAYERS } from './decide.js';
/** API key format helpers (for secret scanners' patterns and tests). */
export { KEY_PATTERN, isWellFormedKey } from './key-format.js';
/** The Fastify plugin of /v1/permissions, /v1/org/roles, /v1/org/policies, /v1/org/api-keys, /v1/platform/…/plan. */
export { authzRoutes } from './routes.js';
export * from './errors.js';
