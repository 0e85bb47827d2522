/* Baseline for W9: the same bytes streamed raw to the same storage — Palisade's own local-disk
   adapter (src/vault/storage-disk.ts: temporary file, fsync, link into place) — with no
   encryption, no hashing, no signed URL, no database. PUT /raw/<name> stores the request body
   as it arrives; GET /raw/<name> streams it back.
   env: STORAGE_DIR, PORT (0 = any). */
import { createServer } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { diskStorage } from '../../src/vault/storage-disk.js';
import { objectKey } from '../../src/vault/storage.js';
import { newId } from '../../src/lib/ids.js';

const storage = diskStorage(process.env.STORAGE_DIR ?? '');
const org = newId('org');
const keys = new Map<string, string>();

const server = createServer((req, res) => {
  const name = /^\/raw\/([a-z0-9-]{1,40})$/.exec(req.url ?? '')?.[1];
  const fail = (e: unknown) => {
    if (!res.headersSent) res.writeHead(500).end(String((e as Error).message));
    else res.destroy();
  };
  if (!name) return void res.writeHead(404).end();
  if (req.method === 'PUT') {
    const key = objectKey(org, newId('fil'));
    storage.put(key, req).then(({ size }) => {
      keys.set(name, key);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ size }));
    }, fail);
    return;
  }
  if (req.method === 'GET') {
    const key = keys.get(name);
    if (!key) return void res.writeHead(404).end();
    Promise.all([storage.head(key), storage.get(key)]).then(async ([info, body]) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(info?.size ?? 0) });
      await pipeline(body, res);
    }).catch(fail);
    return;
  }
  res.writeHead(405).end();
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`LISTENING ${JSON.stringify({ port: typeof a === 'object' && a ? a.port : 0 })}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
