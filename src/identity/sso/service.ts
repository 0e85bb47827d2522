/* Single sign-on with OpenID Connect, one connection per organisation (openid-client).
   Claims AUTH-9, AUTH-12. References: OpenID Connect Core 1.0 §3.1 (code flow, nonce), RFC 7636
   (PKCE), RFC 9207 (iss in the authorization response: mix-up), RFC 9700 §4.7 (CSRF via state).
   Invariants:
   - A login is started for an address whose domain an organisation proved it controls (DNS TXT
     record) and which has an enabled connection. Its state, nonce and PKCE verifier are fresh
     random values; the state is stored only as a hash, in a row the callback deletes (single
     use, ten minutes), and the browser that started the login holds it in a __Host- cookie: a
     callback whose state does not match that cookie (forged or swapped) is refused.
   - The code is exchanged with PKCE; openid-client checks the ID token's signature (against the
     issuer's JWKS: enableNonRepudiationChecks), issuer (also the response's `iss`, RFC 9207),
     audience (our client id), nonce and times.
   - The IdP must vouch for the address (Google: email_verified; Microsoft: xms_edov, its
     "domain owner verified" claim; generic: email_verified), and the address must be in one of
     the organisation's verified domains.
   - An IdP account signs in as the user it is linked to; an unlinked address with no account
     gets one just in time (no password) and a membership with the connection's default role; an
     unlinked address that already has an account is refused (sso_account_exists): linking needs
     proof of both sides, and the IdP alone is one side.
   - A user with a second factor, or in an organisation that requires one, gets a pending
     session as after a password (the same second step).
   - The client secret is sealed by the keyring under the organisation's key and never returned. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import type { Logger } from 'pino';
import * as oidc from 'openid-client';
import { withOrg, withSystem, type Db, type SystemTx } from '../../db/index.js';
import type { Keyring } from '../../crypto/index.js';
import type { Caller, RequestSource } from '../../lib/caller.js';
import type { Clock } from '../../lib/clock.js';
import { NotFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { appendAudit } from '../../audit/index.js';
import { auditAuthEvent, type AuthEvent } from '../audit.js';
import { emailKey } from '../config.js';
import type { Identity } from '../service.js';
import { DomainNotVerified, SsoAccountExists, SsoFailed, SsoNotConfigured } from './errors.js';
import * as repo from './repo.js';

export const SSO_COOKIE = '__Host-palisade_sso';
const LOGIN_TTL_MS = 10 * 60_000;
const SECRET_REF = (orgId: string) => ({ table: 'org_sso_connections', column: 'client_secret', rowId: orgId });
export const TXT_PREFIX = '_palisade-verification';

export type Provider = 'google' | 'microsoft' | 'generic';

export interface ConnectionInput {
  provider: Provider;
  /** Microsoft: the directory (tenant) id; the issuer is derived from it. */
  tenantId?: string | undefined;
  /** Required for generic; overrides a preset's issuer (sovereign clouds, tests). */
  issuer?: string | undefined;
  clientId: string;
  /** Write-only; omitted on an update to keep the stored one. */
  clientSecret?: string | undefined;
  defaultRole: string;
  ssoRequired: boolean;
  enabled: boolean;
}

export interface ConnectionView {
  provider: Provider;
  issuer: string;
  clientId: string;
  clientSecretSet: true;
  defaultRole: string;
  ssoRequired: boolean;
  enabled: boolean;
  updatedAt: string;
  domains: Array<{ domain: string; verified: boolean; txtName: string; txtValue: string }>;
}

export interface SsoConfig {
  publicUrl: string;
  devMode: boolean;
  /** DNS servers for domain proofs (empty: the system's). */
  dnsServers: readonly string[];
}

