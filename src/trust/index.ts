/** Claim registry, evidence bound to the source, live checks, the trust page and security.txt. */
export { createTrust, buildReport, TRUST_CHANNEL, type Trust, type TrustReport, type TrustStatus } from './service.js';
export { trustRoutes } from './routes.js';
export { CLAIMS, claimStatuses } from './claims.js';
export * from './errors.js';
export { mountTrust } from './module.js';
