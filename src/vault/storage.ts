/* Object storage behind one small interface (local disk by default, S3-compatible in
   production). Claims FILE-1, TEN-3.

   Invariants
   - Object keys are made only by objectKey() from ids the server generated: `org/<orgId>/files/<fileId>`.
     No request chooses a key, and every adapter re-checks the key's shape (no `..`, no absolute
     paths, no separators smuggled in ids) before touching the backend: a bad key is a TypeError.
   - Storage holds ciphertext only (stream-format.ts); the database holds metadata and the wrapped
     per-file key. Deleting the key row makes the object unreadable even before the object goes.
   - put() is all-or-nothing: a failed or aborted body leaves no object under the key (disk writes a
     temporary file and renames it; S3 aborts the multipart upload). */
import type { Readable } from 'node:stream';
import { NotFound } from '../lib/errors.js';

export interface ObjectInfo {
  key: string;
  size: number;
}

export interface ObjectStorage {
  readonly kind: 'disk' | 's3';
  /** Streams `body` to `key`, replacing nothing: an existing key is an error. Returns bytes stored. */
  put(key: string, body: Readable): Promise<{ size: number }>;
  /** A stream of the object's bytes; ObjectMissing when there is none. */
  get(key: string): Promise<Readable>;
  /** Size of the object, or null when there is none. */
  head(key: string): Promise<ObjectInfo | null>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Keys under a prefix (an organisation's namespace), for sweeps and tests. */
  list(prefix: string): Promise<ObjectInfo[]>;
  close(): Promise<void>;
}

/** The stored object is gone (deleted by retention or on demand, or lost by the backend). */
export class ObjectMissing extends NotFound {}

const ID = '[a-z]{2,8}_[a-z2-7]{1,64}';
// Backups (src/backup) live in their own store, under keys of their own shape, beside the
// erasure ledger (one entry per destroyed key: src/backup/erasure-ledger.ts).
const BACKUP_KEY = 'backups/(bak_[0-9]{14}_[a-z2-7]{8}\\.(age|json)|erasures/dk_[a-z2-7]{26}\\.json)';
const KEY_RE = new RegExp(`^(org/${ID}/files/${ID}|${BACKUP_KEY})$`);
const PREFIX_RE = new RegExp(`^(org/${ID}/(files/)?|backups/)$`);

/** The one place an object key is made (TEN-3): the organisation's namespace, then the file. */
export function objectKey(orgId: string, fileId: string): string {
  const key = `org/${orgId}/files/${fileId}`;
  assertKey(key);
  return key;
}

/** The organisation's namespace (for list()). */
export function orgPrefix(orgId: string): string {
  const p = `org/${orgId}/`;
  assertPrefix(p);
  return p;
}

export function assertKey(key: string): void {
  if (typeof key !== 'string' || !KEY_RE.test(key)) throw new TypeError('invalid object key');
}

export function assertPrefix(prefix: string): void {
  if (typeof prefix !== 'string' || !PREFIX_RE.test(prefix)) throw new TypeError('invalid object key prefix');
}
