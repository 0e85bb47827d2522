import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('TypeScript', () => {
  it('VAL-4: tsconfig enables strict mode and the code type-checks', () => {
    const tsconfig = JSON.parse(readFileSync(`${ROOT}/tsconfig.json`, 'utf8')) as { compilerOptions: Record<string, unknown>; include: string[] };
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true });
    expect(tsconfig.include).toContain('src');
    // The real compiler over the whole project: a strict-mode error anywhere fails this test.
    execFileSync(process.execPath, [`${ROOT}/node_modules/typescript/bin/tsc`, '--noEmit', '-p', ROOT], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
  }, 180_000);
});
