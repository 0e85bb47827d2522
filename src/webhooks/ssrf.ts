/* The SSRF guard: every outbound HTTP request Palisade makes on behalf of a tenant (webhook
   deliveries, AI egress) goes through safeRequest(). Invariants:
   - Only http: and https: URLs; no credentials in the URL.
   - The address is checked when the socket connects, on the address the resolver returned
     (request-filtering-agent on node:http/https), so DNS rebinding cannot swap a public name
     for a private address between a check and the connect. IP literals are checked before any
     connect. Only globally routable unicast addresses pass (ipaddr.js range "unicast"): loopback,
     RFC 1918, link-local (169.254.0.0/16, the cloud metadata address), CGNAT (100.64.0.0/10),
     unspecified, broadcast, multicast, reserved, IPv6 ULA (fc00::/7, incl. fd00:ec2::254),
     IPv6 link-local, IPv4-mapped/compatible IPv6 (::ffff:127.0.0.1), NAT64, 6to4 and Teredo
     are all refused.
   - Redirects are never followed: a 3xx is returned to the caller as it is.
   - An operator allow-list (PALISADE_OUTBOUND_ALLOW, empty by default) lets named addresses or
     CIDRs through: for tests and internal receivers.
   - Deadline and response-size limit on every request.
   Claim WH-4; ASVS V1.3.6 (SSRF), V15.3 (outbound). */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { OutboundBlocked, OutboundFailed } from './errors.js';

/** A resolver with node:dns lookup's signature (tests pass one that maps names to chosen addresses). */
export type LookupFn = (
  hostname: string,
  options: LookupOneOptions | LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

export interface SafeRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Whole-request deadline (connect, send, receive); default 10 s. */
  timeoutMs?: number;
  /** Addresses or CIDRs let through although not public (the operator allow-list); default none. */
  allow?: readonly string[];
  /** Largest response body read; more aborts the request with OutboundFailed. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Resolver override (tests); default node:dns lookup. Its answers are checked like any other. */
  lookup?: LookupFn;
}

export interface SafeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Uint8Array;
  text(): string;
}

/** Parses PALISADE_OUTBOUND_ALLOW ("" → none). Throws TypeError on an entry that is not an address or CIDR. */
export function parseAllowList(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (!isAllowEntry(part)) throw new TypeError(`not an IP address or CIDR: ${part}`);
    out.push(part);
  }
  return out;
}

export function isAllowEntry(entry: string): boolean {
  if (isIP(entry) !== 0) return true;
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

function inList(address: string, allow: readonly string[]): boolean {
  if (allow.length === 0) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return false;
  }
  for (const entry of allow) {
    if (isIP(entry) !== 0) {
      if (ipaddr.parse(entry).toNormalizedString() === parsed.toNormalizedString() && ipaddr.parse(entry).kind() === parsed.kind()) return true;
      continue;
    }
    const [range, bits] = ipaddr.parseCIDR(entry);
    if (range.kind() === parsed.kind() && parsed.match(range, bits)) return true;
  }
  return false;
}

/** True when `address` (an IP literal) may be connected to: globally routable unicast, or on the allow-list. */
export function isAddressAllowed(address: string, allow: readonly string[] = []): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIP(bare) === 0) return false;
  if (inList(bare, allow)) return true;
  return ipaddr.parse(bare).range() === 'unicast';
}

/** Checks what can be checked without a network: scheme, credentials, IP-literal host.
    Throws OutboundBlocked. A hostname passes here; its addresses are checked at connect time. */
