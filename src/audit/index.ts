/* The audit module's public surface. Appending (appendAudit) is the foundation's contract; the
   rest is tamper evidence (sealer, checkpoints, proofs, verify), retention and anomaly alerts. */
export { appendAudit, PLATFORM_ORG, type AuditEventInput, type RequestSource } from './append.js';
export { createAudit, mountAudit, auditLogName, detectorConfig, type AuditModule, type AuditModuleDeps, type AuditConfig } from './module.js';
export { auditRoutes, type AuditRoutesOptions } from './routes.js';
export type { AuditService, ReadContext, AuditEventView, ProofView, CheckpointView, Page } from './service.js';
export type { Alerting, AlertView, NotifyFn } from './alerts.js';
export type { CheckpointKeys, WrappingKeyring, WrappingKey } from './keys.js';
export type { Sealer, SealRoundResult, SealedEvent } from './sealer.js';
export { verifyAuditLog, storedVerifiers, type VerifyReport, type Problem, type ProblemKind } from './verify.js';
export { parseVerifierKey, openCheckpoint, type NoteVerifier, type Checkpoint } from './note.js';
export { runAuditRetention, type RetentionResult } from './retention.js';
export { canonicalBytes, type AuditRecord } from './canonical.js';
export { recordsByIds } from './repo.js';
export { SIGN_IN_ACTIONS, READ_VERBS, OUTBOUND_PREFIXES, type DetectorName } from './anomalies.js';
export * from './errors.js';
export { auditWrappedKeys } from './keys.js';
