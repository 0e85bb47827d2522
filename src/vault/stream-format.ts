/* The file format of the vault: chunked, streaming AES-256-GCM in the spirit of age's STREAM
   (Hoang, Reyhanitabar, Rogaway, Vizár, "Online Authenticated-Encryption and its Nonce-Reuse
   Misuse-Resistance", 2015). Claim ENC-3.

   Invariants
   - Every file has its own random 32-byte data key (never reused), so the per-chunk nonce can be
     a counter: 11-byte big-endian chunk index || 1-byte final flag (0x01 on the last chunk only).
   - Node's GCM decipher releases plaintext before it checks the tag. So a chunk is decrypted
     whole and its plaintext is pushed downstream only after final() verified its tag: no
     unauthenticated byte ever leaves this module.
   - The reader holds back one chunk until it knows whether more bytes follow, so it knows which
     chunk must carry the final flag. A stream cut at a chunk boundary ends on a chunk sealed as
     non-final and fails; a reordered or duplicated chunk fails its counter; a chunk from another
     file fails the key (and the AAD, which binds org and file id).
   - Chunk size is in the header, bounded (64 B .. 1 MiB) so a hostile header cannot make the
     reader buffer more than 1 MiB.

   Byte layout (format version 1; docs/encryption.md has a test vector):
     off  len  field
     0    2    magic "PV" (0x50 0x56)
     2    1    format version (0x01)
     3    1    log2 of the chunk size S (6..20)
     4    ...  chunks: each is AES-256-GCM(ciphertext of ≤ S plaintext bytes) || 16-byte tag;
               every chunk but the last holds exactly S bytes; the last holds 1..S bytes
               (0 only when the whole file is empty).
   nonce(i, last) = uint88 big-endian i || (last ? 0x01 : 0x00)
   AAD            = the 4 header bytes || "palisade.vault.v1" || uint32 BE len || org id || uint32 BE len || file id */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { DecryptionFailed } from '../crypto/index.js';

export const STREAM_FORMAT_VERSION = 1;
const MAGIC0 = 0x50;
const MAGIC1 = 0x56;
const HEADER_BYTES = 4;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const DEFAULT_CHUNK_LOG2 = 16; // 64 KiB
const MIN_CHUNK_LOG2 = 6;
const MAX_CHUNK_LOG2 = 20;
const LABEL = Buffer.from('palisade.vault.v1', 'utf8');

/** What a file's ciphertext is bound to. */
export interface FileContext {
  orgId: string;
  fileId: string;
}

function header(log2: number): Buffer {
  return Buffer.from([MAGIC0, MAGIC1, STREAM_FORMAT_VERSION, log2]);
}

function aad(head: Buffer, ctx: FileContext): Buffer {
  if (!ctx.orgId || !ctx.fileId) throw new TypeError('a file context needs an org id and a file id');
  const org = Buffer.from(ctx.orgId, 'utf8');
  const file = Buffer.from(ctx.fileId, 'utf8');
  const out = Buffer.alloc(head.length + LABEL.length + 8 + org.length + file.length);
  let off = head.copy(out, 0);
  off += LABEL.copy(out, off);
  off = out.writeUInt32BE(org.length, off);
  off += org.copy(out, off);
  off = out.writeUInt32BE(file.length, off);
  file.copy(out, off);
  return out;
}

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  // 2^53 chunks is far beyond any file; the upper bytes of the 88-bit counter stay zero.
  n.writeUIntBE(Math.floor(index / 2 ** 32), 3, 4);
  n.writeUInt32BE(index % 2 ** 32, 7);
  n[11] = last ? 1 : 0;
  return n;
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new TypeError('AES-256-GCM needs a 32-byte key');
}

/** A sealed chunk as two buffers, ciphertext then tag: pushed as they are, never copied into one. */
function sealChunk(key: Uint8Array, ad: Buffer, index: number, last: boolean, plain: Uint8Array): [Buffer, Buffer] {
  const c = createCipheriv('aes-256-gcm', key, nonce(index, last), { authTagLength: TAG_BYTES });
  c.setAAD(ad);
  const body = c.update(plain);
  c.final();
  return [body, c.getAuthTag()];
}

function openChunk(key: Uint8Array, ad: Buffer, index: number, last: boolean, sealed: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, nonce(index, last), { authTagLength: TAG_BYTES });
  d.setAAD(ad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const out = d.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  try {
    d.final();
  } catch {
    out.fill(0); // unauthenticated plaintext never escapes
    throw new DecryptionFailed('authentication', { chunk: index, last });
  }
  return out;
}

/** The bytes a stream has received and not yet sealed or opened. take(n) copies only when the
    n bytes span several received buffers, and then only those n bytes: concatenating everything
    buffered on every chunk copied each byte about twice and was a quarter of the CPU of an
    upload (bench W9's profile). */
