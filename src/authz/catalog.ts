/* The permission catalog: every action Palisade exposes, by the domain that owns it. A route
   names one of these in `config.permission`; a route naming anything else fails the catalog
   test (src/authz/catalog.test.ts), and decide() denies any name it does not know (fail
   closed). Built-in roles are derived from the `minRole` column, so viewer ⊂ operator ⊂ admin
   holds by construction. The features a permission needs and the policy toggles live here too, so
   one file answers "what can be granted, and what can switch it off"; which plan entitles which
   feature is configuration (PALISADE_PLANS, src/config/plans.ts). Claims RBAC-1, RBAC-2, RBAC-3, RBAC-4. */

/** The product's built-in organisation roles, least to most powerful. */
export const BUILTIN_ROLES = ['viewer', 'operator', 'admin'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];

/* Plan entitlements (layer 4): the feature names live with the configuration schema
   (src/config/plans.ts), because which plan entitles which feature is operator configuration
   (PALISADE_PLANS); only the attachment of a feature to a permission is fixed here. */
export { FEATURES, type Feature, type Plans } from '../config/plans.js';
import type { Feature, Plans } from '../config/plans.js';

/** A plan name; which names exist is configuration (PALISADE_PLANS). */
export type Plan = string;

/** The features a plan entitles; a plan the configuration does not list entitles nothing. */
export function planFeatures(plans: Plans, plan: string): readonly Feature[] {
  return Object.prototype.hasOwnProperty.call(plans, plan) ? (plans[plan] ?? []) : [];
}

/** Organisation policy toggles (layer 5): per-role switches an org admin sets. Each governs
    some permissions; a toggle is on for every role until an admin switches it off. No toggle
    governs policies:write, so an admin can always switch one back on. */
export const TOGGLES = {
  api_keys: 'Members with this role may create and revoke API keys',
  invitations: 'Members with this role may invite people to the organisation',
  integrations: 'Members with this role may connect and disconnect integrations',
  audit_export: 'Members with this role may export the audit log',
  sharing: 'Members with this role may share record collections with other members',
  data_export: 'Members with this role may export personal data',
} as const;
export type Toggle = keyof typeof TOGGLES;
export const TOGGLE_NAMES = Object.keys(TOGGLES) as Toggle[];

export interface PermissionSpec {
  /** The module that owns the action (and its routes). */
  domain: string;
  description: string;
  /** The least built-in role holding it; 'platform' = only the platform super-admin. */
  minRole: BuiltinRole | 'platform';
  /** The plan feature it needs, if any (layer 4). */
  feature?: Feature;
  /** The policy toggle that can switch it off per role, if any (layer 5). */
  toggle?: Toggle;
  /** May an API key carry it? Keys cannot manage keys, so a leaked key cannot mint its successor. */
  keyScopable: boolean;
}

const p = (domain: string, minRole: PermissionSpec['minRole'], description: string, extra: Partial<Omit<PermissionSpec, 'domain' | 'minRole' | 'description'>> = {}): PermissionSpec => ({
  domain,
  minRole,
  description,
  keyScopable: minRole !== 'platform',
  ...extra,
});

