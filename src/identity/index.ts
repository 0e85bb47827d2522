/* Public surface of the identity module: accounts, passwords, sessions, CSRF. */
export type { Identity, IdentityDeps, Me } from './service.js';
export type { IdentityConfig } from './config.js';
export type { PublicUser, SignInResult } from './accounts.js';
export type { SessionInfo } from './sessions.js';
export type { Background } from './background.js';
export type { KeyWrapper, KeyWrapperSet } from './keys.js';
export type { PasswordHasher, PasswordHashingConfig } from './passwords.js';
export type { PasswordPolicy, PasswordProblem } from './password-policy.js';
export type { TokenPurpose, IssuedToken } from './tokens.js';
/** Builds the identity module; `stop()` ends its listener and drains background work. */
export { createIdentity } from './service.js';
/** The Fastify plugin of /v1/auth/*, /v1/me* (and /v1/dev/outbox outside production). */
export { identityRoutes } from './routes.js';
/** Reads the identity settings out of the validated configuration. */
export { identityConfig, emailKey, SESSION_COOKIE, CSRF_HEADER } from './config.js';
/** One-time tokens (used by invitations): issue, and hash a candidate for lookup. */
export { issueToken, tokenLookupHash, TOKEN_TTL_MS } from './tokens.js';
/** Appends an auth event to the platform log and each of the user's organisations' logs. */
export { auditAuthEvent } from './audit.js';
export { emails, link } from './emails.js';
export * from './errors.js';
export { identityWrappedKeys } from './keys.js';
export { revokeSessionsPlatformWide, type PlatformRevokeTarget } from './platform-revoke.js';
/** Second factors, the second sign-in step, step-up, the organisation's MFA requirement. */
export { createMfa, mfaRoutes, type Mfa, type MfaStatus } from './mfa/index.js';
/** Single sign-on with OpenID Connect per organisation. */
export { createSso, ssoRoutes, type Sso } from './sso/index.js';
/** Passkeys (WebAuthn): registration, passwordless sign-in, second step, step-up. */
export { createPasskeys, passkeyRoutes, type Passkeys } from './passkeys/index.js';
export { mountIdentity } from './module.js';