export function assertOutboundUrl(raw: string | URL, allow: readonly string[] = []): URL {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    throw new OutboundBlocked({ reason: 'not a URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundBlocked({ reason: 'scheme', scheme: url.protocol });
  if (url.username !== '' || url.password !== '') throw new OutboundBlocked({ reason: 'credentials in URL' });
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (isIP(host) !== 0 && !isAddressAllowed(host, allow)) throw new OutboundBlocked({ reason: 'address', address: host });
  if (host === '' || host.toLowerCase() === 'localhost' || host.toLowerCase().endsWith('.localhost')) {
    if (!isAddressAllowed('127.0.0.1', allow)) throw new OutboundBlocked({ reason: 'localhost' });
  }
  return url;
}

const BLOCKED = Symbol('palisade.outboundBlocked');

/* A lookup that checks every address it returns before the agent sees it, so a refusal is
   recognisable (the agent checks again: two walls). */
function guardedLookup(base: LookupFn, allow: readonly string[]): LookupFn {
  return (hostname, options, callback) => {
    base(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const list = Array.isArray(address) ? address.map((a) => a.address) : [address];
      for (const a of list) {
        if (!isAddressAllowed(a, allow)) {
          const e = Object.assign(new Error(`resolved address refused: ${a}`), { [BLOCKED]: a }) as NodeJS.ErrnoException;
          return callback(e, address, family);
        }
      }
      callback(null, address, family);
    });
  };
}

const agents = new Map<string, { http: http.Agent; https: https.Agent }>();

function agentsFor(allow: readonly string[]): { http: http.Agent; https: https.Agent } {
  const key = allow.join(',');
  let pair = agents.get(key);
  if (!pair) {
    const opts = { keepAlive: true, timeout: 30_000, allowIPAddressList: [...allow], allowPrivateIPAddress: false, allowMetaIPAddress: false };
    pair = { http: new RequestFilteringHttpAgent(opts), https: new RequestFilteringHttpsAgent(opts) };
    agents.set(key, pair);
  }
  return pair;
}

/**
 * Makes one outbound HTTP(S) request that cannot reach a non-public address (see the file
 * header). Resolves with the response (any status, 3xx included: redirects are never
 * followed). Throws OutboundBlocked when the destination is refused, OutboundFailed on
 * network errors, the deadline, or a response larger than maxResponseBytes.
 *
 * ```ts
 * const res = await safeRequest('https://hooks.example.com/in', {
 *   method: 'POST', headers: { 'content-type': 'application/json' }, body, timeoutMs: 5000,
 *   allow: outboundAllowList(config),
 * });
 * ```
 */
export async function safeRequest(target: string | URL, options: SafeRequestOptions = {}): Promise<SafeResponse> {
  const allow = options.allow ?? [];
  const url = assertOutboundUrl(target, allow);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
  const pair = agentsFor(allow);
  const lookup = guardedLookup(options.lookup ?? (dnsLookup as unknown as LookupFn), allow);
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['content-length'] = String(body.byteLength);
  const mod = url.protocol === 'https:' ? https : http;

  return await new Promise<SafeResponse>((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(classify(e, url));
    };
    const req = mod.request(url, {
      method: options.method ?? 'GET',
      headers,
      agent: url.protocol === 'https:' ? pair.https : pair.http,
      lookup: lookup as unknown as typeof dnsLookup,
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          fail(new OutboundFailed({ reason: 'response too large', host: url.host }));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const bytes = new Uint8Array(Buffer.concat(chunks));
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes, text: () => Buffer.from(bytes).toString('utf8') });
      });
    });
    const timer = setTimeout(() => fail(new OutboundFailed({ reason: 'timeout', host: url.host, timeoutMs })), timeoutMs);
    req.on('error', fail);
    req.end(body);
  });
}

function classify(e: unknown, url: URL): Error {
  if (e instanceof OutboundBlocked || e instanceof OutboundFailed) return e;
  if (e instanceof Error && (BLOCKED in e || /is not allowed\. Because/.test(e.message))) {
    return new OutboundBlocked({ reason: 'resolved address', host: url.hostname, message: e.message }, { cause: e });
  }
  const code = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : undefined;
  return new OutboundFailed({ reason: 'network', host: url.host, code }, { cause: e });
}

/** Closes pooled connections (tests, shutdown). */
export function closeOutboundAgents(): void {
  for (const pair of agents.values()) {
    pair.http.destroy();
    pair.https.destroy();
  }
  agents.clear();
}
