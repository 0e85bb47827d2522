import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { claimStatuses, readEvidence } from './claims.js';

/** Public claim registry as JSON. The rendered trust page comes with the trust issue. */
export async function trustRoutes(app: FastifyInstance, _opts: { config: Config }): Promise<void> {
  app.get('/trust.json', { config: { access: 'public' }, schema: { summary: 'Claim registry with each claim’s proven status' } }, async () => {
    const evidence = await readEvidence();
    return { generatedAt: new Date().toISOString(), evidenceFrom: evidence?.finishedAt ?? null, claims: claimStatuses(evidence) };
  });
}
