/* The service's signing and checking of signed URLs (service.ts `sign`, `verify`, `signedOrg`),
   driven on a test database with no HTTP app (issue 21: the route tests reach these lines at
   about a minute per change under mutation testing; this file in seconds). The expiry second
   is pinned: a URL is good up to the last millisecond before its `expires` second and expired
   from that second on; a genuine URL whose expiry lies more than the 5-minute maximum ahead (the
   clock moved back) is refused like a forged one. Claim FILE-2. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { appendAudit } from '../audit/index.js';
import { createKeyring, localKekProvider, staticKekSet } from '../crypto/index.js';
import { withOrg, type Actor } from '../db/index.js';
import type { Caller } from '../lib/caller.js';
import { fixedClock } from '../lib/clock.js';
import { newId, type OrgId } from '../lib/ids.js';
import { FileAlreadyUploaded, SignedUrlExpired, SignedUrlInvalid } from './errors.js';
import { createVault, type SignedQuery, type Vault } from './service.js';
import { MAX_URL_TTL_SECONDS } from './signed-url.js';
import { diskStorage } from './storage-disk.js';
import { objectKey } from './storage.js';

const PUBLIC_URL = 'https://files.palisade.test';
// Half a second past a whole second: the expiry is counted from the whole second.
const clock = fixedClock('2034-06-06T10:00:00.500Z');
const source = { ip: '192.0.2.21', userAgent: 'vitest', requestId: 'req_vault_url' };
const actor: Actor = { type: 'user', id: 'usr_vaulturl' };
let t: TestDb;
let dir: string;
let vault: Vault;
let storage: ReturnType<typeof diskStorage>;
let org: OrgId;
let other: OrgId;
let collectionId: string;

const callerIn = (orgId: OrgId): Caller => ({ orgId, actor, source, principal: { kind: 'user', userId: 'usr_vaulturl', orgId } } as unknown as Caller);

beforeAll(async () => {
  t = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'palisade-vault-url-'));
  storage = diskStorage(dir);
  const keyring = createKeyring({ record: appendAudit, db: t.db, clock, keks: staticKekSet(localKekProvider(randomBytes(32))) });
  vault = createVault({
    db: t.db, keyring, storage, clock, authz: {} as never,
    config: { urlTtlSeconds: 300, uploadsPerHour: 1000, maxFileBytes: 1 << 20, retentionDays: 90, publicUrl: PUBLIC_URL },
  });
  org = newId('org') as OrgId;
  other = newId('org') as OrgId;
  for (const id of [org, other]) await withOrg(t.db, id, actor, (tx) => tx.sql`insert into orgs (id, name) values (${id}, 'Vault URL org')`);
  collectionId = (await vault.createCollection(callerIn(org), 'signed urls')).id;
});
afterAll(async () => {
  await t?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const query = (url: string): SignedQuery => {
  const q = new URL(url).searchParams;
  return { org: q.get('org') ?? '', expires: Number(q.get('expires')), signature: q.get('signature') ?? '' };
};
const body = () => Readable.from([Buffer.from('hello')]);

async function declared(): Promise<{ fileId: string; url: string; expiresAt: string; method: string }> {
  const { file, upload } = await vault.createUpload(callerIn(org), collectionId, { name: 'note.txt', contentType: 'text/plain', size: 5 });
  return { fileId: file.id, ...upload };
}
const put = (fileId: string, q: SignedQuery) => vault.upload(fileId, q, 'text/plain', body(), source);

/** The error a refused call threw, with the reason it logs. */
async function refusal(p: Promise<unknown>): Promise<{ error: unknown; reason: unknown }> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error, 'the call was refused').not.toBeNull();
  return { error, reason: (error as { detail?: { reason?: unknown } }).detail?.reason };
}

