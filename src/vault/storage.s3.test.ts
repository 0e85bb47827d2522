/* FILE-1, TEN-3: the storage contract against a real S3 API: s3rver on loopback (it does not check SigV4
   signatures; URL forgery is tested on Palisade's own signed URLs, routes.test.ts). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { s3Storage } from './storage-s3.js';
import { storageContract } from './storage.contract.js';

storageContract('S3 (s3rver)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'palisade-test', configs: [] }] });
  const { port } = await server.run();
  const storage = s3Storage({ bucket: 'palisade-test', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', partSize: 5 * 1024 * 1024 });
  return {
    storage,
    cleanup: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
