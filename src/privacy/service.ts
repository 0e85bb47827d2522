/* The privacy module's service: a person's data export (PRIV-1), rights requests (PRIV-3) and
   their erasure (PRIV-2, erasure.ts). Claims PRIV-1..3; ASVS V14.2.x (data protection), V14.3.

   Invariants
   - A person exports their own data (scope: everything); an organisation admin holding
     privacy:export exports a member's data limited to that organisation. The organisation is
     the caller's (TEN-1); a person who is not its member is the same not_found as one who does
     not exist (TEN-4).
   - The archive is prepared off the request (a job: prepareExport), sealed under the person's
     subject key in the 'platform' key chain (AAD: privacy_exports.archive of that row), so
     erasing the person shreds an archive that was never downloaded, backups included.
   - It is downloadable once, through a signed link (HMAC under a key derived from the platform
     data key, label privacy.export.url.v1, over export id ‖ requester ‖ expiry; 5 minutes at
     most): the download takes the archive and clears it in one statement. A forged or altered
     link is export_link_invalid; a second download export_gone.
   - Every request, preparation and download is an audit record: in the platform log, and in
     the organisation's log for an admin's export. */
import { createHash } from 'node:crypto';
import { appendAudit, PLATFORM_ORG, type RequestSource } from '../audit/index.js';
import type { Keyring } from '../crypto/index.js';
import { withOrg, withSystem, type Actor, type Db, type OrgTx, type SystemTx } from '../db/index.js';
import type { Caller } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, NotFound } from '../lib/errors.js';
import { newId, type OrgId } from '../lib/ids.js';
import { ErasureLastAdmin, ExportGone, ExportLinkExpired, ExportLinkInvalid, ExportNotReady, RequestTransitionInvalid } from './errors.js';
import { erasePerson, soleAdminOf, type EraseOptions, type ErasureResult } from './erasure.js';
import { buildArchive } from './export.js';
import * as repo from './repo.js';
import { runRetention, type RetentionRun } from './retention.js';
import { checkDeadlines, reminderAt, transitionRequest, type RequestStatus } from './requests.js';
import { sameSignature } from './signed-link.js';

export interface PrivacyConfig {
  /** How long a prepared archive waits for its one download. */
  exportHours: number;
  /** Deadline of rights requests (erasure included), in days; 30 at most. */
  requestDays: number;
  /** Base URL download links are built on (PALISADE_PUBLIC_URL). */
  publicUrl: string;
  /** Days before a request's deadline its reminder goes to the operators (PRIV-3). */
  reminderDays?: number;
  /** Hours an erasure request waits before it is carried out (a mistaken or coerced request can
      still be stopped); never past its deadline (PRIV-2). */
  erasureDelayHours?: number;
  /** Days after a trial's expiry and notice before the retention job deletes it (PRIV-7). */
  trialGraceDays?: number;
  /** Days notifications are kept before the retention job prunes them (PRIV-7). */
  notificationDays?: number;
}

/** The job queue, as the privacy module uses it (src/jobs). */
export interface PrivacyJobs {
  define(task: string, handler: (payload: unknown) => Promise<void>): void;
  schedule(s: { task: string; cron: string }): void;
  enqueue(tx: { readonly sql: SystemTx['sql'] }, task: string, payload: unknown, opts?: { runAt?: Date; maxAttempts?: number; key?: string }): Promise<void>;
}

export interface PrivacyDeps {
  db: Db;
  keyring: Keyring;
  clock: Clock;
  config: PrivacyConfig;
  /** The job queue: exports, erasures and request deadlines run on it when given (the app
      always gives it); without it (unit tests) an export is prepared in this process. */
  jobs?: PrivacyJobs | undefined;
  /** Mails the platform's super-admins (request reminders and overdue alerts). */
  alert?: ((subject: string, text: string) => Promise<void>) | undefined;
  onError?: (message: string, e: unknown) => void;
  /** After an erasure commits: waits until every node has dropped the person's sessions. */
  sessionsRevoked?: (ids: string[]) => Promise<void>;
  /** Sends one mail (the notice to a person that an organisation filed an erasure of their account). */
  mail?: ((to: string, subject: string, text: string) => Promise<void>) | undefined;
  /** Mails an organisation's admins (the retention job's notice before a trial is deleted). */
  notifyOrg?: ((orgId: string, subject: string, text: string) => Promise<void>) | undefined;
  /** The audit log's own retention, which the retention job runs (audit module's runRetention). */
  auditRetention?: (() => Promise<{ deleted: number }>) | undefined;
}

