/* The vault stream format's edges (issue 21: what mutation testing found untested in
   stream-format.ts). Every refusal must carry its reason (a malformed header, an unsupported
   version, a failed tag with the chunk it failed at), every bound must sit exactly where the
   format says (chunk size 2^6..2^20, a 32-byte key, a named org and file), and the reader must
   refuse a file the writer never makes: an empty final chunk after full ones, sealed under the
   right key with raw node:crypto. Claim ENC-3. */
import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DecryptionFailed } from '../crypto/index.js';
import { createDecryptStream, createEncryptStream, decryptBuffer, encryptBuffer, encryptedLength, STREAM_FORMAT_VERSION, type FileContext } from './stream-format.js';

const CTX: FileContext = { orgId: 'org_a', fileId: 'fil_a' };

async function failure(p: Promise<unknown>): Promise<DecryptionFailed> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, 'expected DecryptionFailed').toBeInstanceOf(DecryptionFailed);
  return e as DecryptionFailed;
}

/** The format's AAD and one chunk, recomputed with raw node:crypto (docs/encryption.md's layout). */
function aadOf(head: Buffer, ctx: FileContext): Buffer {
  const lp = (s: string) => { const b = Buffer.from(s, 'utf8'); const l = Buffer.alloc(4); l.writeUInt32BE(b.length); return Buffer.concat([l, b]); };
  return Buffer.concat([head, Buffer.from('palisade.vault.v1'), lp(ctx.orgId), lp(ctx.fileId)]);
}
function rawChunk(key: Buffer, ad: Buffer, index: number, last: boolean, plain: Buffer): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(index, 7);
  iv[11] = last ? 1 : 0;
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(ad);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

