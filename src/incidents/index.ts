/* Breach incidents and the 72-hour notification clock (claim IR-1; docs/incidents.md). */
export { createIncidents, REMINDER_TASK, CLOCK_HOURS, DEADLINE_HOURS, type Incidents, type IncidentsDeps, type IncidentView, type DeclareInput } from './service.js';
export { mountIncidents } from './module.js';
