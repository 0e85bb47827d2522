/* The trust page, trust.json and security.txt through the HTTP surface of the whole app. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { fixedClock } from '../lib/clock.js';
import { runTrust } from '../cli/trust.js';
import { CLAIMS } from './claims.js';
import { COMMITTED_EVIDENCE, sealEvidence } from './evidence.js';
import type { TrustReport } from './service.js';
import { computeSourceHash } from './source.js';

let t: TestDb;
const dirs: string[] = [];
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SECURITY = {
  PALISADE_SECURITY_CONTACT: 'mailto:security@example.test,https://example.test/report',
  PALISADE_SECURITY_TXT_EXPIRES: '2027-06-30T00:00:00Z',
  PALISADE_SECURITY_POLICY: 'https://example.test/disclosure',
  PALISADE_SECURITY_LANGUAGES: 'en, de',
  PALISADE_SECURITY_ACK_DAYS: '2',
};
const DATA = { PALISADE_TRUST_RESIDENCY: 'EU (Frankfurt, eu-central-1)', PALISADE_TRUST_SUBPROCESSORS: 'Example Cloud;hosting;Germany|Mailer Inc;transactional email;Ireland' };

async function withApp<T>(env: Record<string, string>, fn: (app: TestApp) => Promise<T>, opts: { now?: string; trustRoot?: string } = {}): Promise<T> {
  const app = await buildTestApp({ testDb: t, env, clock: fixedClock(opts.now ?? '2026-12-07T12:00:00Z'), ...(opts.trustRoot ? { trustRoot: opts.trustRoot } : {}) });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

const report = async (app: TestApp) => (await app.http.inject({ method: 'GET', url: '/trust.json' })).json<TrustReport>();
const page = async (app: TestApp) => (await app.http.inject({ method: 'GET', url: '/trust' })).body;
const claim = (r: TrustReport, id: string) => r.claims.find((c) => c.id === id);

/** A root holding one source file and, optionally, evidence naming every registered test. */
function installRoot(evidence: 'none' | 'all' | 'tampered' | 'other_source'): string {
  const root = mkdtempSync(join(tmpdir(), 'palisade-install-'));
  dirs.push(root);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/app.ts'), 'export {};\n');
  if (evidence === 'none') return root;
  const passed = CLAIMS.flatMap((c) => c.tests);
  const sealed = sealEvidence({ sourceHash: evidence === 'other_source' ? 'sha256:00' : computeSourceHash(root).hash, sourceFiles: 1, finishedAt: '2026-12-06T22:00:00.000Z', node: process.version, passed });
  mkdirSync(dirname(join(root, COMMITTED_EVIDENCE)), { recursive: true });
  writeFileSync(join(root, COMMITTED_EVIDENCE), JSON.stringify(evidence === 'tampered' ? { ...sealed, passed: [...passed, 'x > TRUST-9: forged'].sort() } : sealed));
  return root;
}

