/* Unexpected errors and backend TLS failures are logged (ASVS V16.3.4): a handler that throws
   answers a bare 500 problem (no message, no stack) and leaves an error line with the request id
   and the error; a mail that cannot be sent because the SMTP server's certificate is not trusted
   leaves an error line naming the certificate failure (the real mailer, a real TLS server). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { createUser } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-errlog-'));
let smtp: SMTPServer;
let app: TestApp;
const delivered: string[] = [];

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  smtp = new SMTPServer({
    secure: true, key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')),
    authOptional: true, disabledCommands: ['AUTH'], logger: false,
    onData(stream, _session, cb) {
      stream.on('data', () => {});
      stream.on('end', () => { delivered.push('mail'); cb(); });
    },
  });
  smtp.on('error', () => {});
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  app = await buildTestApp({
    env: { SMTP_URL: `smtps://localhost:${port}` },
    instrument: (http) => {
      http.get('/v1/test/boom', { config: { access: 'public' }, schema: { hide: true } }, async () => {
        throw new Error('unexpected-failure-7f3a');
      });
    },
  });
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const entries = () => app.logs.flatMap((l) => l.split('\n')).filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('error logging', () => {
  it('V16.3.4: an unexpected error answers a bare 500 problem and is logged at error level with its request id and the error', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/v1/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.body) as { code: string; requestId: string };
    expect(body.code).toBe('internal_error');
    expect(res.body).not.toMatch(/unexpected-failure-7f3a|at .*\.ts:\d+/);
    const line = entries().find((e) => e.level === 50 && JSON.stringify(e).includes('unexpected-failure-7f3a'));
    expect(line, 'an error line for the failure').toBeDefined();
    expect(JSON.stringify(line)).toContain(body.requestId);
  });

  it('V16.3.4: a backend TLS failure (an SMTP certificate no trusted CA signed) is logged at error level, and nothing is delivered', async () => {
    const user = await createUser(app);
    const res = await app.http.inject({ method: 'POST', url: '/v1/auth/password/forgot', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: user.email }) });
    expect(res.statusCode).toBe(202);
    // The mail is sent after the answer; wait for its outcome (a hang guard, not a speed expectation).
    let line: Record<string, unknown> | undefined;
    for (let i = 0; i < 1200 && !line; i++) {
      line = entries().find((e) => e.level === 50 && /certificate|self.signed/i.test(JSON.stringify(e)));
      if (!line) await new Promise((r) => setTimeout(r, 50));
    }
    expect(line, 'an error line naming the certificate failure').toBeDefined();
    expect(delivered).toEqual([]);
  });
});
