/* TOTP (RFC 6238) with the otpauth library: HMAC-SHA1, 6 digits, 30-second steps, the form
   every authenticator app and Debian's oathtool speak. A code is accepted for the current step
   and one step either side (clock drift); the caller records the step it matched and refuses
   that step and every earlier one afterwards (RFC 6238 section 5.2: a code is used once).
   The secret is 20 random bytes (RFC 4226 section 4 recommends 160 bits). Claim AUTH-8. */
import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;

export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

function totpOf(secret: Uint8Array, label = 'account', issuer = 'Palisade'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD, secret: new Secret({ buffer: Uint8Array.from(secret).buffer }) });
}

export function base32Secret(secret: Uint8Array): string {
  return new Secret({ buffer: Uint8Array.from(secret).buffer }).base32;
}

/** The otpauth:// URI an authenticator app scans (Key Uri Format). */
export function otpauthUri(secret: Uint8Array, account: string, issuer: string): string {
  return totpOf(secret, account, issuer).toString();
}

/** The time step of `now`. */
export function stepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD);
}

/** The step whose code `code` is, within the window around `now`; null when it matches none.
    Anything but exactly six digits is refused before any HMAC is computed. */
export function matchStep(secret: Uint8Array, code: string, now: Date): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const delta = totpOf(secret).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : stepAt(now) + delta;
}
