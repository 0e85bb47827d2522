import { describe, expect, it } from 'vitest';
import * as bcrypt from '@node-rs/bcrypt';
import * as argon2 from '@node-rs/argon2';
import { createHmac, randomBytes } from 'node:crypto';
import { bcryptBase64, createPasswordHasher, OWASP_DEFAULTS, validatePasswordHashingConfig } from './passwords.js';

const pw = 'correct horse battery staple';

describe('password hashing', () => {
  it('AUTH-1: default hash is argon2id with the OWASP parameters (m=19456, t=2, p=1) in PHC form', async () => {
    const h = await createPasswordHasher();
    const stored = await h.hash(pw);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(stored).not.toContain(pw);
    expect(await h.verify(stored, pw)).toBe(true);
    expect(await h.verify(stored, `${pw}!`)).toBe(false);
    expect(h.needsRehash(stored)).toBe(false);
  });

  it('AUTH-1: two hashes of one password differ (random salt)', async () => {
    const h = await createPasswordHasher();
    expect(await h.hash(pw)).not.toBe(await h.hash(pw));
  });

  it('AUTH-1: bcrypt by configuration uses cost 12 in a self-describing bcrypt-sha256 string', async () => {
    const h = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt' });
    const stored = await h.hash(pw);
    expect(stored).toMatch(/^\$bcrypt-sha256\$v=2,t=2b,r=12\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{31}$/);
    expect(await h.verify(stored, pw)).toBe(true);
    expect(await h.verify(stored, 'correct horse battery stapl')).toBe(false);
    expect(h.needsRehash(stored)).toBe(false);
  });

  it('AUTH-1: a bcrypt cost below 12 or weaker argon2 parameters are refused at start-up', () => {
    expect(() => validatePasswordHashingConfig({ ...OWASP_DEFAULTS, bcryptCost: 11 })).toThrow(/bcrypt cost/);
    expect(() => validatePasswordHashingConfig({ ...OWASP_DEFAULTS, argon2MemoryKib: 4096 })).toThrow(/memory/);
    expect(() => validatePasswordHashingConfig({ ...OWASP_DEFAULTS, argon2TimeCost: 1 })).toThrow(/time cost/);
  });

  it('AUTH-1: bcrypt mode distinguishes two passwords that share their first 72 bytes', async () => {
    const h = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt' });
    const prefix = 'é'.repeat(36); // 72 UTF-8 bytes, 36 code points
    expect(Buffer.byteLength(prefix)).toBe(72);
    const a = `${prefix}first ending`;
    const b = `${prefix}another ending`;
    // Raw bcrypt alone would accept b for a's hash: the pitfall we guard against.
    const raw = await bcrypt.hash(a, 4);
    expect(await bcrypt.verify(b, raw)).toBe(true);
    const stored = await h.hash(a);
    expect(await h.verify(stored, a)).toBe(true);
    expect(await h.verify(stored, b)).toBe(false);
  });

  it('AUTH-1: a NUL byte does not truncate the password in bcrypt mode', async () => {
    const h = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt' });
    const stored = await h.hash('abc\u0000defghijklmnopq');
    expect(await h.verify(stored, 'abc\u0000zzzzzzzzzzzzz')).toBe(false);
  });

  it('verify accepts both formats whatever the configured algorithm', async () => {
    const argon = await createPasswordHasher();
    const bc = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt' });
    const a = await argon.hash(pw);
    const b = await bc.hash(pw);
    expect(await argon.verify(b, pw)).toBe(true);
    expect(await bc.verify(a, pw)).toBe(true);
    expect(argon.needsRehash(b)).toBe(true);
    expect(bc.needsRehash(a)).toBe(true);
  });

  it('needsRehash flags outdated parameters and imported plain bcrypt', async () => {
    const h = await createPasswordHasher();
    const weaker = await argon2.hash(pw, { algorithm: 2 as argon2.Algorithm, memoryCost: 8192, timeCost: 3, parallelism: 1 });
    expect(await h.verify(weaker, pw)).toBe(true);
    expect(h.needsRehash(weaker)).toBe(true);
    const argon2i = await argon2.hash(pw, { algorithm: 1 as argon2.Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(h.needsRehash(argon2i)).toBe(true);
    const stronger = await createPasswordHasher({ ...OWASP_DEFAULTS, argon2MemoryKib: 32768 });
    expect(stronger.needsRehash(await h.hash(pw))).toBe(true);

    const bc13 = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt', bcryptCost: 13 });
    const bc12 = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt' });
    expect(bc13.needsRehash(await bc12.hash(pw))).toBe(true);

    const imported = await bcrypt.hash(pw, 12);
    expect(await bc12.verify(imported, pw)).toBe(true);
    expect(await bc12.verify(imported, 'nope')).toBe(false);
    expect(bc12.needsRehash(imported)).toBe(true);
  });

  it('our bcrypt salt encoding is the one bcrypt prints', async () => {
    for (let i = 0; i < 20; i++) {
      const salt = randomBytes(16);
      const h = await bcrypt.hash('x', 4, salt);
      expect(h.slice(7, 29)).toBe(bcryptBase64(salt));
    }
  });

  it('an unparseable stored hash never verifies', async () => {
    const h = await createPasswordHasher();
    for (const junk of ['', 'plaintext', '$argon2id$garbage', '$bcrypt-sha256$v=2,t=2b,r=12$short$x', '$2b$12$tooShort']) {
      expect(await h.verify(junk, junk)).toBe(false);
      expect(h.needsRehash(junk)).toBe(true);
    }
  });

  it('passwords are NFKC-normalised before hashing', async () => {
    const h = await createPasswordHasher();
    const composed = 'caf\u00e9 au lait, s\u2019il vous pla\u00eet';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await h.verify(await h.hash(composed), decomposed)).toBe(true);
  });

  it('AUTH-7: verifyDummy pays a real verification with the current parameters and is always false', async () => {
    const h = await createPasswordHasher();
    expect(await h.verifyDummy(pw)).toBe(false);
    expect(await h.verifyDummy('')).toBe(false);
  });
});

describe('hashing gate', () => {
  it('runs at most N jobs at once, in arrival order, and passes results and errors through', async () => {
    const { createGate } = await import('./passwords.js');
    const gate = createGate(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const job = (i: number) => gate(async () => {
      active += 1;
      peak = Math.max(peak, active);
      order.push(i);
      await new Promise<void>((r) => releases.push(r));
      active -= 1;
      if (i === 3) throw new Error('job 3 failed');
      return i * 10;
    });
    const results = [0, 1, 2, 3, 4].map((i) => job(i).catch((e: Error) => e.message));
    // Release jobs one by one as they start; never more than 2 may be running.
    for (let n = 0; n < 5; n++) {
      while (releases.length === 0) await new Promise((r) => setImmediate(r));
      expect(active).toBeLessThanOrEqual(2);
      releases.shift()!();
    }
    expect(await Promise.all(results)).toEqual([0, 10, 20, 'job 3 failed', 40]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});

/* Found by mutation testing (issue 21): each case below failed none of the tests above when the
   code was changed. Real hashing throughout (no mocks). */
describe('password hashing: what mutation testing found untested', () => {
  it('AUTH-1: configuration out of range is refused at start-up, naming what is wrong; the bounds themselves are allowed', () => {
    const refused: Array<[Partial<typeof OWASP_DEFAULTS>, RegExp]> = [
      [{ algorithm: 'scrypt' as 'bcrypt' }, /unknown password algorithm/],
      [{ bcryptCost: 32 }, /bcrypt cost must be an integer in 12\.\.31/],
      [{ bcryptCost: 12.5 }, /bcrypt cost/],
      [{ argon2MemoryKib: 19456.5 }, /argon2 memory must be/],
      [{ argon2TimeCost: 2.5 }, /argon2 time cost must be/],
      [{ argon2Parallelism: 0 }, /argon2 parallelism must be in 1\.\.255/],
      [{ argon2Parallelism: 256 }, /argon2 parallelism/],
      [{ argon2Parallelism: 1.5 }, /argon2 parallelism/],
    ];
    for (const [change, message] of refused) {
      expect(() => validatePasswordHashingConfig({ ...OWASP_DEFAULTS, ...change }), JSON.stringify(change)).toThrow(message);
    }
    for (const change of [{ bcryptCost: 31 }, { argon2Parallelism: 255 }, { algorithm: 'bcrypt' as const }]) {
      expect(() => validatePasswordHashingConfig({ ...OWASP_DEFAULTS, ...change })).not.toThrow();
    }
  });

  it('AUTH-1: the configured argon2id parameters are the ones hashed with, and a hash that differs in version, passes, lanes or output length needs a rehash', async () => {
    const configured = await createPasswordHasher({ ...OWASP_DEFAULTS, argon2TimeCost: 3, argon2Parallelism: 2 });
    const made = await configured.hash(pw);
    expect(made).toMatch(/^\$argon2id\$v=19\$m=19456,t=3,p=2\$/);
    expect(configured.needsRehash(made)).toBe(false);
    const h = await createPasswordHasher();
    const current = { algorithm: 2 as argon2.Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };
    expect(h.needsRehash(await argon2.hash(pw, current))).toBe(false);
    for (const change of [{ version: 0 as argon2.Version }, { timeCost: 3 }, { parallelism: 2 }, { outputLen: 64 }]) {
      const other = await argon2.hash(pw, { ...current, ...change });
      expect(await h.verify(other, pw), JSON.stringify(change)).toBe(true);
      expect(h.needsRehash(other), JSON.stringify(change)).toBe(true);
    }
  });

  it('AUTH-1: bcrypt mode stores what the format documents: bcrypt of base64(HMAC-SHA-256(key = the salt, NFKC password)), checked independently', async () => {
    const h = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt' });
    const typed = 'pa\u0301ssword \uFF21'; // a combining accent and a full-width A: NFKC changes both
    const stored = await h.hash(typed);
    const m = /^\$bcrypt-sha256\$v=2,t=2b,r=12\$([./A-Za-z0-9]{22})\$([./A-Za-z0-9]{31})$/.exec(stored);
    expect(m).not.toBeNull();
    const [, salt22, checksum] = m as unknown as [string, string, string];
    const prehash = createHmac('sha256', salt22).update(typed.normalize('NFKC')).digest('base64');
    expect(await bcrypt.verify(prehash, `$2b$12$${salt22}${checksum}`)).toBe(true);
    expect(await bcrypt.verify(createHmac('sha256', salt22).update(typed).digest('base64'), `$2b$12$${salt22}${checksum}`)).toBe(false);
  });

  it('AUTH-1: an imported bcrypt-sha256 hash of a low cost (two digits, 04-09) verifies, and is marked for rehash', async () => {
    const h = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt' });
    const salt = randomBytes(16);
    const salt22 = bcryptBase64(salt);
    const full = await bcrypt.hash(createHmac('sha256', salt22).update(pw).digest('base64'), 4, salt);
    const stored = `$bcrypt-sha256$v=2,t=2b,r=04$${salt22}$${full.slice(29)}`;
    expect(await h.verify(stored, pw)).toBe(true);
    expect(await h.verify(stored, 'nope')).toBe(false);
    expect(h.needsRehash(stored)).toBe(true);
  });

  it("AUTH-1: bcrypt's base64 of any length is standard base64 in bcrypt's alphabet, without padding", () => {
    const std = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const bc = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    for (let n = 0; n <= 20; n++) {
      const bytes = randomBytes(n);
      const want = [...bytes.toString('base64').replace(/=+$/, '')].map((ch) => bc[std.indexOf(ch)]).join('');
      expect(bcryptBase64(bytes), `${n} bytes`).toBe(want);
    }
  });
});
