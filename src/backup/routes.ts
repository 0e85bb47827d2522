/* HTTP surface of backups: GET · POST /v1/platform/backups, for platform super-admins only (anyone
   else: 403, nothing recorded or queued). The CLI (`palisade backup …`) and the schedule do the
   same work; restore and verify with an identity stay on the CLI, since the identity must not
   travel to a server. Claim BAK-1; docs/backups.md. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../db/index.js';
import type { RequestSource } from '../lib/caller.js';
import { Forbidden, Unauthenticated } from '../lib/errors.js';
import type { BackupRequests } from './requests.js';
import * as s from './schemas.js';

export interface BackupRoutesOptions {
  requests: BackupRequests;
}

const tags = ['platform'];
const session = [{ session: [] }];

function operator(request: FastifyRequest): { actor: Actor; source: RequestSource } {
  const p = request.principal;
  if (!p) throw new Unauthenticated();
  if (p.kind !== 'user' || !p.superAdmin) throw new Forbidden('Backups are managed by the platform\'s super-admins');
  return { actor: { type: 'super_admin', id: p.userId }, source: request.source };
}

export async function backupRoutes(app: FastifyInstance, opts: BackupRoutesOptions): Promise<void> {
  const { requests } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/platform/backups', {
    config: { access: 'user' },
    schema: {
      summary: 'The backups in the backup store, newest first: id, times, size, SHA-256, schema version, latest verification and drill; and the latest request to back up now (platform super-admins only)',
      description: 'Never the recipients\' keys or where the store is. Without backup configuration: `configured: false` and no items.',
      tags, security: session, response: { 200: s.backupList, ...s.problems(503) },
    },
  }, async (request) => {
    operator(request);
    return requests.list();
  });

  r.post('/v1/platform/backups', {
    config: { access: 'user' },
    schema: {
      summary: 'Take a backup now: queued as a job, answered at once with the id the backup will have (platform super-admins only; audited as backup.requested)',
      description: 'While a requested backup is queued or running, another request is answered with that one (202, `existing: true`): one backup, not two. Poll GET /v1/platform/backups: the request\'s status becomes complete (the backup is listed) or failed (the platform operator is mailed). 409 backup_not_configured without backup recipients or the database owner connection.',
      tags, security: session, response: { 202: s.requestAccepted, ...s.problems(409) },
    },
  }, async (request, reply) => reply.code(202).send(await requests.request(operator(request))));
}
