/* Composition root: creates the modules, hands each its dependencies, registers routes.
   Nothing here decides anything; keep it short. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config/schema.js';
import type { Db } from './db/index.js';
import { buildHttp } from './http/server.js';
import { authHookPlugin } from './http/auth-hook.js';
import { registerDocsRoutes } from './http/openapi.js';
import { registerHealthRoutes } from './http/health.js';
import type { Authenticator, Authorizer, BodyInspector } from './http/types.js';
import { VERSION } from './lib/version.js';
import { systemClock, type Clock } from './lib/clock.js';
import { trustRoutes } from './trust/routes.js';
import { enforceNoSensitiveData } from './crypto/index.js';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock?: Clock;
  /** Test-only instrumentation, applied to the HTTP instance before any route is registered. */
  instrument?: (http: FastifyInstance) => void;
}

export interface App {
  http: FastifyInstance;
  /** Stop background work (listeners, timers) before the pools close. */
  stop(): Promise<void>;
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? systemClock;
  void clock;
  const stoppers: Array<() => Promise<void>> = [];
  // DLP at the door: card numbers, CVVs, IBANs and marked bank numbers are refused (422)
  // before any handler sees them (DLP-1..3).
  const bodyInspectors: BodyInspector[] = [
    (body, request) => enforceNoSensitiveData(body, { allowMaskPaths: request.routeOptions.config.dlpMaskPaths ?? [] }),
  ];
  const authenticators: Authenticator[] = [];
  // Until the authz module is wired, no org route is allowed (fail closed).
  let authorize: Authorizer = async () => ({ allowed: false, layer: 'not_configured' });

  const http = await buildHttp({ config, logger, version: VERSION, bodyInspectors });
  deps.instrument?.(http);
  await http.register(authHookPlugin, { db, authenticators, authorize: (p, perm, res) => authorize(p, perm, res) });
  registerHealthRoutes(http, db);
  registerDocsRoutes(http);
  await http.register(trustRoutes, { config });
  void ((a: Authorizer) => { authorize = a; });

  return {
    http,
    async stop() {
      for (const s of stoppers.reverse()) await s();
    },
  };
}
