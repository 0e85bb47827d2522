/* Encrypted backups, restore and drills (docs/backups.md). */
export { createBackups, backupId, type Backups, type BackupDeps, type BackupManifest, type BackupListEntry, type VerifyResult, type ErasuresReapplied } from './service.js';
export { backupConfig, backupStorageFromConfig, type BackupConfig } from './config.js';
export { parseIdentityFile, parseRecipients, recipientOf, isX25519Recipient } from './age.js';
export { snapshotStream, listTables, type SnapshotTrailer, type SnapshotProgress } from './snapshot.js';
export { restoreInto, walkBackup, assertEmptyTarget, type RestoreResult } from './restore.js';
export * from './errors.js';
export { runDrill, lastDrill, type DrillResult, type DrillDeps } from './drill.js';
export { syncErasureLedger, readErasureLedger, type ErasureEntry } from './erasure-ledger.js';
export { mountBackup, type BackupModule, BACKUP_TASK, DRILL_TASK, ERASURE_LEDGER_TASK } from './module.js';
export { REQUEST_TASK, type BackupView, type RequestView } from './requests.js';
