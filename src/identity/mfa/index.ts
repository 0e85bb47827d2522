/* Second factors (TOTP, recovery codes), the second sign-in step, step-up and the
   organisation's MFA requirement. */
export type { Mfa, MfaDeps, MfaStatus } from './service.js';
/** Builds the MFA module on top of identity (sessions, rate limits, mail) and the keyring. */
export { createMfa } from './service.js';
/** The Fastify plugin of /v1/me/mfa*, /v1/auth/mfa/verify, /v1/auth/step-up, /v1/org/auth-policy. */
export { mfaRoutes } from './routes.js';
export * from './errors.js';
