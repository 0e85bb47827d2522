/* TEN-2 on the two tables with row-level security but no org_id, attacked by behaviour (the generic
   suite compares their policies only as text): `users` — the app role sees the users who are
   members of the current organisation, and no one without a context; `incidents` — a confirmed
   incident only to an organisation it affected, an unconfirmed one to nobody. The mutation run of
   the RLS migrations (npm run mutants:rls, session 9) found their widened policies killed only by
   that text comparison. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';

const A = 'org_sharedaa';
const B = 'org_sharedbb';
const INC = { a: 'inc_aaaaaaaaaaaaaaaaaaaaaaaaaa', b: 'inc_bbbbbbbbbbbbbbbbbbbbbbbbbb', draft: 'inc_cccccccccccccccccccccccccc' };
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  const su = postgres(t.ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await su`insert into orgs (id, name) values (${A}, 'A'), (${B}, 'B')`;
    await su`insert into users (id, email, email_key, email_verified_at) values
      ('usr_shared_a', 'a@shared.test', 'a@shared.test', now()), ('usr_shared_b', 'b@shared.test', 'b@shared.test', now()), ('usr_shared_none', 'n@shared.test', 'n@shared.test', now())`;
    await su`insert into memberships (org_id, user_id, roles) values (${A}, 'usr_shared_a', '{viewer}'), (${B}, 'usr_shared_b', '{viewer}')`;
    const incident = (id: string, confirmed: boolean) => su`
      insert into incidents (id, nature, data_categories, remediation, discovered_at, confirmed_at, deadline_at, window_from, window_to, created_by, created_at)
      values (${id}, 'n', '{}', 'r', now(), ${confirmed ? new Date() : null}, ${confirmed ? new Date(Date.now() + 72 * 3600_000) : null}, now() - interval '1 day', now(), 'operator', now())`;
    await incident(INC.a, true);
    await incident(INC.b, true);
    await incident(INC.draft, false);
    await su`insert into incident_orgs (incident_id, org_id, records) values (${INC.a}, ${A}, 1), (${INC.b}, ${B}, 1), (${INC.draft}, ${A}, 1)`;
  } finally {
    await su.end();
  }
}, 120_000);
afterAll(async () => { await t?.drop(); });

/** The ids the app role reads from `table` in a transaction with the given organisation context. */
async function idsSeen(table: 'users' | 'incidents', org: string | null): Promise<string[]> {
  let ids: string[] = [];
  const rollback = new Error('rollback');
  await t.db.app.begin(async (sql) => {
    if (org !== null) await sql`select set_config('palisade.org_id', ${org}, true)`;
    ids = (await sql.unsafe<{ id: string }[]>(`select id from ${table} where id like 'usr_shared%' or id like 'inc_%' order by id`)).map((r) => r.id);
    throw rollback;
  }).catch((e: unknown) => { if (e !== rollback) throw e; });
  return ids;
}

describe('row-level security on the shared tables (no org_id)', () => {
  it('TEN-2: the app role sees the users who are members of the current organisation, and none with no or an empty context', async () => {
    expect(await idsSeen('users', A)).toEqual(['usr_shared_a']);
    expect(await idsSeen('users', B)).toEqual(['usr_shared_b']);
    expect(await idsSeen('users', null)).toEqual([]);
    expect(await idsSeen('users', '')).toEqual([]);
  });

  it('TEN-2: the app role sees a confirmed incident only in an organisation it affected, an unconfirmed one never, and none with no or an empty context', async () => {
    expect(await idsSeen('incidents', A)).toEqual([INC.a]);
    expect(await idsSeen('incidents', B)).toEqual([INC.b]);
    expect(await idsSeen('incidents', null)).toEqual([]);
    expect(await idsSeen('incidents', '')).toEqual([]);
  });
});
