/* The admin console (web/, React + Vite; docs/console.md) as Palisade serves it: the committed
   build in web/build/, read once at start. Invariants:
   - The HTML is the build's index.html: one same-origin module script and one stylesheet, no
     inline script or style, so the global strict CSP (script-src 'self', no 'unsafe-eval')
     applies unchanged (VAL-3). It carries no user data, and is no-store like every page.
   - Assets have content hashes in their names: cached for a year, immutable; served gzipped
     (compressed once at start) to a browser that accepts it, so the first load's transferred
     JavaScript is the gzipped size (the budget of issue 19 is ≤ 250 kB; test/console/build.test.ts
     and the browser suite measure it).
   - An unknown asset is a 404 problem, never the index page (a typo'd script URL must not load
     HTML as script). Any other /console/... path is a page of the console's own router. */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** web/build, two levels above this file (in src/ and in dist/ alike). */
export const CONSOLE_BUILD_DIR = fileURLToPath(new URL('../../web/build/', import.meta.url));

export interface ConsoleAsset {
  type: string;
  body: Buffer;
  gzip: Buffer;
}

export interface ConsoleBuild {
  index: string;
  /** By file name under /console/assets/. */
  assets: ReadonlyMap<string, ConsoleAsset>;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** The build, or null when web/build is absent (a source checkout whose build was removed). */
export function loadConsoleBuild(dir = CONSOLE_BUILD_DIR): ConsoleBuild | null {
  let index: string;
  try {
    index = readFileSync(join(dir, 'index.html'), 'utf8');
  } catch {
    return null;
  }
  const assets = new Map<string, ConsoleAsset>();
  for (const name of readdirSync(join(dir, 'assets'))) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, 'assets', name));
    assets.set(name, { type, body, gzip: gzipSync(body, { level: 9 }) });
  }
  return { index, assets };
}
