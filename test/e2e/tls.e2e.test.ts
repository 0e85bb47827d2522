/* PALISADE_TLS_CERT/KEY: HTTPS served directly, TLS 1.2 minimum, HSTS on every response, and
   the plain-HTTP port redirects pages to the configured public origin and refuses the API
   (ENC-1, ENC-2; ASVS V4.1.2). */
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

  it('V12.1.2 ENC-2: only AEAD suites with forward secrecy are served; CBC, RSA key exchange and NULL/export suites are refused', async () => {
    const offer = (ciphers: string) => new Promise<string>((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false, maxVersion: 'TLSv1.2', ciphers }, () => {
        const name = s.getCipher().name;
        s.end();
        resolve(name);
      });
      s.on('error', reject);
    });
    expect(await offer('ECDHE-ECDSA-AES128-GCM-SHA256')).toBe('ECDHE-ECDSA-AES128-GCM-SHA256');
    for (const weak of ['ECDHE-ECDSA-AES128-SHA', 'ECDHE-ECDSA-AES256-SHA384', 'AES128-GCM-SHA256', 'AES256-SHA', 'DES-CBC3-SHA']) {
      await expect(offer(weak), weak).rejects.toThrow();
    }
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

  it('V3.4.1 ENC-1: every HTTPS answer carries HSTS — pages, the API, refusals, validation failures and unknown paths', async () => {
    const get = (method: string, path: string, body?: string) => new Promise<{ status: number; hsts: unknown }>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port, path, method, servername: 'localhost', rejectUnauthorized: false, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => { res.resume(); resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] }); });
      req.on('error', reject);
      req.end(body);
    });
    const answers = await Promise.all([
      get('GET', '/healthz'), get('GET', '/trust.json'), get('GET', '/openapi.json'), get('GET', '/v1/me'), get('GET', '/v1/nowhere'),
      get('GET', '/.env'), get('POST', '/v1/auth/sign-in', '{"email":1}'), get('POST', '/v1/auth/sign-in', '{'), get('DELETE', '/v1/org'),
    ]);
    expect(answers.filter((a) => a.status >= 400).length).toBeGreaterThanOrEqual(5);
    for (const a of answers) expect(a.hsts).toBe('max-age=63072000; includeSubDomains; preload');
  });

  it('ENC-1 ENC-2 TRUST-1: the trust page shows HTTPS with HSTS and the TLS 1.2 minimum in force, by a live check of this listener', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      httpsRequest({ host: '127.0.0.1', port, path: '/trust.json', servername: 'localhost', rejectUnauthorized: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      }).on('error', reject).end();
    });
    const claims = (JSON.parse(body) as { claims: Array<{ id: string; status: string; check: { detail: string } | null }> }).claims;
    const enc1 = claims.find((c) => c.id === 'ENC-1');
    const enc2 = claims.find((c) => c.id === 'ENC-2');
    expect(enc1?.status, enc1?.check?.detail).toBe('in_force');
    expect(enc1?.check?.detail).toContain('max-age=63072000; includeSubDomains; preload');
    expect(enc2?.status, enc2?.check?.detail).toBe('in_force');
    expect(enc2?.check?.detail).toMatch(/negotiated TLSv1\.[23] and refused TLS 1\.1/);
  });

  it('ENC-1 V4.1.2: on the plain-HTTP port pages redirect to the configured origin (never the Host header); the API is refused with https_required, never redirected', async () => {
    const plain = (path: string, headers: Record<string, string>) => new Promise<{ status: number; location: string | undefined; type: string | undefined; cache: string | undefined; body: string }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port: redirectPort, path, headers: { host: 'evil.example', ...headers } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, location: r.headers.location, type: r.headers['content-type'], cache: r.headers['cache-control'], body: Buffer.concat(chunks).toString('utf8') }));
      }).on('error', reject).end();
    });
    const page = await plain('/trust?x=1', {});
    expect(page.status).toBe(301);
    expect(page.location).toBe(`https://localhost:${port}/trust?x=1`);
    for (const [path, headers] of [
      ['/v1/me?x=1', { cookie: '__Host-palisade_session=eyJhbGciOiJFZERTQSJ9.e30.c2ln' }],
      ['/v1/org/members', { authorization: 'Bearer pal_live_something' }],
      ['/v1/auth/sign-in', {}],
      ['/v1', {}],
    ] as const) {
      const api = await plain(path, headers);
      expect(api.status, path).toBe(403);
      expect(api.location, path).toBeUndefined();
      expect(api.type).toBe('application/problem+json');
      expect(api.cache).toBe('no-store');
      expect(JSON.parse(api.body)).toMatchObject({ status: 403, code: 'https_required' });
    }
  });
});
