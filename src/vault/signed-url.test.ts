/* The signed URL's message, comparison and path, attacked directly (issue 21: the route tests
   reach them at a minute per change under mutation testing). The message must be injective — two
   different (method, org, file, expiry) never sign the same bytes — and refuse what could make it
   ambiguous; the comparison must refuse every near miss without throwing. Claim FILE-2. */
import { describe, expect, it } from 'vitest';
import { MAX_URL_TTL_SECONDS, sameSignature, urlMessage, urlPath, type UrlClaims } from './signed-url.js';

const claims: UrlClaims = { method: 'GET', orgId: 'org_abcdefghijklmnopqrstuvwxyz', fileId: 'fil_234567abcdefghijklmnopqr', expires: 1_780_000_000 };

describe('signed URL message and comparison', () => {
  it('FILE-2: the message is the label, method, org, file and expiry, one per line, exactly', () => {
    expect(urlMessage(claims)).toBe(['palisade.vault.url.v1', 'GET', claims.orgId, claims.fileId, '1780000000'].join('\n'));
    expect(urlMessage({ ...claims, method: 'PUT', expires: 0 })).toBe(`palisade.vault.url.v1\nPUT\n${claims.orgId}\n${claims.fileId}\n0`);
    expect(MAX_URL_TTL_SECONDS).toBe(300);
  });

  it('FILE-2: each claim changes the message: no two URLs for another method, org, file or expiry share a signature', () => {
    const variants: UrlClaims[] = [
      { ...claims, method: 'PUT' },
      { ...claims, orgId: 'org_abcdefghijklmnopqrstuvwxya' },
      { ...claims, fileId: 'fil_234567abcdefghijklmnopqa' },
      { ...claims, expires: claims.expires + 1 },
      // The org and file swapped: the positions are part of the message.
      { ...claims, orgId: 'fil_234567abcdefghijklmnopqr', fileId: 'org_abcdefghijklmnopqrstuvwxyz' },
    ];
    const messages = new Set([claims, ...variants].map(urlMessage));
    expect(messages.size).toBe(variants.length + 1);
  });

  it('FILE-2: an id that is not a plain Palisade id (a newline, a separator, upper case, too long, no prefix) is refused, so the message stays injective', () => {
    const bad = [
      'org_abc\nGET', 'org_abc def', 'ORG_abc', 'org_ABC', 'org_', '_abc', 'o_abc', 'organisat_abc', 'org-abc', 'org_abc1', 'org_abc0', 'org_abc8',
      `org_${'a'.repeat(65)}`, '9org_abc', ' org_abc', 'org_abc ', 'org_abc\n', '\norg_abc', '',
    ];
    for (const id of bad) {
      expect(() => urlMessage({ ...claims, orgId: id }), JSON.stringify(id)).toThrow(TypeError);
      expect(() => urlMessage({ ...claims, fileId: id }), JSON.stringify(id)).toThrow(TypeError);
      // The programmer's message says what was wrong.
      expect(() => urlMessage({ ...claims, fileId: id })).toThrow('invalid id in a signed URL');
    }
    // The bounds that are allowed: a 2- and an 8-letter prefix, 1 and 64 base32 characters.
    for (const id of ['ab_a', 'abcdefgh_a', `org_${'z'.repeat(64)}`, 'org_2', 'org_7']) {
      expect(urlMessage({ ...claims, fileId: id })).toContain(`\n${id}\n`);
    }
  });

  it('FILE-2: an expiry that is not a non-negative safe integer is refused', () => {
    for (const expires of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => urlMessage({ ...claims, expires }), String(expires)).toThrow(TypeError);
      expect(() => urlMessage({ ...claims, expires })).toThrow('invalid expiry');
    }
    expect(urlMessage({ ...claims, expires: 2 ** 53 - 1 })).toMatch(/\n9007199254740991$/);
  });

  it('FILE-2: signatures compare equal only byte for byte; another length or one changed character is refused without throwing', () => {
    const sig = 'Q0ZhbmQtc2lnbmF0dXJlLW9mLTQzLWNoYXJhY3RlcnM';
    expect(sameSignature(sig, sig)).toBe(true);
    expect(sameSignature(sig, `${sig}A`)).toBe(false);
    expect(sameSignature(sig, sig.slice(0, -1))).toBe(false);
    expect(sameSignature(sig, '')).toBe(false);
    expect(sameSignature('', '')).toBe(true);
    expect(sameSignature(sig, `${sig.slice(0, -1)}B`)).toBe(false);
    expect(sameSignature(sig, `B${sig.slice(1)}`)).toBe(false);
    // Same number of characters, more bytes: compared as bytes (no throw from timingSafeEqual).
    expect(sameSignature('aé', 'aee')).toBe(false);
    expect(sameSignature('é', 'é')).toBe(true);
  });

  it('FILE-2: the path names the file and carries the org, expiry and signature as query parameters, encoded', () => {
    const path = urlPath(claims, 'a+b/c=');
    const url = new URL(path, 'https://palisade.example');
    expect(url.pathname).toBe(`/v1/vault/objects/${claims.fileId}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ org: claims.orgId, expires: '1780000000', signature: 'a+b/c=' });
    expect(path).toBe(`/v1/vault/objects/${claims.fileId}?org=${claims.orgId}&expires=1780000000&signature=a%2Bb%2Fc%3D`);
  });
});
