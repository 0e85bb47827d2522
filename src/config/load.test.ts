import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, localUrl, ConfigError } from './load.js';
import { settings } from './schema.js';

function docTable(): Map<string, string | undefined> {
  const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
  const rows = new Map<string, string | undefined>();
  for (const line of doc.split('\n')) {
    const m = /^\| ([A-Z][A-Z0-9_]+) \| (.*?) \| .+ \|$/.exec(line);
    if (!m) continue;
    const def = m[2] === '—' ? undefined : m[2]!.replace(/^`|`$/g, '');
    rows.set(m[1]!, def);
  }
  return rows;
}

describe('configuration', () => {
  it('docs/configuration.md lists every setting with its default, and nothing else', () => {
    const doc = docTable();
    const schemaNames = Object.keys(settings).sort();
    expect([...doc.keys()].sort()).toEqual(schemaNames);
    for (const [name, s] of Object.entries(settings)) {
      expect({ name, default: doc.get(name) }).toEqual({ name, default: 'default' in s ? s.default : undefined });
    }
  });

  it('applies defaults', () => {
    const c = loadConfig({});
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.PORT).toBe(3000);
    expect(c.PALISADE_DATA_DIR).toBe('./.palisade');
    // The default public URL is the URL `palisade start` prints (a browser opened there is trusted).
    expect(c.PALISADE_PUBLIC_URL).toBe('http://127.0.0.1:3000');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('the default public URL follows HOST and PORT; a wildcard HOST is reached on loopback', () => {
    expect(loadConfig({ HOST: '::1', PORT: '8080' }).PALISADE_PUBLIC_URL).toBe('http://[::1]:8080');
    expect(loadConfig({ HOST: '0.0.0.0' }).PALISADE_PUBLIC_URL).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '::' }).PALISADE_PUBLIC_URL).toBe('http://[::1]:3000');
    expect(loadConfig({ HOST: 'localhost' }).PALISADE_PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PALISADE_PUBLIC_URL: 'https://auth.example.com' }).PALISADE_PUBLIC_URL).toBe('https://auth.example.com');
    expect(localUrl('10.0.0.5', 443, true)).toBe('https://10.0.0.5:443');
  });

  it('reports every problem at once, and refuses unknown PALISADE_ variables', () => {
    try {
      loadConfig({ PORT: 'abc', PALISADE_LOG_LEVEL: 'loud', PALISADE_TYPO: '1', PALISADE_TLS_CERT: '/x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT:/m);
      expect(problems).toMatch(/^PALISADE_LOG_LEVEL:/m);
      expect(problems).toMatch(/^PALISADE_TYPO: unknown setting/m);
      expect(problems).toMatch(/PALISADE_TLS_CERT and PALISADE_TLS_KEY/);
    }
  });

  it('the plan a cancelled Stripe subscription returns to must be one of PALISADE_PLANS', () => {
    expect(() => loadConfig({ PALISADE_STRIPE_ENDED_PLAN: 'free', PALISADE_PLANS: '{"basic":[],"team":[]}', PALISADE_DEFAULT_PLAN: 'team' })).toThrow(/PALISADE_STRIPE_ENDED_PLAN: "free" is not a plan of PALISADE_PLANS/);
    expect(loadConfig({ PALISADE_STRIPE_ENDED_PLAN: 'basic', PALISADE_PLANS: '{"basic":[],"team":[]}', PALISADE_DEFAULT_PLAN: 'team' }).PALISADE_STRIPE_ENDED_PLAN).toBe('basic');
  });

  it('ENC-6: every secret-shaped setting (credentials, keys, connection URLs) is marked secret and has no default', () => {
    const secretShaped = Object.keys(settings).filter((n) => /(_URL|_KEY|KEK|_KEK_PREVIOUS|SECRET|PASSWORD|TOKEN)$/.test(n) && n !== 'PALISADE_PUBLIC_URL');
    expect(secretShaped.length).toBeGreaterThanOrEqual(5);
    for (const name of secretShaped) {
      const s = settings[name as keyof typeof settings] as { secret?: boolean; default?: string };
      expect({ name, secret: s.secret === true, default: s.default }).toEqual({ name, secret: true, default: undefined });
    }
  });

  it('never echoes a secret setting in an error', () => {
    try {
      loadConfig({ DATABASE_URL: 'not a url but s3cr3t-value' });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toContain('DATABASE_URL');
      expect((e as Error).message).not.toContain('s3cr3t-value');
    }
  });
});
