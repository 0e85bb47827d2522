/* Mounts the identity module's routes for the composition root: the session cookie hook, the
   account and session routes, second factors (TOTP secrets sealed by the keyring under each
   user's subject key) and single sign-on (one OpenID Connect connection per organisation, its
   client secret sealed by the keyring), passkeys. Every route registered after the cookie hook gets it. */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import type { Keyring } from '../crypto/index.js';
import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { Identity } from './service.js';
import { identityRoutes } from './routes.js';
import { createMfa, mfaRoutes } from './mfa/index.js';
import { createSso, ssoRoutes, type Sso } from './sso/index.js';
import { createPasskeys, passkeyRoutes } from './passkeys/index.js';

export interface IdentityMountDeps {
  identity: Identity;
  db: Db;
  clock: Clock;
  logger: Logger;
  keyring: Keyring;
  config: Config;
}

function ssoConfig(config: Config, publicUrl: string) {
  return { publicUrl, devMode: config.PALISADE_DEV_MODE, dnsServers: config.PALISADE_DNS_SERVERS.split(',').map((x) => x.trim()).filter(Boolean) };
}

export async function mountIdentity(http: FastifyInstance, deps: IdentityMountDeps): Promise<{ sso: Sso }> {
  const { identity, db, clock, logger, keyring } = deps;
  // Identity's root onSend hook sets refreshed or cleared session cookies.
  http.addHook('onSend', identity.onSend);
  await http.register(identityRoutes, { identity });
  await http.register(mfaRoutes, { identity, mfa: createMfa({ db, clock, logger, keyring, identity }) });
  // Passkeys (WebAuthn): rpID and origins from configuration (PALISADE_WEBAUTHN_*, PALISADE_PUBLIC_URL).
  const webauthn = identity.config.mfa.webauthn;
  await http.register(passkeyRoutes, { identity, passkeys: createPasskeys({ db, clock, logger, identity, config: { ...webauthn, origins: [...webauthn.origins] } }) });
  const sso = createSso({ db, clock, logger, keyring, identity, config: ssoConfig(deps.config, identity.config.publicUrl) });
  await http.register(ssoRoutes, { identity, sso, publicUrl: identity.config.publicUrl });
  return { sso };
}
