/* The SSRF guard's edges (issue 21: survivors of the `ssrf` Stryker group): the registration-time
   check refuses IP literals before any connection (brackets, every reason named), the allow-list
   matches by address family and never throws on a mixed one, and the request itself keeps its
   limits exactly (the size limit at its byte, the default limit, the content length it sends, the
   failure it reports). Real HTTP receivers on loopback. Claim WH-4. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertOutboundUrl, closeOutboundAgents, isAddressAllowed, OutboundBlocked, OutboundFailed, parseAllowList, safeRequest, type LookupFn } from './index.js';
import { isAllowEntry } from './ssrf.js';

interface Seen { method: string; headers: IncomingHttpHeaders; body: Buffer }
let server: Server;
let port: number;
let closedPort: number;
let tls: TlsServer;
let tlsPort: number;
let tlsHits = 0;
const tlsDir = mkdtempSync(join(tmpdir(), 'palisade-ssrf-tls-'));
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(parts) });
      const size = /^\/bytes\/(\d+)$/.exec(req.url ?? '');
      if (req.url === '/reset') {
        // Promises 1000 bytes, sends 10, then drops the connection.
        res.writeHead(200, { 'content-length': '1000' });
        res.write(Buffer.alloc(10, 97), () => setImmediate(() => res.socket?.destroy()));
        return;
      }
      if (req.url === '/silent') return; // never answers
      if (size) res.writeHead(200).end(Buffer.alloc(Number(size[1]), 97));
      else res.writeHead(201, { 'x-reply': 'yes', 'content-type': 'text/plain; charset=utf-8' }).end('héllo');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  // A TLS receiver whose certificate no public CA signed (openssl, as CI installs it).
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(tlsDir, 'key.pem'), '-out', join(tlsDir, 'cert.pem')], { stdio: 'ignore' });
  tls = createTlsServer({ key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) }, (_req, res) => {
    tlsHits++;
    res.end('secret');
  });
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  tlsPort = (tls.address() as AddressInfo).port;
});

afterAll(async () => {
  closeOutboundAgents();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  tls.closeAllConnections();
  await new Promise<void>((resolve) => tls.close(() => resolve()));
  rmSync(tlsDir, { recursive: true, force: true });
});

const ALLOW = ['127.0.0.1'];
function blockedReason(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OutboundBlocked);
    return (e as OutboundBlocked).detail?.reason;
  }
  throw new Error('not refused');
}

describe('SSRF guard edges (WH-4)', () => {
  it('WH-4: an endpoint URL naming a non-public IP literal is refused when it is registered, before any connection, with or without brackets', () => {
    for (const url of ['http://[::1]/', 'https://[fd00:ec2::254]/latest', 'http://[::ffff:127.0.0.1]/', 'http://127.0.0.1/', 'http://[fe80::1]/', 'http://10.0.0.1:8080/']) {
      expect(blockedReason(() => assertOutboundUrl(url)), url).toBe('address');
    }
    expect(blockedReason(() => assertOutboundUrl(new URL('http://[::1]:9/')))).toBe('address');
    // Public literals and names pass this check (a name's addresses are checked when it connects).
    expect(assertOutboundUrl('https://[2606:4700::1111]/in').hostname).toBe('[2606:4700::1111]');
    expect(assertOutboundUrl('https://93.184.215.14/in').href).toBe('https://93.184.215.14/in');
    const u = new URL('https://hooks.example.com/x');
    expect(assertOutboundUrl(u)).toBe(u);
    // The allow-list lets a literal through at registration too.
    expect(assertOutboundUrl('http://[::1]:9/', ['::1']).port).toBe('9');
  });

  it('WH-4: each refusal of a URL names its reason: not a URL, scheme, credentials (user or password alone), localhost', () => {
    expect(blockedReason(() => assertOutboundUrl('::not a url'))).toBe('not a URL');
    expect(blockedReason(() => assertOutboundUrl('ws://hooks.example.com/'))).toBe('scheme');
    expect(blockedReason(() => assertOutboundUrl('http://user@hooks.example.com/'))).toBe('credentials in URL');
    expect(blockedReason(() => assertOutboundUrl('http://:secret@hooks.example.com/'))).toBe('credentials in URL');
    expect(blockedReason(() => assertOutboundUrl('http://LocalHost:8080/'))).toBe('localhost');
    expect(blockedReason(() => assertOutboundUrl('http://api.localhost/'))).toBe('localhost');
    // localhost is loopback: allowed exactly when 127.0.0.1 is.
    expect(assertOutboundUrl('http://localhost:8080/', ALLOW).hostname).toBe('localhost');
    expect(assertOutboundUrl('http://api.localhost/', ['127.0.0.0/8']).hostname).toBe('api.localhost');
    expect(blockedReason(() => assertOutboundUrl('http://localhost/', ['127.0.0.2']))).toBe('localhost');
    // A name that merely contains "localhost" is an ordinary name.
    expect(assertOutboundUrl('https://localhost.example.com/').hostname).toBe('localhost.example.com');
    expect(assertOutboundUrl('https://mylocalhost/').hostname).toBe('mylocalhost');
  });

  it('WH-4: the allow-list matches within one address family, exactly, and never throws on the other family', () => {
    expect(isAddressAllowed('[2606:4700::1111]')).toBe(true);
    expect(isAddressAllowed('[::1]')).toBe(false);
    expect(isAddressAllowed('[::1]', ['::1'])).toBe(true);
    expect(isAddressAllowed('0:0:0:0:0:0:0:1', ['::1'])).toBe(true); // the same address, spelled out
    expect(isAddressAllowed('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(false); // another family
    expect(isAddressAllowed('127.0.0.1', ['::ffff:127.0.0.1'])).toBe(false);
    expect(isAddressAllowed('127.0.0.2', ['127.0.0.1'])).toBe(false);
    expect(isAddressAllowed('10.2.3.4', ['10.0.0.0/8'])).toBe(true);
    expect(isAddressAllowed('172.16.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(isAddressAllowed('::1', ['10.0.0.0/8'])).toBe(false);
    expect(isAddressAllowed('10.0.0.1', ['fc00::/7'])).toBe(false);
    expect(isAddressAllowed('fd12::1', ['10.0.0.0/8', 'fc00::/7'])).toBe(true);
    expect(isAddressAllowed('fd12::1', ['fd12::2', '::1', '10.0.0.0/8'])).toBe(false);
    expect(isAddressAllowed('not-an-ip', ['10.0.0.0/8', '127.0.0.1'])).toBe(false);
    expect(isAddressAllowed('[10.0.0.1]')).toBe(false);
    // A public address passes whatever the list says.
    expect(isAddressAllowed('93.184.215.14', ['10.0.0.0/8'])).toBe(true);
  });

  it('WH-4: the operator allow-list is parsed strictly: spaces and empty entries dropped, a bad address or prefix refused', () => {
    expect(parseAllowList(' 10.0.0.0/8 , ,fc00::/7,, ::1 ')).toEqual(['10.0.0.0/8', 'fc00::/7', '::1']);
    expect(parseAllowList(' , ')).toEqual([]);
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', 'fc00::/129', 'localhost', '*', '10.0.0.1-10.0.0.9']) {
      expect(() => parseAllowList(`127.0.0.1,${bad}`), bad).toThrow(new TypeError(`not an IP address or CIDR: ${bad}`));
    }
    expect(isAllowEntry('192.168.0.0/16')).toBe(true);
    expect(isAllowEntry('::1')).toBe(true);
    expect(isAllowEntry('example.com')).toBe(false);
  });

  it('WH-4: a request goes out as asked: GET by default, the body with its byte length, the caller\'s own length kept; the answer comes back whole', async () => {
    seen.length = 0;
    const got = await safeRequest(`http://127.0.0.1:${port}/in`, { allow: ALLOW });
    expect(got.status).toBe(201);
    expect(got.headers['x-reply']).toBe('yes');
    expect(got.text()).toBe('héllo');
    expect(Buffer.from(got.body).toString('hex')).toBe(Buffer.from('héllo').toString('hex'));
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.headers['content-length']).toBeUndefined();

    await safeRequest(`http://127.0.0.1:${port}/in`, { method: 'PUT', body: 'né', allow: ALLOW });
    expect(seen[1]).toMatchObject({ method: 'PUT', body: Buffer.from('né') });
    expect(seen[1]?.headers['content-length']).toBe('3'); // bytes, not characters

    await safeRequest(`http://127.0.0.1:${port}/in`, { method: 'POST', body: new Uint8Array([1, 2, 3, 4]), allow: ALLOW });
    expect(seen[2]?.body.toString('hex')).toBe('01020304');
    expect(seen[2]?.headers['content-length']).toBe('4');

    await safeRequest(`http://127.0.0.1:${port}/in`, { method: 'POST', headers: { 'Content-Length': '2' }, body: 'ab', allow: ALLOW });
    expect(seen[3]?.body.toString()).toBe('ab');
    expect(seen[3]?.headers['content-length']).toBe('2');
    expect(seen).toHaveLength(4);
  });

  it('WH-4: the response limit holds at its byte, and by default at 1 MiB', async () => {
    expect((await safeRequest(`http://127.0.0.1:${port}/bytes/4096`, { allow: ALLOW, maxResponseBytes: 4096 })).body.byteLength).toBe(4096);
    const over = await safeRequest(`http://127.0.0.1:${port}/bytes/4097`, { allow: ALLOW, maxResponseBytes: 4096 }).catch((e: unknown) => e);
    expect(over).toBeInstanceOf(OutboundFailed);
    expect((over as OutboundFailed).detail).toMatchObject({ reason: 'response too large', host: `127.0.0.1:${port}` });
    expect((await safeRequest(`http://127.0.0.1:${port}/bytes/${1024 * 1024}`, { allow: ALLOW })).body.byteLength).toBe(1024 * 1024);
    await expect(safeRequest(`http://127.0.0.1:${port}/bytes/${1024 * 1024 + 1}`, { allow: ALLOW })).rejects.toBeInstanceOf(OutboundFailed);
  });

  it('WH-4: a failure is reported as what it was: a refused connection or a failed lookup is a network failure with its code, a private answer is a block', async () => {
    const refusedConn = await safeRequest(`http://127.0.0.1:${closedPort}/`, { allow: ALLOW }).catch((e: unknown) => e);
    expect(refusedConn).toBeInstanceOf(OutboundFailed);
    expect((refusedConn as OutboundFailed).detail).toMatchObject({ reason: 'network', host: `127.0.0.1:${closedPort}`, code: 'ECONNREFUSED' });

    const nxdomain: LookupFn = (host, _o, cb) => cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), '', 4);
    const notFound = await safeRequest('http://nowhere.example.com/', { lookup: nxdomain, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(OutboundFailed);
    expect((notFound as OutboundFailed).detail).toMatchObject({ reason: 'network', code: 'ENOTFOUND' });

    const toLoopback: LookupFn = (_h, options, cb) => ('all' in options && options.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4));
    expect((notFound as OutboundFailed).cause).toBeInstanceOf(Error);
    const blocked = await safeRequest(`http://hooks.example.com:${port}/`, { lookup: toLoopback, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(OutboundBlocked);
    // Refused by the guard's own check of the resolver's answer (the first wall), not only by the agent's.
    expect((blocked as OutboundBlocked).detail).toEqual({ reason: 'resolved address', host: 'hooks.example.com', message: 'resolved address refused: 127.0.0.1' });
    expect((blocked as OutboundBlocked).cause).toBeInstanceOf(Error);
    const second: LookupFn = (_h, options, cb) => ('all' in options && options.all ? cb(null, [{ address: '93.184.215.14', family: 4 }, { address: '10.9.8.7', family: 4 }]) : cb(null, '10.9.8.7', 4));
    const rebound = await safeRequest(`http://hooks.example.com:${port}/`, { lookup: second, timeoutMs: 5000 }).catch((e: unknown) => e);
    expect((rebound as OutboundBlocked).detail).toMatchObject({ message: 'resolved address refused: 10.9.8.7' });
    // The same name with its address on the allow-list is let through.
    seen.length = 0;
    expect((await safeRequest(`http://hooks.example.com:${port}/in`, { lookup: toLoopback, allow: ALLOW })).status).toBe(201);
    expect(seen[0]?.headers.host).toBe(`hooks.example.com:${port}`);
  });

  it('WH-4: a receiver that drops the connection mid-body or never answers is a failure the caller sees (network or timeout), never a crash or a hang', async () => {
    const reset = await safeRequest(`http://127.0.0.1:${port}/reset`, { allow: ALLOW, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(OutboundFailed);
    expect((reset as OutboundFailed).detail).toMatchObject({ reason: 'network', host: `127.0.0.1:${port}` });
    const silent = await safeRequest(`http://127.0.0.1:${port}/silent`, { allow: ALLOW, timeoutMs: 200 }).catch((e: unknown) => e);
    expect(silent).toBeInstanceOf(OutboundFailed);
    expect((silent as OutboundFailed).detail).toEqual({ reason: 'timeout', host: `127.0.0.1:${port}`, timeoutMs: 200 });
  });

  it('WH-4: https goes out over TLS and the certificate is verified: a receiver with a certificate no trusted CA signed gets no request', async () => {
    const e = await safeRequest(`https://127.0.0.1:${tlsPort}/in`, { allow: ALLOW, timeoutMs: 10_000 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(OutboundFailed);
    expect((e as OutboundFailed).detail).toMatchObject({ reason: 'network', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(tlsHits).toBe(0);
  });
});
