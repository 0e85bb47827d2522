/* The device cookie (devices.ts): its MAC binds it to one account, so only a cookie this server
   issued for this address names a device. Issue 11.2; claim AUTH-6. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDeviceCookies, DEVICE_COOKIE } from './devices.js';

const key = randomBytes(32);
const devices = createDeviceCookies({ csrfKey: () => key });
const valueOf = (setCookie: string): string => setCookie.slice(`${DEVICE_COOKIE}=`.length, setCookie.indexOf(';'));

describe('device cookies', () => {
  it('AUTH-6: a device cookie names its device for the address it was issued for, and for no other; a forged or altered one names nothing', () => {
    const id = devices.newId();
    const value = valueOf(devices.cookie(id, 'owner@example.com'));
    expect(devices.read(value, 'owner@example.com')).toBe(id);
    // Another account: the MAC does not match.
    expect(devices.read(value, 'mallory@example.com')).toBeNull();
    // Another server's key: the same id, a MAC it cannot make.
    const other = createDeviceCookies({ csrfKey: () => randomBytes(32) });
    expect(devices.read(valueOf(other.cookie(id, 'owner@example.com')), 'owner@example.com')).toBeNull();
    // The id swapped for another device's, the MAC flipped, truncated, empty, absent.
    const [, mac] = value.split('.');
    expect(devices.read(`${devices.newId()}.${mac}`, 'owner@example.com')).toBeNull();
    const flipped = `${mac?.[0] === 'A' ? 'B' : 'A'}${mac?.slice(1)}`;
    expect(devices.read(`${id}.${flipped}`, 'owner@example.com')).toBeNull();
    for (const bad of [value.slice(0, -1), `${value}A`, id, '', `${id}.`, undefined]) expect(devices.read(bad, 'owner@example.com')).toBeNull();
  });

  it('AUTH-2: the device cookie is __Host- prefixed, HttpOnly, Secure, SameSite=Lax, Path=/, no Domain, for a year', () => {
    expect(devices.cookie(devices.newId(), 'owner@example.com')).toMatch(/^__Host-palisade_device=dev_[a-z2-7]{26}\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax$/);
  });
});
