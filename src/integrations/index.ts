/* Public surface of the integration vault: write-only third-party credentials (INT-1..4). */
export type { Caller, Integrations, IntegrationsDeps, IntegrationView } from './service.js';
/** Builds the vault; registers its encrypted column with the keyring for DEK re-encryption. */
export { createIntegrations, ENCRYPTED_COLUMNS as INTEGRATION_ENCRYPTED_COLUMNS } from './service.js';
/** The Fastify plugin of /v1/integrations/providers and /v1/org/integrations*. Options: `{ service }`. */
export { integrationRoutes, type IntegrationRoutesOptions } from './routes.js';
export { PROVIDERS, PROVIDER_IDS, type ProviderId, type ProviderInfo, type ProviderScope } from './providers.js';
export * from './errors.js';
