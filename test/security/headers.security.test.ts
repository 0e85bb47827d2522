/* VAL-3 on the API itself: every operation of the OpenAPI document (so a new route is covered
   the day it is added), called anonymously, as a viewer and as an admin, plus the answers no
   route handler writes (unknown path, malformed JSON, refused card number), carries the strict
   CSP and same-origin headers, whatever its status. Issue 21: dropping the headers from every
   /v1/ response once passed the suite, which checked five non-API paths only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Credential, type Reply } from './harness.js';
import { ENTRIES, buildMatrixApp, makeFixture, type Fixture, type MatrixApp } from './matrix.js';

let app: MatrixApp;
let f: Fixture;

beforeAll(async () => {
  app = await buildMatrixApp();
  f = await makeFixture(app);
}, 120_000);
afterAll(async () => { await app?.close(); });

/** What is wrong with a response's security headers ([] = nothing). Values are spelled out here,
    not read from the code under test. */
function headerProblems(r: Reply): string[] {
  const h = (name: string): string => String(r.headers[name] ?? '');
  const problems: string[] = [];
  const csp = h('content-security-policy');
  for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    if (!csp.split(';').map((s) => s.trim()).includes(d)) problems.push(`csp lacks ${d}`);
  }
  if (/unsafe-inline|unsafe-eval|\*/.test(csp)) problems.push('csp allows unsafe sources');
  const exact: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
  for (const [name, value] of Object.entries(exact)) if (h(name) !== value) problems.push(`${name}=${h(name) || '(missing)'}`);
  if (!h('permissions-policy').includes('camera=()')) problems.push('permissions-policy missing');
  if (!/^req_/.test(h('x-request-id'))) problems.push('x-request-id missing');
  if (h('cache-control') === '' ) problems.push('cache-control missing');
  if ('x-powered-by' in r.headers) problems.push('x-powered-by present');
  return problems;
}

function operations(): Array<{ method: string; path: string }> {
  const doc = app.http.swagger() as { paths?: Record<string, Record<string, unknown>> };
  const ops: Array<{ method: string; path: string }> = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) for (const m of Object.keys(methods)) ops.push({ method: m.toUpperCase(), path });
  // Calls that end the caller's session (or sessions) go last.
  const last = (o: { method: string; path: string }) => (ENTRIES[`${o.method} ${o.path}`]?.endsSession || (o.method === 'DELETE' && o.path.endsWith('/sessions')) ? 1 : 0);
  return ops.sort((a, b) => last(a) - last(b));
}

describe('security headers on the API', () => {
  it('VAL-3: every response of every /v1/ operation, to any caller and with any status, carries the strict CSP and same-origin headers', async () => {
    const ops = operations().filter((o) => o.path.startsWith('/v1/'));
    expect(ops.length).toBeGreaterThanOrEqual(40);
    const bad: string[] = [];
    const statuses = new Map<number, number>();
    const callers: Array<[string, Credential]> = [['anonymous', { none: true }], ['viewer', { session: f.victim.viewer }], ['admin', { session: f.victim.admin }]];
    for (const [who, cred] of callers) {
      for (const { method, path } of ops) {
        const entry = ENTRIES[`${method} ${path}`] ?? {};
        const params = entry.params?.(f) ?? {};
        const query = entry.query?.(f);
        const url = path.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(params[n] ?? 'x_missing')) + (query ? `?${new URLSearchParams(query).toString()}` : '');
        const r = await call(app, cred, method, url, entry.body?.(f));
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        const p = headerProblems(r);
        if (p.length) bad.push(`${who} ${method} ${url} → ${r.status}: ${p.join(', ')}`);
      }
    }
    expect(bad).toEqual([]);
    // Not vacuous: successes and refusals of several kinds were all checked.
    const count = (pred: (s: number) => boolean) => [...statuses].filter(([s]) => pred(s)).reduce((n, [, c]) => n + c, 0);
    expect(count((s) => s >= 200 && s < 300)).toBeGreaterThanOrEqual(30);
    expect(count((s) => s === 401)).toBeGreaterThanOrEqual(20);
    expect(count((s) => s === 403)).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it('VAL-3: answers written by no route handler (unknown path, malformed JSON, a refused card number, a wrong method) carry them too', async () => {
    const admin: Credential = { session: f.victim.admin };
    const replies: Array<[string, Reply]> = [
      ['unknown path', await call(app, admin, 'GET', '/v1/no/such/route')],
      ['card number', await call(app, admin, 'PATCH', '/v1/org', { name: 'Card 4111 1111 1111 1111' })],
      ['wrong method', await call(app, admin, 'PUT', '/v1/org/members')],
    ];
    const malformed = await app.http.inject({ method: 'POST', url: '/v1/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    replies.push(['malformed JSON', { status: malformed.statusCode, body: {}, text: malformed.body, headers: malformed.headers as Record<string, unknown> }]);
    for (const [what, r] of replies) {
      expect(r.status, what).toBeGreaterThanOrEqual(400);
      expect(r.status, what).toBeLessThan(500);
      expect(headerProblems(r), `${what} → ${r.status}`).toEqual([]);
    }
  });
});