export interface ExportView {
  id: string;
  subject: string;
  scope: 'self' | 'organisation';
  status: 'pending' | 'ready' | 'downloaded' | 'failed';
  records: number | null;
  size: number | null;
  sha256: string | null;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string;
  downloadedAt: string | null;
  /** A one-time download link, valid 5 minutes, present while the archive waits. */
  download: { url: string; expiresAt: string } | null;
}

/** A signed-in person acting on their own account. */
export interface SelfCaller {
  userId: string;
  source: RequestSource;
}

export interface SignedQuery { expires: number; signature: string }

export const REQUEST_TYPES = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'consent_withdrawal'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export interface RequestView {
  id: string;
  type: string;
  status: 'open' | 'in_progress' | 'completed' | 'rejected' | 'withdrawn';
  details: string | null;
  resolution: string | null;
  createdAt: string;
  dueAt: string;
  closedAt: string | null;
}

/** A request as the operator sees it: whose it is, and whether its reminder and alert went out. */
export interface OperatorRequestView extends RequestView {
  subject: string;
  remindedAt: string | null;
  overdueAlertedAt: string | null;
}

export interface Privacy {
  /** The person's own export: everything Palisade holds about them. */
  requestOwnExport(c: SelfCaller): Promise<ExportView>;
  ownExport(c: SelfCaller, exportId: string): Promise<ExportView>;
  /** An admin's export of a member, limited to the admin's organisation. */
  requestMemberExport(c: Caller, userId: string): Promise<ExportView>;
  memberExport(c: Caller, exportId: string): Promise<ExportView>;
  /** The job: builds, seals and stores the archive. Idempotent (a prepared export is left alone). */
  prepareExport(exportId: string): Promise<void>;
  /** The one download through a signed link: the archive's JSON bytes. */
  download(exportId: string, q: SignedQuery, source: RequestSource): Promise<{ body: Buffer; fileName: string }>;
  /** Deletes archives nobody downloaded in time (the retention job calls it). */
  expireExports(): Promise<number>;
  /** Files a rights request about the caller (PRIV-3), due in PALISADE_PRIVACY_REQUEST_DAYS.
      An erasure is refused up front when the person is an organisation's last admin. */
  fileRequest(c: SelfCaller, type: RequestType, details: string | null): Promise<RequestView>;
  ownRequests(c: SelfCaller): Promise<RequestView[]>;
  /** The person withdraws their own request while it is open (an erasure: until it has begun);
      audited; a withdrawn request stays closed (PRIV-3). Another person's request is not_found. */
  withdrawRequest(c: SelfCaller, requestId: string): Promise<RequestView>;
  /** An organisation files a request for one of its members (e.g. one received by mail; an
      erasure through privacy:erase): same deadline, jobs, last-admin guard and audit as the
      person's own, recorded with the organisation. A non-member is not_found. */
  fileMemberRequest(c: Caller, userId: string, type: RequestType, details: string | null): Promise<OperatorRequestView>;
  /** The requests filed through the caller's organisation, newest first (RLS). */
  orgRequests(c: Caller): Promise<OperatorRequestView[]>;
  /** Moves one of the organisation's requests, with the operator's transition rules; audited in the organisation's log. */
  transitionOrgRequest(c: Caller, requestId: string, to: RequestStatus, resolution: string | null): Promise<OperatorRequestView>;
  /** The erasure job: carries out open erasure requests, oldest first (PRIV-2). One blocked by
      the last-admin guard stays open with the reason noted. */
  runErasures(opts?: { batchSize?: number }): Promise<{ erased: number; blocked: number }>;
  /** Erases a person now (operator path, backups' tests): see erasure.ts. */
  erasePerson(userId: string, opts: EraseOptions): Promise<ErasureResult>;
  /** The operator's queue: requests still open across everyone, earliest deadline first. */
  openRequests(): Promise<OperatorRequestView[]>;
  /** Moves a request (PRIV-3): open → in_progress → completed | rejected; audited. */
  transitionRequest(requestId: string, to: RequestStatus, resolution: string | null, actor: Actor, source?: RequestSource): Promise<OperatorRequestView>;
  /** The deadline jobs' work: reminders and overdue alerts due by the clock, each sent once. */
  checkDeadlines(ids?: string[] | null): Promise<{ reminded: number; overdue: number }>;
  /** Waits for exports this process is preparing without a job queue (shutdown, tests). */
  idle(): Promise<void>;
  /** The retention job's work (PRIV-7): trial notices and deletions, notification pruning, audit
      retention; audited, idempotent (retention.ts). */
  runRetention(): Promise<RetentionRun>;
  /** Makes an organisation a trial ending at `endsAt`, or ends its trial (null): the platform
      path only (billing integration, operators); audited. */
  setTrial(orgId: string, endsAt: Date | null, actor: Actor): Promise<void>;
  /** setTrial inside the caller's platform transaction (the Stripe inbox: the trial commits with
      the event's claim, so a redelivery changes nothing). Audited (`privacy.trial_set`, with
      `metadata`) only when the trial actually moves; 'not_found' for an unknown or deleted
      organisation. Setting an end resets the expiry notice, so a new end gets its own notice. */
  setTrialInTx(tx: SystemTx, orgId: string, endsAt: Date | null, actor: Actor, metadata?: Record<string, unknown>): Promise<TrialChange>;
}

