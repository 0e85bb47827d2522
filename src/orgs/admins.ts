/* Who administers an organisation, for alert delivery (audit anomalies): the members holding the
   built-in admin role. Read in the organisation's own RLS transaction; the platform's own
   administrators (alerts on the 'platform' log) are the super-admins named by configuration. */
import { readInOrg, withOrg, withSystem, type Db } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';

const SYSTEM_ACTOR = { type: 'system' as const, id: null };

export interface OrgAdmins {
  isAdmin(orgId: string, userId: string): Promise<boolean>;
  /** Verified addresses of the organisation's admins; for 'platform', of the super-admins. */
  adminEmails(orgId: string): Promise<string[]>;
}

/** superAdminEmails: PALISADE_SUPER_ADMINS, lower-cased. */
export function createOrgAdmins(deps: { db: Db; superAdminEmails: readonly string[] }): OrgAdmins {
  const { db } = deps;
  const supers = deps.superAdminEmails.map((e) => e.trim().toLowerCase()).filter(Boolean);
  return {
    // Called by the anomaly detectors for every allowed sign-in record they seal (issue 6: two
    // transactions per sign-in), so: no query at all when no super-admin is configured, and
    // one round trip otherwise.
    async isAdmin(orgId, userId) {
      if (orgId === 'platform') {
        if (supers.length === 0) return false;
        const [u] = await withSystem(db, (tx) => tx.sql<{ email_key: string }[]>`select email_key from users where id = ${userId}`);
        return u !== undefined && supers.includes(u.email_key);
      }
      const rows = await readInOrg(db, orgId as OrgId, SYSTEM_ACTOR, (sql) =>
        sql`select 1 from memberships where org_id = ${orgId} and user_id = ${userId} and 'admin' = any (roles)`);
      return rows.length > 0;
    },
    async adminEmails(orgId) {
      if (orgId === 'platform') return [...supers];
      const ids = await withOrg(db, orgId as OrgId, SYSTEM_ACTOR, (tx) =>
        tx.sql<{ user_id: string }[]>`select user_id from memberships where org_id = ${tx.orgId} and 'admin' = any (roles)`);
      if (ids.length === 0) return [];
      // users is a platform table (no org_id): read on the system path, by the ids RLS allowed.
      const rows = await withSystem(db, (tx) => tx.sql<{ email: string }[]>`select email from users where id = any (${ids.map((r) => r.user_id)})`);
      return rows.map((r) => r.email);
    },
  };
}
