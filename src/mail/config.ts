/* The mailer's slice of the configuration, read once at start-up. */
import { readFileSync } from 'node:fs';
import type { Config } from '../config/schema.js';
import type { MailerDeps } from './mailer.js';

/** SMTP settings, the private CA read from SMTP_TLS_CA_FILE, and — outside production — where
    mail that cannot be sent is printed (`console`, palisade start's stdout). */
export function mailerConfig(config: Config, console?: (text: string) => void): Omit<MailerDeps, 'db' | 'logger' | 'clock'> {
  return {
    smtpUrl: config.SMTP_URL,
    from: config.PALISADE_MAIL_FROM,
    tlsCa: config.SMTP_TLS_CA_FILE ? readFileSync(config.SMTP_TLS_CA_FILE) : undefined,
    console: config.PALISADE_ENV === 'production' ? undefined : console,
    outboxUrl: `${config.PALISADE_PUBLIC_URL.replace(/\/+$/, '')}/v1/dev/outbox`,
  };
}
