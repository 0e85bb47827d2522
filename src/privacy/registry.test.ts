/* PRIV-1: the person-data registry covers the live schema. A table that gains a column naming or
   describing a person (user ids, actor columns, addresses, IPs, browsers) fails this test until
   the owning module registers it in src/privacy/registry.ts — so the export and erasure cannot
   silently forget it. */
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { PERSON_COLUMN, PERSON_DATA } from './registry.js';
import { SECTION_READERS } from './repo.js';

let testDb: TestDb;
let columns: Array<{ table_name: string; column_name: string }>;

beforeAll(async () => {
  testDb = await createTestDb();
  const sql = postgres(testDb.ownerUrl, { max: 1, onnotice: () => {} });
  columns = await sql<{ table_name: string; column_name: string }[]>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by 1, 2`;
  await sql.end();
});

afterAll(async () => {
  await testDb?.drop();
});

/** Every (table, column) of the schema that names or describes a person and no entry lists. */
export function unregistered(cols: ReadonlyArray<{ table_name: string; column_name: string }>, registry = PERSON_DATA): string[] {
  return cols
    .filter((c) => PERSON_COLUMN.test(c.column_name))
    .filter((c) => !registry.some((e) => e.table === c.table_name && e.columns.includes(c.column_name)))
    .map((c) => `${c.table_name}.${c.column_name}`);
}

describe('person-data registry', () => {
  it('PRIV-1: every table of the live schema with a person column is registered (information_schema)', () => {
    expect(columns.length).toBeGreaterThan(50);
    expect(unregistered(columns)).toEqual([]);
    // The account table itself.
    expect(PERSON_DATA.some((e) => e.table === 'users')).toBe(true);
  });

  it('PRIV-1: the check fails for a table the registry forgets (a new module\'s table, or an entry removed)', () => {
    const withNew = [...columns, { table_name: 'new_module_notes', column_name: 'author_user_id' }];
    expect(unregistered(withNew)).toEqual(['new_module_notes.author_user_id']);
    const without = PERSON_DATA.filter((e) => e.table !== 'sessions');
    expect(unregistered(columns, without)).toEqual(expect.arrayContaining(['sessions.user_id', 'sessions.ip', 'sessions.user_agent']));
  });

  it('PRIV-1: registered tables and columns exist, and every exported section has exactly one reader', () => {
    const have = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
    const missing = PERSON_DATA.flatMap((e) => e.columns.map((c) => `${e.table}.${c}`)).filter((tc) => !have.has(tc));
    expect(missing).toEqual([]);
    const sections = PERSON_DATA.flatMap((e) => ('section' in e.export ? [e.export.section] : []));
    expect(new Set(sections).size).toBe(sections.length);
    expect(sections.sort()).toEqual(Object.keys(SECTION_READERS).sort());
  });

  it('PRIV-1: docs/privacy.md\'s table of export sections names exactly the registry\'s sections', () => {
    const doc = readFileSync(new URL('../../docs/privacy.md', import.meta.url), 'utf8');
    expect(documentedSections(doc).sort()).toEqual(PERSON_DATA.flatMap((e) => ('section' in e.export ? [e.export.section] : [])).sort());
    // The check sees a section the doc forgets.
    expect(documentedSections(doc.replace(/^\| `privacy\.consents` \|.*$/m, ''))).not.toContain('privacy.consents');
  });
});

/** The section names in the first column of docs/privacy.md's "Export format" table. */
function documentedSections(doc: string): string[] {
  const part = doc.slice(doc.indexOf('### Export format'), doc.indexOf('## Rights requests'));
  return [...part.matchAll(/^\| ((?:`[a-z_.]+`(?:, )?)+) \|/gm)].flatMap((m) => [...(m[1] ?? '').matchAll(/`([a-z_.]+)`/g)].map((x) => x[1] ?? ''));
}
