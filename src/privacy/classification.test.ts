/* ASVS V14.1.1, V14.1.2: every person-data registry entry (registry.ts) has a protection level in
   docs/data-classification.md, the document names no table the registry lacks, and every level
   it assigns has its column of rules. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERSON_DATA } from './registry.js';

const DOC = readFileSync(new URL('../../docs/data-classification.md', import.meta.url), 'utf8');

/** The levels the rules table defines (its header's columns after "rule"). */
export function definedLevels(doc: string): string[] {
  const header = /^\| rule \|(.*)\|$/m.exec(doc)?.[1] ?? '';
  return [...header.matchAll(/`([a-z]+)`/g)].map((m) => m[1] ?? '');
}

/** table → level, from the "Each registered table" section. */
export function classified(doc: string): Map<string, string> {
  const part = doc.slice(doc.indexOf('## Each registered table'));
  return new Map([...part.matchAll(/^\| `([a-z_]+)` \| ([a-z]+) \|/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** What is wrong between the registry and the document (empty when they agree). */
export function disagreements(doc: string, registry = PERSON_DATA): string[] {
  const levels = new Set(definedLevels(doc));
  const c = classified(doc);
  const tables = new Set(registry.map((e) => e.table));
  return [
    ...[...tables].filter((t) => !c.has(t)).map((t) => `${t}: registered, no level`),
    ...[...c.keys()].filter((t) => !tables.has(t)).map((t) => `${t}: classified, not registered`),
    ...[...c].filter(([, l]) => !levels.has(l)).map(([t, l]) => `${t}: level ${l} has no rules`),
  ];
}

describe('data classification', () => {
  it('V14.1.1 V14.1.2: every registry entry has a protection level whose rules are documented, and the document names only registered tables', () => {
    expect(definedLevels(DOC)).toEqual(['secret', 'personal', 'pseudonymous']);
    expect(disagreements(DOC)).toEqual([]);
    expect(classified(DOC).size).toBe(new Set(PERSON_DATA.map((e) => e.table)).size);
  });

  it('V14.1.1: the check fails for a new registry entry without a level, a level without rules, and a classified table that does not exist', () => {
    const added = [...PERSON_DATA, { ...PERSON_DATA[0]!, table: 'new_module_notes' }];
    expect(disagreements(DOC, added)).toEqual(['new_module_notes: registered, no level']);
    expect(disagreements(DOC.replace('| `sessions` | personal |', '| `sessions` | public |'))).toEqual(['sessions: level public has no rules']);
    expect(disagreements(`${DOC}| \`old_table\` | personal | gone |\n`)).toEqual(['old_table: classified, not registered']);
  });
});
