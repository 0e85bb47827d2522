/* Wires the audit module: checkpoint keys, the sealer loop (with the anomaly detectors on its
   post-round hook), the read service, the alerting service and retention. The composition root
   (src/app.ts) calls createAudit() once and registers `auditRoutes` with { service, alerting }. */
import type { FastifyInstance } from 'fastify';
import type { Sql } from 'postgres';
import type { Config } from '../config/schema.js';
import type { Db, SystemTx } from '../db/index.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { createAlerting, type Alerting, type NotifyFn } from './alerts.js';
import { parseMassReads, parseThreshold, type DetectorConfig } from './anomalies.js';
import { createCheckpointKeys, type CheckpointKeys, type WrappingKeyring } from './keys.js';
import { runAuditRetention, type RetentionResult } from './retention.js';
import { createSealer, type SealedEvent, type Sealer, type SealerLog } from './sealer.js';
import { createAuditService, type AuditService } from './service.js';
import { auditRoutes } from './routes.js';

export type AuditConfig = Pick<
  Config,
  | 'PALISADE_PUBLIC_URL'
  | 'AUDIT_RETENTION_DAYS'
  | 'AUDIT_LOG_NAME'
  | 'AUDIT_SEAL_INTERVAL_MS'
  | 'AUDIT_SEAL_BATCH'
  | 'AUDIT_ALERTS'
  | 'AUDIT_ALERT_BRUTE_FORCE'
  | 'AUDIT_ALERT_CREDENTIAL_STUFFING'
  | 'AUDIT_ALERT_DENIED_BURST'
  | 'AUDIT_ALERT_OUTBOUND_FAILURES'
  | 'AUDIT_ALERT_MASS_READS'
  | 'AUDIT_ALERT_ADMIN_NEW_SOURCE_DAYS'
>;

export interface AuditModuleDeps {
  db: Db;
  config: AuditConfig;
  /** The crypto keyring's KEK set: wraps the checkpoint signing key. */
  keyring: WrappingKeyring;
  /** Who is told of an alert, in order (the organisation's admins by mail, its webhooks). */
  notify?: NotifyFn | readonly NotifyFn[] | undefined;
  /** Whether a user administers an organisation (authz). */
  isAdmin?: ((orgId: string, userId: string) => Promise<boolean>) | undefined;
  /** A connection as palisade_retention; without it the retention schedule does not run. */
  retentionSql?: Sql | undefined;
  log?: SealerLog | undefined;
  clock?: Clock | undefined;
  /** Another consumer of sealed records, after the detectors (best effort). */
  onSealed?: ((events: readonly SealedEvent[]) => Promise<void>) | undefined;
  /** A consumer that must not lose records (outbound webhooks' audit stream): called inside the
      sealing transaction, where it enqueues its jobs. */
  inSealRound?: ((tx: SystemTx, events: readonly SealedEvent[]) => Promise<void>) | undefined;
}

export interface AuditModule {
  readonly keys: CheckpointKeys;
  readonly service: AuditService;
  readonly alerting: Alerting;
  readonly sealer: Sealer;
  /** Creates the signing key if needed and starts the sealer loop (and retention, daily). */
  start(): Promise<void>;
  stop(): Promise<void>;
  runRetention(): Promise<RetentionResult>;
}

const RETENTION_EVERY_MS = 6 * 3_600_000;

/** The key name and origin prefix: AUDIT_LOG_NAME, else "<public host>/audit". */
export function auditLogName(config: Pick<Config, 'AUDIT_LOG_NAME' | 'PALISADE_PUBLIC_URL'>): string {
  return config.AUDIT_LOG_NAME ?? `${new URL(config.PALISADE_PUBLIC_URL).host}/audit`;
}

export function detectorConfig(config: AuditConfig): DetectorConfig {
  return {
    bruteForce: parseThreshold(config.AUDIT_ALERT_BRUTE_FORCE),
    credentialStuffing: parseThreshold(config.AUDIT_ALERT_CREDENTIAL_STUFFING),
    deniedBurst: parseThreshold(config.AUDIT_ALERT_DENIED_BURST),
    outboundFailures: parseThreshold(config.AUDIT_ALERT_OUTBOUND_FAILURES),
    massReads: parseMassReads(config.AUDIT_ALERT_MASS_READS),
    adminNewSourceDays: config.AUDIT_ALERT_ADMIN_NEW_SOURCE_DAYS,
  };
}

/** One notifier that tells each in turn. */
function allOf(notify: NotifyFn | readonly NotifyFn[] | undefined): NotifyFn | undefined {
  if (notify === undefined || typeof notify === 'function') return notify;
  const each = [...notify];
  return async (orgId, alert) => { for (const n of each) await n(orgId, alert); };
}

/** createAudit, its signing key and sealer loop started, its routes registered. */
export async function mountAudit(http: FastifyInstance, deps: AuditModuleDeps): Promise<AuditModule> {
  const audit = createAudit(deps);
  await audit.start();
  await http.register(auditRoutes, { service: audit.service, alerting: audit.alerting });
  return audit;
}

export function createAudit(deps: AuditModuleDeps): AuditModule {
  const { db, config } = deps;
  const clock = deps.clock ?? systemClock;
  const logName = auditLogName(config);
  const keys = createCheckpointKeys({ db, keyring: deps.keyring, keyName: logName });
  const alerting = createAlerting({ db, config: detectorConfig(config), notify: allOf(deps.notify), isAdmin: deps.isAdmin, log: deps.log, clock });
  const alertsOn = config.AUDIT_ALERTS;
  const sealer = createSealer({
    db,
    keys,
    logName,
    batchSize: config.AUDIT_SEAL_BATCH,
    intervalMs: config.AUDIT_SEAL_INTERVAL_MS,
    clock,
    log: deps.log,
    ...(alertsOn ? { onLeader: () => alerting.warmUp(), onFollower: () => alerting.reset() } : {}),
    ...(deps.inSealRound ? { inRound: deps.inSealRound } : {}),
    ...(alertsOn || deps.onSealed ? {
      onSealed: async (events: readonly SealedEvent[]) => {
        if (alertsOn) await alerting.onSealed(events);
        if (deps.onSealed) await deps.onSealed(events);
      },
    } : {}),
  });
  const service = createAuditService({ db, keys });

  let retentionTimer: NodeJS.Timeout | null = null;
  const runRetention = async (): Promise<RetentionResult> => {
    if (!deps.retentionSql) throw new TypeError('audit retention needs a palisade_retention connection');
    // The database's clock, not `clock`: see retention.ts.
    return runAuditRetention({ sql: deps.retentionSql, retentionDays: config.AUDIT_RETENTION_DAYS });
  };

  return {
    keys,
    service,
    alerting,
    sealer,
    async start() {
      await keys.ensure();
      sealer.start();
      if (deps.retentionSql) {
        retentionTimer = setInterval(() => {
          // Only the sealer leader runs it, so one node deletes at a time.
          if (!sealer.isLeader()) return;
          runRetention().catch((e: unknown) => deps.log?.error({ err: e }, 'audit: retention run failed'));
        }, RETENTION_EVERY_MS);
        retentionTimer.unref?.();
      }
    },
    async stop() {
      if (retentionTimer) clearInterval(retentionTimer);
      retentionTimer = null;
      await sealer.stop();
    },
    runRetention,
  };
}
