/* FILE-1, TEN-3: the storage contract on local disk (storage.contract.ts), plus where disk puts the bytes. */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.js';
import { diskStorage } from './storage-disk.js';
import { objectKey } from './storage.js';
import { storageContract } from './storage.contract.js';

storageContract('local disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-disk-'));
  return { storage: diskStorage(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('local disk storage', () => {
  it('TEN-3: an object lands at <root>/org/<orgId>/files/<fileId>, mode 0600 in 0700 directories, with no temporary file left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-disk-'));
    try {
      const org = newId('org');
      const file = newId('fil');
      await diskStorage(dir).put(objectKey(org, file), Readable.from([Buffer.from('x')]));
      const st = await stat(join(dir, 'org', org, 'files', file));
      expect(st.mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'org', org, 'files'))).mode & 0o777).toBe(0o700);
      expect(await readdir(join(dir, 'org', org, 'files'))).toEqual([file]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
