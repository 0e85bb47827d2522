/* Errors of backups and restores. Messages are safe to show an operator (CLI) or a platform
   operator (HTTP); they never contain backup contents, only ids, table names and reasons. */
import { defineError, PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** The backup's bytes do not match its manifest (checksum, size, frame, trailer): corrupted or truncated. */
export class BackupCorrupt extends PalisadeError {
  readonly code = 'backup_corrupt' as const;
  readonly status = 422;
  constructor(reason: string, detail?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(`The backup is corrupted or truncated: ${reason}`, detail, options);
  }
}

/** The identity given cannot open this backup: it was encrypted to other recipients. */
export class BackupWrongIdentity extends PalisadeError {
  readonly code = 'backup_wrong_identity' as const;
  readonly status = 422;
  constructor(recipients: readonly string[], identityRecipient: string | null) {
    super(
      `This backup was encrypted to ${recipients.join(', ') || 'unknown recipients'}; the identity given${identityRecipient ? ` (${identityRecipient})` : ''} is not one of them`,
      { recipients, identityRecipient },
    );
  }
}

/** The backup's schema (its list of migrations) is not a prefix of this build's migrations. */
export class BackupSchemaMismatch extends PalisadeError {
  readonly code = 'backup_schema_mismatch' as const;
  readonly status = 422;
  constructor(reason: string, detail?: Record<string, unknown>) {
    super(`The backup's schema does not match this Palisade build: ${reason}`, detail);
  }
}

/** Restore only writes into an empty database. */
export const RestoreTargetNotEmpty = defineError('backup', 'restore_target_not_empty', 409, 'The target database is not empty; restore only into a new, empty database');

/** The backup store could not be listed (a disk or bucket fault, not the request's): the cause goes to the log. */
export const BackupStoreUnavailable = defineError('backup', 'backup_store_unavailable', 503, 'The backup store cannot be read right now; the server log has the reason');

/** No backup recipients are configured (PALISADE_BACKUP_RECIPIENTS). */
export const BackupNotConfigured = defineError('backup', 'backup_not_configured', 409, 'Backups need PALISADE_BACKUP_RECIPIENTS (age X25519 public keys)');

registerErrorCodes('backup', {
  backup_corrupt: 422,
  backup_wrong_identity: 422,
  backup_schema_mismatch: 422,
});
