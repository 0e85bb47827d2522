/* Child processes of the bench: servers under test and load generators. Each runs as its own
   OS process so the load generator's CPU is never counted as the server's and a server's RSS
   is its own. Every child is stopped by its pid (SIGTERM, then SIGKILL after a grace period);
   nothing is killed by name. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface Server {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** Whatever the server printed on its ready line, parsed (e.g. ids it created). */
  readonly info: Record<string, unknown>;
  /** Resident set size now, in MB (Linux /proc). */
  rssMb(): Promise<number>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Extracts the port (and optional info) from a stdout line; null until the ready line. */
  ready: (line: string) => { port: number; info?: Record<string, unknown> } | null;
  logFile: string;
  timeoutMs?: number;
}

const children = new Set<ChildProcess>();

export async function rssMbOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export async function spawnServer(o: SpawnOptions): Promise<Server> {
  const log = createWriteStream(o.logFile, { flags: 'a' });
  const child = spawn(o.command, o.args, { env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.stderr.pipe(log, { end: false });
  const timeoutMs = o.timeoutMs ?? 120_000;
  const ready = await new Promise<{ port: number; info: Record<string, unknown> }>((resolve, reject) => {
    let buf = '';
    let done = false;
    const timer = setTimeout(() => fail(new Error(`${o.name}: not ready after ${timeoutMs} ms (log: ${o.logFile})`)), timeoutMs);
    function fail(e: Error): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(e);
    }
    child.once('exit', (code, sig) => fail(new Error(`${o.name} exited early (code ${code}, signal ${sig}); log: ${o.logFile}`)));
    child.once('error', (e) => fail(e));
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (done) return;
      buf += chunk.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const r = o.ready(line);
        if (r) {
          done = true;
          clearTimeout(timer);
          resolve({ port: r.port, info: r.info ?? {} });
          return;
        }
      }
    });
  }).catch(async (e: unknown) => {
    await stopChild(child);
    throw e;
  });
  const pid = child.pid ?? -1;
  return {
    name: o.name,
    url: `http://127.0.0.1:${ready.port}`,
    pid,
    info: ready.info,
    rssMb: () => rssMbOf(pid),
    stop: () => stopChild(child),
  };
}

export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(t);
  children.delete(child);
}

/** Stops every child still running (on error or interrupt). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c, 5_000)));
}

/** Runs a command to completion, returning its stdout; rejects on a non-zero exit. */
export function runToEnd(command: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} ${args[0] ?? ''} failed (code ${code}, signal ${sig}): ${err.slice(-2000)}`));
    });
  });
}
