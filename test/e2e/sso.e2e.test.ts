/* Single sign-on with OpenID Connect per organisation, end to end: Palisade on loopback HTTP with
   real PostgreSQL and SMTP, two real OpenID providers in-process (oidc-provider, claims shaped as
   Google and as Microsoft send them) driven through their own login and consent pages like a
   browser, a DNS server on loopback UDP answering the domain-proof TXT records, and a hostile
   IdP for the ID tokens no honest provider signs. The attacks of issue 14: forged and swapped
   state, a replayed code, a replayed nonce, an ID token for another client or from another
   issuer (mix-up), email_verified false, an address outside the organisation's proven domains,
   an IdP account whose address matches an existing password account, one organisation's
   login finished with another's code. Claims AUTH-9, AUTH-12. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { asSuperuser } from '../fixtures/db.js';
import { startTxtServer, type TxtServer } from '../fixtures/dns.js';
import { startHostileIdp, startIdp, type HostileIdp, type Idp } from '../fixtures/oidc-idp.js';
import { freePort } from '../../src/db/embedded.js';
import { Client, goodPassword, registerAndSignIn, startSmtpSink, type SmtpSink } from './identity-helpers.js';

let app: TestApp;
let smtp: SmtpSink;
let dns: TxtServer;
let google: Idp;
let microsoft: Idp;
let hostile: HostileIdp;
let base = '';
let callbackUrl = '';

const secretA = 'acme-client-secret-0123456789abcdef';
const secretB = 'beta-client-secret-0123456789abcdef';
const secretM = 'msft-client-secret-0123456789abcdef';
const secretH = 'host-client-secret-0123456789abcdef';

const sql = <T>(fn: Parameters<typeof asSuperuser<T>>[1]) => asSuperuser(app.testDb.ownerUrl, fn);

beforeAll(async () => {
  smtp = await startSmtpSink();
  dns = await startTxtServer();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  callbackUrl = `${base}/v1/auth/sso/callback`;
  app = await buildTestApp({
    env: {
      SMTP_URL: smtp.url,
      PALISADE_PUBLIC_URL: base,
      PALISADE_DEV_MODE: 'true',
      PALISADE_DNS_SERVERS: dns.server,
      PALISADE_AUTH_RATE_PER_IP: '5000',
    },
  });
  await app.http.listen({ host: '127.0.0.1', port });
  google = await startIdp('google', [
    { clientId: 'acme', clientSecret: secretA, redirectUri: callbackUrl },
    { clientId: 'beta', clientSecret: secretB, redirectUri: callbackUrl },
  ]);
  microsoft = await startIdp('microsoft', [{ clientId: 'contoso', clientSecret: secretM, redirectUri: callbackUrl }]);
  hostile = await startHostileIdp({ clientId: 'hostile', clientSecret: secretH, redirectUri: callbackUrl }, { sub: 'h-1', email: 'eve@hostile.test' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await Promise.all([smtp?.close(), dns?.close(), google?.close(), microsoft?.close(), hostile?.close()]);
});

// ------------------------------------------------------------------ a browser with cookies per origin

interface Hop {
  status: number;
  location: string | null;
  body: string;
  json: Record<string, unknown>;
}

class Browser {
  jars = new Map<string, Map<string, string>>();

  cookiesFor(url: URL): string {
    return [...(this.jars.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.get(name);
  }

  async go(method: string, href: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<Hop> {
    const url = new URL(href);
    const h: Record<string, string> = { ...headers };
    const cookie = this.cookiesFor(url);
    if (cookie) h.cookie = cookie;
    if (form) h['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method, headers: h, redirect: 'manual', ...(form ? { body: new URLSearchParams(form).toString() } : {}) });
    const jar = this.jars.get(url.host) ?? new Map<string, string>();
    this.jars.set(url.host, jar);
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      if (!pair) continue;
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const dead = value === '' || attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
      if (dead) jar.delete(name);
      else jar.set(name, value);
    }
    const body = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      json = {};
    }
    const loc = res.headers.get('location');
    return { status: res.status, location: loc === null ? null : new URL(loc, url).href, body, json };
  }
}

/** Starts SSO for `email` at Palisade and walks the IdP's login and consent pages as `account`;
    stops at the redirect back to Palisade and answers that callback URL (not yet visited). */
