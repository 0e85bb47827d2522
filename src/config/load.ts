/* Reads the environment once, validates every setting, and returns a frozen Config. Unknown
   PALISADE_* variables are refused (a typo must not silently fall back to a default). All
   problems are reported together. The CLI turns ConfigError into exit code 2. */
import { existsSync } from 'node:fs';
import { parsePgTls } from '../lib/pg-tls.js';
import { settings, type Config, type SettingName } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(env)) {
    if (name.startsWith('PALISADE_') && !(name in settings)) problems.push(`${name}: unknown setting`);
  }
  for (const [name, setting] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? ('default' in setting ? setting.default : undefined) : raw;
    if (value === undefined) continue;
    const parsed = setting.schema.safeParse(value);
    if (parsed.success) out[name] = parsed.data;
    // Never echo a secret's value back, even in an error.
    else problems.push(`${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}${'secret' in setting && setting.secret ? '' : ` (got ${JSON.stringify(value).slice(0, 80)})`}`);
  }
  crossChecks(out, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  if (out.PALISADE_PUBLIC_URL === undefined) {
    out.PALISADE_PUBLIC_URL = localUrl(String(out.HOST), Number(out.PORT), Boolean(out.PALISADE_TLS_CERT));
  }
  return deepFreeze(out) as unknown as Config;
}

/** The URL `palisade start` prints: where a browser on this machine reaches the server. A
    wildcard address (0.0.0.0, ::) is reached on loopback. It is also the default public URL,
    so a browser opened at the printed URL is on a trusted origin. */
export function localUrl(host: string, port: number, tls: boolean): string {
  const h = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' || host === '[::]' ? '::1' : host;
  return `${tls ? 'https' : 'http'}://${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${String(port)}`;
}

function crossChecks(c: Record<string, unknown>, problems: string[]): void {
  if (c.PALISADE_ENV === 'production') {
    if (!c.SMTP_URL) problems.push('SMTP_URL: required with PALISADE_ENV=production (mail must be delivered, never kept in an outbox)');
    if (c.PALISADE_DEV_MODE) problems.push('PALISADE_DEV_MODE: not allowed with PALISADE_ENV=production');
  }
  if (Boolean(c.PALISADE_TLS_CERT) !== Boolean(c.PALISADE_TLS_KEY)) {
    problems.push('PALISADE_TLS_CERT and PALISADE_TLS_KEY: set both or neither');
  }
  if (c.PALISADE_HTTP_REDIRECT_PORT !== undefined && !c.PALISADE_TLS_CERT) {
    problems.push('PALISADE_HTTP_REDIRECT_PORT: only meaningful with TLS on');
  }
  const plans = c.PALISADE_PLANS as Record<string, unknown> | undefined;
  if (plans && typeof c.PALISADE_DEFAULT_PLAN === 'string' && !Object.prototype.hasOwnProperty.call(plans, c.PALISADE_DEFAULT_PLAN)) {
    problems.push(`PALISADE_DEFAULT_PLAN: ${JSON.stringify(c.PALISADE_DEFAULT_PLAN)} is not a plan of PALISADE_PLANS (${Object.keys(plans).join(', ')})`);
  }
  if (plans && typeof c.PALISADE_STRIPE_ENDED_PLAN === 'string' && !Object.prototype.hasOwnProperty.call(plans, c.PALISADE_STRIPE_ENDED_PLAN)) {
    problems.push(`PALISADE_STRIPE_ENDED_PLAN: ${JSON.stringify(c.PALISADE_STRIPE_ENDED_PLAN)} is not a plan of PALISADE_PLANS (${Object.keys(plans).join(', ')})`);
  }
  if (c.PALISADE_AI_PROVIDER !== 'none' && (!c.PALISADE_AI_MODEL || !c.PALISADE_AI_API_KEY)) {
    problems.push('PALISADE_AI_MODEL and PALISADE_AI_API_KEY: required with PALISADE_AI_PROVIDER');
  }
  if ((c.DATABASE_APP_URL || c.DATABASE_SYSTEM_URL) && !c.DATABASE_URL) {
    problems.push('DATABASE_APP_URL/DATABASE_SYSTEM_URL: need DATABASE_URL (the owner connection for migrations)');
  }
  for (const name of ['DATABASE_URL', 'DATABASE_APP_URL', 'DATABASE_SYSTEM_URL'] as const) {
    const problem = typeof c[name] === 'string' ? databaseTlsProblem(c[name], c.PALISADE_ENV === 'production') : null;
    if (problem) problems.push(`${name}: ${problem}`);
  }
}

/** ASVS V12.3.1/V12.3.2: TLS with validation to a server elsewhere (src/lib/pg-tls.ts). Never echoes the URL (it holds a password). */
function databaseTlsProblem(url: string, production: boolean): string | null {
  try {
    const tls = parsePgTls(url);
    if (tls.rootCertFile !== undefined && !existsSync(tls.rootCertFile)) return `sslrootcert: no such file ${JSON.stringify(tls.rootCertFile)}`;
    if (production && tls.mode === 'none' && !tls.local) return 'a PostgreSQL server on another machine needs sslmode=verify-full with PALISADE_ENV=production (a private CA: add sslrootcert=<PEM file>)';
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
