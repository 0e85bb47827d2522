/* HTTP surface of incidents (IR-1; docs/incidents.md). The operator's routes are for platform
   super-admins only (anyone else: 403, nothing recorded); an affected organisation's admins read
   its confirmed incidents through GET /v1/org/incidents, the organisation taken from the principal
   (TEN-1) and row-level security showing only incidents that touched it. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireCaller } from '../lib/caller.js';
import { Forbidden, Unauthenticated } from '../lib/errors.js';
import type { Incidents, Operator } from './service.js';
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

  r.post('/v1/platform/incidents/:incidentId/confirm', {
    config: { access: 'user' },
    schema: {
      summary: 'Confirm a suspected incident: the 72-hour notification clock starts (platform super-admins only; audited)',
      description: 'Once only, and never for a closed incident (409 incident_transition).',
      tags, security: session, params: s.incidentParams, body: s.confirmBody, response: { 200: s.incidentView, ...s.problems(404, 409) },
    },
  }, async (request) => incidents.confirm(request.params.incidentId, operator(request), date(request.body.confirmedAt)));

  r.patch('/v1/platform/incidents/:incidentId', {
    config: { access: 'user' },
    schema: {
      summary: 'Update what is known: nature, data categories, cause, remediation (platform super-admins only; audited, and seen by the affected organisations)',
      tags, security: session, params: s.incidentParams, body: s.updateBody, response: { 200: s.incidentView, ...s.problems(404, 409) },
    },
  }, async (request) => incidents.update(request.params.incidentId, request.body, operator(request)));

  r.post('/v1/platform/incidents/:incidentId/notify', {
    config: { access: 'user' },
    schema: {
      summary: 'Send each affected organisation not yet notified its notice: mail to its admins and the incident.notice webhook event (platform super-admins only; audited)',
      description: 'Only a confirmed, open incident (409 incident_transition). Sending again reaches only the organisations not yet notified.',
      tags, security: session, params: s.incidentParams, body: s.notifyBody, response: { 200: s.incidentView, ...s.problems(404, 409) },
    },
  }, async (request) => incidents.notify(request.params.incidentId, operator(request), { regulator: request.body.regulator }));

  r.post('/v1/platform/incidents/:incidentId/regulator', {
    config: { access: 'user' },
    schema: {
      summary: 'Record the supervisory authority notified and when (platform super-admins only; audited)',
      tags, security: session, params: s.incidentParams, body: s.regulatorBody, response: { 200: s.incidentView, ...s.problems(404, 409) },
    },
  }, async (request) => incidents.recordRegulator(request.params.incidentId, request.body.regulator, operator(request), date(request.body.notifiedAt)));

  r.post('/v1/platform/incidents/:incidentId/close', {
    config: { access: 'user' },
    schema: {
      summary: 'Close an incident (platform super-admins only; audited)',
      description: 'A confirmed breach closes only after every affected organisation was notified; a closed incident changes no more (409 incident_transition).',
      tags, security: session, params: s.incidentParams, body: s.closeBody, response: { 200: s.incidentView, ...s.problems(404, 409) },
    },
  }, async (request) => incidents.close(request.params.incidentId, request.body.closure, operator(request)));

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
