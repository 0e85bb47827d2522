/* S3-compatible object storage (AWS S3, MinIO, R2, …) through @aws-sdk/client-s3. Uploads are
   streamed as multipart uploads (@aws-sdk/lib-storage) in bounded parts, so a 1 GB file never
   sits in memory; a failed upload is aborted, leaving no object. Keys are checked by storage.ts
   like every adapter's: the organisation's prefix comes from objectKey() only (TEN-3). */
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { assertKey, assertPrefix, ObjectMissing, type ObjectInfo, type ObjectStorage } from './storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, s3rver): their URL; path-style addressing is used. */
  endpoint?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** Multipart part size in bytes (S3 minimum 5 MiB). */
  partSize?: number;
}

const notFound = (e: unknown): boolean => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404;
};

export function s3Storage(opts: S3StorageOptions): ObjectStorage {
  const client = new S3Client({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint, forcePathStyle: true } : {}),
    ...(opts.accessKeyId && opts.secretAccessKey ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } } : {}),
    // Checksums only where the API requires them: S3-compatible stores differ in what they accept,
    // and every object is already authenticated chunk by chunk (stream-format.ts).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = opts.bucket;
  return {
    kind: 's3',
    async put(key, body) {
      assertKey(key);
      if ((await this.head(key)) !== null) throw new TypeError('object key already exists');
      let size = 0;
      body.on('data', (c: Buffer) => { size += c.length; });
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: body, ContentType: 'application/octet-stream' },
        partSize: Math.max(opts.partSize ?? 8 * 1024 * 1024, 5 * 1024 * 1024),
        queueSize: 2,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (e) {
        body.destroy();
        throw e;
      }
      return { size };
    },
    async get(key) {
      assertKey(key);
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!(res.Body instanceof Readable)) throw new TypeError('S3 returned no stream');
        return res.Body;
      } catch (e) {
        if (notFound(e)) throw new ObjectMissing();
        throw e;
      }
    },
    async head(key) {
      assertKey(key);
      try {
        const res = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { key, size: res.ContentLength ?? 0 };
      } catch (e) {
        if (notFound(e)) return null;
        throw e;
      }
    },
    async delete(key) {
      assertKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async list(prefix) {
      assertPrefix(prefix);
      const out: ObjectInfo[] = [];
      let token: string | undefined;
      do {
        const res = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
        for (const o of res.Contents ?? []) if (o.Key) out.push({ key: o.Key, size: o.Size ?? 0 });
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
      return out.sort((a, b) => a.key.localeCompare(b.key));
    },
    async close() {
      client.destroy();
    },
  };
}
