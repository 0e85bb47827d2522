/* Key-encryption keys (KEKs): the root of the key hierarchy. Claims ENC-5, ENC-6.

   Invariants
   - A KEK never enters the database. Only data keys wrapped by it are stored, each with the id
     of the KEK that wrapped it, so a node can hold the current KEK and earlier ones at once
     (rotation without downtime) and knows which one to use.
   - Wrapping is authenticated and bound to the data key's identity (`context`: org, key id,
     version), so a wrapped key copied onto another key's row does not unwrap.
   - Local KEKs (file, env) wrap with AES-256-GCM and a fresh 96-bit IV:
       wrapped = 0x01 || IV(12) || AES-256-GCM(kek, IV, dek)(32) || tag(16)
       AAD     = "palisade.kek-wrap.v1" || uint32be(len(kekId)) || kekId || context
   - A KEK id is derived from the key (HMAC-SHA256(kek, "palisade.kek-id.v1"), 80 bits, base32), so
     the same key has the same id whether it comes from a file or the environment, and the id
     reveals nothing about the key.
   - The key file is created on first start with O_EXCL and mode 0600 in a 0700 directory, opened
     with O_NOFOLLOW, and refused if it is not a regular file owned by this user or if group/other
     have any permission bit (ASVS V6.4.1). A missing file is generated only when `create` is set.
   - KMS adapters (AWS KMS, Vault transit) plug in through KmsClient; see docs/encryption.md. */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { constants as fsc, promises as fs } from 'node:fs';
import path from 'node:path';
import { base32 } from '../lib/ids.js';
import { DecryptionFailed, KekFileInsecure, KekInvalid } from './errors.js';

export const KEK_BYTES = 32;
const WRAP_FORMAT = 0x01;
const WRAP_LABEL = Buffer.from('palisade.kek-wrap.v1', 'utf8');

/** One key-encryption key. `id` is stored beside every data key it wraps. */
export interface KekProvider {
  readonly id: string;
  /** Wraps a 32-byte data key. `context` is authenticated and must be given again to unwrap. */
  wrap(dek: Uint8Array, context: Uint8Array): Promise<Uint8Array>;
  /** Returns the data key (a fresh buffer the caller owns and zeroes). Throws DecryptionFailed
      if the wrapped bytes or the context do not match. */
  unwrap(wrapped: Uint8Array, context: Uint8Array): Promise<Uint8Array>;
}

/** The KEKs a node holds: one current (wraps new and rewrapped data keys) and any number of
    previous ones (unwrap only) while a rotation is under way. */
export interface KekSet {
  current(): KekProvider;
  get(id: string): KekProvider | undefined;
  ids(): string[];
  /** Re-reads the KEK sources (the key files); a no-op for static sets. Called when a data key
      names a KEK id this node does not know, e.g. after another process rotated the file KEK. */
  refresh(): Promise<void>;
}

/** The id of a local KEK: derived from the key, stable across file/env, reveals nothing. */
export function localKekId(kek: Uint8Array): string {
  const mac = createHmac('sha256', kek).update('palisade.kek-id.v1').digest();
  return `kek_${base32(mac.subarray(0, 10))}`;
}

function wrapAad(kekId: string, context: Uint8Array): Buffer {
  const id = Buffer.from(kekId, 'utf8');
  const len = Buffer.allocUnsafe(4);
  len.writeUInt32BE(id.length);
  return Buffer.concat([WRAP_LABEL, len, id, context]);
}

