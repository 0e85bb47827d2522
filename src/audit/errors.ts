import { defineError, PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** The record exists but no checkpoint covers it yet (the sealer runs every second or so). */
export const AuditNotSealed = defineError('audit', 'audit_not_sealed', 409, 'The record is not sealed into a checkpoint yet; retry in a few seconds');

/** A tree size that no checkpoint of this organisation has, or sizes out of order. */
export class AuditTreeSizeInvalid extends PalisadeError {
  readonly code = 'audit_tree_size_invalid' as const;
  readonly status = 400;
}

registerErrorCodes('audit', {
  audit_tree_size_invalid: 400,
});
