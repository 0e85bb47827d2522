/* Recovery codes: ten per set, each 50 random bits written as ten base32 characters in two
   groups (`abcde-fghij`). They are shown once; only SHA-256 over (user id, normalised code) is
   stored, so a database reader learns nothing usable (50 bits per code leave an offline search
   out of reach, and the user id in the hash stops one precomputation serving every user).
   Input is normalised (case, spaces, dashes) so a code typed from paper matches. Claim AUTH-8. */
import { createHash, randomBytes } from 'node:crypto';
import { base32 } from '../../lib/ids.js';

export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const c = base32(randomBytes(7)).slice(0, 10);
    return `${c.slice(0, 5)}-${c.slice(5)}`;
  });
}

/** The normalised code, or null when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | null {
  const c = input.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z2-7]{10}$/.test(c) ? c : null;
}

export function recoveryCodeHash(userId: string, normalised: string): Buffer {
  return createHash('sha256').update(`palisade-recovery-code\0${userId}\0${normalised}`, 'utf8').digest();
}
