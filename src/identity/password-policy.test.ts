import { beforeAll, describe, expect, it } from 'vitest';
import { createPasswordPolicy, DEFAULT_PASSWORD_POLICY, loadBlocklist, validatePasswordPolicyConfig } from './password-policy.js';
import type { PasswordPolicy } from './password-policy.js';

let policy: PasswordPolicy;
let policy8: PasswordPolicy;
const email = 'alice.smith@example.com';

beforeAll(async () => {
  policy = await createPasswordPolicy();
  policy8 = await createPasswordPolicy({ ...DEFAULT_PASSWORD_POLICY, minLength: 8 });
});

describe('password policy (NIST SP 800-63B-4)', () => {
  it('AUTH-10: the shipped blocklist holds at least 100k common/breached passwords', async () => {
    const list = await loadBlocklist();
    expect(list.length).toBeGreaterThanOrEqual(100_000);
    expect(list).toContain('123456');
    expect(list).toContain('password');
  });

  it('AUTH-10: minimum length defaults to 15 code points, counted after NFKC', () => {
    expect(DEFAULT_PASSWORD_POLICY.minLength).toBe(15);
    expect(policy.check('gr8 tulip vault', { email })).toBeNull(); // 15
    expect(policy.check('gr8 tulip vaul', { email })).toBe('password_too_short'); // 14
    // 14 astral code points are 28 UTF-16 units: still too short.
    expect(policy.check('🦊🐙🦉🐝🦀🐢🦋🐞🦎🐬🦜🐧🦩🐌', { email })).toBe('password_too_short');
    expect(policy.check('🦊🐙🦉🐝🦀🐢🦋🐞🦎🐬🦜🐧🦩🐌🐸', { email })).toBeNull();
    // NFKC folds the ligature "ﬃ" (1 code point) into "ffi" (3).
    expect(policy.check('tiny ﬃ marmo', { email })).toBe('password_too_short'); // 12 raw, 14 after NFKC
    expect(policy.check('tiny ﬃ marmot', { email })).toBeNull(); // 13 raw, 15 after NFKC
  });

  it('AUTH-10: maximum is at least 64 (default 128) and configuration below 64 is refused', () => {
    const long64 = 'river stone '.repeat(6).slice(0, 64);
    expect(policy.check(long64, { email })).toBeNull();
    expect(policy.check(`${'lantern meadow '.repeat(9)}abc`, { email })).toBe('password_too_long'); // 138
    expect(() => validatePasswordPolicyConfig({ minLength: 15, maxLength: 63 })).toThrow();
    expect(() => validatePasswordPolicyConfig({ minLength: 7, maxLength: 64 })).toThrow();
  });

  it('AUTH-10: no composition rules: a long lowercase passphrase is accepted', () => {
    expect(policy.check('purple giraffes eat quietly', { email })).toBeNull();
    expect(policy.check('ñandú corre por la pampa', { email })).toBeNull();
  });

  it('AUTH-10: every listed password long enough to be allowed is refused (the streamed filter misses none)', async () => {
    const list = await loadBlocklist();
    // Entries over the 128 code-point maximum are refused as too long instead.
    const long = (min: number) => list.filter((e) => { const n = [...e.normalize('NFKC').toLowerCase()].length; return n >= min && n <= 128; });
    const at15 = long(15);
    expect(at15.length).toBeGreaterThan(3000);
    expect(at15.filter((e) => policy.check(e, { email }) !== 'password_too_common')).toEqual([]);
    // At 8, every 7th entry (tens of thousands), so the check stays quick.
    const at8 = long(8).filter((_, i) => i % 7 === 0);
    expect(at8.length).toBeGreaterThan(10_000);
    expect(at8.filter((e) => policy8.check(e, { email }) !== 'password_too_common')).toEqual([]);
  });

  it('AUTH-10: common and breached passwords are refused, whatever the case', () => {
    expect(policy.check('1qaz2wsx3edc4rfv', { email })).toBe('password_too_common');
    expect(policy.check('QWERTY123456789', { email })).toBe('password_too_common');
    expect(policy8.check('password1', { email })).toBe('password_too_common');
    expect(policy8.check('iloveyou', { email })).toBe('password_too_common');
    expect(policy8.check('Sunshine1', { email })).toBe('password_too_common');
  });

  it('AUTH-10: repetitive and sequential passwords are refused', () => {
    expect(policy.check('ééééééééééééééééééé', { email })).toBe('password_too_repetitive');
    expect(policy.check('abcabcabcabcabcabc', { email })).toBe('password_too_repetitive');
    expect(policy.check('abcdefghijklmnopq', { email })).toBe('password_too_repetitive');
    expect(policy.check('98765432109876543', { email })).toBe('password_too_repetitive');
  });

  it('AUTH-10: a password containing the email local part (or the service name) is refused', () => {
    expect(policy.check('my name is alice.smith ok', { email })).toBe('password_contains_email');
    expect(policy.check('my name is ALICE.SMITH ok', { email })).toBe('password_contains_email');
    expect(policy.check('bobby loves long walks', { email: 'bobby+news@example.com' })).toBe('password_contains_email');
    expect(policy.check('my palisade login 2030', { email })).toBe('password_contains_context');
    // Local parts shorter than 3 code points are not checked (they would refuse almost anything).
    expect(policy.check('an owl at the window', { email: 'an@example.com' })).toBeNull();
  });
});
