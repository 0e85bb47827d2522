#!/usr/bin/env node
// Runs Palisade: the compiled build in dist/ when `npm run build` made one that is at least as new
// as every file under src/ (production; no TypeScript loader thread, ≈ 40 MB less memory), else the
// TypeScript sources through tsx, so `npx palisade …` works right after `npm install` and a stale
// build is never run.
import { buildIsFresh } from '../scripts/build.mjs';

let main;
if (buildIsFresh()) {
  ({ main } = await import('../dist/cli/index.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/index.ts'));
}
const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
