/* The tenant file vault: collections, files, signed URLs, uploads and downloads that encrypt and
   decrypt on the way, retention, legal hold, evidence and delete-on-demand.
   Claims FILE-1..4, ENC-3, TEN-3, DLP-4 and the per-resource layer of RBAC-3.

   Invariants
   - The organisation is the caller's (session or API key) or, on a signed URL, the one the URL's
     signature binds; never chosen by a request body. Every read and write runs in withOrg (RLS).
   - A foreign or missing collection or file is the same not_found (TEN-4).
   - Object keys come from objectKey(org, file) only (TEN-3); names never reach storage.
   - A file's data key is random per upload, sealed by the organisation's key (keyring envelope bound
     to this row's wrapped_key), and is stored only when the whole ciphertext is; deleting the row
     destroys it. The plaintext never touches storage or the database (ENC-3).
   - Uploads are limited while streaming: bytes beyond the declared size stop the upload (413),
     a different Content-Type is refused before a byte is read (415); text is scanned for card
     data (bank data too unless the file is tenant evidence) while streaming (DLP).
   - A file's type is one the vault accepts and its name's extension is one of that type's; its
     bytes are checked against the type while they stream (magic bytes, UTF-8 text, safe SVG), and
     the first that cannot be it ends the upload (file-type.ts; ASVS V5.2.2, V1.3.4).
   - A download's first chunk is authenticated before any header is sent, so a tampered object
     answers decryption_failed; a later bad chunk aborts the response before its bytes are sent.
   - Every URL issue, upload, download, refusal and deletion is an audit record in the same
     transaction as its change; downloads are reads, which the mass-read detector counts. */
import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { appendAudit, type RequestSource } from '../audit/index.js';
import type { AuthzService, ResourceRole } from '../authz/index.js';
import type { Caller } from '../lib/caller.js';
import { scanText, DecryptionFailed, SensitiveDataRefused, type Keyring } from '../crypto/index.js';
import { withOrg, withSystem, type Actor, type Db, type OrgTx } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { NotFound, RateLimited } from '../lib/errors.js';
import { newId, type OrgId } from '../lib/ids.js';
import {
  CollectionNotEmpty, FileAlreadyUploaded, FileNotUploaded, FileOnLegalHold, SignedUrlExpired, SignedUrlInvalid,
  UploadIncomplete, UploadTooLarge, UploadTypeMismatch,
} from './errors.js';
import { checkDeclaration, contentCheck } from './file-type.js';
import * as repo from './repo.js';
import { MAX_URL_TTL_SECONDS, sameSignature, urlMessage, urlPath, type UrlMethod } from './signed-url.js';
import { objectKey, type ObjectStorage } from './storage.js';
import { createDecryptStream, createEncryptStream } from './stream-format.js';

export interface VaultConfig {
  urlTtlSeconds: number;
  uploadsPerHour: number;
  maxFileBytes: number;
  retentionDays: number;
  /** Base URL signed URLs are built on (PALISADE_PUBLIC_URL). */
  publicUrl: string;
}

export interface VaultDeps {
  db: Db;
  keyring: Keyring;
  storage: ObjectStorage;
  clock: Clock;
  authz: Pick<AuthzService, 'setResourceRole' | 'removeResourceRole' | 'listResourceRoles' | 'dropResource'>;
  config: VaultConfig;
}

/** Who acts, as the auth hook established it (the org is the principal's, TEN-1). */
export type VaultCaller = Caller;

export interface CollectionView { id: string; name: string; files: number; createdBy: string | null; createdAt: string }
export interface FileView {
  id: string; collectionId: string; name: string; contentType: string; size: number; status: 'pending' | 'uploading' | 'stored';
  sha256: string | null; evidence: boolean; legalHold: boolean; createdBy: string | null; createdAt: string; storedAt: string | null;
}
export interface SignedUrlView { url: string; method: UrlMethod; expiresAt: string }
export interface UploadInput { name: string; contentType: string; size: number; evidence?: boolean | undefined }
export interface SignedQuery { org: string; expires: number; signature: string }
export interface Download { stream: Readable; contentType: string; size: number; name: string }

