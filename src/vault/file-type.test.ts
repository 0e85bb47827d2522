/* File types in the vault (ASVS V5.2.2, V1.3.4): the checker on its own against hostile SVG and
   disguised files, then the real upload path over HTTP (real app, PostgreSQL, disk store): a name
   whose extension is not its type's is refused at declaration, bytes that are not the declared
   type end the upload with nothing stored, and a scriptable SVG never reaches storage. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { call, createOrg, createUser, setPlan, signIn, type Session } from '../../test/security/harness.js';
import { fixedClock } from '../lib/clock.js';
import { checkDeclaration, checkSvg, contentCheck } from './file-type.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n');
const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
const SAFE_SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><!-- a box --><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><title>Box &amp; line</title><rect width="10" height="10" fill="url(#g)" style="stroke: red"/><use xlink:href="#g"/><text x="1" y="5">a &lt; b</text></svg>';

/** Hostile SVGs: each must be refused. */
const HOSTILE_SVG: Array<[string, string]> = [
  ['script element', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
  ['SCRIPT in capitals', '<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>'],
  ['svg:script with a prefix', '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>alert(1)</svg:script></svg:svg>'],
  ['script under another prefix', '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/2000/svg"><x:script>alert(1)</x:script></svg>'],
  ['foreignObject with HTML', '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="javascript:alert(1)"/></body></foreignObject></svg>'],
  ['onload handler', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
  ['OnClick in mixed case', '<svg xmlns="http://www.w3.org/2000/svg"><rect OnClick="alert(1)"/></svg>'],
  ['javascript: link', '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>'],
  ['entity-encoded javascript: in use', '<svg xmlns="http://www.w3.org/2000/svg"><use href="&#x6A;ava&#x09;script:alert(1)"/></svg>'],
  ['external use', '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://evil.example/x.svg#a"/></svg>'],
  ['image element', '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/track.png"/></svg>'],
  ['data: URL in a fill', '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(data:image/svg+xml;base64,PHN2Zz4=)"/></svg>'],
  ['external url() in style', '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/a#b)"/></svg>'],
  ['style element', '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css)</style></svg>'],
  ['animation setting href', '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>'],
  ['DOCTYPE with entities', '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'],
  ['CDATA section', '<svg xmlns="http://www.w3.org/2000/svg"><![CDATA[<script>alert(1)</script>]]></svg>'],
  ['stylesheet processing instruction', '<?xml-stylesheet href="https://evil.example/a.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
  ['XHTML namespace', '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><rect/></svg>'],
  ['unquoted attribute', '<svg xmlns="http://www.w3.org/2000/svg"><rect onload=alert(1) /></svg>'],
  ['an HTML document', '<html><body><svg/></body></html>'],
];

describe('file types: the checker', () => {
  it('V1.3.4: a drawing-only SVG passes; every scriptable or external construct is refused, however it is spelled', () => {
    expect(checkSvg(SAFE_SVG)).toBeNull();
    for (const [what, svg] of HOSTILE_SVG) expect(checkSvg(svg), what).not.toBeNull();
  });

  it('V5.2.2: extensions must be the declared type\'s; only accepted types; magic bytes decide binary types, UTF-8 text decides text', () => {
    expect(() => checkDeclaration('scan.pdf', 'application/pdf')).not.toThrow();
    expect(() => checkDeclaration('Scan.PDF', 'application/pdf')).not.toThrow();
    expect(() => checkDeclaration('notes', 'text/plain; charset=utf-8')).not.toThrow();
    for (const [name, type] of [['invoice.pdf', 'text/plain'], ['photo.jpg', 'image/png'], ['page.html', 'text/html'], ['run.exe', 'application/octet-stream'], ['x.svg', 'application/octet-stream'], ['tool', 'application/x-msdownload']]) {
      expect(() => checkDeclaration(name as string, type as string), `${name} as ${type}`).toThrow(expect.objectContaining({ code: 'file_type_not_allowed' }));
    }
    const run = (type: string, bytes: Buffer, chunk = 3) => () => {
      const c = contentCheck(type);
      for (let i = 0; i < bytes.length; i += chunk) c.write(bytes.subarray(i, i + chunk));
      c.end();
    };
    expect(run('image/png', PNG)).not.toThrow();
    expect(run('image/jpeg', JPEG, 1)).not.toThrow();
    expect(run('application/pdf', PDF)).not.toThrow();
    expect(run('text/plain', Buffer.from('héllo ✓'), 1)).not.toThrow();
    expect(run('application/octet-stream', HTML)).not.toThrow();
    for (const [type, bytes] of [['image/png', JPEG], ['application/pdf', HTML], ['image/jpeg', PNG.subarray(0, 2)], ['image/png', Buffer.alloc(0)], ['text/plain', Buffer.from([0x68, 0xc3])], ['text/plain', Buffer.from('a\u0000b')], ['image/svg+xml', Buffer.from(HOSTILE_SVG[0]![1])]] as Array<[string, Buffer]>) {
      expect(run(type, bytes), `${type}: ${bytes.subarray(0, 12).toString('hex')}`).toThrow(expect.objectContaining({ code: 'upload_content_mismatch' }));
    }
  });
});

let app: TestApp;
let dir: string;
let admin: Session;
let orgId: string;
let col: string;
const pathOf = (url: string) => { const u = new URL(url); return u.pathname + u.search; };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-filetype-'));
  app = await buildTestApp({ clock: fixedClock('2026-06-01T10:00:00Z'), env: { PALISADE_STORAGE_DIR: dir } });
  admin = await signIn(app, await createUser(app));
  orgId = await createOrg(app, admin, 'File Types Org');
  await setPlan(app, orgId, 'enterprise');
  const c = await call(app, { session: admin }, 'POST', '/v1/org/vault/collections', { name: 'Evidence' });
  expect(c.status, c.text).toBe(201);
  col = String(c.body.id);
});

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

async function upload(name: string, contentType: string, bytes: Buffer) {
  const d = await call(app, { session: admin }, 'POST', `/v1/org/vault/collections/${col}/files`, { name, contentType, size: bytes.length });
  if (d.status !== 201) return { declared: d, put: null, fileId: null };
  const fileId = String((d.body.file as { id: string }).id);
  const put = await app.http.inject({ method: 'PUT', url: pathOf(String((d.body.upload as { url: string }).url)), headers: { 'content-type': contentType }, payload: bytes });
  return { declared: d, put, fileId };
}

async function stored(fileId: string): Promise<boolean> {
  const files = await readdir(join(dir, 'org', orgId, 'files')).catch(() => [] as string[]);
  return files.includes(fileId);
}

describe('file types: the upload path', () => {
  it('V5.2.2: a name whose extension is not its declared type\'s, or a type not accepted, is refused at declaration (415 file_type_not_allowed, problem+json)', async () => {
    for (const [name, type] of [['invoice.pdf', 'text/plain'], ['avatar.png', 'image/jpeg'], ['page.html', 'text/html'], ['setup.exe', 'application/octet-stream']]) {
      const r = (await upload(name as string, type as string, Buffer.from('x'))).declared;
      expect(r.status, `${name} as ${type}`).toBe(415);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.code).toBe('file_type_not_allowed');
    }
  });

  it('V5.2.2: bytes that are not the declared type end the upload (415 upload_content_mismatch) and nothing is stored; the real thing is stored', async () => {
    for (const [name, type, bytes] of [['scan.pdf', 'application/pdf', HTML], ['photo.jpg', 'image/jpeg', PNG], ['notes.txt', 'text/plain', Buffer.from([0xff, 0xfe, 0x00, 0x41])], ['photo.png', 'image/png', Buffer.concat([Buffer.from('GIF89a'), PNG])]] as Array<[string, string, Buffer]>) {
      const r = await upload(name, type, bytes);
      expect(r.put?.statusCode, name).toBe(415);
      expect(JSON.parse(r.put?.body ?? '{}').code, name).toBe('upload_content_mismatch');
      expect(await stored(r.fileId ?? ''), name).toBe(false);
      const meta = await call(app, { session: admin }, 'GET', `/v1/org/vault/collections/${col}/files/${r.fileId ?? ''}`);
      expect(meta.body.status, name).toBe('pending');
    }
    for (const [name, type, bytes] of [['scan.pdf', 'application/pdf', PDF], ['photo.jpg', 'image/jpeg', JPEG], ['photo.png', 'image/png', PNG], ['blob.bin', 'application/octet-stream', HTML]] as Array<[string, string, Buffer]>) {
      const r = await upload(name, type, bytes);
      expect(r.put?.statusCode, `${name}: ${r.put?.body}`).toBe(200);
      expect(await stored(r.fileId ?? ''), name).toBe(true);
    }
  });

  it('V1.3.4: an SVG with script, an event handler, foreignObject or an external reference is refused (nothing stored); a drawing-only SVG is kept', async () => {
    for (const [what, svg] of HOSTILE_SVG) {
      const r = await upload('drawing.svg', 'image/svg+xml', Buffer.from(svg));
      expect(r.put?.statusCode, what).toBe(415);
      expect(JSON.parse(r.put?.body ?? '{}').code, what).toBe('upload_content_mismatch');
      expect(await stored(r.fileId ?? ''), what).toBe(false);
    }
    const ok = await upload('drawing.svg', 'image/svg+xml', Buffer.from(SAFE_SVG));
    expect(ok.put?.statusCode, ok.put?.body).toBe(200);
    expect(await stored(ok.fileId ?? '')).toBe(true);
  });
});
