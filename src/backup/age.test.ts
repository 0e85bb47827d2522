/* The age STREAM payload we write with Node's native ChaCha20-Poly1305 (age.ts), checked against
   Debian's `age` 1.1 in both directions and attacked chunk by chunk. The attacks that need the
   payload key (a validly sealed chunk after the last one, an empty final chunk after a full one)
   derive it here independently from the spec: HKDF-SHA-256(file key, nonce, "payload"), the
   file key unwrapped by the library's Decrypter. Claim ENC-7 (c2sp.org/age, "Payload"). */
import { execFile } from 'node:child_process';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { Decrypter } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptStream, encryptStream, parseIdentityFile, plaintextOf } from './age.js';
import { BackupCorrupt, BackupWrongIdentity } from './errors.js';

const run = promisify(execFile);
const K = 64 * 1024;
const SIZES = [0, 1, K - 1, K, K + 1, 2 * K, 3 * 1024 * 1024 + 12_345];

let dir: string;
const keys: { file: string; identity: string; recipient: string }[] = [];

async function ageKeygen(file: string): Promise<{ file: string; identity: string; recipient: string }> {
  await run('age-keygen', ['-o', file]);
  const text = await readFile(file, 'utf8');
  return { file, identity: parseIdentityFile(text)[0]!, recipient: /public key: (age1\S+)/.exec(text)![1]! };
}

/** Splits bytes into pieces of random sizes (1 byte to 100 KiB), so chunk boundaries fall anywhere. */
function pieces(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < b.length;) {
    const n = Math.min(b.length - at, 1 + Math.floor(Math.random() * (Math.random() < 0.3 ? 17 : 100 * 1024)));
    out.push(b.subarray(at, at + n));
    at += n;
  }
  return out;
}

async function ours(plain: Buffer, recipients: string[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of await encryptStream(Readable.from(pieces(plain)), recipients)) out.push(c as Buffer);
  return Buffer.concat(out);
}

async function openOurs(cipher: Buffer, identity: string): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const c of plaintextOf(await decryptStream(Readable.from(pieces(cipher)), [identity], ['age1recipients-of-the-manifest']))) out.push(c);
  return Buffer.concat(out);
}

