/* Composition root: creates the modules, hands each its dependencies, registers routes.
   Nothing here decides anything; keep it short. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config/schema.js';
import type { Db } from './db/index.js';
import { startNodeBus } from './db/node-bus.js';
import { buildHttp } from './http/server.js';
import { authHookPlugin } from './http/auth-hook.js';
import { registerAntiAutomation, routeLimits } from './http/anti-automation.js';
import { refusalAuditConfig, registerRefusalAudit } from './http/refusal-audit.js';
import { registerDocsRoutes } from './http/openapi.js';
import { registerHealthRoutes } from './http/health.js';
import type { Authenticator, BodyInspector } from './http/types.js';
import { VERSION } from './lib/version.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createTrust, trustRoutes } from './trust/index.js';
import { pageRoutes } from './pages/index.js';
import { assertRoutePermission, authzRoutes, createAuthz, type FactsCache } from './authz/index.js';
import { createKeyring, cryptoConfig, enforceNoSensitiveData, kekSetFromConfig } from './crypto/index.js';
import { createIntegrations, integrationRoutes } from './integrations/index.js';
import { createMailer } from './mail/index.js';
import { createIdentity, createMfa, createPasskeys, createSso, identityConfig, identityRoutes, mfaRoutes, passkeyRoutes, ssoRoutes } from './identity/index.js';
import { createOrgAdmins, createOrgs, orgRoutes } from './orgs/index.js';
import { appendAudit, auditRoutes, createAudit, PLATFORM_ORG } from './audit/index.js';
import { createJobs, enqueue, type Jobs } from './jobs/index.js';
import { createVault, scheduleVaultRetention, storageFromConfig, vaultConfig, vaultRoutes } from './vault/index.js';
import { createPrivacy, privacyConfig, privacyRoutes, type Privacy } from './privacy/index.js';
import { createWebhooks, type WebhooksModule } from './webhooks/index.js';
import { mountBackup } from './backup/module.js';
import { createIncidents, REMINDER_TASK, type Incidents } from './incidents/index.js';

export interface AppDeps {
  config: Config;
  db: Db;
  /** Owner URL of Palisade's database (palisade start): the scheduled backup and drill read every table. */
  ownerUrl?: string | undefined;
  logger: Logger;
  clock?: Clock;
  /** Where mail that cannot be sent (development, no SMTP_URL) is printed: palisade start's stdout. */
  mailConsole?: (text: string) => void;
  /** Where the trust page reads its source and test evidence; tests point it at a copy. */
  trustRoot?: string;
  /** Test-only instrumentation, applied to the HTTP instance before any route is registered. */
  instrument?: (http: FastifyInstance) => void;
}

export interface App {
  http: FastifyInstance;
  /** This node's cache of authorization facts (tests wait on its invalidations; metrics). */
  authzFacts: FactsCache;
  /** The job queue: modules define tasks and schedules on it; tests drain it. */
  jobs: Jobs;
  /** Seals every waiting audit record now, running the anomaly detectors and alert delivery on
      them, as the sealer's loop does every AUDIT_SEAL_INTERVAL_MS (tests drive it). */
  sealAudit(): Promise<number>;
  /** Runs the privacy jobs that are due (export preparation) and waits for them: tests. */
  privacyIdle(): Promise<void>;
  /** The webhooks module (tests run delivery attempts through it). */
  webhooks: WebhooksModule;
  /** The privacy module (its jobs: export preparation, erasures; erasePerson for operators). */
  privacy: Privacy;
  /** Breach incidents and their notification clock (IR-1). */
  incidents: Incidents;
  /** Stop background work (listeners, timers) before the pools close. */
  stop(): Promise<void>;
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const stoppers: Array<() => Promise<void>> = [];
  // The job queue: modules define their tasks here; the worker starts once all are defined.
  const jobs = createJobs({ system: db.system, systemUrl: db.systemUrl, log: logger.child({ component: 'jobs' }), worker: config.PALISADE_JOBS_WORKER, concurrency: config.PALISADE_JOBS_CONCURRENCY });
  // DLP at the door: card numbers, CVVs, IBANs and marked bank numbers are refused (422)
  // before any handler sees them (DLP-1..3); fields a route never stores are skipped.
  const bodyInspectors: BodyInspector[] = [
    (body, request) => enforceNoSensitiveData(body, {
      allowMaskPaths: request.routeOptions.config.dlpMaskPaths ?? [],
      skipPaths: request.routeOptions.config.dlpSkipPaths ?? [],
    }),
  ];
  // The KEK set (env key or key file, generated on first start) wraps every stored key: data keys,
  // the session-signing and CSRF keys, the audit checkpoint key.
  const crypto = cryptoConfig(config);
  const keks = await kekSetFromConfig(crypto, { create: true, warn: (code, message) => logger.warn({ code }, message) });
  // Authorization (decide() for every org route, API keys) and identity (accounts, sessions, mail).
  // One node bus per process: the heartbeat, peers and barrier every per-node cache relies on.
  const bus = await startNodeBus({ db, logger });
  stoppers.push(() => bus.stop());
  const authz = createAuthz({ db, clock, bus, config: { keyUsageFlushMs: config.PALISADE_API_KEY_USAGE_FLUSH_SECONDS * 1000, plans: config.PALISADE_PLANS, defaultPlan: config.PALISADE_DEFAULT_PLAN }, onError: (m, e) => logger.error({ err: e }, m) });
  stoppers.push(() => authz.stop());
  for (const o of await authz.service.applyPlanConfig()) logger.warn({ code: 'PAL_WARN_UNKNOWN_PLAN', plan: o.plan, orgs: o.count }, 'organisations are on a plan PALISADE_PLANS does not list; they have no plan features');
  const mailer = createMailer({
    smtpUrl: config.SMTP_URL, from: config.PALISADE_MAIL_FROM, db, logger, clock,
    tlsCa: config.SMTP_TLS_CA_FILE ? readFileSync(config.SMTP_TLS_CA_FILE) : undefined,
    console: config.PALISADE_ENV === 'production' ? undefined : deps.mailConsole,
    outboxUrl: `${config.PALISADE_PUBLIC_URL.replace(/\/+$/, '')}/v1/dev/outbox`,
  });
  const identity = await createIdentity({ db, clock, logger, bus, config: identityConfig(config), mailer, kek: keks });
  stoppers.push(() => mailer.close(), () => identity.stop());

