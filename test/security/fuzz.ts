/* The property-based fuzz suite over the whole HTTP surface (issue 20). It reads /openapi.json,
   so every operation — including routes added later — is covered without a list to maintain:
   for each operation, fast-check generates requests whose every path parameter, query parameter
   and body field may be hostile (NUL and control characters, lone surrogates, very long
   strings, wrong types, extreme numbers, malformed and forged cursors, unknown fields, Unicode
   confusables), sent as a viewer's session, an admin's session with its CSRF token, an API key
   and anonymously, through the full Fastify pipeline (app.inject). Every answer must be:
   - never a 5xx;
   - a refusal as application/problem+json with a `code` listed in docs/errors.md, its status,
     a request id equal to the x-request-id header, and the security headers;
   - a status the document declares for the operation (when it declares problem responses);
   and a refused change must leave the organisation's stored data as it was. The seed is
   printed; FUZZ_SEED=<n> replays a run, FUZZ_RUNS=<n> changes its size. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { TestApp } from '../fixtures/app.js';
import { addMember, call, createKey, createOrg, createUser, setPlan, signIn, type Credential } from './harness.js';
import { snapshotter, type Snapshotter } from './matrix.js';
import { GRANTABLE, PERMISSIONS } from '../../src/authz/catalog.js';

// ---------------------------------------------------------------- the document

interface Param { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: JsonSchema; required?: boolean }
interface JsonSchema { required?: string[]; type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; enum?: unknown[]; format?: string; anyOf?: JsonSchema[]; maxLength?: number }
export interface Operation {
  method: string;
  path: string;
  params: Param[];
  body: JsonSchema | null;
  statuses: Set<number>;
}

export function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; responses?: Record<string, unknown> }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const statuses = new Set(Object.keys(op.responses ?? {}).filter((s) => /^\d{3}$/.test(s)).map(Number));
      ops.push({ method: method.toUpperCase(), path, params: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema ?? null, statuses });
    }
  }
  return ops;
}

export function documentedCodes(): Set<string> {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  return new Set([...doc.matchAll(/^\| ([a-z][a-z0-9_]*) \| (\d{3}) \|/gm)].map((m) => m[1] as string));
}

// ---------------------------------------------------------------- hostile values

const b64 = (v: string) => Buffer.from(v, 'utf8').toString('base64url');

/** Strings an attacker would try, each a class the issue names. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  // What PostgreSQL cannot store, weighted up: the class that took routes down (issue 20).
  { weight: 3, arbitrary: fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`) }, // NUL
  { weight: 2, arbitrary: fc.constantFrom('\ud800', 'a\udfff', '\udc00\ud800', 'x\ud83d') }, // lone surrogates
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 1, max: 31 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 }) }, // control characters
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 6000 }).map((n) => 'A'.repeat(n)) }, // very long
  { weight: 1, arbitrary: fc.constantFrom('ａｄｍｉｎ', 'аdmin', 'ad\u200bmin', 'ＡＤＭＩＮ', 'e\u0301', '\u202eevil', 'ß', 'ﬁ', 'İ') }, // confusables, zero-width, bidi
  { weight: 1, arbitrary: fc.constantFrom('1e309', '-0', 'NaN', 'Infinity', '9007199254740993', '-9223372036854775809', '0x10', ' 1', '1 ') }, // extreme numbers as text
  { weight: 1, arbitrary: fc.constantFrom("' or 1=1 --", '../../etc/passwd', '%00', '%2e%2e%2f', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '__proto__', 'constructor') },
  { weight: 1, arbitrary: fc.json().map(b64) }, // forged cursors: any JSON, base64url
  { weight: 1, arbitrary: fc.constantFrom(b64('{"t":"x","u":"x","i":"x"}'), b64('["x","x"]'), b64('[1e308]'), b64('{"t":"2024-02-31T00:00:00.000Z","u":"x","i":"x"}'), '!!!', '=', '') }, // malformed cursors
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const extremeNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e308, -1e308, 2 ** 53 + 1, -(2 ** 53) - 1, 0.5, 2 ** 31, 2 ** 63),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value of the wrong type for most fields. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  extremeNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

/** A plausible value for a schema, so a request gets past the first refusal and deeper. */
function plausible(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s) return fc.string({ maxLength: 10 });
  if (s.enum && s.enum.length) return fc.constantFrom(...s.enum);
  if (s.anyOf && s.anyOf.length) return fc.oneof(...s.anyOf.map((x) => plausible(x, depth)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'integer':
      return fc.integer({ min: 0, max: 100 });
    case 'number':
      return fc.double({ min: 0, max: 100, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(plausible(s.items, depth + 1), { maxLength: 3 });
    case 'object':
      return depth > 3 ? fc.constant({}) : objectOf(s, depth + 1);
    default:
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      return fc.string({ minLength: 1, maxLength: 20 });
  }
}

/** A value for one field: mostly hostile, sometimes plausible (to reach deeper code). */
function fieldValue(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: plausible(s, depth) }, { weight: 1, arbitrary: wrongType });
}