export interface Vault {
  createCollection(c: VaultCaller, name: string): Promise<CollectionView>;
  listCollections(c: VaultCaller): Promise<CollectionView[]>;
  getCollection(c: VaultCaller, id: string): Promise<CollectionView>;
  deleteCollection(c: VaultCaller, id: string): Promise<void>;
  listMembers(c: VaultCaller, id: string): Promise<Array<{ userId: string; role: string; grantedBy: string | null; createdAt: string }>>;
  setMember(c: VaultCaller, id: string, userId: string, role: ResourceRole): Promise<void>;
  removeMember(c: VaultCaller, id: string, userId: string): Promise<void>;
  listFiles(c: VaultCaller, collectionId: string): Promise<FileView[]>;
  getFile(c: VaultCaller, collectionId: string, fileId: string): Promise<FileView>;
  /** Creates a pending file and its upload URL (FILE-2), after the per-user hourly limit (FILE-4). */
  createUpload(c: VaultCaller, collectionId: string, input: UploadInput): Promise<{ file: FileView; upload: SignedUrlView }>;
  downloadUrl(c: VaultCaller, collectionId: string, fileId: string): Promise<SignedUrlView>;
  setLegalHold(c: VaultCaller, collectionId: string, fileId: string, hold: boolean): Promise<FileView>;
  /** Delete on demand: object, key and metadata (DLP-4 for evidence). Refused under legal hold. */
  deleteFile(c: VaultCaller, collectionId: string, fileId: string): Promise<void>;
  getSettings(c: VaultCaller): Promise<{ retentionDays: number; isDefault: boolean }>;
  setSettings(c: VaultCaller, retentionDays: number): Promise<{ retentionDays: number; isDefault: boolean }>;
  /** The signed upload: streams `body` through the limits and the encryption into storage. */
  upload(fileId: string, q: SignedQuery, contentType: string | undefined, body: Readable, source: RequestSource): Promise<FileView>;
  /** The signed download: authenticated plaintext, chunk by chunk. */
  download(fileId: string, q: SignedQuery, source: RequestSource): Promise<Download>;
  /** One retention sweep (the scheduled job calls it): deletes files past their organisation's
      retention and abandoned uploads, never files under legal hold. */
  runRetention(opts?: { batchSize?: number }): Promise<{ deleted: number }>;
}

const FILE_REF = (fileId: string) => ({ table: 'vault_files', column: 'wrapped_key', rowId: fileId });
const actorText = (a: Actor): string => `${a.type}:${a.id ?? ''}`;
const actorFrom = (text: string | null): Actor => {
  const [type, id] = (text ?? 'system:').split(/:(.*)/s) as [string, string | undefined];
  const known = ['user', 'api_key', 'system', 'super_admin', 'anonymous', 'agent'] as const;
  return { type: (known as readonly string[]).includes(type) ? (type as Actor['type']) : 'system', id: id ? id : null };
};
const TEXT_TYPE = /^(text\/|application\/(json|xml|csv|x-ndjson|ld\+json|yaml|x-yaml)\b)/;
const SYSTEM: Actor = { type: 'system', id: 'vault-retention' };

function fileView(r: repo.FileRow): FileView {
  return {
    id: r.id, collectionId: r.collection_id, name: r.name, contentType: r.content_type,
    size: Number(r.size ?? r.declared_size), status: r.status, sha256: r.sha256, evidence: r.evidence, legalHold: r.legal_hold,
    createdBy: r.created_by, createdAt: r.created_at.toISOString(), storedAt: r.stored_at?.toISOString() ?? null,
  };
}

function collectionView(r: repo.CollectionRow): CollectionView {
  return { id: r.id, name: r.name, files: r.files, createdBy: r.created_by, createdAt: r.created_at.toISOString() };
}

/** Streaming DLP for text uploads: scans decoded text with an overlap so a number split across
    two network chunks is still seen. Evidence may hold bank details (DLP-4), never card data. */
function dlpScanner(evidence: boolean): (chunk: Buffer, end: boolean) => void {
  const decoder = new StringDecoder('utf8');
  let tail = '';
  const OVERLAP = 128;
  return (chunk, end) => {
    const text = tail + decoder.write(chunk) + (end ? decoder.end() : '');
    const refused = scanText(text).filter((s) => !evidence || s.kind === 'pan' || s.kind === 'cvv');
    if (refused.length) throw new SensitiveDataRefused([...new Set(refused.map((s) => s.kind))].map((kind) => ({ path: 'file', kind })));
    tail = text.slice(-OVERLAP);
  };
}

