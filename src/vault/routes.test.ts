/* The vault over HTTP, with the real app, real PostgreSQL and the real disk store: signed URLs
   and their forgeries (FILE-2), encryption at rest and tampered storage (ENC-3), namespaces
   (FILE-1, TEN-3), the upload limit (FILE-4), per-collection roles (RBAC-3), DLP and evidence
   (DLP-1, DLP-4), audit records. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { addMember, call, createOrg, createUser, setPlan, signIn, type Session } from '../../test/security/harness.js';
import { withSystem } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';

let app: TestApp;
let dir: string;
const clock = fixedClock('2026-06-01T10:00:00Z');
let admin: Session;
let orgId: string;
let other: Session;
let otherOrg: string;
let col: string;

const pathOf = (url: string) => { const u = new URL(url); return u.pathname + u.search; };

async function declare(s: Session, collectionId: string, body: Record<string, unknown>) {
  return call(app, { session: s }, 'POST', `/v1/org/vault/collections/${collectionId}/files`, body);
}

async function put(url: string, bytes: Buffer, contentType: string) {
  return app.http.inject({ method: 'PUT', url: pathOf(url), headers: { 'content-type': contentType }, payload: bytes });
}

async function uploadFile(s: Session, collectionId: string, bytes: Buffer, opts: { contentType?: string; name?: string; evidence?: boolean } = {}) {
  const ct = opts.contentType ?? 'application/octet-stream';
  // The default name's extension is the type's (V5.2.2: file-type.ts).
  const d = await declare(s, collectionId, { name: opts.name ?? (ct === 'text/plain' ? 'notes.txt' : 'photo.bin'), contentType: ct, size: bytes.length, ...(opts.evidence ? { evidence: true } : {}) });
  expect(d.status, d.text).toBe(201);
  const file = d.body.file as { id: string };
  const upload = d.body.upload as { url: string };
  return { fileId: file.id, uploadUrl: upload.url, res: await put(upload.url, bytes, ct) };
}

async function downloadUrl(s: Session, collectionId: string, fileId: string): Promise<string> {
  const r = await call(app, { session: s }, 'POST', `/v1/org/vault/collections/${collectionId}/files/${fileId}/download-url`);
  expect(r.status, r.text).toBe(200);
  return String(r.body.url);
}

async function objectPath(org: string, fileId: string): Promise<string> {
  return join(dir, 'org', org, 'files', fileId);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-vault-'));
  app = await buildTestApp({ clock, env: { PALISADE_STORAGE_DIR: dir, PALISADE_PUBLIC_URL: 'https://files.example.test' } });
  const u = await createUser(app);
  admin = await signIn(app, u);
  orgId = await createOrg(app, admin, 'Vault Org');
  await setPlan(app, orgId, 'enterprise');
  const o = await createUser(app);
  other = await signIn(app, o);
  otherOrg = await createOrg(app, other, 'Other Org');
  const c = await call(app, { session: admin }, 'POST', '/v1/org/vault/collections', { name: 'Case 1' });
  expect(c.status, c.text).toBe(201);
  col = String(c.body.id);
});

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('vault routes', () => {
  it('FILE-2 / ENC-3 / FILE-1: upload and download through signed URLs; storage holds only ciphertext under org/<org>/files/<file>', async () => {
    const plain = Buffer.concat([Buffer.from('PLAINTEXT-MARKER '), randomBytes(200_000)]);
    const { fileId, uploadUrl, res } = await uploadFile(admin, col, plain, { name: 'big photo.bin' });
    expect(res.statusCode, res.body).toBe(200);
    expect(new URL(uploadUrl).origin).toBe('https://files.example.test');
    expect(JSON.parse(res.body)).toMatchObject({ id: fileId, status: 'stored', size: plain.length });
    const stored = await readFile(await objectPath(orgId, fileId));
    expect(stored.subarray(0, 3).toString('latin1')).toBe('PV\u0001');
    expect(stored.includes(Buffer.from('PLAINTEXT-MARKER'))).toBe(false);
    expect(stored.includes(plain.subarray(1000, 1032))).toBe(false);
    expect(await readdir(join(dir, 'org'))).not.toContain(otherOrg);
    const dl = await app.http.inject({ method: 'GET', url: pathOf(await downloadUrl(admin, col, fileId)) });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(plain)).toBe(true);
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.headers['content-type']).toBe('application/octet-stream');
    // The database holds metadata and a wrapped key, never the bytes.
    const [row] = await withSystem(app.testDb.db, (tx) => tx.sql<{ wrapped_key: Buffer }[]>`select wrapped_key from vault_files where id = ${fileId}`);
    expect(row?.wrapped_key.subarray(0, 2).toString('latin1')).toBe('PL');
  });

  it('FILE-2: a signed URL is refused after expiry, for another file, another method, another org, with a flipped signature byte, or a forged far expiry', async () => {
    const a = await uploadFile(admin, col, Buffer.from('file a'));
    const b = await uploadFile(admin, col, Buffer.from('file b'));
    expect(a.res.statusCode).toBe(200);
    const getA = new URL(await downloadUrl(admin, col, a.fileId));
    const q = getA.searchParams;
    const attempt = async (method: 'GET' | 'PUT', path: string, params: URLSearchParams) =>
      app.http.inject({ method, url: `${path}?${params.toString()}`, headers: { 'content-type': 'application/octet-stream' }, ...(method === 'PUT' ? { payload: 'x' } : {}) });
    const withParam = (k: string, v: string) => { const p = new URLSearchParams(q); p.set(k, v); return p; };
    const sig = q.get('signature') as string;
    const flipped = sig.slice(0, 5) + (sig[5] === 'a' ? 'b' : 'a') + sig.slice(6);
    const refusals = [
      await attempt('GET', `/v1/vault/objects/${b.fileId}`, q), // another file
      await attempt('PUT', `/v1/vault/objects/${a.fileId}`, q), // another method
      await attempt('GET', getA.pathname, withParam('org', otherOrg)), // another org
      await attempt('GET', getA.pathname, withParam('signature', flipped)),
      await attempt('GET', getA.pathname, withParam('expires', String(Number(q.get('expires')) + 1))),
      await attempt('GET', getA.pathname, withParam('expires', String(Math.floor(clock.now().getTime() / 1000) + 86400))),
    ];
    for (const r of refusals) {
      expect(r.statusCode, r.body).toBe(403);
      expect(JSON.parse(r.body).code).toBe('signed_url_invalid');
      expect(r.body).not.toContain('file a');
    }
    // The upload URL of b cannot be used to read b either, nor reused to overwrite it.
    const reuse = await put(b.uploadUrl, Buffer.from('file c'), 'application/octet-stream');
    expect(reuse.statusCode).toBe(409);
    expect(JSON.parse(reuse.body).code).toBe('file_already_uploaded');
    expect((await app.http.inject({ method: 'GET', url: pathOf(b.uploadUrl) })).statusCode).toBe(403);
    // Still valid at 299 s, expired at 301 s.
    clock.advance(299_000);
    expect((await attempt('GET', getA.pathname, q)).statusCode).toBe(200);
    clock.advance(2_000);
    const late = await attempt('GET', getA.pathname, q);
    expect(late.statusCode).toBe(403);
    expect(JSON.parse(late.body).code).toBe('signed_url_expired');
    expect(Number(q.get('expires')) - (Math.floor(clock.now().getTime() / 1000) - 301)).toBeLessThanOrEqual(300);
  });

  it('FILE-2: size and content-type limits declared at issue are enforced while streaming; nothing is stored from a refused upload', async () => {
    const d = await declare(admin, col, { name: 'small.bin', contentType: 'application/octet-stream', size: 100 });
    const url = String((d.body.upload as { url: string }).url);
    const fileId = String((d.body.file as { id: string }).id);
    const big = await put(url, randomBytes(70_000), 'application/octet-stream');
    expect(big.statusCode).toBe(413);
    expect(JSON.parse(big.body).code).toBe('upload_too_large');
    const short = await put(url, randomBytes(99), 'application/octet-stream');
    expect(JSON.parse(short.body).code).toBe('upload_incomplete');
    const wrongType = await put(url, randomBytes(100), 'text/html');
    expect(wrongType.statusCode).toBe(415);
    expect(JSON.parse(wrongType.body).code).toBe('upload_type_mismatch');
    await expect(readFile(await objectPath(orgId, fileId))).rejects.toThrow();
    const f = await call(app, { session: admin }, 'GET', `/v1/org/vault/collections/${col}/files/${fileId}`);
    expect(f.body.status).toBe('pending');
    // The URL still works for exactly the declared bytes.
    expect((await put(url, randomBytes(100), 'application/octet-stream')).statusCode).toBe(200);
    // A declared size above the configured maximum is refused at issue.
    const huge = await declare(admin, col, { name: 'huge.bin', contentType: 'application/octet-stream', size: 6 * 1024 ** 3 });
    expect(huge.status).toBe(413);
  });

  it('ENC-3: a tampered, chunk-swapped or truncated object in storage is never served as plaintext', async () => {
    const plain = randomBytes(3 * 65536 + 100);
    const tamper = async (edit: (b: Buffer) => Buffer) => {
      const { fileId } = await uploadFile(admin, col, plain);
      const p = await objectPath(orgId, fileId);
      await writeFile(p, edit(await readFile(p)));
      const url = await downloadUrl(admin, col, fileId);
      return app.http.inject({ method: 'GET', url: pathOf(url) }).then((r) => ({ status: r.statusCode, body: r.rawPayload, code: r.statusCode >= 400 ? JSON.parse(r.body).code : null }), (e: unknown) => ({ status: -1, body: Buffer.alloc(0), code: String(e) }));
    };
    const S = 65536 + 16;
    const flipped = await tamper((b) => { b[10] = (b[10] as number) ^ 1; return b; });
    expect(flipped.status).toBe(500);
    expect(flipped.code).toBe('decryption_failed');
    const swapped = await tamper((b) => Buffer.concat([b.subarray(0, 4), b.subarray(4 + S, 4 + 2 * S), b.subarray(4, 4 + S), b.subarray(4 + 2 * S)]));
    expect(swapped.code).toBe('decryption_failed');
    expect(swapped.body.includes(plain.subarray(0, 64))).toBe(false);
    // Cut after two whole chunks: the first two are authentic and may flow; the response never completes.
    const truncated = await tamper((b) => b.subarray(0, 4 + 2 * S));
    expect(truncated.body.equals(plain)).toBe(false);
    expect(truncated.body.length).toBeLessThan(plain.length);
    const lastChunkFlip = await tamper((b) => { b[b.length - 20] = (b[b.length - 20] as number) ^ 1; return b; });
    expect(lastChunkFlip.body.includes(plain.subarray(3 * 65536))).toBe(false);
    const [audited] = await withSystem(app.testDb.db, (tx) => tx.sql<{ n: number }[]>`select count(*)::int as n from audit_events where org_id = ${orgId} and action = 'vault.file.decryption_failed'`);
    expect(audited?.n).toBeGreaterThanOrEqual(2);
  });

  it('TEN-4 / TEN-3: another organisation\'s collection or file answers 404 exactly like a missing one; its URLs cannot be minted', async () => {
    const { fileId } = await uploadFile(admin, col, Buffer.from('victim bytes'));
    const missingCol = 'col_' + 'a'.repeat(26);
    const missingFile = 'fil_' + 'a'.repeat(26);
    const shape = (r: { status: number; body: Record<string, unknown> }) => JSON.stringify([r.status, r.body.code, r.body.title, r.body.detail]);
    for (const [victim, missing] of [
      [`/v1/org/vault/collections/${col}/files`, `/v1/org/vault/collections/${missingCol}/files`],
      [`/v1/org/vault/collections/${col}/files/${fileId}`, `/v1/org/vault/collections/${missingCol}/files/${missingFile}`],
    ] as const) {
      const a = await call(app, { session: other }, 'GET', victim);
      const m = await call(app, { session: other }, 'GET', missing);
      expect(a.status).toBe(404);
      expect(shape(a)).toBe(shape(m));
    }
    const url = await call(app, { session: other }, 'POST', `/v1/org/vault/collections/${col}/files/${fileId}/download-url`);
    expect(url.status).toBe(404);
    const up = await declare(other, col, { name: 'x', contentType: 'text/plain', size: 1 });
    expect(up.status).toBe(404);
  });

  it('FILE-4: the 61st upload URL within an hour is refused with 429 and Retry-After; the window slides', async () => {
    const u = await createUser(app);
    await addMember(app, orgId, u.userId, ['operator']);
    const s = await signIn(app, u, orgId);
    const c = await call(app, { session: s }, 'POST', '/v1/org/vault/collections', { name: 'Photos' });
    const started = clock.now().getTime();
    for (let i = 0; i < 60; i++) {
      const r = await declare(s, String(c.body.id), { name: `p${i}.jpg`, contentType: 'image/jpeg', size: 10 });
      expect(r.status, r.text).toBe(201);
      clock.advance(1000);
    }
    const refused = await declare(s, String(c.body.id), { name: 'p60.jpg', contentType: 'image/jpeg', size: 10 });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    const retry = Number(refused.headers['retry-after']);
    expect(retry).toBe(Math.ceil((started + 3600_000 - clock.now().getTime()) / 1000));
    // Another member is not affected.
    expect((await declare(admin, col, { name: 'a.jpg', contentType: 'image/jpeg', size: 1 })).status).toBe(201);
    clock.advance(retry * 1000);
    expect((await declare(s, String(c.body.id), { name: 'again.jpg', contentType: 'image/jpeg', size: 10 })).status).toBe(201);
  });

  it('RBAC-3: a reader of one collection reads it and nothing else; only an editor uploads; roles come from the collection\'s own members', async () => {
    const role = await call(app, { session: admin }, 'POST', '/v1/org/roles', { name: 'Outsider', permissions: ['org:read'] });
    expect(role.status, role.text).toBe(201);
    const u = await createUser(app);
    await addMember(app, orgId, u.userId, [String(role.body.id)]);
    const s = await signIn(app, u, orgId);
    const colB = String((await call(app, { session: admin }, 'POST', '/v1/org/vault/collections', { name: 'Case B' })).body.id);
    const inB = await uploadFile(admin, colB, Buffer.from('b only'));
    const { fileId } = await uploadFile(admin, col, Buffer.from('a file'));
    expect((await call(app, { session: s }, 'GET', `/v1/org/vault/collections/${col}/files`)).status).toBe(403);
    const grant = await call(app, { session: admin }, 'PUT', `/v1/org/vault/collections/${col}/members/${u.userId}`, { role: 'reader' });
    expect(grant.status, grant.text).toBe(204);
    expect((await call(app, { session: s }, 'GET', `/v1/org/vault/collections/${col}/files`)).status).toBe(200);
    expect((await call(app, { session: s }, 'POST', `/v1/org/vault/collections/${col}/files/${fileId}/download-url`)).status).toBe(200);
    expect((await call(app, { session: s }, 'GET', `/v1/org/vault/collections/${colB}/files`)).status).toBe(403);
    expect((await call(app, { session: s }, 'POST', `/v1/org/vault/collections/${colB}/files/${inB.fileId}/download-url`)).status).toBe(403);
    // A reader's path to B's file through A's collection id is "not found".
    expect((await call(app, { session: s }, 'POST', `/v1/org/vault/collections/${col}/files/${inB.fileId}/download-url`)).status).toBe(404);
    expect((await declare(s, col, { name: 'x.txt', contentType: 'text/plain', size: 1 })).status).toBe(403);
    await call(app, { session: admin }, 'PUT', `/v1/org/vault/collections/${col}/members/${u.userId}`, { role: 'editor' });
    expect((await declare(s, col, { name: 'x.txt', contentType: 'text/plain', size: 1 })).status).toBe(201);
    expect((await call(app, { session: s }, 'PUT', `/v1/org/vault/collections/${col}/members/${u.userId}`, { role: 'owner' })).status).toBe(403);
    const members = await call(app, { session: admin }, 'GET', `/v1/org/vault/collections/${col}/members`);
    expect(members.body.items).toEqual([expect.objectContaining({ userId: u.userId, role: 'editor' })]);
  });

  it('DLP-1 / DLP-4: text uploads are scanned while streaming — card numbers refused always, bank details only outside evidence; evidence is flagged and deleted on demand with its object and key', async () => {
    const card = Buffer.from(`${'lorem ipsum '.repeat(8000)}card 4111 1111 1111 1111 exp 12/29\n`);
    const c1 = await uploadFile(admin, col, card, { contentType: 'text/plain' });
    expect(c1.res.statusCode).toBe(422);
    expect(JSON.parse(c1.res.body).code).toBe('sensitive_data_refused');
    expect(c1.res.body).not.toContain('4111');
    const iban = Buffer.from('Refund to DE89 3704 0044 0532 0130 00 please\n');
    expect((await uploadFile(admin, col, iban, { contentType: 'text/plain' })).res.statusCode).toBe(422);
    const ev = await uploadFile(admin, col, iban, { contentType: 'text/plain', evidence: true, name: 'passport and bank letter.txt' });
    expect(ev.res.statusCode, ev.res.body).toBe(200);
    expect(JSON.parse(ev.res.body).evidence).toBe(true);
    expect((await uploadFile(admin, col, card, { contentType: 'text/plain', evidence: true })).res.statusCode).toBe(422);
    // Binary types are not text-scanned (a JPEG's bytes are not prose).
    expect((await uploadFile(admin, col, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), card]), { contentType: 'image/jpeg', name: 'card.jpg' })).res.statusCode).toBe(200);
    // Delete on demand: object, key and metadata; audited.
    const del = await call(app, { session: admin }, 'DELETE', `/v1/org/vault/collections/${col}/files/${ev.fileId}`);
    expect(del.status).toBe(204);
    await expect(readFile(await objectPath(orgId, ev.fileId))).rejects.toThrow();
    const rows = await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from vault_files where id = ${ev.fileId}`);
    expect(rows.length).toBe(0);
    const [a] = await withSystem(app.testDb.db, (tx) => tx.sql<{ metadata: { reason: string; evidence: boolean } }[]>`select metadata from audit_events where target_id = ${ev.fileId} and action = 'vault.file.deleted'`);
    expect(a?.metadata).toMatchObject({ reason: 'on_demand', evidence: true });
  });

  it('FILE-3: a file under legal hold cannot be deleted on demand; only an admin places the hold', async () => {
    const { fileId } = await uploadFile(admin, col, Buffer.from('held'));
    const hold = await call(app, { session: admin }, 'PUT', `/v1/org/vault/collections/${col}/files/${fileId}/legal-hold`, { hold: true });
    expect(hold.status, hold.text).toBe(200);
    expect(hold.body.legalHold).toBe(true);
    const del = await call(app, { session: admin }, 'DELETE', `/v1/org/vault/collections/${col}/files/${fileId}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('file_on_legal_hold');
    await call(app, { session: admin }, 'PUT', `/v1/org/vault/collections/${col}/files/${fileId}/legal-hold`, { hold: false });
    expect((await call(app, { session: admin }, 'DELETE', `/v1/org/vault/collections/${col}/files/${fileId}`)).status).toBe(204);
  });

  it('FILE-1: path traversal in a name is refused, and no name ever reaches a storage path', async () => {
    for (const name of ['../../etc/passwd', '..', 'a/b', 'a\\b', 'x\u0000y', ' lead']) {
      const r = await declare(admin, col, { name, contentType: 'text/plain', size: 1 });
      expect(r.status, name).toBe(400);
    }
    const { fileId } = await uploadFile(admin, col, Buffer.from('%PDF-1.7 x'), { name: 'report..final.pdf', contentType: 'application/pdf' });
    expect(await readdir(join(dir, 'org', orgId, 'files'))).toContain(fileId);
    const all = await readdir(dir, { recursive: true });
    expect(all.some((p) => String(p).includes('report'))).toBe(false);
  });

  it('V5.4.1 / V5.4.2: a hostile file name is served only inside an RFC 6266 Content-Disposition: attachment, an ASCII fallback without quotes, backslashes or separators, and filename* decoding to exactly the name; bidi controls are refused', async () => {
    // Each name is uploaded as the type its extension names (V5.2.2: .html and .exe are not accepted types).
    const as: Record<string, [string, Buffer]> = { pdf: ['application/pdf', Buffer.from('%PDF-1.7 x')], png: ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] };
    for (const name of ['résumé "final"; filename=evil.exe.pdf', '100% done;.txt', '%2e%2e%2fpasswd', "it's a \"test\".html.txt", '名前 ✓.png', 'a,b=c; filename*=UTF-8\'\'x.exe.txt']) {
      const [contentType, bytes] = as[name.slice(name.lastIndexOf('.') + 1)] ?? ['text/plain', Buffer.from('x')];
      const { fileId, res } = await uploadFile(admin, col, bytes, { name, contentType });
      expect(res.statusCode, name).toBe(200);
      const got = await app.http.inject({ method: 'GET', url: pathOf(await downloadUrl(admin, col, fileId)) });
      expect(got.statusCode, name).toBe(200);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      const cd = String(got.headers['content-disposition']);
      expect(cd).not.toMatch(/[\r\n]/);
      const m = /^attachment; filename="([^"]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$/.exec(cd);
      expect(m, cd).not.toBeNull();
      expect(m?.[1], cd).toMatch(/^[\x20-\x7e]*$/);
      expect(m?.[1], cd).not.toMatch(/["\\;%]/);
      expect(decodeURIComponent(m?.[2] ?? ''), cd).toBe(name);
    }
    for (const name of ['invoice\u202Efdp.exe', 'x\u2066y', 'a\u200Fb']) {
      const r = await declare(admin, col, { name, contentType: 'text/plain', size: 1 });
      expect(r.status, JSON.stringify(name)).toBe(400);
    }
  });

  it('FILE-2: every URL issue, upload, download and deletion is an audit record in the organisation\'s log', async () => {
    const { fileId } = await uploadFile(admin, col, Buffer.from('audited'));
    await app.http.inject({ method: 'GET', url: pathOf(await downloadUrl(admin, col, fileId)) });
    await call(app, { session: admin }, 'DELETE', `/v1/org/vault/collections/${col}/files/${fileId}`);
    const rows = await withSystem(app.testDb.db, (tx) => tx.sql<{ action: string; actor_id: string | null; org_id: string }[]>`
      select action, actor_id, org_id from audit_events where target_id = ${fileId} order by seq`);
    expect(rows.map((r) => r.action)).toEqual(['vault.file.upload_url_issued', 'vault.file.uploaded', 'vault.file.download_url_issued', 'vault.file.downloaded', 'vault.file.deleted']);
    expect(rows.every((r) => r.org_id === orgId && r.actor_id === admin.userId)).toBe(true);
  });
});
