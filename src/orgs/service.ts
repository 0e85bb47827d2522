/* Organisations, memberships and invitations. Claims TEN-1, TEN-4, AUTH-4, AUTH-12.
   Invariants:
   - Every organisation-scoped operation runs in withOrg with the organisation of the
     principal (the session's active org), never one named by the request (TEN-1). The only
     organisation ids a client sends are to PUT /v1/me/active-org (membership-checked by
     identity) and none other.
   - Another organisation's member or invitation, and one that does not exist, are the same
     NotFound: RLS hides the row, and the code cannot tell the two apart (TEN-4).
   - An organisation always keeps an admin: demotions and removals lock the admin memberships
     first, so two concurrent ones cannot both pass the check.
   - No one grants a role they could not hold, and no one takes one away that they could not
     hold either: a change of a member's roles, or their removal, needs every permission of
     every role before and after (and of the member's resource roles, on removal) held by the
     caller (RoleRules.assertCanChangeMember, the authz module's mayChange rule), checked in the
     writing transaction after the member was found (a foreign member stays 404, TEN-4).
   - Invitations are single-use (consumed by one DELETE … RETURNING), expire after 7 days, are
     bound to one address (the accepting user's verified address must match), and only the
     token's SHA-256 is stored.
   - Every change is audited in the organisation's log, in the same transaction. */
import type { Logger } from 'pino';
import { appendAudit } from '../audit/index.js';
import { lockAuthzFacts, withOrg, withSystem, type Db, type OrgTx } from '../db/index.js';
import { emailKey, emails, issueToken, link, tokenLookupHash, InvalidToken, type Identity } from '../identity/index.js';
import type { Clock } from '../lib/clock.js';
import { NotFound, ValidationFailed, type PalisadeError } from '../lib/errors.js';
import { cursorCodec, cursorId, instantDate } from '../lib/cursor.js';
import { z } from 'zod';
import { AlreadyMember } from './errors.js';
import { LastAdmin, UnknownRole } from '../authz/index.js';
import type { Actor, Caller, OrgPrincipal, RequestSource } from '../lib/caller.js';
import { newId, type OrgId } from '../lib/ids.js';
import * as repo from './repo.js';

export interface OrgView {
  id: string;
  name: string;
  plan: string;
  settings: Record<string, unknown>;
  createdAt: string;
}

export interface MemberView {
  userId: string;
  email: string;
  name: string | null;
  roles: string[];
  joinedAt: string;
}

export interface InvitationView {
  id: string;
  email: string;
  roles: string[];
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

/** What orgs needs from the authz module (AuthzService): role checks in the writing transaction. */
export interface RoleRules {
  /** Refuses unknown role references (UnknownRole) and roles carrying a permission the caller
      does not hold (PermissionNotHeld). */
  assertCanAssignRoles(tx: OrgTx, principal: OrgPrincipal, refs: readonly string[]): Promise<void>;
  /** A member's roles go from `from` to `to` (null: removed). Refuses unknown references in `to`
      (UnknownRole) and any change affecting a permission the caller does not hold (PermissionNotHeld). */
  assertCanChangeMember(tx: OrgTx, principal: OrgPrincipal, userId: string, from: readonly string[], to: readonly string[] | null): Promise<void>;
  /** The client error for the database's "keep at least one admin" guard, or null. */
  lastAdminError(e: unknown): PalisadeError | null;
  /** After a committed membership change: this node's cached authorization facts of the
      organisation are dropped at once, and the call returns once every other live node has
      processed the database's notification of it. */
  factsChanged(orgId: string): Promise<void>;
}

export interface OrgSettingsPatch {
  sessionIdleTimeoutSeconds?: number | null | undefined;
  /** The organisation's primary address for incident notices (docs/incidents.md). */
  securityContactEmail?: string | null | undefined;
}

export interface Orgs {
  create(user: { userId: string }, name: string, source: RequestSource): Promise<OrgView>;
  listMine(userId: string): Promise<Array<{ id: string; name: string; roles: string[]; createdAt: string }>>;
  get(c: Caller): Promise<OrgView>;
  update(c: Caller, patch: { name?: string | undefined; settings?: OrgSettingsPatch | undefined }): Promise<OrgView>;
  listMembers(c: Caller, limit: number, cursor: string | null): Promise<{ items: MemberView[]; nextCursor: string | null }>;
  setMemberRoles(c: Caller, userId: string, roles: string[]): Promise<MemberView>;
  removeMember(c: Caller, userId: string): Promise<void>;
  revokeMemberSessions(c: Caller, userId: string): Promise<number>;
  invite(c: Caller, email: string, roles: string[]): Promise<InvitationView>;
  listInvitations(c: Caller, limit: number, cursor: string | null): Promise<{ items: InvitationView[]; nextCursor: string | null }>;
  deleteInvitation(c: Caller, id: string): Promise<void>;
  acceptInvitation(user: { userId: string }, token: string, source: RequestSource): Promise<{ orgId: string; roles: string[] }>;
}

export interface OrgsDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  identity: Identity;
  roles: RoleRules;
  /** Bounds a policy may set for its members' inactivity timeout (seconds). */
  idleTimeoutBounds: { min: number; max: number };
}

