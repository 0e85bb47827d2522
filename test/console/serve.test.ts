/* How Palisade serves the console's committed build (src/pages/console.ts): every /console path
   answers the build's page under the strict CSP, no-store; the hashed assets are immutable and
   gzipped when accepted; an unknown asset is a 404 problem, never the page (a mistyped script URL
   must not load HTML as script). */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConsoleBuild } from '../../src/pages/console.js';
import { buildTestApp, type TestApp } from '../fixtures/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('the console as served', () => {
  it('VAL-3: /console and any page under it answer the build\'s page, no-store, under the strict CSP; its assets are immutable and gzipped when accepted; an unknown asset is a 404 problem', async () => {
    const build = loadConsoleBuild()!;
    for (const url of ['/console', '/console/members', '/console/audit?x=1', '/console/no/such/page']) {
      const res = await app.http.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(build.index);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers['content-security-policy']).not.toContain('unsafe');
    }
    const script = /src="(\/console\/assets\/[\w.-]+\.js)"/.exec(build.index)![1]!;
    const plain = await app.http.inject({ method: 'GET', url: script });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await app.http.inject({ method: 'GET', url: script, headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
    for (const url of ['/console/assets/index-nope.js', '/console/assets/..%2Findex.html', '/console/assets/']) {
      const res = await app.http.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.json().code, url).toBe('not_found');
    }
  });
});
