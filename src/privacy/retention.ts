/* Retention (PRIV-7): one scheduled job, `privacy.retention` (daily; graphile-worker's cron lock
   fires each tick once across nodes), that
   1. tells the admins of every expired trial organisation when it will be deleted (once: the
      notice is marked in the transaction that sends it, so two nodes never both send it; a
      failed send rolls the mark back and the next run sends it again);
   2. deletes trial organisations expired and told PALISADE_PRIVACY_TRIAL_GRACE_DAYS (30) ago:
      first their data keys are destroyed (crypto-shredding: every ciphertext of the
      organisation, in the database, object storage and backups, is unreadable from then on),
      then every row they own goes in one transaction (migration 0191), and the orgs row stays
      as a tombstone without name or settings;
   3. prunes notifications older than PALISADE_PRIVACY_NOTIFICATION_DAYS (90): finished webhook
      deliveries and their attempts, resolved alerts, development mail;
   4. runs the audit log's own retention (AUDIT_RETENTION_DAYS; audit/retention.ts, not a copy);
   and writes one `privacy.retention_run` record with what it did. Every step selects its work
   by predicate and rechecks it under a row lock, so a rerun, a second node or a run after a
   crash does only what is left. Claims PRIV-7; ASVS V14.2.7. */
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import type { Keyring } from '../crypto/index.js';
import { withOrg, withSystem, type Actor, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { OrgId } from '../lib/ids.js';
import * as repo from './repo.js';

const DAY = 86_400_000;
const SYSTEM: Actor = { type: 'system', id: 'privacy.retention' };

export interface RetentionDeps {
  db: Db;
  keyring: Keyring;
  clock: Clock;
  trialGraceDays: number;
  notificationDays: number;
  /** Mails an organisation's admins (orgs/admins.ts). */
  notifyOrg?: ((orgId: string, subject: string, text: string) => Promise<void>) | undefined;
  /** The audit log's own retention (audit module's runRetention). */
  auditRetention?: (() => Promise<{ deleted: number }>) | undefined;
}

export interface RetentionRun {
  trialNotices: number;
  trialOrgsDeleted: number;
  rowsDeleted: number;
  keysDestroyed: number;
  notifications: { deliveries: number; alerts: number; mail: number };
  auditRecordsDeleted: number | null;
}

export async function runRetention(deps: RetentionDeps): Promise<RetentionRun> {
  const { db, keyring, clock } = deps;
  const now = clock.now();
  const out: RetentionRun = { trialNotices: 0, trialOrgsDeleted: 0, rowsDeleted: 0, keysDestroyed: 0, notifications: { deliveries: 0, alerts: 0, mail: 0 }, auditRecordsDeleted: null };

  // 1. Notices: deletion is due trialGraceDays after the later of expiry and notice (now).
  const deleteOn = new Date(now.getTime() + deps.trialGraceDays * DAY);
  for (const t of await withSystem(db, (tx) => repo.trialsToNotify(tx, now))) {
    const sent = await withSystem(db, async (tx) => {
      if (!(await repo.markTrialNotice(tx, t.id, now))) return false;
      await appendAudit(tx, {
        orgId: t.id, action: 'privacy.trial_deletion_notice', actor: SYSTEM, outcome: 'allowed', target: { type: 'org', id: t.id },
        metadata: { trialEndedAt: t.trial_ends_at.toISOString(), deleteOn: deleteOn.toISOString() }, occurredAt: now,
      });
      await deps.notifyOrg?.(t.id, 'Your trial has ended: the organisation will be deleted',
        `The trial of this organisation ended on ${t.trial_ends_at.toISOString().slice(0, 10)}.\n` +
        `Unless it moves to a paid plan, the organisation and all its data (members, keys, files, settings) will be deleted on or after ${deleteOn.toISOString().slice(0, 10)}.\n` +
        'Export what you need before then.');
      return true;
    });
    if (sent) out.trialNotices++;
  }

  // 2. Deletion of trials expired and told trialGraceDays ago.
  const cutoff = new Date(now.getTime() - deps.trialGraceDays * DAY);
  for (const orgId of await withSystem(db, (tx) => repo.trialsToDelete(tx, cutoff))) {
    const keys = await withOrg(db, orgId as OrgId, SYSTEM, async (tx) => {
      if (!(await repo.trialDueForUpdate(tx, cutoff))) return -1;
      return keyring.destroyOrgKeys(tx);
    });
    if (keys < 0) continue;
    out.keysDestroyed += keys; // another node may delete the rows: the keys this run destroyed count here
    if (keys > 0) await keyring.destroyedEverywhere();
    const rows = await withSystem(db, async (tx) => {
      const n = await repo.deleteTrialOrg(tx, orgId, cutoff, now);
      if (n < 0) return -1;
      const e = { action: 'privacy.trial_org_deleted', actor: SYSTEM, outcome: 'allowed' as const, target: { type: 'org', id: orgId }, metadata: { rows: n, keysDestroyed: keys }, occurredAt: now };
      await appendAudit(tx, { ...e, orgId });
      await appendAudit(tx, { ...e, orgId: PLATFORM_ORG });
      return n;
    });
    if (rows < 0) continue;
    out.trialOrgsDeleted++;
    out.rowsDeleted += rows;
  }

  // 3. Notifications.
  out.notifications = await withSystem(db, (tx) => repo.pruneNotifications(tx, new Date(now.getTime() - deps.notificationDays * DAY)));

  // 4. Security logs, as configured.
  if (deps.auditRetention) out.auditRecordsDeleted = (await deps.auditRetention()).deleted;

  await withSystem(db, (tx) => appendAudit(tx, {
    orgId: PLATFORM_ORG, action: 'privacy.retention_run', actor: SYSTEM, outcome: 'allowed', metadata: { ...out }, occurredAt: now,
  }));
  return out;
}
