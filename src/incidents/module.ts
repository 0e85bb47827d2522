/* Wires breach incidents for the composition root: the service, and its 72-hour notification
   clock as `incidents.clock` jobs on the queue (IR-1). */
import type { Jobs } from '../jobs/index.js';
import type { Mailer } from '../mail/index.js';
import { createIncidents, REMINDER_TASK, type Incidents, type IncidentsDeps } from './service.js';

export function mountIncidents(deps: Omit<IncidentsDeps, 'enqueue' | 'mail'> & { jobs: Pick<Jobs, 'define' | 'enqueue'>; mailer: Pick<Mailer, 'deliver'> }): Incidents {
  const { jobs, mailer, ...rest } = deps;
  const incidents = createIncidents({ ...rest, enqueue: (tx, task, payload, o) => jobs.enqueue(tx, task, payload, o), mail: (to, subject, text) => mailer.deliver({ to, subject: `[Palisade] ${subject}`, text }) });
  jobs.define(REMINDER_TASK, (payload) => incidents.tick(payload));
  return incidents;
}
