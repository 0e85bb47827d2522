/* `palisade sessions revoke`: the platform-wide session kill (ASVS V7.4.5), run against the
   database of a live node: the node refuses the sessions from its next request on (the
   NOTIFY reaches it at commit; the wait below is for that delivery, bounded, not a timing). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { call, createOrg, createUser, signIn, addMember, type Session } from '../../test/security/harness.js';
import { runSessionsCommand } from './sessions.js';

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

const sink = () => {
  const lines: string[] = [];
  return { lines, write: (s: string) => lines.push(s) };
};

async function refusedSoon(s: Session): Promise<boolean> {
  for (let i = 0; i < 500; i++) {
    if ((await call(app, { session: s }, 'GET', '/v1/me')).status === 401) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

describe('palisade sessions revoke', () => {
  it('V7.4.5: --user ends every session of one user in every organisation, audited in each; other users keep theirs; then --all ends everyone\'s', async () => {
    const alice = await createUser(app);
    const bob = await createUser(app);
    const a1 = await signIn(app, alice);
    const orgA = await createOrg(app, a1, 'Kill One Ltd');
    const bobS = await signIn(app, bob);
    const orgB = await createOrg(app, bobS, 'Kill Two Ltd');
    await addMember(app, orgB, alice.userId, ['viewer']);
    const a2 = await signIn(app, alice, orgB);
    expect((await call(app, { session: a1 }, 'GET', '/v1/me')).status).toBe(200);
    expect((await call(app, { session: a2 }, 'GET', '/v1/me')).status).toBe(200);

    const out = sink();
    expect(await runSessionsCommand(['revoke', '--user', alice.email.toUpperCase(), '--reason', 'credential leak INC-7'], { db: app.testDb.db, out, err: sink() })).toBe(0);
    expect(out.lines.join('')).toContain('revoked 2 session(s)');
    expect(await refusedSoon(a1)).toBe(true);
    expect(await refusedSoon(a2)).toBe(true);
    expect((await call(app, { session: bobS }, 'GET', '/v1/me')).status).toBe(200);
    const logs = await app.testDb.db.system<{ org_id: string; n: number }[]>`
      select org_id, count(*)::int as n from audit_events where action = 'auth.session_revoked' and actor_id = 'palisade-cli'
        and metadata->>'userId' = ${alice.userId} group by org_id order by org_id`;
    expect(Object.fromEntries(logs.map((l) => [l.org_id, l.n]))).toEqual({ [orgA]: 2, [orgB]: 2, platform: 2 });

    expect(await runSessionsCommand(['revoke', '--all', '--reason', 'signing key exposure'], { db: app.testDb.db, out: sink(), err: sink() })).toBe(0);
    expect(await refusedSoon(bobS)).toBe(true);
    const [summary] = await app.testDb.db.system<{ n: number }[]>`select count(*)::int as n from audit_events where action = 'auth.sessions_revoked_all' and org_id = 'platform'`;
    expect(summary?.n).toBe(1);
    // A new sign-in works afterwards.
    expect((await call(app, { session: await signIn(app, bob) }, 'GET', '/v1/me')).status).toBe(200);
  });

  it('V7.4.5: usage errors exit 2; an unknown user exits 1 and revokes nothing', async () => {
    for (const argv of [[], ['revoke'], ['revoke', '--all'], ['revoke', '--user', 'x@y.test', '--all', '--reason', 'r'], ['nuke', '--all', '--reason', 'r']]) {
      expect(await runSessionsCommand(argv, { db: app.testDb.db, out: sink(), err: sink() }), JSON.stringify(argv)).toBe(2);
    }
    const s = await signIn(app, await createUser(app));
    expect(await runSessionsCommand(['revoke', '--user', 'nobody@nowhere.test', '--reason', 'r'], { db: app.testDb.db, out: sink(), err: sink() })).toBe(1);
    expect((await call(app, { session: s }, 'GET', '/v1/me')).status).toBe(200);
  });
});
