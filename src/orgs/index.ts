/* Public surface of the organisations module: organisations, memberships, invitations. */
export type { Orgs, OrgsDeps, OrgView, MemberView, InvitationView, RoleRules } from './service.js';
/** Builds the organisations module. */
export { createOrgs } from './service.js';
/** The Fastify plugin of /v1/orgs, /v1/org/* and /v1/invitations/accept. */
export { orgRoutes } from './routes.js';
export * from './errors.js';
/** Who administers an organisation (alert delivery). */
export { createOrgAdmins, type OrgAdmins } from './admins.js';
/** The organisation of the transaction, or null (for commands that take an organisation id). */
export { getOrg as readOrg } from './repo.js';
