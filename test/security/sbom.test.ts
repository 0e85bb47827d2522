/* The dependency inventory and its remediation policy (ASVS V15.1.2, V15.1.1): the SBOM that
   `npm run sbom` writes lists every package of the lockfile, matches what is installed, and
   every package comes from the one trusted registry with an integrity hash; the documented time
   frames are what the CI audit enforces (a critical advisory fails it, run against a stand-in
   `npm audit` answer). */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nameOfKey, sbomFromLock, type Lockfile } from '../../scripts/sbom.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;

describe('dependency inventory', () => {
  it('V15.1.2: the SBOM lists every package of the lockfile with version, purl, SHA-512 and scope; installed runtime packages match it; every package comes from the npm registry with an integrity hash', () => {
    const sbom = sbomFromLock(lock);
    const refs = new Map(sbom.components.map((c) => [c['bom-ref'], c]));
    let runtime = 0;
    for (const [key, p] of Object.entries(lock.packages)) {
      if (!key || p.link) continue;
      const name = nameOfKey(key);
      const c = refs.get(`${name}@${p.version}`);
      expect(c, key).toBeDefined();
      // Trusted source: the public registry only (no git, file, tarball URL or other registry), and an integrity npm checks.
      expect(p.integrity, `${key} has an integrity hash`).toMatch(/^sha512-/);
      if (p.resolved !== undefined) expect(p.resolved, key).toMatch(/^https:\/\/registry\.npmjs\.org\//);
      expect(c?.hashes[0]?.content, key).toBe(Buffer.from((p.integrity ?? '').slice(7), 'base64').toString('hex'));
      if (!p.dev && !p.devOptional) {
        expect(c?.scope, key).toBe('required');
        runtime++;
        // What is installed is what the SBOM says (optional platform packages may be absent).
        const installed = join(root, key, 'package.json');
        if (existsSync(installed)) expect((JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version, key).toBe(p.version);
        else expect(p.optional, `${key} is installed`).toBe(true);
      }
    }
    expect(runtime).toBeGreaterThan(100);
    // Every direct runtime dependency is a required component.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies)) expect(sbom.components.some((c) => c.name === dep && c.scope === 'required'), dep).toBe(true);
    // No registry override; lockfile dependencies by git or path would show as non-registry specs.
    expect(existsSync(join(root, '.npmrc')) ? readFileSync(join(root, '.npmrc'), 'utf8') : '').not.toMatch(/^\s*(@[^:]+:)?registry\s*=/m);
    for (const spec of Object.values(pkg.dependencies)) expect(spec).toMatch(/^[\^~]?\d/);
    // CI writes it on every run.
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toContain('npm run sbom');
  });

  it('V15.1.1: the documented remediation time frames name every severity, and the CI audit does what the table says: a critical advisory fails the build, lower ones are reported', () => {
    const doc = readFileSync(join(root, 'docs/dependencies.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Inventory (SBOM) and remediation time frames'));
    const rows: Record<string, { frame: string; enforced: string }> = Object.fromEntries([...section.matchAll(/^\| (critical|high|moderate|low) \| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => [m[1] ?? '', { frame: (m[2] ?? '').trim(), enforced: (m[3] ?? '').trim() }]));
    expect(Object.keys(rows).sort()).toEqual(['critical', 'high', 'low', 'moderate']);
    for (const r of Object.values(rows)) expect(r.frame).toMatch(/^\d+ days/);
    expect(rows.critical?.enforced).toMatch(/fails the build/);

    const dir = mkdtempSync(join(tmpdir(), 'palisade-dep-audit-'));
    try {
      const audit = (counts: Record<string, number>) => {
        writeFileSync(join(dir, 'npm'), `#!/bin/sh\necho '${JSON.stringify({ metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } } })}'\nexit 1\n`);
        chmodSync(join(dir, 'npm'), 0o755);
        return spawnSync(process.execPath, [join(root, 'scripts/dep-audit.mjs')], { cwd: dir, env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` }, encoding: 'utf8' });
      };
      expect(audit({ critical: 1 }).status).toBe(1);
      for (const sev of ['high', 'moderate', 'low']) {
        const r = audit({ [sev]: 2 });
        expect(r.status, sev).toBe(0);
        expect(r.stdout, sev).toContain(`"${sev}":2`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
