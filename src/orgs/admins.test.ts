/* Who administers an organisation, as the anomaly detectors and alert delivery ask it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { makeMember, makeOrg, makeUser, addMember } from '../authz/testing.js';
import { withSystem } from '../db/index.js';
import { createOrgAdmins } from './admins.js';
import { createSuperAdmins } from '../identity/super-admins.js';
import { systemClock } from '../lib/clock.js';

const supers = (db: TestDb['db'], emails: string[], ids: string[] = []) => createSuperAdmins({ db, clock: systemClock, ids, emails });

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const uid = (p: Awaited<ReturnType<typeof makeMember>>) => (p.kind === 'user' ? p.userId : '');

describe('organisation admins', () => {
  it('TEN-2: an admin of the organisation is an admin there and nowhere else; other roles are not', async () => {
    const admins = createOrgAdmins({ db: t.db, superAdmins: supers(t.db, []) });
    const a = await makeOrg(t.db);
    const b = await makeOrg(t.db);
    const admin = await makeMember(t.db, a, ['admin']);
    const viewer = await makeMember(t.db, a, ['viewer']);
    await makeMember(t.db, b, ['admin']);
    expect(await admins.isAdmin(a, uid(admin))).toBe(true);
    expect(await admins.isAdmin(a, uid(viewer))).toBe(false);
    expect(await admins.isAdmin(b, uid(admin))).toBe(false);
  });

  it('the platform log\'s admins are the configured super-admins (none configured: nobody)', async () => {
    const userId = await makeUser(t.db, { email: 'root.admin@example.com' });
    const org = await makeOrg(t.db);
    await addMember(t.db, org, userId, ['admin']);
    const [row] = await withSystem(t.db, (tx) => tx.sql<{ email_key: string }[]>`select email_key from users where id = ${userId}`);
    expect(await createOrgAdmins({ db: t.db, superAdmins: supers(t.db, []) }).isAdmin('platform', userId)).toBe(false);
    expect(await createOrgAdmins({ db: t.db, superAdmins: supers(t.db, [row?.email_key ?? '']) }).isAdmin('platform', userId)).toBe(true);
    expect(await createOrgAdmins({ db: t.db, superAdmins: supers(t.db, ['someone.else@example.com']) }).isAdmin('platform', userId)).toBe(false);
    expect(await createOrgAdmins({ db: t.db, superAdmins: supers(t.db, [], [userId]) }).isAdmin('platform', userId)).toBe(true);
    expect(await createOrgAdmins({ db: t.db, superAdmins: supers(t.db, [], [userId]) }).adminEmails('platform')).toEqual(['root.admin@example.com']);
  });
});
