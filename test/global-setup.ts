/* One real PostgreSQL per test run (embedded, throwaway, non-durable settings), with a
   migrated template database. Each test file clones its own database from the template
   (test/fixtures/db.ts), so files run in parallel without sharing state. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { ensureRoleLogins } from '../src/db/roles.js';
import { LOG_AUDIT_DIR } from './fixtures/log-audit.js';

export const TEMPLATE_DB = 'palisade_template';

let server: EmbeddedServer | null = null;
let dir = '';

export async function setup(project: TestProject): Promise<void> {
  await rm(LOG_AUDIT_DIR, { recursive: true, force: true });
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
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgSuperUrl: string;
  }
}
