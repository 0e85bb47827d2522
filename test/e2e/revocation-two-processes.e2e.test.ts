/* AUTH-4 across processes: two separate Palisade processes share one database. A session
   revoked through process A is refused on its very next request to process B (LISTEN/NOTIFY
   feeds B's revocation set; A waits for live nodes to acknowledge before answering). */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/db.js';
import { startPalisadeProcess } from '../fixtures/palisade-process.js';
import { freePort } from '../../src/db/embedded.js';
import { Client, goodPassword, registerAndSignIn, startSmtpSink, type SmtpSink } from './identity-helpers.js';

let t: TestDb;
let smtp: SmtpSink;
let dir = '';
const procs: ChildProcess[] = [];

// Nodes behind one load balancer share one public URL (session tokens are issued for it).
const PUBLIC_URL = 'http://palisade.test';

async function startServer(port: number): Promise<string> {
  const p = await startPalisadeProcess({ PORT: String(port), DATABASE_URL: t.ownerUrl, SMTP_URL: smtp.url, PALISADE_DATA_DIR: dir, PALISADE_LOG_LEVEL: 'warn', PALISADE_PUBLIC_URL: PUBLIC_URL });
  procs.push(p.proc);
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  t = await createTestDb();
  smtp = await startSmtpSink();
  dir = await mkdtemp(join(tmpdir(), 'palisade-2p-'));
});
afterAll(async () => {
  await Promise.all(procs.map((p) => new Promise((r) => { if (p.exitCode !== null) return r(null); p.on('exit', r); p.kill('SIGTERM'); })));
  await smtp.close();
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('revocation across processes', () => {
  it('AUTH-4: a session revoked through one Palisade process is refused on its next request to another process', async () => {
    // Both nodes start at the same moment on a fresh database (as a deployment rolls out).
    const [portA, portB] = [await freePort(), await freePort()];
    const [baseA, baseB] = await Promise.all([startServer(portA), startServer(portB)]);
    // Sign in twice (two sessions of one user) through A.
    const password = goodPassword();
    const first = await registerAndSignIn(baseA, smtp, 'two-procs@example.test', password);
    const second = new Client(baseA);
    expect((await second.req('POST', '/v1/auth/sign-in', { email: 'two-procs@example.test', password })).status).toBe(200);

    // The second session works against B (same cookie, other process).
    const onB = new Client(baseB);
    onB.cookie = second.cookie;
    onB.csrf = second.csrf;
    expect((await onB.req('GET', '/v1/me')).status).toBe(200);

    // Revoke it from the first session, through A.
    const sessions = await first.req('GET', '/v1/me/sessions');
    const items = (sessions.body as { items: Array<{ id: string; current: boolean }> }).items;
    const victim = items.find((s) => !s.current);
    expect(victim).toBeDefined();
    expect((await first.req('DELETE', `/v1/me/sessions/${victim!.id}`)).status).toBe(204);

    // The very next request to B with the revoked session is refused.
    const after = await onB.req('GET', '/v1/me');
    expect(after.status).toBe(401);
    // And the session that did the revoking still works on B.
    const firstOnB = new Client(baseB);
    firstOnB.cookie = first.cookie;
    expect((await firstOnB.req('GET', '/v1/me')).status).toBe(200);
  }, 120_000);
});
