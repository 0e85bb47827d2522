/* The pages every mail links to resolve and work: each answers 200 with server-rendered HTML
   under the strict CSP (no inline script or style, one same-origin script), carries no user
   data, and its form calls the API the script calls. Every link in every mail Palisade sends
   names one of these pages. Claims VAL-3, AUTH-13. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { PAGES } from '../../src/pages/index.js';
import { Client, goodPassword, listen } from './identity-helpers.js';

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

const MAIL_PAGES = ['/sign-in', '/sign-up', '/verify-email', '/forgot-password', '/reset-password', '/unlock', '/accept-invitation'];

describe('account pages', () => {
  it('VAL-3: every mail-link page is server-rendered HTML under the strict CSP, with no inline script, style or handler', async () => {
    // /security (second factors and passkeys, AUTH-8) is no mail-link page, but a page all the same.
    expect(PAGES.map((p) => p.path).sort()).toEqual(['/', '/security', ...MAIL_PAGES].sort());
    for (const path of ['/', '/security', ...MAIL_PAGES]) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(r.headers.get('cache-control')).toContain('no-store');
      const html = await r.text();
      // The only script is the same-origin file; no inline code, style or event handler.
      expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/pages/pages.js" defer>']);
      expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
      expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
      expect(html).toContain('<form');
    }
    const js = await fetch(`${base}/pages/pages.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await js.text();
    // The token is read from the fragment and removed from the address bar.
    expect(code).toContain('location.hash');
    expect(code).toContain('history.replaceState');
    expect((await fetch(`${base}/pages/pages.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('every link in the mail of sign-up, reset, lockout and invitation names a page that resolves', async () => {
    const c = new Client(base);
    const email = 'pages.owner@example.com';
    const password = goodPassword();
    const wait = async (to: string, after?: string) => {
      const r = await fetch(`${base}/v1/dev/outbox?to=${encodeURIComponent(to)}&wait=60${after ? `&after=${after}` : ''}`);
      const [m] = ((await r.json()) as { items: Array<{ id: string; text: string }> }).items;
      if (!m) throw new Error(`no mail for ${to}`);
      return m;
    };
    expect((await c.req('POST', '/v1/auth/sign-up', { email, password })).status).toBe(202);
    const confirm = await wait(email);
    const links = new Set<string>();
    const collect = (text: string) => { for (const m of text.matchAll(/https?:\/\/\S+/g)) links.add(m[0]); };
    collect(confirm.text);
    const token = /#token=([^\s&]+)/.exec(confirm.text)?.[1] ?? '';
    expect((await c.req('POST', '/v1/auth/verify-email', { token: decodeURIComponent(token) })).status).toBe(204);
    // Registered now: sign-up again sends "already registered", with its sign-in and reset links.
    const before = (await wait(email)).id;
    await c.req('POST', '/v1/auth/sign-up', { email, password: goodPassword() });
    collect((await wait(email, before)).text);
    const beforeReset = (await wait(email)).id;
    await c.req('POST', '/v1/auth/password/forgot', { email });
    collect((await wait(email, beforeReset)).text);
    expect((await c.req('POST', '/v1/auth/sign-in', { email, password })).status).toBe(200);
    // Five wrong passwords from another browser: the lockout mail, with its unlock link.
    const beforeLock = (await wait(email)).id;
    const stranger = new Client(base);
    for (let i = 0; i < 5; i++) await stranger.req('POST', '/v1/auth/sign-in', { email, password: `not it ${i} at all` });
    collect((await wait(email, beforeLock)).text);
    const org = await c.req('POST', '/v1/orgs', { name: 'Pages Inc' });
    await c.req('PUT', '/v1/me/active-org', { orgId: String(org.body.id) });
    expect((await c.req('POST', '/v1/org/invitations', { email: 'pages.invitee@example.com', roles: ['viewer'] })).status).toBe(201);
    collect((await wait('pages.invitee@example.com')).text);

    const paths = [...links].map((l) => new URL(l).pathname).sort();
    expect(new Set(paths)).toEqual(new Set(['/verify-email', '/sign-in', '/forgot-password', '/reset-password', '/unlock', '/accept-invitation']));
    for (const l of links) {
      const u = new URL(l);
      expect(u.origin).toBe('http://127.0.0.1:3000'); // the public URL: the printed one by default
      expect((await fetch(`${base}${u.pathname}`)).status, l).toBe(200);
      // Tokens travel only in the fragment.
      expect(u.search).toBe('');
    }
  });
});
