/* Baseline (b): starts the Better Auth server (bench/deps/better-auth-server.mjs) on its own
   database and signs its owner in, returning what the workloads send. */
import { join } from 'node:path';
import { spawnServer, type Server } from './proc.js';
import { childEnv, DEPS_DIR } from './env.js';
import { freePort } from '../../src/db/embedded.js';
import type { BenchUser } from './users.js';

export interface BetterAuthFixture {
  server: Server;
  origin: string;
  orgId: string;
  /** Cookie header of the owner's session, with the bench org active. */
  cookie: string;
  users: BenchUser[];
}

function cookieHeader(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).filter(Boolean).join('; ');
}

export async function startBetterAuth(opts: { databaseUrl: string; users: BenchUser[]; logFile: string; poolMax: number }): Promise<BetterAuthFixture> {
  const port = await freePort();
  const server = await spawnServer({
    name: 'better-auth',
    command: process.execPath,
    args: [join(DEPS_DIR, 'better-auth-server.mjs')],
    env: childEnv({
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      POOL_MAX: String(opts.poolMax),
      BENCH_USERS: JSON.stringify(opts.users),
      BETTER_AUTH_TELEMETRY: '0',
    }),
    ready: (line) => {
      const m = /^LISTENING (.*)$/.exec(line);
      if (!m) return null;
      const info = JSON.parse(m[1] ?? '{}') as { port: number; orgId: string };
      return { port: info.port, info };
    },
    logFile: opts.logFile,
  });
  const origin = server.url;
  const owner = opts.users[0];
  if (!owner) throw new Error('no users');
  const signIn = await fetch(`${origin}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: owner.email, password: owner.password }),
  });
  if (signIn.status !== 200) throw new Error(`Better Auth sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = cookieHeader(signIn);
  const orgId = String(server.info.orgId);
  const active = await fetch(`${origin}/api/auth/organization/set-active`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, cookie },
    body: JSON.stringify({ organizationId: orgId }),
  });
  if (active.status !== 200) throw new Error(`Better Auth set-active: ${active.status} ${await active.text()}`);
  // set-active may refresh the session cookie; prefer the newest.
  const refreshed = cookieHeader(active);
  const check = await fetch(`${origin}/api/auth/organization/list-members`, { headers: { cookie: refreshed || cookie } });
  const body = (await check.json()) as { members?: unknown[]; total?: number };
  if (check.status !== 200 || (body.members?.length ?? 0) !== opts.users.length) {
    throw new Error(`Better Auth list-members: ${check.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return { server, origin, orgId, cookie: refreshed || cookie, users: opts.users };
}