  const http = await buildHttp({ config, logger, version: VERSION, bodyInspectors });
  deps.instrument?.(http);
  http.addHook('onRoute', assertRoutePermission);
  // API keys first, so an explicit bearer credential wins over an ambient session cookie.
  const authenticators: Authenticator[] = [authz.authenticateApiKey, identity.authenticate];
  await http.register(authHookPlugin, { db, authenticators, authorize: authz.authorize, decideInTx: authz.service.decideInTx });
  // After authorization: per-org/per-user limits on costly operations; refused requests recorded (ASVS V2.4.1, V16.3.3).
  registerAntiAutomation(http, { limits: routeLimits(config), hitEach: identity.rateLimiter.hitEach });
  registerRefusalAudit(http, { db, clock, logger, ...refusalAuditConfig(config) });
  registerHealthRoutes(http, db);
  registerDocsRoutes(http);
  await http.register(pageRoutes);
  const trust = createTrust({ db, bus, config, clock, logger: logger.child({ component: 'trust' }), ...(deps.trustRoot ? { root: deps.trustRoot } : {}) });
  stoppers.push(async () => trust.stop());
  await http.register(trustRoutes, { config, clock, trust });
  await http.register(authzRoutes, { service: authz.service, apiKeys: authz.apiKeys, requireRecentAuth: identity.sessions.requireRecentAuth });
  // Identity's root onSend hook sets refreshed or cleared session cookies.
  http.addHook('onSend', identity.onSend);
  await http.register(identityRoutes, { identity });
  const orgs = createOrgs({ db, clock, logger, identity, roles: authz.service, idleTimeoutBounds: { min: 300, max: config.PALISADE_SESSION_IDLE_TIMEOUT_SECONDS } });
  await http.register(orgRoutes, { orgs });
  // Integrations: the keyring (refuses to start if a data key is wrapped under a KEK this node
  // lacks) and the write-only vault.
  const keyring = createKeyring({ record: appendAudit, db, clock, keks, cache: crypto.dekCache });
  await keyring.checkKeks();
  stoppers.push(async () => keyring.clearCache());
  await http.register(integrationRoutes, { service: createIntegrations({ db, keyring, clock }) });
  // The file vault: encrypted objects (local disk or S3) under per-organisation keys, signed URLs.
  const storage = storageFromConfig(config);
  stoppers.push(() => storage.close());
  const vault = createVault({ db, keyring, storage, clock, authz: authz.service, config: vaultConfig(config) });
  await http.register(vaultRoutes, { vault });
  scheduleVaultRetention(jobs, vault, config.PALISADE_VAULT_RETENTION_CRON);
  // Privacy: a person's export (sealed under their subject key, downloadable once), erasure.
  const privacy = createPrivacy({
    db, keyring, clock, config: privacyConfig(config), onError: (m, e) => logger.error({ err: e }, m), sessionsRevoked: (ids) => identity.sessions.revoked({ ids }),
    jobs: { define: (task, handler) => jobs.define(task, handler), schedule: (x) => jobs.schedule(x), enqueue }, alert: (subject, text) => mailAdmins('platform', subject, text),
  });
  stoppers.push(() => privacy.idle());
  await http.register(privacyRoutes, { privacy });
  // Second factors: TOTP secrets sealed by the keyring (under each user's subject key).
  await http.register(mfaRoutes, { identity, mfa: createMfa({ db, clock, logger, keyring, identity }) });
  // Passkeys (WebAuthn): rpID and origins from configuration (PALISADE_WEBAUTHN_*, PALISADE_PUBLIC_URL).
  await http.register(passkeyRoutes, { identity, passkeys: createPasskeys({ db, clock, logger, identity, config: { ...identity.config.mfa.webauthn, origins: [...identity.config.mfa.webauthn.origins] } }) });
  // Single sign-on: one OpenID Connect connection per organisation, client secret sealed by the keyring.
  const sso = createSso({ db, clock, logger, keyring, identity, config: { publicUrl: identity.config.publicUrl, devMode: config.PALISADE_DEV_MODE, dnsServers: config.PALISADE_DNS_SERVERS.split(',').map((x) => x.trim()).filter(Boolean) } });
  await http.register(ssoRoutes, { identity, sso, publicUrl: identity.config.publicUrl });
  // Audit: the sealer (one leader across nodes) folds records into per-org Merkle trees and signs
  // checkpoints with a key wrapped by the KEK set; anomaly alerts are mailed to the org's admins
  // (super-admins for the platform log); retention deletes only through palisade_retention.
  const admins = createOrgAdmins({ db, superAdmins: identity.superAdmins });
  // Webhooks: the Stripe inbox (billing sets plans through authz), outbound deliveries of audit
  // records and alerts (SSRF-guarded), agents.
  const mailAdmins = async (orgId: string, subject: string, text: string) => {
    for (const to of await admins.adminEmails(orgId)) await mailer.deliver({ to, subject: `[Palisade] ${subject}`, text });
  };
  const webhooks = createWebhooks({ db, clock, config, keyring, alert: mailAdmins, jobs: { define: (task, handler) => jobs.define(task, handler), enqueue }, plans: { isPlan: authz.service.isPlan, setPlanInTx: authz.service.setPlanInTx, factsChanged: authz.service.factsChanged }, log: (m, d) => logger.info(d, m) });
  const audit = createAudit({
    db, config, clock, keyring: keks, retentionSql: db.retention, isAdmin: admins.isAdmin,
    log: logger.child({ component: 'audit' }),
    inSealRound: (tx, events) => webhooks.queueAuditEvents(tx, events),
    notify: async (orgId, alert) => {
      await mailAdmins(orgId, `Security alert: ${alert.summary}`, `${alert.summary}\n\nDetector: ${alert.detector} (${alert.severity})\nRaised: ${alert.raisedAt}\nAlert id: ${alert.id}\n\nReview it in the audit log (GET /v1/org/alerts).`);
      await webhooks.onAlert(orgId, alert);
    },
  });
  await audit.start();
  stoppers.push(() => audit.stop());
  await http.register(auditRoutes, { service: audit.service, alerting: audit.alerting });
  await webhooks.register(http);
  // Backups: the daily encrypted backup and the weekly restore drill, as scheduled jobs.
  const backup = mountBackup({ config, db, clock, ownerUrl: deps.ownerUrl, jobs, alert: (subject, text) => mailAdmins(PLATFORM_ORG, subject.replace(/^\[Palisade\] /, ''), text), warn: (code, m) => logger.warn({ code }, m) });
  stoppers.push(() => backup.stop());
  // Incidents: the breach workflow; its 72-hour clock runs as jobs.
  const incidents = createIncidents({ db, clock, enqueue: (tx, task, payload, o) => enqueue(tx, task, payload, o), adminEmails: (o) => admins.adminEmails(o), mail: (to, subject, text) => mailer.deliver({ to, subject: `[Palisade] ${subject}`, text }) });
  jobs.define(REMINDER_TASK, (payload) => incidents.tick(payload));

  await jobs.start();
  stoppers.push(() => jobs.stop());

  return {
    http,
    authzFacts: authz.facts as FactsCache,
    jobs,
    sealAudit: () => audit.sealer.sealAll(),
    webhooks,
    privacyIdle: async () => {
      await privacy.idle();
      await jobs.drain();
    },
    privacy,
    incidents,
    async stop() {
      for (const s of stoppers.reverse()) await s();
    },
  };
}