async function throughIdp(browser: Browser, email: string, account: string): Promise<string> {
  const start = await browser.go('GET', `${base}/v1/auth/sso/start?email=${encodeURIComponent(email)}`);
  expect(start.status, start.body).toBe(302);
  let next: string | null = start.location;
  for (let i = 0; i < 20 && next; i++) {
    if (next.startsWith(callbackUrl)) return next;
    const hop = await browser.go('GET', next);
    if (hop.status >= 300 && hop.status < 400) {
      next = hop.location;
      continue;
    }
    expect(hop.status, hop.body).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(hop.body)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(hop.body)?.[1];
    if (!action || !prompt) throw new Error(`no form on the IdP page: ${hop.body.slice(0, 300)}`);
    const form: Record<string, string> = prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt };
    const posted = await browser.go('POST', new URL(action.replace(/&amp;/g, '&'), next).href, form);
    expect([302, 303]).toContain(posted.status);
    next = posted.location;
  }
  throw new Error('the IdP never sent the browser back');
}

/** The whole flow: a browser signed in through SSO, and the callback's answer. */
async function ssoSignIn(email: string, account: string): Promise<{ browser: Browser; callback: Hop; url: string }> {
  const browser = new Browser();
  const url = await throughIdp(browser, email, account);
  const callback = await browser.go('GET', url);
  return { browser, callback, url };
}

async function me(browser: Browser): Promise<Hop> {
  return browser.go('GET', `${base}/v1/me`);
}

// ------------------------------------------------------------------ organisations

interface OrgAdmin {
  client: Client;
  orgId: string;
}

async function orgWithAdmin(name: string): Promise<OrgAdmin> {
  const email = `admin-${name.toLowerCase().replace(/\W+/g, '')}-${Date.now().toString(36)}@admins.test`;
  const client = await registerAndSignIn(base, smtp, email, goodPassword());
  const org = await client.req('POST', '/v1/orgs', { name });
  expect(org.status).toBe(201);
  const orgId = (org.body as { id: string }).id;
  expect((await client.req('PUT', '/v1/me/active-org', { orgId })).status).toBe(204);
  return { client, orgId };
}

async function connect(a: OrgAdmin, body: Record<string, unknown>, domain: string): Promise<{ txtName: string; txtValue: string }> {
  const put = await a.client.req('PUT', '/v1/org/sso', body);
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  const d = await a.client.req('POST', '/v1/org/sso/domains', { domain });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  return d.body as { txtName: string; txtValue: string };
}

async function prove(a: OrgAdmin, domain: string, txt: { txtName: string; txtValue: string }): Promise<void> {
  dns.records.set(txt.txtName, [txt.txtValue]);
  const v = await a.client.req('POST', `/v1/org/sso/domains/${domain}/verify`);
  expect(v.status, JSON.stringify(v.body)).toBe(200);
  expect(v.body.verified).toBe(true);
}

async function ssoAudit(orgId: string): Promise<Array<{ action: string; outcome: string; reason: string | null }>> {
  return sql((s) => s<Array<{ action: string; outcome: string; reason: string | null }>>`
    select action, outcome, reason from audit_events where org_id = ${orgId} order by seq`);
}

let acme: OrgAdmin;
let beta: OrgAdmin;
let contoso: OrgAdmin;
let hostileOrg: OrgAdmin;
let bobPassword = '';