describe('signed URLs, as the service signs and checks them', () => {
  it('FILE-2: an upload URL is the public base, the file\'s path, the org, and an expiry of the issue\'s whole second plus the TTL, signed for PUT; a download URL likewise for GET', async () => {
    const issued = clock.now();
    const d = await declared();
    const expires = Math.floor(issued.getTime() / 1000) + MAX_URL_TTL_SECONDS;
    const url = new URL(d.url);
    expect(url.origin).toBe(PUBLIC_URL);
    expect(url.pathname).toBe(`/v1/vault/objects/${d.fileId}`);
    expect(query(d.url)).toMatchObject({ org, expires });
    expect(query(d.url).signature).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(d.method).toBe('PUT');
    expect(d.expiresAt).toBe(new Date(expires * 1000).toISOString());
    // Checked at the very instant of issue (expires = now + 300 exactly): good.
    await put(d.fileId, query(d.url));
    const g = await vault.downloadUrl(callerIn(org), collectionId, d.fileId);
    expect(g.method).toBe('GET');
    expect(new URL(g.url).pathname).toBe(`/v1/vault/objects/${d.fileId}`);
    const download = await vault.download(d.fileId, query(g.url), source);
    download.stream.resume();
    expect(download.size).toBe(5);
  });

  it('FILE-2: a URL is good up to the last millisecond before its expiry second and expired from that second on (signed_url_expired, not invalid)', async () => {
    const start = clock.now();
    const early = await declared();
    const onTime = await declared();
    const late = await declared();
    const expiresMs = query(early.url).expires * 1000;
    clock.set(new Date(expiresMs - 1));
    await put(onTime.fileId, query(onTime.url));
    clock.set(new Date(expiresMs));
    expect((await refusal(put(late.fileId, query(late.url)))).error).toBeInstanceOf(SignedUrlExpired);
    clock.set(new Date(expiresMs + 999));
    expect((await refusal(put(early.fileId, query(early.url)))).error).toBeInstanceOf(SignedUrlExpired);
    clock.set(start);
  });

  it('FILE-2: an expiry more than five minutes ahead is refused before any look-up, whatever the signature: a forged one, and a genuine one once the clock has moved back a second', async () => {
    const d = await declared();
    const q = query(d.url);
    const forged = await refusal(put(d.fileId, { ...q, expires: q.expires + 86_400 }));
    expect(forged.error).toBeInstanceOf(SignedUrlInvalid);
    expect(forged.reason).toBe('expiry_too_far');
    const start = clock.now();
    clock.set(new Date(start.getTime() - 1000));
    const back = await refusal(put(d.fileId, q));
    expect(back.error).toBeInstanceOf(SignedUrlInvalid);
    expect(back.reason).toBe('expiry_too_far');
    clock.set(start);
    await put(d.fileId, q);
  });

  it('FILE-2: a flipped signature byte, another method\'s URL, a missing file and another organisation are each the same signed_url_invalid, logged with why', async () => {
    const d = await declared();
    const q = query(d.url);
    const flipped = `${q.signature.slice(0, -1)}${q.signature.endsWith('A') ? 'B' : 'A'}`;
    const cases: Array<[Promise<unknown>, string]> = [
      [put(d.fileId, { ...q, signature: flipped }), 'signature'],
      [put(d.fileId, { ...q, signature: `${q.signature}A` }), 'signature'],
      [vault.download(d.fileId, q, source), 'signature'], // a PUT URL presented for GET
      [put(newId('fil'), q), 'no_such_file'],
      [put(d.fileId, { ...q, org: other }), 'no_such_file'], // the file is not in that org
    ];
    for (const [p, reason] of cases) {
      const r = await refusal(p);
      expect(r.error).toBeInstanceOf(SignedUrlInvalid);
      expect(r.reason).toBe(reason);
    }
    // Nothing was claimed: the genuine URL still works.
    await put(d.fileId, q);
  });

  it('FILE-2: an org parameter that is not exactly an org id is refused as such before any database access', async () => {
    const d = await declared();
    const q = query(d.url);
    for (const bad of [`x${org}`, `${org}x`, org.toUpperCase(), org.slice(0, -1), `${org.slice(0, -1)}1`, `usr_${org.slice(4)}`, '']) {
      const r = await refusal(put(d.fileId, { ...q, org: bad }));
      expect(r.error, bad).toBeInstanceOf(SignedUrlInvalid);
      expect(r.reason, bad).toBe('org');
    }
  });

  it('FILE-2: an upload URL presented while another upload holds the file waits for that claim and is refused (file_already_uploaded), writing nothing to storage', async () => {
    const d = await declared();
    const q = query(d.url);
    let second: Promise<unknown> = Promise.resolve();
    await asSuperuser(t.ownerUrl, (sql) => sql.begin(async (tx) => {
      // Another upload of the same URL has the row (as verify's FOR UPDATE takes it) and claims it.
      await tx`select id from vault_files where id = ${d.fileId} for update`;
      second = put(d.fileId, q).then(() => 'stored', (e: unknown) => e);
      // Wait (for a state, not a time) until this upload is blocked on the row lock.
      await asSuperuser(t.ownerUrl, async (watch) => {
        for (let i = 0; i < 600; i++) {
          const [w] = await watch<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
          if ((w?.n ?? 0) > 0) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error('the upload never waited for the row lock');
      });
      await tx`update vault_files set status = 'uploading' where id = ${d.fileId}`;
    }));
    expect(await second).toBeInstanceOf(FileAlreadyUploaded);
    await expect(storage.get(objectKey(org as string, d.fileId))).rejects.toThrow();
  });
});
