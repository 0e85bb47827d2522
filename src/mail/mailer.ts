/* Outgoing mail. With SMTP_URL, messages go over SMTP (nodemailer) with TLS 1.2 as the floor
   whenever TLS is used (smtps://, or STARTTLS on smtp://; add ?requireTLS=true to refuse a
   server without STARTTLS) — claim ENC-2. Without it, messages go to the development outbox
   table (mail_outbox), readable through the dev-only endpoint (PALISADE_DEV_MODE=1).
   Invariants:
   - Message bodies hold live one-time links, so they never reach a log line: the log records
     the message id, a masked recipient and the subject. Outbox rows are readable only by
     palisade_system and are deleted once older than the longest token lifetime.
   - No CR, LF or other control character from a recipient or a subject reaches a mail header
     (ASVS V1.3.11): a subject's control characters become spaces (a subject may carry an
     organisation's name), and a recipient must be one plain address, or nothing is sent.
   - Sending never blocks or fails the request that caused it: callers hand messages to
     `deliver` in the background (see identity's task runner), so a slow SMTP server cannot
     change an endpoint's timing (AUTH-5, AUTH-7). */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Logger } from 'pino';
import type { Db } from '../db/index.js';
import { withSystem } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import * as repo from './repo.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface OutboxMessage extends MailMessage {
  id: string;
  createdAt: Date;
}

export interface Mailer {
  /** 'smtp' or 'outbox'. */
  readonly mode: 'smtp' | 'outbox';
  deliver(message: MailMessage): Promise<void>;
  /** Outbox only: the messages to one address, newest first (dev endpoint, tests). */
  readOutbox(to: string, limit: number): Promise<OutboxMessage[]>;
  close(): Promise<void>;
}

export interface MailerDeps {
  smtpUrl?: string | undefined;
  from: string;
  db: Db;
  logger: Logger;
  clock: Clock;
}

/** The outbox keeps a message no longer than the longest-lived link it can hold (7 days). */
export const OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** "alice@example.com" → "a***@example.com": enough to follow a delivery in the log. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

// Controls (C0, DEL, C1) and the Unicode line and paragraph separators.
const HEADER_BREAKERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** One addr-spec and nothing else: no display name, no list, no brackets, no controls. */
const PLAIN_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;

/** A subject safe for a header: controls replaced by spaces, runs of spaces collapsed. */
export function headerSafeSubject(subject: string): string {
  return subject.replace(HEADER_BREAKERS, ' ').replace(/ {2,}/g, ' ').trim().slice(0, 250);
}

/** Throws unless `to` is one plain address (validated upstream; this is the last wall). */
export function assertPlainRecipient(to: string): void {
  if (!PLAIN_ADDRESS.test(to) || to.replace(HEADER_BREAKERS, '') !== to) throw new TypeError('mail recipient is not one plain address');
}

export function createMailer(deps: MailerDeps): Mailer {
  const { db, logger, clock } = deps;
  const log = logger.child({ component: 'mail' });
  let transport: Transporter | null = null;
  if (deps.smtpUrl) {
    // The URL's own options (smtps://, ?requireTLS=true, auth) win over these defaults.
    transport = nodemailer.createTransport({ url: deps.smtpUrl, tls: { minVersion: 'TLSv1.2' } } as SMTPTransport.Options);
  }

  return {
    mode: transport ? 'smtp' : 'outbox',
    async deliver(original) {
      assertPlainRecipient(original.to);
      const message = { ...original, subject: headerSafeSubject(original.subject) };
      const id = newId('mail');
      if (transport) {
        await transport.sendMail({ from: deps.from, to: message.to, subject: message.subject, text: message.text, messageId: `<${id}@palisade>` });
        log.info({ mailId: id, to: maskAddress(message.to), subject: message.subject }, 'mail sent');
        return;
      }
      const now = clock.now();
      await withSystem(db, async (tx) => {
        await repo.pruneOutbox(tx, new Date(now.getTime() - OUTBOX_RETENTION_MS));
        await repo.insertOutbox(tx, { id, recipient: message.to, subject: message.subject, body: message.text, created_at: now });
      });
      log.info(
        { code: 'PAL_DEV_OUTBOX', mailId: id, to: maskAddress(message.to), subject: message.subject },
        'mail kept in the development outbox (no SMTP_URL); read it with GET /v1/dev/outbox?to=<address> in dev mode',
      );
    },
    async readOutbox(to, limit) {
      const rows = await withSystem(db, (tx) => repo.readOutbox(tx, to, limit));
      return rows.map((r) => ({ id: r.id, to: r.recipient, subject: r.subject, text: r.body, createdAt: r.created_at }));
    },
    async close() {
      transport?.close();
    },
  };
}
