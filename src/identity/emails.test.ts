/* URLs built into mail (ASVS V1.2.2): the one-time token is URL-encoded for the fragment, so
   whatever characters a token holds it cannot end the fragment's parameter, add another, or
   change the origin or path of the link; the account pages' script reads back exactly the token
   that was sent. */
import { describe, expect, it } from 'vitest';
import { link } from './emails.js';
import { PAGES_JS } from '../pages/client.js';

// The page script's own reading of the fragment (pages.js tokenFromFragment).
const pattern = /var m = (\/.*\/)\.exec\(location\.hash\);/.exec(PAGES_JS);
const fragmentToken = (hash: string): string | null => {
  const source = pattern?.[1] ?? '';
  const m = new RegExp(source.slice(1, -1)).exec(hash);
  return m?.[1] === undefined ? null : decodeURIComponent(m[1]);
};

describe('mail links', () => {
  it('V1.2.2: a token with URL-significant characters is encoded in the fragment: same origin and path, one token parameter, read back exactly', () => {
    expect(pattern, 'pages.js reads the token from location.hash').not.toBeNull();
    const hostile = ['a&token=evil', 'x#y?z=1', '../../v1/admin', 'sp ace"<script>', '%41%2F', 'ünï©ødé\u2028', 'a/b\\c@evil.test:80', "'); alert(1);//"];
    for (const token of hostile) {
      const l = link('https://palisade.example.test', '/reset-password', token);
      const u = new URL(l);
      expect(u.origin, token).toBe('https://palisade.example.test');
      expect(u.pathname, token).toBe('/reset-password');
      expect(u.search, token).toBe('');
      expect(l.split('#')).toHaveLength(2);
      expect(l).not.toMatch(/[\s"<>\\]/);
      const params = new URLSearchParams(u.hash.slice(1));
      expect([...params.keys()], token).toEqual(['token']);
      expect(params.get('token'), token).toBe(token);
      expect(fragmentToken(u.hash), token).toBe(token);
    }
  });
});
