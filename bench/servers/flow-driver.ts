/* The load generator for flows autocannon cannot drive (W8, W10): autocannon replays a fixed
   set of requests, while a TOTP code works once per user and 30-second step and a Stripe event
   needs a unique id and a fresh signature. This process is the load generator, never the
   system under test: it runs N workers, each looping one flow (one or more requests over
   keep-alive connections) for the given duration, and prints one JSON line in the shape of
   bench/lib/load.ts's LoadResult (ok = flows completed with every response 2xx).
   argv[2]: the path of a JSON Spec (below). Everything a flow needs that costs CPU (signatures, request
   bodies) is prepared before the clock starts where it can be; what cannot (a TOTP code of the
   current step) is an HMAC of a few µs. */
import { createHash, createPrivateKey, randomFillSync, sign as cryptoSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import Stripe from 'stripe';
import { stepNow, totp } from '../lib/totp.js';

interface StripeSpec { kind: 'stripe'; url: string; path: string; secret: string; durationS: number; concurrency: number; prefix: string }
interface SignInSpec {
  kind: 'signin';
  url: string;
  durationS: number;
  concurrency: number;
  /** Accounts (email, password; TOTP secret in hex when the flow is sign-in + TOTP). */
  users: Array<{ email: string; password: string; totpHex?: string }>;
  /** Per account: the last TOTP step already used (the server refuses it and every earlier one). */
  lastStep?: number[];
}
/** W9: one upload then one download of `bytes`, sequentially, `transfers` times. Palisade: declare
    the file, PUT to the signed upload URL, ask a download URL, GET it. Raw: PUT /raw/<n>, GET it. */
interface VaultSpec {
  kind: 'vault';
  url: string;
  bytes: number;
  transfers: number;
  /** Palisade's side: the session and the collection; absent for the raw server. */
  palisade?: { cookie: string; csrfToken: string; collectionId: string };
}
/** W8: passwordless sign-in with a discoverable passkey; the driver is the authenticator
    (ES256, counter 0 as synced passkeys report it, user present + verified). */
interface PasskeySpec {
  kind: 'passkey';
  url: string;
  durationS: number;
  concurrency: number;
  users: Array<{ userId: string; credentialId: string; privateKeyPem: string }>;
}
type Spec = StripeSpec | SignInSpec | VaultSpec | PasskeySpec;

export interface DriverResult {
  ok: number; non2xx: number; errors: number; timeouts: number; seconds: number; rps: number;
  p50Ms: number; p99Ms: number; maxMs: number; statusCodes: Record<string, { count: number }>;
  /** sign-in + TOTP: the step each account used last (so the next round never reuses one). */
  lastStep?: number[];
  /** Flows that could not start because every account had used the current step already. */
  starved?: number;
}

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Spec;

interface Reply { status: number; headers: IncomingHttpHeaders; body: string }

function makeClient(base: string, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const u = new URL(base);
  return (method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** Runs `flow` on `concurrency` workers until the deadline. A flow returns the HTTP status that
    decides it (the first non-2xx, or the last 2xx), or 0 when it could not start. */
async function drive(durationS: number, concurrency: number, flow: (worker: number) => Promise<number>): Promise<DriverResult & { starved: number }> {
  const lat: number[] = [];
  const codes: Record<string, { count: number }> = {};
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let starved = 0;
  const t0 = performance.now();
  const deadline = t0 + durationS * 1000;
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    while (performance.now() < deadline) {
      const s = performance.now();
      try {
        const status = await flow(w);
        if (status === 0) {
          starved++;
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const k = String(status);
        codes[k] = { count: (codes[k]?.count ?? 0) + 1 };
        if (status >= 200 && status < 300) {
          ok++;
          lat.push(performance.now() - s);
        } else non2xx++;
      } catch (e) {
        if ((e as Error).message === 'timeout') timeouts++;
        else errors++;
      }
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { ok, non2xx, errors, timeouts, seconds, rps: ok / seconds, p50Ms: percentile(lat, 0.5), p99Ms: percentile(lat, 0.99), maxMs: lat.at(-1) ?? Number.NaN, statusCodes: codes, starved };
}

/** A Stripe event as Stripe sends it (an invoice.paid, ~1 KB), with a unique id. */
function stripeEvent(id: string, created: number): string {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-06-30.basil',
    created,
    data: {
      object: {
        id: `in_${id.slice(4)}`, object: 'invoice', account_country: 'DE', account_name: 'Bench GmbH', amount_due: 4900, amount_paid: 4900,
        amount_remaining: 0, attempt_count: 1, attempted: true, billing_reason: 'subscription_cycle', collection_method: 'charge_automatically',
        created, currency: 'eur', customer: 'cus_Bench0000000001', customer_email: 'billing@bench.example', hosted_invoice_url: null,
        lines: { object: 'list', data: [{ id: 'il_bench', object: 'line_item', amount: 4900, currency: 'eur', description: '1 × Team (at €49.00 / month)', period: { start: created - 2592000, end: created }, quantity: 1 }], has_more: false, total_count: 1 },
        livemode: false, metadata: {}, number: 'BENCH-0001', paid: true, status: 'paid', subscription: 'sub_Bench0000000001', subtotal: 4900, tax: 0, total: 4900,
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'invoice.paid',
  });
}

async function runStripe(s: StripeSpec): Promise<DriverResult> {
  const post = makeClient(s.url, s.concurrency);
  // The pool of this round, signed before the clock starts: every event a unique id and its own
  // signature (timestamp now: well inside the 300 s tolerance for a round of seconds).
  const poolSize = Math.max(2000, Math.ceil(s.durationS * 6000));
  const now = Math.floor(Date.now() / 1000);
  const pool: Array<{ body: string; sig: string }> = [];
  for (let i = 0; i < poolSize; i++) {
    const body = stripeEvent(`evt_${s.prefix}${i.toString(36)}`, now);
    pool.push({ body, sig: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: s.secret, timestamp: now }) });
  }
  let next = 0;
  const r = await drive(s.durationS, s.concurrency, async () => {
    const e = pool[next++];
    if (!e) return 0; // the pool ran out: counted as starved, reported
    const res = await post('POST', s.path, { 'content-type': 'application/json', 'stripe-signature': e.sig }, e.body);
    return res.status;
  });
  return r;
}

// ---- sign-in (+ TOTP)

function cookiesOf(h: IncomingHttpHeaders): string {
  return (h['set-cookie'] ?? []).map((c) => c.split(';')[0]).filter(Boolean).join('; ');
}

async function runSignIn(s: SignInSpec): Promise<DriverResult> {
  const call = makeClient(s.url, s.concurrency);
  const origin = s.url;
  const bodies = s.users.map((u) => JSON.stringify({ email: u.email, password: u.password }));
  const secrets = s.users.map((u) => (u.totpHex ? Buffer.from(u.totpHex, 'hex') : null));
  const lastStep = s.lastStep ? [...s.lastStep] : s.users.map(() => -1);
  let cursor = 0;
  /** An account that has not used the current step yet (TOTP), or the next one in turn. */
  const pick = (): { i: number; step: number } | null => {
    const step = stepNow();
    for (let k = 0; k < s.users.length; k++) {
      const i = (cursor + k) % s.users.length;
      if (!secrets[i] || (lastStep[i] as number) < step) {
        cursor = i + 1;
        if (secrets[i]) lastStep[i] = step;
        return { i, step };
      }
    }
    return null;
  };
  const r = await drive(s.durationS, s.concurrency, async () => {
    const p = pick();
    if (!p) return 0;
    const first = await call('POST', '/v1/auth/sign-in', { 'content-type': 'application/json', origin }, bodies[p.i]);
    if (first.status !== 200) return first.status;
    const secret = secrets[p.i];
    if (!secret) return first.status;
    const { next, csrfToken } = JSON.parse(first.body) as { next?: string; csrfToken?: string };
    if (next !== 'mfa') return 598; // the account was not enrolled: the fixture is broken
    const second = await call('POST', '/v1/auth/mfa/verify', { 'content-type': 'application/json', origin, cookie: cookiesOf(first.headers), 'x-csrf-token': csrfToken ?? '' }, JSON.stringify({ code: totp(secret, p.step) }));
    return second.status;
  });
  return { ...r, ...(secrets.some(Boolean) ? { lastStep } : {}) };
}

// ---- passkey sign-in

async function runPasskey(s: PasskeySpec): Promise<DriverResult> {
  const call = makeClient(s.url, s.concurrency);
  const origin = s.url;
  const keys = s.users.map((u) => ({ ...u, key: createPrivateKey(u.privateKeyPem) }));
  let cursor = 0;
  return drive(s.durationS, s.concurrency, async () => {
    const u = keys[cursor++ % keys.length] as (typeof keys)[number];
    const opt = await call('POST', '/v1/auth/passkey/options', { 'content-type': 'application/json', origin }, '{}');
    if (opt.status !== 200) return opt.status;
    const { options } = JSON.parse(opt.body) as { options: { challenge: string; rpId: string } };
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }));
    // rpIdHash ‖ flags (UP | UV) ‖ signCount 0
    const authData = Buffer.concat([createHash('sha256').update(options.rpId).digest(), Buffer.from([0x05]), Buffer.alloc(4)]);
    const signature = cryptoSign('sha256', Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]), u.key);
    const body = JSON.stringify({
      response: {
        id: u.credentialId, rawId: u.credentialId, type: 'public-key',
        response: { clientDataJSON: clientDataJSON.toString('base64url'), authenticatorData: authData.toString('base64url'), signature: signature.toString('base64url'), userHandle: Buffer.from(u.userId).toString('base64url') },
        clientExtensionResults: {},
      },
    });
    const res = await call('POST', '/v1/auth/passkey/verify', { 'content-type': 'application/json', origin, cookie: cookiesOf(opt.headers) }, body);
    return res.status;
  });
}

