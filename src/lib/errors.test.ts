import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineError, PalisadeError, registeredErrorCodes } from './errors.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [p] : [];
  });
}

function errorModules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return errorModules(p);
    return name === 'errors.ts' ? [p] : [];
  });
}

describe('error codes', () => {
  it('every code is unique, lower_snake_case, documented in docs/errors.md with its status, and the doc lists no code that is gone', async () => {
    for (const file of errorModules(SRC)) await import(file);
    const codes = registeredErrorCodes();
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = new Map<string, number>();
    for (const m of doc.matchAll(/^\| ([a-z][a-z0-9_]*) \| (\d{3}) \|/gm)) {
      expect(documented.has(m[1]!), `${m[1]} documented twice`).toBe(false);
      documented.set(m[1]!, Number(m[2]));
    }
    for (const [code, { status }] of codes) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(documented.get(code), `docs/errors.md row for ${code}`).toBe(status);
    }
    expect([...documented.keys()].filter((c) => !codes.has(c))).toEqual([]);
  });

  it('every error class declared anywhere in src registers its code', async () => {
    for (const file of errorModules(SRC)) await import(file);
    const codes = registeredErrorCodes();
    const declared = tsFiles(SRC).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/readonly code = '([a-z0-9_]+)'/g)].map((m) => m[1]!));
    expect(declared.length).toBeGreaterThan(5);
    expect(declared.filter((c) => !codes.has(c))).toEqual([]);
  });

  it('defineError: a PalisadeError named after its code, with its status and fixed client message, registered once; detail and cause stay off the message', () => {
    const ExampleRefused = defineError('lib.test', 'example_refused_for_test', 409, 'Refused for the test');
    const cause = new Error('secret-ish cause');
    const e = new ExampleRefused({ orgId: 'org_x' }, { cause });
    expect(e).toBeInstanceOf(PalisadeError);
    expect(e).toBeInstanceOf(ExampleRefused);
    expect([e.name, e.code, e.status, e.message]).toEqual(['ExampleRefusedForTest', 'example_refused_for_test', 409, 'Refused for the test']);
    expect(e.detail).toEqual({ orgId: 'org_x' });
    expect(e.cause).toBe(cause);
    expect(registeredErrorCodes().get('example_refused_for_test')).toEqual({ status: 409, source: 'lib.test' });
    // Another module may not take the same code.
    expect(() => defineError('elsewhere', 'example_refused_for_test', 400, 'x')).toThrow(/registered twice/);
  });
});