async function debianDecrypt(cipher: Buffer, keyFile: string): Promise<Buffer> {
  const f = join(dir, `c-${randomBytes(6).toString('hex')}.age`);
  await writeFile(f, cipher);
  const { stdout } = await run('age', ['-d', '-i', keyFile, f], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function debianEncrypt(plain: Buffer, recipient: string): Promise<Buffer> {
  const f = join(dir, `p-${randomBytes(6).toString('hex')}`);
  await writeFile(f, plain);
  const { stdout } = await run('age', ['-e', '-r', recipient, f], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The file's parts, and its payload key derived here from the spec (not from age.ts). */
async function dissect(file: Buffer, identity: string): Promise<{ header: Buffer; nonce: Buffer; chunks: Buffer[]; key: Buffer }> {
  const end = file.indexOf('\n', file.indexOf('\n--- ') + 1) + 1;
  const header = file.subarray(0, end);
  const nonce = file.subarray(end, end + 16);
  const chunks: Buffer[] = [];
  for (let at = end + 16; at < file.length; at += K + 16) chunks.push(file.subarray(at, Math.min(file.length, at + K + 16)));
  const d = new Decrypter();
  d.addIdentity(identity);
  const fileKey = await d.decryptHeader(header);
  return { header, nonce, chunks, key: Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32)) };
}

function nonceOf(i: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(i, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

function sealChunk(key: Buffer, i: number, last: boolean, plain: Buffer): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, nonceOf(i, last), { authTagLength: 16 });
  const body = c.update(plain);
  c.final();
  return Buffer.concat([body, c.getAuthTag()]);
}

function openChunk(key: Buffer, i: number, last: boolean, chunk: Buffer): Buffer {
  const d = createDecipheriv('chacha20-poly1305', key, nonceOf(i, last), { authTagLength: 16 });
  d.setAuthTag(chunk.subarray(chunk.length - 16));
  const body = d.update(chunk.subarray(0, chunk.length - 16));
  d.final();
  return body;
}

async function refusedByBoth(file: Buffer): Promise<void> {
  await expect(openOurs(file, keys[0]!.identity)).rejects.toBeInstanceOf(BackupCorrupt);
  await expect(debianDecrypt(file, keys[0]!.file)).rejects.toThrow();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-age-'));
  keys.push(await ageKeygen(join(dir, 'k1.txt')), await ageKeygen(join(dir, 'k2.txt')));
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('age payload (native ChaCha20-Poly1305)', () => {
  it('ENC-7: Debian age -d opens what we write (0 B, 1 B, 64 KiB ± 1, 64 KiB, 128 KiB, 3 MB), for each of two recipients; the chunk layout is the spec\'s', async () => {
    for (const size of SIZES) {
      const plain = randomBytes(size);
      const file = await ours(plain, [keys[0]!.recipient, keys[1]!.recipient]);
      expect(file.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n');
      for (const k of keys) expect((await debianDecrypt(file, k.file)).equals(plain)).toBe(true);
      const { chunks, key } = await dissect(file, keys[1]!.identity);
      // ceil(size / 64 KiB) chunks, one (empty) for an empty file; every chunk full but the last.
      expect(chunks.length).toBe(Math.max(1, Math.ceil(size / K)));
      chunks.forEach((c, i) => {
        const last = i === chunks.length - 1;
        expect(c.length).toBe(last ? size - i * K + 16 : K + 16);
        expect(openChunk(key, i, last, c).equals(plain.subarray(i * K, i * K + K))).toBe(true);
      });
    }
  }, 120_000);

  it('ENC-7: we open what Debian age -e writes, at the same sizes, and our own output', async () => {
    for (const size of SIZES) {
      const plain = randomBytes(size);
      expect((await openOurs(await debianEncrypt(plain, keys[0]!.recipient), keys[0]!.identity)).equals(plain)).toBe(true);
      expect((await openOurs(await ours(plain, [keys[0]!.recipient]), keys[0]!.identity)).equals(plain)).toBe(true);
    }
  }, 120_000);

  describe('ENC-7: a damaged payload is refused, by us and by Debian age', () => {
    let file: Buffer;
    let parts: Awaited<ReturnType<typeof dissect>>;
    const plain = randomBytes(3 * K + 1000);
    const assemble = (chunks: Buffer[]): Buffer => Buffer.concat([parts.header, parts.nonce, ...chunks]);

    beforeAll(async () => {
      file = await ours(plain, [keys[0]!.recipient]);
      parts = await dissect(file, keys[0]!.identity);
      expect(parts.chunks.length).toBe(4);
      expect((await openOurs(assemble(parts.chunks), keys[0]!.identity)).equals(plain)).toBe(true);
    });

    it('ENC-7: one flipped byte anywhere in the payload (each chunk, its tag, the nonce)', async () => {
      const nonceAt = parts.header.length;
      for (const at of [nonceAt + 3, nonceAt + 16 + 5, nonceAt + 16 + K + 10, file.length - 1, file.length - 17, file.length - 100]) {
        const bad = Buffer.from(file);
        bad[at]! ^= 0x01;
        await refusedByBoth(bad);
      }
    });

    it('ENC-7: a truncated last chunk, a dropped last chunk, an empty payload after the header', async () => {
      await refusedByBoth(file.subarray(0, file.length - 1));
      await refusedByBoth(file.subarray(0, file.length - 20));
      await refusedByBoth(assemble(parts.chunks.slice(0, 3)));
      await refusedByBoth(assemble([]));
      await expect(openOurs(Buffer.concat([parts.header, parts.nonce.subarray(0, 10)]), keys[0]!.identity)).rejects.toBeInstanceOf(BackupCorrupt);
    });

    it('ENC-7: reordered or dropped chunks', async () => {
      const [c0, c1, c2, c3] = parts.chunks as [Buffer, Buffer, Buffer, Buffer];
      await refusedByBoth(assemble([c1, c0, c2, c3]));
      await refusedByBoth(assemble([c0, c2, c1, c3]));
      await refusedByBoth(assemble([c0, c2, c3]));
      await refusedByBoth(assemble([c0, c1, c3]));
    });

    it('ENC-7: anything after the last chunk: garbage, a copy of a chunk, a chunk validly sealed under the payload key (as last or not)', async () => {
      const { key, chunks } = parts;
      await refusedByBoth(Buffer.concat([file, Buffer.from([0])]));
      await refusedByBoth(Buffer.concat([file, chunks[0]!]));
      await refusedByBoth(assemble([...chunks, sealChunk(key, 4, true, Buffer.from('appended'))]));
      await refusedByBoth(assemble([...chunks, sealChunk(key, 4, false, Buffer.from('appended'))]));
    });

    it('ENC-7: a full last chunk is flagged last; one sealed non-last followed by an empty final chunk is refused (the final chunk may be empty only when the whole payload is)', async () => {
      const { key } = parts;
      const full = randomBytes(2 * K);
      const good = assemble([sealChunk(key, 0, false, full.subarray(0, K)), sealChunk(key, 1, true, full.subarray(K))]);
      expect((await openOurs(good, keys[0]!.identity)).equals(full)).toBe(true);
      expect((await debianDecrypt(good, keys[0]!.file)).equals(full)).toBe(true);
      await refusedByBoth(assemble([sealChunk(key, 0, false, full.subarray(0, K)), sealChunk(key, 1, false, full.subarray(K)), sealChunk(key, 2, true, Buffer.alloc(0))]));
      // The empty payload's single empty chunk is the one exception, and it is flagged last.
      const empty = assemble([sealChunk(key, 0, true, Buffer.alloc(0))]);
      expect((await openOurs(empty, keys[0]!.identity)).length).toBe(0);
      await refusedByBoth(assemble([sealChunk(key, 0, false, Buffer.alloc(0))]));
    });

    it('ENC-7: a damaged header MAC is backup_corrupt; another recipient\'s file is backup_wrong_identity', async () => {
      const bad = Buffer.from(file);
      const mac = bad.indexOf('\n--- ') + 6;
      bad[mac] = bad[mac] === 0x41 ? 0x42 : 0x41;
      await expect(openOurs(bad, keys[0]!.identity)).rejects.toBeInstanceOf(BackupCorrupt);
      await expect(openOurs(file, keys[1]!.identity)).rejects.toBeInstanceOf(BackupWrongIdentity);
    });
  });
});