export const PERMISSIONS = {
  // ---- orgs (src/orgs)
  'org:read': p('orgs', 'viewer', 'See the organisation: name, plan, settings'),
  'org:write': p('orgs', 'admin', 'Rename the organisation and change its settings'),
  // ---- members and invitations (src/orgs)
  'members:read': p('orgs', 'viewer', 'List members and their roles'),
  'members:write': p('orgs', 'admin', "Change members' roles and remove members"),
  'invitations:read': p('orgs', 'admin', 'List pending invitations'),
  'invitations:write': p('orgs', 'admin', 'Invite people and withdraw invitations', { toggle: 'invitations' }),
  // ---- sessions (src/identity)
  'sessions:revoke': p('identity', 'admin', "Revoke another member's sessions"),
  'sso:read': p('identity', 'admin', 'See the single sign-on configuration'),
  'sso:write': p('identity', 'admin', 'Configure single sign-on and MFA requirements'),
  // ---- roles, policies, resource roles, API keys (src/authz)
  'roles:read': p('authz', 'viewer', 'List roles and their permissions'),
  'roles:write': p('authz', 'admin', 'Create, change and delete custom roles', { feature: 'custom_roles' }),
  'policies:read': p('authz', 'admin', 'See the organisation policy toggles'),
  'policies:write': p('authz', 'admin', 'Switch policy toggles per role', { feature: 'policy_toggles' }),
  'api_keys:read': p('authz', 'admin', 'List API keys (never the key itself)'),
  'api_keys:write': p('authz', 'admin', 'Create and revoke API keys', { toggle: 'api_keys', keyScopable: false }),
  // ---- record collections (src/vault): the first resource type with its own member roles
  'collections:read': p('vault', 'viewer', 'Read record collections and their files'),
  'collections:write': p('vault', 'operator', 'Add, change and delete records and files'),
  'collections:share': p('vault', 'admin', 'Give members a role on one collection', { feature: 'resource_roles', toggle: 'sharing' }),
  // ---- audit and alerts (src/audit)
  'audit:read': p('audit', 'operator', 'Read audit events, proofs and checkpoints'),
  'audit:export': p('audit', 'admin', 'Export the audit log with proofs', { toggle: 'audit_export' }),
  'alerts:read': p('audit', 'operator', 'Read anomaly alerts'),
  'alerts:write': p('audit', 'operator', 'Acknowledge and resolve anomaly alerts'),
  'incidents:read': p('incidents', 'admin', 'Read the security incidents that affected the organisation and the notices sent'),
  // ---- integration credentials (src/integrations)
  'integrations:read': p('integrations', 'operator', 'List connected integrations (never the credential)'),
  'integrations:write': p('integrations', 'admin', 'Connect and disconnect integrations', { toggle: 'integrations' }),
  // ---- webhooks (src/webhooks)
  'webhooks:read': p('webhooks', 'operator', 'List webhook endpoints and deliveries'),
  'webhooks:write': p('webhooks', 'admin', 'Create, change and delete webhook endpoints'),
  'agents:read': p('webhooks', 'operator', 'List the organisation\'s signed agents (public keys only)'),
  'agents:write': p('webhooks', 'admin', 'Register and revoke signed agents'),
  // ---- privacy (src/privacy)
  'privacy:export': p('privacy', 'admin', "Export a member's personal data", { toggle: 'data_export' }),
  // Erasure destroys a person's keys and account: a person's act (an admin's, for a member), never a key's.
  'privacy:erase': p('privacy', 'admin', "File an erasure request for a member (carried out after the erasure delay)", { keyScopable: false }),
  'privacy:requests': p('privacy', 'admin', "See, file and answer the organisation's data-subject requests for its members"),
  // ---- consent and the AI egress guard (src/privacy/ai): consent is a person's act, never a key's
  'ai:use': p('privacy', 'operator', 'Use AI features (once the organisation has consented) and see the consent state'),
  'ai:manage': p('privacy', 'admin', 'Turn AI features on and off (consent), set the AI policy, record minors\' consents', { keyScopable: false }),
  'minors:write': p('privacy', 'admin', 'Mark members as minors (their data then flows only with policy and consent) and remove the mark'),
  // ---- platform (super-admin only, never part of a role or a key)
  'platform:set_plan': p('platform', 'platform', "Set an organisation's plan"),
} as const satisfies Record<string, PermissionSpec>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(name: string): name is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, name);
}

export function specOf(name: Permission): PermissionSpec {
  return PERMISSIONS[name];
}

/** Permissions a role or a key may hold (everything but the platform's). */
export const GRANTABLE: readonly Permission[] = PERMISSION_NAMES.filter((n) => specOf(n).minRole !== 'platform');

const RANK: Record<BuiltinRole, number> = { viewer: 0, operator: 1, admin: 2 };

