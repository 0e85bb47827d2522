/* Decoding once and encoding at the last step, over HTTP with the real app and PostgreSQL
   (ASVS V1.1.1, V1.2.3): text that looks encoded (percent, HTML entities, JSON escapes, base64)
   is stored and answered exactly as it was sent — never decoded a second time — and text that
   would break a JSON or script context comes back in well-formed JSON, byte for byte the same
   string, under application/json with nosniff. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { call, createOrg, createUser, signIn, type Session } from './harness.js';

let app: TestApp;
let admin: Session;

beforeAll(async () => {
  app = await buildTestApp();
  admin = await signIn(app, await createUser(app));
  await createOrg(app, admin, 'Encoding Ltd');
});
afterAll(async () => {
  await app?.close();
});

async function roundTrip(name: string): Promise<{ raw: string; name: unknown; keys: string[]; type: unknown; nosniff: unknown }> {
  const patch = await call(app, { session: admin }, 'PATCH', '/v1/org', { name });
  expect(patch.status, patch.text).toBe(200);
  const r = await app.http.inject({ method: 'GET', url: '/v1/org', headers: { cookie: admin.cookie } });
  const body = JSON.parse(r.body) as Record<string, unknown>;
  return { raw: r.body, name: body.name, keys: Object.keys(body).sort(), type: r.headers['content-type'], nosniff: r.headers['x-content-type-options'] };
}

describe('encoding', () => {
  it('V1.1.1: text that looks encoded is decoded once (by the JSON parser) and never again: percent, entity, JSON-escape and plus forms come back exactly as sent', async () => {
    for (const name of ['%3Cscript%3E', '%253Cscript%253E', '&lt;b&gt; &amp;amp;', '\\u003cscript\\u003e', 'a+b%20c', 'PHNjcmlwdD4=', '\\x3c\\n']) {
      const r = await roundTrip(name);
      expect(r.name, name).toBe(name);
    }
    // The JSON escape itself is decoded exactly once: "\u003c" in the request is "<" in the value, and "\\u003c" stays six characters.
    const once = await app.http.inject({ method: 'PATCH', url: '/v1/org', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, payload: '{"name":"\\u003cb\\u003e \\\\u003cb\\\\u003e"}' });
    expect(once.statusCode, once.body).toBe(200);
    expect((JSON.parse(once.body) as { name: string }).name).toBe('<b> \\u003cb\\u003e');
  });

  it('V1.2.3: quotes, backslashes, </script>, line and paragraph separators and lone surrogate-free unicode come back in well-formed JSON as the same string, with no field added', async () => {
    const benign = await roundTrip('Plain name');
    for (const name of ['"},"plan":"enterprise","x":{"', '</script><script>alert(1)</script>', 'back\\slash \\" quote', 'line\u2028para\u2029end', '\'single\' `tick` ${x}', 'ünï©ødé 🛡️ 名前']) {
      const r = await roundTrip(name);
      expect(r.name, name).toBe(name);
      expect(r.keys, name).toEqual(benign.keys);
      expect(r.type).toBe('application/json; charset=utf-8');
      expect(r.nosniff).toBe('nosniff');
      // The raw answer parses as one JSON object whose plan was not changed by the name.
      expect((JSON.parse(r.raw) as { plan: string }).plan).toBe((JSON.parse(benign.raw) as { plan: string }).plan);
    }
  });
});
