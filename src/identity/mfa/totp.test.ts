/* TOTP against an independent implementation: every code here is computed by Debian's
   oathtool (apt package oathtool), not by the library under test. */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { TOTP } from 'otpauth';
import { describe, expect, it, vi } from 'vitest';
import { base32Secret, matchStep, newTotpSecret, otpauthUri, stepAt } from './totp.js';
import { newRecoveryCodes, normaliseRecoveryCode, recoveryCodeHash } from './recovery.js';

/** The 6-digit TOTP code of `secret` at `at`, by oathtool. */
export function oathtool(secret: Uint8Array, at: Date): string {
  return execFileSync('oathtool', ['--totp', '-b', base32Secret(secret), '-N', `@${Math.floor(at.getTime() / 1000)}`], { encoding: 'utf8' }).trim();
}

describe('TOTP (RFC 6238)', () => {
  it('AUTH-8: oathtool agrees on the RFC 6238 SHA-1 vector secret', () => {
    const secret = Buffer.from('12345678901234567890', 'ascii');
    const at = new Date(59 * 1000);
    // RFC 6238 Appendix B: 94287082 (8 digits); the 6-digit code is its last six.
    expect(oathtool(secret, at)).toBe('287082');
    expect(matchStep(secret, '287082', at)).toBe(1);
  });

  it('AUTH-8: codes computed by oathtool are accepted for their step and one step either side, never further', () => {
    for (let i = 0; i < 5; i++) {
      const secret = randomBytes(20);
      const now = new Date(Date.UTC(2031, 0, 1) + i * 7_654_321);
      const step = stepAt(now);
      expect(matchStep(secret, oathtool(secret, now), now)).toBe(step);
      expect(matchStep(secret, oathtool(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
      expect(matchStep(secret, oathtool(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
      expect(matchStep(secret, oathtool(secret, new Date(now.getTime() - 60_000)), now)).toBeNull();
      expect(matchStep(secret, oathtool(secret, new Date(now.getTime() + 60_000)), now)).toBeNull();
    }
  });

  it('AUTH-8: anything but six digits is refused', () => {
    const secret = randomBytes(20);
    const now = new Date('2031-01-01T00:00:00Z');
    const code = oathtool(secret, now);
    for (const bad of ['', `${code}0`, code.slice(1), ` ${code}`, `${code.slice(0, 5)}x`, '１２３４５６']) expect(matchStep(secret, bad, now)).toBeNull();
  });

  it('AUTH-8: a new secret is 20 fresh random bytes (RFC 4226 section 4: 160 bits), never the same twice', () => {
    const a = newTotpSecret();
    const b = newTotpSecret();
    expect(Buffer.isBuffer(a)).toBe(true);
    expect(a).toHaveLength(20);
    expect(b).toHaveLength(20);
    expect(a.equals(b)).toBe(false);
  });

  it('AUTH-8: a code that is not exactly six digits is refused before any HMAC is computed (the format check is anchored at both ends)', () => {
    const secret = Buffer.from('12345678901234567890', 'ascii');
    const at = new Date(59 * 1000);
    const validate = vi.spyOn(TOTP.prototype, 'validate');
    try {
      for (const bad of ['2870821', '0287082', 'x287082', '287082x', '287082\n', ' 287082']) {
        expect(matchStep(secret, bad, at), JSON.stringify(bad)).toBeNull();
      }
      expect(validate).not.toHaveBeenCalled();
      expect(matchStep(secret, '287082', at)).toBe(1);
      expect(validate).toHaveBeenCalledTimes(1);
    } finally {
      validate.mockRestore();
    }
  });

  it('AUTH-8: the otpauth:// URI carries the base32 secret, issuer, SHA1, 6 digits, 30 s', () => {
    const secret = randomBytes(20);
    const uri = new URL(otpauthUri(secret, 'ada@example.com', 'Palisade'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(base32Secret(secret));
    expect(uri.searchParams.get('issuer')).toBe('Palisade');
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});

describe('recovery codes', () => {
  it('AUTH-8: ten distinct codes, normalised from paper, hashed per user', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{4}(?:-[a-z2-7]{4}){5}$/);
    const c = codes[0] as string;
    expect(normaliseRecoveryCode(` ${c.toUpperCase().replaceAll('-', ' - ')} `)).toBe(c.replaceAll('-', ''));
    expect(normaliseRecoveryCode('not-a-code!')).toBeNull();
    const n = normaliseRecoveryCode(c) as string;
    expect(recoveryCodeHash('usr_a', n).equals(recoveryCodeHash('usr_b', n))).toBe(false);
  });

  it('V6.5.2 AUTH-8: each code carries at least 112 bits of entropy, measured: 24 positions, each seen taking all 32 symbols over 2,000 codes, so SHA-256 is a sufficient store', () => {
    const seen: Array<Set<string>> = [];
    for (let i = 0; i < 200; i++) {
      for (const code of newRecoveryCodes()) {
        const n = normaliseRecoveryCode(code);
        expect(n).not.toBeNull();
        [...(n as string)].forEach((ch, at) => (seen[at] ??= new Set()).add(ch));
        expect(n).toHaveLength(seen.length);
      }
    }
    // The bits a code can carry: the sum over its positions of log2(symbols that position takes).
    const bits = seen.reduce((sum, symbols) => sum + Math.log2(symbols.size), 0);
    expect(seen).toHaveLength(24);
    expect(seen.map((s) => s.size)).toEqual(Array(24).fill(32));
    expect(bits).toBeGreaterThanOrEqual(112);
    // A code of an earlier version (50 bits, ten characters) is refused, as is one a character short or long.
    expect(normaliseRecoveryCode('abcde-fghij')).toBeNull();
    expect(normaliseRecoveryCode('a'.repeat(23))).toBeNull();
    expect(normaliseRecoveryCode('a'.repeat(25))).toBeNull();
    expect(normaliseRecoveryCode('a'.repeat(24))).toBe('a'.repeat(24));
  });

  it('AUTH-8: a code with one character outside base32 anywhere is refused; the stored hash is SHA-256 over the documented string (a fixed vector: hashes stored by one version verify in the next)', () => {
    const good = 'abcdefghijklmnopqrstuvwx';
    expect(normaliseRecoveryCode(good)).toBe(good);
    for (const ch of ['0', '1', '8', '9', '!', '_', 'é']) {
      for (const at of [0, 11, 23]) expect(normaliseRecoveryCode(good.slice(0, at) + ch + good.slice(at + 1)), `${ch} at ${at}`).toBeNull();
    }
    // Tabs and newlines from a pasted list are spacing, like spaces and dashes.
    expect(normaliseRecoveryCode(`abcd-efgh\tijkl-mnop\nqrst-uvwx`)).toBe(good);
    // sha256("palisade-recovery-code" NUL user id NUL normalised code), computed once and kept here.
    expect(recoveryCodeHash('usr_vector', good).toString('hex')).toBe('dd0034bd4e33f54d5be48ebacb6753078a1dfdcd51c4a0f7f08f3efc1857324b');
  });
});
