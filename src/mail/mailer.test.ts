/* Header injection into mail (ASVS V1.3.11): a CR/LF in a recipient or a subject must never
   reach a mail header. Sent through a real SMTP server (smtp-server) that keeps the raw message
   and the envelope, so what is checked is what a mail server would see. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Db } from '../db/index.js';
import { systemClock } from '../lib/clock.js';
import { loadConfig } from '../config/load.js';
import { createMailer, headerSafeSubject, type Mailer } from './mailer.js';

interface Received { raw: string; rcpt: string[] }
const received: Received[] = [];
let server: SMTPServer;
let mailer: Mailer;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ raw: Buffer.concat(chunks).toString('utf8'), rcpt: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Palisade <no-reply@palisade.test>', db: {} as Db, logger: pino({ level: 'silent' }), clock: systemClock });
});
afterAll(async () => {
  await mailer?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function headersOf(raw: string): string[] {
  return raw.slice(0, raw.indexOf('\r\n\r\n')).split('\r\n');
}

describe('mail headers', () => {
  it('V1.3.11: CR/LF in a subject (e.g. an organisation name) never starts a header: no Bcc, no extra recipient, one Subject line', async () => {
    const hostile = 'You are invited to join Acme\r\nBcc: thief@evil.example\r\nX-Injected: 1\n\rSubject: second\u2028Reply-To: thief@evil.example';
    await mailer.deliver({ to: 'alice@example.test', subject: hostile, text: 'body\r\nBcc: not-a-header@evil.example' });
    const m = received.at(-1);
    expect(m?.rcpt).toEqual(['alice@example.test']);
    const headers = headersOf(m?.raw ?? '');
    const names = headers.filter((h) => !/^[ \t]/.test(h)).map((h) => h.slice(0, h.indexOf(':')).toLowerCase());
    expect(names).not.toContain('bcc');
    expect(names).not.toContain('x-injected');
    expect(names).not.toContain('reply-to');
    expect(names.filter((n) => n === 'subject')).toHaveLength(1);
    expect(headers.join('\r\n')).not.toMatch(/(^|\r\n)(Bcc|X-Injected|Reply-To):/i);
  });

  it('V1.3.11: a recipient carrying CR/LF, a second address or a display name is refused: nothing is sent', async () => {
    const before = received.length;
    for (const to of [
      'alice@example.test\r\nBcc: thief@evil.example',
      'alice@example.test\nCc: thief@evil.example',
      'alice@example.test, thief@evil.example',
      'Alice <alice@example.test>',
      'alice@example.test\u0000',
      'alice@example.test\u2028Bcc: thief@evil.example',
    ]) {
      await expect(mailer.deliver({ to, subject: 'hello', text: 'x' }), JSON.stringify(to)).rejects.toThrow(TypeError);
    }
    expect(received.length).toBe(before);
  });

  it('V1.3.11: a subject keeps its text with controls turned into spaces', () => {
    expect(headerSafeSubject('Join Acme\r\nBcc: x')).toBe('Join Acme Bcc: x');
    expect(headerSafeSubject('Tab\there\u0085and\u2029there')).toBe('Tab here and there');
  });

  it('V1.3.11: a From setting carrying CR/LF stops start-up', () => {
    expect(() => loadConfig({ PALISADE_MAIL_FROM: 'Palisade <no-reply@x.test>\r\nBcc: thief@evil.example' })).toThrow(/PALISADE_MAIL_FROM/);
    expect(loadConfig({ PALISADE_MAIL_FROM: 'Palisade <no-reply@x.test>' }).PALISADE_MAIL_FROM).toBe('Palisade <no-reply@x.test>');
  });
});