// ---- vault transfers

/** `bytes` of random data, 1 MiB of it repeated (the content does not matter to AES-GCM). */
function source(bytes: number): Readable {
  const block = randomFillSync(Buffer.alloc(1024 * 1024));
  let left = bytes;
  return new Readable({
    highWaterMark: block.length,
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

function stream(method: 'PUT' | 'GET', url: string, headers: Record<string, string>, body?: Readable): Promise<{ status: number; bytes: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let bytes = 0;
      const head: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        if (head.length < 4) head.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, text: Buffer.concat(head).toString('utf8').slice(0, 2000) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) body.pipe(req);
    else req.end();
  });
}

async function runVault(s: VaultSpec): Promise<DriverResult> {
  const call = makeClient(s.url, 2);
  const lat: number[] = [];
  let ok = 0;
  const codes: Record<string, { count: number }> = {};
  const t0 = performance.now();
  for (let n = 0; n < s.transfers; n++) {
    const started = performance.now();
    if (s.palisade) {
      const p = s.palisade;
      const h = { 'content-type': 'application/json', origin: s.url, cookie: p.cookie, 'x-csrf-token': p.csrfToken };
      const created = await call('POST', `/v1/org/vault/collections/${p.collectionId}/files`, h, JSON.stringify({ name: `bench-${n}.bin`, contentType: 'application/octet-stream', size: s.bytes }));
      if (created.status !== 201) throw new Error(`declare: ${created.status} ${created.body.slice(0, 300)}`);
      const { file, upload } = JSON.parse(created.body) as { file: { id: string }; upload: { url: string } };
      const put = await stream('PUT', upload.url, { 'content-type': 'application/octet-stream', 'content-length': String(s.bytes) }, source(s.bytes));
      if (put.status !== 200) throw new Error(`upload: ${put.status} ${put.text.slice(0, 300)}`);
      const dl = await call('POST', `/v1/org/vault/collections/${p.collectionId}/files/${file.id}/download-url`, h, '{}');
      if (dl.status !== 200) throw new Error(`download-url: ${dl.status} ${dl.body.slice(0, 300)}`);
      const got = await stream('GET', (JSON.parse(dl.body) as { url: string }).url, {});
      if (got.status !== 200 || got.bytes !== s.bytes) throw new Error(`download: ${got.status}, ${got.bytes} of ${s.bytes} bytes`);
    } else {
      const put = await stream('PUT', `${s.url}/raw/${n}`, { 'content-type': 'application/octet-stream', 'content-length': String(s.bytes) }, source(s.bytes));
      if (put.status !== 200) throw new Error(`raw upload: ${put.status} ${put.text}`);
      const got = await stream('GET', `${s.url}/raw/${n}`, {});
      if (got.status !== 200 || got.bytes !== s.bytes) throw new Error(`raw download: ${got.status}, ${got.bytes} of ${s.bytes} bytes`);
    }
    ok++;
    codes['200'] = { count: (codes['200']?.count ?? 0) + 1 };
    lat.push(performance.now() - started);
  }
  const seconds = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  // Throughput in MB/s of payload moved (each transfer moves the file up and back down).
  const mb = (2 * s.bytes * ok) / 1e6;
  return { ok, non2xx: 0, errors: 0, timeouts: 0, seconds, rps: mb / seconds, p50Ms: percentile(lat, 0.5), p99Ms: percentile(lat, 0.99), maxMs: lat.at(-1) ?? Number.NaN, statusCodes: codes };
}

const result = spec.kind === 'stripe' ? await runStripe(spec) : spec.kind === 'vault' ? await runVault(spec) : spec.kind === 'passkey' ? await runPasskey(spec) : await runSignIn(spec);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);

