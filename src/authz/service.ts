/* The authorization service: loads the facts of a request in the organisation's transaction and
   hands them to decide() (the one place that decides), and manages what an organisation may
   change about its own authorization — custom roles, policy toggles, per-resource roles — plus
   the super-admin's plan switch. Invariants:
   - the organisation is always the principal's (TEN-1); a foreign id is `not_found` (TEN-4);
   - nobody grants a permission they do not hold, and nobody takes one away or switches it off
     either: every change to who holds what (a member's roles, a member's removal, a role's
     permissions, a role's deletion, a policy toggle, a resource role) is allowed only when the
     caller holds every permission it affects (mayChange() in decide.ts), checked in the same
     transaction as the write;
   - every change is audited in that transaction; denials name their layer in the audit only;
   - an organisation's plan changes only on the platform path, through setPlanInTx() (the
     super-admin's route and the billing handler both call it), to a plan the configuration
     (PALISADE_PLANS) lists, audited in the same transaction.
   Claims RBAC-1, RBAC-2, RBAC-3, TEN-1, TEN-4. */
import { appendAudit } from '../audit/index.js';
import { lockAuthzFacts, readInOrg, withOrg, withSystem, type Db, type OrgTx, type SystemTx } from '../db/index.js';
import { actorOf, type Actor, type AuthzDecision, type OrgPrincipal, type Principal, type RequestSource } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { Forbidden, NotFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import {
  BUILTIN_ROLES,
  BUILTIN_ROLE_DESCRIPTIONS,
  BUILTIN_ROLE_PERMISSIONS,
  PERMISSION_NAMES,
  RESOURCE_TYPES,
  TOGGLES,
  TOGGLE_NAMES,
  governedBy,
  isBuiltinRole,
  isPermission,
  isResourceType,
  planFeatures,
  specOf,
  type Permission,
  type PermissionSpec,
  type Plan,
  type Plans,
  type ResourceRole,
  type Toggle,
} from './catalog.js';
import { decide, effectivePermissions, holds, holdsOn, mayChange, type DecisionInput, type PowerChange, type RoleFacts } from './decide.js';
import { LastAdmin, PermissionNotHeld, RoleInUse, RoleNameTaken, RoleReadOnly, UnknownPermission, UnknownPlan, UnknownRole } from './errors.js';
import * as repo from './repo.js';
import type { FactsCache } from './facts-cache.js';

export type { OrgPrincipal } from '../lib/caller.js';
export type Facts = Omit<DecisionInput, 'permission'>;

export interface RoleView {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: string[];
  createdAt: string | null;
  updatedAt: string | null;
}

export interface PolicyView {
  toggles: Array<{ name: string; description: string; governs: string[]; disabledFor: string[] }>;
}

export interface RoleInput {
  name: string;
  description?: string | undefined;
  permissions: string[];
}

export interface RolePatch {
  name?: string | undefined;
  description?: string | undefined;
  permissions?: string[] | undefined;
}

/** The user whose roles a principal acts with: the user, or the key's creator. */
function subjectOf(p: Principal): string | null {
  return p.kind === 'user' ? p.userId : p.createdBy;
}

export type Ctx = { source?: RequestSource; reason?: string | undefined };

/** What the authorization service offers: the decision for the auth hook, the role and policy
    management behind the routes, and the checks other modules call in their own transactions. */
export interface AuthzService {
  /** The same decision inside the caller's transaction, under the organisation's facts lock
      (exclusive for a permission that changes facts, shared otherwise): the auth hook's guard of
      every transaction a handler opens (check and act in one transaction). */
  decideInTx(tx: OrgTx, p: OrgPrincipal, permission: string, resource: { type: string; id: string } | undefined): Promise<AuthzDecision>;
  /** The Authorizer the auth hook calls for every org route. */
  authorize(p: OrgPrincipal, permission: string, resource: { type: string; id: string } | undefined): Promise<AuthzDecision>;
  /** The facts decide() needs, read in the caller's transaction. */
  loadFacts(tx: OrgTx, p: OrgPrincipal, resource: { type: string; id: string } | null): Promise<Facts>;
  /** Effective permissions of the principal in its organisation (all layers, no resource). */
  permissionsOf(p: OrgPrincipal, ctx?: Ctx): Promise<{ permissions: Permission[]; roles: string[]; plan: string }>;
  /** For src/orgs (members, invitations): refuses unknown role references (another org's
      included) and roles carrying a permission the caller does not hold. Same transaction as the write. */
  assertCanAssignRoles(tx: OrgTx, p: OrgPrincipal, refs: readonly string[]): Promise<void>;
  /** For src/orgs: a member's roles change from `from` to `to` (null: the member is removed, with
      their roles on single resources). Refuses unknown references in `to`, and any change
      affecting a permission the caller does not hold (PermissionNotHeld). Same transaction as the write. */
  assertCanChangeMember(tx: OrgTx, p: OrgPrincipal, userId: string, from: readonly string[], to: readonly string[] | null): Promise<void>;
  /** For src/orgs: after a committed change to memberships, drops this node's cached facts of the
      organisation and returns once every other live node has done the same (barrier). */
  factsChanged(orgId: string): Promise<void>;
  /** For src/orgs: the typed error when a database error is the "keep at least one admin" guard. */
  lastAdminError(e: unknown): LastAdmin | null;
  listRoles(p: OrgPrincipal, ctx?: Ctx): Promise<RoleView[]>;
  createRole(p: OrgPrincipal, input: RoleInput, ctx?: Ctx): Promise<RoleView>;
  updateRole(p: OrgPrincipal, id: string, input: RolePatch, ctx?: Ctx): Promise<RoleView>;
  deleteRole(p: OrgPrincipal, id: string, ctx?: Ctx): Promise<void>;
  getPolicies(p: OrgPrincipal, ctx?: Ctx): Promise<PolicyView>;
  setPolicies(p: OrgPrincipal, changes: ReadonlyArray<{ toggle: Toggle; role: string; enabled: boolean }>, ctx?: Ctx): Promise<PolicyView>;
  /** Per-resource roles, in the caller's transaction (the resource's owner module commits them with its change). */
  listResourceRoles(tx: OrgTx, type: string, id: string): Promise<Array<{ userId: string; role: string; grantedBy: string | null; createdAt: string }>>;
  setResourceRole(tx: OrgTx, p: OrgPrincipal, g: { type: string; id: string; userId: string; role: ResourceRole }, ctx?: Ctx): Promise<void>;
  removeResourceRole(tx: OrgTx, p: OrgPrincipal, g: { type: string; id: string; userId: string }, ctx?: Ctx): Promise<void>;
  dropResource(tx: OrgTx, type: string, id: string): Promise<void>;
  /** The platform super-admin sets an organisation's plan; anyone else is refused and audited. */
  setPlan(p: Principal, orgId: string, plan: Plan, ctx?: Ctx): Promise<{ orgId: string; plan: Plan; previous: string }>;
  /** The one function that changes an organisation's plan, in the caller's platform
      transaction (the Stripe inbox commits it with its inbox row, src/webhooks; the
      super-admin's route calls it too): refuses a plan the configuration does not list
      (unknown_plan), takes the facts lock, audits org.plan_changed with the given actor and
      metadata (plus `from`, `to`) in the same transaction. null: no such organisation. Every
      node's cached facts follow through the database's notification when the transaction
      commits; a caller that needs this node current at once runs factsChanged(orgId) after. */
  setPlanInTx(tx: SystemTx, orgId: string, plan: Plan, actor: Actor, metadata?: Record<string, unknown>, ctx?: Ctx): Promise<{ previous: string } | null>;
  /** Is this a plan the configuration (PALISADE_PLANS) lists? */
  isPlan(name: string): boolean;
  /** The configured plans (PALISADE_PLANS). */
  plans: Plans;
  /** At start-up: records the configured default plan for new organisations (the database gives
      it to them) and returns the organisations on plans the configuration does not list. */
  applyPlanConfig(): Promise<Array<{ plan: string; count: number }>>;
}

export interface AuthzServiceDeps {
  db: Db;
  clock: Clock;
  /** PALISADE_PLANS, and the plan a new organisation gets (PALISADE_DEFAULT_PLAN). */
  plans: Plans;
  defaultPlan: string;
  /** Cached facts for authorize() (facts-cache.ts); without it every check reads the database. */
  facts?: FactsCache | undefined;
}

export function createAuthzService(deps: AuthzServiceDeps): AuthzService {
  const { db, clock, facts, plans } = deps;
  if (!Object.prototype.hasOwnProperty.call(plans, deps.defaultPlan)) throw new TypeError(`the default plan ${deps.defaultPlan} is not configured`);

  /** Runs a change to an organisation's facts, then drops this node's cached facts of it and
      waits until every other live node has processed the triggers' notification (barrier), so
      the change is effective from the next request on every node. */
  const factsChanged = async (orgId: string): Promise<void> => {
    facts?.invalidate(orgId);
    await facts?.barrier();
  };
  const changing = async <T>(orgId: string, run: () => Promise<T>): Promise<T> => {
    let result: T;
    try {
      result = await run();
    } catch (e) {
      facts?.invalidate(orgId); // nothing committed, but nothing is lost by re-reading either
      throw e;
    }
    await factsChanged(orgId);
    return result;
  };

  async function loadFacts(tx: OrgTx, p: OrgPrincipal, resource: { type: string; id: string } | null): Promise<Facts> {
    const userId = subjectOf(p);
    return factsOf(p, resource, userId ? await repo.loadFacts(tx, userId, resource) : null);
  }

  function factsOf(p: OrgPrincipal, resource: { type: string; id: string } | null, row: repo.FactsRow | null): Facts {
    const custom = new Map((row?.custom_roles ?? []).map((r) => [r.id, r.permissions]));
    const roles: RoleFacts[] | null = row?.role_refs
      ? row.role_refs.map((ref) => ({ id: ref, permissions: isBuiltinRole(ref) ? BUILTIN_ROLE_PERMISSIONS[ref] : (custom.get(ref) ?? []) }))
      : null;
    const disabled = new Map<string, Set<string>>();
    for (const d of row?.disabled ?? []) {
      const set = disabled.get(d.role) ?? new Set<string>();
      set.add(d.toggle);
      disabled.set(d.role, set);
    }
    return {
      superAdmin: p.kind === 'user' && p.superAdmin,
      member: roles ? { roles } : null,
      keyScopes: p.kind === 'api_key' ? p.scopes : null,
      resource: resource ? { type: resource.type, role: row?.resource_role ?? null } : null,
      plan: row?.plan ?? '',
      planFeatures: row ? planFeatures(plans, row.plan) : [],
      disabledToggles: disabled,
    };
  }

  /** The Authorizer the auth hook calls for every org route. */
  async function authorize(p: OrgPrincipal, permission: string, resource: { type: string; id: string } | undefined): Promise<AuthzDecision> {
    // This runs before every org route's handler: from the cache when it can (never for a
    // route naming a resource: per-resource roles are not cached), else in one round trip.
    const userId = subjectOf(p);
    if (!userId) return decide({ ...factsOf(p, resource ?? null, null), permission });
    const cache = resource ? undefined : facts;
    let row = cache?.get(p.orgId, userId);
    if (row === undefined) {
      const ticket = cache?.ticket(p.orgId);
      const [read] = await readInOrg(db, p.orgId, actorOf(p), (sql) => repo.factsQuery(sql, p.orgId, userId, resource ?? null));
      row = read ?? null;
      if (cache && ticket !== undefined) cache.set(p.orgId, userId, row, ticket);
    }
    return decide({ ...factsOf(p, resource ?? null, row), permission });
  }

  async function assertHolds(tx: OrgTx, p: OrgPrincipal, permissions: readonly string[]): Promise<void> {
    const facts = await loadFacts(tx, p, null);
    const missing = permissions.filter((perm) => !holds(facts, perm));
    if (missing.length) throw new PermissionNotHeld(missing);
  }

  /** The one rule for every change to who holds what (RBAC-2): mayChange() on the caller's facts,
      read in the writing transaction. */
  async function assertMayChange(tx: OrgTx, p: OrgPrincipal, change: PowerChange): Promise<void> {
    const verdict = mayChange(await loadFacts(tx, p, null), change);
    if (!verdict.allowed) throw new PermissionNotHeld(verdict.missing);
  }

  const roleFacts = (resolved: Map<string, readonly string[]>): RoleFacts[] => [...resolved].map(([id, permissions]) => ({ id, permissions }));

  function validPermissions(names: readonly string[], forKeys = false): Permission[] {
    const unique = [...new Set(names)];
    const unknown = unique.filter((n) => !isPermission(n) || specOf(n).minRole === 'platform');
    if (unknown.length) throw new UnknownPermission(unknown);
    if (forKeys) {
      const notScopable = unique.filter((n) => !(specOf(n as Permission) as PermissionSpec).keyScopable);
      if (notScopable.length) throw new UnknownPermission(notScopable, 'cannot be given to an API key');
    }
    return (unique as Permission[]).sort((a, b) => PERMISSION_NAMES.indexOf(a) - PERMISSION_NAMES.indexOf(b));
  }

  /** Role references → their permissions; unknown references (other organisations' ids
      included, TEN-4) are refused. */
  async function resolveRoles(tx: OrgTx, refs: readonly string[]): Promise<Map<string, readonly string[]>> {
    const customIds = refs.filter((r) => !isBuiltinRole(r));
    const rows = await repo.customRolesById(tx, customIds);
    const out = new Map<string, readonly string[]>();
    for (const ref of refs) {
      if (isBuiltinRole(ref)) out.set(ref, BUILTIN_ROLE_PERMISSIONS[ref]);
      else {
        const row = rows.find((r) => r.id === ref);
        if (row) out.set(ref, row.permissions);
      }
    }
    const unknown = refs.filter((r) => !out.has(r));
    if (unknown.length) throw new UnknownRole(unknown);
    return out;
  }

  function builtinView(id: (typeof BUILTIN_ROLES)[number]): RoleView {
    return { id, name: id, description: BUILTIN_ROLE_DESCRIPTIONS[id], builtIn: true, permissions: [...BUILTIN_ROLE_PERMISSIONS[id]], createdAt: null, updatedAt: null };
  }

  function customView(r: repo.RoleRow): RoleView {
    return { id: r.id, name: r.name, description: r.description, builtIn: false, permissions: r.permissions, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() };
  }

  async function audit(tx: OrgTx, p: OrgPrincipal, source: RequestSource | undefined, reason: string | undefined, e: { action: string; target?: { type: string; id: string }; metadata?: Record<string, unknown> }): Promise<void> {
    await appendAudit(tx, {
      action: e.action,
      actor: actorOf(p),
      outcome: 'allowed',
      ...(e.target ? { target: e.target } : {}),
      ...(source ? { source } : {}),
      ...(reason ? { reason } : {}),
      ...(e.metadata ? { metadata: e.metadata } : {}),
    });
  }

  const isPlan = (name: string): boolean => Object.prototype.hasOwnProperty.call(plans, name);

  async function setPlanInTx(tx: SystemTx, orgId: string, plan: Plan, actor: Actor, metadata: Record<string, unknown> = {}, ctx: Ctx = {}): Promise<{ previous: string } | null> {
    if (!isPlan(plan)) throw new UnknownPlan(plan, Object.keys(plans));
    await lockAuthzFacts(tx, orgId, 'exclusive');
    const r = await repo.setOrgPlan(tx, orgId, plan);
    if (!r) return null;
    await appendAudit(tx, {
      orgId,
      action: 'org.plan_changed',
      actor,
      outcome: 'allowed',
      target: { type: 'org', id: orgId },
      ...(ctx.source ? { source: ctx.source } : {}),
      ...(ctx.reason ? { reason: ctx.reason } : {}),
      metadata: { ...metadata, from: r.previous, to: plan },
    });
    return r;
  }

  return {
    authorize,
    loadFacts,

    async decideInTx(tx, p, permission, resource) {
      await lockAuthzFacts(tx, p.orgId, CHANGES_FACTS.has(permission) ? 'exclusive' : 'shared');
      return decide({ ...(await loadFacts(tx, p, resource ?? null)), permission });
    },

    /** Effective permissions of the principal in its organisation (all five layers, no resource). */
    async permissionsOf(p: OrgPrincipal, ctx?: Ctx): Promise<{ permissions: Permission[]; roles: string[]; plan: string }> {
      return withOrg(db, p.orgId, actorOf(p), async (tx) => {
        const facts = await loadFacts(tx, p, null);
        // Read over HTTP (ctx given): a read of tenant data, so it is audited (AUD-1).
        if (ctx) await audit(tx, p, ctx.source, ctx.reason, { action: 'authz.permissions_read' });
        return { permissions: effectivePermissions(facts), roles: facts.member?.roles.map((r) => r.id) ?? [], plan: facts.plan };
      });
    },

    /** For the members and invitations routes (src/orgs): refuses unknown role references and
        roles carrying a permission the caller does not hold. Call it in the transaction that
        writes the roles. */
    async assertCanAssignRoles(tx: OrgTx, p: OrgPrincipal, refs: readonly string[]): Promise<void> {
      if (refs.length === 0) throw new UnknownRole([]);
      const resolved = await resolveRoles(tx, refs);
      await assertHolds(tx, p, [...new Set([...resolved.values()].flat())]);
    },

    async assertCanChangeMember(tx: OrgTx, p: OrgPrincipal, userId: string, from: readonly string[], to: readonly string[] | null): Promise<void> {
      if (to !== null && to.length === 0) throw new UnknownRole([]);
      const next = to === null ? new Map<string, readonly string[]>() : await resolveRoles(tx, to);
      // The stored references are known (the database refuses any other); one deleted meanwhile carries nothing.
      const now = await resolveRoles(tx, from).catch((e: unknown) => {
        if (e instanceof UnknownRole) return new Map<string, readonly string[]>();
        throw e;
      });
      await assertMayChange(tx, p, { kind: 'member', from: roleFacts(now), to: roleFacts(next) });
      if (to !== null) return;
      // A removal also takes away the member's roles on single resources: the caller must hold
      // what each carries, through an org role or their own role on that resource.
      const missing = new Set<string>();
      for (const r of await repo.resourceRolesOfUser(tx, userId)) {
        if (!isResourceType(r.resource_type)) continue;
        const grants = (RESOURCE_TYPES[r.resource_type] as Record<string, readonly Permission[]>)[r.role] ?? [];
        const facts = await loadFacts(tx, p, { type: r.resource_type, id: r.resource_id });
        for (const perm of grants) if (!holdsOn(facts, perm)) missing.add(perm);
      }
      if (missing.size) throw new PermissionNotHeld([...missing]);
    },

    factsChanged,

    /** For src/orgs: true when a database error is the "keep at least one admin" guard. */
    lastAdminError(e: unknown): LastAdmin | null {
      const err = e as { code?: string; constraint_name?: string } | null;
      return err && err.code === '23514' && err.constraint_name === 'org_keeps_an_admin' ? new LastAdmin() : null;
    },

    // ---- roles

    async listRoles(p: OrgPrincipal, ctx: Ctx = {}): Promise<RoleView[]> {
      return withOrg(db, p.orgId, actorOf(p), async (tx) => {
        const rows = await repo.listRoles(tx);
        await audit(tx, p, ctx.source, ctx.reason, { action: 'role.listed', metadata: { count: rows.length } });
        return [...BUILTIN_ROLES.map(builtinView).reverse(), ...rows.map(customView)];
      });
    },

    async createRole(p: OrgPrincipal, input: RoleInput, ctx: Ctx = {}): Promise<RoleView> {
      const permissions = validPermissions(input.permissions);
      const name = input.name.trim();
      if (isBuiltinRole(name.toLowerCase())) throw new RoleNameTaken();
      return changing(p.orgId, () => withOrg(db, p.orgId, actorOf(p), async (tx) => {
        await lockAuthzFacts(tx, p.orgId, 'exclusive');
        await assertHolds(tx, p, permissions);
        const row = await repo.insertRole(tx, { id: newId('role'), name, description: input.description ?? '', permissions, now: clock.now() });
        if (!row) throw new RoleNameTaken();
        await audit(tx, p, ctx.source, ctx.reason, { action: 'role.created', target: { type: 'role', id: row.id }, metadata: { name, permissions } });
        return customView(row);
      }));
    },

    async updateRole(p: OrgPrincipal, id: string, input: RolePatch, ctx: Ctx = {}): Promise<RoleView> {
      if (isBuiltinRole(id)) throw new RoleReadOnly();
      const permissions = input.permissions ? validPermissions(input.permissions) : undefined;
      const name = input.name?.trim();
      if (name !== undefined && isBuiltinRole(name.toLowerCase())) throw new RoleNameTaken();
      return changing(p.orgId, () => withOrg(db, p.orgId, actorOf(p), async (tx) => {
        await lockAuthzFacts(tx, p.orgId, 'exclusive');
        const old = await repo.findRole(tx, id, true);
        if (!old) throw new NotFound();
        const next = { name: name ?? old.name, description: input.description ?? old.description, permissions: permissions ?? old.permissions };
        const added = next.permissions.filter((x) => !old.permissions.includes(x));
        const removed = old.permissions.filter((x) => !next.permissions.includes(x));
        // Editing re-grants the role to everyone holding it, and takes from them what it drops:
        // what is added and what is removed both need holding.
        await assertMayChange(tx, p, { kind: 'role', from: old.permissions, to: next.permissions });
        if (next.name !== old.name && (await repo.nameTaken(tx, next.name, id))) throw new RoleNameTaken();
        let row: repo.RoleRow;
        try {
          row = await repo.updateRole(tx, id, { ...next, now: clock.now() });
        } catch (e) {
          // A concurrent rename to the same name: the unique index decides.
          if ((e as { code?: string }).code === '23505') throw new RoleNameTaken();
          throw e;
        }
        await audit(tx, p, ctx.source, ctx.reason, {
          action: 'role.updated',
          target: { type: 'role', id },
          metadata: { added, removed, ...(next.name !== old.name ? { renamedFrom: old.name, name: next.name } : {}) },
        });
        return customView(row);
      }));
    },

    async deleteRole(p: OrgPrincipal, id: string, ctx: Ctx = {}): Promise<void> {
      if (isBuiltinRole(id)) throw new RoleReadOnly();
      await changing(p.orgId, () => withOrg(db, p.orgId, actorOf(p), async (tx) => {
        await lockAuthzFacts(tx, p.orgId, 'exclusive');
        const old = await repo.findRole(tx, id, true);
        if (!old) throw new NotFound();
        await assertMayChange(tx, p, { kind: 'role', from: old.permissions, to: [] });
        if (await repo.roleInUse(tx, id)) throw new RoleInUse();
        try {
          await repo.deleteRole(tx, id);
        } catch (e) {
          if ((e as { constraint_name?: string }).constraint_name === 'role_in_use') throw new RoleInUse();
          throw e;
        }
        await audit(tx, p, ctx.source, ctx.reason, { action: 'role.deleted', target: { type: 'role', id }, metadata: { name: old.name, permissions: old.permissions } });
      }));
    },

    // ---- policy toggles

    async getPolicies(p: OrgPrincipal, ctx: Ctx = {}): Promise<PolicyView> {
      return withOrg(db, p.orgId, actorOf(p), async (tx) => {
        const rows = await repo.listToggles(tx);
        await audit(tx, p, ctx.source, ctx.reason, { action: 'policy.read' });
        return policyView(rows);
      });
    },

    async setPolicies(p: OrgPrincipal, changes: ReadonlyArray<{ toggle: Toggle; role: string; enabled: boolean }>, ctx: Ctx = {}): Promise<PolicyView> {
      return changing(p.orgId, () => withOrg(db, p.orgId, actorOf(p), async (tx) => {
        await lockAuthzFacts(tx, p.orgId, 'exclusive');
        await resolveRoles(tx, [...new Set(changes.map((c) => c.role))]);
        // Switching a toggle on gives its permissions back to a role, switching it off takes them
        // away: either way the caller must hold every permission it governs.
        const facts = await loadFacts(tx, p, null);
        const missing = new Set(changes.flatMap((c) => {
          const verdict = mayChange(facts, { kind: 'toggle', toggle: c.toggle });
          return verdict.allowed ? [] : verdict.missing;
        }));
        if (missing.size) throw new PermissionNotHeld([...missing]);
        const now = clock.now();
        const by = subjectOf(p);
        for (const c of changes) await repo.setToggle(tx, { toggle: c.toggle, roleRef: c.role, enabled: c.enabled, by, now });
        await audit(tx, p, ctx.source, ctx.reason, { action: 'policy.changed', metadata: { changes: changes.map((c) => ({ toggle: c.toggle, role: c.role, enabled: c.enabled })) } });
        return policyView(await repo.listToggles(tx));
      }));
    },

    // ---- per-resource roles (layer 3). Callers (e.g. the vault's collection routes) pass their
    //      own OrgTx so the grant commits with their change; the route has already checked the
    //      caller's share permission on the resource through config.resource.

    async listResourceRoles(tx: OrgTx, type: string, id: string): Promise<Array<{ userId: string; role: string; grantedBy: string | null; createdAt: string }>> {
      if (!isResourceType(type)) throw new TypeError(`unknown resource type ${type}`);
      const rows = await repo.listResourceRoles(tx, type, id);
      return rows.map((r) => ({ userId: r.user_id, role: r.role, grantedBy: r.granted_by, createdAt: r.created_at.toISOString() }));
    },

    async setResourceRole(tx: OrgTx, p: OrgPrincipal, g: { type: string; id: string; userId: string; role: ResourceRole }, ctx: Ctx = {}): Promise<void> {
      if (!isResourceType(g.type)) throw new TypeError(`unknown resource type ${g.type}`);
      await lockAuthzFacts(tx, tx.orgId, 'exclusive');
      const grants = (RESOURCE_TYPES[g.type] as Record<ResourceRole, readonly Permission[]>)[g.role];
      const facts = await loadFacts(tx, p, { type: g.type, id: g.id });
      const missing = grants.filter((perm) => !decide({ ...facts, permission: perm }).allowed);
      if (missing.length) throw new PermissionNotHeld(missing);
      // Only members can hold a role on a resource; anyone else is "not found" (TEN-4).
      if (!(await repo.isMember(tx, g.userId))) throw new NotFound();
      const previous = await repo.upsertResourceRole(tx, { type: g.type, id: g.id, userId: g.userId, role: g.role, by: subjectOf(p), now: clock.now() });
      // Replacing a role takes away what the previous one carried: bounded the same way.
      const replaced = previous === null ? [] : ((RESOURCE_TYPES[g.type] as Record<string, readonly Permission[]>)[previous] ?? []);
      const lost = replaced.filter((perm) => !decide({ ...facts, permission: perm }).allowed);
      if (lost.length) throw new PermissionNotHeld(lost);
      await audit(tx, p, ctx.source, ctx.reason, {
        action: 'resource_role.granted',
        target: { type: g.type, id: g.id },
        metadata: { userId: g.userId, role: g.role, previous },
      });
    },

    async removeResourceRole(tx: OrgTx, p: OrgPrincipal, g: { type: string; id: string; userId: string }, ctx: Ctx = {}): Promise<void> {
      if (!isResourceType(g.type)) throw new TypeError(`unknown resource type ${g.type}`);
      await lockAuthzFacts(tx, tx.orgId, 'exclusive');
      const previous = await repo.deleteResourceRole(tx, g.type, g.id, g.userId);
      if (previous === null) throw new NotFound();
      // Taking a resource role away is bounded like giving it: the caller must hold (on this
      // resource) everything it carried. Throwing rolls the caller's transaction back.
      const carried = (RESOURCE_TYPES[g.type] as Record<string, readonly Permission[]>)[previous] ?? [];
      const facts = await loadFacts(tx, p, { type: g.type, id: g.id });
      const missing = carried.filter((perm) => !holdsOn(facts, perm));
      if (missing.length) throw new PermissionNotHeld(missing);
      await audit(tx, p, ctx.source, ctx.reason, { action: 'resource_role.revoked', target: { type: g.type, id: g.id }, metadata: { userId: g.userId, role: previous } });
    },

    /** When a resource is deleted, its roles go with it (in the caller's transaction). */
    async dropResource(tx: OrgTx, type: string, id: string): Promise<void> {
      await repo.deleteResourceRoles(tx, type, id);
    },

    // ---- plans: the platform super-admin only (RBAC-3 layer 4)

    async setPlan(p: Principal, orgId: string, plan: Plan, ctx: Ctx = {}): Promise<{ orgId: string; plan: Plan; previous: string }> {
      const superAdmin = p.kind === 'user' && p.superAdmin;
      const decision = decide({ permission: 'platform:set_plan', superAdmin, member: null, keyScopes: p.kind === 'api_key' ? p.scopes : null, resource: null, plan: '', planFeatures: [], disabledToggles: new Map() });
      if (!decision.allowed) {
        await withSystem(db, (tx) =>
          appendAudit(tx, {
            orgId: 'platform',
            action: 'authz.denied',
            actor: actorOf(p),
            outcome: 'denied',
            denyLayer: decision.layer,
            target: { type: 'org', id: orgId.slice(0, 100) },
            ...(ctx.source ? { source: ctx.source } : {}),
            metadata: { permission: 'platform:set_plan' },
          }),
        );
        throw new Forbidden();
      }
      const r = await changing(orgId, () => withSystem(db, (tx) => setPlanInTx(tx, orgId, plan, actorOf(p), { via: 'platform_api' }, ctx)));
      if (!r) throw new NotFound();
      return { orgId, plan, previous: r.previous };
    },

    setPlanInTx,
    isPlan,
    plans,

    async applyPlanConfig() {
      return withSystem(db, async (tx) => {
        await repo.setDefaultPlan(tx, deps.defaultPlan);
        return repo.orgsOnPlansOtherThan(tx, Object.keys(plans));
      });
    },
  };
}


const governed = governedBy;

/** Permissions whose routes change authorization facts (memberships, roles, toggles, resource
    roles): their transactions take the facts lock exclusively from the start, so they never
    need to upgrade a shared lock (two upgrades would deadlock). */
const CHANGES_FACTS: ReadonlySet<string> = new Set(['members:write', 'roles:write', 'policies:write', 'collections:share']);

function policyView(rows: repo.ToggleRow[]): PolicyView {
  return {
    toggles: TOGGLE_NAMES.map((t) => ({
      name: t,
      description: TOGGLES[t],
      governs: governed(t),
      disabledFor: rows.filter((r) => r.toggle === t && !r.enabled).map((r) => r.role_ref),
    })),
  };
}
