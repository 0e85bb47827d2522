import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/* The real compiler over the whole project takes tens of seconds, more on a busy machine: it
   runs here, bounded only by this hook's generous limit (a hang guard, not a speed
   expectation), and the test asserts on its result. */
let tsc: { status: number | null; output: string };
beforeAll(async () => {
  tsc = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}/node_modules/typescript/bin/tsc`, '--noEmit', '-p', ROOT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}, 20 * 60_000);

describe('TypeScript', () => {
  it('VAL-4: tsconfig enables strict mode and the code type-checks', () => {
    const tsconfig = JSON.parse(readFileSync(`${ROOT}/tsconfig.json`, 'utf8')) as { compilerOptions: Record<string, unknown>; include: string[] };
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true });
    expect(tsconfig.include).toContain('src');
    // A strict-mode error anywhere fails this test.
    expect(tsc.status, tsc.output).toBe(0);
  });
});
