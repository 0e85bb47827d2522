/* The SSRF guard attacked: literal private addresses in every spelling, names that resolve to
   private space (a custom resolver stands in for a hostile DNS server), a redirect to loopback.
   Real HTTP receivers on loopback count every request that reaches them: a refused request
   must leave the count at zero. Claim WH-4. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboundBlocked, OutboundFailed, closeOutboundAgents, isAddressAllowed, parseAllowList, safeRequest, type LookupFn } from './index.js';

interface Receiver { server: Server; port: number; hits: number; lastBody: string; lastHeaders: Record<string, unknown> }

async function receiver(host: string, handler?: (r: Receiver, res: import('node:http').ServerResponse) => void): Promise<Receiver> {
  const r: Receiver = { server: undefined as unknown as Server, port: 0, hits: 0, lastBody: '', lastHeaders: {} };
  r.server = createServer((req, res) => {
    r.hits++;
    r.lastHeaders = req.headers;
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      r.lastBody = body;
      if (handler) handler(r, res);
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => r.server.listen(0, host, resolve));
  r.port = (r.server.address() as AddressInfo).port;
  return r;
}

/** A resolver that answers every name with the given address (a hostile or rebinding DNS server). */
function resolveTo(address: string): LookupFn {
  const family = address.includes(':') ? 6 : 4;
  return (_host, options, cb) => {
    if ('all' in options && options.all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  };
}

let target: Receiver;
let redirectTarget: Receiver;
let redirector: Receiver;
let silent: Receiver;
let huge: Receiver;

beforeAll(async () => {
  target = await receiver('127.0.0.1');
  redirectTarget = await receiver('127.0.0.2');
  redirector = await receiver('127.0.0.1', (_r, res) => {
    res.writeHead(302, { location: `http://127.0.0.2:${redirectTarget.port}/stolen` }).end();
  });
  silent = await receiver('127.0.0.1', () => { /* never answers */ });
  huge = await receiver('127.0.0.1', (_r, res) => { res.writeHead(200).end(Buffer.alloc(64 * 1024, 97)); });
});

afterAll(async () => {
  closeOutboundAgents();
  for (const r of [target, redirectTarget, redirector, silent, huge]) {
    r.server.closeAllConnections();
    await new Promise<void>((resolve) => r.server.close(() => resolve()));
  }
});

beforeEach(() => {
  for (const r of [target, redirectTarget, redirector]) r.hits = 0;
});

async function refused(url: string, opts: Parameters<typeof safeRequest>[1] = {}): Promise<void> {
  await expect(safeRequest(url, { timeoutMs: 5000, ...opts })).rejects.toBeInstanceOf(OutboundBlocked);
}

describe('SSRF guard (WH-4)', () => {
  it('WH-4: a loopback receiver on the operator allow-list gets the request, body and headers intact', async () => {
    const res = await safeRequest(`http://127.0.0.1:${target.port}/in`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-test': '1' }, body: '{"a":1}', allow: ['127.0.0.1'],
    });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('ok');
    expect(target.hits).toBe(1);
    expect(target.lastBody).toBe('{"a":1}');
    expect(target.lastHeaders['x-test']).toBe('1');
  });

  it('WH-4: 127.0.0.1 is refused without the allow-list, and nothing reaches the receiver', async () => {
    await refused(`http://127.0.0.1:${target.port}/in`);
    expect(target.hits).toBe(0);
  });

  it('WH-4: [::ffff:127.0.0.1] (IPv4-mapped IPv6) is refused, even with 127.0.0.1 on the allow-list', async () => {
    await refused(`http://[::ffff:127.0.0.1]:${target.port}/in`);
    await refused(`http://[::ffff:127.0.0.1]:${target.port}/in`, { allow: ['127.0.0.1'] });
    await refused(`http://[::ffff:7f00:1]:${target.port}/in`);
    expect(target.hits).toBe(0);
  });

  it('WH-4: 169.254.169.254 (cloud metadata) and the IPv6 metadata address are refused', async () => {
    await refused('http://169.254.169.254/latest/meta-data/');
    await refused('http://[fd00:ec2::254]/latest/meta-data/');
  });

  it('WH-4: every spelling of a non-public address is refused', async () => {
    for (const url of [
      `http://2130706433:${target.port}/`, `http://0x7f.0.0.1:${target.port}/`, `http://0177.0.0.1:${target.port}/`,
      `http://127.1:${target.port}/`, `http://[::1]:${target.port}/`, `http://0.0.0.0:${target.port}/`, `http://[::]:${target.port}/`,
      'http://10.0.0.1/', 'http://172.16.0.1/', 'http://192.168.1.1/', 'http://100.64.0.1/', 'http://100.100.100.200/',
      'http://[fe80::1]/', 'http://[fc00::1]/', 'http://[64:ff9b::7f00:1]/', 'http://[2002:7f00:1::]/', 'http://224.0.0.1/',
      'http://255.255.255.255/', 'http://192.0.0.192/', `http://localhost:${target.port}/`, `http://a.localhost:${target.port}/`,
    ]) await refused(url);
    expect(target.hits).toBe(0);
  });

  it('WH-4: a hostname that resolves to private space is refused at connect time', async () => {
    await refused(`http://hooks.example.com:${target.port}/in`, { lookup: resolveTo('127.0.0.1') });
    await refused(`http://hooks.example.com:${target.port}/in`, { lookup: resolveTo('10.1.2.3') });
    await refused(`http://hooks.example.com:${target.port}/in`, { lookup: resolveTo('::ffff:127.0.0.1') });
    await refused(`http://hooks.example.com:${target.port}/in`, { lookup: resolveTo('169.254.169.254') });
    expect(target.hits).toBe(0);
  });

  it('WH-4: DNS rebinding: every address a name answers with is checked at connect, so one private answer refuses it', async () => {
    // A rebinding server answers a public address beside (or after) a private one; the guard does
    // not resolve once to "validate" and again to connect: the addresses checked are the ones dialled.
    const mixed: LookupFn = (_host, options, cb) => {
      if ('all' in options && options.all) cb(null, [{ address: '93.184.215.14', family: 4 }, { address: '127.0.0.1', family: 4 }]);
      else cb(null, '127.0.0.1', 4);
    };
    await refused(`http://rebind.example.com:${target.port}/in`, { lookup: mixed });
    expect(target.hits).toBe(0);
  });

  it('WH-4: a redirect to loopback is not followed: the 302 comes back and the loopback target sees nothing', async () => {
    const res = await safeRequest(`http://127.0.0.1:${redirector.port}/start`, { allow: ['127.0.0.1'] });
    expect(res.status).toBe(302);
    expect(res.headers.location).toContain('127.0.0.2');
    expect(redirector.hits).toBe(1);
    expect(redirectTarget.hits).toBe(0);
    // Even when the redirect's target is itself reachable, the guard hands back the 302 and goes no further.
    const again = await safeRequest(`http://127.0.0.1:${redirector.port}/start`, { allow: ['127.0.0.0/30'] });
    expect(again.status).toBe(302);
    expect(redirectTarget.hits).toBe(0);
  });

  it('WH-4: the allow-list admits only what it names', async () => {
    await refused(`http://127.0.0.2:${redirectTarget.port}/`, { allow: ['127.0.0.1'] });
    expect(redirectTarget.hits).toBe(0);
    const res = await safeRequest(`http://127.0.0.2:${redirectTarget.port}/`, { allow: ['127.0.0.0/30'] });
    expect(res.status).toBe(200);
    expect(redirectTarget.hits).toBe(1);
  });

  it('WH-4: only http and https, and no credentials in the URL', async () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:70/', 'ftp://example.com/', 'javascript:alert(1)', 'not a url']) await refused(url, { allow: ['127.0.0.1'] });
    await refused(`http://user:pw@127.0.0.1:${target.port}/`, { allow: ['127.0.0.1'] });
    expect(target.hits).toBe(0);
  });

  it('a receiver that never answers fails at the deadline, and a response over the limit is cut off', async () => {
    await expect(safeRequest(`http://127.0.0.1:${silent.port}/`, { allow: ['127.0.0.1'], timeoutMs: 300 })).rejects.toBeInstanceOf(OutboundFailed);
    await expect(safeRequest(`http://127.0.0.1:${huge.port}/`, { allow: ['127.0.0.1'], maxResponseBytes: 1024 })).rejects.toBeInstanceOf(OutboundFailed);
    const ok = await safeRequest(`http://127.0.0.1:${huge.port}/`, { allow: ['127.0.0.1'] });
    expect(ok.body.byteLength).toBe(64 * 1024);
  });

  it('classifies addresses: public unicast passes, everything else does not', () => {
    expect(isAddressAllowed('93.184.215.14')).toBe(true);
    expect(isAddressAllowed('2606:4700::1111')).toBe(true);
    for (const a of ['127.0.0.1', '::1', '10.0.0.1', '169.254.169.254', '100.64.0.1', '::ffff:8.8.8.8', 'fd12::1', 'fe80::1', '0.0.0.0', 'not-an-ip']) {
      expect(isAddressAllowed(a), a).toBe(false);
    }
    expect(parseAllowList('')).toEqual([]);
    expect(parseAllowList('127.0.0.1, 10.0.0.0/8,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(() => parseAllowList('127.0.0.1,evil.com')).toThrow(TypeError);
  });
});
