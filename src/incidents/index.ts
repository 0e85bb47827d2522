/* Breach incidents and the 72-hour notification clock (claim IR-1; docs/incidents.md). */
export {
  createIncidents, REMINDER_TASK, CLOCK_HOURS, DEADLINE_HOURS, NOTICE_EVENT,
  type Incidents, type IncidentsDeps, type IncidentView, type OrgIncidentView, type DeclareInput, type Facts, type IncidentStatus,
} from './service.js';
export { mountIncidents } from './module.js';
export { incidentRoutes } from './routes.js';
export * from './errors.js';
