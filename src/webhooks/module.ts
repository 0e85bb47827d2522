/* Wires the webhooks module from the configuration and the modules it leans on, so the
   composition root stays one call. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Db, SystemTx } from '../db/index.js';
import type { Actor } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { webhookRoutes } from './routes.js';
import { createStripeInbox, type StripeInbox, type TrialSetter } from './stripe.js';
import type { Keyring } from '../crypto/index.js';
import { BRIDGE_TASK, createOutbound, DELIVER_TASK, type AuditRecordLike, type Outbound, type Queue } from './outbound.js';
import { outboundAllowList } from './config.js';
import { createAgents, type Agents } from './agents.js';

export interface WebhooksModuleDeps {
  config: Config;
  db: Db;
  clock: Clock;
  /** The plans layer (src/authz): the Stripe inbox sets plans through it. */
  plans: {
    isPlan(name: string): boolean;
    setPlanInTx(tx: SystemTx, orgId: string, plan: never, actor: Actor, metadata?: Record<string, unknown>): Promise<{ previous: string } | null>;
    factsChanged(orgId: string): Promise<void>;
  };
  /** The privacy module's trial setter: Stripe's `trialing` and `active` set and end trials (PRIV-7). */
  trials: TrialSetter;
  log: (msg: string, detail: Record<string, unknown>) => void;
  keyring: Keyring;
  /** The job queue (src/jobs): deliveries and their retries run as `webhooks.deliver` jobs. */
  jobs: Queue & { define(task: string, handler: (payload: unknown) => Promise<void>): void };
  /** Mails the organisation's admins (an endpoint disabled after persistent failure). */
  alert: (orgId: string, subject: string, text: string) => Promise<void>;
}

export interface WebhooksModule {
  stripe: StripeInbox;
  outbound: Outbound;
  agents: Agents;
  /** For the audit module, inside each seal round's transaction: sealed records become
      audit.<action> webhook events through `webhooks.audit_events` jobs committed with the round. */
  queueAuditEvents(tx: SystemTx, records: ReadonlyArray<{ record: AuditRecordLike }>): Promise<void>;
  /** For the alerting: an anomaly alert becomes an alert.raised webhook event. */
  onAlert(orgId: string, alert: { id: string; detector: string; severity: string; summary: string; raisedAt: string }): Promise<void>;
}

/** Creates the module, defines its jobs and registers its routes (`/v1/org/webhooks`,
    `/v1/inbound/stripe`, the agents'); the audit module is handed `queueAuditEvents` and
    `onAlert` afterwards, so webhooks need nothing from audit. */
export async function mountWebhooks(http: FastifyInstance, deps: WebhooksModuleDeps): Promise<WebhooksModule> {
  const { config, db, clock, plans } = deps;
  const stripe = createStripeInbox({
    db, clock, log: deps.log, trials: deps.trials,
    // Only a name isPlan() accepted reaches setPlanInTx.
    plans: { isPlan: (n) => plans.isPlan(n), setPlanInTx: (tx, orgId, plan, actor, md) => plans.setPlanInTx(tx, orgId, plan as never, actor, md), factsChanged: (o) => plans.factsChanged(o) },
    secrets: (config.PALISADE_STRIPE_WEBHOOK_SECRETS ?? '').split(',').filter(Boolean),
    toleranceSeconds: config.PALISADE_STRIPE_WEBHOOK_TOLERANCE_SECONDS,
    endedPlan: config.PALISADE_STRIPE_ENDED_PLAN ?? config.PALISADE_DEFAULT_PLAN,
  });
  const outbound = createOutbound({
    db, keyring: deps.keyring, clock, queue: deps.jobs, alert: deps.alert,
    config: {
      allow: outboundAllowList(config), timeoutMs: config.PALISADE_WEBHOOK_TIMEOUT_MS, maxAttempts: config.PALISADE_WEBHOOK_MAX_ATTEMPTS,
      baseDelayMs: config.PALISADE_WEBHOOK_RETRY_BASE_SECONDS * 1000, maxDelayMs: 6 * 3600 * 1000,
      disableAfter: config.PALISADE_WEBHOOK_DISABLE_AFTER, rotationOverlapSeconds: 86400,
    },
  });
  deps.jobs.define(DELIVER_TASK, (payload) => outbound.attempt(payload));
  deps.jobs.define(BRIDGE_TASK, (payload) => outbound.bridge(payload));
  const agents = createAgents({ db, clock });
  await http.register(webhookRoutes, { stripe, outbound, agents, bodyLimit: config.PALISADE_BODY_LIMIT_BYTES });
  return {
    stripe,
    outbound,
    agents,
    queueAuditEvents: (tx, events) => outbound.queueAuditEvents(tx, events.map((e) => e.record)),
    async onAlert(orgId, alert) {
      if (orgId === 'platform') return;
      await outbound.emit(orgId, 'alert.raised', { id: alert.id, detector: alert.detector, severity: alert.severity, summary: alert.summary, raisedAt: alert.raisedAt });
    },
  };
}
