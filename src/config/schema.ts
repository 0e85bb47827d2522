/* The one schema for every environment variable Palisade reads. Each entry carries its default
   and a one-line meaning; docs/configuration.md is checked against this table by
   config/load.test.ts, so the doc cannot drift from the code. Secrets have no defaults.
   Modules add their settings here, in their own section. */
import { z } from 'zod';

export interface Setting<T extends z.ZodType = z.ZodType> {
  schema: T;
  /** The default as it appears in docs/configuration.md; undefined = no default (optional or required). */
  default?: string;
  doc: string;
  secret?: boolean;
}

function s<T extends z.ZodType, O extends { default?: string; secret?: boolean } = {}>(
  schema: T,
  doc: string,
  opts?: O,
): { schema: T; doc: string } & O {
  return { schema, doc, ...(opts ?? ({} as O)) };
}

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const port = z.coerce.number().int().min(0).max(65535);
const posInt = z.coerce.number().int().positive();
const url = z.string().url();

export const settings = {
  // ---- process and HTTP
  HOST: s(z.string().min(1), 'Address the HTTP server listens on.', { default: '127.0.0.1' }),
  PORT: s(port, 'Port the HTTP(S) server listens on (0 picks a free port).', { default: '3000' }),
  PALISADE_PUBLIC_URL: s(url, 'Public base URL used in emails and links; defaults to http://localhost:PORT.'),
  PALISADE_DATA_DIR: s(z.string().min(1), 'Directory for the embedded PostgreSQL cluster, generated keys and local files.', { default: './.palisade' }),
  PALISADE_DEV_MODE: s(bool, 'Development conveniences (dev mail outbox endpoint). Never in production; logs PAL_WARN_DEV_MODE at boot.', { default: 'false' }),
  PALISADE_LOG_LEVEL: s(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'Log level.', { default: 'info' }),
  PALISADE_TRUST_PROXY: s(z.string(), 'Proxies trusted for X-Forwarded-* (comma-separated addresses/CIDRs); empty trusts none.', { default: '' }),
  PALISADE_BODY_LIMIT_BYTES: s(posInt.max(64 * 1024 * 1024), 'Largest accepted request body, in bytes.', { default: '1048576' }),
  PALISADE_JSON_MAX_DEPTH: s(posInt.max(256), 'Deepest accepted JSON nesting in a request body.', { default: '32' }),
  PALISADE_TLS_CERT: s(z.string().min(1), 'Path to a PEM certificate chain; with PALISADE_TLS_KEY, serve HTTPS directly (TLS 1.2 minimum).'),
  PALISADE_TLS_KEY: s(z.string().min(1), 'Path to the PEM private key for PALISADE_TLS_CERT.', { secret: true }),
  PALISADE_HTTP_REDIRECT_PORT: s(port, 'With TLS on, a plain-HTTP port that only redirects to HTTPS.'),
  PALISADE_SHUTDOWN_GRACE_MS: s(posInt, 'How long SIGINT/SIGTERM waits for in-flight requests before closing.', { default: '10000' }),

  // ---- database
  DATABASE_URL: s(url, 'PostgreSQL URL of a superuser or the database owner (needs CREATEROLE). Unset: run the embedded PostgreSQL.', { secret: true }),
  DATABASE_APP_URL: s(url, 'Optional: connect the request path as this role instead of the palisade_app role Palisade manages.', { secret: true }),
  DATABASE_SYSTEM_URL: s(url, 'Optional: connect the platform path as this role instead of the palisade_system role Palisade manages.', { secret: true }),
  DATABASE_POOL_MAX: s(posInt.max(500), 'Connections in the request-path pool.', { default: '10' }),

  // ---- audit
  AUDIT_RETENTION_DAYS: s(posInt.max(36500), 'Days an audit record is kept before the retention job may delete it (hashes and checkpoints are kept forever).', { default: '1095' }),
  AUDIT_LOG_NAME: s(z.string().regex(/^[^\s+]+$/, 'no spaces or "+"').max(200), 'Checkpoint signing key name and origin prefix (origin = NAME/<orgId>); defaults to <public host>/audit. Fixed per tree once used.'),
  AUDIT_SEAL_INTERVAL_MS: s(posInt.min(50).max(60000), 'How often the sealer folds new audit records into the Merkle trees and signs checkpoints.', { default: '1000' }),
  AUDIT_SEAL_BATCH: s(posInt.max(100000), 'Most audit records sealed in one sealing transaction (rounds repeat at once while more are waiting).', { default: '5000' }),
  AUDIT_ALERTS: s(bool, 'Run the anomaly detectors over the audit stream.', { default: 'true' }),
  AUDIT_ALERT_BRUTE_FORCE: s(z.string().regex(/^\d+\/\d+$/), 'Brute force: N failed sign-ins on one account within S seconds ("N/S").', { default: '10/900' }),
  AUDIT_ALERT_CREDENTIAL_STUFFING: s(z.string().regex(/^\d+\/\d+$/), 'Credential stuffing: failed sign-ins on N distinct accounts from one IP within S seconds ("N/S").', { default: '10/600' }),
  AUDIT_ALERT_DENIED_BURST: s(z.string().regex(/^\d+\/\d+$/), 'Denied burst: N denied requests by one API key within S seconds ("N/S").', { default: '20/60' }),
  AUDIT_ALERT_OUTBOUND_FAILURES: s(z.string().regex(/^\d+\/\d+$/), 'Outbound failures: N failed outbound calls in one organisation within S seconds ("N/S").', { default: '10/300' }),
  AUDIT_ALERT_MASS_READS: s(z.string().regex(/^\d+(\.\d+)?x\/\d+$/), 'Mass reads: reads in the last hour above F times the hourly 7-day baseline and at least M ("Fx/M").', { default: '10x/1000' }),
  AUDIT_ALERT_ADMIN_NEW_SOURCE_DAYS: s(z.coerce.number().int().min(0).max(3650), 'Admin sign-in from an IP and a user agent neither seen for that admin in this many days (0 turns it off).', { default: '90' }),
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof settings;
type Out<K extends SettingName> = z.output<(typeof settings)[K]['schema']>;
type Defaulted = { [K in SettingName]: (typeof settings)[K] extends { default: string } ? K : never }[SettingName];

/** The validated configuration: settings with a default are always present. */
export type Config = { readonly [K in Defaulted]: Out<K> } & {
  readonly [K in Exclude<SettingName, Defaulted | 'PALISADE_PUBLIC_URL'>]?: Out<K>;
} & { readonly PALISADE_PUBLIC_URL: string };
