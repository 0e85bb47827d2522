/* Each reproduction of issue 20 over real HTTP on loopback, as the lowest role would send it:
   forged list cursors, NUL characters and lone surrogates in every kind of input, an over-long
   path parameter, a wrong method, headers over Node's limit. Each answers 4xx problem+json with
   a stable code, the security headers and a request id, and a loop of them leaves the process
   serving. @see issue 20 */
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { addMember, createKey, createOrg, createUser, signIn, type Session } from '../security/harness.js';
import { withSystem } from '../../src/db/index.js';

let app: TestApp;
let base = '';
let admin: Session;
let viewer: Session;
let membersKey = '';

beforeAll(async () => {
  app = await buildTestApp();
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.http.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const a = await createUser(app);
  admin = await signIn(app, a);
  const orgId = await createOrg(app, admin, 'Hostile Input Ltd');
  const v = await createUser(app);
  await addMember(app, orgId, v.userId, ['viewer']);
  viewer = await signIn(app, v, orgId);
  membersKey = (await createKey(app, admin, { name: 'members reader', scopes: ['members:read'] })).key;
});
afterAll(async () => {
  await app.close();
});

type Who = Session | { key: string } | null;
interface Res { status: number; type: string; headers: Headers; body: Record<string, unknown>; text: string }

