/* Helpers for the identity end-to-end suites: the recording SMTP server (test/fixtures/smtp.ts),
   and a small HTTP client with a cookie jar that talks to a Palisade listening on loopback.
   Waiting is event-driven (a message arrives), bounded, never a sleep. */
import type { AddressInfo } from 'node:net';
import type { TestApp } from '../fixtures/app.js';
import type { Mail, SmtpSink } from '../fixtures/smtp.js';

export { parseMail, startSmtpSink, type Mail, type SmtpSink } from '../fixtures/smtp.js';

/** The token of the first `#token=` link in a message. */
export function tokenIn(mail: Mail): string {
  const m = /#token=([A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!m?.[1]) throw new Error(`no token link in mail "${mail.subject}"`);
  return decodeURIComponent(m[1]);
}

export interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  setCookies: string[];
}

/** A browser-ish client: keeps the session cookie (`cookie`) and the known-device cookie
    (`device`), sends X-CSRF-Token once it knows one. */
export class Client {
  cookie: string | null = null;
  device: string | null = null;
  csrf: string | null = null;
  constructor(public base: string, public defaultHeaders: Record<string, string> = {}) {}

  async req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { ...this.defaultHeaders, ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    const jar = [this.cookie, this.device].filter((c): c is string => c !== null);
    if (jar.length) h.cookie = jar.join('; ');
    if (this.csrf && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.base}${path}`, { method, headers: h, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair] = c.split(';');
      if (!pair) continue;
      const value = pair.slice(pair.indexOf('=') + 1);
      if (pair.startsWith('__Host-palisade_device=')) this.device = value ? pair : null;
      else this.cookie = value ? pair : null;
    }
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    if (text) {
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = { text };
      }
    }
    if (typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
    return { status: res.status, headers: res.headers, body: parsed, setCookies };
  }
}

export async function listen(app: TestApp): Promise<string> {
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.http.server.address() as AddressInfo;
  return `http://127.0.0.1:${addr.port}`;
}

/** A password the policy accepts, distinct per call. */
let n = 0;
export function goodPassword(): string {
  n += 1;
  return `violet harbour kettle ${n} drifts north`;
}

/** Signs up, verifies through the mailed link, signs in; returns the signed-in client. */
export async function registerAndSignIn(base: string, smtp: SmtpSink, email: string, password: string): Promise<Client> {
  const c = new Client(base);
  const up = await c.req('POST', '/v1/auth/sign-up', { email, password });
  if (up.status !== 202) throw new Error(`sign-up answered ${up.status}: ${JSON.stringify(up.body)}`);
  const mail = await smtp.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Confirm'));
  const v = await c.req('POST', '/v1/auth/verify-email', { token: tokenIn(mail) });
  if (v.status !== 204) throw new Error(`verify answered ${v.status}: ${JSON.stringify(v.body)}`);
  const s = await c.req('POST', '/v1/auth/sign-in', { email, password });
  if (s.status !== 200) throw new Error(`sign-in answered ${s.status}: ${JSON.stringify(s.body)}`);
  return c;
}
