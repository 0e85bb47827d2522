import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { identityConfig, publicOrigins } from './config.js';

describe('identity configuration', () => {
  it('AUTH-13: a loopback public URL trusts its origin under every loopback name, and nothing else', () => {
    const loopback = ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000'];
    for (const url of loopback) expect(new Set(publicOrigins(url))).toEqual(new Set(loopback));
    expect(new Set(publicOrigins('https://localhost'))).toEqual(new Set(['https://localhost', 'https://127.0.0.1', 'https://[::1]']));
    // Not a loopback name: only itself (no other port, scheme or host sneaks in).
    expect(publicOrigins('https://auth.example.com/base/')).toEqual(['https://auth.example.com']);
    expect(publicOrigins('http://127.0.0.2:3000')).toEqual(['http://127.0.0.2:3000']);
    expect(publicOrigins('http://localhost.example.com:3000')).toEqual(['http://localhost.example.com:3000']);
  });

  it('AUTH-13: out of the box the trusted origins are the printed URL and its other loopback names', () => {
    const c = identityConfig(loadConfig({}));
    expect(c.trustedOrigins[0]).toBe('http://127.0.0.1:3000');
    expect(new Set(c.trustedOrigins)).toEqual(new Set(['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000']));
    const extra = identityConfig(loadConfig({ PALISADE_PUBLIC_URL: 'https://auth.example.com', PALISADE_CSRF_TRUSTED_ORIGINS: 'https://console.example.com/x' }));
    expect(extra.trustedOrigins).toEqual(['https://auth.example.com', 'https://console.example.com']);
  });
});
