/* The newcomer's first hour, on a real `palisade start` as the README starts it (no SMTP, no
   settings, embedded PostgreSQL): docs/tour.md runs as written, every `#` answer checked; and a
   browser-like client at the printed URL (its Origin header, its cookies) goes from sign-up to
   a new organisation, reading the confirmation link from the console as a newcomer would.
   Nothing here waits on a clock: the outbox long-polls and the console is read as it arrives. */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, startPalisadeProcess, type PalisadeProcess } from '../fixtures/palisade-process.js';
import { Client } from './identity-helpers.js';

let dir = '';
let server: PalisadeProcess;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-tour-'));
  await chmod(dir, 0o755); // mkdtemp's 0700 would keep PostgreSQL's own user out when tests run as root
  // Exactly what `npm start` gets on a fresh clone, but a free port and a fresh data directory.
  server = await startPalisadeProcess({ PORT: '0', PALISADE_DATA_DIR: join(dir, 'data'), PALISADE_LOG_LEVEL: 'warn' }, 10 * 60_000);
}, 11 * 60_000);

afterAll(async () => {
  if (server?.proc.exitCode === null) {
    const exited = new Promise((r) => server.proc.once('exit', r));
    server.proc.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The ```sh blocks of the tour, with the printed URL in place of the tour's 127.0.0.1:3000. */
async function tourBlocks(hostPort: string): Promise<string[]> {
  const md = await readFile(new URL('../../docs/tour.md', import.meta.url), 'utf8');
  return [...md.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => (m[1] ?? '').replaceAll('127.0.0.1:3000', hostPort));
}

/** An expected answer line: literal, with … standing for "anything". */
function answerPattern(line: string): RegExp {
  return new RegExp(`^${line.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
}

function runBash(script: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-euo', 'pipefail', '-c', script], { cwd, env: { PATH: process.env.PATH ?? '' }, maxBuffer: 1 << 24 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

describe('a newcomer on a fresh start', () => {
  it('docs/tour.md runs as written: every command succeeds and prints the answer the tour shows', async () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1'); // the printed URL is the tour's, on another port
    const blocks = await tourBlocks(url.host);
    expect(blocks[0]).toContain('npm start'); // step 1 is the server this test started
    const steps = blocks.slice(1);
    expect(steps.length).toBeGreaterThanOrEqual(7);
    const script = steps.map((b, i) => `${b}\nprintf '\\n@@block ${i}@@\\n'`).join('\n');
    const work = await mkdtemp(join(dir, 'shell-'));
    const run = await runBash(script, work);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const outputs = run.stdout.split(/\n?@@block \d+@@\n/);
    steps.forEach((block, i) => {
      const expected = block.split('\n').filter((l) => l.startsWith('# ')).map((l) => l.slice(2));
      const lines = (outputs[i] ?? '').split('\n').filter(Boolean);
      let at = 0;
      for (const want of expected) {
        const p = answerPattern(want);
        while (at < lines.length && !p.test(lines[at] ?? '')) at++;
        expect(at < lines.length, `step block ${i}: expected "${want}" in:\n${outputs[i] ?? ''}`).toBe(true);
        at++;
      }
    });
  });

  it('a browser at the printed URL (its Origin, its cookies) goes from sign-up to a new organisation without SMTP, following the link printed on the console', async () => {
    const origin = new URL(server.url).origin;
    const browser = new Client(server.url, { origin, 'sec-fetch-site': 'same-origin' });
    // The pages the browser would load are there.
    for (const page of ['/sign-up', '/verify-email', '/sign-in', '/']) expect((await fetch(`${server.url}${page}`)).status, page).toBe(200);
    const email = 'grace.browser@example.com';
    const password = 'a quiet harbour at the end of the day';
    const consoleBefore = server.output().length;
    const signUp = await browser.req('POST', '/v1/auth/sign-up', { email, password });
    expect(signUp.status, JSON.stringify(signUp.body)).toBe(202);
    // The console print, as the newcomer reads it: wait for it as it arrives.
    const link = await new Promise<string>((resolve) => {
      const look = (): boolean => {
        const m = new RegExp(`To: +${email.replace('.', '\\.')}[\\s\\S]*?Link: +(\\S+)`).exec(server.output().slice(consoleBefore));
        if (m?.[1]) resolve(m[1]);
        return Boolean(m);
      };
      if (!look()) {
        const onData = (): void => { if (look()) { server.proc.stdout?.off('data', onData); } };
        server.proc.stdout?.on('data', onData);
      }
    });
    const u = new URL(link);
    expect(u.origin).toBe(origin); // mail links point at the printed URL
    expect(u.pathname).toBe('/verify-email');
    expect((await fetch(`${origin}${u.pathname}`)).status).toBe(200);
    const token = decodeURIComponent(u.hash.replace('#token=', ''));
    expect((await browser.req('POST', '/v1/auth/verify-email', { token })).status).toBe(204);
    const signIn = await browser.req('POST', '/v1/auth/sign-in', { email, password });
    expect(signIn.status).toBe(200);
    expect(browser.cookie).toMatch(/^__Host-palisade_session=/);
    const me = await browser.req('GET', '/v1/me');
    expect(me.status).toBe(200);
    const org = await browser.req('POST', '/v1/orgs', { name: 'Grace Ltd' });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    expect((await browser.req('PUT', '/v1/me/active-org', { orgId: String(org.body.id) })).status).toBe(204);
    const members = await browser.req('GET', '/v1/org/members');
    expect(members.status).toBe(200);
    expect(JSON.stringify(members.body)).toContain('"roles":["admin"]');
    // The same origin under the other loopback name is trusted too; a foreign one is refused, and says so.
    const other = await browser.req('PATCH', '/v1/org', { name: 'Grace Ltd.' }, { origin: origin.replace('127.0.0.1', 'localhost') });
    expect(other.status).toBe(200);
    const foreign = await browser.req('PATCH', '/v1/org', { name: 'x' }, { origin: 'http://evil.example' });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'csrf_failed']);
    expect(String(foreign.body.detail)).toMatch(/Origin/);
  });

  it('AUD-3: palisade audit verify checks the log of the running deployment, beside it (no second database, no refusal)', async () => {
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      execFile(process.execPath, [BIN, 'audit', 'verify'], { env: { PATH: process.env.PATH ?? '', PALISADE_DATA_DIR: join(dir, 'data') } }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr }));
    });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('audit verify: OK');
    // The deployment kept running through it.
    expect(server.proc.exitCode).toBeNull();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
