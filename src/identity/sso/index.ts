/* Single sign-on with OpenID Connect per organisation. */
export type { Sso, SsoDeps, SsoConfig, ConnectionView } from './service.js';
/** Builds the SSO module on top of identity (sessions, rate limits) and the keyring. */
export { createSso, SSO_COOKIE } from './service.js';
/** The Fastify plugin of /v1/org/sso* and /v1/auth/sso/*. */
export { ssoRoutes } from './routes.js';
export * from './errors.js';
