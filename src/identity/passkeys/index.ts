/* Passkeys (WebAuthn): registration, passwordless sign-in, second step and step-up. */
export type { Passkeys, PasskeysDeps, PasskeyView } from './service.js';
/** Builds the passkeys module on identity (sessions, rate limits, mail); rpID and origins from configuration. */
export { createPasskeys } from './service.js';
/** The Fastify plugin of /v1/me/passkeys* and /v1/auth/passkey/*. */
export { passkeyRoutes } from './routes.js';
export * from './errors.js';