const orgView = (r: repo.OrgRow): OrgView => ({ id: r.id, name: r.name, plan: r.plan, settings: r.settings, createdAt: r.created_at.toISOString() });
const memberView = (r: repo.MemberRow): MemberView => ({ userId: r.user_id, email: r.email, name: r.name, roles: r.roles, joinedAt: r.created_at.toISOString() });
const invitationView = (r: repo.InvitationRow): InvitationView => ({
  id: r.id,
  email: r.email,
  roles: r.roles,
  invitedBy: r.invited_by,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
});

/** Members ascend by (joined, user id); invitations descend by (created, id). */
const memberCursor = cursorCodec(z.strictObject({ t: instantDate, u: cursorId }));
const invitationCursor = cursorCodec(z.strictObject({ t: instantDate, i: cursorId }));

function uniqueRefs(roles: readonly string[]): string[] {
  return [...new Set(roles)];
}

/** Migration 0003's trigger refuses a role reference that names no role of the organisation
    (a custom role deleted concurrently): the same 400 as a reference refused up front. */
function isRoleRefViolation(e: unknown): boolean {
  const pe = e as { code?: string; constraint_name?: string };
  return pe.code === '23503' && pe.constraint_name === 'role_ref_known';
}

export function createOrgs(deps: OrgsDeps): Orgs {
  const { db, clock, identity, roles: rules } = deps;

  const inOrg = <T>(c: Caller, fn: (tx: OrgTx) => Promise<T>): Promise<T> => withOrg(db, c.orgId, c.actor, fn);

  /** Maps the database's role guards onto client errors. */
  const guarded = async <T>(fn: () => Promise<T>, refs: readonly string[] = []): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      const lastAdmin = rules.lastAdminError(e);
      if (lastAdmin) throw lastAdmin;
      if (isRoleRefViolation(e)) throw new UnknownRole(refs);
      throw e;
    }
  };

  const audit = (tx: OrgTx, c: Caller, action: string, target: { type: string; id: string }, metadata?: Record<string, unknown>) =>
    appendAudit(tx, {
      action,
      actor: c.actor,
      target,
      outcome: 'allowed',
      source: c.source,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(metadata ? { metadata } : {}),
    });

  return {
    async create(user, name, source) {
      const orgId = newId('org') as OrgId;
      const actor: Actor = { type: 'user', id: user.userId };
      const now = clock.now();
      const row = await withOrg(db, orgId, actor, async (tx) => {
        const org = await repo.insertOrg(tx, name, now);
        await repo.insertMembership(tx, user.userId, ['admin'], now);
        await appendAudit(tx, { action: 'org.created', actor, target: { type: 'org', id: orgId }, outcome: 'allowed', source, metadata: { name } });
        await appendAudit(tx, {
          action: 'org.member_added',
          actor,
          target: { type: 'user', id: user.userId },
          outcome: 'allowed',
          source,
          metadata: { roles: ['admin'], via: 'created_org' },
        });
        return org;
      });
      return orgView(row);
    },

    async listMine(userId) {
      const rows = await withSystem(db, (tx) => repo.orgsOfUser(tx, userId));
      return rows.map((r) => ({ id: r.id, name: r.name, roles: r.roles, createdAt: r.created_at.toISOString() }));
    },

    async get(c) {
      // Reads of tenant data are audited like changes (AUD-1), in the same transaction.
      const row = await inOrg(c, async (tx) => {
        const r = await repo.getOrg(tx);
        if (r) await audit(tx, c, 'org.read', { type: 'org', id: r.id });
        return r;
      });
      if (!row) throw new NotFound();
      return orgView(row);
    },

    async update(c, patch) {
      const set: Record<string, unknown> = {};
      const remove: string[] = [];
      const idle = patch.settings?.sessionIdleTimeoutSeconds;
      if (idle === null) remove.push('sessionIdleTimeoutSeconds');
      else if (idle !== undefined) {
        const { min, max } = deps.idleTimeoutBounds;
        if (idle < min || idle > max) {
          throw new ValidationFailed('The inactivity timeout is out of range', [
            { path: '/settings/sessionIdleTimeoutSeconds', message: `must be between ${min} and ${max} seconds` },
          ]);
        }
        set.sessionIdleTimeoutSeconds = idle;
      }
      const contact = patch.settings?.securityContactEmail;
      if (contact === null) remove.push('securityContactEmail');
      else if (contact !== undefined) set.securityContactEmail = contact;
      const row = await inOrg(c, async (tx) => {
        const updated = await repo.updateOrg(tx, { name: patch.name, setSettings: set, removeSettings: remove });
        if (!updated) return null;
        await audit(tx, c, 'org.updated', { type: 'org', id: c.orgId }, {
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.settings !== undefined ? { settings: patch.settings } : {}),
        });
        return updated;
      });
      if (!row) throw new NotFound();
      return orgView(row);
    },

    async listMembers(c, limit, cursor) {
      const after = memberCursor.decode(cursor);
      const rows = await inOrg(c, async (tx) => {
        const r = await repo.listMembers(tx, limit + 1, after ? { createdAt: after.t, userId: after.u } : null);
        await audit(tx, c, 'org.members_listed', { type: 'org', id: c.orgId }, { count: Math.min(r.length, limit) });
        return r;
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(memberView),
        nextCursor: rows.length > limit && last ? memberCursor.encode({ t: last.created_at, u: last.user_id }) : null,
      };
    },

    async setMemberRoles(c, userId, roles) {
      const refs = uniqueRefs(roles);
      const row = await guarded(
        () =>
          inOrg(c, async (tx) => {
            // Changes of authorization facts wait for transactions acting on them (and vice versa).
            await lockAuthzFacts(tx, c.principal.orgId, 'exclusive');
            const admins = await repo.lockAdmins(tx);
            const member = await repo.getMember(tx, userId, true);
            if (!member) throw new NotFound();
            await rules.assertCanChangeMember(tx, c.principal, userId, member.roles, refs);
            if (admins.length === 1 && admins[0] === userId && !refs.includes('admin')) throw new LastAdmin();
            await repo.setMemberRoles(tx, userId, refs);
            await audit(tx, c, 'org.member_roles_changed', { type: 'user', id: userId }, { from: member.roles, to: refs });
            return { ...member, roles: refs };
          }),
        refs,
      );
      await rules.factsChanged(c.orgId);
      return memberView(row);
    },

    async removeMember(c, userId) {
      await guarded(() =>
        inOrg(c, async (tx) => {
          await lockAuthzFacts(tx, c.principal.orgId, 'exclusive');
          const admins = await repo.lockAdmins(tx);
          const member = await repo.getMember(tx, userId, true);
          if (!member) throw new NotFound();
          await rules.assertCanChangeMember(tx, c.principal, userId, member.roles, null);
          if (admins.length === 1 && admins[0] === userId) throw new LastAdmin();
          await repo.deleteMember(tx, userId);
          await audit(tx, c, 'org.member_removed', { type: 'user', id: userId }, { roles: member.roles });
        }),
      );
      await rules.factsChanged(c.orgId);
    },

    async revokeMemberSessions(c, userId) {
      // The membership check runs under RLS: a non-member (or another org's user) is a 404.
      const member = await inOrg(c, (tx) => repo.getMember(tx, userId));
      if (!member) throw new NotFound();
      const n = await identity.revokeAllSessionsOf(userId, { actor: c.actor, orgId: c.orgId, source: c.source });
      await inOrg(c, (tx) => audit(tx, c, 'org.member_sessions_revoked', { type: 'user', id: userId }, { sessionsRevoked: n }));
      return n;
    },

    async invite(c, email, roles) {
      const refs = uniqueRefs(roles);
      const key = emailKey(email);
      const now = clock.now();
      const t = issueToken('invitation', now);
      const { row, orgName } = await guarded(
        () =>
          inOrg(c, async (tx) => {
            await rules.assertCanAssignRoles(tx, c.principal, refs);
            if (await repo.memberEmailExists(tx, key)) throw new AlreadyMember();
            const org = await repo.getOrg(tx);
            if (!org) throw new NotFound();
            const inv = await repo.insertInvitation(tx, {
              id: newId('inv'),
              email: email.trim(),
              emailKey: key,
              roles: refs,
              tokenHash: t.hash,
              invitedBy: c.principal.kind === 'user' ? c.principal.userId : c.principal.createdBy,
              now,
              expiresAt: t.expiresAt,
            });
            await audit(tx, c, 'org.invitation_created', { type: 'invitation', id: inv.id }, { roles: refs, expiresAt: inv.expires_at.toISOString() });
            return { row: inv, orgName: org.name };
          }),
        refs,
      );
      const message = emails.invitation(email.trim(), orgName, link(identity.config.publicUrl, '/accept-invitation', t.token));
      identity.background.run('mail.invitation', () => identity.mailer.deliver(message));
      return invitationView(row);
    },

    async listInvitations(c, limit, cursor) {
      const after = invitationCursor.decode(cursor);
      const rows = await inOrg(c, async (tx) => {
        const r = await repo.listInvitations(tx, clock.now(), limit + 1, after ? { createdAt: after.t, id: after.i } : null);
        await audit(tx, c, 'org.invitations_listed', { type: 'org', id: c.orgId }, { count: Math.min(r.length, limit) });
        return r;
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(invitationView),
        nextCursor: rows.length > limit && last ? invitationCursor.encode({ t: last.created_at, i: last.id }) : null,
      };
    },

    async deleteInvitation(c, id) {
      await inOrg(c, async (tx) => {
        const row = await repo.deleteInvitation(tx, id);
        if (!row) throw new NotFound();
        await audit(tx, c, 'org.invitation_revoked', { type: 'invitation', id });
      });
    },

    async acceptInvitation(user, token, source) {
      await identity.rateLimiter.hit('invitation_accept', { ip: source.ip, account: user.userId });
      const hash = tokenLookupHash('invitation', token);
      if (!hash) throw new InvalidToken();
      const now = clock.now();
      const found = await withSystem(db, async (tx) => ({ orgId: await repo.invitationOrgByToken(tx, hash), me: await repo.userEmail(tx, user.userId) }));
      if (!found.orgId || !found.me) throw new InvalidToken();
      const actor: Actor = { type: 'user', id: user.userId };
      const orgId = found.orgId;
      const result = await withOrg(db, orgId as OrgId, actor, async (tx) => {
        // Consumed only by the invited address: anyone else leaves it intact.
        const inv = await repo.consumeInvitation(tx, hash, emailKey(found.me?.email ?? ''), now);
        if (!inv) return null;
        const added = await repo.insertMembership(tx, user.userId, inv.roles, now);
        await appendAudit(tx, {
          action: 'org.invitation_accepted',
          actor,
          target: { type: 'invitation', id: inv.id },
          outcome: 'allowed',
          source,
          metadata: { roles: inv.roles, alreadyMember: !added },
        });
        if (added) {
          await appendAudit(tx, { action: 'org.member_added', actor, target: { type: 'user', id: user.userId }, outcome: 'allowed', source, metadata: { roles: inv.roles, via: 'invitation' } });
        }
        return { orgId, roles: inv.roles };
      });
      if (result) await rules.factsChanged(orgId);
      if (!result) throw new InvalidToken();
      return result;
    },
  };
}
