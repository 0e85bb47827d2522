/* Who administers an organisation, for alert delivery (audit anomalies): the members holding the
   built-in admin role. Read in the organisation's own RLS transaction; the platform's own
   administrators (alerts on the 'platform' log) are the super-admins named by configuration
   (by user id, or by verified address: src/identity/super-admins.ts). */
import { readInOrg, withOrg, withSystem, type Db } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';
import type { AlertView } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import * as repo from './repo.js';

const SYSTEM_ACTOR = { type: 'system' as const, id: null };

export interface OrgAdmins {
  isAdmin(orgId: string, userId: string): Promise<boolean>;
  /** Verified addresses of the organisation's admins; for 'platform', of the super-admins. */
  adminEmails(orgId: string): Promise<string[]>;
  /** The organisation's primary address for notices (settings.securityContactEmail), or null. */
  primaryAddress(orgId: string): Promise<string | null>;
  /** Mails each of the organisation's admins (subject prefixed "[Palisade] "). */
  mail(orgId: string, subject: string, text: string): Promise<void>;
  /** Mails the platform's operators (the super-admins): backups, drills, privacy deadlines. */
  mailPlatform(subject: string, text: string): Promise<void>;
  /** Mails the admins an anomaly alert raised on the organisation's audit log. */
  mailAlert(orgId: string, alert: AlertView): Promise<void>;
}

export interface OrgAdminsDeps {
  db: Db;
  /** The platform's super-admins as identity decides them (identity.superAdmins). */
  superAdmins: { check(userId: string): Promise<boolean>; list(): Promise<Array<{ email: string }>> };
  mailer?: Pick<Mailer, 'deliver'> | undefined;
}

export function createOrgAdmins(deps: OrgAdminsDeps): OrgAdmins {
  const { db, superAdmins } = deps;
  const mail = async (orgId: string, subject: string, text: string): Promise<void> => {
    if (!deps.mailer) return;
    for (const to of await admins.adminEmails(orgId)) await deps.mailer.deliver({ to, subject: `[Palisade] ${subject}`, text });
  };
  const admins: OrgAdmins = {
    mail,
    // A subject that already carries the prefix keeps one.
    mailPlatform: (subject, text) => mail('platform', subject.replace(/^\[Palisade\] /, ''), text),
    mailAlert: (orgId, alert) => mail(orgId, `Security alert: ${alert.summary}`,
      `${alert.summary}\n\nDetector: ${alert.detector} (${alert.severity})\nRaised: ${alert.raisedAt}\nAlert id: ${alert.id}\n\nReview it in the audit log (GET /v1/org/alerts).`),
    // Called by the anomaly detectors for every allowed sign-in record they seal (issue 6: two
    // transactions per sign-in), so the platform's answer comes from the super-admins'
    // resolution, cached per node (no query at all when none is configured, or by id only).
    async isAdmin(orgId, userId) {
      if (orgId === 'platform') return superAdmins.check(userId);
      const rows = await readInOrg(db, orgId as OrgId, SYSTEM_ACTOR, (sql) => repo.isAdminQuery(sql, orgId, userId));
      return rows.length > 0;
    },
    async primaryAddress(orgId) {
      if (orgId === 'platform') return null;
      const row = await withOrg(db, orgId as OrgId, SYSTEM_ACTOR, (tx) => repo.getOrg(tx));
      const v = row?.settings.securityContactEmail;
      return typeof v === 'string' && v ? v : null;
    },
    async adminEmails(orgId) {
      if (orgId === 'platform') return (await superAdmins.list()).map((s) => s.email);
      const ids = await withOrg(db, orgId as OrgId, SYSTEM_ACTOR, (tx) => repo.adminIds(tx));
      if (ids.length === 0) return [];
      return withSystem(db, (tx) => repo.userEmails(tx, ids));
    },
  };
  return admins;
}