export interface Sso {
  get(c: Caller): Promise<ConnectionView>;
  put(c: Caller, input: ConnectionInput): Promise<ConnectionView>;
  remove(c: Caller): Promise<void>;
  addDomain(c: Caller, domain: string): Promise<ConnectionView['domains'][number]>;
  verifyDomain(c: Caller, domain: string): Promise<ConnectionView['domains'][number]>;
  /** The IdP URL to send the browser to, and the cookie binding the login to this browser. */
  start(email: string, source: RequestSource): Promise<{ redirectTo: string; cookie: string }>;
  /** Finishes a login; the session cookie, and the step still due (second factor), if any. */
  callback(url: URL, cookieState: string | undefined, source: RequestSource): Promise<{ cookie: string; next: 'mfa' | 'mfa_enrol' | null }>;
}

export interface SsoDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  keyring: Keyring;
  identity: Identity;
  config: SsoConfig;
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export function issuerFor(input: Pick<ConnectionInput, 'provider' | 'tenantId' | 'issuer'>): string | null {
  if (input.issuer) return input.issuer.replace(/\/+$/, '');
  if (input.provider === 'google') return 'https://accounts.google.com';
  if (input.provider === 'microsoft' && input.tenantId && /^[0-9a-f-]{36}$/i.test(input.tenantId)) return `https://login.microsoftonline.com/${input.tenantId.toLowerCase()}/v2.0`;
  return null;
}

function loopback(u: URL): boolean {
  return u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
}

/** Whether the IdP vouches that the address is the account holder's, as each provider says it. */
export function emailVouched(provider: Provider, claims: Record<string, unknown>): boolean {
  if (provider === 'microsoft') return claims.xms_edov === true || claims.email_verified === true;
  return claims.email_verified === true;
}

/** An anonymous SSO event (a login started or refused): the platform log, and the log of the
    organisation whose connection it used, so its admins see attacks on their sign-in (AUTH-12). */
async function auditOrgEvent(tx: SystemTx, orgId: string | null, e: AuthEvent): Promise<void> {
  await auditAuthEvent(tx, null, e);
  if (orgId) await appendAudit(tx, { ...e, orgId });
}

