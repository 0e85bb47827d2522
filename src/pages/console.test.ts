/* The console's sources and its committed build, statically: what the browser suite cannot
   enumerate. The build's freshness and size are test/console/build.test.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGES_JS } from './client.js';
import { CONSOLE_BUILD_DIR, loadConsoleBuild } from './console.js';

const WEB_SRC = new URL('../../web/src/', import.meta.url);

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory()
    ? sources(join(dir, e.name))
    : /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [{ file: join(dir, e.name), text: readFileSync(join(dir, e.name), 'utf8') }] : []);
}

describe('console and account-page scripts', () => {
  it('V3.2.2: the console never parses data as HTML or code: no dangerouslySetInnerHTML, innerHTML, insertAdjacentHTML, document.write, eval or Function in web/src, nor in the account pages\' script', () => {
    const files = sources(new URL('.', WEB_SRC).pathname);
    expect(files.length).toBeGreaterThan(10);
    for (const { file, text } of [...files, { file: 'pages.js', text: PAGES_JS }]) {
      expect(text, file).not.toMatch(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(\s*['"`]/);
    }
  });

  it('VAL-3: the built console page is static (no user data), loads only its same-origin module script and stylesheet, with no inline script, style or handler', () => {
    const build = loadConsoleBuild();
    expect(build).not.toBeNull();
    const html = build!.index;
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^<script type="module" crossorigin src="\/console\/assets\/[\w-]+\.js">$/);
    expect(html).toMatch(/<script[^>]*><\/script>/); // an empty element: nothing inline
    for (const link of html.matchAll(/<link\b[^>]*>/g)) expect(link[0]).toMatch(/href="\/console\/assets\/[\w-]+\.css"/);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|https?:\/\//i);
    // Every asset the page names is in the build.
    for (const m of html.matchAll(/\/console\/assets\/([\w.-]+)/g)) expect(build!.assets.has(m[1]!), m[1]).toBe(true);
  });

  it('VAL-3: the built JavaScript has no eval or Function constructor and no development build of React', () => {
    const js = [...readdirSync(join(CONSOLE_BUILD_DIR, 'assets'))].filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(CONSOLE_BUILD_DIR, 'assets', f), 'utf8'));
    expect(js.length).toBeGreaterThan(0);
    for (const text of js) {
      expect(text).not.toMatch(/\beval\(|new Function\(|\bFunction\(["'`]/);
      expect(text).not.toContain('react.development');
    }
  });
});
