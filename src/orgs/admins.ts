/* Who administers an organisation, for alert delivery (audit anomalies): the members holding the
   built-in admin role. Read in the organisation's own RLS transaction; the platform's own
   administrators (alerts on the 'platform' log) are the super-admins named by configuration. */
import { readInOrg, withOrg, withSystem, type Db } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';
import * as repo from './repo.js';

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
        const key = await withSystem(db, (tx) => repo.userEmailKey(tx, userId));
        return key !== null && supers.includes(key);
      }
      const rows = await readInOrg(db, orgId as OrgId, SYSTEM_ACTOR, (sql) => repo.isAdminQuery(sql, orgId, userId));
      return rows.length > 0;
    },
    async adminEmails(orgId) {
      if (orgId === 'platform') return [...supers];
      const ids = await withOrg(db, orgId as OrgId, SYSTEM_ACTOR, (tx) => repo.adminIds(tx));
      if (ids.length === 0) return [];
      return withSystem(db, (tx) => repo.userEmails(tx, ids));
    },
  };
}
