/* `npm run bench`: every workload of issue 6 against Palisade and its baselines, side by side,
   in one invocation, on loopback. Writes bench/results/latest.json and prints a table.
     node bin/run-ts.js bench/run.ts [--smoke] [--only W1,W3] [--keep]
   --smoke: a few seconds per workload, small W7 seed, targets not enforced (CI).
   --only:  run only the named workloads.
   --keep:  keep the temporary directory (server logs) for inspection.
   --profile: run the main Palisade process with --cpu-prof; the profile is written to
            bench/results/profiles/ when it stops (summarise with bench/profile-summary.ts).
   See bench/README.md for the method and the latest results. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, DEPS_DIR, ROOT_DIR, UV_THREADPOOL_SIZE } from './lib/env.js';
import { FULL_PLAN, SMOKE_PLAN } from './lib/measure.js';
import { createDatabase, startCluster, type EmbeddedServer } from './lib/pg.js';
import { palisadeRoutes, preparePalisadeTemplate, startPalisade, startRawBaseline } from './lib/palisade.js';
import { startBetterAuth, type BetterAuthFixture } from './lib/better-auth.js';
import { stopAllChildren, type Server } from './lib/proc.js';
import { skippedRow, table, writeResults, type Row } from './lib/report.js';
import { benchUsers } from './lib/users.js';
import type { Ctx, Workload } from './lib/context.js';
import { w1 } from './workloads/w1.js';
import { w2 } from './workloads/w2.js';
import { w3 } from './workloads/w3.js';
import { w4 } from './workloads/w4.js';
import { w5 } from './workloads/w5.js';
import { w6 } from './workloads/w6.js';
import { w7 } from './workloads/w7.js';
import { w8 } from './workloads/w8.js';
import { w9 } from './workloads/w9.js';
import { w10 } from './workloads/w10.js';
import { w11 } from './workloads/w11.js';
import { w12 } from './workloads/w12.js';

const WORKLOADS: Record<string, Workload> = { W1: w1, W2: w2, W3: w3, W4: w4, W5: w5, W6: w6, W7: w7, W8: w8, W9: w9, W10: w10, W11: w11, W12: w12 };
const MEMBERS = 10;
/** Workloads that run in-process on their own database and need none of the three servers:
    `--only` naming nothing else starts none of them (W11 alone on a loaded machine otherwise
    waits minutes for servers it never calls). */
const IN_PROCESS = new Set(['W11']);

/** A server that was not started; any use is a bug of the workload that claimed IN_PROCESS. */
function notStarted(name: string): Server {
  const no = (): never => { throw new TypeError(`${name} was not started: only in-process workloads were selected`); };
  return { name, pid: 0, info: {}, get url(): string { return no(); }, rssMb: no, stop: async () => undefined };
}

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});

