/* The console's page and script, statically: what the browser suite cannot enumerate. */
import { describe, expect, it } from 'vitest';
import { PAGES_JS } from './client.js';
import { CONSOLE_HTML, CONSOLE_JS } from './console.js';

describe('console and account-page scripts', () => {
  it('V3.2.2: the scripts never parse data as HTML or code: text goes through textContent only (no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval, Function)', () => {
    for (const js of [CONSOLE_JS, PAGES_JS]) {
      expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(\s*['"`]/);
      expect(js).toContain('textContent');
    }
  });

  it('VAL-3: the console page is static (no user data), loads only its same-origin script and stylesheet, with no inline script, style or handler', () => {
    expect([...CONSOLE_HTML.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/pages/console.js" defer>']);
    expect([...CONSOLE_HTML.matchAll(/<link\b[^>]*>/g)].map((m) => m[0])).toEqual(['<link rel="stylesheet" href="/pages/console.css">']);
    expect(CONSOLE_HTML).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|https?:\/\//i);
  });
});
