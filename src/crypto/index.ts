/* Public surface of the crypto module: envelope format, KEK providers, keyring, DLP. */
export {
  ENVELOPE_FORMAT_VERSION,
  parseHeader,
  type EnvelopeContext,
  type EnvelopeHeader,
  type KeyRef,
} from './aead.js';
export {
  envKekSet,
  fileKekSet,
  kmsKekProvider,
  localKekProvider,
  rotateKekFile,
  retirePreviousKekFiles,
  moveKekFiles,
  staticKekSet,
  KEK_FILE,
  type KekProvider,
  type KekSet,
  type KmsClient,
} from './kek.js';
export {
  /** Walks a parsed JSON body; returns `{ path, kind, maskable }` findings, never values. */
  findSensitive,
  /** The HTTP door: throws SensitiveDataRefused (422) or returns the body with opted-in text masked. */
  enforceNoSensitiveData,
  /** For the log redactor: replaces card numbers, IBANs and marked bank numbers with `[redacted:<kind>]`. */
  scrubText,
  maskToLast4,
  scanText,
  luhnValid,
  type FindOptions,
  type SensitiveFinding,
  type SensitiveKind,
} from './dlp.js';
export {
  createKeyring,
  type EncryptedColumn,
  type FieldRef,
  type KeyInfo,
  type Keyring,
  type KeyringDeps,
  type NodeKeyring,
  KEY_DESTROYED_CHANNEL,
  type Progress,
} from './keyring.js';
export { cryptoConfig, kekSetFromConfig, checkKekPlacement, defaultKekDir, isInside, type CryptoConfig } from './config.js';
export * from './errors.js';
