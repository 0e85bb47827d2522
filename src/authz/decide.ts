/* The one authorization decision. decide() is pure: the caller loads the facts (roles, plan,
   toggles, the actor's role on the resource) in the request's transaction and decide() combines
   them, in this order, stopping at the first layer that settles the answer:

     0. catalog        an unknown permission is denied (fail closed)
     1. super_admin    a platform super-admin (PALISADE_SUPER_ADMINS only) is allowed; platform
                       permissions are denied to everyone else
        key_scope      an API key is limited to its scopes (and to key-scopable permissions),
                       and beyond that to what its creator holds now (layers 2-5 run for the creator)
     2. org_role       the actor must be a member; some role of theirs grants the permission ...
     3. resource_role  ... or their role on the one resource the request touches grants it
     4. plan           the organisation's plan has the feature the permission needs
     5. policy         a toggle governing the permission is on for at least one role through which
                       the actor holds it (for a resource grant: any of the actor's org roles)

   Every denial names its layer; the auth hook writes it into the audit record, never into the
   response. src/authz/decide.test.ts checks this against an independent reference model with
   fast-check. Claims RBAC-1, RBAC-2, RBAC-3, RBAC-4. */
import type { AuthzDecision } from '../lib/caller.js';
import { FEATURES, GRANTABLE, RESOURCE_TYPES, governedBy, isPermission, isResourceType, specOf, type Permission, type PermissionSpec } from './catalog.js';

export const LAYERS = ['catalog', 'super_admin', 'key_scope', 'org_role', 'resource_role', 'plan', 'policy'] as const;
export type Layer = (typeof LAYERS)[number];

export interface RoleFacts {
  /** A built-in role name or a custom role id. */
  id: string;
  permissions: readonly string[];
}

export interface DecisionInput {
  permission: string;
  /** A signed-in user listed in PALISADE_SUPER_ADMINS. Always false for API keys. */
  superAdmin: boolean;
  /** The acting user's membership (the key creator's, for a key); null when not a member. */
  member: { roles: readonly RoleFacts[] } | null;
  /** An API key's scopes; null when a user acts directly. */
  keyScopes: readonly string[] | null;
  /** The resource the request touches and the actor's role on it (null role: none). */
  resource: { type: string; role: string | null } | null;
  /** The organisation's plan, and the features it entitles (PALISADE_PLANS; none for a plan
      the configuration does not list). */
  plan: string;
  planFeatures: readonly string[];
  /** Role id → toggles switched off for that role. A missing entry means all on. */
  disabledToggles: ReadonlyMap<string, ReadonlySet<string>>;
}

export type Decision = AuthzDecision & ({ allowed: true } | { allowed: false; layer: Layer; reason: string; entitlement?: { feature: string; plan: string } });

function deny(layer: Layer, reason: string): Decision {
  return { allowed: false, layer, reason };
}

export function decide(input: DecisionInput): Decision {
  const name = input.permission;
  if (!isPermission(name)) return deny('catalog', `unknown permission ${JSON.stringify(name.slice(0, 100))}`);
  const spec: PermissionSpec = specOf(name);

  if (input.superAdmin && input.keyScopes === null) return { allowed: true };
  if (spec.minRole === 'platform') return deny('super_admin', `${name} is for platform super-admins only`);

  if (input.keyScopes !== null) {
    if (!spec.keyScopable) return deny('key_scope', `${name} cannot be given to an API key`);
    if (!input.keyScopes.includes(name)) return deny('key_scope', `the key's scopes do not include ${name}`);
  }

  if (!input.member) return deny('org_role', 'not a member of the organisation');
  const roles = input.member.roles;
  const granting = roles.filter((r) => r.permissions.includes(name));
  const resourceGrant = input.resource !== null && resourceRoleGrants(input.resource.type, input.resource.role, name);
  if (granting.length === 0 && !resourceGrant) {
    return input.resource !== null
      ? deny('resource_role', `neither an org role nor a role on this ${input.resource.type} grants ${name}`)
      : deny('org_role', `no role grants ${name}`);
  }

  if (spec.feature !== undefined) {
    // The one layer whose refusal the client is told about (entitlement_required): the member
    // holds the permission, and the plan (visible to every member) is all that stands between.
    if (!input.planFeatures.includes(spec.feature)) return { allowed: false, layer: 'plan', reason: `plan ${input.plan} does not include ${spec.feature}`, entitlement: { feature: spec.feature, plan: input.plan } };
  }

  if (spec.toggle !== undefined) {
    const toggle = spec.toggle;
    const on = (r: RoleFacts): boolean => !(input.disabledToggles.get(r.id)?.has(toggle) ?? false);
    // Through a resource role, the member's org roles still carry the organisation's policy.
    const through = resourceGrant ? roles : granting;
    if (!through.some(on)) return deny('policy', `policy toggle ${toggle} is off for the roles that grant ${name}`);
  }
  return { allowed: true };
}

