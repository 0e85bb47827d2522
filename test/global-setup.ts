/* One real PostgreSQL per test run (embedded, throwaway, non-durable settings), with a
   migrated template database. Each test file clones its own database from the template
   (test/fixtures/db.ts), so files run in parallel without sharing state. */
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { ensureRoleLogins } from '../src/db/roles.js';
import { LOG_AUDIT_ROOT } from './fixtures/log-audit.js';

export const TEMPLATE_DB = 'palisade_template';

let server: EmbeddedServer | null = null;
let dir = '';
let runIdForTeardown = '';

export async function setup(project: TestProject): Promise<void> {
  // One log-audit directory per run, so concurrent runs in one checkout never mix records.
  const runId = `${Date.now()}-${process.pid}`;
  const logAuditDir = join(LOG_AUDIT_ROOT, runId);
  await mkdir(logAuditDir, { recursive: true });
  runIdForTeardown = runId;
  for (const old of await readdir(LOG_AUDIT_ROOT)) {
    const p = join(LOG_AUDIT_ROOT, old);
    if (old !== runId && old !== 'last-completed' && Date.now() - (await stat(p)).mtimeMs > 3_600_000) await rm(p, { recursive: true, force: true });
  }
  project.provide('logAuditDir', logAuditDir);
  dir = await mkdtemp(join(tmpdir(), 'palisade-test-'));
  server = await startEmbedded({ dataDir: dir, ephemeral: true });
  const su = postgres(server.url, { max: 1, onnotice: () => {} });
  await su.unsafe(`create database ${TEMPLATE_DB}`);
  await su.end();
  const templateUrl = server.url.replace(/\/postgres$/, `/${TEMPLATE_DB}`);
  await migrate(templateUrl);
  await ensureRoleLogins(templateUrl);
  project.provide('pgSuperUrl', server.url);
}

export async function teardown(): Promise<void> {
  // Name this run as the last completed one, for scripts/check-log-audit.mjs (npm test's next step).
  if (runIdForTeardown) await writeFile(join(LOG_AUDIT_ROOT, 'last-completed'), runIdForTeardown);
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgSuperUrl: string;
    logAuditDir: string;
  }
}
