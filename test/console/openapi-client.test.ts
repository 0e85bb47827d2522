/* The console's typed client (web/src/api/schema.d.ts) is generated from the live /openapi.json
   by openapi-typescript; this test regenerates it from the running app's document and fails when
   the committed file differs, so a route change that the console was not rebuilt against is
   caught here and not in a browser. Regenerate with `npm run console:client` (the same test with
   PALISADE_WRITE_CLIENT=1). Claim VAL-1 (the OpenAPI document is the contract). */
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';

const CLIENT = new URL('../../web/src/api/schema.d.ts', import.meta.url);
const HEADER = '/* Generated from /openapi.json by openapi-typescript (npm run console:client). Do not edit:\n   test/console/openapi-client.test.ts fails when this file is stale. */\n';

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

export async function generateClient(document: string): Promise<string> {
  const ast = await openapiTS(document, { alphabetize: true });
  return HEADER + astToString(ast);
}

describe('the console\'s typed client', () => {
  it('VAL-1: web/src/api/schema.d.ts is what openapi-typescript generates from the live /openapi.json', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const generated = await generateClient(res.body);
    if (process.env.PALISADE_WRITE_CLIENT === '1') writeFileSync(CLIENT, generated);
    expect(generated).toContain('"/v1/org/audit/events/{id}/proof"');
    expect(readFileSync(CLIENT, 'utf8'), 'the typed client is stale: run npm run console:client').toBe(generated);
  });
});
