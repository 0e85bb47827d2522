/* Errors of the authorization module. Messages are safe to show; none says which layer denied
   a request (that goes to the audit record only). */
import { defineError, PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** A change would give, take away or switch off a permission the caller does not hold now
    (a role, a role assignment, a member's removal, a policy toggle or an API key). */
export class PermissionNotHeld extends PalisadeError {
  readonly code = 'permission_not_held' as const;
  readonly status = 403;
  constructor(permissions: readonly string[]) {
    super(`You cannot grant, take away or switch off what you do not hold: ${permissions.join(', ')}`, { permissions });
  }
}

export class UnknownPermission extends PalisadeError {
  readonly code = 'unknown_permission' as const;
  readonly status = 400;
  constructor(names: readonly string[], why = 'not in the permission catalog') {
    super(`${names.map((n) => JSON.stringify(n.slice(0, 100))).join(', ')}: ${why} (see GET /v1/permissions)`);
  }
}

/** A plan name the configuration (PALISADE_PLANS) does not list. */
export class UnknownPlan extends PalisadeError {
  readonly code = 'unknown_plan' as const;
  readonly status = 400;
  readonly publicFields: { plans: string[] };
  constructor(plan: string, plans: readonly string[]) {
    super(`${JSON.stringify(plan.slice(0, 100))} is not a configured plan (${plans.join(', ')})`);
    this.publicFields = { plans: [...plans] };
  }
}

/** The member holds the permission, but the organisation's plan does not include the feature it
    needs (authorization layer 4). The refusal names the feature and the plan: both are visible
    to every member already (GET /v1/org, GET /v1/permissions). */
export class EntitlementRequired extends PalisadeError {
  readonly code = 'entitlement_required' as const;
  readonly status = 403;
  readonly publicFields: { entitlement: string; plan: string };
  constructor(entitlement: string, plan: string) {
    super(`This organisation's plan (${plan}) does not include ${entitlement}; an operator or the billing system changes the plan`);
    this.publicFields = { entitlement, plan };
  }
}

/** A role reference names no built-in role and no custom role of this organisation. */
export class UnknownRole extends PalisadeError {
  readonly code = 'unknown_role' as const;
  readonly status = 400;
  constructor(refs: readonly string[]) {
    super(`Unknown role: ${refs.map((r) => JSON.stringify(r.slice(0, 100))).join(', ')}`);
  }
}

export const RoleReadOnly = defineError('authz', 'role_read_only', 409, 'Built-in roles cannot be changed or deleted');
export type RoleReadOnly = InstanceType<typeof RoleReadOnly>;

export const RoleNameTaken = defineError('authz', 'role_name_taken', 409, 'A role with this name already exists');
export type RoleNameTaken = InstanceType<typeof RoleNameTaken>;

export const RoleInUse = defineError('authz', 'role_in_use', 409, 'The role is held by members or offered by invitations; reassign them first');
export type RoleInUse = InstanceType<typeof RoleInUse>;

/** The change would leave the organisation without an admin. */
export const LastAdmin = defineError('authz', 'last_admin', 409, 'An organisation must keep at least one admin');
export type LastAdmin = InstanceType<typeof LastAdmin>;

export type AuthzErrorCode =
  | PermissionNotHeld['code']
  | UnknownPermission['code']
  | UnknownRole['code']
  | RoleReadOnly['code']
  | RoleNameTaken['code']
  | RoleInUse['code']
  | LastAdmin['code']
  | UnknownPlan['code']
  | EntitlementRequired['code'];

registerErrorCodes('authz', {
  permission_not_held: 403,
  unknown_permission: 400,
  unknown_role: 400,
  unknown_plan: 400,
  entitlement_required: 403,
});