/** A KEK held in process memory (from the key file or the environment). */
export function localKekProvider(kek: Uint8Array): KekProvider {
  if (kek.length !== KEK_BYTES) throw new KekInvalid('A key-encryption key must be 32 bytes');
  const key = Buffer.from(kek); // private copy; the caller may zero theirs
  const id = localKekId(key);
  return {
    id,
    async wrap(dek, context) {
      if (dek.length !== 32) throw new TypeError('a data key is 32 bytes');
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(wrapAad(id, context));
      const ct = Buffer.concat([c.update(dek), c.final()]);
      return Buffer.concat([Buffer.from([WRAP_FORMAT]), iv, ct, c.getAuthTag()]);
    },
    async unwrap(wrapped, context) {
      if (wrapped.length !== 1 + 12 + 32 + 16 || wrapped[0] !== WRAP_FORMAT) {
        throw new DecryptionFailed('malformed', { kekId: id });
      }
      const w = Buffer.from(wrapped.buffer, wrapped.byteOffset, wrapped.byteLength);
      const d = createDecipheriv('aes-256-gcm', key, w.subarray(1, 13));
      d.setAAD(wrapAad(id, context));
      d.setAuthTag(w.subarray(45));
      const dek = d.update(w.subarray(13, 45));
      try {
        d.final();
      } catch {
        dek.fill(0);
        throw new DecryptionFailed('authentication', { kekId: id, what: 'wrapped data key' });
      }
      return dek;
    },
  };
}

/** Strict base64 of exactly 32 bytes; anything else is refused rather than guessed at. */
export function parseKekBase64(value: string, source: string): Buffer {
  const v = value.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(v)) {
    throw new KekInvalid(`${source} must be 32 random bytes in base64 (44 characters)`, { source });
  }
  const key = Buffer.from(v, 'base64');
  if (key.length !== KEK_BYTES) throw new KekInvalid(`${source} must decode to 32 bytes`, { source });
  return key;
}

/** A fixed set of providers (env, KMS, tests). */
export function staticKekSet(current: KekProvider, previous: readonly KekProvider[] = []): KekSet {
  const all = new Map<string, KekProvider>();
  for (const p of [current, ...previous]) all.set(p.id, p);
  return {
    current: () => current,
    get: (id) => all.get(id),
    ids: () => [...all.keys()],
    refresh: async () => {},
  };
}

/** PALISADE_KEK (current) and PALISADE_KEK_PREVIOUS (comma-separated, during a rotation). */
export function envKekSet(current: string, previous?: string): KekSet {
  const cur = parseKekBase64(current, 'PALISADE_KEK');
  const prev = (previous ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s, i) => parseKekBase64(s, `PALISADE_KEK_PREVIOUS[${i}]`));
  const set = staticKekSet(localKekProvider(cur), prev.map((k) => localKekProvider(k)));
  cur.fill(0);
  for (const k of prev) k.fill(0);
  return set;
}

// ---- the local key file

export const KEK_FILE = 'kek.key';
const NEXT_FILE = 'kek.next.key';
const PREVIOUS_RE = /^kek-previous-(kek_[a-z2-7]+)\.key$/;

function isEnoent(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT';
}

/** Reads a key file, refusing anything an attacker on the host could have read or swapped. */
export async function readKekFile(file: string): Promise<Buffer> {
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(file, fsc.O_RDONLY | fsc.O_NOFOLLOW);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ELOOP') {
      throw new KekFileInsecure('The key file is a symbolic link; refusing it', { file });
    }
    throw e;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new KekFileInsecure('The key file is not a regular file', { file });
    if (process.platform !== 'win32') {
      if ((st.mode & 0o077) !== 0) {
        throw new KekFileInsecure(
          `The key file ${file} can be read or written by group/other (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 on it`,
          { file, mode: st.mode & 0o777 },
        );
      }
      const uid = process.getuid?.();
      if (uid !== undefined && st.uid !== uid) {
        throw new KekFileInsecure('The key file is owned by another user', { file, owner: st.uid, uid });
      }
    }
    return parseKekBase64((await fh.readFile()).toString('utf8'), `key file ${file}`);
  } finally {
    await fh.close();
  }
}

