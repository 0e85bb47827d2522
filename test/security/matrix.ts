/* The cross-tenant attack matrix (TEN-1, TEN-4, RBAC-1..4). Every operation in the OpenAPI
   document is called by five actors, aimed at objects of a victim organisation:

     a  another organisation's admin, with that organisation's session
     b  another organisation's API key (every scope a key may carry)
     c  a viewer of the victim organisation (session)
     d  a victim-organisation API key whose scopes do not include the route's permission
     e  no credentials

   The right answer depends only on the route's declared access and permission:

     route access   a / b (foreign)                 c (viewer)                 d (weak key)  e
     public         any non-5xx                      any non-5xx                any non-5xx   any non-5xx
     user           entry's answer (own account)     entry's answer             403           401
     org            404 when the path names a        403 unless viewer holds    403           401
                    victim object (TEN-4: the same   the permission
                    answer as a missing id), else
                    any non-5xx in their own org;
                    b: 403 if keys cannot hold it

   and after every call: the victim organisation's rows (every table with org_id, and the global
   rows of its users other than the caller) are byte-for-byte unchanged, read as the database
   superuser; no victim-only string (names, addresses) appears in a response to anyone outside
   the victim organisation or to any refused call; and no call answers 5xx.

   A sixth actor attacks from inside (power bounds, at the end of this file):

     f  a victim-organisation member whose custom role holds only the route's own permission,
        aimed beyond it (demote or remove an admin, strip a role, switch admins' toggle off):
        403 permission_not_held and nothing changed, on every route managing power (RBAC-2)

   Routes come from the OpenAPI document, so a new route is attacked automatically — and the run
   reports it as a finding until it has an entry below saying how to aim it at the victim. The
   suite's own ability to fail is shown by cross-tenant.broken.security.test.ts. */
import postgres from 'postgres';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/load.js';
import { buildApp } from '../../src/app.js';
import { createLogger } from '../../src/http/logger.js';
import { withSystem } from '../../src/db/index.js';
import { base32, newId } from '../../src/lib/ids.js';
import { randomBytes } from 'node:crypto';
import { BUILTIN_ROLE_PERMISSIONS, GRANTABLE, PERMISSIONS, isPermission, type Permission } from '../../src/authz/catalog.js';
import { createTestDb, type TestDb } from '../fixtures/db.js';
import { instrumentForLogAudit } from '../fixtures/log-audit.js';
import type { TestApp } from '../fixtures/app.js';
import { addMember, call, createKey, createOrg, createUser, selectOrg, setPlan, signIn, type Credential, type Reply, type Session } from './harness.js';

// ---------------------------------------------------------------- the app, with route configs

export interface RouteConfig {
  access: string | undefined;
  permission: string | undefined;
}

export interface MatrixApp extends TestApp {
  routeConfigs: Map<string, RouteConfig>;
}

/** buildTestApp's app, plus the access and permission each route declared (read at registration). */
export async function buildMatrixApp(env: Record<string, string> = {}): Promise<MatrixApp> {
  const testDb: TestDb = await createTestDb();
  const config = loadConfig({ PALISADE_LOG_LEVEL: 'silent', PALISADE_DATA_DIR: './.palisade-test', PALISADE_KEK_DIR: './.palisade-test-keys', PALISADE_API_KEY_USAGE_FLUSH_SECONDS: '3600', ...env });
  const routeConfigs = new Map<string, RouteConfig>();
  const app = await buildApp({
    config,
    db: testDb.db,
    // The database owner connection backups need (only the backup module uses it).
    ownerUrl: testDb.ownerUrl,
    logger: createLogger(process.env.MATRIX_LOG ? 'error' : 'silent'),
    instrument: (http: FastifyInstance) => {
      instrumentForLogAudit(http);
      http.addHook('onRoute', (r) => {
        for (const m of ([] as string[]).concat(r.method as string | string[])) {
          routeConfigs.set(`${m.toUpperCase()} ${r.url}`, { access: r.config?.access, permission: r.config?.permission });
        }
      });
    },
  });
  await app.http.ready();
  return {
    ...app,
    testDb,
    config,
    logs: [],
    routeConfigs,
    async close() {
      await app.http.close();
      await app.stop();
      await testDb.drop();
    },
  };
}

// ---------------------------------------------------------------- the two organisations

export interface Fixture {
  victim: {
    orgId: string;
    admin: Session;
    viewer: Session;
    roleId: string;
    invitationId: string;
    keyId: string;
    integrationId: string;
    auditEventId: string;
    alertId: string;
    adminSessionId: string;
    userIds: string[];
    /** The vault: a collection holding one uploaded file, and that file's signed download URL query. */
    collectionId: string;
    fileId: string;
    fileQuery: Record<string, string>;
    /** The victim admin's own data export (prepared, waiting for its one download). */
    exportId: string;
    privacyRequestId: string;
    /** A request the victim organisation filed for its admin (org side, PRIV-3). */
    orgPrivacyRequestId: string;
    /** A webhook endpoint of the victim (subscribed to an event that never fires, so no delivery row moves). */
    webhookEndpointId: string;
    /** Single sign-on: a connection and an email domain claimed (not proven). */
    ssoDomain: string;
    /** A signed agent of the victim. */
    agentId: string;
    /** A passkey of the victim admin (a row as registration leaves it). */
    passkeyId: string;
    /** A confirmed security incident that affected the victim (its nature is a marker). */
    incidentId: string;
  };
  attacker: { orgId: string; admin: Session; key: string };
  /** Victim keys for actor d: one without org:read, one with only org:read. */
  weakKeys: { orgRead: string; membersRead: string };
  /** Strings only the victim organisation's members may ever see. */
  markers: string[];
}

const tag = () => base32(randomBytes(5));

