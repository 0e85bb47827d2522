/* Before/after: W1, W2 (against baseline a), W4 (W1 during a sign-in storm; compare p99) or W3
   (against raw argon2id) on two Palisade
   checkouts side by side, rounds interleaved. For recording a fix's effect in bench/README.md.
     node bin/run-ts.js bench/ab.ts --after <checkout> [--before <checkout>] [--smoke] [--only W1,W2,W4|W3]
   (--before defaults to this checkout.)
   The other checkout needs node_modules (a symlink to this one's is enough). Each build gets
   its own clone of the same template database. */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compare, FULL_PLAN, httpTarget, SMOKE_PLAN, type Target } from './lib/measure.js';
import { createDatabase, startCluster, type EmbeddedServer } from './lib/pg.js';
import { expectOk, preparePalisadeTemplate, signInPalisade, startPalisade, startRawBaseline } from './lib/palisade.js';
import { stopAllChildren, type Server } from './lib/proc.js';
import { benchUsers } from './lib/users.js';
import { rawHashTarget } from './workloads/w3.js';
import { stormTarget } from './workloads/w4.js';

const { values: args } = parseArgs({ options: { after: { type: 'string' }, before: { type: 'string' }, smoke: { type: 'boolean', default: false }, only: { type: 'string' } } });
if (!args.after) {
  process.stderr.write('usage: ab.ts --after <checkout> [--before <checkout>] [--smoke] [--only W1,W2,W4|W3]\n');
  process.exit(2);
}
const after = resolve(args.after);
const beforeRoot = args.before ? resolve(args.before) : undefined;
const plan = args.smoke ? SMOKE_PLAN : FULL_PLAN;
const log = (m: string) => process.stderr.write(`${m}\n`);
const tmp = await mkdtemp(join(tmpdir(), 'palisade-ab-'));
await chmod(tmp, 0o755);
let cluster: EmbeddedServer | null = null;
const servers: Server[] = [];
try {
  cluster = await startCluster(join(tmp, 'pg'));
  const users = benchUsers(10, 'bench.example');
  const template = await preparePalisadeTemplate(await createDatabase(cluster.url, 'palisade_tpl'), users);
  const urlA = await createDatabase(cluster.url, 'palisade_a', 'palisade_tpl');
  const urlB = await createDatabase(cluster.url, 'palisade_b', 'palisade_tpl');
  const before = await startPalisade({ name: 'before', databaseUrl: urlA, dataDir: join(tmp, 'data-a'), logFile: join(tmp, 'before.log'), ...(beforeRoot ? { root: beforeRoot } : {}) });
  servers.push(before);
  const afterSrv = await startPalisade({ name: 'after', databaseUrl: urlB, dataDir: join(tmp, 'data-b'), logFile: join(tmp, 'after.log'), root: after });
  servers.push(afterSrv);
  const raw = await startRawBaseline(template, urlA, join(tmp, 'raw.log'));
  servers.push(raw);
  const c = plan.connections;
  const only = args.only ?? 'W1,W2';
  const targets: Target[] = only.includes('W3')
    ? [rawHashTarget('raw argon2id', 16)]
    : [httpTarget('(a) raw RLS', raw, [{ path: '/members' }], c)];
  for (const [label, srv] of [['before', before], ['after', afterSrv]] as const) {
    const s = await signInPalisade(srv, users[0]!, template.orgId);
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