export const BUILTIN_ROLE_PERMISSIONS: Readonly<Record<BuiltinRole, readonly Permission[]>> = Object.fromEntries(
  BUILTIN_ROLES.map((role) => [
    role,
    GRANTABLE.filter((n) => {
      const min = specOf(n).minRole;
      return min !== 'platform' && RANK[min] <= RANK[role];
    }),
  ]),
) as unknown as Record<BuiltinRole, readonly Permission[]>;

export const BUILTIN_ROLE_DESCRIPTIONS: Readonly<Record<BuiltinRole, string>> = {
  admin: 'Everything in the organisation: members, roles, settings, API keys',
  operator: 'Daily work: records, audit, alerts, integrations (read); no member, role, key or settings changes',
  viewer: 'Read-only',
};

export function isBuiltinRole(name: string): name is BuiltinRole {
  return (BUILTIN_ROLES as readonly string[]).includes(name);
}

/** Resource types whose objects may carry their own member roles (layer 3), and what each
    resource role grants on that one object. */
export const RESOURCE_ROLES = ['owner', 'editor', 'reader'] as const;
export type ResourceRole = (typeof RESOURCE_ROLES)[number];

export const RESOURCE_TYPES = {
  collection: {
    owner: ['collections:read', 'collections:write', 'collections:share'],
    editor: ['collections:read', 'collections:write'],
    reader: ['collections:read'],
  },
} as const satisfies Record<string, Record<ResourceRole, readonly Permission[]>>;
export type ResourceType = keyof typeof RESOURCE_TYPES;

export function isResourceType(t: string): t is ResourceType {
  return Object.prototype.hasOwnProperty.call(RESOURCE_TYPES, t);
}

/** The permissions a policy toggle governs (switches off per role). */
export function governedBy(toggle: string): Permission[] {
  return PERMISSION_NAMES.filter((n) => (specOf(n) as PermissionSpec).toggle === toggle);
}

/** The catalog as GET /v1/permissions returns it. */
export function catalogDocument(plans: Plans): {
  permissions: Array<{ name: string; domain: string; description: string; builtinRoles: string[]; feature: string | null; toggle: string | null; keyScopable: boolean }>;
  roles: Array<{ id: string; description: string; permissions: string[] }>;
  plans: Array<{ name: string; features: string[] }>;
  toggles: Array<{ name: string; description: string; governs: string[] }>;
  resourceTypes: Array<{ type: string; roles: Record<string, string[]> }>;
} {
  return {
    permissions: PERMISSION_NAMES.map((name) => {
      const s: PermissionSpec = specOf(name);
      return {
        name,
        domain: s.domain,
        description: s.description,
        builtinRoles: BUILTIN_ROLES.filter((r) => BUILTIN_ROLE_PERMISSIONS[r].includes(name)),
        feature: s.feature ?? null,
        toggle: s.toggle ?? null,
        keyScopable: s.keyScopable,
      };
    }),
    roles: BUILTIN_ROLES.map((r) => ({ id: r, description: BUILTIN_ROLE_DESCRIPTIONS[r], permissions: [...BUILTIN_ROLE_PERMISSIONS[r]] })),
    plans: Object.entries(plans).map(([name, features]) => ({ name, features: [...features] })),
    toggles: TOGGLE_NAMES.map((t) => ({ name: t, description: TOGGLES[t], governs: governedBy(t) })),
    resourceTypes: Object.entries(RESOURCE_TYPES).map(([type, roles]) => ({ type, roles: Object.fromEntries(Object.entries(roles).map(([r, ps]) => [r, [...ps]])) })),
  };
}

/** onRoute check (wired in app.ts before any route): an org route must name a grantable
    catalog permission, so a typo fails at start-up rather than denying (or worse) at run time. */
export function assertRoutePermission(route: { method: string | string[]; url: string; config?: { access?: string; permission?: string } }): void {
  if (route.config?.access !== 'org') return;
  const name = route.config.permission ?? '';
  if (!isPermission(name) || specOf(name).minRole === 'platform') {
    throw new TypeError(`route ${String(route.method)} ${route.url} names permission ${JSON.stringify(name)}, which is not an org permission of the catalog (src/authz/catalog.ts)`);
  }
}
