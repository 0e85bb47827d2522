/* Cost per request, read from /proc rather than timed: CPU of the server process (its main
   thread and its other threads — libuv's pool, GC helpers), CPU of every postgres process, and
   the server's write/read system calls, for W1 and W2 on one or more checkouts and for baseline
   (a). Throughput on a shared 2-core machine moves ±20 % with other people's load; CPU per
   request moves far less, which is why the issue 6 work was steered with this tool.
     node bin/run-ts.js bench/cost.ts [--requests N] [--connections C] [checkout …]
   (checkouts default to this one; each needs node_modules, a symlink is enough). Linux only.
   COST_PROF=<dir> adds --cpu-prof to the Palisade processes (profiles in <dir>); COST_ENV='{"K":"V"}'
   adds settings to them (e.g. a sealer interval, to see what sealing costs). */
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT_DIR } from './lib/env.js';
import { createDatabase, startCluster } from './lib/pg.js';
import { expectOk, preparePalisadeTemplate, signInPalisade, startPalisade, startRawBaseline } from './lib/palisade.js';
import { rssMbOf, stopAllChildren } from './lib/proc.js';
import { benchUsers } from './lib/users.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { requests: { type: 'string', default: '4000' }, connections: { type: 'string', default: '10' } },
});
const N = Number(args.requests);
const C = Number(args.connections);
const MS_PER_TICK = 10; // USER_HZ = 100

interface Sample {
  cpuMs: number;
  mainMs: number;
  writes: number;
  reads: number;
}

function cpuOf(stat: string): number {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * MS_PER_TICK;
}

async function sample(pid: number): Promise<Sample> {
  const io = await readFile(`/proc/${pid}/io`, 'utf8');
  const count = (k: string) => Number(new RegExp(`${k}: (\\d+)`).exec(io)?.[1] ?? 0);
  return {
    cpuMs: cpuOf(await readFile(`/proc/${pid}/stat`, 'utf8')),
    mainMs: cpuOf(await readFile(`/proc/${pid}/task/${pid}/stat`, 'utf8')),
    writes: count('syscw'),
    reads: count('syscr'),
  };
}

async function postgresCpuMs(): Promise<number> {
  let total = 0;
  for (const d of await readdir('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = await readFile(`/proc/${d}/stat`, 'utf8').catch(() => '');
    if (stat.includes('(postgres)')) total += cpuOf(stat);
  }
  return total;
}

async function drive(url: string, headers: Record<string, string>): Promise<void> {
  let issued = 0;
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (issued++ < N) {
        const r = await fetch(url, { headers });
        if (r.status !== 200) throw new Error(`${url}: status ${r.status}`);
        await r.arrayBuffer();
      }
    }),
  );
}

async function measure(label: string, pid: number, url: string, headers: Record<string, string>): Promise<void> {
  await drive(url, headers); // warm-up
  const a = await sample(pid);
  const pa = await postgresCpuMs();
  const t0 = Date.now();
  await drive(url, headers);
  const ms = Date.now() - t0;
  const b = await sample(pid);
  const pb = await postgresCpuMs();
  const per = (x: number) => (x / N).toFixed(3);
  process.stdout.write(
    `${label.padEnd(22)} server ${per(b.cpuMs - a.cpuMs)} ms (main thread ${per(b.mainMs - a.mainMs)})  postgres ${per(pb - pa)} ms  ` +
      `writes ${((b.writes - a.writes) / N).toFixed(2)}  reads ${((b.reads - a.reads) / N).toFixed(2)}  rss ${(await rssMbOf(pid)).toFixed(0)} MB  (${((N / ms) * 1000).toFixed(0)} req/s)\n`,
  );
}

const tmp = await mkdtemp(join(tmpdir(), 'palisade-cost-'));
await chmod(tmp, 0o755);
const cluster = await startCluster(join(tmp, 'pg'));
try {
  const users = benchUsers(10, 'bench.example');
  const template = await preparePalisadeTemplate(await createDatabase(cluster.url, 'palisade_tpl'), users);
  const rawDb = await createDatabase(cluster.url, 'palisade_raw', 'palisade_tpl');
  const raw = await startRawBaseline(template, rawDb, join(tmp, 'raw.log'));
  process.stdout.write(`${N} requests at ${C} connections, after as many to warm up; per request:\n`);
  await measure('(a) raw RLS', raw.pid, `${raw.url}/members`, {});
  await raw.stop();
  const checkouts = positionals.length ? positionals.map((p) => resolve(p)) : [ROOT_DIR];
  for (const [i, root] of checkouts.entries()) {
    const url = await createDatabase(cluster.url, `palisade_${i}`, 'palisade_tpl');
    const srv = await startPalisade({
      name: `palisade-${i}`,
      databaseUrl: url,
      dataDir: join(tmp, `data-${i}`),
      logFile: join(tmp, `palisade-${i}.log`),
      root,
      ...(process.env.COST_ENV ? { env: JSON.parse(process.env.COST_ENV) as Record<string, string> } : {}),
      ...(process.env.COST_PROF ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.env.COST_PROF}`] } : {}),
    });
    const s = await signInPalisade(srv, users[0]!, template.orgId);
    await measure(`W1 ${root === ROOT_DIR ? 'this checkout' : root}`, srv.pid, `${srv.url}/v1/org/members`, { cookie: s.cookie });
    const k = (await expectOk(srv, '/v1/org/api-keys', { 'content-type': 'application/json', origin: s.origin, cookie: s.cookie, 'x-csrf-token': s.csrfToken }, {
      method: 'POST',
      body: JSON.stringify({ name: 'cost', scopes: ['members:read'] }),
    })) as { key: string };
    await measure(`W2 ${root === ROOT_DIR ? 'this checkout' : root}`, srv.pid, `${srv.url}/v1/org/members`, { authorization: `Bearer ${k.key}` });
    await srv.stop();
  }
} finally {
  await stopAllChildren();
  await cluster.stop();
  await rm(tmp, { recursive: true, force: true });
}
