/* Mounts the privacy module for the composition root: a person's export (sealed under their
   subject key, downloadable once), erasure, rights requests; consent, minors and the AI egress guard (src/privacy/ai). */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { aiConfig, aiRoutes, createAi } from './ai/index.js';
import { privacyConfig } from './config.js';
import { privacyRoutes } from './routes.js';
import { createPrivacy, type Privacy, type PrivacyDeps } from './service.js';

export async function mountPrivacy(http: FastifyInstance, deps: Omit<PrivacyDeps, 'config'> & { config: Config }): Promise<Privacy> {
  const privacy = createPrivacy({ ...deps, config: privacyConfig(deps.config) });
  await http.register(privacyRoutes, { privacy });
  // Consent, minors and the AI egress guard (PRIV-4..6, PRIV-10): the only path to an AI provider.
  await http.register(aiRoutes, { ai: createAi({ db: deps.db, clock: deps.clock, config: aiConfig(deps.config) }) });
  return privacy;
}
