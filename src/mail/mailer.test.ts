/* Header injection into mail (ASVS V1.3.11): a CR/LF in a recipient or a subject must never
   reach a mail header. Sent through a real SMTP server (smtp-server) that keeps the raw message
   and the envelope, so what is checked is what a mail server would see. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Db } from '../db/index.js';
import { systemClock } from '../lib/clock.js';
import { loadConfig } from '../config/load.js';
import { startSmtpSink, type Mail, type SmtpSink } from '../../test/fixtures/smtp.js';
import { createMailer, headerSafeSubject, type Mailer } from './mailer.js';

let server: SmtpSink;
let received: Mail[] = [];
let mailer: Mailer;

beforeAll(async () => {
  server = await startSmtpSink();
  received = server.messages;
  mailer = createMailer({ smtpUrl: server.url, from: 'Palisade <no-reply@palisade.test>', db: {} as Db, logger: pino({ level: 'silent' }), clock: systemClock });
});
afterAll(async () => {
  await mailer?.close();
  await server.close();
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

/* TLS to the SMTP server (ASVS V12.3.1, V12.3.2): smtps:// to a server whose certificate is signed
   by no trusted CA is refused before any message is sent; trusting its CA (SMTP_TLS_CA_FILE)
   makes it work, and the host name must still match; validation cannot be turned off. */
describe('SMTP over TLS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-smtp-tls-'));
  let tlsServer: SMTPServer;
  let tlsPort = 0;
  const got: string[] = [];
  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    tlsServer = new SMTPServer({
      secure: true, key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')),
      authOptional: true, disabledCommands: ['AUTH'], logger: false,
      onData(stream, _session, cb) {
        stream.on('data', () => {});
        stream.on('end', () => { got.push('mail'); cb(); });
      },
    });
    tlsServer.on('error', () => {});
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    tlsPort = (tlsServer.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });
  const mailerFor = (host: string, tlsCa?: Buffer) =>
    createMailer({ smtpUrl: `smtps://${host}:${tlsPort}`, from: 'Palisade <no-reply@palisade.test>', db: {} as Db, logger: pino({ level: 'silent' }), clock: systemClock, tlsCa });

  it('SMTP half of V12.3.1 and V12.3.2: a certificate no trusted CA signed is refused and nothing is sent; trusting its CA delivers; a wrong host name is refused even then', async () => {
    const untrusted = mailerFor('localhost');
    await expect(untrusted.deliver({ to: 'a@example.test', subject: 's', text: 't' })).rejects.toThrow(/self.signed|certificate/i);
    await untrusted.close();
    expect(got).toEqual([]);
    const ca = readFileSync(join(dir, 'cert.pem'));
    const trusted = mailerFor('localhost', ca);
    await trusted.deliver({ to: 'a@example.test', subject: 's', text: 't' });
    await trusted.close();
    expect(got).toEqual(['mail']);
    const wrongName = mailerFor('127.0.0.1', ca);
    await expect(wrongName.deliver({ to: 'a@example.test', subject: 's', text: 't' })).rejects.toThrow(/altnames|hostname|IP/i);
    await wrongName.close();
    expect(got).toEqual(['mail']);
  });

  it('SMTP half of V12.3.2: SMTP_URL cannot turn certificate validation off', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtps://mail.example.test:465/?tls.rejectUnauthorized=false' })).toThrow(/SMTP_URL/);
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.test:465', SMTP_TLS_CA_FILE: '/etc/ssl/private-ca.pem' }).SMTP_TLS_CA_FILE).toBe('/etc/ssl/private-ca.pem');
  });
});

