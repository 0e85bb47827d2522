/* Wires the webhooks module from the configuration and the modules it leans on, so the
   composition root stays one call. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Db, SystemTx } from '../db/index.js';
import type { Actor } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { webhookRoutes } from './routes.js';
import { createStripeInbox, type StripeInbox } from './stripe.js';

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
  log: (msg: string, detail: Record<string, unknown>) => void;
}

export interface WebhooksModule {
  stripe: StripeInbox;
  register(http: FastifyInstance): Promise<void>;
}

export function createWebhooks(deps: WebhooksModuleDeps): WebhooksModule {
  const { config, db, clock, plans } = deps;
  const stripe = createStripeInbox({
    db, clock, log: deps.log,
    // Only a name isPlan() accepted reaches setPlanInTx.
    plans: { isPlan: (n) => plans.isPlan(n), setPlanInTx: (tx, orgId, plan, actor, md) => plans.setPlanInTx(tx, orgId, plan as never, actor, md), factsChanged: (o) => plans.factsChanged(o) },
    secrets: (config.PALISADE_STRIPE_WEBHOOK_SECRETS ?? '').split(',').filter(Boolean),
    toleranceSeconds: config.PALISADE_STRIPE_WEBHOOK_TOLERANCE_SECONDS,
  });
  return {
    stripe,
    async register(http) {
      await http.register(webhookRoutes, { stripe, bodyLimit: config.PALISADE_BODY_LIMIT_BYTES });
    },
  };
}
