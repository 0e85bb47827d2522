/* Hostile input over real HTTP on loopback: every route that takes a JSON body (discovered from
   the OpenAPI document, so new routes are covered automatically) refuses unknown fields, wrong
   types, invalid JSON, oversized and over-deep bodies with 4xx problem+json — never a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { CSP_DIRECTIVES } from '../../src/http/security-headers.js';

let app: TestApp;
let base = '';
type Op = { method: string; path: string; schema: { properties?: Record<string, { type?: string | string[] }>; required?: string[] } };
const bodyRoutes: Op[] = [];

beforeAll(async () => {
  app = await buildTestApp();
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const doc = (await (await fetch(`${base}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: Op['schema'] }> } }>>;
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      // Signature-first routes: Stripe's events (Stripe-Signature over the raw bytes) and agents'
      // events (RFC 9421 over the content digest) are authenticated before anything parses them,
      // so an unsigned call is refused first; src/webhooks/stripe.test.ts and agents.test.ts
      // attack them with tampered, stale and replayed bodies.
      if (schema && (path === '/v1/inbound/stripe' || path === '/v1/agent/events')) continue;
      if (schema) bodyRoutes.push({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x_nonexistent'), schema });
    }
  }
});
afterAll(async () => { await app.close(); });

async function send(op: Op, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${op.path}`, { method: op.method, body, headers: { 'content-type': 'application/json', origin: base, ...headers } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function validBody(op: Op): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of op.schema.required ?? []) {
    const t = op.schema.properties?.[key]?.type;
    const type = Array.isArray(t) ? t[0] : t;
    out[key] = type === 'number' || type === 'integer' ? 1 : type === 'boolean' ? true : type === 'array' ? [] : type === 'object' ? {} : 'value-1234567890';
  }
  return out;
}

function expectProblem(r: { status: number; type: string; body: Record<string, unknown> }, status: number, code: string) {
  expect(r.type).toContain('application/problem+json');
  expect(r).toMatchObject({ status, body: { status, code } });
  expect(typeof r.body.requestId).toBe('string');
  expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+|stack|SELECT|INSERT/i);
}

describe('hostile input', () => {
  it('the API has routes with JSON bodies to attack', () => {
    // Guards against a vacuous pass if route discovery breaks.
    expect(bodyRoutes.length).toBeGreaterThanOrEqual(10);
    expect(bodyRoutes.map((r) => r.path)).toContain('/v1/auth/sign-in');
  });

  it('VAL-1: an unknown JSON field is refused with 400 validation_failed', async () => {
    for (const op of bodyRoutes) {
      const r = await send(op, JSON.stringify({ ...validBody(op), surpriseField: 'x' }));
      expect(r.status, `${op.method} ${op.path}`).toBeLessThan(500);
      expectProblem(r, 400, 'validation_failed');
    }
  });

  it('VAL-1: a wrong type is refused with 400 validation_failed', async () => {
    for (const op of bodyRoutes) {
      const body = validBody(op);
      const key = Object.keys(body)[0];
      if (!key) continue;
      body[key] = { nested: ['wrong', 'type'] };
      const r = await send(op, JSON.stringify(body));
      expectProblem(r, 400, 'validation_failed');
    }
    // And a whole body of the wrong shape.
    for (const op of bodyRoutes) expectProblem(await send(op, '[1,2,3]'), 400, 'validation_failed');
  });

  it('VAL-1: invalid JSON is refused with 400 invalid_json', async () => {
    const targets: Op[] = [...bodyRoutes, { method: 'POST', path: '/v1/nothing-here', schema: {} }];
    for (const op of targets) {
      for (const bad of ['{bad', '{"a":1,}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}']) {
        const r = await send(op, bad);
        expect(r.status, `${op.method} ${op.path} ${bad}`).toBeLessThan(500);
        if (op.path !== '/v1/nothing-here') expectProblem(r, 400, 'invalid_json');
      }
    }
  });

  it('VAL-1: a 2 MB body is refused with 413 payload_too_large', async () => {
    const big = JSON.stringify({ filler: 'x'.repeat(2 * 1024 * 1024) });
    for (const op of [...bodyRoutes, { method: 'POST', path: '/v1/auth/sign-in', schema: {} }]) {
      const r = await send(op, big);
      expect(r.status, `${op.method} ${op.path}`).toBeLessThan(500);
      if (bodyRoutes.includes(op)) expectProblem(r, 413, 'payload_too_large');
    }
  });

  it('VAL-1: JSON nested deeper than the limit is refused', async () => {
    const deep = '['.repeat(200) + ']'.repeat(200);
    for (const op of bodyRoutes) expectProblem(await send(op, deep), 400, 'json_too_deep');
  });

  it('unsupported content types are refused with 415', async () => {
    for (const op of bodyRoutes) {
      const r = await send(op, 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
      expectProblem(r, 415, 'unsupported_media_type');
    }
  });

  it('DLP-1: a card number in any JSON field of any route is refused with 422, never echoed or logged', async () => {
    const pan = '4111 1111 1111 1111';
    for (const op of bodyRoutes) {
      const r = await send(op, JSON.stringify({ ...validBody(op), note: { deep: [`pay with ${pan}`] } }));
      expectProblem(r, 422, 'sensitive_data_refused');
      expect(String(r.body.detail)).toContain('$.note.deep[0]');
      expect(JSON.stringify(r.body)).not.toContain('4111');
    }
    expect(app.logs.join('')).not.toContain('4111 1111 1111 1111');
  });

  it('DLP-2/DLP-3: a CVV field or an IBAN is refused with 422', async () => {
    for (const op of bodyRoutes) {
      expectProblem(await send(op, JSON.stringify({ ...validBody(op), cvv: '123' })), 422, 'sensitive_data_refused');
      expectProblem(await send(op, JSON.stringify({ ...validBody(op), x: 'GB82 WEST 1234 5698 7654 32' })), 422, 'sensitive_data_refused');
    }
  });

  it('unknown routes answer 404 problem+json', async () => {
    const r = await fetch(`${base}/definitely/not/here`);
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('VAL-3: every response carries the strict CSP and same-origin headers', async () => {
    for (const path of ['/healthz', '/docs', '/openapi.json', '/trust.json', '/nope']) {
      const r = await fetch(`${base}${path}`);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('permissions-policy')).toContain('camera=()');
      expect(r.headers.get('x-request-id')).toMatch(/^req_/);
      // Plain HTTP: no HSTS (it would be ignored, and would pin localhost for developers).
      expect(r.headers.get('strict-transport-security')).toBeNull();
    }
    expect(CSP_DIRECTIVES.frameAncestors).toEqual(["'none'"]);
  });

  it('readiness reports the database migrated', async () => {
    const r = await fetch(`${base}/readyz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ready' });
  });

  it('the OpenAPI document is 3.1 and /docs renders it', async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');
    const html = await (await fetch(`${base}/docs`)).text();
    expect(html).toContain('/readyz');
    expect(html).not.toContain('<script');
  });
});
