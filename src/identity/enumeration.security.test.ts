/* AUTH-7 without a stopwatch: an unknown address must cost what a registered one costs, so
   the unknown-address path must run a real password verification with the current parameters.
   Timing would make the test depend on the machine's speed; instead the two hashing libraries
   are wrapped (every call still runs the real native verification) and the calls are counted,
   with the parameters of the hash each call verified against. A change that skips the dummy
   verification, or verifies against a cheaper hash, is caught whatever the machine's load
   (issue 21: the suite once let "the unknown-address path stops hashing" through). */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { loadConfig } from '../config/load.js';
import { fixedClock } from '../lib/clock.js';
import { createMailer } from '../mail/index.js';
import { createIdentity, identityConfig, type Identity } from './index.js';
import { createPasswordHasher, OWASP_DEFAULTS } from './passwords.js';

/** Every verification the libraries ran, with the stored hash it verified against. */
const seen = vi.hoisted(() => ({ argon2: [] as string[], bcrypt: [] as string[] }));

vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...real,
    verify: (hashed: string, password: string | Uint8Array, ...rest: unknown[]) => {
      seen.argon2.push(hashed);
      return (real.verify as (...a: unknown[]) => Promise<boolean>)(hashed, password, ...rest);
    },
  };
});
vi.mock('@node-rs/bcrypt', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/bcrypt')>();
  return {
    ...real,
    verify: (password: string | Uint8Array, hashed: string, ...rest: unknown[]) => {
      seen.bcrypt.push(hashed);
      return (real.verify as (...a: unknown[]) => Promise<boolean>)(password, hashed, ...rest);
    },
  };
});

const { parseOptions } = await import('@node-rs/argon2');

/** The parameters a stored argon2 hash was made with, read from the hash itself. */
function argon2Params(stored: string): { algorithm: number; memoryCost: number; timeCost: number; parallelism: number; outputLen: number } {
  const o = parseOptions(stored);
  return { algorithm: Number(o.algorithm), memoryCost: o.memoryCost, timeCost: o.timeCost, parallelism: o.parallelism, outputLen: o.outputLen };
}

beforeEach(() => {
  seen.argon2.length = 0;
  seen.bcrypt.length = 0;
});

describe('the unknown-address path pays for a real verification', () => {
  it('AUTH-7: verifyDummy runs exactly one argon2id verification against a hash with the configured parameters', async () => {
    const h = await createPasswordHasher(OWASP_DEFAULTS);
    const known = await h.hash('a registered password of some length');
    seen.argon2.length = 0;
    expect(await h.verifyDummy('whatever was typed')).toBe(false);
    expect(seen.argon2).toHaveLength(1);
    const dummy = seen.argon2[0]!;
    expect(argon2Params(dummy)).toEqual({ algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 });
    expect(argon2Params(dummy)).toEqual(argon2Params(known));
    expect(h.needsRehash(dummy)).toBe(false);
  });

  it('AUTH-7: in bcrypt mode, verifyDummy runs exactly one bcrypt verification at the configured cost', async () => {
    const h = await createPasswordHasher({ ...OWASP_DEFAULTS, algorithm: 'bcrypt', bcryptCost: 12 });
    expect(await h.verifyDummy('whatever was typed')).toBe(false);
    expect(seen.argon2).toHaveLength(0);
    expect(seen.bcrypt).toHaveLength(1);
    expect(seen.bcrypt[0]).toMatch(/^\$2b\$12\$/);
  });
});

describe('sign-in costs the same for a registered and an unknown address', () => {
  const logger = pino({ level: 'silent' });
  const clock = fixedClock('2036-04-04T09:00:00Z');
  const config = identityConfig(loadConfig({ PALISADE_DEV_MODE: '1' }));
  const source = { ip: '203.0.113.7', userAgent: 'vitest', requestId: 'req_enum' };
  const email = 'enumeration.known@example.com';
  const password = 'quartz harbour meadow 77';
  let testDb: TestDb;
  let identity: Identity;

  beforeAll(async () => {
    testDb = await createTestDb();
    const mailer = createMailer({ from: 'Palisade <no-reply@localhost>', db: testDb.db, logger, clock });
    identity = await createIdentity({ db: testDb.db, clock, logger, config, mailer, heartbeatMs: 200 });
    await identity.accounts.signUp({ email, password }, source);
    await identity.idle();
    const [mail] = await identity.mailer.readOutbox(email, 1);
    await identity.accounts.verifyEmail(decodeURIComponent(/#token=([^\s]+)/.exec(mail?.text ?? '')?.[1] ?? ''), source);
  });
  afterAll(async () => {
    await identity?.stop();
    await testDb?.drop();
  });

  it('AUTH-7: an unknown address runs exactly one real argon2id verification, with the same parameters as a registered address', async () => {
    await expect(identity.accounts.signIn({ email, password: 'not the password at all' }, source)).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(seen.argon2).toHaveLength(1);
    const registered = argon2Params(seen.argon2[0]!);
    seen.argon2.length = 0;
    await expect(identity.accounts.signIn({ email: 'enumeration.unknown@example.com', password: 'not the password at all' }, source)).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(seen.argon2).toHaveLength(1);
    expect(argon2Params(seen.argon2[0]!)).toEqual(registered);
    expect(seen.bcrypt).toHaveLength(0);
  });
});
