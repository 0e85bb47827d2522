/* The privacy module's slice of the configuration (STYLE §4). */
import type { Config } from '../config/schema.js';
import type { PrivacyConfig } from './service.js';

export function privacyConfig(config: Config): PrivacyConfig {
  return { exportHours: config.PALISADE_PRIVACY_EXPORT_HOURS, requestDays: config.PALISADE_PRIVACY_REQUEST_DAYS, publicUrl: config.PALISADE_PUBLIC_URL,
    reminderDays: config.PALISADE_PRIVACY_REMINDER_DAYS, erasureDelayHours: config.PALISADE_PRIVACY_ERASURE_DELAY_HOURS,
    trialGraceDays: config.PALISADE_PRIVACY_TRIAL_GRACE_DAYS, notificationDays: config.PALISADE_PRIVACY_NOTIFICATION_DAYS };
}
