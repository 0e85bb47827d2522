/* The platform operator's view of backups over HTTP (GET · POST /v1/platform/backups; claim BAK-1,
   docs/backups.md). The list shows what an operator needs to trust a backup — id, times, size,
   SHA-256, schema version, the latest verification and drill — and nothing that opens one or says
   where it lives: no recipient keys, no store paths or bucket names. A request to back up now is a
   row (migration 0290) and a `backup.now` job added in one transaction, audited as
   backup.requested; the job writes the backup under the id the request was answered with. At most
   one request is open at a time (a partial unique index): a second one while it is queued or
   running is answered with the open one (202, `existing: true`), so a double click or a retry takes
   one backup, not two. A request open longer than ABANDONED_AFTER_HOURS (its process died) is
   closed as abandoned and no longer blocks. */
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import { enqueue } from '../jobs/index.js';
import { withSystem, type Actor, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { RequestSource } from '../lib/caller.js';
import { BackupNotConfigured, BackupStoreUnavailable } from './errors.js';
import { closeAbandoned, insertOpenRequest, latestDrills, latestRequest, latestVerifications, markFinished, markStarted, openRequest, type CheckState, type RequestRow } from './repo.js';
import { backupId, type BackupListEntry, type Backups } from './service.js';

export const REQUEST_TASK = 'backup.now';

export interface BackupView {
  id: string;
  status: 'complete' | 'incomplete';
  createdAt: string | null;
  finishedAt: string | null;
  /** Size of the encrypted file in the store. */
  sizeBytes: number;
  /** SHA-256 of the encrypted file (hex), as its manifest records it. */
  sha256: string | null;
  plaintextBytes: number | null;
  schemaVersion: string | null;
  palisadeVersion: string | null;
  tables: number | null;
  auditEvents: number | null;
  /** How many age recipients can open it (the keys themselves are not shown). */
  recipients: number | null;
  verified: { at: string; ok: boolean; level: string | null } | null;
  drill: { at: string; ok: boolean } | null;
}

export interface RequestView {
  id: string;
  status: 'queued' | 'running' | 'complete' | 'failed' | 'abandoned';
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface BackupRequests {
  /** Newest first; `request` is the latest request to back up now (open or not). */
  list(): Promise<{ configured: boolean; items: BackupView[]; request: RequestView | null }>;
  /** Opens a request and queues its job, or returns the one already open. */
  request(by: { actor: Actor; source?: RequestSource | undefined }): Promise<{ request: RequestView; existing: boolean }>;
  /** The `backup.now` job. */
  run(payload: unknown): Promise<void>;
}

export interface BackupRequestsDeps {
  db: Db;
  clock: Clock;
  /** Runs fn with a Backups on its own owner connection; null when backups are not configured. */
  withBackups: (<T>(fn: (b: Backups) => Promise<T>) => Promise<T>) | null;
  alert: (subject: string, text: string) => Promise<void>;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function requestView(r: RequestRow): RequestView {
  const status = r.outcome ?? (r.startedAt ? 'running' : 'queued');
  return { id: r.id, status, requestedAt: r.requestedAt.toISOString(), startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt) };
}

function backupView(e: BackupListEntry, verified: CheckState | undefined, drill: CheckState | undefined): BackupView {
  const m = e.manifest;
  return {
    id: e.id, status: e.status, createdAt: e.createdAt, finishedAt: m?.finishedAt ?? null,
    sizeBytes: e.ciphertextBytes, sha256: m?.ciphertextSha256 ?? null, plaintextBytes: m?.plaintextBytes ?? null,
    schemaVersion: m?.schemaVersion ?? null, palisadeVersion: m?.palisadeVersion ?? null,
    tables: m ? m.tables.length : null, auditEvents: m?.auditEvents ?? null, recipients: m ? m.recipients.length : null,
    verified: verified ? { at: verified.at.toISOString(), ok: verified.ok, level: verified.level ?? null } : null,
    drill: drill ? { at: drill.at.toISOString(), ok: drill.ok } : null,
  };
}

function payloadOf(p: unknown): { id: string; by: string } {
  const o = (p ?? {}) as Record<string, unknown>;
  if (typeof o.id !== 'string' || typeof o.by !== 'string') throw new TypeError('backup.now: bad payload');
  return { id: o.id, by: o.by };
}

export function createBackupRequests(deps: BackupRequestsDeps): BackupRequests {
  const { db, clock, withBackups } = deps;
  return {
    async list() {
      // A store that cannot be listed is the server's fault: 503 with a code, the cause logged.
      const entries = withBackups
        ? await withBackups((b) => b.list()).catch((e: unknown) => {
          throw new BackupStoreUnavailable(undefined, { cause: e });
        })
        : [];
      const ids = entries.map((e) => e.id);
      const { verified, drills, request } = await withSystem(db, async (tx) => ({
        verified: await latestVerifications(tx, ids),
        drills: await latestDrills(tx, ids),
        request: await latestRequest(tx),
      }));
      return {
        configured: withBackups !== null,
        items: entries.map((e) => backupView(e, verified.get(e.id), drills.get(e.id))),
        request: request ? requestView(request) : null,
      };
    },

    async request({ actor, source }) {
      if (!withBackups) throw new BackupNotConfigured();
      return withSystem(db, async (tx) => {
        const now = clock.now();
        await closeAbandoned(tx, now);
        const id = backupId(now);
        const by = actor.id ?? 'unknown';
        if (await insertOpenRequest(tx, { id, requestedBy: by, requestedAt: now })) {
          await enqueue(tx, REQUEST_TASK, { id, by }, { maxAttempts: 1 });
          await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'backup.requested', actor, outcome: 'allowed', target: { type: 'backup', id }, ...(source ? { source } : {}) });
          return { request: { id, status: 'queued' as const, requestedAt: now.toISOString(), startedAt: null, finishedAt: null }, existing: false };
        }
        const open = await openRequest(tx);
        if (!open) throw new TypeError('backup request: neither inserted nor open');
        return { request: requestView(open), existing: true };
      });
    },

    async run(payload) {
      const { id, by } = payloadOf(payload);
      if (!withBackups) throw new BackupNotConfigured();
      await withSystem(db, (tx) => markStarted(tx, id, clock.now()));
      try {
        await withBackups((b) => b.create({ actor: { type: 'super_admin', id: by }, id }));
      } catch (e) {
        await withSystem(db, (tx) => markFinished(tx, id, clock.now(), 'failed'));
        const why = e instanceof Error ? e.message : String(e);
        await deps.alert('[Palisade] Requested backup FAILED', `The backup ${id} requested by a platform super-admin failed: ${why}\n\nCheck the backup store and run: palisade backup create`).catch(() => undefined);
        throw e;
      }
      await withSystem(db, (tx) => markFinished(tx, id, clock.now(), 'complete'));
    },
  };
}
