/* Issue 5's durability acceptance: a SIGKILL of the server in the middle of a write load loses
   no audit record of any mutation the server acknowledged (the record commits in the same
   transaction as the change), and after a restart the log seals and verifies clean.
   Real processes, real PostgreSQL, real SMTP; the kill gives the server no chance to flush. */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../fixtures/db.js';
import { BIN, startPalisadeProcess } from '../fixtures/palisade-process.js';
import { freePort } from '../../src/db/embedded.js';
import { goodPassword, registerAndSignIn, startSmtpSink, type SmtpSink } from './identity-helpers.js';

let t: TestDb;
let smtp: SmtpSink;
let dir = '';

beforeAll(async () => {
  t = await createTestDb();
  smtp = await startSmtpSink();
  dir = await mkdtemp(join(tmpdir(), 'palisade-kill-'));
});
afterAll(async () => {
  await smtp.close();
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

function env(port: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '', PORT: String(port), DATABASE_URL: t.ownerUrl, SMTP_URL: smtp.url,
    PALISADE_DATA_DIR: dir, PALISADE_LOG_LEVEL: 'warn', AUDIT_SEAL_INTERVAL_MS: '200',
  };
}

async function startServer(port: number): Promise<ChildProcess> {
  return (await startPalisadeProcess(env(port))).proc;
}

describe('audit durability', () => {
  it('AUD-1: a SIGKILL during a write load loses no audit record of an acknowledged mutation; the log verifies after restart', async () => {
    const port = await freePort();
    let server = await startServer(port);
    const base = `http://127.0.0.1:${port}`;
    const admin = await registerAndSignIn(base, smtp, 'kill-admin@example.test', goodPassword());
    const org = await admin.req('POST', '/v1/orgs', { name: 'Durable Co' });
    expect(org.status).toBe(201);
    const orgId = (org.body as { id: string }).id;
    expect((await admin.req('PUT', '/v1/me/active-org', { orgId })).status).toBe(204);

    // 8 writers rename the org as fast as they can; every 2xx is an acknowledged mutation.
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const r = await admin.req('PATCH', '/v1/org', { name: `Durable ${w}-${i}` });
          if (r.status === 200) acknowledged.push(r.headers.get('x-request-id') ?? '');
          else if (r.status >= 500) break;
        } catch {
          break; // connection refused or reset: the server is gone
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => { if (acknowledged.length >= 150) { clearInterval(check); resolve(); } }, 5);
    });
    server.kill('SIGKILL');
    await Promise.all(writers);
    stop = true;
    await new Promise((r) => (server.exitCode !== null || server.signalCode !== null ? r(null) : server.on('exit', r)));

    // Every acknowledged mutation has its audit record, with the request id the client saw.
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    const found = await asSuperuser(t.ownerUrl, (sql) => sql<{ request_id: string }[]>`
      select request_id from audit_events where org_id = ${orgId} and request_id = any (${acknowledged})`);
    const missing = acknowledged.filter((id) => !found.some((r) => r.request_id === id));
    expect(missing).toEqual([]);

    // Restart: the sealer folds in whatever the kill left unsealed, and the whole log verifies.
    server = await startServer(port);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [row] = await asSuperuser(t.ownerUrl, (sql) => sql<{ n: number }[]>`
        select count(*)::int as n from audit_events e where not exists (select 1 from audit_leaves l where l.event_id = e.id)`);
      if (row?.n === 0) break;
      if (Date.now() > deadline) throw new Error(`${row?.n} records still unsealed after restart`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const vkey = await (await fetch(`${base}/v1/audit/verifier-key`)).text();
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    const verify = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--vkey', vkey.trim()], { env: env(port), encoding: 'utf8', timeout: 120_000 });
    expect(verify.stderr + verify.stdout).not.toMatch(/FAIL|tamper|mismatch/i);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('audit verify: OK');
    const leaves = Number(new RegExp(`${orgId} \\(.*?\\): (\\d+)/\\d+ leaves`).exec(verify.stdout)?.[1]);
    expect(leaves).toBeGreaterThanOrEqual(acknowledged.length);
  }, 180_000);
});
