/* Mounts the trust page (/trust, /trust.json, security.txt) for the composition root. */
import type { FastifyInstance } from 'fastify';
import { createTrust, type Trust, type TrustDeps } from './service.js';
import { trustRoutes } from './routes.js';

export async function mountTrust(http: FastifyInstance, deps: TrustDeps): Promise<Trust> {
  const trust = createTrust(deps);
  await http.register(trustRoutes, { config: deps.config, clock: deps.clock, trust });
  return trust;
}
