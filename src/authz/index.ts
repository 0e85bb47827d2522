/* Public surface of the authorization module: the permission catalog, the one decision
   function, roles, policy toggles, per-resource roles, plans and restricted API keys. */
export { createAuthz, startAuthz, authzConfig, type Authz, type AuthzConfig, type AuthzDeps } from './module.js';
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