describe('vault file format, edges', () => {
  it('ENC-3: a refused header says why: wrong magic and hostile chunk sizes are malformed, another version is unsupported', async () => {
    const key = randomBytes(32);
    const sealed = await encryptBuffer(key, CTX, Buffer.from('x'), { chunkLog2: 6 });
    const body = sealed.subarray(4);
    const reason = async (head: number[]) => (await failure(decryptBuffer(key, CTX, Buffer.concat([Buffer.from(head), body])))).reason;
    expect(await reason([0x51, 0x56, 1, 6])).toBe('malformed');
    expect(await reason([0x50, 0x57, 1, 6])).toBe('malformed');
    const v2 = await failure(decryptBuffer(key, CTX, Buffer.concat([Buffer.from([0x50, 0x56, 2, 6]), body])));
    expect([v2.reason, v2.detail?.formatVersion]).toEqual(['unsupported_version', 2]);
    expect(await reason([0x50, 0x56, 0, 6])).toBe('unsupported_version');
    expect(await reason([0x50, 0x56, 1, 5])).toBe('malformed');
    expect(await reason([0x50, 0x56, 1, 21])).toBe('malformed');
    expect(STREAM_FORMAT_VERSION).toBe(1);
  });

  it('ENC-3: the chunk size bounds are 2^6 and 2^20 on both sides; the default is 2^16', async () => {
    const key = randomBytes(32);
    for (const chunkLog2 of [6, 20]) {
      const pt = randomBytes(100);
      const sealed = await encryptBuffer(key, CTX, pt, { chunkLog2 });
      expect(sealed[3]).toBe(chunkLog2);
      expect(sealed.length).toBe(encryptedLength(100, chunkLog2));
      expect((await decryptBuffer(key, CTX, sealed)).equals(pt)).toBe(true);
    }
    for (const chunkLog2 of [5, 21, 6.5, Number.NaN]) expect(() => createEncryptStream(key, CTX, { chunkLog2 }), String(chunkLog2)).toThrow(TypeError);
    const dflt = await encryptBuffer(key, CTX, randomBytes(70_000));
    expect(dflt.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x56, 0x01, 16]));
    expect(dflt.length).toBe(encryptedLength(70_000));
    expect(encryptedLength(70_000)).toBe(4 + 70_000 + 2 * 16);
  });

  it('ENC-3: the predicted length counts one tag per chunk and one for an empty file', () => {
    expect(encryptedLength(0, 6)).toBe(4 + 16);
    expect(encryptedLength(1, 6)).toBe(4 + 1 + 16);
    expect(encryptedLength(64, 6)).toBe(4 + 64 + 16);
    expect(encryptedLength(65, 6)).toBe(4 + 65 + 32);
    expect(encryptedLength(128, 6)).toBe(4 + 128 + 32);
    expect(encryptedLength(129, 6)).toBe(4 + 129 + 48);
    expect(encryptedLength(2 ** 16)).toBe(4 + 2 ** 16 + 16);
  });

  it('ENC-3: a plaintext of exactly whole chunks ends on a full final chunk (never an empty one), as raw AES-GCM recomputes', async () => {
    const key = randomBytes(32);
    const head = Buffer.from([0x50, 0x56, 1, 6]);
    const ad = aadOf(head, CTX);
    for (const n of [1, 2, 3]) {
      const pt = randomBytes(64 * n);
      const expected: Buffer[] = [head];
      for (let i = 0; i < n; i++) expected.push(rawChunk(key, ad, i, i === n - 1, pt.subarray(64 * i, 64 * (i + 1))));
      expect((await encryptBuffer(key, CTX, pt, { chunkLog2: 6 })).equals(Buffer.concat(expected)), `${n} chunks`).toBe(true);
    }
    // An empty file: the header and one empty final chunk, even when nothing was ever written.
    const empty = await new Promise<Buffer>((resolve, reject) => {
      const out: Buffer[] = [];
      const s = createEncryptStream(key, CTX, { chunkLog2: 6 });
      s.on('data', (c: Buffer) => out.push(c)).on('end', () => resolve(Buffer.concat(out))).on('error', reject);
      s.end();
    });
    expect(empty.equals(Buffer.concat([head, rawChunk(key, ad, 0, true, Buffer.alloc(0))]))).toBe(true);
  });

  it('ENC-3: an empty final chunk after full ones — sealed under the right key, as no writer of ours makes it — is refused as malformed', async () => {
    const key = randomBytes(32);
    const head = Buffer.from([0x50, 0x56, 1, 6]);
    const ad = aadOf(head, CTX);
    const pt = randomBytes(64);
    const crafted = Buffer.concat([head, rawChunk(key, ad, 0, false, pt), rawChunk(key, ad, 1, true, Buffer.alloc(0))]);
    const e = await failure(decryptBuffer(key, CTX, crafted));
    expect([e.reason, e.detail?.emptyFinalChunk]).toEqual(['malformed', true]);
    // The same chunks with a full final chunk are fine: the refusal is about the empty one.
    const genuine = Buffer.concat([head, rawChunk(key, ad, 0, true, pt)]);
    expect((await decryptBuffer(key, CTX, genuine)).equals(pt)).toBe(true);
  });

  it('ENC-3: a failed tag names its chunk and whether it was the final one; a stream with no chunk, or less than a tag, is truncated', async () => {
    const key = randomBytes(32);
    const sealed = await encryptBuffer(key, CTX, randomBytes(64 * 2 + 10), { chunkLog2: 6 });
    const flip = (at: number) => { const b = Buffer.from(sealed); b[at] = (b[at] as number) ^ 1; return b; };
    const mid = await failure(decryptBuffer(key, CTX, flip(4 + 80 + 5)));
    expect([mid.reason, mid.detail?.chunk, mid.detail?.last]).toEqual(['authentication', 1, false]);
    const fin = await failure(decryptBuffer(key, CTX, flip(sealed.length - 1)));
    expect([fin.reason, fin.detail?.chunk, fin.detail?.last]).toEqual(['authentication', 2, true]);
    for (const cut of [0, 3, 4, 4 + 15]) {
      const t = await failure(decryptBuffer(key, CTX, sealed.subarray(0, cut)));
      expect([t.reason, t.detail?.truncated], `cut at ${cut}`).toEqual(['malformed', true]);
    }
    // Exactly a tag's worth after the header is read as a (forged) empty final chunk: an authentication failure.
    expect((await failure(decryptBuffer(key, CTX, sealed.subarray(0, 4 + 16)))).reason).toBe('authentication');
  });

  it('ENC-3: keys of any length but 32 bytes and a context without an org or a file are refused at once', () => {
    for (const n of [0, 16, 31, 33]) {
      expect(() => createEncryptStream(randomBytes(n), CTX), `encrypt ${n}`).toThrow(TypeError);
      expect(() => createDecryptStream(randomBytes(n), CTX), `decrypt ${n}`).toThrow(TypeError);
    }
    expect(() => createEncryptStream(randomBytes(32), { orgId: '', fileId: 'fil_a' })).toThrow(TypeError);
    expect(() => createEncryptStream(randomBytes(32), { orgId: 'org_a', fileId: '' })).toThrow(TypeError);
  });

  it('ENC-3: the AAD binds the org and the file as length-prefixed UTF-8: a different split of the same characters fails', async () => {
    const key = randomBytes(32);
    const sealed = await encryptBuffer(key, { orgId: 'org_ab', fileId: 'c' }, Buffer.from('secret'), { chunkLog2: 6 });
    await failure(decryptBuffer(key, { orgId: 'org_a', fileId: 'bc' }, sealed));
    const unicode = await encryptBuffer(key, { orgId: 'org_é', fileId: 'fil_ü' }, Buffer.from('secret'), { chunkLog2: 6 });
    const head = Buffer.from([0x50, 0x56, 1, 6]);
    expect(unicode.equals(Buffer.concat([head, rawChunk(key, aadOf(head, { orgId: 'org_é', fileId: 'fil_ü' }), 0, true, Buffer.from('secret'))]))).toBe(true);
  });

  it('ENC-3: the reader reassembles a header and chunks split across writes of one byte, and empty writes change nothing', async () => {
    const key = randomBytes(32);
    const pt = randomBytes(64 * 3 + 7);
    const sealed = await encryptBuffer(key, CTX, pt, { chunkLog2: 6 });
    const pieces: Buffer[] = [];
    for (let i = 0; i < sealed.length; i++) pieces.push(sealed.subarray(i, i + 1), Buffer.alloc(0));
    const out: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      Readable.from(pieces).pipe(createDecryptStream(key, CTX)).on('data', (c: Buffer) => out.push(c)).on('end', resolve).on('error', reject);
    });
    expect(Buffer.concat(out).equals(pt)).toBe(true);
    // And the writer, given one byte at a time with empty writes between, seals the same bytes.
    const sealedOut: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const plain: Buffer[] = [];
      for (let i = 0; i < pt.length; i++) plain.push(pt.subarray(i, i + 1), Buffer.alloc(0));
      Readable.from(plain).pipe(createEncryptStream(key, CTX, { chunkLog2: 6 })).on('data', (c: Buffer) => sealedOut.push(c)).on('end', resolve).on('error', reject);
    });
    expect(Buffer.concat(sealedOut).equals(sealed)).toBe(true);
  });
});
