/* Password fields of the account pages (ASVS V6.2.6, V6.2.7): every field that takes an
   account password masks it (type=password) and leaves paste, the browser's password helper and
   external password managers working — no autocomplete="off", no paste/copy/drop handler in
   the markup or in the one script (/pages/pages.js). The pages are rendered exactly as served
   (renderPage is what the route sends). */
import { describe, expect, it } from 'vitest';
import { PAGES, renderPage } from './index.js';
import { PAGES_JS } from './client.js';

const PASSWORD_NAMES = new Set(['password', 'currentPassword', 'newPassword']);

interface Input { page: string; tag: string; attrs: Record<string, string> }

function inputs(): Input[] {
  const out: Input[] = [];
  for (const p of PAGES) {
    const html = renderPage(p);
    for (const m of html.matchAll(/<input\b([^>]*)>/g)) {
      const attrs: Record<string, string> = {};
      for (const a of (m[1] ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/gi)) attrs[(a[1] ?? '').toLowerCase()] = a[2] ?? '';
      out.push({ page: p.path, tag: m[0], attrs });
    }
  }
  return out;
}

describe('password fields of the account pages', () => {
  it('V6.2.6: every account-password field is type=password, and a password is never asked for in a plain field', () => {
    const all = inputs();
    const pw = all.filter((i) => PASSWORD_NAMES.has(i.attrs.name ?? '') || /password/i.test(i.attrs.id ?? '') || i.attrs.type === 'password');
    // The pages that take a password: sign-up, sign-in, reset-password, and the sign-in step of accept-invitation.
    expect(new Set(pw.map((i) => i.page))).toEqual(new Set(['/sign-up', '/sign-in', '/reset-password', '/accept-invitation']));
    for (const i of pw) expect(i.attrs.type, `${i.page} ${i.tag}`).toBe('password');
    // No other field is labelled as a password.
    for (const p of PAGES) {
      const html = renderPage(p);
      for (const m of html.matchAll(/<label for="([^"]+)">([^<]*)<\/label>/g)) {
        if (!/password/i.test(m[2] ?? '')) continue;
        const field = all.find((i) => i.page === p.path && i.attrs.id === m[1]);
        expect(field?.attrs.type, `${p.path} ${m[0]}`).toBe('password');
      }
    }
  });

  it('V6.2.7: paste, browser password helpers and password managers are permitted: password fields carry a username/password autocomplete hint, never off, and nothing blocks paste', () => {
    const pw = inputs().filter((i) => i.attrs.type === 'password');
    expect(pw.length).toBeGreaterThanOrEqual(4);
    for (const i of pw) {
      expect(['current-password', 'new-password'], `${i.page} ${i.tag}`).toContain(i.attrs.autocomplete);
      expect(i.tag).not.toMatch(/\son(paste|copy|cut|drop|keydown|contextmenu)=/i);
      expect(i.tag).not.toMatch(/readonly|maxlength="\d{1,2}"/i);
    }
    // A password form also names its account (the username hint) so a manager can fill and save it.
    for (const p of PAGES) {
      const html = renderPage(p);
      for (const f of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
        const body = f[1] ?? '';
        if (/type="password" autocomplete="current-password"|type="password" required autocomplete="current-password"/.test(body)) {
          expect(body, p.path).toMatch(/autocomplete="username"/);
        }
      }
    }
    // The script never intercepts clipboard or drop events, nor turns autocomplete off.
    expect(PAGES_JS).not.toMatch(/\b(paste|copy|cut|drop|clipboard)\b/i);
    expect(PAGES_JS).not.toMatch(/autocomplete/i);
    expect(PAGES_JS).not.toMatch(/\.type\s*=\s*['"]text['"]/);
  });
});
