/* Mail without SMTP, out of the box: outside production, a message that cannot be sent is
   printed on the console and kept in an outbox that only this machine can read; a reader can
   wait for it (no race with the background delivery). In production there is no outbox and no
   console mail, and start-up refuses to run without SMTP. Claims AUTH-5 (the outbox does not
   change sign-up's answer), AUD-6 (the link never reaches a log line). */
import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { loadConfig, ConfigError } from '../../src/config/load.js';
import { isLocalRequest } from '../../src/identity/routes.js';
import { consolePrint } from '../../src/mail/mailer.js';
import { Client, goodPassword, listen, startSmtpSink } from './identity-helpers.js';

let app: TestApp;
let base = '';
const printed: string[] = [];

beforeAll(async () => {
  app = await buildTestApp({ mailConsole: (t) => printed.push(t) });
  base = await listen(app);
});
afterAll(async () => {
  await app?.close();
});

const outbox = (query: string) => fetch(`${base}/v1/dev/outbox?${query}`);
/** node:http, not fetch: fetch does not let a caller set Host. */
function outboxWith(query: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${base}/v1/dev/outbox?${query}`);
    httpGet({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('mail without SMTP (development, the default)', () => {
  it('a sign-up mail is printed on the console with its link, and the long-polling outbox returns it without a race', async () => {
    const email = 'newcomer.one@example.com';
    const c = new Client(base);
    // The read starts before the sign-up: it must wait for the mail, not answer an empty list.
    const read = outbox(`to=${encodeURIComponent(email)}&wait=60`);
    expect((await c.req('POST', '/v1/auth/sign-up', { email, password: goodPassword() })).status).toBe(202);
    const items = ((await (await read).json()) as { items: Array<{ id: string; subject: string; text: string }> }).items;
    expect(items).toHaveLength(1);
    const link = /http:\/\/127\.0\.0\.1:3000\/verify-email#token=pev_[A-Za-z0-9_-]+/.exec(items[0]?.text ?? '')?.[0];
    expect(link).toBeDefined();
    const print = printed.find((p) => p.includes(email)) ?? '';
    expect(print).toContain(`Link:    ${link}`);
    expect(print).toContain('Mail not sent (no SMTP_URL is set)');
    expect(print).toContain(`http://127.0.0.1:3000/v1/dev/outbox?to=${encodeURIComponent(email)}`);
    // AUD-6: the log says where the mail went, never its link.
    const token = link?.split('#token=')[1] ?? '';
    expect(app.logs.some((l) => l.includes('PAL_DEV_OUTBOX'))).toBe(true);
    expect(app.logs.some((l) => l.includes(token))).toBe(false);
  });

  it('`after` returns only later mail, and waits for it', async () => {
    const email = 'newcomer.two@example.com';
    const c = new Client(base);
    const first = outbox(`to=${encodeURIComponent(email)}&wait=60`);
    await c.req('POST', '/v1/auth/sign-up', { email, password: goodPassword() });
    const [mail] = ((await (await first).json()) as { items: Array<{ id: string }> }).items;
    expect(mail?.id).toMatch(/^mail_/);
    const second = outbox(`to=${encodeURIComponent(email)}&wait=60&after=${mail?.id ?? ''}`);
    await c.req('POST', '/v1/auth/sign-up', { email, password: goodPassword() }); // a second confirmation mail
    const later = ((await (await second).json()) as { items: Array<{ id: string }> }).items;
    expect(later.map((m) => m.id)).not.toContain(mail?.id);
    expect(later).toHaveLength(1);
    // Without wait, an address with no mail answers at once with an empty list.
    expect(((await (await outbox('to=nobody%40example.com')).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('the outbox refuses a request that is not from this machine to a loopback name, through no proxy', async () => {
    const to = 'to=newcomer.one%40example.com';
    for (const headers of [{ host: 'rebound.example:3000' }, { 'x-forwarded-for': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }, { 'x-real-ip': '203.0.113.9' }]) {
      const r = await outboxWith(to, headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect((JSON.parse(r.body) as { code: string }).code).toBe('outbox_local_only');
      expect(r.body).not.toContain('#token=');
    }
    expect((await outboxWith(to, { host: 'localhost:3000' })).status).toBe(200);
    // The peer address: a request from another machine is refused whatever its Host says.
    const fake = (remoteAddress: string, headers: Record<string, string>) => ({ raw: { socket: { remoteAddress } }, headers }) as unknown as FastifyRequest;
    expect(isLocalRequest(fake('192.0.2.7', { host: '127.0.0.1:3000' }))).toBe(false);
    expect(isLocalRequest(fake('::ffff:10.0.0.2', { host: 'localhost' }))).toBe(false);
    expect(isLocalRequest(fake('127.0.0.1', { host: '127.0.0.1:3000' }))).toBe(true);
    expect(isLocalRequest(fake('::ffff:127.0.0.1', { host: '[::1]:3000' }))).toBe(true);
    expect(isLocalRequest(fake('::1', { host: 'localhost.evil.example' }))).toBe(false);
    expect(isLocalRequest(fake('::1', {}))).toBe(false);
  });

  it('PALISADE_DEV_MODE=1 opens the outbox to any client', async () => {
    const dev = await buildTestApp({ testDb: app.testDb, env: { PALISADE_DEV_MODE: '1' } });
    try {
      const devBase = await listen(dev);
      const u = new URL(devBase);
      const status = await new Promise<number>((resolve, reject) => {
        httpGet({ host: u.hostname, port: u.port, path: '/v1/dev/outbox?to=newcomer.one%40example.com', headers: { host: 'devbox.lan:3000', 'x-forwarded-for': '192.0.2.7' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      expect(status).toBe(200);
    } finally {
      await dev.close();
    }
  });

  it('the console print carries the whole message and every link', () => {
    const p = consolePrint({ to: 'a@example.com', subject: 'S', text: 'Open http://x.test/a#token=1 or https://x.test/b.\nBye' }, 'http://127.0.0.1:3000/v1/dev/outbox');
    expect(p).toContain('Link:    http://x.test/a#token=1');
    expect(p).toContain('Link:    https://x.test/b\n'); // not the sentence's full stop
    expect(p).toContain('  Bye');
    expect(p).toContain('http://127.0.0.1:3000/v1/dev/outbox?to=a%40example.com');
  });
});

describe('production', () => {
  it('start-up refuses to run without SMTP, or with dev mode', () => {
    expect(() => loadConfig({ PALISADE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ PALISADE_ENV: 'production', PALISADE_DEV_MODE: '1' });
    } catch (e) {
      expect((e as ConfigError).problems.join('\n')).toMatch(/SMTP_URL: required with PALISADE_ENV=production/);
      expect((e as ConfigError).problems.join('\n')).toMatch(/PALISADE_DEV_MODE: not allowed/);
    }
    expect(loadConfig({ PALISADE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:2525' }).PALISADE_ENV).toBe('production');
  });

  it('has no outbox route and prints no mail, even from loopback', async () => {
    const smtp = await startSmtpSink();
    const printedHere: string[] = [];
    const prod = await buildTestApp({ testDb: app.testDb, env: { PALISADE_ENV: 'production', SMTP_URL: smtp.url }, mailConsole: (t) => printedHere.push(t) });
    try {
      const b = await listen(prod);
      expect((await fetch(`${b}/v1/dev/outbox?to=prod%40example.com`)).status).toBe(404);
      const openapi = (await (await fetch(`${b}/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(openapi.paths)).not.toContain('/v1/dev/outbox');
      await new Client(b).req('POST', '/v1/auth/sign-up', { email: 'prod@example.com', password: goodPassword() });
      await smtp.waitFor((m) => m.to.includes('prod@example.com'));
      expect(printedHere).toEqual([]);
    } finally {
      await prod.close();
      await smtp.close();
    }
  });
});
