/* The admin console's build (docs/console.md). Run from the project root as `vite build web` (npm run
   console:build). The output, web/build/, is committed: `npm install
   && npm start` serves it with no build step and no devDependency, and
   test/console/build.test.ts rebuilds it and fails when it differs from the sources. Under the
   strict CSP (script-src 'self', style-src 'self'): no inline script (the module-preload polyfill
   is off: the build targets browsers with native modulepreload), no eval (React's
   production build uses none), assets under /console/assets/ with content hashes. */
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/console/',
  logLevel: 'warn',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'build',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    sourcemap: false,
    reportCompressedSize: false,
    assetsInlineLimit: 0,
  },
});
