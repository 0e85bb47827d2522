/* Documentation ASVS asks for, checked against the running code so it cannot drift: the
   authentication pathways (V6.1.3) against the live /openapi.json, the anti-automation and
   lockout settings (V6.1.1) against the configuration's defaults, and the communication
   inventory (V13.1.1) against the settings and the source (read with the TypeScript compiler),
   and the field-level rules for secrets (V8.1.2, V8.2.3) against every operation's schemas. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { settings } from '../../src/config/schema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function section(doc: string, heading: string): string {
  const text = read(doc);
  const start = text.indexOf(`## ${heading}`);
  expect(start, `${doc} has a "${heading}" section`).toBeGreaterThan(-1);
  const rest = text.slice(start + 3);
  const end = rest.search(/^## /m);
  return end === -1 ? rest : rest.slice(0, end);
}

function defaultOf(name: string): string | undefined {
  const s = (settings as Record<string, { default?: string }>)[name];
  return s?.default;
}

/** Test titles of a file, as written (quotes unescaped): the same reading as src/trust/asvs.test.ts. */
function titles(file: string): string[] {
  return [...read(file).matchAll(/\b(?:it|test)(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => (m[2] ?? '').replace(/\\(['"`\\])/g, '$1'));
}

let app: TestApp;
let operations: Array<{ op: string; security: unknown }> = [];
type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
type Operation = { security?: unknown; requestBody?: { content?: Record<string, { schema?: Schema }> }; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
let paths: Record<string, Record<string, Operation>> = {};

/** Property names anywhere in a schema. */
function fieldNames(schema: Schema | undefined, out = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return out;
  for (const [k, v] of Object.entries(schema.properties ?? {})) {
    out.add(k);
    fieldNames(v, out);
  }
  for (const sub of [schema.items, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) fieldNames(sub, out);
  return out;
}

beforeAll(async () => {
  app = await buildTestApp();
  const res = await app.http.inject({ method: 'GET', url: '/openapi.json' });
  const doc = JSON.parse(res.body) as { paths: Record<string, Record<string, Operation>> };
  paths = doc.paths;
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map(([m, o]) => ({ op: `${m.toUpperCase()} ${path}`, security: o.security })));
});
afterAll(async () => {
  await app?.close();
});

describe('documentation that must match the code', () => {
  it('V8.1.2 V8.2.3: secrets are write-only or shown once, as docs/authorization.md\'s field-level rules say: no route answers a write-only field, and a shown-once secret only on the routes its table names', () => {
    const doc = section('docs/authorization.md', 'Field-level rules');
    const writeOnly = new Set([...(/\*\*Write-only\.\*\*([\s\S]*?)- \*\*Shown once/.exec(doc)?.[1] ?? '').matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] ?? ''));
    writeOnly.delete('clientSecretSet');
    const shownOnce = new Map<string, Set<string>>();
    for (const row of doc.split('\n').filter((l) => l.startsWith('| `'))) {
      const [fields = '', routes = ''] = row.split(' | ');
      const ops = new Set([...routes.matchAll(/`([A-Z]+ [^`]+)`/g)].map((m) => m[1] ?? ''));
      for (const f of fields.matchAll(/`([A-Za-z]+)`/g)) shownOnce.set(f[1] ?? '', ops);
    }
    expect([...writeOnly].sort()).toEqual(['clientSecret', 'code', 'currentPassword', 'newPassword', 'password', 'recoveryCode', 'token']);
    expect([...shownOnce.keys()].sort()).toEqual(['apiKey', 'key', 'recoveryCodes', 'secret']);
    // What a secret looks like by name; the fields below match that and are not secrets.
    const SECRET = /secret|password|token|privatekey|^key$|apikey|code/i;
    const NOT_SECRET = new Set(['csrfToken', 'recoveryCodesLeft', 'clientSecretSet', 'maxTokens', 'statusCode']);
    const answered = new Map<string, Set<string>>(); // field -> operations answering it
    let accepting = 0;
    for (const [path, ops] of Object.entries(paths)) {
      for (const [m, o] of Object.entries(ops)) {
        const op = `${m.toUpperCase()} ${path}`;
        for (const f of fieldNames(o.requestBody?.content?.['application/json']?.schema)) {
          if (!SECRET.test(f) || NOT_SECRET.has(f)) continue;
          expect(writeOnly.has(f), `${op} accepts ${f}, which the write-only list lacks`).toBe(true);
          accepting++;
        }
        // Successful answers (a problem's `code` is an error code, not a secret).
        for (const [, r] of Object.entries(o.responses ?? {}).filter(([status]) => status.startsWith('2'))) {
          for (const f of fieldNames(Object.values(r.content ?? {})[0]?.schema)) {
            if (SECRET.test(f) && !NOT_SECRET.has(f)) (answered.get(f) ?? answered.set(f, new Set()).get(f))?.add(op);
          }
        }
      }
    }
    expect(accepting).toBeGreaterThan(10);
    for (const f of writeOnly) expect([...(answered.get(f) ?? [])], `${f} is answered`).toEqual([]);
    for (const [f, ops] of answered) {
      expect(shownOnce.has(f), `${f} is answered by ${[...ops].join(', ')} but is in neither list`).toBe(true);
      expect([...ops].sort(), f).toEqual([...(shownOnce.get(f) ?? [])].sort());
    }
  });
  it('V6.1.3: docs/authentication.md lists every authentication pathway — every /v1/auth/ operation and every operation without a session or API key — and names no route that does not exist', () => {
    const doc = section('docs/authentication.md', 'Authentication pathways');
    const named = new Set([...doc.matchAll(/`((?:GET|POST|PUT|PATCH|DELETE) \/[^`]*)`/g)].map((m) => m[1] as string));
    const all = new Set(operations.map((o) => o.op));
    expect(all.size).toBeGreaterThan(50);
    const mustBeNamed = operations.filter((o) => o.op.includes(' /v1/auth/') || (Array.isArray(o.security) && o.security.length === 0)).map((o) => o.op);
    expect(mustBeNamed).toContain('POST /v1/auth/sign-in');
    expect(mustBeNamed).toContain('POST /v1/agent/events');
    expect(mustBeNamed.filter((op) => !named.has(op))).toEqual([]);
    // /v1/dev/outbox exists only outside production; every other named route is live.
    expect([...named].filter((op) => !all.has(op))).toEqual([]);
    // Both credential schemes of the document are described.
    expect(doc).toContain('`session` scheme');
    expect(doc).toContain('`apiKey` scheme');
  });

  it('V6.1.1: the documented defence against credential stuffing, brute force and malicious lockout names each setting with its real default, and the tests that attack it exist', () => {
    const doc = section('docs/authentication.md', 'Lockout and rate limits');
    const stated = [...doc.matchAll(/`(PALISADE_[A-Z_]+)`(?:\s\(|,\s)(\d+)\)/g)].map((m) => [m[1] as string, m[2] as string] as const);
    expect(stated.map(([n]) => n).sort()).toEqual(['PALISADE_AUTH_RATE_PER_ACCOUNT', 'PALISADE_AUTH_RATE_PER_IP', 'PALISADE_AUTH_RATE_WINDOW_SECONDS', 'PALISADE_LOCKOUT_SECONDS', 'PALISADE_LOCKOUT_THRESHOLD']);
    for (const [name, value] of stated) expect(defaultOf(name), name).toBe(value);
    // The defence against an attacker locking the owner out is documented, and its test is real.
    expect(doc).toContain('Known devices: a lockout the attacker cannot turn against the owner');
    for (const test of doc.matchAll(/`((?:test|src)\/[^`]+\.test\.ts)`/g)) expect(existsSync(join(root, test[1] as string)), test[1]).toBe(true);
    expect(doc).toContain('test/e2e/lockout-owner.e2e.test.ts');
    // The anti-automation limits beyond the auth endpoints are documented with their settings.
    const config = read('docs/configuration.md');
    for (const n of ['PALISADE_LIMIT_INVITATIONS', 'PALISADE_LIMIT_ORG_CREATION', 'PALISADE_LIMIT_API_KEY_CREATION', 'PALISADE_LIMIT_AUDIT_EXPORT']) {
      expect(config, n).toContain(n);
      expect(defaultOf(n), n).toMatch(/^\d+\/\d+$/);
    }
  });

  it('V13.1.1: docs/architecture.md\'s communication inventory names every setting that addresses a peer and every file that opens a network connection', () => {
    const doc = section('docs/architecture.md', 'Communication inventory');
    const addressing = Object.keys(settings).filter((n) => /(^|_)(URL|URLS|HOST|PORT|ENDPOINT|BUCKET|ALLOW)$|^SMTP_|^DATABASE_/.test(n) && !/_URL_TTL/.test(n));
    expect(addressing).toEqual(expect.arrayContaining(['DATABASE_URL', 'SMTP_URL', 'PALISADE_S3_ENDPOINT', 'PALISADE_OUTBOUND_ALLOW']));
    expect(addressing.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);

    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(join(root, dir))) {
        const p = `${dir}/${name}`;
        if (statSync(join(root, p)).isDirectory()) walk(p);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(p);
      }
    };
    walk('src');
    const NET = /^(node:)?(http|https|net|tls|dgram)$|^nodemailer$|^@aws-sdk\/|^openid-client$|^undici$/;
    const networking = new Set<string>();
    for (const file of files) {
      const sf = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node): void => {
        if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && NET.test(n.moduleSpecifier.text) && !n.importClause?.isTypeOnly) {
          const b = n.importClause?.namedBindings;
          const names = b && ts.isNamedImports(b) ? b.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text) : null;
          const onlyParsing = names !== null && !n.importClause?.name && names.every((x) => /^isIP(v4|v6)?$/.test(x));
          if (!onlyParsing && (names === null || names.length > 0 || n.importClause?.name)) networking.add(file);
        }
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'fetch') networking.add(file);
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(networking).toContain('src/mail/mailer.ts');
    expect(networking).toContain('src/webhooks/ssrf.ts');
    expect([...networking].filter((f) => !doc.includes(`\`${f}\``)).sort()).toEqual([]);
    // Every file named in the inventory exists.
    for (const m of doc.matchAll(/`(src\/[^`]+\.ts)`/g)) expect(existsSync(join(root, m[1] as string)), m[1]).toBe(true);
  });

  it('V2.1.2: docs/api.md documents the rules for combined data items, each with the code that enforces it and a test that exists', () => {
    const doc = section('docs/api.md', 'Rules for combined data');
    const rows = doc.split('\n').filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith('| rule |'));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      const cells = row.split(' | ');
      const code = [...(cells[1] ?? '').matchAll(/`(src\/[^`]+)`/g)].map((m) => m[1] as string);
      expect(code.length, row).toBeGreaterThan(0);
      for (const f of code) expect(existsSync(join(root, f)), f).toBe(true);
      const tests = [...(cells[2] ?? '').matchAll(/`([^`]+\.test\.ts) > ([^`]+)`/g)];
      expect(tests.length, row).toBeGreaterThan(0);
      for (const m of tests) {
        const file = m[1] as string;
        expect(existsSync(join(root, file)), file).toBe(true);
        expect(titles(file).some((t) => t.startsWith(m[2] as string)), `${file} > ${m[2]}`).toBe(true);
      }
    }
  });

  it('V15.1.3: docs/resilience.md lists the resource-demanding functions with their limits — each stated default is the configuration\'s, every PALISADE_LIMIT_* is named, and each named test exists', () => {
    const doc = section('docs/resilience.md', 'Resource-demanding functions');
    const rows = doc.split('\n').filter((l) => /^\| [a-z]/.test(l) && !l.startsWith('| function |'));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const stated = [...doc.matchAll(/`((?:PALISADE|AUDIT)_[A-Z0-9_]+)` \((\d+)/g)];
    expect(stated.length).toBeGreaterThanOrEqual(10);
    for (const m of stated) expect(defaultOf(m[1] as string), m[1]).toBe(m[2]);
    for (const n of Object.keys(settings).filter((k) => /^PALISADE_LIMIT_/.test(k))) expect(doc, n).toContain(`\`${n}\``);
    for (const row of rows) {
      const tests = [...row.matchAll(/`([^`]+\.test\.ts) > ([^`]+)`/g)];
      expect(tests.length, row).toBeGreaterThan(0);
      for (const m of tests) expect(titles(m[1] as string).some((t) => t.startsWith(m[2] as string)), `${m[1]} > ${m[2]}`).toBe(true);
    }
  });
});
