/* The fuzz suite can fail. This file runs it against a deliberately broken build: the one
   string type (src/lib/text.ts) is replaced (vi.mock, a throwaway build of this test only) by a
   bare z.string() that lets NUL characters and lone surrogates through to PostgreSQL — the bug
   issue 20 found on about twenty routes. The suite must report 5xx answers on the routes it
   reaches. A suite that passed this would prove nothing. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/lib/text.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/lib/text.js')>();
  const { z } = await import('zod');
  return { ...real, text: () => z.string() };
});

const { buildTestApp } = await import('../fixtures/app.js');
const { makeFuzzFixture, runFuzz } = await import('./fuzz.js');

let app: Awaited<ReturnType<typeof buildTestApp>>;
let fx: Awaited<ReturnType<typeof makeFuzzFixture>>;

beforeAll(async () => {
  app = await buildTestApp();
  fx = await makeFuzzFixture(app);
});
afterAll(async () => {
  await app.close();
});

describe('the fuzz suite detects a planted bug', () => {
  it('VAL-1: with NUL and lone surrogates let through to PostgreSQL, the suite reports server errors', async () => {
    const targets = new Set(['POST /v1/orgs', 'GET /v1/org/audit/events', 'DELETE /v1/org/invitations/{id}', 'PUT /v1/me/active-org']);
    const { findings } = await runFuzz(app, fx, { seed: 20, runsPerOperation: 30, only: (op) => targets.has(`${op.method} ${op.path}`) });
    const serverErrors = findings.filter((f) => f.problem === 'server_error');
    expect(serverErrors.length).toBeGreaterThan(0);
    expect(new Set(serverErrors.map((f) => f.op)).size).toBeGreaterThanOrEqual(2);
  });
});
