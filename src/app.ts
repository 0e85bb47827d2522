/* Composition root: creates the modules, hands each its dependencies, registers routes.
   Nothing here decides anything; each module's mount function holds its own wiring. */
import { startNodeBus } from './db/node-bus.js';
import { mountHttp } from './http/mount.js';
import { systemClock } from './lib/clock.js';
import type { App, AppDeps } from './app-types.js';
import { mountTrust } from './trust/index.js';
import { authzRoutes, startAuthz, type FactsCache } from './authz/index.js';
import { createKeyring, cryptoConfig, kekSetFromConfig } from './crypto/index.js';
import { createIntegrations, integrationRoutes } from './integrations/index.js';
import { createMailer, mailerConfig } from './mail/index.js';
import { createIdentity, identityConfig, mountIdentity } from './identity/index.js';
import { createOrgAdmins, createOrgs, orgRoutes } from './orgs/index.js';
import { appendAudit, mountAudit } from './audit/index.js';
import { createJobs } from './jobs/index.js';
import { mountBackup } from './backup/index.js';
import { mountIncidents } from './incidents/index.js';
import { mountVault } from './vault/index.js';
import { mountPrivacy } from './privacy/index.js';
import { mountWebhooks } from './webhooks/index.js';
import { createMetrics, exposeMetrics, metricsConfig } from './metrics/index.js';

export type { App, AppDeps } from './app-types.js';

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const stoppers: Array<() => Promise<void>> = [];
  const stopping = <T extends { stop(): Promise<void> | void }>(part: T): T => { stoppers.push(async () => part.stop()); return part; };
  // The job queue: modules define their tasks; the worker starts once all are defined.
  const jobs = createJobs({ system: db.system, systemUrl: db.systemUrl, log: logger.child({ component: 'jobs' }), worker: config.PALISADE_JOBS_WORKER, concurrency: config.PALISADE_JOBS_CONCURRENCY });
  // The KEK set (env key or key file, generated on first start) wraps every stored key.
  const crypto = cryptoConfig(config);
  const keks = await kekSetFromConfig(crypto, { create: true, warn: (code, message) => logger.warn({ code }, message) });
  // One node bus per process: the heartbeat, peers and barrier every per-node cache relies on.
  const bus = stopping(await startNodeBus({ db, logger }));
  const authz = stopping(await startAuthz({ db, clock, bus, config, logger }));
  const mailer = createMailer({ ...mailerConfig(config, deps.mailConsole), db, logger, clock });
  const identity = await createIdentity({ db, clock, logger, bus, config: identityConfig(config), mailer, kek: keks });
  stoppers.push(() => mailer.close(), () => identity.stop());
  // Alerts and deliveries reach the organisation's admins (super-admins for the platform log).
  const admins = createOrgAdmins({ db, superAdmins: identity.superAdmins, mailer });
  // The keyring refuses to start if a data key is wrapped under a KEK this node lacks.
  const keyring = createKeyring({ record: appendAudit, db, clock, keks, cache: crypto.dekCache, bus });
  await keyring.checkKeks();
  stoppers.push(async () => keyring.clearCache());

  // Operator metrics (never public by default): every response is counted as it leaves.
  const metrics = createMetrics({ db, clock });
  // API keys first, so an explicit bearer credential wins over an ambient session cookie.
  const http = await mountHttp({
    config, db, logger, clock, instrument: deps.instrument, hitEach: identity.rateLimiter.hitEach, observe: metrics.observeRequest,
    authenticators: [authz.authenticateApiKey, identity.authenticate], authorize: authz.authorize, decideInTx: authz.service.decideInTx,
  });
  stopping(await mountTrust(http, { db, bus, config, clock, logger: logger.child({ component: 'trust' }), ...(deps.trustRoot ? { root: deps.trustRoot } : {}) }));
  await http.register(authzRoutes, { service: authz.service, apiKeys: authz.apiKeys, requireRecentAuth: identity.sessions.requireRecentAuth });
  await mountIdentity(http, { identity, db, clock, logger, keyring, config });
  const orgs = createOrgs({ db, clock, logger, identity, roles: authz.service, idleTimeoutBounds: { min: 300, max: config.PALISADE_SESSION_IDLE_TIMEOUT_SECONDS } });
  await http.register(orgRoutes, { orgs });
  await http.register(integrationRoutes, { service: createIntegrations({ db, keyring, clock }) });
  stopping(await mountVault(http, { db, keyring, clock, authz: authz.service, config, jobs }));
  const privacy = await mountPrivacy(http, {
    db, keyring, clock, config, jobs, alert: admins.mailPlatform, onError: (m, e) => logger.error({ err: e }, m), sessionsRevoked: (ids) => identity.sessions.revoked({ ids }),
    notifyOrg: admins.mail, auditRetention: () => audit.runRetention(), mail: (to, subject, text) => mailer.deliver({ to, subject, text }),
  });
  stoppers.push(() => privacy.idle());
  const webhooks = await mountWebhooks(http, { db, clock, config, keyring, alert: admins.mail, jobs, plans: authz.service, trials: privacy, log: (m, d) => logger.info(d, m) });
  // Audit: the sealer (one leader across nodes) folds records into per-org Merkle trees, signs
  // checkpoints, runs the anomaly detectors and feeds outbound webhooks; retention deletes only
  // through palisade_retention.
  const audit = stopping(await mountAudit(http, {
    db, config, clock, keyring: keks, retentionSql: db.retention, isAdmin: admins.isAdmin, log: logger.child({ component: 'audit' }),
    inSealRound: (tx, events) => webhooks.queueAuditEvents(tx, events), notify: [admins.mailAlert, (orgId, alert) => webhooks.onAlert(orgId, alert)], onSealed: async (events) => metrics.onSealed(events),
  }));
  // Backups: the daily encrypted backup and the weekly restore drill, as scheduled jobs.
  stopping(await mountBackup({ http, config, db, clock, ownerUrl: deps.ownerUrl, jobs, alert: admins.mailPlatform, warn: (code, m) => logger.warn({ code }, m) }));
  // Incidents: the breach workflow; its 72-hour clock runs as jobs.
  const incidents = await mountIncidents(http, { db, clock, jobs, mailer, adminEmails: admins.adminEmails, primaryAddress: admins.primaryAddress, webhook: (tx, type, data) => webhooks.outbound.emit(tx.orgId, type, data, tx) });
  const metricsExposure = stopping(await exposeMetrics(http, metrics, metricsConfig(config)));
  await jobs.start();
  stoppers.push(() => jobs.stop());

  return {
    http, jobs, webhooks, privacy, incidents, keyring, metrics, metricsPort: metricsExposure.port,
    authzFacts: authz.facts as FactsCache,
    sealAudit: () => audit.sealer.sealAll(),
    privacyIdle: async () => {
      await privacy.idle();
      await jobs.drain();
    },
    async stop() {
      for (const s of stoppers.reverse()) await s();
    },
  };
}
