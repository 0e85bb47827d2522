/* The verified-key cache (api-keys.ts, migration 0008) may only save lookups: revocation stays
   immediate on every node, a key whose answer depends on the caller's address is never cached,
   and expiry is checked on every use. Two nodes here have their own pools and listeners. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { asSuperuser } from '../../test/fixtures/db.js';
import { call, createKey, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { fixedClock } from '../lib/clock.js';

const clock = fixedClock('2026-06-01T12:00:00Z');
let nodeA: TestApp;
let nodeB: TestApp;
let admin: Session;

async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 300; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

async function withTriggerOff(fn: () => Promise<void>): Promise<void> {
  await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql`alter table api_keys disable trigger api_keys_changed`);
  try {
    await fn();
  } finally {
    await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql`alter table api_keys enable trigger api_keys_changed`);
  }
}

beforeAll(async () => {
  nodeA = await buildTestApp({ clock });
  nodeB = await buildTestApp({ clock, testDb: { ...nodeA.testDb, db: await nodeA.testDb.connectAgain() } });
  admin = await signIn(nodeA, await createUser(nodeA));
  await createOrg(nodeA, admin, 'Key Cache Ltd');
  expect(await eventually(() => nodeA.authzFacts.livePeers() >= 1 && nodeB.authzFacts.livePeers() >= 1)).toBe(true);
});
afterAll(async () => {
  await nodeB.close();
  await nodeA.close();
});

describe('verified-key cache', () => {
  it('RBAC-4: a key another node has cached is refused there on the very next request after it is revoked', async () => {
    const { key, id } = await createKey(nodeA, admin, { name: 'cached', scopes: ['members:read'] });
    for (let i = 0; i < 3; i++) expect((await call(nodeB, { key }, 'GET', '/v1/org/members')).status).toBe(200);
    expect((await call(nodeA, { session: admin }, 'DELETE', `/v1/org/api-keys/${id}`)).status).toBe(204);
    expect((await call(nodeB, { key }, 'GET', '/v1/org/members')).status).toBe(401);
    expect((await call(nodeA, { key }, 'GET', '/v1/org/members')).status).toBe(401);
  });

  it('RBAC-4: an unrestricted key is answered from the cache (shown by a change the database does not announce), an IP-restricted one never is', async () => {
    const open = await createKey(nodeA, admin, { name: 'open', scopes: ['members:read'] });
    const pinned = await createKey(nodeA, admin, { name: 'pinned', scopes: ['members:read'], allowedIps: ['127.0.0.1/32'] });
    expect((await call(nodeB, { key: open.key }, 'GET', '/v1/org/members')).status).toBe(200);
    expect((await call(nodeB, { key: pinned.key }, 'GET', '/v1/org/members')).status).toBe(200);
    await withTriggerOff(async () => {
      await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql`update api_keys set allowed_ips = '{192.0.2.1/32}', revoked_at = now() where id in (${open.id}, ${pinned.id})`);
      // The pinned key is looked up again and refused; the open one is still cached — which is
      // why every change to a key's row must notify (migration 0008), and does.
      expect((await call(nodeB, { key: pinned.key }, 'GET', '/v1/org/members')).status).toBe(401);
      expect((await call(nodeB, { key: open.key }, 'GET', '/v1/org/members')).status).toBe(200);
    });
    // The same kind of change, announced: refused once the notification arrives.
    await asSuperuser(nodeA.testDb.ownerUrl, (sql) => sql`update api_keys set scopes = '{members:read}' where id = ${open.id}`);
    let status = 0;
    for (let i = 0; i < 250 && status !== 401; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 20));
      status = (await call(nodeB, { key: open.key }, 'GET', '/v1/org/members')).status;
    }
    expect(status).toBe(401);
  });

  it('RBAC-4: a cached key stops working the moment it expires', async () => {
    const expiresAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const { key } = await createKey(nodeA, admin, { name: 'short', scopes: ['members:read'], expiresAt });
    expect((await call(nodeB, { key }, 'GET', '/v1/org/members')).status).toBe(200);
    expect((await call(nodeB, { key }, 'GET', '/v1/org/members')).status).toBe(200);
    clock.advance(3_600_000);
    expect((await call(nodeB, { key }, 'GET', '/v1/org/members')).status).toBe(401);
  });
});
