/* Known devices (issue 11.2; claims AUTH-6, AUTH-11; OWASP's "device cookie" scheme): a lockout
   an attacker cannot turn against the account's owner.
   - A browser that signs in to an account successfully (or opens the lockout mail's unlock
     link) gets a device cookie: `__Host-palisade_device=<device id>.<mac>`, where mac is
     HMAC-SHA-256(identity HMAC key, "palisade.device.v1|" + device id + "|" + account key) and the
     account key is the truncated SHA-256 of the address (rate-limit.ts accountKey). The MAC binds
     the cookie to one account: it is checked before any lookup, in constant time, and a cookie of
     another account (or a forged one) is simply no device. The key is the one the CSRF tokens are
     derived from, under its own label, so neither can stand in for the other.
   - The cookie names a row (known_devices) with the device's own failure count and lock. A
     sign-in from a known device counts its failures there, and its rate limit per device instead
     of per account; every other sign-in (unknown devices) shares the account's count and lock
     (users.failed_sign_ins/locked_until) and the per-account rate limit, as before. So five wrong
     passwords from anywhere still stop guessing for 15 minutes, but only on unknown devices: the
     owner's browser keeps its own five.
   - A row lives a year from its last successful sign-in; a new password forgets every row of
     the account (repo.setPassword). The cookie lives as long. HttpOnly, Secure, SameSite=Lax,
     Path=/, no Domain, like the session cookie (AUTH-2). */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { newId } from '../lib/ids.js';
import type { IdentityKeys } from './keys.js';
import { accountKey } from './rate-limit.js';

export const DEVICE_COOKIE = '__Host-palisade_device';
/** How long a device stays known after its last successful sign-in. */
export const DEVICE_TTL_MS = 365 * 24 * 60 * 60 * 1000;

const VALUE_RE = /^(dev_[a-z2-7]{26})\.([A-Za-z0-9_-]{43})$/;

export interface DeviceCookies {
  /** A new device id. */
  newId(): string;
  /** The device id a cookie value names for this address (emailKey), or null: no cookie, a
      malformed or forged one, or one issued for another account. */
  read(value: string | undefined, emailKey: string): string | null;
  /** The Set-Cookie value naming `deviceId` as a known device of this address. */
  cookie(deviceId: string, emailKey: string): string;
}

export function createDeviceCookies(keys: Pick<IdentityKeys, 'csrfKey'>): DeviceCookies {
  const mac = (deviceId: string, emailKey: string): string =>
    createHmac('sha256', keys.csrfKey()).update(`palisade.device.v1|${deviceId}|${accountKey(emailKey)}`, 'utf8').digest('base64url');
  return {
    newId: () => newId('dev'),
    read(value, emailKey) {
      const m = value ? VALUE_RE.exec(value) : null;
      if (!m?.[1] || !m[2]) return null;
      const expected = Buffer.from(mac(m[1], emailKey), 'utf8');
      const got = Buffer.from(m[2], 'utf8');
      return got.length === expected.length && timingSafeEqual(got, expected) ? m[1] : null;
    },
    cookie(deviceId, emailKey) {
      return `${DEVICE_COOKIE}=${deviceId}.${mac(deviceId, emailKey)}; Path=/; Max-Age=${Math.floor(DEVICE_TTL_MS / 1000)}; HttpOnly; Secure; SameSite=Lax`;
    },
  };
}
