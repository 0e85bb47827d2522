/* Public surface of the tenant file vault: collections, files, signed URLs, storage adapters,
   the streaming file format and the retention job. */
export { createVault, type Vault, type VaultDeps, type VaultConfig, type VaultCaller, type FileView, type CollectionView } from './service.js';
export { vaultRoutes } from './routes.js';
export { diskStorage } from './storage-disk.js';
export { s3Storage, type S3StorageOptions } from './storage-s3.js';
export { objectKey, orgPrefix, type ObjectStorage } from './storage.js';
export { createEncryptStream, createDecryptStream, STREAM_FORMAT_VERSION } from './stream-format.js';
export { vaultConfig, storageFromConfig } from './config.js';
export { scheduleVaultRetention, RETENTION_TASK } from './retention.js';
export * from './errors.js';
export { mountVault } from './module.js';
