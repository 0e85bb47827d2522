// The software bill of materials (ASVS V15.1.2): CycloneDX 1.5 JSON built from package-lock.json,
// deterministic (no timestamp or random serial), every package with its version, purl, the
// sha-512 npm verified it against, and its scope (required at run time, or excluded: build and
// test only). `npm run sbom [path]` writes it (default test-results/sbom.cdx.json); CI keeps it
// with the run. test/security/sbom.test.ts checks it against the lockfile and node_modules.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface LockPackage { version?: string; integrity?: string; resolved?: string; dev?: boolean; optional?: boolean; devOptional?: boolean; link?: boolean; license?: string }
export interface Lockfile { name: string; version: string; lockfileVersion: number; packages: Record<string, LockPackage> }

export interface SbomComponent {
  'bom-ref': string;
  type: 'library';
  name: string;
  version: string;
  scope: 'required' | 'excluded';
  purl: string;
  hashes: Array<{ alg: 'SHA-512'; content: string }>;
  licenses?: Array<{ expression: string }>;
}

/** The package name of a lockfile key ("node_modules/a/node_modules/@s/b" → "@s/b"). */
export function nameOfKey(key: string): string {
  const i = key.lastIndexOf('node_modules/');
  return key.slice(i + 'node_modules/'.length);
}

export function sbomFromLock(lock: Lockfile): { bomFormat: 'CycloneDX'; specVersion: '1.5'; version: 1; metadata: unknown; components: SbomComponent[] } {
  const seen = new Map<string, SbomComponent>();
  for (const [key, p] of Object.entries(lock.packages)) {
    if (!key || p.link || !p.version) continue;
    const name = nameOfKey(key);
    const ref = `${name}@${p.version}`;
    const integrity = /^sha512-([A-Za-z0-9+/=]+)$/.exec(p.integrity ?? '')?.[1];
    const scope = p.dev || p.devOptional ? 'excluded' : 'required';
    const prior = seen.get(ref);
    if (prior) {
      if (scope === 'required') prior.scope = 'required';
      continue;
    }
    seen.set(ref, {
      'bom-ref': ref, type: 'library', name, version: p.version, scope,
      purl: `pkg:npm/${name.replace('@', '%40')}@${p.version}`,
      hashes: integrity ? [{ alg: 'SHA-512', content: Buffer.from(integrity, 'base64').toString('hex') }] : [],
      ...(p.license ? { licenses: [{ expression: p.license }] } : {}),
    });
  }
  const components = [...seen.values()].sort((a, b) => a['bom-ref'].localeCompare(b['bom-ref']));
  return {
    bomFormat: 'CycloneDX', specVersion: '1.5', version: 1,
    metadata: { component: { 'bom-ref': `${lock.name}@${lock.version}`, type: 'application', name: lock.name, version: lock.version } },
    components,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = resolve(root, process.argv[2] ?? 'test-results/sbom.cdx.json');
  const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const sbom = sbomFromLock(lock);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(sbom, null, 2)}\n`);
  const required = sbom.components.filter((c) => c.scope === 'required').length;
  process.stdout.write(`sbom: ${sbom.components.length} components (${required} required at run time) → ${out}\n`);
}
