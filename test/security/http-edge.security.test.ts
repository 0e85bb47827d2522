/* The API edge, over every operation of /openapi.json (so a new route is covered without an
   edit here): no state change through GET (ASVS V3.5.3), no CORS grant to a foreign origin on a
   cookie-authenticated API (V3.4.2), and Cache-Control: no-store on every /v1 answer, refusals
   and errors included (V14.3.2). Callers are the most powerful ones there are: the organisation's
   admin (session) and a key holding every scope a key may carry.

   State is the whole database read as its owner, every table but the audit log (reads are
   audited by design: the record of a read is not a change of state) and the rate-limit
   counters (counting requests is their job); columns that move by themselves (a key's batched
   last use) are left out. The clock does not move, so no session is refreshed. */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANTABLE, PERMISSIONS } from '../../src/authz/catalog.js';
import { ENTRIES, buildMatrixApp, makeFixture, type Fixture, type MatrixApp } from './matrix.js';
import { call, createKey, type Credential } from './harness.js';

let app: MatrixApp;
let f: Fixture;
let operations: string[] = [];
let ownerSql: ReturnType<typeof postgres>;
let adminKey = '';

beforeAll(async () => {
  app = await buildMatrixApp();
  f = await makeFixture(app);
  const doc = app.http.swagger() as { paths?: Record<string, Record<string, unknown>> };
  operations = Object.entries(doc.paths ?? {}).flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`));
  ownerSql = postgres(app.testDb.ownerUrl, { max: 1, onnotice: () => {} });
  adminKey = (await createKey(app, f.victim.admin, { name: 'edge', scopes: GRANTABLE.filter((p) => PERMISSIONS[p].keyScopable) })).key;
  // The fixture's invitation is mailed after its response: wait for that write (bounded), so
  // it is not mistaken for a change made by a GET.
  for (let i = 0; ; i++) {
    const [row] = await ownerSql<{ n: number }[]>`select count(*)::int as n from mail_outbox where recipient like 'invitee-%'`;
    if ((row?.n ?? 0) > 0) break;
    if (i > 500) throw new Error('the fixture invitation was never mailed');
    await new Promise((r) => setTimeout(r, 10));
  }
});
afterAll(async () => {
  await ownerSql?.end();
  await app?.close();
});

const IGNORED_COLUMNS: Record<string, string[]> = { api_keys: ['last_used_at', 'last_used_ip'] };

async function databaseState(): Promise<Record<string, string>> {
  const tables = await ownerSql<{ table_name: string }[]>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not like 'audit\_%' and table_name <> 'auth_rate_limits'
      -- The outbox is written by background senders on their own schedule (fixture mail, alert
      -- mail after a sealing round): CI saw one land during GET /healthz. Not a GET's change.
      and table_name <> 'mail_outbox'
    order by table_name`;
  const out: Record<string, string> = {};
  for (const { table_name: t } of tables) {
    const drop = (IGNORED_COLUMNS[t] ?? []).map((c) => `'${c}'`).join(',');
    const row = drop ? `to_jsonb(x) - array[${drop}]::text[]` : 'to_jsonb(x)';
    // Table names come from this test database's catalog, not from input.
    const [r] = await ownerSql.unsafe<{ h: string | null }[]>(`select md5(string_agg(r::text, ',' order by r::text)) as h from (select ${row} as r from "${t}" x) s`);
    out[t] = r?.h ?? '';
  }
  return out;
}

function urlOf(op: string): string {
  const [, path] = op.split(' ') as [string, string];
  const entry = ENTRIES[op] ?? {};
  const params = entry.params?.(f) ?? {};
  const query = entry.query?.(f);
  const filled = path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? `x_${name}`));
  return filled + (query ? `?${new URLSearchParams(query).toString()}` : '');
}

