/* The HTTP instance with everything every route stands on, in the order it must run: request id
   and parsing (buildHttp), DLP at the door, the permission every route declares, authentication
   and authorization, anti-automation limits, the audit of refused requests, and the routes that
   belong to no domain (health, the API description, the hosted pages). */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { VERSION } from '../lib/version.js';
import { assertRoutePermission } from '../authz/index.js';
import { enforceNoSensitiveData } from '../crypto/index.js';
import { pageRoutes } from '../pages/index.js';
import { buildHttp } from './server.js';
import { authHookPlugin, type AuthHookOptions } from './auth-hook.js';
import { registerAntiAutomation, routeLimits } from './anti-automation.js';
import { refusalAuditConfig, registerRefusalAudit } from './refusal-audit.js';
import { registerDocsRoutes } from './openapi.js';
import { registerHealthRoutes } from './health.js';
import type { BodyInspector } from './types.js';

export interface HttpMountDeps extends Omit<AuthHookOptions, 'db'> {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Per-key limits of costly operations (identity's rate limiter). */
  hitEach: Parameters<typeof registerAntiAutomation>[1]['hitEach'];
  /** Test-only instrumentation, applied before any route is registered. */
  instrument?: ((http: FastifyInstance) => void) | undefined;
  /** Told of every response: method, route pattern (undefined: none matched), status, seconds (metrics). */
  observe?: ((method: string, route: string | undefined, status: number, seconds: number) => void) | undefined;
}

/** DLP at the door: card numbers, CVVs, IBANs and marked bank numbers are refused (422) before
    any handler sees them (DLP-1..3); fields a route never stores are skipped. */
const dlpAtTheDoor: BodyInspector = (body, request) => enforceNoSensitiveData(body, {
  allowMaskPaths: request.routeOptions.config.dlpMaskPaths ?? [],
  skipPaths: request.routeOptions.config.dlpSkipPaths ?? [],
});

export async function mountHttp(deps: HttpMountDeps): Promise<FastifyInstance> {
  const { config, db, logger, clock } = deps;
  const http = await buildHttp({ config, logger, version: VERSION, bodyInspectors: [dlpAtTheDoor] });
  deps.instrument?.(http);
  const observe = deps.observe;
  if (observe) http.addHook('onResponse', async (request, reply) => observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000));
  http.addHook('onRoute', assertRoutePermission);
  await http.register(authHookPlugin, { db, authenticators: deps.authenticators, authorize: deps.authorize, ...(deps.decideInTx ? { decideInTx: deps.decideInTx } : {}) });
  // After authorization: per-org/per-user limits on costly operations; refused requests recorded (ASVS V2.4.1, V16.3.3).
  registerAntiAutomation(http, { limits: routeLimits(config), hitEach: deps.hitEach });
  registerRefusalAudit(http, { db, clock, logger, ...refusalAuditConfig(config) });
  registerHealthRoutes(http, db);
  registerDocsRoutes(http);
  await http.register(pageRoutes);
  return http;
}