export type TrialChange = 'changed' | 'unchanged' | 'not_found';

const PLATFORM = PLATFORM_ORG as OrgId;
const SYSTEM: Actor = { type: 'system', id: 'privacy' };
const LINK_TTL_SECONDS = 300;
const ARCHIVE_REF = (id: string) => ({ table: 'privacy_exports', column: 'archive', rowId: id });
const userActor = (userId: string): Actor => ({ type: 'user', id: userId });
const actorText = (a: Actor) => `${a.type}:${a.id ?? ''}`;

function requestView(r: repo.RequestRow): RequestView {
  return {
    id: r.id, type: r.type, status: r.status, details: r.details, resolution: r.resolution,
    createdAt: r.created_at.toISOString(), dueAt: r.due_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null,
  };
}

function operatorView(r: repo.RequestRow): OperatorRequestView {
  return { ...requestView(r), subject: r.user_id, remindedAt: r.reminded_at?.toISOString() ?? null, overdueAlertedAt: r.overdue_alerted_at?.toISOString() ?? null };
}

/** Job tasks of the privacy module (docs/jobs.md). Payloads carry ids only. */
export const TASKS = {
  prepareExport: 'privacy.prepare_export',
  erase: 'privacy.erase',
  erasures: 'privacy.erasures',
  deadline: 'privacy.request_deadline',
  deadlines: 'privacy.request_deadlines',
  retention: 'privacy.retention',
} as const;

const idOf = (payload: unknown, key: string): string => {
  const v = (payload as Record<string, unknown> | null)?.[key];
  if (typeof v !== 'string' || v.length > 100) throw new TypeError(`privacy job payload without ${key}`);
  return v;
};

