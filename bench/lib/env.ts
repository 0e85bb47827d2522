/* Paths and the environment handed to bench children. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT_DIR = resolve(BENCH_DIR, '..');
export const DEPS_DIR = join(BENCH_DIR, 'deps');

/** libuv thread-pool size given to every server and to the raw-hashing baseline alike (W3). */
export const UV_THREADPOOL_SIZE = process.env.UV_THREADPOOL_SIZE ?? '4';

/** A clean environment: PATH and HOME from ours, nothing Palisade might read by accident. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = { UV_THREADPOOL_SIZE, NODE_ENV: 'production' };
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const v = process.env[k];
    if (v !== undefined) base[k] = v;
  }
  return { ...base, ...extra };
}