async function send(who: Who, method: string, path: string, body?: string, extra: Record<string, string> = {}): Promise<Res> {
  const headers: Record<string, string> = { ...extra };
  if (who && 'cookie' in who) {
    headers.cookie = who.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = who.csrf;
  } else if (who) headers.authorization = `Bearer ${who.key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = {};
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, body: parsed, text };
}

function expectProblem(r: Res, status: number, code: string, what: string): void {
  expect({ status: r.status, code: r.body.code }, `${what}: ${r.text.slice(0, 300)}`).toEqual({ status, code });
  expect(r.type, what).toContain('application/problem+json');
  expect(r.body.requestId, what).toMatch(/^req_/);
  expect(r.headers.get('x-request-id'), what).toBe(r.body.requestId);
  expect(r.headers.get('content-security-policy'), what).toContain("default-src 'self'");
  expect(r.headers.get('x-content-type-options'), what).toBe('nosniff');
}

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64url');

const FORGED_CURSORS = [
  'eyJ0IjoieCIsInUiOiJ4In0', // the issue's {"t":"x","u":"x"}
  b64({ t: 'x', i: 'x' }),
  b64({ t: '2024-02-31T00:00:00.000Z', u: 'usr_x', i: 'inv_x' }), // a date that rolls over
  b64({ t: '0000-01-01T00:00:00.000Z', u: 'x', i: 'x' }),
  b64({ t: '+275760-09-13T00:00:00.000Z', u: 'x', i: 'x' }),
  b64({ t: 1e308, u: 'x', i: 'x' }),
  b64({ t: '2024-01-01T00:00:00.000Z', u: 'x\u0000', i: 'x\u0000' }),
  b64({ t: '2024-01-01T00:00:00.000Z', u: { $ne: 1 }, i: ['x'] }),
  b64({ t: '2024-01-01T00:00:00.000Z', u: 'x', i: 'x', extra: true }),
  b64(['2024-01-01T00:00:00.000Z', 'x']),
  b64('null'),
  b64('{"t":'),
  '%%%not-base64%%%',
  'A'.repeat(400),
];

describe('issue 20 reproductions', () => {
  it('VAL-1: forged cursors on every list answer 400 validation_failed, as a viewer and as an API key, and the process keeps serving', async () => {
    const lists = ['/v1/org/members', '/v1/org/invitations', '/v1/org/integrations', '/v1/org/audit/events', '/v1/org/audit/checkpoints', '/v1/org/alerts'];
    for (let round = 0; round < 2; round++) {
      for (const list of lists) {
        for (const cursor of FORGED_CURSORS) {
          for (const who of [viewer, { key: membersKey }] as Who[]) {
            const r = await send(who, 'GET', `${list}?cursor=${encodeURIComponent(cursor)}`);
            if (r.status === 403) continue; // the key's scope does not reach this list
            expectProblem(r, 400, 'validation_failed', `${list} cursor ${cursor.slice(0, 40)}`);
          }
        }
      }
    }
    expect((await send(viewer, 'GET', '/v1/org/members')).status).toBe(200);
    expect((await send({ key: membersKey }, 'GET', '/v1/org/members')).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('VAL-1: a genuine cursor still pages', async () => {
    for (let i = 0; i < 3; i++) expect((await send(admin, 'POST', '/v1/org/invitations', JSON.stringify({ email: `page${i}@example.test`, roles: ['viewer'] }))).status).toBe(201);
    const first = await send(admin, 'GET', '/v1/org/invitations?limit=2');
    expect(first.status).toBe(200);
    const next = String(first.body.nextCursor);
    const second = await send(admin, 'GET', `/v1/org/invitations?limit=2&cursor=${next}`);
    expect(second.status).toBe(200);
    expect((second.body.items as unknown[]).length).toBe(1);
  });

  const NUL_BODIES: Array<[string, string, () => Who, Record<string, unknown>]> = [
    ['POST', '/v1/orgs', () => admin, { name: 'a\u0000b' }],
    ['PATCH', '/v1/org', () => admin, { name: 'a\u0000b' }],
    ['POST', '/v1/org/roles', () => admin, { name: 'r\u0000', permissions: ['members:read'] }],
    ['POST', '/v1/org/api-keys', () => admin, { name: 'k\u0000', scopes: ['members:read'] }],
    ['POST', '/v1/org/integrations', () => admin, { provider: 'webhook_url', name: 'i\u0000', credential: 'https://hooks.example.test/x' }],
    ['POST', '/v1/org/invitations', () => admin, { email: 'x@example.test', roles: ['viewer\u0000'] }],
    ['PATCH', '/v1/org/members/usr_nobody', () => admin, { roles: ['admin\u0000'] }],
    ['PUT', '/v1/me/active-org', () => viewer, { orgId: 'org_\u0000' }],
    ['POST', '/v1/auth/sign-in', () => null, { email: 'x@example.test', password: 'p\u0000ssword' }],
    ['POST', '/v1/invitations/accept', () => viewer, { token: 't\u0000' }],
  ];

  it('VAL-1: a NUL character in any body string answers 400 invalid_text', async () => {
    for (const [method, path, who, body] of NUL_BODIES) {
      const r = await send(who(), method, path, JSON.stringify(body));
      expectProblem(r, 400, 'invalid_text', `${method} ${path}`);
    }
  });

  it('VAL-1: a NUL character in a path id or a query filter answers 400 invalid_text', async () => {
    const cases: Array<[string, string, Who]> = [
      ['DELETE', '/v1/org/invitations/inv_%00abc', admin],
      ['DELETE', '/v1/org/roles/role_%00', admin],
      ['DELETE', '/v1/org/api-keys/key_%00', admin],
      ['DELETE', '/v1/me/sessions/ses_%00', viewer],
      ['GET', '/v1/org/audit/events?action=%00', admin],
      ['GET', '/v1/org/audit/events?actorId=%00', admin],
      ['GET', '/v1/org/alerts?detector=%00', admin],
      ['GET', '/v1/org/audit/events/evt_%00/proof', admin],
    ];
    for (const [method, path, who] of cases) expectProblem(await send(who, method, path), 400, 'invalid_text', `${method} ${path}`);
  });

  it('VAL-1: a lone surrogate answers 400 invalid_text (the audit append used to refuse its JSON: a 500)', async () => {
    for (const name of ['\\ud800', 'x\\udfff', '\\udc00\\ud800']) {
      expectProblem(await send(admin, 'POST', '/v1/orgs', `{"name":"${name}"}`), 400, 'invalid_text', name);
    }
    // A well-formed pair is ordinary text.
    expect((await send(admin, 'POST', '/v1/orgs', '{"name":"Rocket \\ud83d\\ude80 Ltd"}')).status).toBe(201);
  });

  it('VAL-1: sign-up with a NUL in the name is refused up front, not answered 202 and dropped', async () => {
    const r = await send(null, 'POST', '/v1/auth/sign-up', JSON.stringify({ email: 'nul-name@example.test', password: 'a long enough passphrase here', name: 'N\u0000' }));
    expectProblem(r, 400, 'invalid_text', 'sign-up');
    const rows = await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from users where email_key = 'nul-name@example.test'`);
    expect(rows.length).toBe(0);
  });

  it('VAL-1: a path parameter over the limit answers 414 uri_too_long as problem+json, logged, the path not echoed', async () => {
    const long = 'z'.repeat(201);
    const before = app.logs.length;
    const r = await send(admin, 'DELETE', `/v1/org/invitations/${long}`);
    expectProblem(r, 414, 'uri_too_long', 'long param');
    expect(r.text).not.toContain(long);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const line = app.logs.slice(before).find((l) => l.includes('"uri_too_long"'));
    expect(line).toBeDefined();
    expect(line).toContain(String(r.body.requestId));
    // A whole URL over the limit, too.
    expectProblem(await send(admin, 'GET', `/v1/org/members?cursor=${'a'.repeat(9000)}`), 414, 'uri_too_long', 'long url');
  });

  it('VAL-1: a malformed URL answers 400 bad_request as problem+json', async () => {
    expectProblem(await send(admin, 'DELETE', '/v1/org/invitations/%E0%A4%A'), 400, 'bad_request', 'bad escape');
  });

  it('VAL-1: a known path with the wrong method answers 405 with Allow; an unknown path stays 404', async () => {
    const cases: Array<[string, string, string]> = [
      ['PUT', '/v1/org/invitations/inv_x', 'DELETE'],
      ['GET', '/v1/auth/sign-in', 'POST'],
      ['DELETE', '/v1/orgs', 'GET, HEAD, POST'],
      ['POST', '/v1/org/members/usr_x', 'DELETE, PATCH'],
    ];
    for (const [method, path, allow] of cases) {
      const r = await send(admin, method, path, method === 'GET' ? undefined : '{}');
      expectProblem(r, 405, 'method_not_allowed', `${method} ${path}`);
      expect(r.headers.get('allow'), `${method} ${path}`).toBe(allow);
    }
    expectProblem(await send(admin, 'GET', '/v1/no/such/thing'), 404, 'not_found', 'unknown path');
  });

  it('VAL-1: headers over Node\'s limit answer 431 problem+json on the socket', async () => {
    const port = new URL(base).port;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port: Number(port) }, () => {
        socket.write(`GET /v1/me HTTP/1.1\r\nhost: x\r\nx-filler: ${'a'.repeat(20_000)}\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString('utf8')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    expect(reply.toLowerCase()).toContain('content-type: application/problem+json');
    expect(reply.toLowerCase()).toContain("content-security-policy: default-src 'self'");
    const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 431, code: 'header_fields_too_large' });
    expect(reply).toContain(`x-request-id: ${String(body.requestId)}`);
  });

  it('DLP-1: a password is never stored, so it is not refused as a card number (401, not 422), and it reaches no log line', async () => {
    const before = app.logs.length;
    for (const password of ['guess-0000000000000000', 'my card 4111 1111 1111 1111 as a password']) {
      const r = await send(null, 'POST', '/v1/auth/sign-in', JSON.stringify({ email: 'nobody@example.test', password }));
      expectProblem(r, 401, 'invalid_credentials', password);
    }
    expect(app.logs.slice(before).join('')).not.toMatch(/guess-0000|4111 1111/);
    // A field that is stored still gets the door's check.
    const r = await send(null, 'POST', '/v1/auth/sign-up', JSON.stringify({ email: 'card-name@example.test', password: 'a long enough passphrase here', name: '4111 1111 1111 1111' }));
    expectProblem(r, 422, 'sensitive_data_refused', 'card in name');
  });

  it('the process is alive and ready after all of the above', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await send(viewer, 'GET', '/v1/org/members')).status).toBe(200);
  });
});
