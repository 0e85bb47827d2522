import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { claimStatuses } from './claims.js';
import { describeEvidence, evidenceForThisInstall, passedTests } from './evidence.js';

/** Public claim registry as JSON, against the evidence recorded for this install's own source. */
export async function trustRoutes(app: FastifyInstance, _opts: { config: Config }): Promise<void> {
  app.get('/trust.json', { config: { access: 'public' }, schema: { summary: 'Claim registry with each claim’s proven status' } }, async () => {
    const { source, state } = evidenceForThisInstall();
    return {
      generatedAt: new Date().toISOString(),
      source: { hash: source.hash, files: source.files },
      evidence: { state: state.state, from: state.state === 'bound' ? state.evidence.finishedAt : null, summary: describeEvidence(state, source.hash) },
      claims: claimStatuses({ passed: passedTests(state) }),
    };
  });
}