const t0 = performance.now();
let liveCluster: EmbeddedServer | null = null;
const log = (m: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)}s] ${m}\n`);

/** Bench-only dependencies (Better Auth, pg, autocannon) live in bench/deps, installed on first use. */
function ensureDeps(): void {
  if (existsSync(join(DEPS_DIR, 'node_modules', 'autocannon')) && existsSync(join(DEPS_DIR, 'node_modules', 'better-auth'))) return;
  log('installing bench dependencies into bench/deps (first run)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // --ignore-scripts: none of these needs an install script, and none may run one.
  const r = spawnSync(npm, ['ci', '--prefix', DEPS_DIR, '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: ROOT_DIR });
  if (r.status !== 0) throw new Error('npm ci --prefix bench/deps failed');
}

async function main(): Promise<number> {
  const smoke = args.smoke ?? false;
  const only = args.only ? new Set(args.only.split(',').map((s) => s.trim().toUpperCase())) : null;
  const plan = smoke ? SMOKE_PLAN : FULL_PLAN;
  ensureDeps();
  const tmp = await mkdtemp(join(tmpdir(), 'palisade-bench-'));
  // PostgreSQL runs as the unprivileged postgres user when we are root: it must traverse tmp.
  await chmod(tmp, 0o755);
  let cluster: EmbeddedServer | null = null;
  const servers: Server[] = [];
  const rows: Row[] = [];
  try {
    log(`PostgreSQL (embedded, ephemeral) in ${tmp}`);
    cluster = await startCluster(join(tmp, 'pg'));
    liveCluster = cluster;
    const superUrl = cluster.url;
    const users = benchUsers(MEMBERS, 'bench.example');

    // Palisade: one migrated template with the bench org; the main database is a clone.
    const tplUrl = await createDatabase(cluster.url, 'palisade_tpl');
    const template = await preparePalisadeTemplate(tplUrl, users);
    const palisadeDbUrl = await createDatabase(cluster.url, 'palisade', 'palisade_tpl');
    // The three servers start side by side (each waits on its own database work).
    const startPalisadeMain = async (): Promise<{ server: Server | null; skip: string | null; routes: Set<string> }> => {
      try {
        const nodeArgs = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(BENCH_DIR, 'results', 'profiles')}`] : [];
        const server = await startPalisade({ name: 'palisade', databaseUrl: palisadeDbUrl, dataDir: join(tmp, 'data-main'), logFile: join(tmp, 'palisade.log'), nodeArgs });
        servers.push(server);
        const routes = await palisadeRoutes(server);
        log(`Palisade at ${server.url} (${routes.size} routes)`);
        return { server, skip: null, routes };
      } catch (e) {
        const skip = `Palisade did not start: ${(e as Error).message}`;
        log(skip);
        return { server: null, skip, routes: new Set() };
      }
    };
    // Baseline (a) on the same database and rows, as palisade_app.
    const startRaw = async (): Promise<Server> => {
      const server = await startRawBaseline(template, palisadeDbUrl, join(tmp, 'fastify-rls.log'));
      servers.push(server);
      return server;
    };
    // Baseline (b): Better Auth on its own database in the same cluster.
    const startBa = async (): Promise<{ fixture: BetterAuthFixture | null; skip: string | null }> => {
      try {
        const baUrl = await createDatabase(superUrl, 'better_auth');
        const fixture = await startBetterAuth({ databaseUrl: baUrl, users, logFile: join(tmp, 'better-auth.log'), poolMax: 10 });
        servers.push(fixture.server);
        log(`Better Auth at ${fixture.origin}`);
        return { fixture, skip: null };
      } catch (e) {
        const skip = `Better Auth did not start: ${(e as Error).message}`;
        log(skip);
        return { fixture: null, skip };
      }
    };
    const serversNeeded = !only || [...only].some((n) => !IN_PROCESS.has(n));
    const skipped = 'not started: only in-process workloads were selected';
    const [p, rawRls, b] = serversNeeded
      ? await Promise.all([startPalisadeMain(), startRaw(), startBa()])
      : [{ server: null, skip: skipped, routes: new Set<string>() }, notStarted('baseline (a)'), { fixture: null, skip: skipped }];
    const palisade = p.server;
    const palisadeSkip = p.skip;
    const routes = p.routes;
    const betterAuth = b.fixture;
    const betterAuthSkip = b.skip;

    const ctx: Ctx = { plan, smoke, tmp, superUrl, log, users, template, palisade, palisadeDbUrl, palisadeRoutes: routes, palisadeSkip, rawRls, betterAuth, betterAuthSkip };
    for (const [name, run] of Object.entries(WORKLOADS)) {
      if (only && !only.has(name)) continue;
      log(`${name}`);
      const w0 = performance.now();
      try {
        rows.push(...(await run(ctx)));
      } catch (e) {
        // A workload that fails is reported as such, with no figure.
        const msg = (e as Error).message.split('\n')[0] ?? 'failed';
        log(`${name} failed: ${(e as Error).stack ?? msg}`);
        rows.push(skippedRow(`${name}`, '', `failed: ${msg}`, null, { ours: 'Palisade', baseline: null }));
      }
      log(`${name} done in ${((performance.now() - w0) / 1000).toFixed(0)} s`);
    }
  } finally {
    for (const s of servers.reverse()) await s.stop().catch(() => undefined);
    await stopAllChildren();
    await cluster?.stop();
    liveCluster = null;
    if (!args.keep) await rm(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const meta = {
    when: new Date().toISOString(),
    mode: smoke ? 'smoke' : 'full',
    plan,
    seconds: Math.round(seconds),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    uvThreadpoolSize: UV_THREADPOOL_SIZE,
  };
  const path = await writeResults(rows, meta, smoke ? 'smoke.json' : 'latest.json');
  process.stdout.write(`\n${table(rows)}\n\n${rows.length} rows in ${Math.round(seconds)} s (${smoke ? 'smoke: targets not enforced' : 'full'}); written to ${path}\n`);
  // A workload that threw is rot (CI must notice); a missed target or a route not yet built is not.
  const failed = rows.filter((r) => r.skipped?.startsWith('failed:'));
  if (failed.length) process.stderr.write(`bench: ${failed.length} workload(s) failed: ${failed.map((r) => r.workload).join(', ')}\n`);
  return failed.length ? 1 : 0;
}

// PostgreSQL runs detached (pg_ctl): an interrupted bench must stop it too.
const interrupted = (code: number) => () => void stopAllChildren().then(() => liveCluster?.stop()).finally(() => process.exit(code));
process.once('SIGINT', interrupted(130));
process.once('SIGTERM', interrupted(143));
main().then(
  (code) => process.exit(code),
  async (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
    await stopAllChildren();
    await liveCluster?.stop();
    process.exit(1);
  },
);
