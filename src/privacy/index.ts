/* Public surface of the privacy module: the person-data registry, a person's export, erasure,
   rights requests, consent and the AI egress guard (docs/privacy.md). */
export { createPrivacy, type Privacy, type PrivacyDeps, type PrivacyConfig, type ExportView, type SelfCaller } from './service.js';
export { privacyRoutes, type PrivacyRoutesOptions } from './routes.js';
export { PERSON_DATA, PERSON_COLUMN, type PersonDataEntry, type ErasureOutcome } from './registry.js';
export { EXPORT_FORMAT, EXPORT_VERSION, type Archive, type ExportManifest } from './export.js';
export { privacyConfig } from './config.js';
export * from './errors.js';
