export type { Mailer, MailMessage, MailerDeps, OutboxMessage } from './mailer.js';
export { createMailer, maskAddress, OUTBOX_RETENTION_MS } from './mailer.js';
export { mailerConfig } from './config.js';
