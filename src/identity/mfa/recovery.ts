/* Recovery codes: ten per set, each 120 random bits written as 24 base32 characters in six
   groups (`abcd-efgh-ijkl-mnop-qrst-uvwx`). They are shown once; only SHA-256 over (user id,
   normalised code) is stored. That is enough because each code has at least 112 bits of
   entropy (ASVS V6.5.2 asks for a salted password-storage hash only below that): an offline
   search of 2^120 is out of reach, and the user id in the hash stops one precomputation serving
   every user. The 50-bit codes of earlier versions are refused (migration 0230 removed their
   hashes). Input is normalised (case, spaces, dashes) so a code typed from paper matches.
   Claim AUTH-8; ASVS V6.5.2, V6.5.3. */
import { createHash, randomBytes } from 'node:crypto';
import { base32 } from '../../lib/ids.js';

export const RECOVERY_CODE_COUNT = 10;
/** Characters of a code (5 bits each: 120 bits). */
export const RECOVERY_CODE_CHARS = 24;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const c = base32(randomBytes(15)); // 15 bytes = 120 bits = exactly 24 characters
    return (c.match(/.{4}/g) ?? []).join('-');
  });
}

/** The normalised code, or null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const c = input.toLowerCase().replace(/[\s-]/g, '');
  return c.length === RECOVERY_CODE_CHARS && /^[a-z2-7]+$/.test(c) ? c : null;
}

export function recoveryCodeHash(userId: string, normalised: string): Buffer {
  return createHash('sha256').update(`palisade-recovery-code\0${userId}\0${normalised}`, 'utf8').digest();
}