class ChunkQueue {
  private parts: Buffer[] = [];
  bytes = 0;
  push(b: Buffer): void {
    if (b.length === 0) return;
    this.parts.push(b);
    this.bytes += b.length;
  }
  /** The first n bytes (n ≤ bytes). */
  take(n: number): Buffer {
    const first = this.parts[0];
    if (n === 0 || !first) return Buffer.alloc(0);
    this.bytes -= n;
    if (first.length >= n) {
      if (first.length === n) this.parts.shift();
      else this.parts[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let off = 0;
    while (off < n) {
      const b = this.parts[0] as Buffer;
      const k = Math.min(b.length, n - off);
      b.copy(out, off, 0, k);
      off += k;
      if (k === b.length) this.parts.shift();
      else this.parts[0] = b.subarray(k);
    }
    return out;
  }
}

/** Bytes of ciphertext for `n` bytes of plaintext. */
export function encryptedLength(n: number, log2 = DEFAULT_CHUNK_LOG2): number {
  const size = 2 ** log2;
  const chunks = Math.max(1, Math.ceil(n / size));
  return HEADER_BYTES + n + chunks * TAG_BYTES;
}

/** A Transform: plaintext in, the format above out. `key` must be fresh for this file. */
export function createEncryptStream(key: Uint8Array, ctx: FileContext, opts: { chunkLog2?: number } = {}): Transform {
  checkKey(key);
  const log2 = opts.chunkLog2 ?? DEFAULT_CHUNK_LOG2;
  if (!Number.isInteger(log2) || log2 < MIN_CHUNK_LOG2 || log2 > MAX_CHUNK_LOG2) throw new TypeError('chunk size out of range');
  const size = 2 ** log2;
  const head = header(log2);
  const ad = aad(head, ctx);
  const pending = new ChunkQueue();
  let index = 0;
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (!started) {
        this.push(head);
        started = true;
      }
      pending.push(chunk);
      // Strictly more than one chunk buffered: the first one is certainly not the last.
      while (pending.bytes > size) {
        for (const part of sealChunk(key, ad, index, false, pending.take(size))) this.push(part);
        index++;
      }
      cb();
    },
    flush(cb: TransformCallback) {
      if (!started) this.push(head);
      for (const part of sealChunk(key, ad, index, true, pending.take(pending.bytes))) this.push(part);
      cb();
    },
  });
}

/** A Transform: the format above in, plaintext out — each chunk only after its tag verified.
    Errors with DecryptionFailed on anything else (tampered, truncated, reordered, foreign). */
export function createDecryptStream(key: Uint8Array, ctx: FileContext): Transform {
  checkKey(key);
  let ad: Buffer | null = null;
  let sealedSize = 0;
  const buf = new ChunkQueue();
  let index = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      buf.push(chunk);
      try {
        if (ad === null) {
          if (buf.bytes < HEADER_BYTES) return cb();
          const head = Buffer.from(buf.take(HEADER_BYTES));
          if (head[0] !== MAGIC0 || head[1] !== MAGIC1) throw new DecryptionFailed('malformed');
          if (head[2] !== STREAM_FORMAT_VERSION) throw new DecryptionFailed('unsupported_version', { formatVersion: head[2] });
          const log2 = head[3] as number;
          if (log2 < MIN_CHUNK_LOG2 || log2 > MAX_CHUNK_LOG2) throw new DecryptionFailed('malformed');
          sealedSize = 2 ** log2 + TAG_BYTES;
          ad = aad(head, ctx);
        }
        while (buf.bytes > sealedSize) {
          this.push(openChunk(key, ad, index, false, buf.take(sealedSize)));
          index++;
        }
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        if (ad === null || buf.bytes < TAG_BYTES) throw new DecryptionFailed('malformed', { truncated: true });
        const last = openChunk(key, ad, index, true, buf.take(buf.bytes));
        if (last.length === 0 && index > 0) throw new DecryptionFailed('malformed', { emptyFinalChunk: true });
        this.push(last);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

/** Whole-buffer helpers (tests, the documented vector). */
export async function encryptBuffer(key: Uint8Array, ctx: FileContext, plain: Uint8Array, opts: { chunkLog2?: number } = {}): Promise<Buffer> {
  return collect(createEncryptStream(key, ctx, opts), plain);
}

export async function decryptBuffer(key: Uint8Array, ctx: FileContext, sealed: Uint8Array): Promise<Buffer> {
  return collect(createDecryptStream(key, ctx), sealed);
}

function collect(t: Transform, input: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    t.on('data', (c: Buffer) => out.push(c));
    t.on('error', reject);
    t.on('end', () => resolve(Buffer.concat(out)));
    t.end(Buffer.from(input));
  });
}
