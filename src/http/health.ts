import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { text } from '../lib/text.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { appliedMigrations, expectedMigrations, type Db } from '../db/index.js';
import { NotReady } from './errors.js';

export function registerHealthRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const status = z.object({ status: text() });
  r.get('/healthz', { config: { access: 'public' }, schema: { summary: 'Liveness', response: { 200: status } } }, async () => ({ status: 'ok' }));
  r.get('/readyz', { config: { access: 'public' }, schema: { summary: 'Readiness: database reachable and migrated', response: { 200: status } } }, async () => {
    let applied: string[];
    try {
      applied = await appliedMigrations(db.system);
    } catch (e) {
      throw new NotReady('The database is not reachable', undefined, { cause: e });
    }
    const expected = await expectedMigrations();
    const missing = expected.filter((m) => !applied.includes(m));
    if (missing.length) throw new NotReady('The database is not fully migrated', { missing });
    return { status: 'ready' };
  });
}