function objectOf(s: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, fieldValue(v, depth)])), { requiredKeys: [] });
  return fc.tuple(record, fc.option(fc.dictionary(hostileString, wrongType, { minKeys: 1, maxKeys: 2 }), { freq: 4 })).map(([r, extra]) => ({ ...r, ...(extra ?? {}) }));
}

/** encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the three
    bytes a lenient encoder would write for it (WTF-8): invalid UTF-8 on the wire. */
function encodeAny(s: string): string {
  return s.replace(/[\uD800-\uDFFF]|[^\uD800-\uDFFF]+/gu, (part) => {
    if (part.length === 1 && /[\uD800-\uDFFF]/u.test(part)) {
      const c = part.charCodeAt(0);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(part);
  });
}

export interface FuzzRequest { who: number; url: string; body: unknown; bodyText: string | undefined }

/** A body every field of which is plausible (required ones always present). */
function plausibleObject(s: JsonSchema & { required?: string[] }): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  return fc.record(Object.fromEntries(props.map(([k, v]) => [k, plausible(v)])), { requiredKeys: s.required ?? [] });
}

/** One request for `op`, in one of two modes, half the time each:
    - chaos: every path and query parameter and body field may be hostile, of the wrong type or
      plausible, with unknown fields and broken JSON now and then;
    - one bad field: everything plausible (real ids in the path) except one parameter or body
      field, which is hostile. This mode gets past the first refusal and carries the hostile
      value to the code behind it — the service, the SQL, the audit append. */
export function requestFor(op: Operation, ids: Record<string, string[]>, credentials: number): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const realId = (p: Param) => fc.constantFrom(...(ids[p.name] ?? ['x_1']));
  const bodyProps = Object.keys(op.body?.properties ?? {});

  const chaos = fc.record({
    path: fc.tuple(...pathParams.map((p) => fc.oneof(hostileString, realId(p)))),
    query: fc.tuple(...queryParams.map((p) => fc.option(fc.oneof(hostileString, plausible(p.schema).map(String), extremeNumber.map(String)), { freq: 2 }))),
    extra: fc.option(fc.tuple(hostileString, hostileString), { freq: 5 }),
    body: op.body
      ? fc.oneof({ weight: 8, arbitrary: objectOf(op.body) }, { weight: 1, arbitrary: wrongType }, { weight: 1, arbitrary: fc.constant('{"a":') as fc.Arbitrary<unknown> })
      : fc.constant(undefined as unknown),
  });
  const fields = pathParams.length + queryParams.length + bodyProps.length;
  const oneBad = fc
    .record({
      path: fc.tuple(...pathParams.map(realId)),
      query: fc.tuple(...queryParams.map((p) => fc.option(plausible(p.schema).map(String), { freq: 2 }))),
      body: op.body ? (plausibleObject(op.body) as fc.Arbitrary<unknown>) : fc.constant(undefined as unknown),
      target: fc.nat({ max: Math.max(0, fields - 1) }),
      bad: hostileString,
    })
    .map(({ path, query, body, target, bad }) => {
      const p = [...path] as unknown[];
      const q = [...query] as unknown[];
      let b = body;
      if (target < p.length) p[target] = bad;
      else if (target < p.length + q.length) q[target - p.length] = bad;
      else if (b && typeof b === 'object') b = { ...(b as Record<string, unknown>), [bodyProps[target - p.length - q.length] as string]: bad };
      return { path: p, query: q, extra: null as [string, string] | null, body: b };
    });
  const shaped = fields > 0 ? fc.oneof(chaos as fc.Arbitrary<{ path: unknown[]; query: unknown[]; extra: [string, string] | null; body: unknown }>, oneBad) : chaos;
  return fc.tuple(fc.integer({ min: 0, max: credentials - 1 }), shaped).map(([who, { path, query, extra, body: b }]) => {
    let i = 0;
    const url = op.path.replace(/\{[^}]+\}/g, () => encodeAny(String(path[i++] ?? 'x')));
    const qs = new URLSearchParams();
    queryParams.forEach((p, j) => {
      const v = query[j];
      if (v !== null && v !== undefined) qs.append(p.name, String(v));
    });
    if (extra) qs.append(extra[0], extra[1]);
    const q = qs.toString();
    // A raw string body is sent as is (invalid JSON); anything else as JSON.
    const bodyText = b === undefined ? undefined : typeof b === 'string' && b.startsWith('{"a":') ? b : JSON.stringify(b);
    return { who, url: q ? `${url}?${q}` : url, body: b, bodyText };
  });
}

// ---------------------------------------------------------------- the actors and the data

export interface FuzzFixture {
  credentials: Array<{ name: string; credential: Credential }>;
  ids: Record<string, string[]>;
  orgId: string;
  userIds: string[];
}

