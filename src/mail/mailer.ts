/* Outgoing mail. With SMTP_URL, messages go over SMTP (nodemailer) with TLS 1.2 as the floor
   whenever TLS is used (smtps://, or STARTTLS on smtp://; add ?requireTLS=true to refuse a
   server without STARTTLS) — claim ENC-2. Without it (development only: production requires
   SMTP_URL), a message cannot be delivered, so it is kept in the outbox table (mail_outbox),
   readable through GET /v1/dev/outbox from this machine, and printed whole to the console of
   `palisade start` (the `console` writer), so a newcomer can follow its link.
   Invariants:
   - Message bodies hold live one-time links, so they never reach a log line: the log records
     the message id, a masked recipient and the subject. The console print is not a log (no
     log pipeline ever sees it) and exists only in development without SMTP. Outbox rows are
     readable only by palisade_system and are deleted once older than the longest token lifetime.
   - No CR, LF or other control character from a recipient or a subject reaches a mail header
     (ASVS V1.3.11): a subject's control characters become spaces (a subject may carry an
     organisation's name), and a recipient must be one plain address, or nothing is sent.
   - Sending never blocks or fails the request that caused it: callers hand messages to
     `deliver` in the background (see identity's task runner), so a slow SMTP server cannot
     change an endpoint's timing (AUTH-5, AUTH-7). A reader of the outbox can wait for a
     message instead (`waitForOutbox`), so it never races the background delivery. */
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
  /** Outbox only: the messages to one address, newest first (dev endpoint, tests); with
      `afterId`, only those kept after that message. */
  readOutbox(to: string, limit: number, afterId?: string): Promise<OutboxMessage[]>;
  /** Outbox only: like readOutbox, but when nothing matches yet, waits until a message to
      that address is kept by this process, the signal aborts, or `maxWaitMs` passes. */
  waitForOutbox(to: string, limit: number, opts: { afterId?: string | undefined; maxWaitMs: number; signal?: AbortSignal }): Promise<OutboxMessage[]>;
  close(): Promise<void>;
}

export interface MailerDeps {
  /** PEM CA bundle for the SMTP server's certificate (SMTP_TLS_CA_FILE); unset: the public CAs. */
  tlsCa?: string | Buffer | undefined;
  smtpUrl?: string | undefined;
  from: string;
  db: Db;
  logger: Logger;
  clock: Clock;
  /** Development without SMTP: where a kept message is printed whole (palisade start: stdout). */
  console?: ((text: string) => void) | undefined;
  /** The outbox's URL, named in the console print (e.g. http://127.0.0.1:3000/v1/dev/outbox). */
  outboxUrl?: string | undefined;
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

/** The console print of a message that could not be sent: whole, with its links easy to see. */
export function consolePrint(message: MailMessage, outboxUrl?: string): string {
  const rule = '─'.repeat(72);
  // A link ends before trailing punctuation, as mail clients read it.
  const links = [...message.text.matchAll(/https?:\/\/\S*[^\s.,;:!?)\]'"]/g)].map((m) => m[0]);
  return [
    rule,
    'Mail not sent (no SMTP_URL is set) — kept here and in the outbox instead.',
    `To:      ${message.to}`,
    `Subject: ${message.subject}`,
    ...links.map((l) => `Link:    ${l}`),
    '',
    ...message.text.split('\n').map((l) => `  ${l}`),
    ...(outboxUrl ? ['', `Also readable from this machine: ${outboxUrl}?to=${encodeURIComponent(message.to)}`] : []),
    rule,
    '',
  ].join('\n');
}

export function createMailer(deps: MailerDeps): Mailer {
  const { db, logger, clock } = deps;
  const log = logger.child({ component: 'mail' });
  let transport: Transporter | null = null;
  if (deps.smtpUrl) {
    // The URL's own options (smtps://, ?requireTLS=true, auth) win over these defaults.
    // The certificate is validated (nodemailer's default, never turned off: the config refuses
    // rejectUnauthorized in SMTP_URL), against tlsCa when a private CA is configured (ASVS V12.3.2).
    transport = nodemailer.createTransport({ url: deps.smtpUrl, tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true, ...(deps.tlsCa ? { ca: deps.tlsCa } : {}) } } as SMTPTransport.Options);
  }

  const waiters = new Set<{ to: string; wake: () => void }>();
  const readOutbox = async (to: string, limit: number, afterId?: string): Promise<OutboxMessage[]> => {
    const rows = await withSystem(db, (tx) => repo.readOutbox(tx, to, limit, afterId));
    return rows.map((r) => ({ id: r.id, to: r.recipient, subject: r.subject, text: r.body, createdAt: r.created_at }));
  };

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
        'mail not sent (no SMTP_URL): printed on the console and kept in the outbox, GET /v1/dev/outbox?to=<address>',
      );
      deps.console?.(consolePrint(message, deps.outboxUrl));
      for (const w of [...waiters]) if (w.to === message.to.toLowerCase()) w.wake();
    },
    readOutbox,
    async waitForOutbox(to, limit, opts) {
      const key = to.toLowerCase();
      let wake = (): void => {};
      const arrived = new Promise<void>((r) => (wake = r));
      // Registered before the first read, so a message kept in between is not missed.
      const waiter = { to: key, wake };
      waiters.add(waiter);
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => wake();
      try {
        const first = await readOutbox(to, limit, opts.afterId);
        if (first.length > 0 || opts.maxWaitMs <= 0) return first;
        timer = setTimeout(wake, opts.maxWaitMs);
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        await arrived;
        return await readOutbox(to, limit, opts.afterId);
      } finally {
        waiters.delete(waiter);
        if (timer) clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
      }
    },
    async close() {
      transport?.close();
    },
  };
}
