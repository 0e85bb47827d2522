/* Errors of the crypto module. Messages are safe to show a client and never contain key
   material, plaintext, or the sensitive value that triggered them (AUD-6, DLP-1). */
import { defineError, PalisadeError, registerErrorCodes } from '../lib/errors.js';

export type DecryptionFailureReason =
  | 'malformed' // not a Palisade envelope, or truncated
  | 'unsupported_version' // a format version this build does not read
  | 'authentication' // tag mismatch: tampered bytes, wrong key, or moved to another org/table/column/row
  | 'key_mismatch'; // the envelope names a different key than the one supplied

/** A ciphertext failed authentication or could not be parsed. Never returns garbage. */
export class DecryptionFailed extends PalisadeError {
  readonly code = 'decryption_failed' as const;
  readonly status = 500;
  constructor(readonly reason: DecryptionFailureReason, detail?: Record<string, unknown>) {
    super('Stored data could not be decrypted', { reason, ...detail });
  }
}

/** The data key was destroyed (crypto-shredding): everything under it is gone for good. */
export const KeyDestroyed = defineError('crypto', 'key_destroyed', 410, 'This data was erased: its encryption key has been destroyed');
export type KeyDestroyed = InstanceType<typeof KeyDestroyed>;

/** An envelope names a data key this organisation does not have. */
export const KeyNotFound = defineError('crypto', 'key_not_found', 500, 'Stored data could not be decrypted');
export type KeyNotFound = InstanceType<typeof KeyNotFound>;

/** A data key is wrapped under a key-encryption key this node is not configured with. */
export const KekUnavailable = defineError('crypto', 'kek_unavailable', 500, 'A key-encryption key needed to read stored data is not configured');

/** The local KEK file is readable by group/other, not a regular file, or not ours. */
export class KekFileInsecure extends PalisadeError {
  readonly code = 'kek_file_insecure' as const;
  readonly status = 500;
}

/** A KEK value (env variable or file content) is not 32 bytes of base64. */
export class KekInvalid extends PalisadeError {
  readonly code = 'kek_invalid' as const;
  readonly status = 500;
}

/** The local KEK would sit inside the data directory (production), or an install still keeps it
    there and has not moved it yet: a copy of the data directory must never carry its key. */
export class KekInDataDir extends PalisadeError {
  readonly code = 'kek_in_data_dir' as const;
  readonly status = 500;
}

export type SensitiveKind = 'pan' | 'cvv' | 'iban' | 'aba_routing' | 'bank_account';

/** A request body carried card or bank data (DLP-1..3). Names JSON paths, never the value. */
export class SensitiveDataRefused extends PalisadeError {
  readonly code = 'sensitive_data_refused' as const;
  readonly status = 422;
  constructor(readonly findings: ReadonlyArray<{ path: string; kind: SensitiveKind }>) {
    super(
      `Palisade does not accept payment card or bank account data; remove it from: ${findings
        .map((f) => `${f.path} (${KIND_LABEL[f.kind]})`)
        .join(', ')}`,
      { findings: findings.map((f) => ({ path: f.path, kind: f.kind })) },
    );
  }
}

const KIND_LABEL: Record<SensitiveKind, string> = {
  pan: 'card number',
  cvv: 'card security code',
  iban: 'IBAN',
  aba_routing: 'routing number',
  bank_account: 'bank account number',
};

registerErrorCodes('crypto', {
  decryption_failed: 500,
  kek_file_insecure: 500,
  kek_invalid: 500,
  kek_in_data_dir: 500,
  sensitive_data_refused: 422,
});