describe('SSO connection and domain proof', () => {
  it('AUTH-9: a connection enforces nothing until the organisation proves its domain with a DNS TXT record; the proof is one organisation\'s only', async () => {
    // Bob has a password account at acme.test from before the organisation set up SSO.
    bobPassword = goodPassword();
    await registerAndSignIn(base, smtp, 'bob@acme.test', bobPassword);

    acme = await orgWithAdmin('Acme');
    const txt = await connect(acme, { provider: 'google', issuer: google.issuer, clientId: 'acme', clientSecret: secretA, ssoRequired: true }, 'acme.test');
    expect(txt.txtName).toBe('_palisade-verification.acme.test');

    // Unproven: no SSO, and password sign-in still works for the domain.
    const early = await new Browser().go('GET', `${base}/v1/auth/sso/start?email=alice@acme.test`);
    expect(early.status).toBe(404);
    expect(early.json.code).toBe('sso_not_configured');
    expect((await new Client(base).req('POST', '/v1/auth/sign-in', { email: 'bob@acme.test', password: bobPassword })).status).toBe(200);

    // A TXT record with another value proves nothing; nor does no record.
    const none = await acme.client.req('POST', '/v1/org/sso/domains/acme.test/verify');
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('domain_not_verified');
    dns.records.set(txt.txtName, ['palisade-domain-verification=not-the-token-we-were-given']);
    expect((await acme.client.req('POST', '/v1/org/sso/domains/acme.test/verify')).status).toBe(409);
    await prove(acme, 'acme.test', txt);

    // Another organisation publishing its own record for the same domain cannot take it.
    const rival = await orgWithAdmin('Rival');
    const rtxt = await connect(rival, { provider: 'google', issuer: google.issuer, clientId: 'beta', clientSecret: secretB }, 'acme.test');
    dns.records.set(rtxt.txtName, [rtxt.txtValue]);
    const taken = await rival.client.req('POST', '/v1/org/sso/domains/acme.test/verify');
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('domain_not_verified');
    // A domain another organisation claimed answers exactly like one nobody claimed (TEN-4).
    expect((await acme.client.req('POST', '/v1/org/sso/domains', { domain: 'acme-eu.test' })).status).toBe(201);
    const foreign = await rival.client.req('POST', '/v1/org/sso/domains/acme-eu.test/verify');
    const missing = await rival.client.req('POST', '/v1/org/sso/domains/never-claimed.test/verify');
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body, requestId: null }).toEqual({ ...missing.body, requestId: null });

    const view = await acme.client.req('GET', '/v1/org/sso');
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ provider: 'google', issuer: google.issuer, clientId: 'acme', clientSecretSet: true, ssoRequired: true, domains: [{ domain: 'acme-eu.test', verified: false }, { domain: 'acme.test', verified: true }] });
    expect(JSON.stringify(view.body)).not.toContain(secretA);
    const actions = (await ssoAudit(acme.orgId)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['org.sso_changed', 'org.domain_added', 'org.domain_verified']));
  });

  it('AUTH-9: the client secret is write-only: never answered, sealed at rest, kept when an update omits it', async () => {
    const rows = await sql((s) => s<{ client_secret: Buffer }[]>`select client_secret from org_sso_connections where org_id = ${acme.orgId}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.client_secret.toString('latin1')).not.toContain(secretA);
    const upd = await acme.client.req('PUT', '/v1/org/sso', { provider: 'google', issuer: google.issuer, clientId: 'acme', ssoRequired: true });
    expect(upd.status).toBe(200);
    expect(JSON.stringify(upd.body)).not.toContain(secretA);
    const after = await sql((s) => s<{ client_secret: Buffer }[]>`select client_secret from org_sso_connections where org_id = ${acme.orgId}`);
    expect(after[0]!.client_secret.equals(rows[0]!.client_secret)).toBe(true);
    // A new connection without a secret is refused.
    const fresh = await orgWithAdmin('No secret');
    const bad = await fresh.client.req('PUT', '/v1/org/sso', { provider: 'google', issuer: google.issuer, clientId: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('sso_failed');
  });
});

describe('SSO sign-in', () => {
  it('AUTH-9: through the Google-shaped IdP\'s real login and consent pages: a new person gets an account just in time and a membership with the default role; signing in again reuses both', async () => {
    google.accounts.set('g-alice', { email: 'alice@acme.test', email_verified: true, hd: 'acme.test', name: 'Alice Acme' });
    const { browser, callback } = await ssoSignIn('alice@acme.test', 'g-alice');
    expect(callback.status, callback.body).toBe(302);
    expect(callback.location).toBe(`${base}/`);
    expect(browser.cookie(base, '__Host-palisade_sso')).toBeUndefined();
    const who = await me(browser);
    expect(who.status).toBe(200);
    expect((who.json.user as { email: string }).email).toBe('alice@acme.test');
    const org = await browser.go('GET', `${base}/v1/org`);
    expect(org.status).toBe(200);
    const members = await sql((s) => s<{ roles: string[]; password_hash: string | null }[]>`
      select m.roles, u.password_hash from memberships m join users u on u.id = m.user_id where m.org_id = ${acme.orgId} and u.email_key = 'alice@acme.test'`);
    expect(members).toEqual([{ roles: ['viewer'], password_hash: null }]);

    const again = await ssoSignIn('alice@acme.test', 'g-alice');
    expect(again.callback.status).toBe(302);
    expect((await me(again.browser)).status).toBe(200);
    const users = await sql((s) => s`select id from users where email_key = 'alice@acme.test'`);
    expect(users).toHaveLength(1);

    const userId = (who.json.user as { id: string }).id;
    const platform = await sql((s) => s<{ action: string }[]>`select action from audit_events where org_id = 'platform' and (target_id = ${userId} or actor_id = ${userId})`);
    expect(platform.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.sso_account_created', 'auth.sign_in', 'auth.session_created']));
    const inOrg = (await ssoAudit(acme.orgId)).map((a) => a.action);
    expect(inOrg).toEqual(expect.arrayContaining(['org.member_added', 'auth.sso_started']));
  });

  it('V7.1.3: an SSO session is a Palisade session as documented: the same session row, rolling window and absolute lifetime settings, and Palisade\'s sign-out ends it', async () => {
    const { browser, callback } = await ssoSignIn('alice@acme.test', 'g-alice');
    expect(callback.status).toBe(302);
    const who = await me(browser);
    expect(who.status).toBe(200);
    const userId = (who.json.user as { id: string }).id;
    const [row] = await sql((s) => s<{ id: string; amr: string[]; window: number }[]>`
      select id, amr, extract(epoch from expires_at - created_at)::int as window from sessions
      where user_id = ${userId} and revoked_at is null order by created_at desc limit 1`);
    expect(row?.amr).toEqual(['sso']);
    expect(row?.window).toBe(Math.min(app.config.PALISADE_SESSION_ROLLING_WINDOW_SECONDS, app.config.PALISADE_SESSION_MAX_LIFETIME_SECONDS));
    const out = await browser.go('POST', `${base}/v1/auth/sign-out`, undefined, { origin: base, 'x-csrf-token': String(who.json.csrfToken) });
    expect(out.status).toBe(204);
    expect((await me(browser)).status).toBe(401);
    const [gone] = await sql((s) => s<{ revoked_reason: string | null }[]>`select revoked_reason from sessions where id = ${row?.id ?? ''}`);
    expect(gone?.revoked_reason).toBeTruthy();
    // The documentation says so, and names the settings that govern it.
    const doc = readFileSync(new URL('../../docs/authentication.md', import.meta.url), 'utf8');
    expect(doc).toContain('An SSO session is a Palisade session with the same lifetimes');
    expect(doc).toContain('out of the IdP does not end it (no back-channel logout)');
  });

  it('AUTH-9: single sign-on counts as one factor: in an organisation that requires MFA the SSO session is pending until a factor is enrolled', async () => {
    const set = await acme.client.req('PUT', '/v1/org/auth-policy', { requireMfa: true });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    try {
      const { browser, callback } = await ssoSignIn('alice@acme.test', 'g-alice');
      expect(callback.status).toBe(302);
      expect(callback.location).toBe(`${base}/?next=mfa_enrol`);
      expect((await me(browser)).status).toBe(401);
      // The page the browser lands on learns the step and its CSRF token, then enrols.
      const pending = await browser.go('GET', `${base}/v1/auth/mfa/pending`);
      expect(pending.status).toBe(200);
      expect(pending.json.step).toBe('mfa_enrol');
      const csrf = String(pending.json.csrfToken);
      expect((await browser.go('POST', `${base}/v1/me/mfa/totp`, undefined, { origin: base, 'x-csrf-token': csrf })).status).toBe(201);
      expect((await new Browser().go('GET', `${base}/v1/auth/mfa/pending`)).status).toBe(401);
    } finally {
      expect((await acme.client.req('PUT', '/v1/org/auth-policy', { requireMfa: false })).status).toBe(200);
    }
  });

  it('AUTH-9: ssoRequired refuses password sign-in for every address of the proven domain, registered or not, before any password check', async () => {
    const known = await new Client(base).req('POST', '/v1/auth/sign-in', { email: 'bob@acme.test', password: bobPassword });
    expect(known.status).toBe(403);
    expect(known.body.code).toBe('sso_required');
    const unknown = await new Client(base).req('POST', '/v1/auth/sign-in', { email: 'nobody@acme.test', password: 'whatever it is, it is not checked' });
    expect(unknown.status).toBe(403);
    expect(unknown.body.code).toBe('sso_required');
    // Other domains are untouched.
    expect((await new Client(base).req('POST', '/v1/auth/sign-in', { email: 'nobody@elsewhere.test', password: 'whatever it is, it is not checked' })).status).toBe(401);
  });

  it('AUTH-9: an IdP account whose address matches an existing password account is not linked to it (sso_account_exists)', async () => {
    google.accounts.set('g-bob', { email: 'bob@acme.test', email_verified: true, name: 'Not Bob' });
    const { browser, callback } = await ssoSignIn('bob@acme.test', 'g-bob');
    expect(callback.status).toBe(409);
    expect(callback.json.code).toBe('sso_account_exists');
    expect((await me(browser)).status).toBe(401);
    const links = await sql((s) => s`select 1 from sso_identities where subject = 'g-bob'`);
    expect(links).toHaveLength(0);
  });

  it('AUTH-9: the Microsoft-shaped IdP vouches for the address with xms_edov (no email_verified); without it the sign-in is refused', async () => {
    contoso = await orgWithAdmin('Contoso');
    const txt = await connect(contoso, { provider: 'microsoft', issuer: microsoft.issuer, clientId: 'contoso', clientSecret: secretM }, 'contoso.test');
    await prove(contoso, 'contoso.test', txt);
    microsoft.accounts.set('m-carol', { email: 'carol@contoso.test', xms_edov: true, tid: '9188040d-6c67-4c5b-b112-36a304b66dad', preferred_username: 'carol@contoso.test', name: 'Carol' });
    const ok = await ssoSignIn('carol@contoso.test', 'm-carol');
    expect(ok.callback.status, ok.callback.body).toBe(302);
    expect(((await me(ok.browser)).json.user as { email: string }).email).toBe('carol@contoso.test');

    microsoft.accounts.set('m-dave', { email: 'dave@contoso.test', tid: '9188040d-6c67-4c5b-b112-36a304b66dad', name: 'Dave' });
    const refused = await ssoSignIn('dave@contoso.test', 'm-dave');
    expect(refused.callback.status).toBe(400);
    expect(refused.callback.json.code).toBe('sso_failed');
    expect(await sql((s) => s`select 1 from users where email_key = 'dave@contoso.test'`)).toHaveLength(0);
  });

  it('AUTH-9: the presets derive the issuer: Google\'s, Microsoft\'s tenant-specific one; a plain-HTTP issuer off loopback is refused', async () => {
    const o = await orgWithAdmin('Presets');
    const g = await o.client.req('PUT', '/v1/org/sso', { provider: 'google', clientId: 'g', clientSecret: 's3cret-value' });
    expect(g.body.issuer).toBe('https://accounts.google.com');
    const m = await o.client.req('PUT', '/v1/org/sso', { provider: 'microsoft', tenantId: '9188040D-6C67-4C5B-B112-36A304B66DAD', clientId: 'm' });
    expect(m.body.issuer).toBe('https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0');
    const noTenant = await o.client.req('PUT', '/v1/org/sso', { provider: 'microsoft', clientId: 'm' });
    expect(noTenant.status).toBe(400);
    const http = await o.client.req('PUT', '/v1/org/sso', { provider: 'generic', issuer: 'http://idp.example.com', clientId: 'm' });
    expect(http.status).toBe(400);
    expect(http.body.code).toBe('sso_failed');
  });
});

describe('SSO attacks', () => {
  async function refusedWith(hop: Hop, code = 'sso_failed'): Promise<void> {
    expect(hop.status, hop.body).toBeGreaterThanOrEqual(400);
    expect(hop.status).toBeLessThan(500);
    expect(hop.json.code).toBe(code);
  }

  it('AUTH-9: a forged state, a state swapped from another browser, or no state cookie is refused; the login it named stays unusable by the attacker', async () => {
    google.accounts.set('g-erin', { email: 'erin@acme.test', email_verified: true });
    const victim = new Browser();
    const victimUrl = await throughIdp(victim, 'erin@acme.test', 'g-erin');
    const attacker = new Browser();
    const attackerUrl = await throughIdp(attacker, 'erin@acme.test', 'g-erin');

    // Forged: a state no login has, with the browser's cookie.
    const forged = new URL(victimUrl);
    forged.searchParams.set('state', 'A'.repeat(43));
    await refusedWith(await victim.go('GET', forged.href));
    // Swapped (login CSRF): the attacker's callback URL, in the victim's browser.
    await refusedWith(await victim.go('GET', attackerUrl));
    // No cookie at all.
    await refusedWith(await new Browser().go('GET', victimUrl));
    expect((await me(victim)).status).toBe(401);
    // The victim's own login still completes in the victim's browser.
    expect((await victim.go('GET', victimUrl)).status).toBe(302);
    expect((await me(victim)).status).toBe(200);
  });

  it('AUTH-9: a replayed callback (same code and state) is refused, and so is the used code under a fresh login\'s state', async () => {
    const first = await ssoSignIn('alice@acme.test', 'g-alice');
    expect(first.callback.status).toBe(302);
    // The same callback again, in the same browser (the state cookie was cleared, so put it back).
    const replay = new Browser();
    const state = new URL(first.url).searchParams.get('state') ?? '';
    replay.jars.set(new URL(base).host, new Map([['__Host-palisade_sso', state]]));
    await refusedWith(await replay.go('GET', first.url));
    // The used code with a new login's state and cookie.
    const fresh = new Browser();
    const freshUrl = new URL(await throughIdp(fresh, 'alice@acme.test', 'g-alice'));
    freshUrl.searchParams.set('code', new URL(first.url).searchParams.get('code') ?? '');
    await refusedWith(await fresh.go('GET', freshUrl.href));
    expect((await me(fresh)).status).toBe(401);
  });

  it('AUTH-9: one organisation\'s connection cannot sign anyone into another: an address outside the login\'s proven domains, or a code issued to the other organisation\'s client', async () => {
    beta = await orgWithAdmin('Beta');
    const txt = await connect(beta, { provider: 'google', issuer: google.issuer, clientId: 'beta', clientSecret: secretB }, 'beta.test');
    await prove(beta, 'beta.test', txt);

    // Beta's login, an IdP account that asserts an Acme address: refused, nothing joined.
    google.accounts.set('g-mallory', { email: 'mallory@acme.test', email_verified: true });
    const cross = await ssoSignIn('someone@beta.test', 'g-mallory');
    await refusedWith(cross.callback);
    expect(await sql((s) => s`select 1 from users where email_key = 'mallory@acme.test'`)).toHaveLength(0);

    // A code Beta's client obtained, delivered into an Acme login (with Acme's state and cookie).
    google.accounts.set('g-frank', { email: 'frank@beta.test', email_verified: true });
    const betaBrowser = new Browser();
    const betaUrl = new URL(await throughIdp(betaBrowser, 'frank@beta.test', 'g-frank'));
    const acmeBrowser = new Browser();
    const acmeUrl = new URL(await throughIdp(acmeBrowser, 'alice@acme.test', 'g-alice'));
    acmeUrl.searchParams.set('code', betaUrl.searchParams.get('code') ?? '');
    await refusedWith(await acmeBrowser.go('GET', acmeUrl.href));
    expect((await me(acmeBrowser)).status).toBe(401);
    const betaMembers = await sql((s) => s`select 1 from memberships m join users u on u.id = m.user_id where m.org_id = ${acme.orgId} and u.email_key = 'frank@beta.test'`);
    expect(betaMembers).toHaveLength(0);
  });

  it('AUTH-9: mix-up: a response of the Microsoft IdP delivered into a Google login is refused (RFC 9207 iss)', async () => {
    const msBrowser = new Browser();
    const msUrl = new URL(await throughIdp(msBrowser, 'carol@contoso.test', 'm-carol'));
    expect(msUrl.searchParams.get('iss')).toBe(microsoft.issuer);
    const acmeBrowser = new Browser();
    const acmeUrl = new URL(await throughIdp(acmeBrowser, 'alice@acme.test', 'g-alice'));
    acmeUrl.searchParams.set('code', msUrl.searchParams.get('code') ?? '');
    acmeUrl.searchParams.set('iss', microsoft.issuer);
    await refusedWith(await acmeBrowser.go('GET', acmeUrl.href));
    expect((await me(acmeBrowser)).status).toBe(401);
  });

  describe('ID tokens no honest IdP signs', () => {
    beforeAll(async () => {
      hostileOrg = await orgWithAdmin('Hostile');
      const txt = await connect(hostileOrg, { provider: 'generic', issuer: hostile.issuer, clientId: 'hostile', clientSecret: secretH }, 'hostile.test');
      await prove(hostileOrg, 'hostile.test', txt);
    });

    let lastBrowser = new Browser();
    async function withTamper(tamper: HostileIdp['tamper']): Promise<Hop> {
      hostile.tamper = tamper;
      try {
        const browser = new Browser();
        lastBrowser = browser;
        const start = await browser.go('GET', `${base}/v1/auth/sso/start?email=eve@hostile.test`);
        expect(start.status).toBe(302);
        const back = await browser.go('GET', start.location ?? '');
        expect(back.status).toBe(302);
        const hop = await browser.go('GET', back.location ?? '');
        if (hop.status === 302) expect((await me(browser)).status).toBe(200);
        else expect((await me(browser)).status).toBe(401);
        return hop;
      } finally {
        hostile.tamper = {};
      }
    }

    it('AUTH-9: the untampered token signs in (the hostile IdP\'s baseline); no IdP token reaches the browser', async () => {
      const hop = await withTamper({});
      expect(hop.status, hop.body).toBe(302);
      const seen = JSON.stringify([hop.body, hop.location, [...lastBrowser.jars.entries()].map(([h, j]) => [h, [...j.entries()]])]);
      const issued = hostile.issued.slice(-2);
      expect(issued).toHaveLength(2);
      for (const token of issued) expect(seen).not.toContain(token);
    });

    it('AUTH-9: an IdP whose metadata names another issuer than the configured one (an impostor) starts no login', async () => {
      const impostor = await startHostileIdp({ clientId: 'impostor', clientSecret: secretH, redirectUri: callbackUrl }, { sub: 'i-1', email: 'ivan@impostor.test' }, { metadataIssuer: google.issuer });
      try {
        const org = await orgWithAdmin('Impostor');
        const txt = await connect(org, { provider: 'generic', issuer: impostor.issuer, clientId: 'impostor', clientSecret: secretH }, 'impostor.test');
        await prove(org, 'impostor.test', txt);
        const start = await new Browser().go('GET', `${base}/v1/auth/sso/start?email=ivan@impostor.test`);
        await refusedWith(start);
        expect(impostor.nonces).toHaveLength(0);
        const audit = await ssoAudit(org.orgId);
        expect(audit.some((a) => a.action === 'auth.sso_started' && a.outcome === 'failed')).toBe(true);
      } finally {
        await impostor.close();
      }
    });

    it('AUTH-9: an ID token for another client (aud) is refused', async () => {
      await refusedWith(await withTamper({ aud: 'some-other-client' }));
    });

    it('AUTH-9: an ID token naming another issuer is refused', async () => {
      await refusedWith(await withTamper({ iss: google.issuer }));
    });

    it('AUTH-9: an ID token with another login\'s nonce (replayed nonce) is refused', async () => {
      const earlier = hostile.nonces.at(-1);
      expect(earlier).toBeTruthy();
      await refusedWith(await withTamper({ nonce: earlier ?? 'x' }));
    });

    it('AUTH-9: an ID token signed by a key outside the IdP\'s JWKS is refused', async () => {
      await refusedWith(await withTamper({ foreignKey: true }));
    });

    it('AUTH-9: email_verified false, or an address outside the proven domains, is refused', async () => {
      await refusedWith(await withTamper({ claims: { email_verified: false } }));
      await refusedWith(await withTamper({ claims: { email: 'eve@acme.test' } }));
      const audit = await ssoAudit(hostileOrg.orgId);
      const reasons = audit.filter((a) => a.action === 'auth.sso_callback' && a.outcome === 'failed').map((a) => a.reason);
      expect(reasons).toEqual(expect.arrayContaining(['the IdP does not vouch for the address', 'address outside the organisation\'s verified domains', 'the IdP response did not validate']));
    });
  });
});