describe('trust page', () => {
  it('TRUST-1: a fresh install with evidence for its own source shows what that evidence proves; with evidence for other source, or tampered evidence, nothing is verified', async () => {
    const proven = CLAIMS.filter((c) => c.kind === 'verified' && c.tests.length > 0).map((c) => c.id);
    await withApp({}, async (app) => {
      const r = await report(app);
      expect(r.evidence.state).toBe('bound');
      expect(r.claims.filter((c) => c.status === 'verified').map((c) => c.id)).toEqual(proven);
      // A verified claim with no test yet is never shown verified, whatever the evidence.
      for (const untested of CLAIMS.filter((c) => c.kind === 'verified' && c.tests.length === 0)) expect(claim(r, untested.id)?.status).toBe('not_yet');
      expect(await page(app)).toMatch(/<tr id="ENC-4">.*data-status="verified">Verified</);
    }, { trustRoot: installRoot('all') });
    for (const kind of ['tampered', 'other_source', 'none'] as const) {
      await withApp({}, async (app) => {
        const r = await report(app);
        expect(r.evidence.state).toBe(kind === 'tampered' ? 'tampered' : kind === 'none' ? 'missing' : 'source_differs');
        expect(r.counts.verified).toBe(0);
        expect(r.claims.every((c) => c.status !== 'verified')).toBe(true);
        const html = await page(app);
        expect(html).not.toContain('data-status="verified"');
        expect(html).toContain('no claim is shown as verified');
      }, { trustRoot: installRoot(kind) });
    }
  });

  it('TRUST-1: a changed source file after the evidence was recorded shows nothing verified', async () => {
    const root = installRoot('all');
    writeFileSync(join(root, 'src/app.ts'), 'export const changed = true;\n');
    await withApp({}, async (app) => {
      const r = await report(app);
      expect(r.evidence.state).toBe('source_differs');
      expect(r.counts.verified).toBe(0);
    }, { trustRoot: root });
  });

  it('TRUST-1 PRIV-9: the page is generated from live configuration: residency and subprocessors appear when configured, and PRIV-9 is in force only then', async () => {
    await withApp({}, async (app) => {
      const r = await report(app);
      expect(claim(r, 'PRIV-9')).toMatchObject({ status: 'not_in_force' });
      expect(r.residency).toBeNull();
      expect(await page(app)).toContain('The operator has not published where data resides.');
    });
    await withApp(DATA, async (app) => {
      const r = await report(app);
      expect(claim(r, 'PRIV-9')).toMatchObject({ status: 'in_force' });
      expect(r.subprocessors).toEqual([{ name: 'Example Cloud', purpose: 'hosting', location: 'Germany' }, { name: 'Mailer Inc', purpose: 'transactional email', location: 'Ireland' }]);
      const html = await page(app);
      expect(html).toContain('Data residency: EU (Frankfurt, eu-central-1).');
      expect(html).toContain('<td>Mailer Inc</td><td>transactional email</td><td>Ireland</td>');
    });
    await withApp({ ...DATA, PALISADE_TRUST_SUBPROCESSORS: 'none' }, async (app) => {
      expect(claim(await report(app), 'PRIV-9')?.status).toBe('in_force');
      expect(await page(app)).toContain('<p>No subprocessors.</p>');
    });
  });

  it('TRUST-1 ENC-1 ENC-2: over plain HTTP the HTTPS and TLS claims are shown not in force, by live check, never assumed', async () => {
    await withApp({}, async (app) => {
      const r = await report(app);
      for (const id of ['ENC-1', 'ENC-2']) {
        expect(claim(r, id)?.status).toBe('not_in_force');
        expect(claim(r, id)?.check?.detail).toMatch(/served without TLS/);
      }
    });
  });

  it('TRUST-1: audit retention (AUD-4) is in force only when configured to at least 3 years', async () => {
    await withApp({}, async (app) => expect(claim(await report(app), 'AUD-4')).toMatchObject({ status: 'in_force', check: { detail: expect.stringContaining('1095 days') } }));
    await withApp({ AUDIT_RETENTION_DAYS: '30' }, async (app) => expect(claim(await report(app), 'AUD-4')).toMatchObject({ status: 'not_in_force', check: { detail: expect.stringContaining('only 30 days') } }));
  });

  it('TRUST-1: operator declarations (palisade trust declare) appear as declared with their dates, a declared claim only while it stands; the cached page changes on every node when one is made or withdrawn', async () => {
    await withApp({}, async (other) => withApp({}, async (app) => {
      expect(claim(await report(other), 'PAY-1')?.status).toBe('not_declared');
      let r = await report(app);
      expect(claim(r, 'PAY-1')?.status).toBe('not_declared');
      expect(r.declarations).toEqual([]);
      const out: string[] = [];
      const ctx = { db: app.testDb.db, out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => out.push(s) } };
      expect(await runTrust(['declare', 'pentest', '--title', 'Penetration test by Example Sec <b>', '--date', '2026-10-01', '--until', '2027-10-01', '--url', 'https://example.test/pentest.pdf', '--by', 'jane-doe-ops'], ctx)).toBe(0);
      expect(await runTrust(['declare', 'claim', '--claim', 'PAY-1', '--title', 'Card entry is Stripe Elements only', '--date', '2026-11-01'], ctx)).toBe(0);
      expect(await runTrust(['declare', 'claim', '--claim', 'ENC-4', '--title', 'x', '--date', '2026-11-01'], ctx)).toBe(2);
      expect(await runTrust(['declare', 'pentest', '--title', 'x', '--date', '2026-13-45'], ctx)).toBe(2);
      // The change reaches the cache through NOTIFY: wait for it without assuming how long it takes.
      await expect.poll(async () => claim(await report(app), 'PAY-1')?.status, { timeout: 60_000, interval: 50 }).toBe('declared');
      // A second node, whose page was cached before the change, sees it too.
      await expect.poll(async () => claim(await report(other), 'PAY-1')?.status, { timeout: 60_000, interval: 50 }).toBe('declared');
      r = await report(app);
      expect(r.declarations).toMatchObject([{ category: 'pentest', title: 'Penetration test by Example Sec <b>', dated: '2026-10-01', validUntil: '2027-10-01', lapsed: false }]);
      expect(claim(r, 'PAY-1')?.declaration).toMatchObject({ dated: '2026-11-01' });
      expect(JSON.stringify(r)).not.toContain('jane-doe'); // who typed it is not published
      const html = await page(app);
      expect(html).toContain('Penetration test by Example Sec &lt;b&gt;');
      expect(html).toContain('from 2026-10-01 until 2027-10-01');
      expect(html).toMatch(/<tr id="PAY-1">.*data-status="declared">Declared</);
      const id = /declared (dcl_\w+): claim PAY-1/.exec(out.join(''))?.[1] ?? '';
      expect(await runTrust(['withdraw', id], ctx)).toBe(0);
      await expect.poll(async () => claim(await report(app), 'PAY-1')?.status, { timeout: 60_000, interval: 50 }).toBe('not_declared');
      await expect.poll(async () => claim(await report(other), 'PAY-1')?.status, { timeout: 60_000, interval: 50 }).toBe('not_declared');
    }));
  });

  it('TRUST-1: the report is served from cache between changes (no rebuild per request)', async () => {
    await withApp({}, async (app) => {
      const first = await report(app);
      const second = await report(app);
      expect(second.generatedAt).toBe(first.generatedAt);
    });
  });

  it('VAL-3: the trust page has no script and no inline style, under the strict CSP, and is not framable', async () => {
    await withApp({ ...SECURITY, ...DATA }, async (app) => {
      const res = await app.http.inject({ method: 'GET', url: '/trust' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
      expect(res.body).toContain('<link rel="stylesheet" href="/trust.css">');
      expect((await app.http.inject({ method: 'GET', url: '/trust.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    });
  });

  it('TRUST-1: the page and the report travel gzipped to a client that accepts it: the same bytes, a fraction of the size, the same cached report', async () => {
    await withApp({ ...SECURITY, ...DATA }, async (app) => {
      for (const url of ['/trust', '/trust.json']) {
        const plain = await app.http.inject({ method: 'GET', url });
        const zipped = await app.http.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(zipped.headers.vary).toContain('accept-encoding');
        expect(zipped.headers['content-security-policy']).toContain("script-src 'self'");
        expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
        expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
        if (process.env.PALISADE_PRINT_SIZES) process.stdout.write(`${url}: ${plain.rawPayload.length} B, gzipped ${zipped.rawPayload.length} B\n`);
      }
    });
  });
});

describe('security.txt', () => {
  it('IR-2: /.well-known/security.txt is generated from configuration (RFC 9116 fields) and states the acknowledgement deadline, which the trust page shows', async () => {
    await withApp(SECURITY, async (app) => {
      const res = await app.http.inject({ method: 'GET', url: '/.well-known/security.txt' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.body.split('\n').filter((l) => !l.startsWith('#') && l)).toEqual([
        'Contact: mailto:security@example.test',
        'Contact: https://example.test/report',
        'Expires: 2027-06-30T00:00:00.000Z',
        'Policy: https://example.test/disclosure',
        'Preferred-Languages: en, de',
        `Canonical: ${app.config.PALISADE_PUBLIC_URL.replace(/\/+$/, '')}/.well-known/security.txt`,
      ]);
      expect(res.body).toContain('# Reports are acknowledged within 2 days');
      const r = await report(app);
      expect(claim(r, 'IR-2')).toMatchObject({ status: 'in_force' });
      expect(r.security).toMatchObject({ published: true, acknowledgementDays: 2, warning: null });
      expect(await page(app)).toContain('Reports are acknowledged within <strong>2 days</strong>');
    });
  });

  it('IR-2: an expired security.txt is refused (404 security_txt_expired), IR-2 is not in force and the start warns', async () => {
    await withApp(SECURITY, async (app) => {
      const res = await app.http.inject({ method: 'GET', url: '/.well-known/security.txt' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'security_txt_expired' });
      expect(claim(await report(app), 'IR-2')?.status).toBe('not_in_force');
      expect(app.logs.join('')).toContain('PAL_WARN_SECURITY_TXT_EXPIRED');
      expect(await page(app)).toContain('security.txt expired on 2027-06-30');
    }, { now: '2027-07-01T00:00:00Z' });
  });

  it('IR-2: within the warning window the start warns and the trust page says when it expires; unconfigured, nothing is published', async () => {
    await withApp(SECURITY, async (app) => {
      expect((await app.http.inject({ method: 'GET', url: '/.well-known/security.txt' })).statusCode).toBe(200);
      expect(app.logs.join('')).toContain('PAL_WARN_SECURITY_TXT_EXPIRING');
      expect((await report(app)).security.warning).toContain('expires on 2027-06-30');
      expect(claim(await report(app), 'IR-2')?.status).toBe('in_force');
    }, { now: '2027-06-10T00:00:00Z' });
    await withApp({}, async (app) => {
      const res = await app.http.inject({ method: 'GET', url: '/.well-known/security.txt' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'security_txt_not_configured' });
      expect(claim(await report(app), 'IR-2')).toMatchObject({ status: 'not_in_force', check: { detail: expect.stringContaining('security_txt_not_configured') } });
      expect(await page(app)).toContain('No security contact is published.');
    });
  });
});
