/* Local-disk object storage: the default, under `<PALISADE_DATA_DIR>/files`. Keys map to paths
   below the root only (storage.ts checks their shape; resolve() is checked again here). Files
   are written to a temporary name and renamed into place, mode 0600 in 0700 directories, so a
   reader never sees half an object and a crash leaves at most a temporary file behind; link() never replaces an existing object. */
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertKey, assertPrefix, ObjectMissing, type ObjectInfo, type ObjectStorage } from './storage.js';

export function diskStorage(root: string): ObjectStorage {
  const base = resolve(root);
  const pathOf = (key: string): string => {
    assertKey(key);
    const p = resolve(base, ...key.split('/'));
    if (!p.startsWith(base + sep)) throw new TypeError('object key escapes the storage root');
    return p;
  };
  const missing = (e: unknown): boolean => (e as NodeJS.ErrnoException).code === 'ENOENT';

  return {
    kind: 'disk',
    async put(key, body: Readable) {
      const target = pathOf(key);
      const dir = resolve(target, '..');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const tmp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
      let size = 0;
      body.on('data', (c: Buffer) => { size += c.length; });
      try {
        // 'wx': never follow or overwrite an existing path.
        await pipeline(body, createWriteStream(tmp, { flags: 'wx', mode: 0o600 }));
        const fh = await open(tmp, 'r');
        try { await fh.sync(); } finally { await fh.close(); }
        // link() refuses an existing target (EEXIST), where rename() would replace it.
        await link(tmp, target);
      } finally {
        await rm(tmp, { force: true });
      }
      return { size };
    },
    async get(key) {
      const p = pathOf(key);
      try {
        await stat(p);
      } catch (e) {
        if (missing(e)) throw new ObjectMissing();
        throw e;
      }
      return createReadStream(p);
    },
    async head(key) {
      try {
        const s = await stat(pathOf(key));
        return { key, size: s.size };
      } catch (e) {
        if (missing(e)) return null;
        throw e;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async list(prefix) {
      assertPrefix(prefix);
      const dir = resolve(base, ...prefix.split('/').filter(Boolean));
      const out: ObjectInfo[] = [];
      const walk = async (d: string, rel: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(d, { withFileTypes: true });
        } catch (e) {
          if (missing(e)) return;
          throw e;
        }
        for (const ent of entries) {
          if (ent.name.startsWith('.tmp-')) continue;
          const r = rel ? `${rel}/${ent.name}` : ent.name;
          if (ent.isDirectory()) await walk(join(d, ent.name), r);
          else if (ent.isFile()) out.push({ key: `${prefix.replace(/\/$/, '')}/${r}`, size: (await stat(join(d, ent.name))).size });
        }
      };
      await walk(dir, '');
      return out.sort((a, b) => a.key.localeCompare(b.key));
    },
    async close() {},
  };
}
