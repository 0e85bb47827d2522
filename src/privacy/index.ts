/* Public surface of the privacy module: the person-data registry, a person's export, erasure,
   rights requests, consent and the AI egress guard (docs/privacy.md). */
export { createPrivacy, REQUEST_TYPES, type Privacy, type PrivacyDeps, type PrivacyConfig, type ExportView, type RequestView, type RequestType, type SelfCaller, type TrialChange } from './service.js';
/** Erasure by crypto-shredding (PRIV-2): destroys the person's subject keys in every key chain,
    deletes their plaintext personal rows, keeps audit records under their opaque id (a
    pseudonym). Refuses (erasure_last_admin) while they are an organisation's only admin. */
export { erasePerson, soleAdminOf, type ErasureDeps, type ErasureResult, type EraseOptions } from './erasure.js';
export { privacyRoutes, type PrivacyRoutesOptions } from './routes.js';
export { PERSON_DATA, PERSON_COLUMN, type PersonDataEntry, type ErasureOutcome } from './registry.js';
export { EXPORT_FORMAT, EXPORT_VERSION, type Archive, type ExportManifest } from './export.js';
export { privacyConfig } from './config.js';
export { runRetention, type RetentionRun, type RetentionDeps } from './retention.js';
export * from './errors.js';
export { mountPrivacy } from './module.js';
