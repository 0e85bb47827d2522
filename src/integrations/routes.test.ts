/* The vault's HTTP surface through the real pipeline (strict JSON, DLP door, auth hook, problem+json),
   with a stub authenticator: a principal from a test header, and an authorizer that grants only
   the permissions the test header lists. */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { loadConfig } from '../config/load.js';
import { createKeyring, enforceNoSensitiveData, localKekProvider, staticKekSet } from '../crypto/index.js';
import { withOrg } from '../db/index.js';
import { authHookPlugin } from '../http/auth-hook.js';
import { createLogger, scrubTokens } from '../http/logger.js';
import { buildHttp } from '../http/server.js';
import type { Principal } from '../lib/caller.js';
import { newId, type OrgId } from '../lib/ids.js';
import { createIntegrations, integrationRoutes } from './index.js';
import { appendAudit } from '../audit/index.js';

let t: TestDb;
let app: FastifyInstance;
const logs: string[] = [];
const routes: Array<{ method: string; url: string; response: Record<string, unknown> }> = [];

async function makeOrg(): Promise<string> {
  const id = newId('org');
  await withOrg(t.db, id as never, { type: 'system', id: null }, (tx) => tx.sql`insert into orgs (id, name) values (${id}, 'Routes org')`);
  return id;
}

function as(orgId: string, permissions: string[]): Record<string, string> {
  return { 'x-test-org': orgId, 'x-test-perms': permissions.join(',') };
}

const rk = () => `rk_live_${randomBytes(24).toString('hex')}`;

