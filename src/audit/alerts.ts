/* Raising, storing, delivering and listing anomaly alerts. Claim AUD-5.

   Invariants:
   - An alert is stored (tenant table, RLS) together with an audit record of its own
     (`audit.alert.raised`), in one transaction, before anyone is told: delivery failures never
     lose an alert. Delivery (email to the organisation's admins through the injected `notify`)
     is retried on later rounds, at most MAX_ATTEMPTS times.
   - Detection runs on the sealer leader, fed each sealed record in order (anomalies.ts); after a
     leadership change the windows are warmed up from the last sealed records and the cooldowns
     from the last hour's alerts, so a restart neither forgets an attack in progress nor repeats
     an alert already raised. */
import { appendAudit } from './append.js';
import { withOrg, withSystem, type Db } from '../db/index.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import { cursorCodec, cursorId, instantText } from '../lib/cursor.js';
import { z } from 'zod';
import { newId } from '../lib/ids.js';
import { createDetectors, READ_VERBS } from './anomalies.js';
import type { AlertDraft, DetectorConfig, DetectorName, Detectors } from './anomalies.js';
import * as repo from './repo.js';
import type { SealedEvent, SealerLog } from './sealer.js';
import type { Page, ReadContext } from './service.js';

/** Alerts descend by (raised_at, id). */
const alertCursor = cursorCodec(z.tuple([instantText, cursorId]));

export interface AlertView {
  id: string;
  detector: string;
  severity: string;
  subject: string;
  summary: string;
  details: Record<string, unknown>;
  eventIds: string[];
  raisedAt: string;
  notifiedAt: string | null;
  status: string;
  statusChangedBy: string | null;
  statusChangedAt: string | null;
}

/** Delivers an alert to the organisation's administrators (email; webhooks later). */
export type NotifyFn = (orgId: string, alert: AlertView) => Promise<void>;

export interface AlertingDeps {
  db: Db;
  config: DetectorConfig;
  notify?: NotifyFn | undefined;
  /** Whether a user administers an organisation (from authz). Without it only super-admins count. */
  isAdmin?: ((orgId: string, userId: string) => Promise<boolean>) | undefined;
  log?: SealerLog | undefined;
  clock?: Clock | undefined;
}

export interface Alerting {
  /** The sealer's post-round hook: evaluates each record, raises and delivers alerts. */
  onSealed(events: readonly SealedEvent[]): Promise<void>;
  /** Rebuilds detector state from recent records and alerts (on becoming the sealer leader). */
  warmUp(): Promise<void>;
  reset(): void;
  /** Delivers alerts not yet delivered; returns how many were delivered. */
  deliverPending(): Promise<number>;
  list(ctx: ReadContext, filters: { status?: string | undefined; detector?: string | undefined }, page: { limit: number; cursor?: string | undefined }): Promise<Page<AlertView>>;
  setStatus(ctx: ReadContext, id: string, status: 'open' | 'acknowledged' | 'resolved'): Promise<AlertView>;
}

const MAX_ATTEMPTS = 5;
const WARMUP_EVENTS = 20_000;

export function toAlertView(r: repo.AlertRow): AlertView {
  return {
    id: r.id,
    detector: r.detector,
    severity: r.severity,
    subject: r.subject,
    summary: r.summary,
    details: r.details,
    eventIds: r.event_ids,
    raisedAt: r.raised_at.toISOString(),
    notifiedAt: r.notified_at?.toISOString() ?? null,
    status: r.status,
    statusChangedBy: r.status_changed_by,
    statusChangedAt: r.status_changed_at?.toISOString() ?? null,
  };
}

