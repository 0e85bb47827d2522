import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { hashToken, issueToken, TOKEN_TTL_MS, tokenLookupHash } from './tokens.js';

const now = new Date('2030-01-01T00:00:00Z');

describe('one-time tokens', () => {
  it('AUTH-14: tokens carry 256 random bits and only their SHA-256 is meant to be stored', () => {
    const t = issueToken('password_reset', now);
    expect(t.token).toMatch(/^prt_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t.token.slice(4), 'base64url')).toHaveLength(32);
    expect(t.hash.equals(createHash('sha256').update(t.token).digest())).toBe(true);
    expect(t.hash.toString('hex')).not.toContain(Buffer.from(t.token).toString('hex'));
    const many = new Set(Array.from({ length: 1000 }, () => issueToken('verify_email', now).token));
    expect(many.size).toBe(1000);
  });

  it('AUTH-14: reset tokens expire after 30 minutes, verification after 24 hours', () => {
    expect(issueToken('password_reset', now).expiresAt.toISOString()).toBe('2030-01-01T00:30:00.000Z');
    expect(issueToken('verify_email', now).expiresAt.toISOString()).toBe('2030-01-02T00:00:00.000Z');
    expect(TOKEN_TTL_MS.password_reset).toBe(30 * 60 * 1000);
    expect(TOKEN_TTL_MS.verify_email).toBe(24 * 60 * 60 * 1000);
  });

  it('AUTH-14: a token of one purpose is not accepted for another', () => {
    const reset = issueToken('password_reset', now);
    expect(tokenLookupHash('password_reset', reset.token)?.equals(reset.hash)).toBe(true);
    expect(tokenLookupHash('verify_email', reset.token)).toBeNull();
    expect(tokenLookupHash('invitation', reset.token)).toBeNull();
  });

  it('malformed candidates never reach the database', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const h = tokenLookupHash('verify_email', s);
        if (h !== null) expect(/^pev_[A-Za-z0-9_-]{43}$/.test(s)).toBe(true);
      }),
    );
    expect(tokenLookupHash('verify_email', 'pev_short')).toBeNull();
    expect(hashToken('x')).toHaveLength(32);
  });
});