export function createVault(deps: VaultDeps): Vault {
  const { db, keyring, storage, clock, authz, config } = deps;
  const ttl = Math.min(config.urlTtlSeconds, MAX_URL_TTL_SECONDS);
  keyring.registerEncryptedColumn({ table: 'vault_files', column: 'wrapped_key' });

  const tx = <T>(c: VaultCaller, fn: (t: OrgTx) => Promise<T>) => withOrg(db, c.orgId, c.actor, fn);
  const audit = (t: OrgTx, c: VaultCaller | null, e: { action: string; target: { type: string; id: string }; outcome?: 'allowed' | 'denied' | 'failed'; actor?: Actor; source?: RequestSource; reason?: string; metadata?: Record<string, unknown> }) =>
    appendAudit(t, {
      action: e.action,
      actor: e.actor ?? c?.actor ?? t.actor,
      outcome: e.outcome ?? 'allowed',
      target: e.target,
      ...(e.source ?? c?.source ? { source: (e.source ?? c?.source) as RequestSource } : {}),
      ...(e.reason ?? c?.reason ? { reason: (e.reason ?? c?.reason) as string } : {}),
      ...(e.metadata ? { metadata: e.metadata } : {}),
    });

  async function collectionOr404(t: OrgTx, id: string, lock = false): Promise<repo.CollectionRow> {
    const col = await repo.getCollection(t, id, lock);
    if (!col) throw new NotFound();
    return col;
  }
  async function fileOr404(t: OrgTx, collectionId: string, fileId: string, lock = false): Promise<repo.FileRow> {
    const f = await repo.getFile(t, fileId, { collectionId, lock });
    if (!f) throw new NotFound();
    return f;
  }

  async function sign(t: OrgTx, method: UrlMethod, fileId: string): Promise<SignedUrlView> {
    const expires = Math.floor(clock.now().getTime() / 1000) + ttl;
    const claims = { method, orgId: t.orgId, fileId, expires };
    const signature = await keyring.fingerprint(t, 'vault.url.v1', urlMessage(claims));
    return { url: new URL(urlPath(claims, signature), config.publicUrl).toString(), method, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** Checks a signed URL in the organisation it names; returns the file row (locked). The same
      signed_url_invalid for a missing file, another org, another method, a bad signature. */
  async function verify(t: OrgTx, method: UrlMethod, fileId: string, q: SignedQuery): Promise<repo.FileRow> {
    const now = Math.floor(clock.now().getTime() / 1000);
    if (q.expires > now + MAX_URL_TTL_SECONDS) throw new SignedUrlInvalid({ reason: 'expiry_too_far' });
    const row = await repo.getFile(t, fileId, { lock: true });
    if (!row) throw new SignedUrlInvalid({ reason: 'no_such_file' });
    const expected = await keyring.fingerprint(t, 'vault.url.v1', urlMessage({ method, orgId: t.orgId, fileId, expires: q.expires }));
    if (!sameSignature(expected, q.signature)) throw new SignedUrlInvalid({ reason: 'signature' });
    if (q.expires <= now) throw new SignedUrlExpired();
    return row;
  }

  /** The signed routes run in the org the URL names; an id that is not an org id is invalid. */
  function signedOrg(q: SignedQuery): OrgId {
    if (!/^org_[a-z2-7]{26}$/.test(q.org)) throw new SignedUrlInvalid({ reason: 'org' });
    return q.org as OrgId;
  }

  const vault: Vault = {
    async createCollection(c, name) {
      return tx(c, async (t) => {
        const id = newId('col');
        await repo.insertCollection(t, { id, name, by: actorText(c.actor), now: clock.now() });
        await audit(t, c, { action: 'vault.collection.created', target: { type: 'collection', id } });
        return collectionView((await repo.getCollection(t, id)) as repo.CollectionRow);
      });
    },
    async listCollections(c) {
      return tx(c, async (t) => {
        const rows = await repo.listCollections(t);
        await audit(t, c, { action: 'vault.collections.listed', target: { type: 'org', id: t.orgId }, metadata: { count: rows.length } });
        return rows.map(collectionView);
      });
    },
    async getCollection(c, id) {
      return tx(c, async (t) => {
        const col = await collectionOr404(t, id);
        await audit(t, c, { action: 'vault.collection.viewed', target: { type: 'collection', id } });
        return collectionView(col);
      });
    },
    async deleteCollection(c, id) {
      await tx(c, async (t) => {
        await collectionOr404(t, id, true);
        if ((await repo.countFiles(t, id)) > 0) throw new CollectionNotEmpty();
        await repo.deleteCollection(t, id);
        await authz.dropResource(t, 'collection', id);
        await audit(t, c, { action: 'vault.collection.deleted', target: { type: 'collection', id } });
      });
    },
    async listMembers(c, id) {
      return tx(c, async (t) => {
        await collectionOr404(t, id);
        await audit(t, c, { action: 'vault.members.listed', target: { type: 'collection', id } });
        return authz.listResourceRoles(t, 'collection', id);
      });
    },
    async setMember(c, id, userId, role) {
      await tx(c, async (t) => {
        await collectionOr404(t, id);
        await authz.setResourceRole(t, c.principal, { type: 'collection', id, userId, role }, { ...(c.source ? { source: c.source } : {}), reason: c.reason });
      });
    },
    async removeMember(c, id, userId) {
      await tx(c, async (t) => {
        await collectionOr404(t, id);
        await authz.removeResourceRole(t, c.principal, { type: 'collection', id, userId }, { ...(c.source ? { source: c.source } : {}), reason: c.reason });
      });
    },
    async listFiles(c, collectionId) {
      return tx(c, async (t) => {
        await collectionOr404(t, collectionId);
        const rows = await repo.listFiles(t, collectionId);
        await audit(t, c, { action: 'vault.files.listed', target: { type: 'collection', id: collectionId }, metadata: { count: rows.length } });
        return rows.map(fileView);
      });
    },
    async getFile(c, collectionId, fileId) {
      return tx(c, async (t) => {
        const f = await fileOr404(t, collectionId, fileId);
        await audit(t, c, { action: 'vault.file.viewed', target: { type: 'file', id: fileId }, metadata: { collectionId } });
        return fileView(f);
      });
    },

    async createUpload(c, collectionId, input) {
      if (input.size > config.maxFileBytes) throw new UploadTooLarge({ declared: input.size, max: config.maxFileBytes });
      checkDeclaration(input.name, input.contentType);
      return tx(c, async (t) => {
        await collectionOr404(t, collectionId);
        const now = clock.now();
        const slot = await repo.takeUploadSlot(t, actorText(c.actor), now, config.uploadsPerHour);
        if (!slot.ok) throw new RateLimited(slot.retryAfterSeconds, 'Upload limit reached; try again later');
        const id = newId('fil');
        await repo.insertFile(t, { id, collectionId, name: input.name, contentType: input.contentType, size: input.size, evidence: input.evidence ?? false, by: actorText(c.actor), now });
        const upload = await sign(t, 'PUT', id);
        await audit(t, c, {
          action: 'vault.file.upload_url_issued', target: { type: 'file', id },
          metadata: { collectionId, contentType: input.contentType, size: input.size, evidence: input.evidence ?? false, expiresAt: upload.expiresAt },
        });
        return { file: fileView((await repo.getFile(t, id)) as repo.FileRow), upload };
      });
    },

    async downloadUrl(c, collectionId, fileId) {
      return tx(c, async (t) => {
        const f = await fileOr404(t, collectionId, fileId);
        if (f.status !== 'stored') throw new FileNotUploaded();
        const url = await sign(t, 'GET', fileId);
        await audit(t, c, { action: 'vault.file.download_url_issued', target: { type: 'file', id: fileId }, metadata: { collectionId, expiresAt: url.expiresAt, evidence: f.evidence } });
        return url;
      });
    },

    async setLegalHold(c, collectionId, fileId, hold) {
      return tx(c, async (t) => {
        const f = await fileOr404(t, collectionId, fileId, true);
        await repo.setLegalHold(t, fileId, hold);
        await audit(t, c, { action: hold ? 'vault.file.legal_hold_set' : 'vault.file.legal_hold_released', target: { type: 'file', id: fileId }, metadata: { collectionId, previous: f.legal_hold } });
        return fileView({ ...f, legal_hold: hold });
      });
    },

    async deleteFile(c, collectionId, fileId) {
      await tx(c, async (t) => {
        const f = await fileOr404(t, collectionId, fileId, true);
        if (f.legal_hold) throw new FileOnLegalHold();
        if (f.status === 'uploading') throw new FileNotUploaded({ uploading: true });
        await repo.deleteFile(t, fileId);
        await audit(t, c, { action: 'vault.file.deleted', target: { type: 'file', id: fileId }, metadata: { collectionId, reason: 'on_demand', evidence: f.evidence, size: Number(f.size ?? 0) } });
      });
      // The key went with the row (committed): the object is unreadable now; remove its bytes too.
      await storage.delete(objectKey(c.orgId, fileId));
    },

    async getSettings(c) {
      return tx(c, async (t) => {
        const days = await repo.getRetentionDays(t);
        await audit(t, c, { action: 'vault.settings.viewed', target: { type: 'org', id: t.orgId } });
        return { retentionDays: days ?? config.retentionDays, isDefault: days === null };
      });
    },
    async setSettings(c, retentionDays) {
      return tx(c, async (t) => {
        const previous = await repo.getRetentionDays(t);
        await repo.setRetentionDays(t, retentionDays, clock.now());
        await audit(t, c, { action: 'vault.settings.updated', target: { type: 'org', id: t.orgId }, metadata: { retentionDays, previous } });
        return { retentionDays, isDefault: false };
      });
    },

    async upload(fileId, q, contentType, body, source) {
      const orgId = signedOrg(q);
      const anon: Actor = { type: 'anonymous', id: null };
      // 1. Verify and claim the file (one upload at a time), then commit: no transaction stays open
      //    while bytes arrive.
      const row = await withOrg(db, orgId, anon, async (t) => {
        const r = await verify(t, 'PUT', fileId, q);
        if (r.status !== 'pending') throw new FileAlreadyUploaded();
        const declaredType = r.content_type;
        if ((contentType ?? '').toLowerCase().replace(/\s+/g, '') !== declaredType.replace(/\s+/g, '')) {
          throw new UploadTypeMismatch({ declared: declaredType });
        }
        // Declared before this check existed, or the accepted types changed since (ASVS V5.2.2).
        checkDeclaration(r.name, r.content_type);
        await repo.markUploading(t, fileId, clock.now());
        return r;
      });
      const actor = actorFrom(row.created_by);
      const declared = Number(row.declared_size);
      const key = randomBytes(32);
      const hash = createHash('sha256');
      const scan = TEXT_TYPE.test(row.content_type) ? dlpScanner(row.evidence) : null;
      const content = contentCheck(row.content_type);
      let received = 0;
      const limiter = new Transform({
        transform(chunk: Buffer, _enc, cb: TransformCallback) {
          received += chunk.length;
          if (received > declared) return cb(new UploadTooLarge({ declared }));
          try {
            content.write(chunk);
            scan?.(chunk, false);
          } catch (e) {
            return cb(e as Error);
          }
          hash.update(chunk);
          cb(null, chunk);
        },
        flush(cb: TransformCallback) {
          if (received !== declared) return cb(new UploadIncomplete({ declared, received }));
          try {
            content.end();
            scan?.(Buffer.alloc(0), true);
          } catch (e) {
            return cb(e as Error);
          }
          cb();
        },
      });
      let streamError: Error | null = null;
      const encrypted = pipeline(body, limiter, createEncryptStream(key, { orgId, fileId }), (e) => {
        if (e) streamError ??= e;
      }) as Readable;
      const okey = objectKey(orgId, fileId);
      try {
        await storage.put(okey, encrypted);
        if (streamError) throw streamError;
        const sha256 = hash.digest('hex');
        return await withOrg(db, orgId, actor, async (t) => {
          const wrappedKey = await keyring.encryptField(t, FILE_REF(fileId), key);
          if (!(await repo.markStored(t, fileId, { wrappedKey, size: declared, sha256, now: clock.now() }))) throw new FileAlreadyUploaded();
          await audit(t, null, { action: 'vault.file.uploaded', actor, source, target: { type: 'file', id: fileId }, metadata: { collectionId: row.collection_id, size: declared, sha256, evidence: row.evidence, via: 'signed_url' } });
          return fileView((await repo.getFile(t, fileId)) as repo.FileRow);
        });
      } catch (e) {
        const err = streamError ?? e;
        await storage.delete(okey).catch(() => undefined);
        await withOrg(db, orgId, actor, async (t) => {
          await repo.markPending(t, fileId);
          const code = (err as { code?: unknown }).code;
          await audit(t, null, { action: 'vault.file.upload_refused', outcome: 'failed', actor, source, target: { type: 'file', id: fileId }, metadata: { collectionId: row.collection_id, code: typeof code === 'string' ? code : 'error', received } });
        }).catch(() => undefined);
        throw err;
      } finally {
        key.fill(0);
      }
    },

    async download(fileId, q, source) {
      const orgId = signedOrg(q);
      let row: repo.FileRow | null = null;
      const key = await withOrg(db, orgId, { type: 'anonymous', id: null }, async (t) => {
        const r = await verify(t, 'GET', fileId, q);
        if (r.status !== 'stored' || !r.wrapped_key) throw new FileNotUploaded();
        row = r;
        const k = await keyring.decryptField(t, FILE_REF(fileId), r.wrapped_key);
        await audit(t, null, { action: 'vault.file.downloaded', actor: actorFrom(r.created_by), source, target: { type: 'file', id: fileId }, metadata: { collectionId: r.collection_id, size: Number(r.size), evidence: r.evidence, via: 'signed_url' } });
        return k;
      });
      const r = row as unknown as repo.FileRow;
      const plain = createDecryptStream(key, { orgId, fileId });
      plain.once('close', () => key.fill(0)); // each chunk's decipher is made from it until then
      const source$ = await storage.get(objectKey(orgId, fileId));
      // Made only once the first chunk is authentic: until then a failure is an ordinary error.
      let out: PassThrough | null = null;
      pipeline(source$, plain, (e) => {
        if (e) out?.destroy(e);
      });
      // Hold the headers until the first chunk has been authenticated (or the stream failed).
      const first = await new Promise<Buffer | null>((resolve, reject) => {
        const onData = (c: Buffer) => { cleanup(); plain.pause(); resolve(c); };
        const onEnd = () => { cleanup(); resolve(null); };
        const onError = (e: Error) => { cleanup(); reject(e); };
        const cleanup = () => { plain.off('data', onData); plain.off('end', onEnd); plain.off('error', onError); };
        plain.on('data', onData).on('end', onEnd).on('error', onError);
      }).catch(async (e: unknown) => {
        source$.destroy();
        if (e instanceof DecryptionFailed) {
          await withOrg(db, orgId, { type: 'anonymous', id: null }, (t) => audit(t, null, { action: 'vault.file.decryption_failed', outcome: 'failed', actor: actorFrom(r.created_by), source, target: { type: 'file', id: fileId }, metadata: { reason: e.reason } })).catch(() => undefined);
        }
        throw e;
      });
      const body = new PassThrough();
      out = body;
      if (first) body.write(first);
      plain.on('error', (e) => body.destroy(e));
      plain.pipe(body);
      plain.resume();
      return { stream: body, contentType: r.content_type, size: Number(r.size), name: r.name };
    },

    async runRetention(opts = {}) {
      const batch = opts.batchSize ?? 200;
      let deleted = 0;
      // One file that cannot be deleted (its store refuses) must not hold the others back: it is
      // skipped for the rest of this run and the run then fails, so the queue retries it later.
      const failed = new Map<string, unknown>();
      for (;;) {
        const due = (await withSystem(db, (t) => repo.dueForDeletion(t, clock.now(), config.retentionDays, batch + failed.size))).filter((f) => !failed.has(f.id));
        if (due.length === 0) break;
        for (const f of due) {
          const orgId = f.org_id as OrgId;
          // Under the row's lock: the hold is checked again, the object goes first, then the row
          // (and with it the key) and the audit record commit together. A storage failure rolls
          // the row back, so the next run finds the file again: nothing is left half-deleted and
          // nothing is deleted (or audited) twice.
          const gone = await withOrg(db, orgId, SYSTEM, async (t) => {
            const row = await repo.getFile(t, f.id, { lock: true });
            if (!row || row.legal_hold) return false; // held or deleted meanwhile
            await storage.delete(objectKey(orgId, f.id));
            if (!(await repo.deleteFile(t, f.id))) return false;
            await audit(t, null, { action: 'vault.file.deleted', actor: SYSTEM, target: { type: 'file', id: f.id }, metadata: { collectionId: f.collection_id, reason: f.status === 'stored' ? 'retention' : 'abandoned_upload', evidence: f.evidence, retentionDays: f.retention_days } });
            return true;
          }).catch((e: unknown) => {
            failed.set(f.id, e);
            return false;
          });
          if (gone) deleted++;
        }
        if (due.length < batch) break;
      }
      await withSystem(db, (t) => repo.pruneUploadLog(t, clock.now()));
      if (failed.size > 0) {
        throw new Error(`vault retention: ${failed.size} file(s) could not be deleted (${[...failed.keys()].slice(0, 5).join(', ')}); ${deleted} deleted`, { cause: [...failed.values()][0] });
      }
      return { deleted };
    },
  };
  return vault;
}