export function createAlerting(deps: AlertingDeps): Alerting {
  const { db } = deps;
  const log = deps.log ?? { info() {}, warn() {}, error() {} };
  const detectors: Detectors = createDetectors({
    config: deps.config,
    readBaseline: (orgId, at) => withSystem(db, (tx) => repo.readBaseline(tx.sql, orgId, at, [...READ_VERBS])),
    priorSignIns: (orgId, userId, since, at, excludeId) => withSystem(db, (tx) => repo.priorSignIns(tx.sql, orgId, userId, since, at, excludeId)),
    isAdmin: deps.isAdmin ?? (async () => false),
  });

  async function raise(d: AlertDraft): Promise<void> {
    await withSystem(db, async (tx) => {
      const id = newId('alr');
      await repo.insertAlert(tx, { id, orgId: d.orgId, detector: d.detector, severity: d.severity, subject: d.subject, summary: d.summary, details: { ...d.details, at: d.at }, eventIds: d.eventIds });
      await appendAudit(tx, {
        orgId: d.orgId,
        action: 'audit.alert.raised',
        actor: { type: 'system', id: null },
        outcome: 'allowed',
        target: { type: 'alert', id },
        metadata: { detector: d.detector, severity: d.severity, subject: d.subject },
      });
    });
  }

  async function deliverPending(): Promise<number> {
    if (!deps.notify) return 0;
    const pending = await withSystem(db, (tx) => repo.unnotifiedAlerts(tx.sql, MAX_ATTEMPTS, 100));
    let delivered = 0;
    for (const a of pending) {
      let ok = false;
      try {
        await deps.notify(a.org_id, toAlertView(a));
        ok = true;
        delivered++;
      } catch (e) {
        log.warn({ err: e, alertId: a.id }, 'audit: alert delivery failed; will retry');
      }
      await withSystem(db, (tx) => repo.markNotified(tx.sql, a.id, ok));
    }
    return delivered;
  }

  const windowSeconds = Math.max(
    deps.config.bruteForce.windowSeconds,
    deps.config.credentialStuffing.windowSeconds,
    deps.config.deniedBurst.windowSeconds,
    deps.config.outboundFailures.windowSeconds,
    3600,
  );

  return {
    async onSealed(events) {
      for (const { record } of events) {
        let drafts: AlertDraft[];
        try {
          drafts = await detectors.evaluate(record);
        } catch (e) {
          log.error({ err: e, eventId: record.id }, 'audit: detector failed on a record');
          continue;
        }
        for (const d of drafts) await raise(d);
      }
      await deliverPending();
    },

    async warmUp() {
      detectors.reset();
      const now = (deps.clock ?? systemClock).now().getTime();
      const since = new Date(now - windowSeconds * 1000);
      const rows = await withSystem(db, (tx) => repo.recentSealedEvents(tx.sql, since, WARMUP_EVENTS));
      for (const r of rows) detectors.replay(repo.toRecord(r));
      const alerts = await withSystem(db, (tx) => repo.alertsSince(tx.sql, new Date(now - 3600_000)));
      for (const a of alerts) {
        const at = typeof a.details.at === 'string' ? Date.parse(a.details.at) : a.raised_at.getTime();
        const win = a.detector === 'mass_reads' || a.detector === 'admin_new_source' ? 3600_000 : windowSeconds * 1000;
        detectors.suppress(a.detector as DetectorName, a.org_id, a.subject, at + win);
      }
    },

    reset: () => detectors.reset(),
    deliverPending,

    async list(ctx, filters, page) {
      const position = alertCursor.decode(page.cursor);
      const after = position ? { raisedAt: position[0], id: position[1] } : null;
      return withOrg(db, ctx.orgId, ctx.actor, async (tx) => {
        const rows = await repo.listAlerts(tx, filters, after, page.limit + 1);
        const items = rows.slice(0, page.limit).map(toAlertView);
        await appendAudit(tx, {
          action: 'alerts.list',
          actor: ctx.actor,
          outcome: 'allowed',
          source: ctx.source,
          ...(ctx.reason ? { reason: ctx.reason } : {}),
          metadata: { count: items.length },
        });
        const last = items[items.length - 1];
        return { items, nextCursor: rows.length > page.limit && last ? alertCursor.encode([last.raisedAt, last.id]) : null };
      });
    },

    async setStatus(ctx, id, status) {
      return withOrg(db, ctx.orgId, ctx.actor, async (tx) => {
        const row = await repo.updateAlertStatus(tx, id, status, `${ctx.actor.type}:${ctx.actor.id ?? ''}`);
        if (!row) throw new NotFound();
        await appendAudit(tx, {
          action: 'alerts.alert.update',
          actor: ctx.actor,
          outcome: 'allowed',
          source: ctx.source,
          target: { type: 'alert', id },
          ...(ctx.reason ? { reason: ctx.reason } : {}),
          metadata: { status },
        });
        return toAlertView(row);
      });
    },
  };
}
