/* age encryption of backup streams (age-encryption.org/v1; the files open with the standard
   `age` CLI: `age -d -i key.txt bak_….age`). Only X25519 recipients (`age1…`): Debian's age 1.1
   cannot read the post-quantum hybrid ones. The identity (secret key) is never configured on
   the servers for backups; restore and drills are handed it. Claims ENC-7, BAK-1.

   The header (X25519 recipient stanzas, header MAC) is the `age-encryption` library's, through
   its public API: `Encrypter` wraps the file key for the recipients and MACs the header;
   `Decrypter.decryptHeader` unwraps it and checks the MAC. The payload is ours, because the
   library's ChaCha20-Poly1305 is pure JavaScript (~25 MB/s here, the whole gap of bench W11)
   and Node's is OpenSSL's. It is the spec's STREAM, nothing more (c2sp.org/age, "Payload"):
     payload = nonce (16 random bytes) ‖ chunk_0 ‖ … ‖ chunk_n
     payload key = HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload"), 32 bytes
     chunk_i = ChaCha20-Poly1305(payload key, 11-byte big-endian i ‖ last-flag byte, 64 KiB of
               plaintext (the last chunk: 0–64 KiB)) — ciphertext ‖ 16-byte tag
   Invariants: the last chunk, and only it, has the flag 0x01; it is full (64 KiB) when the
   plaintext is a non-zero multiple of 64 KiB, and empty only when the whole plaintext is; no
   byte may follow it. The reader releases a chunk's plaintext only after its tag verified, so a
   flipped byte, a truncated, dropped, reordered or appended chunk all fail closed (BackupCorrupt);
   tested against Debian's `age` in both directions (age.test.ts). */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { Decrypter, Encrypter, identityToRecipient } from 'age-encryption';
import { BackupCorrupt, BackupWrongIdentity } from './errors.js';

const RECIPIENT_RE = /^age1[02-9ac-hj-np-z]{58}$/;

export const CHUNK = 64 * 1024;
const TAG = 16;
const ENC_CHUNK = CHUNK + TAG;
const NONCE = 16;
/** A header for a handful of X25519 recipients is well under 2 KiB; anything longer is not ours. */
const HEADER_MAX = 64 * 1024;
/** The 11-byte counter is written as its low 6 bytes: 2^48 chunks of 64 KiB (16 EiB) is the limit. */
const COUNTER_MAX = 2 ** 48 - 1;

export function isX25519Recipient(s: string): boolean {
  return RECIPIENT_RE.test(s);
}

export function parseRecipients(csv: string): string[] {
  return csv.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);
}

/** The secret keys of an identity file as age-keygen writes it (comments and blank lines skipped). */
export function parseIdentityFile(text: string): string[] {
  const keys = text.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('AGE-SECRET-KEY-1'));
  if (!keys.length) throw new TypeError('no AGE-SECRET-KEY-1… line in the identity file');
  return keys;
}

export async function recipientOf(identity: string): Promise<string> {
  return (await identityToRecipient(identity)) as string;
}

/** The library's header for these recipients, and the file key it wraps. The library only makes
    a header as part of a whole file, so it encrypts an empty one and we keep its header: the
    output is header ‖ its nonce (16) ‖ one empty final chunk (16, a tag). A recipient object of
    our own, added beside the real ones, sees the file key and adds no stanza. The library's
    discarded nonce and chunk are never written; our payload uses a fresh nonce. */
async function ageHeader(recipients: readonly string[]): Promise<{ header: Buffer; fileKey: Buffer }> {
  if (!recipients.length) throw new TypeError('no age recipients');
  let fileKey: Buffer | null = null;
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  e.addRecipient({ wrapFileKey: (k: Uint8Array) => { fileKey = Buffer.from(k); return []; } });
  const whole = Buffer.from(await e.encrypt(new Uint8Array(0)));
  const header = whole.subarray(0, whole.length - NONCE - TAG);
  const macLine = header.lastIndexOf('\n---');
  if (!fileKey || (fileKey as Buffer).length !== 16 || !header.subarray(0, 22).equals(Buffer.from('age-encryption.org/v1\n'))
    || macLine < 0 || header.at(-1) !== 0x0a || header.indexOf('\n', macLine + 1) !== header.length - 1) {
    throw new TypeError('unexpected output from age-encryption (header layout)');
  }
  return { header: Buffer.from(header), fileKey };
}

function payloadKey(fileKey: Uint8Array, nonce: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
}

function chunkNonce(counter: number, last: boolean): Buffer {
  if (counter > COUNTER_MAX) throw new BackupCorrupt('the payload has too many chunks');
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

function seal(key: Buffer, counter: number, last: boolean, plain: Uint8Array): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
  const body = c.update(plain);
  c.final();
  return Buffer.concat([body, c.getAuthTag()]);
}

/** The chunk's plaintext, or BackupCorrupt if its tag does not verify under this counter and flag. */
function open(key: Buffer, counter: number, last: boolean, chunk: Uint8Array): Buffer {
  if (chunk.length < TAG) throw new BackupCorrupt('the encrypted payload is truncated');
  const d = createDecipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
  d.setAuthTag(chunk.subarray(chunk.length - TAG));
  const body = d.update(chunk.subarray(0, chunk.length - TAG));
  try {
    d.final();
  } catch (e) {
    throw new BackupCorrupt('the encrypted payload does not authenticate', { chunk: counter, last }, { cause: e });
  }
  return body;
}

