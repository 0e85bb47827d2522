/* The hasher's guards that only a misbehaving library or a burst of calls reaches (found by
   mutation testing, issue 21). The two hashing libraries are wrapped: every call still runs the
   real native code, and the wrapper counts how many run at once, or (when a test asks) alters
   what bcrypt returned, as a library bug or a changed library would. */
import { availableParallelism } from 'node:os';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPasswordHasher, OWASP_DEFAULTS } from './passwords.js';

const probe = vi.hoisted(() => ({ active: 0, peak: 0, tamper: null as null | ((out: string) => string) }));

function counted<A extends unknown[], R>(fn: (...a: A) => Promise<R>): (...a: A) => Promise<R> {
  return async (...a: A) => {
    probe.active += 1;
    probe.peak = Math.max(probe.peak, probe.active);
    try {
      return await fn(...a);
    } finally {
      probe.active -= 1;
    }
  };
}

vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...real, hash: counted(real.hash), verify: counted(real.verify) };
});
vi.mock('@node-rs/bcrypt', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/bcrypt')>();
  const hash = async (...a: Parameters<typeof real.hash>) => {
    const out = await real.hash(...a);
    return probe.tamper ? probe.tamper(out) : out;
  };
  return { ...real, hash: counted(hash), verify: counted(real.verify) };
});

beforeEach(() => {
  probe.active = 0;
  probe.peak = 0;
  probe.tamper = null;
});

describe('the hashing gate as configured', () => {
  it('AUTH-7: with concurrency 1, hashing, verification and the unknown-address dummy wait in one queue: never two at once', async () => {
    const h = await createPasswordHasher({ ...OWASP_DEFAULTS, concurrency: 1 });
    const stored = await h.hash('pw');
    probe.peak = 0;
    const results = await Promise.all([h.verify(stored, 'pw'), h.verifyDummy('pw'), h.hash('other').then(() => 'hashed'), h.verify(stored, 'no'), h.verifyDummy('x')]);
    expect(results).toEqual([true, false, 'hashed', false, false]);
    expect(probe.peak).toBe(1);
  });

  it('AUTH-7: unset, 0 or negative, the bound is the number of cores: a burst larger than that never runs more at once', async () => {
    const cores = availableParallelism();
    for (const concurrency of [undefined, 0, -1]) {
      const h = await createPasswordHasher(concurrency === undefined ? OWASP_DEFAULTS : { ...OWASP_DEFAULTS, concurrency });
      const stored = await h.hash('pw');
      probe.peak = 0;
      const burst = await Promise.all(Array.from({ length: cores + 2 }, (_, i) => (i % 2 ? h.verifyDummy('pw') : h.verify(stored, 'pw'))));
      expect(burst.filter(Boolean)).toHaveLength(Math.ceil((cores + 2) / 2));
      expect(probe.peak, `concurrency ${String(concurrency)}`).toBeGreaterThanOrEqual(1);
      expect(probe.peak, `concurrency ${String(concurrency)}`).toBeLessThanOrEqual(cores);
    }
  });
});

describe('bcrypt output checked against the salt the HMAC was keyed with', () => {
  it('AUTH-1: if bcrypt returned another salt, another cost or a malformed hash, hashing refuses rather than store a hash no password can verify', async () => {
    const h = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt' });
    expect(await h.verify(await h.hash('pw'), 'pw')).toBe(true);
    const otherSalt = (out: string) => `${out.slice(0, 7)}${out[7] === 'a' ? 'b' : 'a'}${out.slice(8)}`;
    // A function, not a replacement string: in one, `$2` and `$13` name capture groups, and the
    // "other cost" came out malformed ("$2bb3$…"), so the cost check itself was never reached
    // (the replayed mutant `Number(m[1]) !== c.bcryptCost` → false survived, session 9).
    const otherCost = (out: string) => out.replace(/^\$2([aby])\$12\$/, (_m, v: string) => `$2${v}$13$`);
    expect(otherCost('$2b$12$abc')).toBe('$2b$13$abc');
    for (const tamper of [otherSalt, otherCost, (out: string) => out.slice(0, -1), (out: string) => `x${out}`, (out: string) => `${out}x`]) {
      probe.tamper = tamper;
      await expect(h.hash('pw'), tamper.toString()).rejects.toThrow(/bcrypt output does not match its salt or cost/);
    }
  });
});
