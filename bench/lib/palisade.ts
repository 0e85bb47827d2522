/* Palisade under test: `node bin/palisade.js start` as its own process, on a database the bench
   prepared. The bench's organisation and accounts are written directly as the database owner
   (documented in bench/README.md): sign-up needs an emailed token, and what W1–W4 measure
   starts at sign-in. Passwords are hashed by Palisade's own hasher with the configured
   parameters, so sign-in verifies real argon2id hashes. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { ensureRoleLogins, migrate } from '../../src/db/index.js';
import { freePort } from '../../src/db/embedded.js';
import { settings } from '../../src/config/schema.js';
import { createPasswordHasher, OWASP_DEFAULTS } from '../../src/identity/passwords.js';
import { newId } from '../../src/lib/ids.js';
import { childEnv, ROOT_DIR } from './env.js';
import { spawnServer, type Server } from './proc.js';
import type { BenchUser } from './users.js';

/** The Stripe endpoint secret of this bench run (W10), given to Palisade and to the baseline. */
export const BENCH_STRIPE_SECRET = `whsec_${randomBytes(24).toString('hex')}`;

/** The key-encryption key of every Palisade process of this bench run (PALISADE_KEK): the bench
    writes keyring envelopes directly (W8's TOTP secrets), so it must wrap under the same key. */
export const BENCH_KEK = randomBytes(32).toString('base64');

export interface PalisadeTemplate {
  orgId: string;
  userIds: string[];
  /** The palisade_app role's URL for a database cloned from this template (baseline a). */
  appUrl: (databaseUrl: string) => string;
}

export async function preparePalisadeTemplate(ownerUrl: string, users: BenchUser[]): Promise<PalisadeTemplate> {
  await migrate(ownerUrl);
  const secrets = await ensureRoleLogins(ownerUrl);
  const hasher = await createPasswordHasher(OWASP_DEFAULTS);
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const orgId = newId('org');
  const userIds = users.map(() => newId('usr'));
  try {
    await sql.begin(async (tx) => {
      await tx`insert into orgs (id, name) values (${orgId}, 'Bench Org')`;
      for (const [i, u] of users.entries()) {
        const id = userIds[i] as string;
        const hash = await hasher.hash(u.password);
        await tx`
          insert into users (id, email, email_key, name, password_hash, password_changed_at, email_verified_at)
          values (${id}, ${u.email}, ${u.email.toLowerCase()}, ${u.name}, ${hash}, now(), now())`;
        await tx`insert into memberships (org_id, user_id, roles) values (${orgId}, ${id}, ${i === 0 ? ['admin'] : ['viewer']})`;
      }
    });
  } finally {
    await sql.end();
  }
  return {
    orgId,
    userIds,
    appUrl: (databaseUrl) => {
      const u = new URL(databaseUrl);
      u.username = 'palisade_app';
      u.password = secrets.palisade_app;
      return u.toString();
    },
  };
}

/** Settings the bench gives every Palisade process (only those this build knows are passed). */
/** Settings the build knows (another checkout's in bench/ab.ts): each build refuses unknown ones. */
export function palisadeEnv(port: number, databaseUrl: string, dataDir: string, extra: Record<string, string>, known: ReadonlySet<string> = new Set(Object.keys(settings))): Record<string, string> {
  const wanted: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(port),
    PALISADE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    PALISADE_DATA_DIR: dataDir,
    DATABASE_POOL_MAX: '10',
    // Request logs off (errors still logged); see bench/README.md for the cost of 'info'.
    PALISADE_LOG_LEVEL: 'warn',
    // The limiter still runs on every sign-in (its PostgreSQL upsert is measured), but one load
    // generator on 127.0.0.1 must not be refused: the limits are raised to their maximum.
    PALISADE_AUTH_RATE_PER_IP: '100000',
    PALISADE_AUTH_RATE_PER_ACCOUNT: '100000',
    PALISADE_AUTH_RATE_WINDOW_SECONDS: '1',
    // The bench re-signs-in before each workload; a 15-minute token outlives any workload.
    PALISADE_SESSION_TOKEN_TTL_SECONDS: '900',
    PALISADE_KEK: BENCH_KEK,
    // W10 outbound delivers webhooks to a receiver on loopback, which the SSRF guard refuses
    // unless the operator allows it.
    PALISADE_OUTBOUND_ALLOW: '127.0.0.1',
    // W10 posts signed Stripe events to /v1/inbound/stripe.
    PALISADE_STRIPE_WEBHOOK_SECRETS: BENCH_STRIPE_SECRET,
    // W9 asks for an upload URL per round; the per-user hourly budget (FILE-4) is raised like
    // the sign-in limits above. The check itself still runs on every upload URL.
    PALISADE_VAULT_UPLOADS_PER_HOUR: '100000',
    ...extra,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(wanted)) if (known.has(k)) out[k] = v;
  return childEnv(out);
}

