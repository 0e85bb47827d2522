/* Mounts the privacy module for the composition root: a person's export (sealed under their
   subject key, downloadable once), erasure, rights requests. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { privacyConfig } from './config.js';
import { privacyRoutes } from './routes.js';
import { createPrivacy, type Privacy, type PrivacyDeps } from './service.js';

export async function mountPrivacy(http: FastifyInstance, deps: Omit<PrivacyDeps, 'config'> & { config: Config }): Promise<Privacy> {
  const privacy = createPrivacy({ ...deps, config: privacyConfig(deps.config) });
  await http.register(privacyRoutes, { privacy });
  return privacy;
}
