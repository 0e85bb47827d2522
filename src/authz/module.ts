/* Starts the authorization module for the composition root: its configuration slice, and the
   operator's plan configuration applied to the organisations already stored. */
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/index.js';
import type { NodeBus } from '../db/node-bus.js';
import type { FastifyRequest } from 'fastify';
import type { AuthzDecision, OrgPrincipal, Principal } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import type { Plans } from '../config/plans.js';
import { createApiKeys, type ApiKeys } from './api-keys.js';
import { createAuthzService, type AuthzService } from './service.js';
import { createFactsCache, type FactsCache } from './facts-cache.js';

export interface AuthzConfig {
  /** How often batched API-key last-used marks are written (ms). */
  keyUsageFlushMs: number;
  /** PALISADE_PLANS: plan name → features. */
  plans: Plans;
  /** PALISADE_DEFAULT_PLAN: the plan a new organisation gets. */
  defaultPlan: string;
}

export interface AuthzDeps {
  db: Db;
  clock: Clock;
  config: AuthzConfig;
  onError?: (message: string, error: unknown) => void;
  /** The node bus: with it, authorization facts and verified API keys are cached on this node
      and kept current by notifications; without it every check reads the database. */
  bus?: NodeBus | undefined;
}

export interface Authz {
  /** For the auth hook: decide(principal, permission, resource) with the request's facts. */
  authorize(p: OrgPrincipal, permission: string, resource: { type: string; id: string } | undefined): Promise<AuthzDecision>;
  /** For the auth hook's list: `Authorization: Bearer pal_live_…`. */
  authenticateApiKey(request: FastifyRequest): Promise<Principal | null>;
  service: AuthzService;
  apiKeys: ApiKeys;
  /** This node's cache of authorization facts (with a bus), for tests and metrics. */
  facts: FactsCache | undefined;
  /** Writes pending key usage, stops the flush timer and the caches. */
  stop(): Promise<void>;
}

/** Builds the authorization module. */
export function createAuthz(deps: AuthzDeps): Authz {
  const facts = deps.bus ? createFactsCache({ bus: deps.bus }) : undefined;
  const service = createAuthzService({ db: deps.db, clock: deps.clock, facts, plans: deps.config.plans, defaultPlan: deps.config.defaultPlan });
  const apiKeys = createApiKeys({
    db: deps.db,
    clock: deps.clock,
    bus: deps.bus,
    service,
    usageFlushMs: deps.config.keyUsageFlushMs,
    ...(deps.onError ? { onError: deps.onError } : {}),
  });
  return {
    authorize: service.authorize,
    authenticateApiKey: apiKeys.authenticate,
    service,
    apiKeys,
    facts,
    stop: async () => {
      await apiKeys.stop();
      facts?.stop();
    },
  };
}

export function authzConfig(config: Config): AuthzConfig {
  return { keyUsageFlushMs: config.PALISADE_API_KEY_USAGE_FLUSH_SECONDS * 1000, plans: config.PALISADE_PLANS, defaultPlan: config.PALISADE_DEFAULT_PLAN };
}

/** createAuthz, then a warning for each plan stored on organisations that PALISADE_PLANS no
    longer lists (those organisations have no plan features until it does). */
export async function startAuthz(deps: { db: Db; clock: Clock; bus: NodeBus; config: Config; logger: Logger }): Promise<Authz> {
  const authz = createAuthz({ db: deps.db, clock: deps.clock, bus: deps.bus, config: authzConfig(deps.config), onError: (m, e) => deps.logger.error({ err: e }, m) });
  for (const o of await authz.service.applyPlanConfig()) {
    deps.logger.warn({ code: 'PAL_WARN_UNKNOWN_PLAN', plan: o.plan, orgs: o.count }, 'organisations are on a plan PALISADE_PLANS does not list; they have no plan features');
  }
  return authz;
}
