/* One contract suite for every ObjectStorage adapter (STYLE §7): disk and S3 (against s3rver)
   must behave the same. Imported by storage.disk.test.ts and storage.s3.test.ts. */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.js';
import { assertKey, objectKey, ObjectMissing, orgPrefix, type ObjectStorage } from './storage.js';

async function readAll(r: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** A body of `n` pseudo-random bytes produced in 64 KiB pieces (never held whole). */
function generated(n: number, seed: Buffer): { stream: Readable; sha256: () => string } {
  const h = createHash('sha256');
  let left = n;
  let counter = 0;
  const base = createHash('sha512').update(seed).digest();
  const stream = new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const len = Math.min(65536, left);
      const piece = Buffer.alloc(len);
      for (let off = 0; off < len; off += 64) base.copy(piece, off);
      piece.writeUInt32BE(counter++, 0);
      left -= len;
      h.update(piece);
      this.push(piece);
    },
  });
  return { stream, sha256: () => h.digest('hex') };
}

export function storageContract(name: string, make: () => Promise<{ storage: ObjectStorage; cleanup: () => Promise<void> }>): void {
  describe(`object storage contract: ${name}`, () => {
    let storage: ObjectStorage;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, cleanup } = await make());
    });
    afterAll(async () => {
      await storage.close();
      await cleanup();
    });

    it('FILE-1: put, head, get and delete an object under the organisation\'s key', async () => {
      const key = objectKey(newId('org'), newId('fil'));
      const body = randomBytes(1000);
      expect(await storage.put(key, Readable.from([body]))).toEqual({ size: 1000 });
      expect(await storage.head(key)).toEqual({ key, size: 1000 });
      expect((await readAll(await storage.get(key))).equals(body)).toBe(true);
      await storage.delete(key);
      expect(await storage.head(key)).toBeNull();
      await expect(storage.get(key)).rejects.toBeInstanceOf(ObjectMissing);
      await storage.delete(key); // deleting again is not an error
    });

    it('TEN-3: each organisation lists only its own namespace', async () => {
      const a = newId('org');
      const b = newId('org');
      const ka = objectKey(a, newId('fil'));
      const kb = objectKey(b, newId('fil'));
      await storage.put(ka, Readable.from([Buffer.from('a')]));
      await storage.put(kb, Readable.from([Buffer.from('b')]));
      expect((await storage.list(orgPrefix(a))).map((o) => o.key)).toEqual([ka]);
      expect((await storage.list(orgPrefix(b))).map((o) => o.key)).toEqual([kb]);
      expect(ka.startsWith(`org/${a}/files/`)).toBe(true);
    });

    it('TEN-3: keys not made by objectKey (traversal, absolute, foreign shapes) are refused before the backend is touched', async () => {
      const org = newId('org');
      const bad = [
        `org/${org}/files/../../../etc/passwd`, `org/${org}/../${newId('org')}/files/${newId('fil')}`, '/etc/passwd',
        `org/${org}/files/fil_a/b`, `org/${org}/files/fil_a%2f..`, `org/${org}/files/fil_a\u0000`, `org/${org}/files/`,
        `org/${org}/files/FIL_A`, `../org/${org}/files/fil_a`, `org/${org}/files/fil_a\n`,
      ];
      for (const key of bad) {
        expect(() => assertKey(key), key).toThrow(TypeError);
        await expect(storage.put(key, Readable.from([Buffer.from('x')])), key).rejects.toThrow(TypeError);
        await expect(storage.get(key), key).rejects.toThrow(TypeError);
        await expect(storage.delete(key), key).rejects.toThrow(TypeError);
      }
      expect(() => objectKey('../org_x', 'fil_a')).toThrow(TypeError);
      expect(() => objectKey('org_a', 'fil_a/../../x')).toThrow(TypeError);
      await expect(storage.list('org/')).rejects.toThrow(TypeError);
      await expect(storage.list(`org/${org}/../`)).rejects.toThrow(TypeError);
    });

    it('FILE-1: a body that fails midway leaves no object; an existing key is never replaced', async () => {
      const key = objectKey(newId('org'), newId('fil'));
      let sent = 0;
      const failing = new Readable({
        read() {
          if (sent++ < 3) this.push(randomBytes(64 * 1024));
          else this.destroy(new Error('client went away'));
        },
      });
      await expect(storage.put(key, failing)).rejects.toThrow();
      expect(await storage.head(key)).toBeNull();
      const key2 = objectKey(newId('org'), newId('fil'));
      await storage.put(key2, Readable.from([Buffer.from('first')]));
      await expect(storage.put(key2, Readable.from([Buffer.from('second')]))).rejects.toThrow();
      expect((await readAll(await storage.get(key2))).toString()).toBe('first');
    });

    it('FILE-1: a 12 MB object streams through in both directions (multipart on S3)', async () => {
      const key = objectKey(newId('org'), newId('fil'));
      const g = generated(12 * 1024 * 1024 + 17, randomBytes(8));
      expect((await storage.put(key, g.stream)).size).toBe(12 * 1024 * 1024 + 17);
      const expected = g.sha256();
      const h = createHash('sha256');
      for await (const c of await storage.get(key)) h.update(c as Buffer);
      expect(h.digest('hex')).toBe(expected);
      expect((await storage.head(key))?.size).toBe(12 * 1024 * 1024 + 17);
    });
  });
}
