import { createCipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptionFailed } from '../crypto/index.js';
import { createDecryptStream, createEncryptStream, decryptBuffer, encryptBuffer, encryptedLength, type FileContext } from './stream-format.js';

const TV = JSON.parse(readFileSync(new URL('../../test/fixtures/vectors/vault-stream-v1.json', import.meta.url), 'utf8')) as {
  keyHex: string; orgId: string; fileId: string; chunkLog2: number; plaintext: string; ciphertextHex: string;
};
const CTX: FileContext = { orgId: 'org_a', fileId: 'fil_a' };
const CHUNK = 64; // log2 6: small chunks so tests cross many boundaries
const SEALED = CHUNK + 16;

async function expectFails(p: Promise<unknown>): Promise<void> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, 'expected DecryptionFailed').toBeInstanceOf(DecryptionFailed);
  expect((e as DecryptionFailed).code).toBe('decryption_failed');
}

/** Splits a sealed file into header and chunk slices. */
function chunksOf(sealed: Buffer): { head: Buffer; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  for (let off = 4; off < sealed.length; off += SEALED) chunks.push(sealed.subarray(off, Math.min(off + SEALED, sealed.length)));
  return { head: sealed.subarray(0, 4), chunks };
}

describe('vault file format', () => {
  it('ENC-3: the documented test vector matches, byte for byte, and decrypts', async () => {
    const key = Buffer.from(TV.keyHex, 'hex');
    const ctx = { orgId: TV.orgId, fileId: TV.fileId };
    const out = await encryptBuffer(key, ctx, Buffer.from(TV.plaintext, 'utf8'), { chunkLog2: TV.chunkLog2 });
    expect(out.toString('hex')).toBe(TV.ciphertextHex);
    expect((await decryptBuffer(key, ctx, Buffer.from(TV.ciphertextHex, 'hex'))).toString('utf8')).toBe(TV.plaintext);
  });

  it('ENC-3: the layout is plain AES-256-GCM per chunk as documented (recomputed with raw node:crypto)', () => {
    const key = Buffer.from(TV.keyHex, 'hex');
    const pt = Buffer.from(TV.plaintext, 'utf8');
    const head = Buffer.from([0x50, 0x56, 0x01, TV.chunkLog2]);
    const lp = (s: string) => { const b = Buffer.from(s, 'utf8'); const l = Buffer.alloc(4); l.writeUInt32BE(b.length); return Buffer.concat([l, b]); };
    const ad = Buffer.concat([head, Buffer.from('palisade.vault.v1'), lp(TV.orgId), lp(TV.fileId)]);
    const parts = [head];
    const size = 2 ** TV.chunkLog2;
    const n = Math.ceil(pt.length / size);
    for (let i = 0; i < n; i++) {
      const iv = Buffer.alloc(12);
      iv.writeUInt32BE(i, 7);
      iv[11] = i === n - 1 ? 1 : 0;
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(ad);
      parts.push(c.update(pt.subarray(i * size, (i + 1) * size)), c.final(), c.getAuthTag());
    }
    expect(Buffer.concat(parts).toString('hex')).toBe(TV.ciphertextHex);
  });

  it('ENC-3: round-trips any plaintext across chunk boundaries, with the predicted length (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 600 }), fc.integer({ min: 1, max: 97 }), async (pt, split) => {
        const key = randomBytes(32);
        const sealed = await encryptBuffer(key, CTX, pt, { chunkLog2: 6 });
        expect(sealed.length).toBe(encryptedLength(pt.length, 6));
        // Feed the ciphertext in arbitrary pieces: the reader must not depend on write boundaries.
        const pieces: Buffer[] = [];
        for (let i = 0; i < sealed.length; i += split) pieces.push(sealed.subarray(i, i + split));
        const out: Buffer[] = [];
        await new Promise<void>((resolve, reject) => {
          Readable.from(pieces).pipe(createDecryptStream(key, CTX)).on('data', (c: Buffer) => out.push(c)).on('end', resolve).on('error', reject);
        });
        expect(Buffer.concat(out).equals(Buffer.from(pt))).toBe(true);
        // The writer must not depend on write boundaries either: plaintext fed in pieces seals
        // to the same bytes (the nonces are a counter under this file's key).
        const sealedFromPieces: Buffer[] = [];
        await new Promise<void>((resolve, reject) => {
          const plainPieces: Buffer[] = [];
          for (let i = 0; i < pt.length; i += split) plainPieces.push(Buffer.from(pt.subarray(i, i + split)));
          Readable.from(plainPieces).pipe(createEncryptStream(key, CTX, { chunkLog2: 6 })).on('data', (c: Buffer) => sealedFromPieces.push(c)).on('end', resolve).on('error', reject);
        });
        expect(Buffer.concat(sealedFromPieces).equals(sealed)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('ENC-3: flipping any single byte of a sealed file fails with decryption_failed', async () => {
    const key = randomBytes(32);
    const sealed = await encryptBuffer(key, CTX, randomBytes(200), { chunkLog2: 6 });
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = (bad[i] as number) ^ 0x01;
      await expectFails(decryptBuffer(key, CTX, bad));
    }
  });

  it('ENC-3: a file truncated at a chunk boundary (or anywhere) fails; so does an appended chunk', async () => {
    const key = randomBytes(32);
    const sealed = await encryptBuffer(key, CTX, randomBytes(CHUNK * 3 + 10), { chunkLog2: 6 });
    for (const cut of [4 + SEALED, 4 + 2 * SEALED, 4 + 3 * SEALED, sealed.length - 1, 4, 3, 0]) {
      await expectFails(decryptBuffer(key, CTX, sealed.subarray(0, cut)));
    }
    const { chunks } = chunksOf(sealed);
    await expectFails(decryptBuffer(key, CTX, Buffer.concat([sealed, chunks[0] as Buffer])));
  });

  it('ENC-3: reordered, duplicated or dropped chunks fail', async () => {
    const key = randomBytes(32);
    const sealed = await encryptBuffer(key, CTX, randomBytes(CHUNK * 3 + 10), { chunkLog2: 6 });
    const { head, chunks } = chunksOf(sealed);
    const [c0, c1, c2, c3] = chunks as [Buffer, Buffer, Buffer, Buffer];
    await expectFails(decryptBuffer(key, CTX, Buffer.concat([head, c1, c0, c2, c3])));
    await expectFails(decryptBuffer(key, CTX, Buffer.concat([head, c0, c0, c2, c3])));
    await expectFails(decryptBuffer(key, CTX, Buffer.concat([head, c0, c2, c3])));
  });

  it('ENC-3 / TEN-3: a chunk swapped in from another file (even under the same key) or a file opened as another org fails', async () => {
    const key = randomBytes(32);
    const a = chunksOf(await encryptBuffer(key, CTX, randomBytes(CHUNK * 2 + 5), { chunkLog2: 6 }));
    const b = chunksOf(await encryptBuffer(key, { orgId: 'org_a', fileId: 'fil_b' }, randomBytes(CHUNK * 2 + 5), { chunkLog2: 6 }));
    await expectFails(decryptBuffer(key, CTX, Buffer.concat([a.head, a.chunks[0] as Buffer, b.chunks[1] as Buffer, a.chunks[2] as Buffer])));
    const whole = Buffer.concat([a.head, ...a.chunks]);
    await expectFails(decryptBuffer(key, { orgId: 'org_b', fileId: 'fil_a' }, whole));
    await expectFails(decryptBuffer(randomBytes(32), CTX, whole));
  });

  it('ENC-3: no byte of a tampered chunk is released — the stream errors before emitting it', async () => {
    const key = randomBytes(32);
    const pt = randomBytes(CHUNK * 3);
    const sealed = await encryptBuffer(key, CTX, pt, { chunkLog2: 6 });
    const bad = Buffer.from(sealed);
    bad[4 + SEALED + 3] = (bad[4 + SEALED + 3] as number) ^ 0x80; // second chunk's ciphertext
    const got: Buffer[] = [];
    const err = await new Promise<unknown>((resolve) => {
      Readable.from([bad]).pipe(createDecryptStream(key, CTX)).on('data', (c: Buffer) => got.push(c)).on('error', resolve).on('end', () => resolve(null));
    });
    expect(err).toBeInstanceOf(DecryptionFailed);
    // Only the first (authentic) chunk came out; nothing of the tampered one.
    expect(Buffer.concat(got).equals(pt.subarray(0, CHUNK))).toBe(true);
  });

  it('ENC-3: an empty file is one authenticated empty final chunk; a wrong header or hostile chunk size is refused', async () => {
    const key = randomBytes(32);
    const sealed = await encryptBuffer(key, CTX, new Uint8Array(0));
    expect(sealed.length).toBe(4 + 16);
    expect((await decryptBuffer(key, CTX, sealed)).length).toBe(0);
    for (const head of [[0x50, 0x4c, 1, 16], [0x50, 0x56, 2, 16], [0x50, 0x56, 1, 30], [0x50, 0x56, 1, 2]]) {
      await expectFails(decryptBuffer(key, CTX, Buffer.concat([Buffer.from(head), sealed.subarray(4)])));
    }
  });
});
