/* The vault's slice of the configuration, checked at start-up (STYLE §4). */
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { VaultConfig } from './service.js';
import { diskStorage } from './storage-disk.js';
import { s3Storage } from './storage-s3.js';
import type { ObjectStorage } from './storage.js';

export function vaultConfig(config: Config): VaultConfig {
  return {
    urlTtlSeconds: config.PALISADE_VAULT_URL_TTL_SECONDS,
    uploadsPerHour: config.PALISADE_VAULT_UPLOADS_PER_HOUR,
    maxFileBytes: config.PALISADE_VAULT_MAX_FILE_BYTES,
    retentionDays: config.PALISADE_VAULT_RETENTION_DAYS,
    publicUrl: config.PALISADE_PUBLIC_URL,
  };
}

/** The configured object store; S3 without a bucket refuses to start. */
export function storageFromConfig(config: Config): ObjectStorage {
  if (config.PALISADE_STORAGE === 's3') {
    if (!config.PALISADE_S3_BUCKET) throw new TypeError('PALISADE_STORAGE=s3 needs PALISADE_S3_BUCKET');
    return s3Storage({
      bucket: config.PALISADE_S3_BUCKET,
      region: config.PALISADE_S3_REGION,
      endpoint: config.PALISADE_S3_ENDPOINT,
      accessKeyId: config.PALISADE_S3_ACCESS_KEY_ID,
      secretAccessKey: config.PALISADE_S3_SECRET_ACCESS_KEY,
    });
  }
  return diskStorage(config.PALISADE_STORAGE_DIR ?? join(config.PALISADE_DATA_DIR, 'files'));
}
