/* The backup module's slice of the configuration (STYLE §4). */
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { diskStorage, s3Storage, type ObjectStorage } from '../vault/index.js';
import { parseRecipients } from './age.js';

export interface BackupConfig {
  recipients: string[];
  retentionDays: number;
  maxAgeHours: number;
  drillIdentityFile: string | undefined;
  backupCron: string;
  drillCron: string;
}

export function backupConfig(config: Config): BackupConfig {
  return {
    recipients: parseRecipients(config.PALISADE_BACKUP_RECIPIENTS),
    retentionDays: config.PALISADE_BACKUP_RETENTION_DAYS,
    maxAgeHours: config.PALISADE_BACKUP_MAX_AGE_HOURS,
    drillIdentityFile: config.PALISADE_BACKUP_DRILL_IDENTITY_FILE,
    backupCron: config.PALISADE_BACKUP_CRON,
    drillCron: config.PALISADE_BACKUP_DRILL_CRON,
  };
}

/** The backup store: a directory of its own, or a bucket of its own (never the vault's). */
export function backupStorageFromConfig(config: Config): ObjectStorage {
  if (config.PALISADE_BACKUP_STORAGE === 's3') {
    if (!config.PALISADE_BACKUP_S3_BUCKET) throw new TypeError('PALISADE_BACKUP_STORAGE=s3 needs PALISADE_BACKUP_S3_BUCKET');
    return s3Storage({
      bucket: config.PALISADE_BACKUP_S3_BUCKET,
      region: config.PALISADE_S3_REGION,
      endpoint: config.PALISADE_S3_ENDPOINT,
      accessKeyId: config.PALISADE_S3_ACCESS_KEY_ID,
      secretAccessKey: config.PALISADE_S3_SECRET_ACCESS_KEY,
    });
  }
  return diskStorage(config.PALISADE_BACKUP_DIR ?? join(config.PALISADE_DATA_DIR, 'backups'));
}
