/* Super-admins are configured by user id (an address list stays as a convenience, resolved to
   the account holding the address now) and decided at every request, never carried by a session
   token (issue 12). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { call, createOrg, createUser, signIn } from '../../test/security/harness.js';
import { withSystem } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { createSuperAdmins, REFRESH_MS } from './super-admins.js';

let app: TestApp;
let promoted: TestApp | null = null;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await promoted?.close();
  await app.close();
});

describe('platform super-admins', () => {
  it('RBAC-3: a user named in PALISADE_SUPER_ADMIN_IDS is a super-admin at the next request of a session signed in before (no new sign-in); removed, they stop being one', async () => {
    const root = await createUser(app);
    const session = await signIn(app, root);
    const owner = await signIn(app, await createUser(app));
    const org = await createOrg(app, owner, 'Plan Co');
    // Before: an ordinary user.
    expect(await call(app, { session }, 'PUT', `/v1/platform/orgs/${org}/plan`, { plan: 'enterprise' })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    // The operator names the user by id and restarts (a second node with the new configuration,
    // on the same database and keys): the same cookie is a super-admin's.
    promoted = await buildTestApp({ env: { PALISADE_SUPER_ADMIN_IDS: root.userId }, testDb: { ...app.testDb, db: await app.testDb.connectAgain(), drop: async () => undefined } });
    expect(await call(promoted, { session }, 'PUT', `/v1/platform/orgs/${org}/plan`, { plan: 'enterprise' })).toMatchObject({ status: 200, body: { plan: 'enterprise' } });
    // The node without the setting still refuses the same session: nothing was baked into it.
    expect((await call(app, { session }, 'PUT', `/v1/platform/orgs/${org}/plan`, { plan: 'free' })).status).toBe(403);
  });

  it('RBAC-3: an address in PALISADE_SUPER_ADMINS counts only for the account holding it now; ids count whatever the address', async () => {
    const clock = fixedClock('2026-03-01T12:00:00Z');
    const a = await createUser(app, 'boss@example.test');
    const b = await createUser(app);
    const supers = createSuperAdmins({ db: app.testDb.db, clock, ids: [b.userId], emails: ['Boss@Example.test', 'nobody-has-this@example.test'] });
    expect(await supers.check(a.userId)).toBe(true);
    expect(await supers.check(b.userId)).toBe(true);
    const c = await createUser(app);
    expect(await supers.check(c.userId)).toBe(false);
    expect((await supers.list()).map((s) => s.userId).sort()).toEqual([a.userId, b.userId].sort());
    // The address moves to another account: within one refresh interval the old holder is no
    // longer a super-admin, and the new holder is.
    await withSystem(app.testDb.db, async (tx) => {
      await tx.sql`update users set email = 'former@example.test', email_key = 'former@example.test' where id = ${a.userId}`;
      await tx.sql`update users set email = 'boss@example.test', email_key = 'boss@example.test' where id = ${c.userId}`;
    });
    clock.advance(REFRESH_MS);
    expect(await supers.check(a.userId)).toBe(false);
    expect(await supers.check(c.userId)).toBe(true);
    expect(await supers.check(b.userId)).toBe(true);
  });
});