beforeAll(async () => {
  t = await createTestDb();
  const config = loadConfig({ PALISADE_LOG_LEVEL: 'info' });
  const stream = new Writable({
    write(chunk: Buffer, _e, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  app = await buildHttp({
    config,
    logger: createLogger('info', { stream, scrub: [scrubTokens] }),
    version: 'test',
    bodyInspectors: [(body, req) => enforceNoSensitiveData(body, { allowMaskPaths: req.routeOptions.config.dlpMaskPaths ?? [] })],
  });
  let currentPerms: string[] = [];
  app.addHook('onRequest', async (req) => {
    const h = req.headers['x-test-perms'];
    currentPerms = typeof h === 'string' ? h.split(',').filter(Boolean) : [];
  });
  await app.register(authHookPlugin, {
    db: t.db,
    authenticators: [
      async (req): Promise<Principal | null> => {
        const org = req.headers['x-test-org'];
        return typeof org === 'string' ? { kind: 'user', userId: 'usr_tester', sessionId: 'ses_x', orgId: org as OrgId, superAdmin: false } : null;
      },
    ],
    authorize: async (_p, permission) => (currentPerms.includes(permission) ? { allowed: true } : { allowed: false, layer: 'role' }),
  });
  app.addHook('onRoute', (r) => {
    if (String(r.url).includes('integrations') && r.method !== 'HEAD') {
      routes.push({ method: String(r.method), url: r.url, response: (r.schema?.response ?? {}) as Record<string, unknown> });
    }
  });
  const keyring = createKeyring({ record: appendAudit, db: t.db, keks: staticKekSet(localKekProvider(randomBytes(32))) });
  await app.register(integrationRoutes, { service: createIntegrations({ db: t.db, keyring }) });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('integration routes', () => {
  it('INT-2: GET /v1/integrations/providers is public and lists each provider with its scopes', async () => {
    const r = await app.inject({ method: 'GET', url: '/v1/integrations/providers' });
    expect(r.statusCode).toBe(200);
    const body = r.json() as { items: Array<{ id: string; scopes: Array<{ name: string; description: string }>; credentialFormat: string }> };
    expect(body.items.map((p) => p.id)).toEqual(['stripe', 'webhook_url', 'smtp', 'sms']);
    for (const p of body.items) {
      expect(p.scopes.length).toBeGreaterThan(0);
      expect(p.credentialFormat.length).toBeGreaterThan(10);
    }
    expect(body.items[0]?.scopes.map((s) => s.name)).toEqual(['customers:read', 'subscriptions:read', 'invoices:read']);
  });

  it('INT-4: no route returns the credential: connect answers 201 with metadata, list likewise', async () => {
    const org = await makeOrg();
    const key = rk();
    const created = await app.inject({ method: 'POST', url: '/v1/org/integrations', headers: as(org, ['integrations:write']), payload: { provider: 'stripe', name: 'Billing', credential: key } });
    expect(created.statusCode).toBe(201);
    expect(Object.keys(created.json() as object).sort()).toEqual(['createdAt', 'fingerprint', 'id', 'last4', 'name', 'provider', 'rotatedAt', 'scopes']);
    expect(created.json()).toMatchObject({ provider: 'stripe', name: 'Billing', last4: key.slice(-4) });
    const list = await app.inject({ method: 'GET', url: '/v1/org/integrations', headers: as(org, ['integrations:read']) });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: unknown[] }).items).toHaveLength(1);
    const rotated = await app.inject({
      method: 'POST',
      url: `/v1/org/integrations/${(created.json() as { id: string }).id}/rotate`,
      headers: as(org, ['integrations:write']),
      payload: { credential: rk() },
    });
    expect(rotated.statusCode).toBe(200);
    for (const r of [created, list, rotated]) expect(r.body).not.toContain(key.slice(8, 40));
    // And no response schema of any route the plugin registers has a field a value could travel in.
    expect(routes.map((x) => `${x.method} ${x.url}`).sort()).toEqual([
      'DELETE /v1/org/integrations/:id',
      'GET /v1/integrations/providers',
      'GET /v1/org/integrations',
      'POST /v1/org/integrations',
      'POST /v1/org/integrations/:id/rotate',
    ]);
    for (const x of routes) {
      for (const schema of Object.values(x.response)) {
        expect(JSON.stringify(z.toJSONSchema(schema as z.ZodType, { io: 'output', unrepresentable: 'any' }))).not.toMatch(/"(credential|secret|value|key)"/);
      }
    }
  });

  it('INT-1: POST with a Stripe secret key answers 422 stripe_secret_key_refused; nothing stored, nothing logged', async () => {
    const org = await makeOrg();
    const key = `sk_live_${randomBytes(24).toString('hex')}`;
    logs.length = 0;
    const r = await app.inject({ method: 'POST', url: '/v1/org/integrations', headers: as(org, ['integrations:write']), payload: { provider: 'stripe', name: 'Billing', credential: key } });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'stripe_secret_key_refused', status: 422 });
    expect(r.body).not.toContain(key.slice(8));
    const rows = await asSuperuser(t.ownerUrl, (sql) => sql`select 1 from integration_credentials where org_id = ${org}`);
    expect(rows).toHaveLength(0);
    expect(logs.length).toBeGreaterThan(0); // the request was logged …
    expect(logs.join('\n')).not.toContain(key.slice(8)); // … without the key
  });

  it('INT-3: DELETE disconnects (204) and the row with its ciphertext is gone; a second DELETE is 404', async () => {
    const org = await makeOrg();
    const created = await app.inject({ method: 'POST', url: '/v1/org/integrations', headers: as(org, ['integrations:write']), payload: { provider: 'sms', name: 'Texts', credential: `AC${randomBytes(16).toString('hex')}:${randomBytes(16).toString('hex')}` } });
    const id = (created.json() as { id: string }).id;
    const del = await app.inject({ method: 'DELETE', url: `/v1/org/integrations/${id}`, headers: as(org, ['integrations:write']) });
    expect(del.statusCode).toBe(204);
    expect(await asSuperuser(t.ownerUrl, (sql) => sql`select 1 from integration_credentials where id = ${id}`)).toHaveLength(0);
    const again = await app.inject({ method: 'DELETE', url: `/v1/org/integrations/${id}`, headers: as(org, ['integrations:write']) });
    expect(again.statusCode).toBe(404);
  });

  it('routes need integrations:read / integrations:write, and a signed-in caller', async () => {
    const org = await makeOrg();
    const payload = { provider: 'stripe', name: 'x', credential: rk() };
    expect((await app.inject({ method: 'POST', url: '/v1/org/integrations', headers: as(org, ['integrations:read']), payload })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/org/integrations', headers: as(org, []) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/org/integrations' })).statusCode).toBe(401);
  });

  it('bodies are strict: unknown fields and unknown providers are 400', async () => {
    const org = await makeOrg();
    const h = as(org, ['integrations:write']);
    expect((await app.inject({ method: 'POST', url: '/v1/org/integrations', headers: h, payload: { provider: 'stripe', name: 'x', credential: rk(), value: 'y' } })).json()).toMatchObject({ code: 'validation_failed' });
    expect((await app.inject({ method: 'POST', url: '/v1/org/integrations', headers: h, payload: { provider: 'paypal', name: 'x', credential: 'abc' } })).json()).toMatchObject({ code: 'validation_failed' });
  });

  it('DLP-1: a card number offered as a credential is refused at the door, before the vault sees it', async () => {
    const org = await makeOrg();
    const r = await app.inject({ method: 'POST', url: '/v1/org/integrations', headers: as(org, ['integrations:write']), payload: { provider: 'sms', name: 'x', credential: 'AC12345678:4111111111111111' } });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'sensitive_data_refused' });
    expect(r.body).toContain('$.credential');
    expect(r.body).not.toContain('4111111111111111');
  });
});
