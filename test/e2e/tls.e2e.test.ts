/* PALISADE_TLS_CERT/KEY: HTTPS served directly, TLS 1.2 minimum, HSTS on every response, and
   the plain-HTTP port only redirects to the configured public origin (ENC-1, ENC-2). */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/db.js';
import { startPalisadeProcess } from '../fixtures/palisade-process.js';
import { freePort } from '../../src/db/embedded.js';

let dir = '';
let t: TestDb;
let proc: ChildProcess;
let port = 0;
let redirectPort = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  t = await createTestDb();
  port = await freePort();
  redirectPort = await freePort();
  ({ proc } = await startPalisadeProcess({
    PORT: String(port), DATABASE_URL: t.ownerUrl, PALISADE_LOG_LEVEL: 'warn',
    PALISADE_TLS_CERT: join(dir, 'cert.pem'), PALISADE_TLS_KEY: join(dir, 'key.pem'),
    PALISADE_HTTP_REDIRECT_PORT: String(redirectPort), PALISADE_PUBLIC_URL: `https://localhost:${port}`, PALISADE_DATA_DIR: dir,
  }));
});
afterAll(async () => {
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

function handshake(maxVersion: 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false, minVersion: 'TLSv1', maxVersion }, () => {
      const v = s.getProtocol() ?? '';
      s.end();
      resolve(v);
    });
    s.on('error', reject);
  });
}

describe('TLS', () => {
  it('ENC-2: TLS 1.2 and 1.3 are served; TLS 1.1 is refused', async () => {
    expect(await handshake('TLSv1.3')).toBe('TLSv1.3');
    expect(await handshake('TLSv1.2')).toBe('TLSv1.2');
    await expect(handshake('TLSv1.1')).rejects.toThrow();
  });

  it('ENC-1: HTTPS responses carry HSTS for at least a year with includeSubDomains and preload', async () => {
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      httpsRequest({ host: '127.0.0.1', port, path: '/readyz', servername: 'localhost', rejectUnauthorized: false }, (res) => { res.resume(); resolve(res.headers); }).on('error', reject).end();
    });
    const hsts = String(headers['strict-transport-security']);
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31536000);
    expect(hsts).toContain('includeSubDomains');
    expect(hsts).toContain('preload');
  });

  it('ENC-1: plain HTTP only redirects, to the configured origin (never the Host header)', async () => {
    const res = await new Promise<{ status: number; location: string }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port: redirectPort, path: '/v1/me?x=1', headers: { host: 'evil.example' } }, (r) => { r.resume(); resolve({ status: r.statusCode ?? 0, location: String(r.headers.location) }); }).on('error', reject).end();
    });
    expect(res).toEqual({ status: 301, location: `https://localhost:${port}/v1/me?x=1` });
  });
});
