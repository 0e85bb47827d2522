export { appendAudit, PLATFORM_ORG, type AuditEventInput, type RequestSource } from './append.js';
