/* The OpenAPI document is the contract (issue 20, VAL-1): a maintained linter (Redocly's
   recommended rules) finds no error in /openapi.json, and the checks a client generator or the
   fuzz suite relies on hold for every operation: its credentials declared, a success body's
   content type stated, an email documented as one. The fuzz suite (fuzz.security.test.ts) checks
   the other direction: every status observed is documented. */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';

type Schema = { properties?: Record<string, Schema>; items?: Schema; format?: string; allOf?: Schema[]; anyOf?: Schema[] };
type Operation = { security?: unknown; responses?: Record<string, { content?: Record<string, unknown> }>; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Doc = { paths: Record<string, Record<string, Operation>> };

let app: TestApp;
let doc: Doc;
let source: string;

beforeAll(async () => {
  app = await buildTestApp();
  const res = await app.http.inject({ method: 'GET', url: '/openapi.json' });
  source = res.body;
  doc = JSON.parse(source) as Doc;
});
afterAll(async () => {
  await app.close();
});

const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, op })));

function emailFields(s: Schema | undefined, at = ''): Array<{ path: string; format: string | undefined }> {
  if (!s) return [];
  const out: Array<{ path: string; format: string | undefined }> = [];
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    if (/^(email|.*Email)$/.test(k)) out.push({ path: `${at}.${k}`, format: v.format });
    out.push(...emailFields(v, `${at}.${k}`));
  }
  for (const sub of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.items ? [s.items] : [])]) out.push(...emailFields(sub, at));
  return out;
}

describe('the OpenAPI document is the contract', () => {
  it('VAL-1: Redocly\'s recommended rules find no error', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    expect(errors).toEqual([]);
  });

  it('VAL-1: every operation declares its credentials (an empty list for public ones)', () => {
    const missing = operations().filter(({ op }) => !Array.isArray(op.security)).map(({ id }) => id);
    expect(operations().length).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('VAL-1: every success response with a body states its content type', () => {
    const bare = operations().flatMap(({ id, op }) => Object.entries(op.responses ?? {})
      .filter(([status, r]) => status.startsWith('2') && status !== '204' && !r.content)
      .map(([status]) => `${id} ${status}`));
    expect(bare).toEqual([]);
  });

  it('VAL-1: every email field of a request body is documented as format: email', () => {
    const fields = operations().flatMap(({ id, op }) => Object.values(op.requestBody?.content ?? {}).flatMap((c) => emailFields(c.schema).map((f) => ({ ...f, id }))));
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.filter((f) => f.format !== 'email').map((f) => `${f.id} ${f.path}`)).toEqual([]);
  });
});
