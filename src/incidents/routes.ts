/* HTTP surface of incidents (IR-1; docs/incidents.md). The operator's routes are for platform
   super-admins only (anyone else: 403, nothing recorded); an affected organisation's admins read
   its confirmed incidents through GET /v1/org/incidents, the organisation taken from the principal
   (TEN-1) and row-level security showing only incidents that touched it. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../lib/caller.js';
import { Forbidden, Unauthenticated } from '../lib/errors.js';
import type { z } from 'zod';
import type { IncidentView, Incidents, Operator } from './service.js';
import * as s from './schemas.js';

export interface IncidentRoutesOptions {
  incidents: Incidents;
}

const tags = ['platform'];
const session = [{ session: [] }];
const orgSecurity = [{ session: [] }, { apiKey: [] }];
const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));

/** A platform super-admin: the operator who records and notifies breaches. */
function operator(request: FastifyRequest): Operator {
  const p = request.principal;
  if (!p) throw new Unauthenticated();
  if (p.kind !== 'user' || !p.superAdmin) throw new Forbidden('Incidents are recorded by the platform\'s super-admins');
  return { actor: { type: 'super_admin', id: p.userId }, source: request.source };
}

/** One operator step: its path under the incident, its documentation, its body and what it does.
    `run` gets the body as the schema parsed it (the validator runs before the handler). */
interface Step {
  method: 'POST' | 'PATCH';
  path: string;
  summary: string;
  description?: string;
  body: z.ZodType;
  run: (incidents: Incidents, id: string, body: unknown, by: Operator) => Promise<IncidentView>;
}

/** Types `run`'s body from the step's own schema. */
const step = <B extends z.ZodType>(x: Omit<Step, 'body' | 'run'> & { body: B; run: (incidents: Incidents, id: string, body: z.infer<B>, by: Operator) => Promise<IncidentView> }): Step =>
  ({ ...x, run: (incidents, id, body, by) => x.run(incidents, id, body as z.infer<B>, by) });

const STEPS: readonly Step[] = [
  step({
    method: 'POST', path: '/confirm', body: s.confirmBody,
    summary: 'Confirm a suspected incident: the 72-hour notification clock starts (platform super-admins only; audited)',
    description: 'Once only, and never for a closed incident (409 incident_transition).',
    run: (i, id, b, by) => i.confirm(id, by, date(b.confirmedAt)),
  }),
  step({
    method: 'PATCH', path: '', body: s.updateBody,
    summary: 'Update what is known: nature, data categories, cause, remediation (platform super-admins only; audited, and seen by the affected organisations)',
    run: (i, id, b, by) => i.update(id, b, by),
  }),
  step({
    method: 'POST', path: '/notify', body: s.notifyBody,
    summary: 'Send each affected organisation not yet notified its notice: mail to its admins and its primary address, and the incident.notice webhook event (platform super-admins only; audited)',
    description: 'Only a confirmed, open incident (409 incident_transition). Sending again reaches only the organisations not yet notified.',
    run: (i, id, b, by) => i.notify(id, by, { regulator: b.regulator }),
  }),
  step({
    method: 'POST', path: '/regulator', body: s.regulatorBody,
    summary: 'Record the supervisory authority notified and when (platform super-admins only; audited)',
    run: (i, id, b, by) => i.recordRegulator(id, b.regulator, by, date(b.notifiedAt)),
  }),
  step({
    method: 'POST', path: '/close', body: s.closeBody,
    summary: 'Close an incident (platform super-admins only; audited)',
    description: 'A confirmed breach closes only after every affected organisation was notified; a closed incident changes no more (409 incident_transition).',
    run: (i, id, b, by) => i.close(id, b.closure, by),
  }),
];

export async function incidentRoutes(app: FastifyInstance, opts: IncidentRoutesOptions): Promise<void> {
  const { incidents } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/v1/platform/incidents', {
    config: { access: 'user' },
    schema: { summary: 'Every incident, newest first, with the organisations it affected (platform super-admins only)', tags, security: session, response: { 200: s.incidentList, ...s.problems() } },
  }, async (request) => {
    operator(request);
    return { items: await incidents.list() };
  });

  r.post('/v1/platform/incidents', {
    config: { access: 'user' },
    schema: {
      summary: 'Declare an incident: Palisade finds the affected organisations and their record counts in the audit log (platform super-admins only; audited)',
      description: 'With `confirmedAt` the breach is confirmed at once and the 72-hour clock starts; without, it is suspected until POST …/confirm. The window must end after it starts and name audit actions or subjects (400 validation_failed).',
      tags, security: session, body: s.declareBody, response: { 201: s.incidentView, ...s.problems() },
    },
  }, async (request, reply) => {
    const actor = operator(request);
    const b = request.body;
    const view = await incidents.declare({
      nature: b.nature, dataCategories: b.dataCategories, cause: b.cause, remediation: b.remediation,
      discoveredAt: new Date(b.discoveredAt), confirmedAt: date(b.confirmedAt),
      window: { from: new Date(b.window.from), to: new Date(b.window.to) }, actions: b.actions, subjects: b.subjects,
    }, actor);
    return reply.code(201).send(view);
  });

  r.get('/v1/platform/incidents/:incidentId', {
    config: { access: 'user' },
    schema: { summary: 'One incident (platform super-admins only)', tags, security: session, params: s.incidentParams, response: { 200: s.incidentView, ...s.problems(404) } },
  }, async (request) => {
    operator(request);
    return incidents.get(request.params.incidentId);
  });

  // The operator's steps on one incident: the same shape each (super-admins only, the incident in
  // the path, a strict body, the incident as it stands after the step, 404/409 problems).
  for (const st of STEPS) {
    app.route({
      method: st.method,
      url: `/v1/platform/incidents/:incidentId${st.path}`,
      config: { access: 'user' },
      schema: {
        summary: st.summary, ...(st.description ? { description: st.description } : {}),
        tags, security: session, params: s.incidentParams, body: st.body, response: { 200: s.incidentView, ...s.problems(404, 409) },
      },
      handler: async (request) => st.run(incidents, (request.params as { incidentId: string }).incidentId, request.body, operator(request)),
    });
  }

  r.get('/v1/org/incidents', {
    config: { access: 'org', permission: 'incidents:read' },
    schema: {
      summary: 'The confirmed security incidents that affected this organisation: the nature, data categories, this organisation\'s record count, remediation, the times and the notice sent',
      tags: ['incidents'], security: orgSecurity, response: { 200: s.orgIncidentList, ...s.problems() },
    },
  }, async (request) => {
    const c = requireCaller(request);
    return { items: await incidents.forOrg(c) };
  });
}