/** Encrypts the payload key's STREAM over `plain`: 64 KiB chunks, a chunk sealed as non-last
    only once a byte after it is known to exist, so the last one is always flagged. */
async function* sealStream(plain: AsyncIterable<Uint8Array>, key: Buffer): AsyncGenerator<Buffer> {
  const buf = Buffer.allocUnsafe(CHUNK);
  let fill = 0;
  let counter = 0;
  for await (const piece of plain) {
    let at = 0;
    while (at < piece.length) {
      if (fill === CHUNK) {
        yield seal(key, counter++, false, buf);
        fill = 0;
      }
      const n = Math.min(CHUNK - fill, piece.length - at);
      buf.set(piece.subarray(at, at + n), fill);
      fill += n;
      at += n;
    }
  }
  yield seal(key, counter, true, buf.subarray(0, fill));
}

/** Decrypts the STREAM after the nonce. A full-size chunk is opened as non-last only when more
    bytes follow it; whatever is left at the end must open as the last chunk. */
async function* openStream(rest: Buffer, source: AsyncIterator<Uint8Array>, key: Buffer): AsyncGenerator<Buffer> {
  const buf = Buffer.allocUnsafe(ENC_CHUNK);
  let fill = 0;
  let counter = 0;
  let piece: Uint8Array | null = rest;
  while (piece) {
    let at = 0;
    while (at < piece.length) {
      if (fill === ENC_CHUNK) {
        yield open(key, counter++, false, buf);
        fill = 0;
      }
      const n = Math.min(ENC_CHUNK - fill, piece.length - at);
      buf.set(piece.subarray(at, at + n), fill);
      fill += n;
      at += n;
    }
    const next = await source.next();
    piece = next.done ? null : next.value;
  }
  const last = open(key, counter, true, buf.subarray(0, fill));
  // c2sp.org/age: the final chunk may be empty only if the whole payload is (age 1.1 refuses it too).
  if (last.length === 0 && counter > 0) throw new BackupCorrupt('the last chunk of the encrypted payload is empty');
  yield last;
}

export async function encryptStream(plain: Readable, recipients: readonly string[]): Promise<Readable> {
  const { header, fileKey } = await ageHeader(recipients);
  const nonce = randomBytes(NONCE);
  const key = payloadKey(fileKey, nonce);
  fileKey.fill(0);
  return Readable.from((async function* () {
    yield Buffer.concat([header, nonce]);
    yield* sealStream(plain, key);
  })(), { objectMode: false });
}

/** Decrypts; the header is checked before this resolves. A file for other recipients is
    BackupWrongIdentity (naming the manifest's recipients), a damaged header BackupCorrupt. Damage
    in the payload surfaces (as BackupCorrupt) while reading the returned stream. */
export async function decryptStream(cipher: Readable, identities: readonly string[], manifestRecipients: readonly string[]): Promise<Readable> {
  const source = (cipher as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  try {
    return await openHeader(source, identities, manifestRecipients);
  } catch (e) {
    cipher.destroy();
    throw e;
  }
}

async function openHeader(source: AsyncIterator<Uint8Array>, identities: readonly string[], manifestRecipients: readonly string[]): Promise<Readable> {
  // Read up to the end of the MAC line ("--- " at a line start; no stanza line can start so).
  let head = Buffer.alloc(0);
  let end = -1;
  while (end < 0) {
    const mac = head.indexOf('\n--- ');
    if (mac >= 0) end = head.indexOf('\n', mac + 1);
    if (end >= 0) break;
    if (head.length > HEADER_MAX) throw new BackupCorrupt('the age header is unreadable', { reason: 'no header end' });
    const next = await source.next();
    if (next.done) throw new BackupCorrupt('the age header is unreadable', { reason: 'truncated header' });
    head = Buffer.concat([head, next.value]);
  }
  const header = head.subarray(0, end + 1);
  let rest = head.subarray(end + 1);
  const d = new Decrypter();
  for (const i of identities) d.addIdentity(i);
  let fileKey: Uint8Array;
  try {
    fileKey = await d.decryptHeader(header);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/no identity matched/.test(msg)) {
      throw new BackupWrongIdentity(manifestRecipients, await recipientOf(identities[0] ?? '').catch(() => null));
    }
    throw new BackupCorrupt('the age header is unreadable', { reason: msg }, { cause: e });
  }
  while (rest.length < NONCE) {
    const next = await source.next();
    if (next.done) throw new BackupCorrupt('the encrypted payload is truncated');
    rest = Buffer.concat([rest, next.value]);
  }
  const key = payloadKey(fileKey, rest.subarray(0, NONCE));
  return Readable.from(openStream(rest.subarray(NONCE), source, key), { objectMode: false });
}

/** Wraps a decrypted stream so any other failure while reading it (the storage's) reads as
    BackupCorrupt too. */
export async function* plaintextOf(stream: Readable): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
  } catch (e) {
    if (e instanceof BackupCorrupt) throw e;
    throw new BackupCorrupt('the encrypted payload does not authenticate', { reason: e instanceof Error ? e.message : String(e) }, { cause: e });
  }
}