describe('API edge over every operation', () => {
  it('V3.5.3: no GET route changes state, called by the org admin and by an all-scope key; no write route answers a GET', async () => {
    const gets = operations.filter((op) => op.startsWith('GET '));
    expect(gets.length).toBeGreaterThanOrEqual(20);
    const callers: Credential[] = [{ session: f.victim.admin }, { key: adminKey }, { none: true }];
    const changed: string[] = [];
    let served = 0;
    for (const op of gets) {
      for (const c of callers) {
        const before = await databaseState();
        const res = await call(app, c, 'GET', urlOf(op));
        if (res.status < 400) served++;
        const after = await databaseState();
        const diff = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (diff.length) changed.push(`${op} as ${Object.keys(c)[0]}: ${diff.join(', ')}`);
      }
    }
    expect(changed).toEqual([]);
    // The suite is only as good as its calls: most GETs must actually have been served.
    expect(served).toBeGreaterThanOrEqual(gets.length);
    // A state-changing route is not reachable by GET (no method override, no GET alias).
    const writes = operations.filter((op) => !op.startsWith('GET ') && !operations.includes(`GET ${op.split(' ')[1]}`));
    expect(writes.length).toBeGreaterThanOrEqual(10);
    for (const op of writes) {
      const before = await databaseState();
      const res = await call(app, { session: f.victim.admin }, 'GET', urlOf(op), undefined, { 'x-http-method-override': op.split(' ')[0] as string });
      expect([404, 405], `GET on ${op}`).toContain(res.status);
      expect(await databaseState()).toEqual(before);
    }
  });

  it('V3.4.2: a foreign origin gets no CORS grant on any operation, for the request or its preflight, with or without credentials', async () => {
    const evil = 'https://evil.example';
    const grants: string[] = [];
    for (const op of operations) {
      const [method] = op.split(' ') as [string, string];
      const url = urlOf(op);
      const preflight = await app.http.inject({
        method: 'OPTIONS',
        url,
        headers: { origin: evil, 'access-control-request-method': method, 'access-control-request-headers': 'content-type,x-csrf-token' },
      });
      const res = await call(app, { session: f.victim.admin }, method, url, ENTRIES[op]?.body?.(f), { origin: evil });
      for (const [what, headers] of [['preflight', preflight.headers], ['request', res.headers]] as const) {
        const granted = Object.keys(headers).filter((h) => h.startsWith('access-control-allow-'));
        if (granted.length) grants.push(`${op} ${what}: ${granted.join(', ')}`);
      }
      // And the cookie-authenticated change itself was refused (the CSRF origin check).
      if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && res.status < 400) grants.push(`${op}: a write with Origin ${evil} answered ${res.status}`);
    }
    expect(grants).toEqual([]);
    // Even a trusted origin of the CSRF check gets no CORS grant: the API is same-origin only.
    const trusted = await app.http.inject({ method: 'GET', url: '/v1/me', headers: { origin: new URL(app.config.PALISADE_PUBLIC_URL).origin, cookie: f.victim.admin.cookie } });
    expect(Object.keys(trusted.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('V14.3.2: every /v1 answer carries Cache-Control: no-store — successes, refusals, validation failures, unknown routes, oversize and malformed bodies', async () => {
    const missing: string[] = [];
    const check = (what: string, headers: Record<string, unknown>, status: number) => {
      if (headers['cache-control'] !== 'no-store') missing.push(`${what} (${status}): ${String(headers['cache-control'])}`);
    };
    let answers = 0;
    for (const op of operations.filter((o) => o.includes(' /v1/'))) {
      const [method] = op.split(' ') as [string, string];
      const body = ENTRIES[op]?.body?.(f);
      for (const c of [{ key: adminKey }, { none: true }] as Credential[]) {
        const res = await call(app, c, method, urlOf(op), body);
        check(`${op} as ${Object.keys(c)[0]}`, res.headers, res.status);
        answers++;
      }
      if (method !== 'GET') {
        const bad = await call(app, { key: adminKey }, method, urlOf(op), { unexpected: 'field' });
        check(`${op} invalid body`, bad.headers, bad.status);
        answers++;
      }
    }
    const odd: Array<[string, Awaited<ReturnType<typeof app.http.inject>>]> = [
      ['unknown route', await app.http.inject({ method: 'GET', url: '/v1/no-such-route' })],
      ['malformed JSON', await app.http.inject({ method: 'POST', url: '/v1/orgs', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, payload: '{"name": ' })],
      ['oversize body', await app.http.inject({ method: 'POST', url: '/v1/orgs', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, payload: JSON.stringify({ name: 'x'.repeat(app.config.PALISADE_BODY_LIMIT_BYTES + 10) }) })],
      ['wrong media type', await app.http.inject({ method: 'POST', url: '/v1/orgs', headers: { 'content-type': 'text/plain', authorization: `Bearer ${adminKey}` }, payload: 'hello' })],
      ['no CSRF token', await app.http.inject({ method: 'POST', url: '/v1/orgs', headers: { 'content-type': 'application/json', cookie: f.victim.admin.cookie }, payload: '{"name":"no csrf"}' })],
      ['bad cookie', await app.http.inject({ method: 'GET', url: '/v1/me', headers: { cookie: '__Host-palisade_session=garbage' } })],
    ];
    for (const [what, r] of odd) {
      check(what, r.headers, r.statusCode);
      answers++;
    }
    expect(odd.filter(([, r]) => r.statusCode < 400).map(([w]) => w)).toEqual([]);
    expect(answers).toBeGreaterThanOrEqual(operations.length);
    expect(missing).toEqual([]);
  });

  it('V13.4.4 V13.4.1 V13.4.3: TRACE is not served, and no dot-file, source file or directory listing is reachable', async () => {
    for (const url of ['/', '/v1/me', '/healthz']) {
      // light-my-request 6.6 (pinned: docs/dependencies.md) types only the common methods; it sends any.
      const trace = await app.http.inject({ method: ('TRACE' as string) as 'GET', url, headers: { cookie: f.victim.admin.cookie, 'x-echo': 'secret-marker' } });
      expect([404, 405], `TRACE ${url}`).toContain(trace.statusCode);
      expect(trace.body).not.toContain('secret-marker');
      expect(trace.body).not.toContain(f.victim.admin.cookie);
    }
    for (const url of ['/.git/config', '/.git/HEAD', '/.env', '/.palisade/kek.key', '/package.json', '/src/app.ts', '/src/', '/test/', '/docs/', '/node_modules/', '/.well-known/']) {
      const res = await app.http.inject({ method: 'GET', url });
      expect([404, 405], url).toContain(res.statusCode);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.body, url).not.toMatch(/\[core\]|PALISADE_|"dependencies"|Index of|import /);
    }
  });
});