export function createPrivacy(deps: PrivacyDeps): Privacy {
  const { db, keyring, clock, config } = deps;
  const { jobs } = deps;
  const reminderDays = config.reminderDays ?? 7;
  const erasureDelayMs = (config.erasureDelayHours ?? 24) * 3600_000;
  const erasureAt = (created: Date, due: Date) => new Date(Math.min(created.getTime() + erasureDelayMs, due.getTime()));
  const running = new Set<Promise<void>>();
  // Without a job queue (unit tests of the service), an export is prepared in this process.
  const inProcess = (run: () => Promise<void>) => {
    const p = run().catch((e: unknown) => deps.onError?.('privacy export preparation failed', e)).finally(() => running.delete(p));
    running.add(p);
  };

  const linkMessage = (id: string, requestedBy: string, expires: number) => `palisade.privacy.export.v1\n${id}\n${requestedBy}\n${expires}`;
  const sign = (id: string, requestedBy: string, expires: number) =>
    withOrg(db, PLATFORM, SYSTEM, (tx) => keyring.fingerprint(tx, 'privacy.export.url.v1', linkMessage(id, requestedBy, expires)));

  async function view(r: repo.ExportRow): Promise<ExportView> {
    let download: ExportView['download'] = null;
    const now = clock.now();
    if (r.status === 'ready' && r.expires_at > now) {
      const expires = Math.floor(now.getTime() / 1000) + LINK_TTL_SECONDS;
      const signature = await sign(r.id, r.requested_by, expires);
      const q = new URLSearchParams({ expires: String(expires), signature });
      download = { url: `${config.publicUrl.replace(/\/+$/, '')}/v1/privacy/exports/${r.id}/archive?${q.toString()}`, expiresAt: new Date(expires * 1000).toISOString() };
    }
    return {
      id: r.id, subject: r.user_id, scope: r.scope_org ? 'organisation' : 'self', status: r.status, records: r.records, size: r.size, sha256: r.sha256,
      createdAt: r.created_at.toISOString(), readyAt: r.ready_at?.toISOString() ?? null, expiresAt: r.expires_at.toISOString(),
      downloadedAt: r.downloaded_at?.toISOString() ?? null, download,
    };
  }

  async function create(userId: string, scopeOrg: string | null, requestedBy: Actor, source: RequestSource | undefined): Promise<repo.ExportRow> {
    const id = newId('pex');
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + config.exportHours * 3600_000);
    const row = await withSystem(db, async (tx) => {
      if (scopeOrg !== null && !(await repo.isMember(tx, scopeOrg, userId))) return null;
      await repo.insertExport(tx, { id, userId, scopeOrg, requestedBy: actorText(requestedBy), now, expiresAt });
      const e = { action: 'privacy.export_requested', actor: requestedBy, target: { type: 'user', id: userId }, outcome: 'allowed' as const, source, metadata: { exportId: id, scope: scopeOrg ? 'organisation' : 'self' }, occurredAt: now };
      await appendAudit(tx, { ...e, orgId: PLATFORM_ORG });
      if (scopeOrg) await appendAudit(tx, { ...e, orgId: scopeOrg });
      if (jobs) await jobs.enqueue(tx, TASKS.prepareExport, { exportId: id }, { maxAttempts: 5 });
      return repo.getExport(tx, id);
    });
    if (!row) throw new NotFound();
    // The link-signing key is made here, by this change, if it does not exist yet: reading an
    // export's status (GET) signs a link with it and must not be what creates it (V3.5.3).
    await sign(id, row.requested_by, 0);
    if (!jobs) inProcess(() => privacy.prepareExport(id));
    return row;
  }

  const privacy: Privacy = {
    async requestOwnExport(c) {
      return view(await create(c.userId, null, userActor(c.userId), c.source));
    },

    async ownExport(c, exportId) {
      const row = await withSystem(db, (tx) => repo.getExport(tx, exportId));
      if (!row || row.user_id !== c.userId || row.scope_org !== null) throw new NotFound();
      return view(row);
    },

    async requestMemberExport(c, userId) {
      return view(await create(userId, c.orgId, c.actor, c.source));
    },

    async memberExport(c, exportId) {
      const row = await withSystem(db, async (tx) => {
        const r = await repo.getExport(tx, exportId);
        if (!r || r.scope_org !== c.orgId) return null;
        // An admin reading a member's export is a read of tenant data: audited (AUD-1).
        await appendAudit(tx, { orgId: c.orgId, action: 'privacy.export_read', actor: c.actor, target: { type: 'user', id: r.user_id }, outcome: 'allowed', source: c.source, metadata: { exportId } });
        return r;
      });
      if (!row) throw new NotFound();
      return view(row);
    },

    async prepareExport(exportId) {
      const row = await withSystem(db, (tx) => repo.getExport(tx, exportId));
      if (!row || row.status !== 'pending') return;
      const now = clock.now();
      try {
        const { json, records } = await withSystem(db, (tx) => buildArchive(tx.sql, { exportId, userId: row.user_id, scope: row.scope_org, now }));
        const bytes = Buffer.from(json, 'utf8');
        const archive = await withOrg(db, PLATFORM, SYSTEM, (tx) => keyring.encryptField(tx, ARCHIVE_REF(exportId), bytes, { subjectId: row.user_id }));
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        await withSystem(db, async (tx) => {
          if (!(await repo.markReady(tx, exportId, { archive, sha256, size: bytes.length, records, now: clock.now() }))) return;
          await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'privacy.export_ready', actor: SYSTEM, target: { type: 'user', id: row.user_id }, outcome: 'allowed', metadata: { exportId, records, size: bytes.length } });
        });
      } catch (e) {
        await withSystem(db, async (tx) => {
          await repo.markFailed(tx, exportId);
          await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'privacy.export_failed', actor: SYSTEM, target: { type: 'user', id: row.user_id }, outcome: 'failed', metadata: { exportId } });
        });
        throw e;
      }
    },

    async download(exportId, q, source) {
      const row = await withSystem(db, (tx) => repo.getExport(tx, exportId));
      if (!row || !/^fp_[a-z2-7]{1,64}$/.test(q.signature)) throw new ExportLinkInvalid();
      const nowS = Math.floor(clock.now().getTime() / 1000);
      // A far expiry cannot be genuine: links live 5 minutes at most, whatever the signature says.
      if (q.expires > nowS + LINK_TTL_SECONDS) throw new ExportLinkInvalid();
      const expected = await sign(exportId, row.requested_by, q.expires);
      if (!sameSignature(expected, q.signature)) throw new ExportLinkInvalid();
      // Dead from its expiry second on, as the vault's signed URLs are (vault/service.ts verify).
      if (q.expires <= nowS) throw new ExportLinkExpired();
      if (row.status === 'pending') throw new ExportNotReady();
      const now = clock.now();
      const taken = await withSystem(db, async (tx) => {
        const t = await repo.takeArchive(tx, exportId, now);
        if (!t) return null;
        const e = { action: 'privacy.export_downloaded', actor: { type: 'anonymous' as const, id: null }, target: { type: 'user', id: t.user_id }, outcome: 'allowed' as const, source, metadata: { exportId, requestedBy: t.requested_by }, occurredAt: now };
        await appendAudit(tx, { ...e, orgId: PLATFORM_ORG });
        if (t.scope_org) await appendAudit(tx, { ...e, orgId: t.scope_org });
        return t;
      });
      if (!taken) throw new ExportGone();
      const body = await withOrg(db, PLATFORM, SYSTEM, (tx) => keyring.decryptField(tx, ARCHIVE_REF(exportId), taken.archive));
      return { body, fileName: `palisade-export-${exportId}.json` };
    },

    expireExports: () => withSystem(db, (tx) => repo.expireExports(tx, clock.now())),

    async fileRequest(c, type, details) {
      return requestView(await file({ userId: c.userId, type, details, actor: userActor(c.userId), orgId: null, source: c.source }));
    },

    async ownRequests(c) {
      return (await withSystem(db, (tx) => repo.requestsOf(tx, c.userId))).map(requestView);
    },

    async withdrawRequest(c, requestId) {
      const now = clock.now();
      const row = await withSystem(db, async (tx) => {
        const r = await repo.getRequest(tx, requestId, true);
        if (!r || r.user_id !== c.userId) return null;
        const w = await repo.withdrawRequest(tx, r.id, c.userId, now);
        if (!w) {
          throw new RequestTransitionInvalid(r.closed_at ? `A ${r.status} request cannot be withdrawn` : 'The erasure has begun: it can no longer be withdrawn', { from: r.status, to: 'withdrawn' });
        }
        const e = {
          action: 'privacy.request_withdrawn', actor: userActor(c.userId), target: { type: 'privacy_request', id: r.id }, outcome: 'allowed' as const,
          source: c.source, metadata: { type: r.type, subject: r.user_id, from: r.status, to: 'withdrawn' }, occurredAt: now,
        };
        await appendAudit(tx, { ...e, orgId: PLATFORM_ORG });
        if (r.org_id) await appendAudit(tx, { ...e, orgId: r.org_id });
        return w;
      });
      if (!row) throw new NotFound();
      return requestView(row);
    },

    async fileMemberRequest(c, userId, type, details) {
      const row = await file({ userId, type, details, actor: c.actor, orgId: c.orgId, source: c.source });
      if (type === 'erasure' && deps.mail) {
        // The person is told at once, so a mistaken or hostile filing can be withdrawn during the
        // erasure delay. After the commit and best effort: the filing stands if the mail fails.
        const to = await withSystem(db, (tx) => repo.addressOf(tx, userId));
        if (to) {
          await deps.mail(to, 'An organisation asked for the erasure of your account',
            `An administrator of an organisation you belong to filed a request to erase your account (request ${row.id}).\n\n` +
            `It will be carried out after ${erasureAt(row.created_at, row.due_at).toISOString()}: your account, your memberships in every organisation and your keys will be gone.\n` +
            `If you did not ask for this, withdraw it before then: POST /v1/me/privacy-requests/${row.id}/withdraw, or the Privacy requests page of the console.`,
          ).catch((e: unknown) => deps.onError?.('privacy erasure notice failed', e));
        }
      }
      return operatorView(row);
    },

    async orgRequests(c) {
      return (await withOrg(db, c.orgId, c.actor, async (tx) => {
        const rows = await repo.orgRequests(tx, 500);
        // Reading the members' requests is a read of tenant data: audited (AUD-1).
        await appendAudit(tx, { orgId: c.orgId, action: 'privacy.requests_read', actor: c.actor, target: { type: 'org', id: c.orgId }, outcome: 'allowed', source: c.source, metadata: { requests: rows.length } });
        return rows;
      })).map(operatorView);
    },

    async transitionOrgRequest(c, requestId, to, resolution) {
      return operatorView(await transitionRequest(db, clock, { requestId, to, resolution, actor: c.actor, source: c.source, orgId: c.orgId }));
    },

    async runErasures(opts) {
      let erased = 0;
      let blocked = 0;
      for (const r of await withSystem(db, (tx) => repo.openErasures(tx, opts?.batchSize ?? 50))) {
        const outcome = await eraseForRequest(r.id);
        if (outcome === 'erased') erased++;
        else if (outcome === 'blocked') blocked++;
      }
      return { erased, blocked };
    },

    erasePerson: (userId, opts) => erasePerson({ db, keyring, clock, sessionsRevoked: deps.sessionsRevoked }, userId, opts),

    async openRequests() {
      return (await withSystem(db, (tx) => repo.openRequests(tx, 500))).map(operatorView);
    },

    async transitionRequest(requestId, to, resolution, actor, source) {
      return operatorView(await transitionRequest(db, clock, { requestId, to, resolution, actor, source }));
    },

    checkDeadlines: (ids) => checkDeadlines({ db, clock, reminderDays, alert: deps.alert, notifyOrg: deps.notifyOrg }, ids ?? null),

    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },

    runRetention: () => runRetention({
      db, keyring, clock, trialGraceDays: config.trialGraceDays ?? 30, notificationDays: config.notificationDays ?? 90,
      notifyOrg: deps.notifyOrg, auditRetention: deps.auditRetention,
    }),

    async setTrial(orgId, endsAt, actor) {
      const r = await withSystem(db, (tx) => privacy.setTrialInTx(tx, orgId, endsAt, actor));
      if (r === 'not_found') throw new NotFound();
    },

    async setTrialInTx(tx, orgId, endsAt, actor, metadata) {
      const r = await repo.setTrial(tx, orgId, endsAt);
      if (r.found && r.previous !== undefined) {
        await appendAudit(tx, {
          orgId, action: 'privacy.trial_set', actor, outcome: 'allowed', target: { type: 'org', id: orgId },
          metadata: { ...metadata, endsAt: endsAt?.toISOString() ?? null, previous: r.previous?.toISOString() ?? null },
        });
        return 'changed';
      }
      return r.found ? 'unchanged' : 'not_found';
    },
  };
  if (jobs) {
    jobs.define(TASKS.prepareExport, (p) => privacy.prepareExport(idOf(p, 'exportId')));
    jobs.define(TASKS.erase, async (p) => { await eraseForRequest(idOf(p, 'requestId')); });
    jobs.define(TASKS.erasures, async () => { await privacy.runErasures(); });
    jobs.define(TASKS.deadline, async (p) => { await privacy.checkDeadlines([idOf(p, 'requestId')]); });
    jobs.define(TASKS.deadlines, async () => { await privacy.checkDeadlines(); });
    // The sweeps: a request whose job was lost, or an erasure unblocked since, is caught within the hour.
    jobs.schedule({ task: TASKS.deadlines, cron: '11 * * * *' });
    jobs.schedule({ task: TASKS.erasures, cron: '41 * * * *' });
    // Retention (PRIV-7): daily, once across nodes.
    jobs.define(TASKS.retention, async () => { await privacy.runRetention(); });
    jobs.schedule({ task: TASKS.retention, cron: '37 3 * * *' });
  }

  /** Files a request (PRIV-3): the person's own (orgId null, platform path) or an organisation's
      for a member (on the request path under RLS; the member must belong to it, else not_found).
      An erasure is refused up front while the person is an organisation's last admin. */
  async function file(a: { userId: string; type: RequestType; details: string | null; actor: Actor; orgId: OrgId | null; source: RequestSource | undefined }): Promise<repo.RequestRow> {
    // A non-member is not_found before anything else is said about them (TEN-4): not even that they are a last admin elsewhere.
    if (a.orgId !== null && !(await withOrg(db, a.orgId, a.actor, (tx) => repo.isMemberInOrg(tx, a.userId)))) throw new NotFound();
    if (a.type === 'erasure' && (await soleAdminOf(db, a.userId)).length) throw new ErasureLastAdmin();
    const now = clock.now();
    const body = async (tx: SystemTx | OrgTx): Promise<repo.RequestRow | 'not_member' | null> => {
      if (a.orgId !== null && !(await repo.isMemberInOrg(tx as OrgTx, a.userId))) return 'not_member';
      const r = await repo.insertRequest(tx, {
        id: newId('prq'), userId: a.userId, type: a.type, details: a.details, filedBy: actorText(a.actor), now,
        dueAt: new Date(now.getTime() + config.requestDays * 86400_000), orgId: a.orgId,
      });
      if (!r) return null;
      await appendAudit(tx, {
        orgId: a.orgId ?? PLATFORM_ORG, action: 'privacy.request_filed', actor: a.actor, target: { type: 'privacy_request', id: r.id }, outcome: 'allowed', source: a.source,
        metadata: a.orgId ? { type: a.type, dueAt: r.due_at.toISOString(), subject: a.userId } : { type: a.type, dueAt: r.due_at.toISOString() }, occurredAt: now,
      });
      if (jobs) {
        // The reminder, the overdue alert (PRIV-3) and, for an erasure, the erasure itself (PRIV-2).
        await jobs.enqueue(tx, TASKS.deadline, { requestId: r.id }, { runAt: reminderAt(r.created_at, r.due_at, reminderDays) });
        await jobs.enqueue(tx, TASKS.deadline, { requestId: r.id }, { runAt: r.due_at });
        if (a.type === 'erasure') await jobs.enqueue(tx, TASKS.erase, { requestId: r.id }, { runAt: erasureAt(r.created_at, r.due_at), maxAttempts: 10 });
      }
      return r;
    };
    const row = a.orgId !== null ? await withOrg(db, a.orgId, a.actor, body) : await withSystem(db, body);
    if (row === 'not_member') throw new NotFound();
    if (!row) throw new Conflict('An erasure request is already open');
    return row;
  }

  /** The erasure job of one request: idempotent (a closed request is left alone) and resumable
      (keys already destroyed are skipped; the plaintext goes in one transaction). */
  async function eraseForRequest(requestId: string): Promise<'erased' | 'blocked' | 'skipped'> {
    const r = await withSystem(db, (tx) => repo.getRequest(tx, requestId));
    if (!r || r.closed_at || r.type !== 'erasure') return 'skipped';
    // Not before its delay by the clock (a job run early leaves it to the hourly sweep).
    if (erasureAt(r.created_at, r.due_at) > clock.now()) return 'skipped';
    // Claimed before anything is destroyed: a request withdrawn (or rejected) meanwhile is left
    // alone, and once claimed it can no longer be withdrawn (migration 0270).
    if (!(await withSystem(db, (tx) => repo.claimErasure(tx, r.id, clock.now())))) return 'skipped';
    try {
      await erasePerson({ db, keyring, clock, sessionsRevoked: deps.sessionsRevoked }, r.user_id, { actor: SYSTEM, requestId: r.id });
      return 'erased';
    } catch (e) {
      if (e instanceof NotFound) {
        // The account is already gone (an operator erased it meanwhile): the request is done.
        await withSystem(db, (tx) => repo.clearRequestDetails(tx, r.user_id, clock.now(), r.id));
        return 'erased';
      }
      if (!(e instanceof ErasureLastAdmin)) throw e;
      await withSystem(db, async (tx) => {
        await repo.noteRequest(tx, r.id, BLOCKED, clock.now());
        // Refused before any key was destroyed: the person may still withdraw it. (A race caught
        // at the commit comes after the keys: the claim stays.)
        if (!e.detail || !('race' in e.detail)) await repo.releaseErasure(tx, r.id);
      });
      return 'blocked';
    }
  }

  return privacy;
}

const BLOCKED = 'blocked: the person is the only admin of an organisation; another admin must be named first';
