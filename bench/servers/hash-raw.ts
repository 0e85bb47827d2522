/* W3 baseline: raw password-verification throughput, in its own process, with the parameters
   Palisade is configured with and the same UV_THREADPOOL_SIZE as the server (set by the bench
   for both). It uses Palisade's own hasher (the @node-rs/argon2 or @node-rs/bcrypt call plus a
   string parse), so the gap to W3 is exactly what sign-in adds: HTTP, lookups, session, audit.
   argv[2]: JSON { algorithm: 'argon2id' | 'bcrypt', durationS, concurrency }
   prints one JSON line { ok, seconds, rps }. */
import { createPasswordHasher, OWASP_DEFAULTS, type PasswordAlgorithm } from '../../src/identity/passwords.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as { algorithm?: PasswordAlgorithm; durationS?: number; concurrency?: number };
const hasher = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: spec.algorithm ?? 'argon2id' });
const password = 'correct horse battery staple 42';
const stored = await hasher.hash(password);
const durationMs = (spec.durationS ?? 5) * 1000;
let ok = 0;
const start = performance.now();
const deadline = start + durationMs;
async function worker(): Promise<void> {
  while (performance.now() < deadline) {
    if (!(await hasher.verify(stored, password))) throw new Error('verification failed');
    ok++;
  }
}
await Promise.all(Array.from({ length: spec.concurrency ?? 50 }, worker));
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ ok, seconds, rps: ok / seconds })}\n`);
