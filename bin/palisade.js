#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx palisade …` works right after
// `npm install` with no build step to remember.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