export async function makeFuzzFixture(app: TestApp): Promise<FuzzFixture> {
  const adminUser = await createUser(app);
  const admin = await signIn(app, adminUser);
  const orgId = await createOrg(app, admin, 'Fuzz Target Ltd');
  await setPlan(app, orgId, 'enterprise');
  const viewerUser = await createUser(app);
  await addMember(app, orgId, viewerUser.userId, ['viewer']);
  const viewer = await signIn(app, viewerUser, orgId);
  const scopes = GRANTABLE.filter((p) => PERMISSIONS[p].keyScopable);
  const key = await createKey(app, admin, { name: 'fuzz key', scopes });
  const inv = await call(app, { session: admin }, 'POST', '/v1/org/invitations', { email: 'fuzz-invitee@example.test', roles: ['viewer'] });
  const role = await call(app, { session: admin }, 'POST', '/v1/org/roles', { name: 'Fuzz Role', permissions: ['members:read'] });
  return {
    credentials: [
      { name: 'anonymous', credential: { none: true } },
      { name: 'viewer session', credential: { session: viewer } },
      { name: 'admin session + CSRF', credential: { session: admin } },
      { name: 'API key', credential: { key: key.key } },
    ],
    // Real ids as one of the choices, so some requests reach real objects.
    ids: {
      id: [String(inv.body.id), String(role.body.id), key.id],
      userId: [viewerUser.userId, adminUser.userId],
      orgId: [orgId],
      treeSize: ['0', '1'],
    },
    orgId,
    userIds: [adminUser.userId, viewerUser.userId],
  };
}

// ---------------------------------------------------------------- the run

export interface FuzzFinding { op: string; who: string; url: string; body: string | undefined; status: number; problem: string }

export interface FuzzOptions { seed: number; runsPerOperation: number; only?: (op: Operation) => boolean }

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function runFuzz(app: TestApp, fx: FuzzFixture, opts: FuzzOptions): Promise<{ findings: FuzzFinding[]; requests: number; operations: Operation[]; observed: Map<string, Set<number>> }> {
  const docRes = await app.http.inject({ method: 'GET', url: '/openapi.json' });
  const operations = operationsOf(docRes.json()).filter((op) => !opts.only || opts.only(op));
  const codes = documentedCodes();
  const findings: FuzzFinding[] = [];
  const observed = new Map<string, Set<number>>();
  const snap: Snapshotter = await snapshotter(app.testDb.ownerUrl, fx.orgId, fx.userIds);
  let requests = 0;
  try {
    for (const [index, op] of operations.entries()) {
      const name = `${op.method} ${op.path}`;
      const seen = observed.get(name) ?? observed.set(name, new Set()).get(name)!;
      const samples = fc.sample(requestFor(op, fx.ids, fx.credentials.length), { seed: opts.seed + index, numRuns: opts.runsPerOperation });
      const mutating = MUTATING.has(op.method);
      // The organisation's stored data as the previous request left it.
      let before = mutating ? await snap.take(null) : null;
      for (const req of samples) {
        const who = fx.credentials[req.who]!;
        const r = await app.http.inject({
          method: op.method as 'GET',
          url: req.url,
          headers: { ...headersOf(who.credential, op.method), ...(req.bodyText !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(req.bodyText !== undefined ? { payload: req.bodyText } : {}),
        });
        requests += 1;
        // Work an accepted request started in the background (an export being prepared) lands
        // before the next snapshot, so it is never charged to a later refused request.
        await app.privacyIdle();
        seen.add(r.statusCode);
        const f = (problem: string) => findings.push({ op: name, who: who.name, url: req.url, body: req.bodyText?.slice(0, 300), status: r.statusCode, problem });
        if (r.statusCode >= 500) f('server_error');
        if (r.statusCode >= 400) {
          let body: Record<string, unknown> = {};
          try {
            body = r.json();
          } catch {
            f('not_json');
          }
          if (!String(r.headers['content-type'] ?? '').startsWith('application/problem+json')) f('not_problem_json');
          if (typeof body.code !== 'string' || !codes.has(body.code)) f(`code_not_documented:${String(body.code)}`);
          if (body.status !== r.statusCode) f('status_mismatch');
          if (typeof body.requestId !== 'string' || body.requestId !== r.headers['x-request-id']) f('request_id');
        }
        for (const h of SECURITY_HEADERS) if (!r.headers[h]) f(`missing_header:${h}`);
        if (op.statuses.size > 0 && [...op.statuses].some((s) => s >= 400) && !op.statuses.has(r.statusCode)) f(`undocumented_status:${r.statusCode}`);
        if (mutating) {
          const after = await snap.take(null);
          if (r.statusCode >= 400 && JSON.stringify(after) !== JSON.stringify(before)) f('refused_but_changed');
          before = after;
        }
      }
    }
  } finally {
    await snap.close();
  }
  return { findings, requests, operations, observed };
}

function headersOf(c: Credential, method: string): Record<string, string> {
  if ('session' in c) return { cookie: c.session.cookie, ...(method !== 'GET' ? { 'x-csrf-token': c.session.csrf } : {}) };
  if ('key' in c) return { authorization: `Bearer ${c.key}` };
  return {};
}
