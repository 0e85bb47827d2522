/* Before/after: W1, W2 (against baseline a), W4 (W1 during a sign-in storm; compare p99) or W3
   (against raw argon2id) on two Palisade
   checkouts side by side, rounds interleaved. For recording a fix's effect in bench/README.md.
     node bin/run-ts.js bench/ab.ts --after <checkout> [--before <checkout>] [--smoke] [--rounds N] [--only W1,W2,W4|W3]
   (--before defaults to this checkout.)
   The other checkout needs node_modules (a symlink to this one's is enough). Each build gets
   its own clone of the same template database. */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { compare, FULL_PLAN, httpTarget, SMOKE_PLAN, type Target } from './lib/measure.js';
import { createDatabase, dbUrl, startCluster, type EmbeddedServer } from './lib/pg.js';
import { expectOk, preparePalisadeTemplate, signInPalisade, startPalisade, startRawBaseline } from './lib/palisade.js';
import { stopAllChildren, type Server } from './lib/proc.js';
import { benchUsers } from './lib/users.js';
import { rawHashTarget } from './workloads/w3.js';
import { stormTarget } from './workloads/w4.js';

const { values: args } = parseArgs({ options: { after: { type: 'string' }, before: { type: 'string' }, smoke: { type: 'boolean', default: false }, only: { type: 'string' }, rounds: { type: 'string' } } });
if (!args.after) {
  process.stderr.write('usage: ab.ts --after <checkout> [--before <checkout>] [--smoke] [--only W1,W2,W4|W3]\n');
  process.exit(2);
}
const after = resolve(args.after);
const beforeRoot = args.before ? resolve(args.before) : undefined;
// More rounds narrow the median on a busy machine (each round runs every target, interleaved).
const plan = { ...(args.smoke ? SMOKE_PLAN : FULL_PLAN), ...(args.rounds ? { rounds: Number(args.rounds) } : {}) };
const log = (m: string) => process.stderr.write(`${m}\n`);
const tmp = await mkdtemp(join(tmpdir(), 'palisade-ab-'));
await chmod(tmp, 0o755);
let cluster: EmbeddedServer | null = null;
const servers: Server[] = [];
try {
  cluster = await startCluster(join(tmp, 'pg'));
  const users = benchUsers(10, 'bench.example');
  const template = await preparePalisadeTemplate(await createDatabase(cluster.url, 'palisade_tpl'), users);
  // A "before" build with other migrations gets a template made by its own fixture code
  // (same users, its own schema); its organisation id differs, so each side signs in to its own.
  const beforeFixture = beforeRoot ? ((await import(join(beforeRoot, 'bench/lib/palisade.ts'))) as { preparePalisadeTemplate: typeof preparePalisadeTemplate }) : null;
  const beforeTemplate = beforeFixture ? await beforeFixture.preparePalisadeTemplate(await createDatabase(cluster.url, 'palisade_tpl_before'), users) : template;
  // Login roles are cluster-wide but each database stores the passwords it sets at start: both
  // templates must hold the same ones, or each server's start locks the other out.
  if (beforeFixture) await copyRoleSecrets(cluster.url, 'palisade_tpl', 'palisade_tpl_before');
  const urlA = await createDatabase(cluster.url, 'palisade_a', beforeFixture ? 'palisade_tpl_before' : 'palisade_tpl');
  const urlB = await createDatabase(cluster.url, 'palisade_b', 'palisade_tpl');
  const before = await startPalisade({ name: 'before', databaseUrl: urlA, dataDir: join(tmp, 'data-a'), logFile: join(tmp, 'before.log'), ...(beforeRoot ? { root: beforeRoot } : {}) });
  servers.push(before);
  const afterSrv = await startPalisade({ name: 'after', databaseUrl: urlB, dataDir: join(tmp, 'data-b'), logFile: join(tmp, 'after.log'), root: after });
  servers.push(afterSrv);
  const raw = await startRawBaseline(template, urlB, join(tmp, 'raw.log'));
  servers.push(raw);
  const c = plan.connections;
  const only = args.only ?? 'W1,W2';
  const targets: Target[] = only.includes('W3')
    ? [rawHashTarget('raw argon2id', 16)]
    : [httpTarget('(a) raw RLS', raw, [{ path: '/members' }], c)];
  for (const [label, srv, tpl] of [['before', before, beforeTemplate], ['after', afterSrv, template]] as const) {
    const s = await signInPalisade(srv, users[0]!, tpl.orgId);
    if (only.includes('W3')) {
      const bodies = users.map((u) => JSON.stringify({ email: u.email, password: u.password }));
      targets.push(httpTarget(`W3 ${label}`, srv, bodies.map((body) => ({ method: 'POST' as const, path: '/v1/auth/sign-in', headers: { 'content-type': 'application/json', origin: srv.url }, body })), 16));
    }
    if (only.includes('W4')) targets.push(stormTarget(`W4 ${label}`, srv, s.cookie, users, c, log));
    if (only.includes('W1')) targets.push(httpTarget(`W1 ${label}`, srv, [{ path: '/v1/org/members', headers: { cookie: s.cookie } }], c));
    if (only.includes('W2')) {
      const k = (await expectOk(srv, '/v1/org/api-keys', { 'content-type': 'application/json', origin: s.origin, cookie: s.cookie, 'x-csrf-token': s.csrfToken }, { method: 'POST', body: JSON.stringify({ name: 'ab', scopes: ['members:read'] }) })) as { key: string };
      targets.push(httpTarget(`W2 ${label}`, srv, [{ path: '/v1/org/members', headers: { authorization: `Bearer ${k.key}` } }], c));
    }
  }
  const m = await compare(targets, plan, log);
  const a = m[0]?.rps ?? Number.NaN;
  process.stdout.write(`\n${'target'.padEnd(16)}${'req/s'.padStart(10)}${'vs 1st'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'RSS MB'.padStart(9)}\n`);
  for (const x of m) {
    process.stdout.write(`${x.label.padEnd(16)}${x.rps.toFixed(0).padStart(10)}${(x.rps / a).toFixed(2).padStart(8)}×${String(x.p50Ms).padStart(9)}${String(x.p99Ms).padStart(9)}${x.rssMb.toFixed(0).padStart(9)}${x.problem ? `  (${x.problem})` : ''}\n`);
  }
} finally {
  for (const s of servers.reverse()) await s.stop().catch(() => undefined);
  await stopAllChildren();
  await cluster?.stop();
  if (!process.env.BENCH_KEEP) await rm(tmp, { recursive: true, force: true });
}

async function copyRoleSecrets(clusterUrl: string, from: string, to: string): Promise<void> {
  const src = postgres(dbUrl(clusterUrl, from), { max: 1, onnotice: () => {} });
  const dst = postgres(dbUrl(clusterUrl, to), { max: 1, onnotice: () => {} });
  try {
    const rows = await src<{ role_name: string; password: string }[]>`select role_name, password from palisade_internal.role_secrets`;
    for (const r of rows) await dst`update palisade_internal.role_secrets set password = ${r.password} where role_name = ${r.role_name}`;
  } finally {
    await src.end();
    await dst.end();
  }
}