export function createSso(deps: SsoDeps): Sso {
  const { db, clock, keyring, identity, config } = deps;
  const redirectUri = `${config.publicUrl}/v1/auth/sso/callback`;
  const configs = new Map<string, Promise<oidc.Configuration>>();

  const clientConfig = (row: repo.ConnectionRow, secret: string): Promise<oidc.Configuration> => {
    const key = `${row.org_id}|${row.updated_at.getTime()}`;
    let p = configs.get(key);
    if (!p) {
      const issuer = new URL(row.issuer);
      // Plain HTTP only for a loopback issuer in development (the test IdPs).
      const insecure = issuer.protocol === 'http:' && config.devMode && loopback(issuer);
      // enableNonRepudiationChecks: the ID token's signature is verified against the issuer's
      // JWKS even though it came straight from the token endpoint (OIDC Core §3.1.3.7 lets TLS
      // stand in for it; a compromised or confused IdP host should not).
      const execute = insecure ? [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks] : [oidc.enableNonRepudiationChecks];
      p = oidc.discovery(issuer, row.client_id, { redirect_uris: [redirectUri], response_types: ['code'] }, oidc.ClientSecretBasic(secret), { execute });
      p.catch(() => configs.delete(key));
      configs.set(key, p);
    }
    return p;
  };

  const view = async (c: Caller, row: repo.ConnectionRow | null): Promise<ConnectionView> => {
    if (!row) throw new SsoNotConfigured();
    const ds = await withOrg(db, c.orgId, c.actor, (tx) => repo.domains(tx));
    return {
      provider: row.provider,
      issuer: row.issuer,
      clientId: row.client_id,
      clientSecretSet: true,
      defaultRole: row.default_role,
      ssoRequired: row.sso_required,
      enabled: row.enabled,
      updatedAt: row.updated_at.toISOString(),
      domains: ds.map(domainView),
    };
  };
  const domainView = (d: repo.DomainRow) => ({ domain: d.domain, verified: d.verified_at !== null, txtName: `${TXT_PREFIX}.${d.domain}`, txtValue: `palisade-domain-verification=${d.token}` });

  const audit = (c: Caller, action: string, metadata: Record<string, unknown>) =>
    ({ action, actor: c.actor, target: { type: 'org', id: c.orgId }, outcome: 'allowed' as const, source: c.source, ...(c.reason ? { reason: c.reason } : {}), metadata });

  const resolver = (): Resolver => {
    const r = new Resolver({ timeout: 3000, tries: 1 });
    if (config.dnsServers.length) r.setServers([...config.dnsServers]);
    return r;
  };

  return {
    async get(c) {
      return view(c, await withOrg(db, c.orgId, c.actor, async (tx) => {
        const row = await repo.connection(tx);
        await appendAudit(tx, audit(c, 'org.sso_read', {}));
        return row;
      }));
    },

    async put(c, input) {
      const issuer = issuerFor(input);
      if (!issuer) throw new SsoFailed('An issuer is needed: the tenant id for microsoft, or issuer for generic');
      const u = new URL(issuer);
      if (u.protocol !== 'https:' && !(config.devMode && loopback(u))) throw new SsoFailed('The issuer must be an https URL');
      const now = clock.now();
      const row = await withOrg(db, c.orgId, c.actor, async (tx) => {
        const secret = input.clientSecret === undefined ? null : await keyring.encryptField(tx, SECRET_REF(c.orgId), input.clientSecret);
        const ok = await repo.putConnection(tx, {
          provider: input.provider, issuer, client_id: input.clientId, client_secret: secret,
          default_role: input.defaultRole, sso_required: input.ssoRequired, enabled: input.enabled, updated_at: now,
        });
        if (!ok) return null;
        await appendAudit(tx, audit(c, 'org.sso_changed', { provider: input.provider, issuer, clientId: input.clientId, secretChanged: secret !== null, ssoRequired: input.ssoRequired, enabled: input.enabled, defaultRole: input.defaultRole }));
        return repo.connection(tx);
      });
      if (!row) throw new SsoFailed('A new connection needs its client secret');
      return view(c, row);
    },

    async remove(c) {
      const ok = await withOrg(db, c.orgId, c.actor, async (tx) => {
        if (!(await repo.deleteConnection(tx))) return false;
        await appendAudit(tx, audit(c, 'org.sso_removed', {}));
        return true;
      });
      if (!ok) throw new SsoNotConfigured();
    },

    async addDomain(c, domain) {
      const d = domain.trim().toLowerCase().replace(/\.$/, '');
      const row = await withOrg(db, c.orgId, c.actor, async (tx) => {
        const r = await repo.addDomain(tx, d, randomBytes(16).toString('hex'), clock.now());
        await appendAudit(tx, audit(c, 'org.domain_added', { domain: d }));
        return r;
      });
      return domainView(row);
    },

    async verifyDomain(c, domain) {
      const d = domain.trim().toLowerCase().replace(/\.$/, '');
      const row = (await withOrg(db, c.orgId, c.actor, (tx) => repo.domains(tx))).find((x) => x.domain === d);
      // A domain this organisation never claimed is not found, whoever else claimed it (TEN-4).
      if (!row) throw new NotFound();
      if (row.verified_at) return domainView(row);
      const expected = `palisade-domain-verification=${row.token}`;
      let records: string[][] = [];
      try {
        records = await resolver().resolveTxt(`${TXT_PREFIX}.${d}`);
      } catch {
        records = [];
      }
      if (!records.some((chunks) => chunks.join('') === expected)) throw new DomainNotVerified();
      const now = clock.now();
      try {
        await withOrg(db, c.orgId, c.actor, async (tx) => {
          await repo.markDomainVerified(tx, d, now);
          await appendAudit(tx, audit(c, 'org.domain_verified', { domain: d }));
        });
      } catch (e) {
        // Another organisation proved it first (unique index on verified domains).
        if ((e as { code?: string }).code === '23505') throw new DomainNotVerified();
        throw e;
      }
      return domainView({ ...row, verified_at: now });
    },

    async start(email, source) {
      await identity.rateLimiter.hit('sso_start', { ip: source.ip });
      const key = emailKey(email);
      const domain = key.slice(key.lastIndexOf('@') + 1);
      const now = clock.now();
      const found = await withSystem(db, async (tx) => {
        const orgId = await repo.orgForDomain(tx, domain);
        return orgId ? repo.connectionOf(tx, orgId) : null;
      });
      if (!found) throw new SsoNotConfigured();
      const secret = await withOrg(db, found.org_id as Caller['orgId'], { type: 'system', id: null }, (tx) => keyring.decryptField(tx, SECRET_REF(found.org_id), found.client_secret));
      let cfg: oidc.Configuration;
      try {
        cfg = await clientConfig(found, secret.toString('utf8'));
      } catch (e) {
        // Unreachable IdP, or metadata that does not name the configured issuer exactly (an
        // impostor, ASVS V10.5.3): no login starts, and the organisation's log says why.
        await withSystem(db, (tx) => auditOrgEvent(tx, found.org_id, { action: 'auth.sso_started', actor: { type: 'anonymous', id: null }, target: { type: 'org', id: found.org_id }, outcome: 'failed', reason: 'the IdP metadata could not be fetched or did not validate', source, occurredAt: now, metadata: { issuer: found.issuer, error: (e as Error).message.slice(0, 200) } }));
        throw new SsoFailed('The identity provider could not be reached or did not identify itself as configured');
      }
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const verifier = oidc.randomPKCECodeVerifier();
      await withSystem(db, async (tx) => {
        await repo.insertLogin(tx, { stateHash: sha256(state), orgId: found.org_id, nonce, codeVerifier: verifier, now, expiresAt: new Date(now.getTime() + LOGIN_TTL_MS) });
        await auditOrgEvent(tx, found.org_id, { action: 'auth.sso_started', actor: { type: 'anonymous', id: null }, target: { type: 'org', id: found.org_id }, outcome: 'allowed', source, occurredAt: now, metadata: { issuer: found.issuer } });
      });
      const url = oidc.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        login_hint: email.trim(),
      });
      const cookie = `${SSO_COOKIE}=${state}; Path=/; Max-Age=${LOGIN_TTL_MS / 1000}; HttpOnly; Secure; SameSite=Lax`;
      return { redirectTo: url.href, cookie };
    },

    async callback(url, cookieState, source) {
      await identity.rateLimiter.hit('sso_callback', { ip: source.ip });
      const state = url.searchParams.get('state') ?? '';
      const now = clock.now();
      const refuse = async (reason: string, orgId: string | null, metadata: Record<string, unknown> = {}): Promise<never> => {
        await withSystem(db, (tx) => auditOrgEvent(tx, orgId, {
          action: 'auth.sso_callback', actor: { type: 'anonymous', id: null }, outcome: 'failed', reason, source, occurredAt: now,
          ...(orgId ? { target: { type: 'org', id: orgId } } : {}), metadata,
        }));
        throw new SsoFailed();
      };
      // The login must be this browser's (RFC 9700 §4.7): forged or swapped states stop here.
      const bound = cookieState !== undefined && cookieState.length === state.length && state.length > 0 &&
        timingSafeEqual(Buffer.from(cookieState), Buffer.from(state));
      if (!bound) return refuse('state does not match this browser', null);
      const login = await withSystem(db, (tx) => repo.takeLogin(tx, sha256(state), now));
      if (!login) return refuse('unknown, used or expired state', null);
      const row = await withSystem(db, (tx) => repo.connectionOf(tx, login.org_id));
      if (!row) return refuse('connection removed or disabled', login.org_id);
      const secret = await withOrg(db, row.org_id as Caller['orgId'], { type: 'system', id: null }, (tx) => keyring.decryptField(tx, SECRET_REF(row.org_id), row.client_secret));
      let claims: Record<string, unknown>;
      try {
        const cfg = await clientConfig(row, secret.toString('utf8'));
        const tokens = await oidc.authorizationCodeGrant(cfg, url, { pkceCodeVerifier: login.code_verifier, expectedState: state, expectedNonce: login.nonce, idTokenExpected: true });
        claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      } catch (e) {
        return refuse('the IdP response did not validate', login.org_id, { error: (e as Error).message.slice(0, 200) });
      }
      const issuer = String(claims.iss ?? '');
      const subject = String(claims.sub ?? '');
      const email = typeof claims.email === 'string' ? claims.email.trim() : '';
      if (!email || !emailVouched(row.provider, claims)) return refuse('the IdP does not vouch for the address', login.org_id, { issuer, subject });
      const key = emailKey(email);
      const domain = key.slice(key.lastIndexOf('@') + 1);
      const name = typeof claims.name === 'string' ? claims.name.slice(0, 200) : null;

      const outcome = await withSystem(db, async (tx) => {
        if (!(await repo.isVerifiedDomainOf(tx, row.org_id, domain))) return { refused: 'address outside the organisation\'s verified domains' } as const;
        let user = await repo.linkedUser(tx, issuer, subject);
        let created = false;
        if (!user) {
          if (await repo.userByEmailKey(tx, key)) return { refused: 'an account with this address exists and is not linked to this IdP account' } as const;
          const id = newId('usr');
          if (!(await repo.insertSsoUser(tx, { id, email, emailKey: key, name, now }))) return { refused: 'address taken meanwhile' } as const;
          await repo.link(tx, { issuer, subject, userId: id, orgId: row.org_id, now });
          user = { user_id: id, email, name };
          created = true;
        }
        const joined = await repo.ensureMember(tx, row.org_id, user.user_id, row.default_role, now);
        const f = await repo.factorsOf(tx, user.user_id);
        const step: 'mfa' | 'mfa_enrol' | null = f.has_factor ? 'mfa' : f.mfa_required || identity.config.mfa.requiredForAll ? 'mfa_enrol' : null;
        const session = identity.sessions.prepare({ userId: user.user_id, email: user.email, activeOrgId: row.org_id, pendingStep: step, amr: ['sso'], source });
        await session.insert(tx.sql);
        const actor = { type: 'user' as const, id: user.user_id };
        if (created) await auditAuthEvent(tx, user.user_id, { action: 'auth.sso_account_created', actor, target: { type: 'user', id: user.user_id }, outcome: 'allowed', source, occurredAt: now, metadata: { issuer } }, f.org_ids);
        if (joined) await appendAudit(tx, { orgId: row.org_id, action: 'org.member_added', actor, target: { type: 'user', id: user.user_id }, outcome: 'allowed', source, occurredAt: now, metadata: { roles: [row.default_role], via: 'sso' } });
        await auditAuthEvent(tx, user.user_id, { action: 'auth.sign_in', actor, target: { type: 'user', id: user.user_id }, outcome: 'allowed', source, occurredAt: now, metadata: { step: 'sso', issuer, next: step } }, f.org_ids);
        await auditAuthEvent(tx, user.user_id, session.audit, f.org_ids);
        const capped = await identity.sessions.limit(tx, user.user_id, session.id, source, f.org_ids);
        return { session, step, capped } as const;
      });
      if ('refused' in outcome) {
        if (outcome.refused.startsWith('an account')) {
          await refuse(outcome.refused, login.org_id, { issuer, subject }).catch(() => undefined);
          throw new SsoAccountExists();
        }
        return refuse(outcome.refused, login.org_id, { issuer, subject });
      }
      await identity.sessions.revoked(outcome.capped);
      const issued = await outcome.session.issue();
      return { cookie: issued.cookie, next: outcome.step };
    },
  };
}