export async function makeFixture(app: MatrixApp): Promise<Fixture> {
  const t = tag();
  const victimName = `Victim Holdings ${t}`;
  const vAdminUser = await createUser(app, `victim-admin-${t}@victim.test`);
  const vViewerUser = await createUser(app, `victim-viewer-${t}@victim.test`);
  const vAdmin = await signIn(app, vAdminUser);
  const victimOrg = await createOrg(app, vAdmin, victimName);
  await setPlan(app, victimOrg, 'enterprise');
  await addMember(app, victimOrg, vViewerUser.userId, ['viewer']);
  const vViewer = await signIn(app, vViewerUser, victimOrg);

  const roleName = `Victim Role ${t}`;
  const role = await call(app, { session: vAdmin }, 'POST', '/v1/org/roles', { name: roleName, description: `secret duties ${t}`, permissions: ['members:read', 'audit:read'] });
  if (role.status !== 201) throw new Error(`fixture role: ${role.status} ${role.text}`);
  const roleId = String(role.body.id);
  const invitee = `invitee-${t}@victim.test`;
  const inv = await call(app, { session: vAdmin }, 'POST', '/v1/org/invitations', { email: invitee, roles: [roleId] });
  if (inv.status !== 201) throw new Error(`fixture invitation: ${inv.status} ${inv.text}`);
  const keyName = `Victim Key ${t}`;
  const full = await createKey(app, vAdmin, { name: keyName, scopes: ['members:read', 'roles:read', 'audit:read'] });
  const weakOrg = await createKey(app, vAdmin, { name: `Victim Weak ${t}`, scopes: ['org:read'] });
  const weakMembers = await createKey(app, vAdmin, { name: `Victim Weak2 ${t}`, scopes: ['members:read'] });
  await call(app, { session: vAdmin }, 'PATCH', '/v1/org/policies', { changes: [{ toggle: 'sharing', role: 'viewer', enabled: false }] });
  const integrationName = `Victim Hook ${t}`;
  const integ = await call(app, { session: vAdmin }, 'POST', '/v1/org/integrations', { provider: 'webhook_url', name: integrationName, credential: `https://hooks.victim.test/services/${t}/${'x'.repeat(24)}` });
  const integrationId = integ.status === 201 ? String(integ.body.id) : newId('int');
  const alertId = newId('alr');
  const sys = app.testDb.db;
  await withSystem(sys, async (tx) => {
    await tx.sql`insert into resource_roles (org_id, resource_type, resource_id, user_id, role, created_at) values (${victimOrg}, 'collection', ${'col_' + t}, ${vViewerUser.userId}, 'reader', now())`;
    await tx.sql`insert into audit_alerts (id, org_id, detector, severity, subject, summary) values (${alertId}, ${victimOrg}, 'matrix_fixture', 'low', ${'subject ' + t}, ${`Victim alert ${t}`})`;
  });
  const colName = `Victim Case ${t}`;
  const colRes = await call(app, { session: vAdmin }, 'POST', '/v1/org/vault/collections', { name: colName });
  if (colRes.status !== 201) throw new Error(`fixture collection: ${colRes.status} ${colRes.text}`);
  const collectionId = String(colRes.body.id);
  const fileName = `victim-evidence-${t}.txt`;
  const decl = await call(app, { session: vAdmin }, 'POST', `/v1/org/vault/collections/${collectionId}/files`, { name: fileName, contentType: 'text/plain', size: 12, evidence: true });
  if (decl.status !== 201) throw new Error(`fixture file: ${decl.status} ${decl.text}`);
  const fileId = String((decl.body.file as { id: string }).id);
  const upUrl = new URL(String((decl.body.upload as { url: string }).url));
  const up = await app.http.inject({ method: 'PUT', url: upUrl.pathname + upUrl.search, headers: { 'content-type': 'text/plain' }, payload: 'victim bytes' });
  if (up.statusCode !== 200) throw new Error(`fixture upload: ${up.statusCode} ${up.body}`);
  const dl = await call(app, { session: vAdmin }, 'POST', `/v1/org/vault/collections/${collectionId}/files/${fileId}/download-url`);
  const fileQuery = Object.fromEntries(new URL(String(dl.body.url)).searchParams);
  const exp = await call(app, { session: vAdmin }, 'POST', '/v1/me/export');
  if (exp.status !== 202) throw new Error(`fixture export: ${exp.status} ${exp.text}`);
  await app.privacyIdle();
  const prq = await call(app, { session: vAdmin }, 'POST', '/v1/me/privacy-requests', { type: 'access', details: `victim words ${t}` });
  if (prq.status !== 202) throw new Error(`fixture privacy request: ${prq.status} ${prq.text}`);
  const oprq = await call(app, { session: vAdmin }, 'POST', '/v1/org/privacy/requests', { userId: vAdminUser.userId, type: 'objection', details: `victim org words ${t}` });
  if (oprq.status !== 202) throw new Error(`fixture org privacy request: ${oprq.status} ${oprq.text}`);
  const hook = await call(app, { session: vAdmin }, 'POST', '/v1/org/webhooks', { url: `https://hooks-${t.toLowerCase()}.example.com/in`, eventTypes: ['audit.matrix.never'] });
  if (hook.status !== 201) throw new Error(`fixture webhook: ${hook.status} ${hook.text}`);
  const ssoDomain = `victim-${t.toLowerCase()}.test`;
  const ssoClient = `victim-client-${t}`;
  const sso = await call(app, { session: vAdmin }, 'PUT', '/v1/org/sso', { provider: 'generic', issuer: `https://idp-${t.toLowerCase()}.victim.test`, clientId: ssoClient, clientSecret: `victim-sso-secret-${t}` });
  if (sso.status !== 200) throw new Error(`fixture sso: ${sso.status} ${sso.text}`);
  const dom = await call(app, { session: vAdmin }, 'POST', '/v1/org/sso/domains', { domain: ssoDomain });
  if (dom.status !== 201) throw new Error(`fixture sso domain: ${dom.status} ${dom.text}`);
  const agent = await call(app, { session: vAdmin }, 'POST', '/v1/org/agents', { name: `Victim agent ${t}`, publicKey: Buffer.alloc(32, 9).toString('base64url') });
  if (agent.status !== 201) throw new Error(`fixture agent: ${agent.status} ${agent.text}`);
  const [evt] = await withSystem(sys, (tx) => tx.sql<{ id: string }[]>`select id from audit_events where org_id = ${victimOrg} order by seq limit 1`);
  const [ses] = await withSystem(sys, (tx) => tx.sql<{ id: string }[]>`select id from sessions where user_id = ${vAdminUser.userId} and revoked_at is null order by created_at desc limit 1`);

  const aUser = await createUser(app, `attacker-${t}@attacker.test`);
  const aAdmin = await signIn(app, aUser);
  const attackerOrg = await createOrg(app, aAdmin, `Attacker ${t}`);
  await setPlan(app, attackerOrg, 'enterprise');
  const scopable = GRANTABLE.filter((p) => PERMISSIONS[p].keyScopable);
  const aKey = await createKey(app, aAdmin, { name: 'attack', scopes: scopable });

  // The victim admin's passkey, as registration stores it (a real one needs a browser; the
  // ceremonies are attacked in test/browser/passkeys.browser.test.ts). Its name is a marker.
  const passkeyId = newId('pk');
  const passkeyName = `Victim passkey ${t}`;
  const owner = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
  await owner`insert into webauthn_credentials (id, user_id, credential_id, public_key, name, aaguid, device_type, backed_up, created_at)
              values (${passkeyId}, ${vAdminUser.userId}, ${randomBytes(32)}, ${randomBytes(77)}, ${passkeyName}, '00000000-0000-0000-0000-000000000000', 'singleDevice', false, now())`;
  await owner.end();
  // A confirmed incident that touched the victim only (its admin's records of the last hour).
  const incidentNature = `Victim breach ${t}`;
  const incident = await app.incidents.declare({
    nature: incidentNature, dataCategories: ['names'], remediation: 'contained', discoveredAt: new Date(Date.now() - 60_000), confirmedAt: new Date(Date.now() - 30_000),
    window: { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 1000) }, subjects: [vAdminUser.userId],
  }, { actor: { type: 'system', id: 'matrix' } });
  return {
    victim: {
      orgId: victimOrg,
      admin: vAdmin,
      viewer: vViewer,
      roleId,
      invitationId: String(inv.body.id),
      keyId: full.id,
      integrationId,
      auditEventId: evt?.id ?? newId('evt'),
      alertId,
      adminSessionId: ses?.id ?? newId('ses'),
      userIds: [vAdminUser.userId, vViewerUser.userId],
      collectionId,
      fileId,
      fileQuery,
      exportId: String(exp.body.id),
      privacyRequestId: String(prq.body.id),
      orgPrivacyRequestId: String(oprq.body.id),
      webhookEndpointId: String((hook.body.endpoint as { id: string }).id),
      ssoDomain,
      agentId: String(agent.body.id),
      passkeyId,
      incidentId: incident.id,
    },
    attacker: { orgId: attackerOrg, admin: aAdmin, key: aKey.key },
    weakKeys: { orgRead: weakOrg.key, membersRead: weakMembers.key },
    markers: [victimName, vAdminUser.email, vViewerUser.email, roleName, `secret duties ${t}`, invitee, keyName, integrationName, `Victim alert ${t}`, `subject ${t}`, colName, fileName, 'victim bytes', `hooks-${t.toLowerCase()}`, ssoDomain, ssoClient, String(dom.body.txtValue), `Victim agent ${t}`, passkeyName, incidentNature],
  };
}