async function writeNewKeyFile(file: string, key: Uint8Array): Promise<void> {
  const fh = await fs.open(file, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL | fsc.O_NOFOLLOW, 0o600);
  try {
    await fh.chmod(0o600); // the umask cannot widen it, but be explicit
    await fh.writeFile(`${Buffer.from(key).toString('base64')}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const d = await fs.open(dir, fsc.O_RDONLY);
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

async function ensureKeyDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
}

/** The KEKs in a data directory: `kek.key` is current; `kek-previous-<id>.key` files are earlier
    KEKs kept until every data key has been rewrapped (`palisade keys rotate-kek`). With `create`,
    a missing `kek.key` is generated — only when no previous key file exists, so a lost current key
    is never silently replaced while older keys (and data under them) are still around. */
export async function fileKekSet(dir: string, opts: { create?: boolean } = {}): Promise<KekSet> {
  let current: KekProvider;
  let all = new Map<string, KekProvider>();

  async function load(create: boolean): Promise<void> {
    const file = path.join(dir, KEK_FILE);
    let key: Buffer;
    try {
      key = await readKekFile(file);
    } catch (e) {
      if (!isEnoent(e)) throw e;
      if (!create) {
        throw new KekInvalid(`No key-encryption key: ${file} does not exist (start the server once to generate it, or set PALISADE_KEK)`, { file });
      }
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      if (names.some((n) => PREVIOUS_RE.test(n))) {
        throw new KekInvalid(`${file} is missing but earlier key files exist; restore it rather than generate a new one`, { file });
      }
      await ensureKeyDir(dir);
      // Write a complete file under a private name, then link it into place: link() fails if
      // kek.key exists, so two processes starting at once agree on one key and neither can
      // read a half-written file.
      const fresh = randomBytes(KEK_BYTES);
      const tmp = path.join(dir, `kek.key.tmp-${randomBytes(6).toString('hex')}`);
      try {
        await writeNewKeyFile(tmp, fresh);
        await fs.link(tmp, file).catch((err: unknown) => {
          if ((err as { code?: unknown }).code !== 'EEXIST') throw err; // another process won the race
        });
      } finally {
        fresh.fill(0);
        await fs.rm(tmp, { force: true });
      }
      await syncDir(dir);
      key = await readKekFile(file);
    }
    const next = new Map<string, KekProvider>();
    const cur = localKekProvider(key);
    key.fill(0);
    next.set(cur.id, cur);
    for (const name of await fs.readdir(dir)) {
      const m = PREVIOUS_RE.exec(name);
      if (!m) continue;
      const k = await readKekFile(path.join(dir, name));
      const p = localKekProvider(k);
      k.fill(0);
      if (p.id !== m[1]) throw new KekInvalid(`${name} does not hold the key its name says`, { file: name });
      if (!next.has(p.id)) next.set(p.id, p);
    }
    current = cur;
    all = next;
  }

  await load(opts.create === true);
  return {
    current: () => current,
    get: (id) => all.get(id),
    ids: () => [...all.keys()],
    refresh: () => load(false),
  };
}

/** Starts a file-KEK rotation: generates a new `kek.key` and keeps the old one as
    `kek-previous-<id>.key`. Crash-safe: at every step `kek.key` holds a valid key and the old key
    is on disk before it is replaced. Returns both ids. */
export async function rotateKekFile(dir: string): Promise<{ previousId: string; currentId: string }> {
  const curFile = path.join(dir, KEK_FILE);
  const nextFile = path.join(dir, NEXT_FILE);
  const old = await readKekFile(curFile);
  const previousId = localKekId(old);
  const prevFile = path.join(dir, `kek-previous-${previousId}.key`);
  try {
    await fs.access(prevFile);
  } catch {
    await writeNewKeyFile(prevFile, old);
  }
  old.fill(0);
  await fs.rm(nextFile, { force: true }); // left by an interrupted earlier attempt
  const fresh = randomBytes(KEK_BYTES);
  const currentId = localKekId(fresh);
  await writeNewKeyFile(nextFile, fresh);
  fresh.fill(0);
  await syncDir(dir);
  await fs.rename(nextFile, curFile);
  await syncDir(dir);
  return { previousId, currentId };
}

/** Deletes the previous-KEK files once nothing is wrapped under them (the caller checks). */
export async function retirePreviousKekFiles(dir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await fs.readdir(dir)) {
    const m = PREVIOUS_RE.exec(name);
    if (!m || keep.has(m[1] as string)) continue;
    await fs.rm(path.join(dir, name));
    removed.push(m[1] as string);
  }
  return removed;
}

/** Moves every key file (kek.key and kek-previous-*.key) from one directory to another — for an
    install whose key files sit in its data directory (`palisade keys move-kek`). Nothing is lost
    at any step, and a rerun after an interruption finishes the move: each file is read with the
    usual checks, written under O_EXCL with mode 0600 into a 0700 directory (a file already there
    must hold the same key, or the move stops), the destination is read back as a KEK set and must
    hold exactly the same keys, and only then are the source files deleted. */
export async function moveKekFiles(from: string, to: string): Promise<{ moved: string[]; currentId: string; ids: string[] }> {
  const src = path.resolve(from);
  const dst = path.resolve(to);
  if (src === dst) throw new KekInvalid(`The key files are already in ${dst}`);
  const names = (await fs.readdir(src).catch(() => [] as string[])).filter((n) => n === KEK_FILE || PREVIOUS_RE.test(n)).sort();
  if (!names.includes(KEK_FILE)) {
    const there = await fileKekSet(dst, { create: false }).catch(() => null);
    if (there && names.length === 0) return { moved: [], currentId: there.current().id, ids: there.ids() };
    throw new KekInvalid(`No ${KEK_FILE} in ${src}: nothing to move`, { from: src });
  }
  const before = await fileKekSet(src, { create: false });
  await ensureKeyDir(dst);
  // The current key goes last: a destination with kek.key always has its previous keys too.
  for (const name of [...names.filter((n) => n !== KEK_FILE), KEK_FILE]) {
    const key = await readKekFile(path.join(src, name));
    try {
      const target = path.join(dst, name);
      let existing: Buffer | null = null;
      try {
        existing = await readKekFile(target);
      } catch (e) {
        if (!isEnoent(e)) throw e;
      }
      if (existing) {
        const same = existing.equals(key);
        existing.fill(0);
        if (!same) throw new KekInvalid(`${target} already holds a different key; refusing to overwrite it`, { file: target });
      } else await writeNewKeyFile(target, key);
    } finally {
      key.fill(0);
    }
  }
  await syncDir(dst);
  const after = await fileKekSet(dst, { create: false });
  const sameKeys = after.current().id === before.current().id && before.ids().every((id) => after.get(id) !== undefined);
  if (!sameKeys) throw new KekInvalid(`The key files in ${dst} do not match those in ${src}; nothing was deleted`, { from: src, to: dst });
  for (const name of names) await fs.rm(path.join(src, name));
  await syncDir(src);
  return { moved: names, currentId: after.current().id, ids: after.ids() };
}

// ---- KMS adapters

/** What a KMS must offer to hold Palisade's KEK. The KEK never leaves the KMS; Palisade sends it
    32-byte data keys to wrap and unwrap. `context` must be bound cryptographically by the KMS:
    AWS KMS `EncryptionContext` ({ palisade: base64(context) }), Vault transit `associated_data`
    (base64(context), AES-GCM transit keys). See docs/encryption.md for both.
    An adapter throws DecryptionFailed('authentication') when the KMS rejects the ciphertext or
    context (AWS `InvalidCiphertextException`, Vault `cipher: message authentication failed`) and
    lets transport errors propagate, so an outage is never reported as tampering. */
export interface KmsClient {
  encrypt(plaintext: Uint8Array, context: Uint8Array): Promise<Uint8Array>;
  decrypt(ciphertext: Uint8Array, context: Uint8Array): Promise<Uint8Array>;
}

/** A KEK held by a KMS. `id` names the KMS key (e.g. `aws-kms:arn:aws:kms:…:key/…` or
    `vault-transit:palisade`); KMS-side key versions rotate under the same id. */
export function kmsKekProvider(opts: { id: string; client: KmsClient }): KekProvider {
  const { id, client } = opts;
  if (id.length === 0) throw new TypeError('a KMS KEK needs an id');
  return {
    id,
    wrap: (dek, context) => client.encrypt(dek, wrapAad(id, context)),
    async unwrap(wrapped, context) {
      const dek = await client.decrypt(wrapped, wrapAad(id, context));
      if (dek.length !== 32) throw new DecryptionFailed('malformed', { kekId: id, what: 'unwrapped data key length' });
      return Buffer.from(dek);
    },
  };
}
