/* Test support for the authz module (imported by *.test.ts and test/security only): rows made
   directly on the platform path, so these tests do not depend on the sign-up flow. */
import { withSystem, type Db } from '../db/index.js';
import { newId, type OrgId } from '../lib/ids.js';
import type { Plan } from './catalog.js';
import type { OrgPrincipal } from './service.js';

export async function makeOrg(db: Db, opts: { plan?: Plan; name?: string } = {}): Promise<string> {
  const id = newId('org');
  await withSystem(db, (tx) => tx.sql`insert into orgs (id, name, plan) values (${id}, ${opts.name ?? `Org ${id.slice(-4)}`}, ${opts.plan ?? 'free'})`);
  return id;
}

export async function makeUser(db: Db, opts: { email?: string } = {}): Promise<string> {
  const id = newId('usr');
  const email = opts.email ?? `${id}@example.test`;
  await withSystem(db, (tx) => tx.sql`
    insert into users (id, email, email_key, name, email_verified_at, created_at, updated_at)
    values (${id}, ${email}, ${email.toLowerCase()}, ${'Test ' + id.slice(-4)}, now(), now(), now())`);
  return id;
}

export async function addMember(db: Db, orgId: string, userId: string, roles: string[]): Promise<void> {
  await withSystem(db, (tx) => tx.sql`insert into memberships (org_id, user_id, roles, created_at) values (${orgId}, ${userId}, ${roles}, now())`);
}

export async function setRoles(db: Db, orgId: string, userId: string, roles: string[]): Promise<void> {
  await withSystem(db, (tx) => tx.sql`update memberships set roles = ${roles} where org_id = ${orgId} and user_id = ${userId}`);
}

export async function removeMember(db: Db, orgId: string, userId: string): Promise<void> {
  await withSystem(db, (tx) => tx.sql`delete from memberships where org_id = ${orgId} and user_id = ${userId}`);
}

/** A user principal as the session authenticator would build it. */
export function userPrincipal(userId: string, orgId: string, opts: { superAdmin?: boolean } = {}): OrgPrincipal {
  return { kind: 'user', userId, sessionId: `ses_test_${userId.slice(-6)}`, orgId: orgId as OrgId, superAdmin: opts.superAdmin ?? false };
}

/** A member with the given roles in a fresh user, returned as a principal. */
export async function makeMember(db: Db, orgId: string, roles: string[]): Promise<OrgPrincipal> {
  const userId = await makeUser(db);
  await addMember(db, orgId, userId, roles);
  return userPrincipal(userId, orgId);
}
