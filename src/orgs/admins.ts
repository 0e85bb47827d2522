/* Who administers an organisation, for alert delivery (audit anomalies): the members holding the
   built-in admin role. Read in the organisation's own RLS transaction; the platform's own
   administrators (alerts on the 'platform' log) are the super-admins named by configuration
   (by user id, or by verified address: src/identity/super-admins.ts). */
import { readInOrg, withOrg, withSystem, type Db } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';
import * as repo from './repo.js';

const SYSTEM_ACTOR = { type: 'system' as const, id: null };

export interface OrgAdmins {
  isAdmin(orgId: string, userId: string): Promise<boolean>;
  /** Verified addresses of the organisation's admins; for 'platform', of the super-admins. */
  adminEmails(orgId: string): Promise<string[]>;
}

/** superAdmins: the platform's super-admins as identity decides them (identity.superAdmins). */
export function createOrgAdmins(deps: { db: Db; superAdmins: { check(userId: string): Promise<boolean>; list(): Promise<Array<{ email: string }>> } }): OrgAdmins {
  const { db, superAdmins } = deps;
  return {
    // Called by the anomaly detectors for every allowed sign-in record they seal (issue 6: two
    // transactions per sign-in), so the platform's answer comes from the super-admins'
    // resolution, cached per node (no query at all when none is configured, or by id only).
    async isAdmin(orgId, userId) {
      if (orgId === 'platform') return superAdmins.check(userId);
      const rows = await readInOrg(db, orgId as OrgId, SYSTEM_ACTOR, (sql) => repo.isAdminQuery(sql, orgId, userId));
      return rows.length > 0;
    },
    async adminEmails(orgId) {
      if (orgId === 'platform') return (await superAdmins.list()).map((s) => s.email);
      const ids = await withOrg(db, orgId as OrgId, SYSTEM_ACTOR, (tx) => repo.adminIds(tx));
      if (ids.length === 0) return [];
      return withSystem(db, (tx) => repo.userEmails(tx, ids));
    },
  };
}
