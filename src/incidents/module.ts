/* Wires breach incidents for the composition root: the service, its 72-hour notification clock as
   `incidents.clock` jobs on the queue, the operator's and the organisation's routes (IR-1). */
import type { FastifyInstance } from 'fastify';
import type { Jobs } from '../jobs/index.js';
import type { Mailer } from '../mail/index.js';
import { incidentRoutes } from './routes.js';
import { createIncidents, REMINDER_TASK, type Incidents, type IncidentsDeps } from './service.js';

export async function mountIncidents(http: FastifyInstance, deps: Omit<IncidentsDeps, 'enqueue' | 'mail'> & { jobs: Pick<Jobs, 'define' | 'enqueue'>; mailer: Pick<Mailer, 'deliver'> }): Promise<Incidents> {
  const { jobs, mailer, ...rest } = deps;
  const incidents = createIncidents({ ...rest, enqueue: (tx, task, payload, o) => jobs.enqueue(tx, task, payload, o), mail: (to, subject, text) => mailer.deliver({ to, subject: `[Palisade] ${subject}`, text }) });
  jobs.define(REMINDER_TASK, (payload) => incidents.tick(payload));
  await http.register(incidentRoutes, { incidents });
  return incidents;
}