// ---------------------------------------------------------------- one entry per route

type ActorId = 'a' | 'b' | 'c' | 'd' | 'e';

export interface Entry {
  /** Path parameters, aimed at victim objects. */
  params?: (f: Fixture) => Record<string, string>;
  query?: (f: Fixture) => Record<string, string>;
  /** A body the route's schema accepts, so refusals are about authority, not validation. */
  body?: (f: Fixture) => unknown;
  /** The path names a victim object: foreign actors must get 404, exactly as for a missing id. */
  victimObject?: boolean;
  /** user routes: what a signed-in caller acting on their own account gets (default any non-5xx). */
  attacker?: number[];
  viewer?: number[];
  /** The call ends the caller's session: sign the actor in again afterwards. */
  endsSession?: boolean;
}

const strongPassword = 'an entirely new passphrase for the matrix';
const unknownEmail = () => `nobody-${tag()}@nowhere.test`;

export const ENTRIES: Record<string, Entry> = {
  // ---- service and public
  'GET /healthz': {},
  'GET /readyz': {},
  'GET /trust.json': {},
  'GET /trust': {},
  'GET /.well-known/security.txt': {},
  'GET /v1/permissions': {},
  'GET /v1/auth/jwks': {},
  'GET /v1/audit/verifier-key': {},
  'GET /v1/audit/verifier-keys': {},
  'GET /v1/integrations/providers': {},
  // Development only, from this machine only (the matrix app runs in development): an address no
  // fixture mails, so the answer can hold nothing of the victim's.
  'GET /v1/dev/outbox': { query: () => ({ to: unknownEmail() }) },
  // ---- accounts (public; bodies never name a victim account, so no lockout or mail is caused)
  'POST /v1/auth/sign-up': { body: () => ({ email: unknownEmail(), password: strongPassword }) },
  'POST /v1/auth/verify-email': { body: () => ({ token: base32(randomBytes(32)) }) },
  'POST /v1/auth/unlock': { body: () => ({ token: base32(randomBytes(32)) }) },
  'POST /v1/auth/sign-in': { body: () => ({ email: unknownEmail(), password: strongPassword }) },
  'POST /v1/auth/password/forgot': { body: () => ({ email: unknownEmail() }) },
  'POST /v1/auth/password/reset': { body: () => ({ token: base32(randomBytes(32)), password: strongPassword }) },
  // ---- the caller's own account
  'POST /v1/auth/sign-out': { endsSession: true },
  'POST /v1/auth/password/change': { body: () => ({ currentPassword: 'not the current password at all', newPassword: strongPassword }) },
  'GET /v1/me': {},
  'PUT /v1/me/active-org': { body: (f) => ({ orgId: f.victim.orgId }), attacker: [404], viewer: [200, 204] },
  'GET /v1/me/sessions': {},
  'DELETE /v1/me/sessions': {},
  'DELETE /v1/me/sessions/{id}': { params: (f) => ({ id: f.victim.adminSessionId }), attacker: [404], viewer: [404] },
  'POST /v1/orgs': { body: () => ({ name: `Side org ${tag()}` }) },
  'GET /v1/orgs': {},
  'POST /v1/invitations/accept': { body: () => ({ token: base32(randomBytes(32)) }), attacker: [400, 404, 410], viewer: [400, 404, 410] },
  // ---- second factors and step-up (the caller's own account; codes never valid)
  'GET /v1/me/mfa': {},
  'POST /v1/me/mfa/totp': {},
  'POST /v1/me/mfa/totp/confirm': { body: () => ({ code: '000000' }) },
  'DELETE /v1/me/mfa/totp': {},
  'POST /v1/me/mfa/recovery-codes': {},
  'POST /v1/auth/mfa/verify': { body: () => ({ code: '000000' }) },
  'GET /v1/auth/mfa/pending': {},
  'POST /v1/auth/step-up': { body: () => ({ recoveryCode: 'aaaaa-aaaaa' }) },
  // ---- passkeys (the caller's own; the victim admin's passkey is aimed at by id; ceremony
  // answers are well-formed but answer no challenge)
  'GET /v1/me/passkeys': {},
  'POST /v1/me/passkeys/options': {},
  'POST /v1/me/passkeys': { body: () => ({ response: { id: 'AAAAAAAAAAAAAAAAAAAAAA', rawId: 'AAAAAAAAAAAAAAAAAAAAAA', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'oA' }, clientExtensionResults: {} } }) },
  // A recent authentication is checked first (403 step_up_required when the fixture's sign-in is old).
  'PATCH /v1/me/passkeys/{id}': { params: (f) => ({ id: f.victim.passkeyId }), body: () => ({ name: 'Taken over' }), attacker: [403, 404], viewer: [403, 404] },
  'DELETE /v1/me/passkeys/{id}': { params: (f) => ({ id: f.victim.passkeyId }), attacker: [403, 404], viewer: [403, 404] },
  'POST /v1/auth/passkey/options': {},
  'POST /v1/auth/passkey/verify': { body: () => ({ response: { id: 'AAAAAAAAAAAAAAAAAAAAAA', rawId: 'AAAAAAAAAAAAAAAAAAAAAA', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' }, clientExtensionResults: {} } }) },
  // ---- platform
  'PUT /v1/platform/orgs/{orgId}/plan': { params: (f) => ({ orgId: f.victim.orgId }), body: () => ({ plan: 'free' }), attacker: [403], viewer: [403] },
  'GET /v1/platform/privacy-requests': { attacker: [403], viewer: [403] },
  'POST /v1/platform/privacy-requests/{requestId}/status': { params: (f) => ({ requestId: f.victim.privacyRequestId }), body: () => ({ status: 'rejected', resolution: 'matrix' }), attacker: [403], viewer: [403] },
  'GET /v1/platform/backups': { attacker: [403], viewer: [403] },
  'POST /v1/platform/backups': { attacker: [403], viewer: [403] },
  'GET /v1/platform/incidents': { attacker: [403], viewer: [403] },
  'POST /v1/platform/incidents': { body: () => ({ nature: 'matrix', dataCategories: ['names'], remediation: 'matrix', discoveredAt: new Date(Date.now() - 60_000).toISOString(), window: { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() }, actions: ['org.updated'] }), attacker: [403], viewer: [403] },
  'GET /v1/platform/incidents/{incidentId}': { params: (f) => ({ incidentId: f.victim.incidentId }), attacker: [403], viewer: [403] },
  'PATCH /v1/platform/incidents/{incidentId}': { params: (f) => ({ incidentId: f.victim.incidentId }), body: () => ({ remediation: 'matrix' }), attacker: [403], viewer: [403] },
  'POST /v1/platform/incidents/{incidentId}/confirm': { params: (f) => ({ incidentId: f.victim.incidentId }), body: () => ({}), attacker: [403], viewer: [403] },
  'POST /v1/platform/incidents/{incidentId}/notify': { params: (f) => ({ incidentId: f.victim.incidentId }), body: () => ({}), attacker: [403], viewer: [403] },
  'POST /v1/platform/incidents/{incidentId}/regulator': { params: (f) => ({ incidentId: f.victim.incidentId }), body: () => ({ regulator: 'matrix' }), attacker: [403], viewer: [403] },
  'POST /v1/platform/incidents/{incidentId}/close': { params: (f) => ({ incidentId: f.victim.incidentId }), body: () => ({ closure: 'matrix' }), attacker: [403], viewer: [403] },
  // ---- the organisation
  'GET /v1/org': {},
  'PATCH /v1/org': { body: () => ({ name: `Renamed ${tag()}` }) },
  'GET /v1/org/my-permissions': {},
  'GET /v1/org/members': {},
  'PATCH /v1/org/members/{userId}': { params: (f) => ({ userId: f.victim.admin.userId }), body: () => ({ roles: ['viewer'] }), victimObject: true },
  'DELETE /v1/org/members/{userId}': { params: (f) => ({ userId: f.victim.admin.userId }), victimObject: true },
  'DELETE /v1/org/members/{userId}/sessions': { params: (f) => ({ userId: f.victim.admin.userId }), victimObject: true },
  'POST /v1/org/invitations': { body: () => ({ email: unknownEmail(), roles: ['viewer'] }) },
  'GET /v1/org/invitations': {},
  'DELETE /v1/org/invitations/{id}': { params: (f) => ({ id: f.victim.invitationId }), victimObject: true },
  'GET /v1/org/auth-policy': {},
  'PUT /v1/org/auth-policy': { body: () => ({ requireMfa: false }) },
  // ---- single sign-on (the caller's own organisation's connection; the victim's claimed domain)
  'GET /v1/org/sso': {},
  'PUT /v1/org/sso': { body: () => ({ provider: 'generic', issuer: `https://idp-${tag().toLowerCase()}.attacker.test`, clientId: 'attack', clientSecret: `attack-secret-${tag()}` }) },
  'DELETE /v1/org/sso': {},
  'POST /v1/org/sso/domains': { body: () => ({ domain: `attack-${tag().toLowerCase()}.test` }) },
  // Verifying the victim's claimed domain from another organisation: not this organisation's
  // claim (404 not_found, like an unclaimed domain; API keys are refused before: 403), and the
  // victim's claim must not move.
  'POST /v1/org/sso/domains/{domain}/verify': { params: (f) => ({ domain: f.victim.ssoDomain }) },
  // Public redirect flow: an address no organisation proved; a callback with a state no login has.
  'GET /v1/auth/sso/start': { query: () => ({ email: unknownEmail() }) },
  'GET /v1/auth/sso/callback': { query: () => ({ code: base32(randomBytes(16)), state: base32(randomBytes(32)) }) },
  // ---- authorization
  'GET /v1/org/roles': {},
  'POST /v1/org/roles': { body: () => ({ name: `Attack role ${tag()}`, permissions: ['org:read'] }) },
  'PATCH /v1/org/roles/{id}': { params: (f) => ({ id: f.victim.roleId }), body: () => ({ permissions: ['org:read'] }), victimObject: true },
  'DELETE /v1/org/roles/{id}': { params: (f) => ({ id: f.victim.roleId }), victimObject: true },
  'GET /v1/org/policies': {},
  'PATCH /v1/org/policies': { body: () => ({ changes: [{ toggle: 'sharing', role: 'viewer', enabled: true }] }) },
  'GET /v1/org/api-keys': {},
  'POST /v1/org/api-keys': { body: () => ({ name: `attack ${tag()}`, scopes: ['org:read'] }) },
  'DELETE /v1/org/api-keys/{id}': { params: (f) => ({ id: f.victim.keyId }), victimObject: true },
  // ---- integrations
  'POST /v1/org/integrations': { body: () => ({ provider: 'webhook_url', name: `attack ${tag()}`, credential: `https://hooks.attacker.test/${tag()}/${'y'.repeat(24)}` }) },
  'GET /v1/org/integrations': {},
  'POST /v1/org/integrations/{id}/rotate': { params: (f) => ({ id: f.victim.integrationId }), body: () => ({ credential: `https://hooks.attacker.test/${tag()}/${'z'.repeat(24)}` }), victimObject: true },
  'DELETE /v1/org/integrations/{id}': { params: (f) => ({ id: f.victim.integrationId }), victimObject: true },
  // ---- audit and alerts
  'GET /v1/org/audit/events': {},
  'GET /v1/org/audit/events/{id}/proof': { params: (f) => ({ id: f.victim.auditEventId }), victimObject: true },
  'GET /v1/org/audit/checkpoints/latest': {},
  'GET /v1/org/audit/checkpoints/{treeSize}': { params: () => ({ treeSize: '1' }) },
  'GET /v1/org/audit/checkpoints': {},
  'GET /v1/org/audit/consistency': { query: () => ({ from: '1', to: '2' }) },
  'GET /v1/org/audit/export': {},
  'GET /v1/org/alerts': {},
  'GET /v1/org/incidents': {},
  'PATCH /v1/org/alerts/{id}': { params: (f) => ({ id: f.victim.alertId }), body: () => ({ status: 'resolved' }), victimObject: true },
  // ---- the file vault (collections, files, per-collection roles, signed object URLs)
  'POST /v1/org/vault/collections': { body: () => ({ name: `Attack case ${tag()}` }) },
  'GET /v1/org/vault/collections': {},
  'GET /v1/org/vault/collections/{collectionId}': { params: (f) => ({ collectionId: f.victim.collectionId }), victimObject: true },
  'DELETE /v1/org/vault/collections/{collectionId}': { params: (f) => ({ collectionId: f.victim.collectionId }), victimObject: true },
  'GET /v1/org/vault/collections/{collectionId}/members': { params: (f) => ({ collectionId: f.victim.collectionId }), victimObject: true },
  'PUT /v1/org/vault/collections/{collectionId}/members/{userId}': { params: (f) => ({ collectionId: f.victim.collectionId, userId: f.victim.viewer.userId }), body: () => ({ role: 'owner' }), victimObject: true },
  'DELETE /v1/org/vault/collections/{collectionId}/members/{userId}': { params: (f) => ({ collectionId: f.victim.collectionId, userId: f.victim.viewer.userId }), victimObject: true },
  'GET /v1/org/vault/collections/{collectionId}/files': { params: (f) => ({ collectionId: f.victim.collectionId }), victimObject: true },
  'POST /v1/org/vault/collections/{collectionId}/files': { params: (f) => ({ collectionId: f.victim.collectionId }), body: () => ({ name: 'attack.txt', contentType: 'text/plain', size: 5 }), victimObject: true },
  'GET /v1/org/vault/collections/{collectionId}/files/{fileId}': { params: (f) => ({ collectionId: f.victim.collectionId, fileId: f.victim.fileId }), victimObject: true },
  'POST /v1/org/vault/collections/{collectionId}/files/{fileId}/download-url': { params: (f) => ({ collectionId: f.victim.collectionId, fileId: f.victim.fileId }), victimObject: true },
  'DELETE /v1/org/vault/collections/{collectionId}/files/{fileId}': { params: (f) => ({ collectionId: f.victim.collectionId, fileId: f.victim.fileId }), victimObject: true },
  'PUT /v1/org/vault/collections/{collectionId}/files/{fileId}/legal-hold': { params: (f) => ({ collectionId: f.victim.collectionId, fileId: f.victim.fileId }), body: () => ({ hold: true }), victimObject: true },
  'GET /v1/org/vault/settings': {},
  'PUT /v1/org/vault/settings': { body: () => ({ retentionDays: 1 }) },
  // ---- privacy: exports (the caller's own; an admin's of a member; the one-time signed archive link)
  'POST /v1/me/export': {},
  'POST /v1/me/privacy-requests': { body: () => ({ type: 'access', details: 'matrix' }) },
  'GET /v1/me/privacy-requests': {},
  'GET /v1/me/exports/{exportId}': { params: (f) => ({ exportId: f.victim.exportId }), attacker: [404], viewer: [404] },
  'POST /v1/org/members/{userId}/export': { params: (f) => ({ userId: f.victim.admin.userId }), victimObject: true },
  'GET /v1/org/privacy/exports/{exportId}': { params: (f) => ({ exportId: f.victim.exportId }), victimObject: true },
  // Erasure is filed, never run here (the matrix drains no jobs): an attacker's own is refused as its organisation's only admin.
  'POST /v1/me/erasure': { body: () => ({ details: 'matrix' }) },
  'POST /v1/me/privacy-requests/{requestId}/withdraw': { params: (f) => ({ requestId: f.victim.privacyRequestId }), attacker: [404], viewer: [404] },
  'POST /v1/org/members/{userId}/erasure': { params: (f) => ({ userId: f.victim.admin.userId }), body: () => ({ details: 'matrix' }), victimObject: true },
  'GET /v1/org/privacy/requests': {},
  'GET /v1/org/consents': {},
  'POST /v1/org/privacy/requests': { body: (f) => ({ userId: f.victim.admin.userId, type: 'access', details: 'matrix' }) },
  'PATCH /v1/org/privacy/requests/{requestId}': { params: (f) => ({ requestId: f.victim.orgPrivacyRequestId }), body: () => ({ status: 'rejected', resolution: 'matrix' }), victimObject: true },
  // Public: the signed link is the authority; a forged signature takes nothing (snapshot) and leaks nothing.
  'GET /v1/privacy/exports/{exportId}/archive': { params: (f) => ({ exportId: f.victim.exportId }), query: () => ({ expires: '1', signature: 'fp_' + 'a'.repeat(24) }) },
  // ---- consent, minors and the AI egress guard (the victim has no consent: a viewer's completion is 403; no provider is configured here)
  'GET /v1/org/ai/consent': {},
  'PUT /v1/org/ai/consent': { body: () => ({ policyVersion: 'matrix-1' }) },
  'DELETE /v1/org/ai/consent': {},
  'PUT /v1/org/ai/policy': { body: () => ({ minorData: true }) },
  'POST /v1/org/ai/complete': { body: () => ({ prompt: 'matrix prompt' }) },
  'GET /v1/org/privacy/minors': {},
  'PUT /v1/org/privacy/minors/{userId}': { params: (f) => ({ userId: f.victim.viewer.userId }), victimObject: true },
  'DELETE /v1/org/privacy/minors/{userId}': { params: (f) => ({ userId: f.victim.viewer.userId }), victimObject: true },
  'PUT /v1/org/ai/minors/{userId}/consent': { params: (f) => ({ userId: f.victim.viewer.userId }), body: () => ({ policyVersion: 'matrix-1' }), victimObject: true },
  'DELETE /v1/org/ai/minors/{userId}/consent': { params: (f) => ({ userId: f.victim.viewer.userId }), victimObject: true },
  // Public: the signed URL is the authority. Aimed at the victim's file with the victim's org and a
  // forged signature (the real download URL's signature is the victim's secret): any non-5xx, and
  // no victim byte or row may move (the snapshot and leak checks).
  'PUT /v1/vault/objects/{fileId}': { params: (f) => ({ fileId: f.victim.fileId }), query: (f) => ({ ...f.victim.fileQuery, signature: 'fp_' + 'a'.repeat(24) }), body: () => ({ overwrite: true }) },
  'GET /v1/vault/objects/{fileId}': { params: (f) => ({ fileId: f.victim.fileId }), query: (f) => ({ ...f.victim.fileQuery, signature: 'fp_' + 'a'.repeat(24) }) },
  // ---- outbound webhooks (WH-4)
  'POST /v1/org/webhooks': { body: () => ({ url: 'https://attacker-hooks.example.com/in', eventTypes: ['audit.matrix.never'] }) },
  'GET /v1/org/webhooks': {},
  'GET /v1/org/webhooks/{endpointId}': { params: (f) => ({ endpointId: f.victim.webhookEndpointId }), victimObject: true },
  'PATCH /v1/org/webhooks/{endpointId}': { params: (f) => ({ endpointId: f.victim.webhookEndpointId }), body: () => ({ url: 'https://attacker-hooks.example.com/steal', status: 'active' }), victimObject: true },
  'DELETE /v1/org/webhooks/{endpointId}': { params: (f) => ({ endpointId: f.victim.webhookEndpointId }), victimObject: true },
  'POST /v1/org/webhooks/{endpointId}/rotate-secret': { params: (f) => ({ endpointId: f.victim.webhookEndpointId }), body: () => ({}), victimObject: true },
  'GET /v1/org/webhooks/{endpointId}/deliveries': { params: (f) => ({ endpointId: f.victim.webhookEndpointId }), victimObject: true },
  'POST /v1/org/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver': { params: (f) => ({ endpointId: f.victim.webhookEndpointId, deliveryId: newId('msg') }), victimObject: true },
  // ---- signed agents (WH-3)
  'POST /v1/org/agents': { body: () => ({ name: `Attack agent ${tag()}`, publicKey: Buffer.alloc(32, 3).toString('base64url') }) },
  'GET /v1/org/agents': {},
  'DELETE /v1/org/agents/{agentId}': { params: (f) => ({ agentId: f.victim.agentId }), victimObject: true },
  // Public: the signature is the authority. An unsigned event claiming to be the victim's agent.
  'POST /v1/agent/events': { body: () => ({ type: 'attack', severity: 'high', message: 'forged' }) },
  // Public: the Stripe-Signature is the authority. An unsigned subscription event naming the victim
  // organisation and the top plan: any non-5xx, and the victim's plan must not move.
  'POST /v1/inbound/stripe': { body: (f) => ({ id: 'evt_matrixattack', object: 'event', type: 'customer.subscription.updated', created: 1, livemode: false, data: { object: { id: 'sub_x', status: 'active', metadata: { palisade_org_id: f.victim.orgId }, items: { data: [{ price: { lookup_key: 'enterprise' } }] } } } }) },
};

// ---------------------------------------------------------------- snapshots (as superuser)

const IGNORED_TABLE = (t: string) => t.startsWith('audit_') || ['auth_rate_limits', 'mail_outbox', 'identity_keys'].includes(t);
// Columns that move by themselves: a session's sliding window, a key's batched last use.
// And the lockout's own columns, which a refused password check is meant to move (AUTH-6): a
// wrong current password on POST /v1/auth/password/change (or a step-up) answers 401 and counts
// towards the lockout, so a stolen session is no free password oracle (fuzz seed 188976657 found
// users.failed_sign_ins 0 → 1 there). Known devices count their own failures the same way, and a
// wrong second-factor code (POST /v1/me/mfa/totp/confirm → 401) counts towards the second step's
// lockout (failed_mfa, mfa_locked_until; AUTH-8), which the same seed found after the MFA routes grew.
const IGNORED_COLUMNS: Record<string, string[]> = {
  sessions: ['last_seen_at', 'expires_at'],
  api_keys: ['last_used_at', 'last_used_ip'],
  users: ['failed_sign_ins', 'locked_until', 'failed_mfa', 'mfa_locked_until', 'updated_at'],
  known_devices: ['failed_sign_ins', 'locked_until'],
};

export interface Snapshotter {
  take(excludeUser: string | null): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function snapshotter(ownerUrl: string, victimOrg: string, victimUsers: string[]): Promise<Snapshotter> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const cols = await sql<{ table_name: string; column_name: string }[]>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`;
  const tables = new Map<string, Set<string>>();
  for (const c of cols) (tables.get(c.table_name) ?? tables.set(c.table_name, new Set()).get(c.table_name))?.add(c.column_name);
  const parts: string[] = [];
  for (const [table, columns] of [...tables].sort(([x], [y]) => x.localeCompare(y))) {
    if (IGNORED_TABLE(table)) continue;
    const where = columns.has('org_id') ? 'org_id = $1' : columns.has('user_id') ? 'user_id = any($2::text[])' : table === 'users' ? 'id = any($2::text[])' : null;
    if (!where) continue;
    const drop = (IGNORED_COLUMNS[table] ?? []).map((c) => `'${c}'`).join(',');
    const row = drop ? `to_jsonb(t) - array[${drop}]::text[]` : 'to_jsonb(t)';
    // Table names come from the catalog of this test database, not from input.
    parts.push(`select '${table}' as t, coalesce((select jsonb_agg(r order by r::text)::text from (select ${row} as r from "${table}" t where ${where}) s), '[]') as rows`);
  }
  const query = parts.join(' union all ');
  return {
    async take(excludeUser) {
      const users = victimUsers.filter((u) => u !== excludeUser);
      const rows = await sql.unsafe<{ t: string; rows: string }[]>(query, [victimOrg, users]);
      return Object.fromEntries(rows.map((r) => [r.t, r.rows]));
    },
    close: () => sql.end(),
  };
}

// ---------------------------------------------------------------- the run

export interface Finding {
  route: string;
  actor: ActorId;
  problem: 'no_entry' | 'no_route_config' | 'status' | 'server_error' | 'leak' | 'changed' | 'not_like_missing' | 'denial_without_layer';
  detail: string;
}

const VIEWER = new Set<string>(BUILTIN_ROLE_PERMISSIONS.viewer);

function fastifyPath(openapiPath: string): string {
  return openapiPath.replace(/\{([^}]+)\}/g, ':$1');
}

function fill(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? `missing-param-${name}`));
}

function missingLike(value: string): string {
  const m = /^([a-z]+)_/.exec(value);
  return m ? `${m[1]}_${base32(randomBytes(16))}` : `${base32(randomBytes(16))}`;
}

export interface MatrixOptions {
  /** Restrict to these operations (e.g. for a quick fault demonstration). */
  only?: (op: string) => boolean;
}

export async function runMatrix(app: MatrixApp, f: Fixture, opts: MatrixOptions = {}): Promise<{ findings: Finding[]; calls: number; operations: string[]; likeMissingChecks: number }> {
  const findings: Finding[] = [];
  const doc = app.http.swagger() as { paths?: Record<string, Record<string, unknown>> };
  const operations: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {})) for (const m of Object.keys(ops)) operations.push(`${m.toUpperCase()} ${path}`);
  const snap = await snapshotter(app.testDb.ownerUrl, f.victim.orgId, f.victim.userIds);
  let calls = 0;
  let likeMissingChecks = 0;
  const sessions: Record<'a' | 'c', Session> = { a: f.attacker.admin, c: f.victim.viewer };
  try {
    for (const op of operations) {
      if (opts.only && !opts.only(op)) continue;
      const [method, path] = op.split(' ') as [string, string];
      const entry = ENTRIES[op];
      if (!entry) {
        findings.push({ route: op, actor: 'e', problem: 'no_entry', detail: 'add an entry to ENTRIES in test/security/matrix.ts aiming this route at the victim' });
        continue;
      }
      const cfg = app.routeConfigs.get(`${method} ${fastifyPath(path)}`);
      if (!cfg || !cfg.access) {
        findings.push({ route: op, actor: 'e', problem: 'no_route_config', detail: 'route has no declared access' });
        continue;
      }
      const params = entry.params?.(f) ?? {};
      const query = entry.query?.(f);
      const url = fill(path, params) + (query ? `?${new URLSearchParams(query).toString()}` : '');
      const perm = cfg.permission;
      for (const actor of ['a', 'b', 'c', 'd', 'e'] as const) {
        const cred: Credential =
          actor === 'a' ? { session: sessions.a }
          : actor === 'b' ? { key: f.attacker.key }
          : actor === 'c' ? { session: sessions.c }
          : actor === 'd' ? { key: perm === 'org:read' ? f.weakKeys.membersRead : f.weakKeys.orgRead }
          : { none: true };
        const expected = expectation(cfg, perm, entry, actor);
        const excludeUser = actor === 'c' ? f.victim.viewer.userId : null;
        const before = await snap.take(excludeUser);
        const body = entry.body?.(f);
        const res = await call(app, cred, method, url, body);
        calls++;
        // Work a call started in the background (an export being prepared) lands before the snapshot.
        await app.privacyIdle();
        const after = await snap.take(excludeUser);
        if (res.status >= 500) findings.push({ route: op, actor, problem: 'server_error', detail: `${res.status} ${res.text.slice(0, 200)}` });
        if (expected !== 'any' && !expected.includes(res.status)) {
          findings.push({ route: op, actor, problem: 'status', detail: `expected ${expected.join('|')}, got ${res.status} ${res.text.slice(0, 160)}` });
        }
        const insider = actor === 'c' && res.status < 400;
        if (!insider) {
          const leaked = f.markers.filter((m) => res.text.includes(m));
          if (leaked.length) findings.push({ route: op, actor, problem: 'leak', detail: `response contains ${leaked.join(', ')}` });
        }
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (changed.length) findings.push({ route: op, actor, problem: 'changed', detail: `victim rows changed in ${changed.join(', ')} (status ${res.status})` });
        // TEN-4: a foreign object answers exactly like an id that exists nowhere.
        if ((actor === 'a' || actor === 'b') && entry.victimObject && cfg.access === 'org' && res.status === 404) {
          const missing = await call(app, cred, method, fill(path, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, missingLike(v)]))) + (query ? `?${new URLSearchParams(query).toString()}` : ''), entry.body?.(f));
          calls++;
          likeMissingChecks++;
          const shape = (r: Reply) => JSON.stringify({ s: r.status, c: r.body.code, t: r.body.title, d: r.body.detail, type: r.body.type });
          if (shape(missing) !== shape(res)) findings.push({ route: op, actor, problem: 'not_like_missing', detail: `foreign: ${shape(res)} missing: ${shape(missing)}` });
        }
        if (entry.endsSession && (actor === 'a' || actor === 'c')) {
          const s = sessions[actor];
          const fresh = await signIn(app, { userId: s.userId, email: s.email });
          if (actor === 'c') await selectOrg(app, fresh, f.victim.orgId);
          else await selectOrg(app, fresh, f.attacker.orgId);
          sessions[actor] = fresh;
        }
      }
    }
    // Every denial in the victim's log names the layer that decided it.
    const [row] = await withSystem(app.testDb.db, (tx) => tx.sql<{ n: number }[]>`
      select count(*)::int as n from audit_events where org_id = ${f.victim.orgId} and outcome = 'denied' and action = 'authz.denied' and deny_layer is null`);
    if ((row?.n ?? 0) > 0) findings.push({ route: '*', actor: 'c', problem: 'denial_without_layer', detail: `${row?.n} authz.denied records without deny_layer` });
  } finally {
    await snap.close();
  }
  return { findings, calls, operations, likeMissingChecks };
}

function expectation(cfg: RouteConfig, perm: string | undefined, entry: Entry, actor: ActorId): number[] | 'any' {
  if (cfg.access === 'public') return 'any';
  if (actor === 'e') return [401];
  if (cfg.access === 'user') {
    if (actor === 'b' || actor === 'd') return [403];
    return (actor === 'a' ? entry.attacker : entry.viewer) ?? 'any';
  }
  // org routes
  const p = perm && isPermission(perm) ? (perm as Permission) : null;
  if (actor === 'd') return [403];
  if (actor === 'c') return p && VIEWER.has(p) ? 'any' : [403];
  if (actor === 'b' && (!p || !PERMISSIONS[p].keyScopable)) return [403];
  return entry.victimObject ? [404] : 'any';
}

export function describeFindings(findings: Finding[]): string {
  return findings.map((x) => `${x.route} [${x.actor}] ${x.problem}: ${x.detail}`).join('\n');
}

// ---------------------------------------------------------------- power bounds inside one organisation

/* The second half of the matrix attacks from inside the victim organisation (RBAC-2, issue 11):
   actor f is a member whose custom role holds exactly the route's permission and what it needs
   to find its target, nothing else. Aimed at something beyond that role — an admin, a role
   carrying members:write, the admins' api_keys toggle — every route that gives, changes, takes
   away or switches off power must refuse (403 permission_not_held) and change nothing, while the
   same actor's control call, bounded by what it holds, succeeds (so the refusal is the bound, not
   a missing permission). Every route whose permission manages power must have an entry here. */

/** Permissions that give or take power: a route naming one is attacked by actor f. */
export const POWER_PERMISSIONS = ['members:write', 'roles:write', 'policies:write', 'invitations:write', 'api_keys:write', 'collections:share'] as const;

export interface PowerFixture {
  orgId: string;
  admin: Session;
  /** A second admin, so last-admin guarantees never stand in for the bound under test. */
  otherAdmin: { userId: string; email: string };
  /** A custom role carrying members:write, in use by nobody. */
  strongRoleId: string;
  /** A custom role carrying members:write, held by strongMember. */
  strongMember: string;
  keyId: string;
  invitationId: string;
  /** A vault collection on which otherAdmin is owner. */
  collectionId: string;
  /** One narrow session per route: its role holds only that route's `holds`. */
  narrow: Map<string, { session: Session; roleId: string; peerId: string }>;
}

export interface PowerEntry {
  /** The narrow role: the route's permission and what locating its target needs. */
  holds: string[];
  params?: (f: PowerFixture, me: { roleId: string; peerId: string }) => Record<string, string>;
  /** Aimed beyond the narrow role. */
  attack: (f: PowerFixture, me: { roleId: string; peerId: string }) => unknown;
  /** Within the narrow role: must succeed. */
  control?: { params?: (f: PowerFixture, me: { roleId: string; peerId: string }) => Record<string, string>; body?: (f: PowerFixture, me: { roleId: string; peerId: string }) => unknown };
  /** Deliberately unbounded (the reason is part of the entry): the attack must succeed. */
  unbounded?: string;
}

export const POWER_ENTRIES: Record<string, PowerEntry> = {
  // Demote an admin to the narrow role (another admin remains).
  'PATCH /v1/org/members/{userId}': {
    holds: ['members:read', 'members:write'],
    params: (f) => ({ userId: f.otherAdmin.userId }),
    attack: (_f, me) => ({ roles: [me.roleId] }),
    control: { params: (_f, me) => ({ userId: me.peerId }), body: (_f, me) => ({ roles: [me.roleId] }) },
  },
  // Remove an admin (another admin remains), then a member holding members:write.
  'DELETE /v1/org/members/{userId}': {
    holds: ['members:read', 'members:write'],
    params: (f) => ({ userId: f.otherAdmin.userId }),
    attack: () => undefined,
    control: { params: (_f, me) => ({ userId: me.peerId }) },
  },
  // Strip members:write (not held) from another role.
  'PATCH /v1/org/roles/{id}': {
    holds: ['roles:read', 'roles:write'],
    params: (f) => ({ id: f.strongRoleId }),
    attack: () => ({ permissions: ['members:read'] }),
    control: { params: (_f, me) => ({ id: me.roleId }), body: () => ({ permissions: ['roles:read', 'roles:write'], description: 'renamed duties' }) },
  },
  // Delete a role carrying members:write (in use by nobody).
  'DELETE /v1/org/roles/{id}': {
    holds: ['roles:read', 'roles:write'],
    params: (f) => ({ id: f.strongRoleId }),
    attack: () => undefined,
  },
  'POST /v1/org/roles': {
    holds: ['roles:read', 'roles:write'],
    attack: () => ({ name: `Escalate ${tag()}`, permissions: ['members:write'] }),
    control: { body: () => ({ name: `Within ${tag()}`, permissions: ['roles:read'] }) },
  },
  // Switch api_keys off for admin.
  'PATCH /v1/org/policies': {
    holds: ['policies:read', 'policies:write'],
    attack: () => ({ changes: [{ toggle: 'api_keys', role: 'admin', enabled: false }] }),
  },
  'POST /v1/org/invitations': {
    holds: ['invitations:read', 'invitations:write'],
    attack: () => ({ email: `escalate-${tag()}@victim.test`, roles: ['admin'] }),
    control: { body: (_f, me) => ({ email: `within-${tag()}@victim.test`, roles: [me.roleId] }) },
  },
  'DELETE /v1/org/invitations/{id}': {
    holds: ['invitations:read', 'invitations:write'],
    params: (f) => ({ id: f.invitationId }),
    attack: () => undefined,
    unbounded: 'withdrawing an invitation takes no permission from anyone: nobody holds it until the invitation is accepted',
  },
  // Make a peer owner of a collection (owner carries collections:write, not held).
  'PUT /v1/org/vault/collections/{collectionId}/members/{userId}': {
    holds: ['collections:read', 'collections:share'],
    params: (f, me) => ({ collectionId: f.collectionId, userId: me.peerId }),
    attack: () => ({ role: 'owner' }),
    control: { params: (f, me) => ({ collectionId: f.collectionId, userId: me.peerId }), body: () => ({ role: 'reader' }) },
  },
  // Take the owner role (and with it collections:write, not held) from the other admin.
  'DELETE /v1/org/vault/collections/{collectionId}/members/{userId}': {
    holds: ['collections:read', 'collections:share'],
    params: (f) => ({ collectionId: f.collectionId, userId: f.otherAdmin.userId }),
    attack: () => undefined,
  },
  'POST /v1/org/api-keys': {
    holds: ['api_keys:read', 'api_keys:write'],
    attack: () => ({ name: `escalate ${tag()}`, scopes: ['members:write'] }),
    control: { body: () => ({ name: `within ${tag()}`, scopes: ['api_keys:read'] }) },
  },
  'DELETE /v1/org/api-keys/{id}': {
    holds: ['api_keys:read', 'api_keys:write'],
    params: (f) => ({ id: f.keyId }),
    attack: () => undefined,
    unbounded: 'revoking a key takes no permission from any member (its creator keeps every role), and a leaked key must be revocable by whoever manages keys',
  },
};

export async function makePowerFixture(app: MatrixApp): Promise<PowerFixture> {
  const t = tag();
  const adminUser = await createUser(app, `power-admin-${t}@victim.test`);
  const admin = await signIn(app, adminUser);
  const orgId = await createOrg(app, admin, `Power Holdings ${t}`);
  await setPlan(app, orgId, 'enterprise');
  const otherAdmin = await createUser(app, `power-admin2-${t}@victim.test`);
  await addMember(app, orgId, otherAdmin.userId, ['admin']);
  const mkRole = async (name: string, permissions: string[]): Promise<string> => {
    const r = await call(app, { session: admin }, 'POST', '/v1/org/roles', { name, permissions });
    if (r.status !== 201) throw new Error(`power fixture role: ${r.status} ${r.text}`);
    return String(r.body.id);
  };
  const strongRoleId = await mkRole(`Strong ${t}`, ['members:read', 'members:write']);
  const heldStrong = await mkRole(`Strong held ${t}`, ['members:read', 'members:write']);
  const strong = await createUser(app, `power-strong-${t}@victim.test`);
  await addMember(app, orgId, strong.userId, [heldStrong]);
  const key = await createKey(app, admin, { name: `Power key ${t}`, scopes: ['members:read', 'members:write'] });
  const inv = await call(app, { session: admin }, 'POST', '/v1/org/invitations', { email: `power-invitee-${t}@victim.test`, roles: ['admin'] });
  if (inv.status !== 201) throw new Error(`power fixture invitation: ${inv.status} ${inv.text}`);
  const col = await call(app, { session: admin }, 'POST', '/v1/org/vault/collections', { name: `Power case ${t}` });
  if (col.status !== 201) throw new Error(`power fixture collection: ${col.status} ${col.text}`);
  const collectionId = String(col.body.id);
  const own = await call(app, { session: admin }, 'PUT', `/v1/org/vault/collections/${collectionId}/members/${otherAdmin.userId}`, { role: 'owner' });
  if (own.status !== 204) throw new Error(`power fixture owner: ${own.status} ${own.text}`);
  const narrow = new Map<string, { session: Session; roleId: string; peerId: string }>();
  let i = 0;
  for (const [op, entry] of Object.entries(POWER_ENTRIES)) {
    i++;
    const roleId = await mkRole(`Narrow ${i} ${t}`, entry.holds);
    const u = await createUser(app, `power-narrow-${i}-${t}@victim.test`);
    const peer = await createUser(app, `power-peer-${i}-${t}@victim.test`);
    await addMember(app, orgId, u.userId, [roleId]);
    await addMember(app, orgId, peer.userId, [roleId]);
    narrow.set(op, { session: await signIn(app, u, orgId), roleId, peerId: peer.userId });
  }
  return { orgId, admin, otherAdmin, strongRoleId, strongMember: strong.userId, keyId: key.id, invitationId: String(inv.body.id), collectionId, narrow };
}

export interface PowerFinding {
  route: string;
  problem: 'no_entry' | 'not_refused' | 'changed' | 'control_refused' | 'server_error';
  detail: string;
}

/** Attacks every power route from inside the organisation (actor f); zero findings is the only pass. */
export async function runPowerMatrix(app: MatrixApp, f: PowerFixture): Promise<{ findings: PowerFinding[]; attacked: string[] }> {
  const findings: PowerFinding[] = [];
  const attacked: string[] = [];
  const doc = app.http.swagger() as { paths?: Record<string, Record<string, unknown>> };
  const snap = await snapshotter(app.testDb.ownerUrl, f.orgId, []);
  try {
    for (const [path, ops] of Object.entries(doc.paths ?? {})) {
      for (const m of Object.keys(ops)) {
        const op = `${m.toUpperCase()} ${path}`;
        const cfg = app.routeConfigs.get(`${m.toUpperCase()} ${fastifyPath(path)}`);
        if (cfg?.access !== 'org' || !(POWER_PERMISSIONS as readonly string[]).includes(cfg.permission ?? '')) continue;
        const entry = POWER_ENTRIES[op];
        const me = f.narrow.get(op);
        if (!entry || !me) {
          findings.push({ route: op, problem: 'no_entry', detail: 'add an entry to POWER_ENTRIES in test/security/matrix.ts aiming this route beyond a narrow role' });
          continue;
        }
        attacked.push(op);
        const cred: Credential = { session: me.session };
        const before = await snap.take(null);
        const res = await call(app, cred, m.toUpperCase(), fill(path, entry.params?.(f, me) ?? {}), entry.attack(f, me));
        const after = await snap.take(null);
        if (res.status >= 500) findings.push({ route: op, problem: 'server_error', detail: `${res.status} ${res.text.slice(0, 200)}` });
        if (entry.unbounded) {
          if (res.status >= 300) findings.push({ route: op, problem: 'control_refused', detail: `unbounded by design (${entry.unbounded}) but answered ${res.status} ${res.text.slice(0, 160)}` });
          continue;
        }
        if (res.status !== 403 || res.body.code !== 'permission_not_held') findings.push({ route: op, problem: 'not_refused', detail: `expected 403 permission_not_held, got ${res.status} ${res.text.slice(0, 160)}` });
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (changed.length) findings.push({ route: op, problem: 'changed', detail: `rows changed in ${changed.join(', ')} (status ${res.status})` });
        if (entry.control) {
          const ok = await call(app, cred, m.toUpperCase(), fill(path, entry.control.params?.(f, me) ?? {}), entry.control.body?.(f, me));
          if (ok.status >= 300) findings.push({ route: op, problem: 'control_refused', detail: `the call within the narrow role answered ${ok.status} ${ok.text.slice(0, 160)}` });
        }
      }
    }
  } finally {
    await snap.close();
  }
  return { findings, attacked };
}