function resourceRoleGrants(type: string, role: string | null, permission: Permission): boolean {
  if (role === null || !isResourceType(type)) return false;
  const table = RESOURCE_TYPES[type] as Record<string, readonly string[]>;
  return Object.prototype.hasOwnProperty.call(table, role) && (table[role] ?? []).includes(permission);
}

/** Does the actor hold the permission, for the purpose of granting it to a role, a member or a
    key ("nobody grants what they don't hold")? Holding is layers 0-3 — super-admin, key scope,
    org role — and ignores the plan and policy toggles: those restrict the use of a permission,
    not its possession, so an admin on the free plan can still make another admin. */
export function holds(facts: Omit<DecisionInput, 'permission' | 'resource'>, permission: string): boolean {
  return decide({ ...facts, permission, resource: null, planFeatures: FEATURES, disabledToggles: NO_TOGGLES_OFF }).allowed;
}
/** holds(), on one resource: an org role or the actor's role on that resource carries it. */
export function holdsOn(facts: Omit<DecisionInput, 'permission'>, permission: string): boolean {
  return decide({ ...facts, permission, planFeatures: FEATURES, disabledToggles: NO_TOGGLES_OFF }).allowed;
}
const NO_TOGGLES_OFF: ReadonlyMap<string, ReadonlySet<string>> = new Map();

/** A change to who holds what, as mayChange() judges it:
    - member: a member's role references go from `from` to `to` (`to` empty: the member is
      removed; `from` empty: the member is added or invited);
    - role: a custom role's permissions go from `from` to `to` (created: `from` empty; deleted:
      `to` empty);
    - toggle: a policy toggle is switched (on or off) for some role. */
export type PowerChange =
  | { kind: 'member'; from: readonly RoleFacts[]; to: readonly RoleFacts[] }
  | { kind: 'role'; from: readonly string[]; to: readonly string[] }
  | { kind: 'toggle'; toggle: string };

/** The permissions a change touches. Taking power away is bounded exactly like giving it
    (RBAC-2): a member's whole role set before and after (a role reference also carries its
    policy toggles, so every permission of every role in play counts, not only the net
    difference); a role's permissions added or removed (its holders gain or lose exactly
    those); everything a toggle governs, whichever way it is switched. So the change and its
    undoing always need the same permissions: affected(A→B) = affected(B→A). */
export function affectedBy(change: PowerChange): string[] {
  switch (change.kind) {
    case 'member':
      return [...new Set([...change.from, ...change.to].flatMap((r) => r.permissions))];
    case 'role': {
      const from = new Set(change.from);
      const to = new Set(change.to);
      return [...new Set([...change.from.filter((x) => !to.has(x)), ...change.to.filter((x) => !from.has(x))])];
    }
    case 'toggle':
      return governedBy(change.toggle);
  }
}

/** May the actor make this change? Only when they hold (holds(): layers 0-3) every permission
    it affects: nobody grants what they don't hold, and nobody takes away, or switches off, what
    they don't hold either. `missing` lists what they lack (sorted by the catalog's order). */
export function mayChange(facts: Omit<DecisionInput, 'permission' | 'resource'>, change: PowerChange): { allowed: true } | { allowed: false; missing: string[] } {
  const missing = affectedBy(change).filter((perm) => !holds(facts, perm));
  return missing.length === 0 ? { allowed: true } : { allowed: false, missing };
}

/** Every grantable permission decide() allows with these facts and no resource. */
export function effectivePermissions(facts: Omit<DecisionInput, 'permission' | 'resource'>): Permission[] {
  return GRANTABLE.filter((permission) => decide({ ...facts, permission, resource: null }).allowed);
}
