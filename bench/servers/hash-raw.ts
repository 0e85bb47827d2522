/* W3 baseline: raw password-verification throughput, in its own process: @node-rs/argon2's
   verify (or @node-rs/bcrypt's) called directly with the parameters Palisade is configured
   with, and the same UV_THREADPOOL_SIZE as the server (set by the bench for both). No
   Palisade code runs here, so whatever Palisade's hasher adds (normalisation, parsing, any
   scheduling) counts on Palisade's side of W3.
   argv[2]: JSON { algorithm: 'argon2id' | 'bcrypt', durationS, concurrency }
   prints one JSON line { ok, seconds, rps }. */
import * as argon2 from '@node-rs/argon2';
import * as bcrypt from '@node-rs/bcrypt';
import type { Algorithm } from '@node-rs/argon2';
import { OWASP_DEFAULTS } from '../../src/identity/passwords.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as { algorithm?: 'argon2id' | 'bcrypt'; durationS?: number; concurrency?: number };
const password = 'correct horse battery staple 42';
const c = OWASP_DEFAULTS;
let verify: () => Promise<boolean>;
if ((spec.algorithm ?? 'argon2id') === 'argon2id') {
  const stored = await argon2.hash(password, {
    algorithm: 2 as Algorithm, // Argon2id (the module's const enum)
    memoryCost: c.argon2MemoryKib,
    timeCost: c.argon2TimeCost,
    parallelism: c.argon2Parallelism,
    outputLen: 32,
  });
  verify = () => argon2.verify(stored, password);
} else {
  const stored = await bcrypt.hash(password, c.bcryptCost);
  verify = () => bcrypt.verify(password, stored);
}
const durationMs = (spec.durationS ?? 5) * 1000;
let ok = 0;
const start = performance.now();
const deadline = start + durationMs;
async function worker(): Promise<void> {
  while (performance.now() < deadline) {
    if (!(await verify())) throw new Error('verification failed');
    ok++;
  }
}
await Promise.all(Array.from({ length: spec.concurrency ?? 16 }, worker));
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ ok, seconds, rps: ok / seconds })}\n`);