/** The bench measures what production runs: the compiled build (`npm run build`), made here
    when the checkout has the build script and its dist/ is missing or older than its sources.
    A checkout without one (an older commit in bench/ab.ts) runs through tsx. */
export async function ensureBuild(root: string = ROOT_DIR): Promise<'compiled' | 'tsx'> {
  const script = join(root, 'scripts', 'build.mjs');
  if (!existsSync(script)) return 'tsx';
  const { buildIsFresh } = (await import(pathToFileURL(script).href)) as { buildIsFresh: (dist?: string, src?: string) => boolean };
  if (!buildIsFresh(join(root, 'dist'), join(root, 'src'))) {
    const r = spawnSync(process.execPath, [script], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`npm run build failed in ${root}`);
  }
  return 'compiled';
}

export async function startPalisade(opts: {
  name: string;
  databaseUrl: string;
  dataDir: string;
  logFile: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  /** Another checkout of Palisade to run (before/after experiments); default: this one. */
  root?: string;
}): Promise<Server> {
  await ensureBuild(opts.root ?? ROOT_DIR);
  const port = await freePort();
  const known = opts.root && resolve(opts.root) !== resolve(ROOT_DIR)
    ? new Set(Object.keys(((await import(join(opts.root, 'src/config/schema.ts'))) as { settings: Record<string, unknown> }).settings))
    : undefined;
  return spawnServer({
    name: opts.name,
    command: process.execPath,
    args: [...(opts.nodeArgs ?? []), join(opts.root ?? ROOT_DIR, 'bin', 'palisade.js'), 'start'],
    env: palisadeEnv(port, opts.databaseUrl, opts.dataDir, opts.env ?? {}, known),
    ready: (line) => {
      const m = /Palisade listening on https?:\/\/[^\s]+:(\d+)/.exec(line);
      return m ? { port: Number(m[1]) } : null;
    },
    logFile: opts.logFile,
  });
}

/** "METHOD /path" of every route in this build's OpenAPI document. */
export async function palisadeRoutes(server: Server): Promise<Set<string>> {
  const res = await fetch(`${server.url}/openapi.json`);
  if (res.status !== 200) return new Set();
  const doc = (await res.json()) as { paths?: Record<string, Record<string, unknown>> };
  const out = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const method of Object.keys(ops)) out.add(`${method.toUpperCase()} ${path}`);
  }
  return out;
}

export function missingRoutes(routes: Set<string>, needed: string[]): string | null {
  const missing = needed.filter((r) => !routes.has(r));
  return missing.length ? `route${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not in this build` : null;
}

export interface PalisadeSession {
  cookie: string;
  csrfToken: string;
  origin: string;
}

/** Signs in through the API and makes the bench org the active one. */
export async function signInPalisade(server: Server, user: BenchUser, orgId: string): Promise<PalisadeSession> {
  const origin = server.url;
  const res = await fetch(`${origin}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`Palisade sign-in: ${res.status} ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { csrfToken?: string };
  let cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).filter(Boolean).join('; ');
  const csrfToken = body.csrfToken ?? '';
  const active = await fetch(`${origin}/v1/me/active-org`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', origin, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ orgId }),
  });
  if (active.status !== 204 && active.status !== 200) throw new Error(`Palisade active-org: ${active.status} ${(await active.text()).slice(0, 300)}`);
  const refreshed = active.headers.getSetCookie().map((c) => c.split(';')[0]).filter(Boolean).join('; ');
  if (refreshed) cookie = refreshed;
  return { cookie, csrfToken, origin };
}

export async function expectOk(server: Server, path: string, headers: Record<string, string>, init: { method?: string; body?: string } = {}): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await res.text();
  if (res.status < 200 || res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Baseline (a): bench/servers/fastify-rls.ts as palisade_app on `databaseUrl`, a clone of the
    template — the same rows Palisade serves, under the same RLS. */
export function startRawBaseline(template: PalisadeTemplate, databaseUrl: string, logFile: string): Promise<Server> {
  return spawnServer({
    name: 'fastify-rls',
    command: process.execPath,
    args: [join(ROOT_DIR, 'bin', 'run-ts.js'), join(ROOT_DIR, 'bench', 'servers', 'fastify-rls.ts')],
    env: childEnv({ DATABASE_URL: template.appUrl(databaseUrl), ORG_ID: template.orgId, POOL_MAX: '10', PORT: '0' }),
    ready: (line) => {
      const m = /^LISTENING (.*)$/.exec(line);
      return m ? { port: (JSON.parse(m[1] ?? '{}') as { port: number }).port } : null;
    },
    logFile,
  });
}
