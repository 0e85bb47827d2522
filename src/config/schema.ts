/* The one schema for every environment variable Palisade reads. Each entry carries its default
   and a one-line meaning; docs/configuration.md is checked against this table by
   config/load.test.ts, so the doc cannot drift from the code. Secrets have no defaults.
   Modules add their settings here, in their own section. */
import { z } from 'zod';
import { DEFAULT_NEW_ORG_PLAN, DEFAULT_PLANS, PLAN_NAME, plansSchema } from './plans.js';

export interface Setting<T extends z.ZodType = z.ZodType> {
  schema: T;
  /** The default as it appears in docs/configuration.md; undefined = no default (optional or required). */
  default?: string;
  doc: string;
  secret?: boolean;
}

function s<T extends z.ZodType, O extends { default?: string; secret?: boolean } = Record<never, never>>(
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
  PALISADE_PUBLIC_URL: s(url, 'Public base URL used in emails and links, and the issuer of session tokens: every node behind one load balancer must share it. Defaults to the URL `palisade start` prints, http://HOST:PORT (127.0.0.1 for a wildcard HOST).'),
  PALISADE_DATA_DIR: s(z.string().min(1), 'Directory for the embedded PostgreSQL cluster, generated keys and local files.', { default: './.palisade' }),
  PALISADE_ENV: s(z.enum(['development', 'production']), 'development: mail that cannot be sent (no SMTP_URL) is printed to the console and kept in a local-only outbox (GET /v1/dev/outbox). production: SMTP_URL is required, and the console mail and the outbox never exist.', { default: 'development' }),
  PALISADE_DEV_MODE: s(bool, 'Development conveniences: the outbox (GET /v1/dev/outbox) answers any client, not only loopback. Refused with PALISADE_ENV=production; logs PAL_WARN_DEV_MODE at boot.', { default: 'false' }),
  PALISADE_LOG_LEVEL: s(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'Log level.', { default: 'info' }),
  PALISADE_TRUST_PROXY: s(z.string(), 'Proxies trusted for X-Forwarded-* (comma-separated addresses/CIDRs); empty trusts none.', { default: '' }),
  PALISADE_BODY_LIMIT_BYTES: s(posInt.max(64 * 1024 * 1024), 'Largest accepted request body, in bytes.', { default: '1048576' }),
  PALISADE_JSON_MAX_DEPTH: s(posInt.max(256), 'Deepest accepted JSON nesting in a request body.', { default: '32' }),
  PALISADE_TLS_CERT: s(z.string().min(1), 'Path to a PEM certificate chain; with PALISADE_TLS_KEY, serve HTTPS directly (TLS 1.2 minimum).'),
  PALISADE_TLS_KEY: s(z.string().min(1), 'Path to the PEM private key for PALISADE_TLS_CERT.', { secret: true }),
  PALISADE_HTTP_REDIRECT_PORT: s(port, 'With TLS on, a plain-HTTP port that redirects pages to HTTPS and refuses the API (/v1/…) with 403 https_required.'),
  PALISADE_SHUTDOWN_GRACE_MS: s(posInt, 'How long SIGINT/SIGTERM waits for in-flight requests before closing.', { default: '10000' }),

  // ---- database
  DATABASE_URL: s(url, 'PostgreSQL URL of a superuser or the database owner (needs CREATEROLE). Unset: run the embedded PostgreSQL. TLS: add sslmode=verify-full (and sslrootcert=<PEM file> for a private CA); modes that skip certificate validation are refused, and with PALISADE_ENV=production a server that is not on this machine needs verify-full.', { secret: true }),
  DATABASE_APP_URL: s(url, 'Optional: connect the request path as this role instead of the palisade_app role Palisade manages.', { secret: true }),
  DATABASE_SYSTEM_URL: s(url, 'Optional: connect the platform path as this role instead of the palisade_system role Palisade manages.', { secret: true }),
  DATABASE_POOL_MAX: s(posInt.max(500), 'Connections in the request-path pool.', { default: '10' }),

  // ---- jobs (graphile-worker; docs/jobs.md)
  PALISADE_JOBS_WORKER: s(bool, 'Run the job worker in this process (retries, schedules, deliveries). Turn it off on nodes that should only serve requests; at least one node must run it.', { default: 'true' }),
  PALISADE_JOBS_CONCURRENCY: s(posInt.max(100), 'Jobs this node runs at once.', { default: '2' }),

  // ---- crypto (envelope keys; docs/encryption.md)
  PALISADE_KEK: s(z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'base64 of 32 bytes'), 'Key-encryption key: base64 of 32 random bytes (openssl rand -base64 32). Unset: the key file in PALISADE_KEK_DIR, generated on first start.', { secret: true }),
  PALISADE_KEK_PREVIOUS: s(z.string().regex(/^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/, 'comma-separated base64 keys'), 'During a KEK rotation: the earlier PALISADE_KEK values (comma-separated), kept until `palisade keys rotate-kek` reports none left.', { secret: true }),
  PALISADE_KEK_DIR: s(z.string().min(1), 'Directory of the local KEK file (kek.key, mode 0600) when PALISADE_KEK is unset; defaults to <PALISADE_DATA_DIR>-keys, beside the data directory and never in it (production refuses a directory inside it; `palisade keys move-kek` moves an older install\'s key out). In production put it on another volume than the database.'),
  PALISADE_DEK_CACHE_TTL_SECONDS: s(z.coerce.number().int().min(0).max(86400), 'How long an unwrapped data key stays in memory (0 disables the cache).', { default: '300' }),
  PALISADE_DEK_CACHE_MAX: s(z.coerce.number().int().min(0).max(1000000), 'Most unwrapped data keys held in memory; evicted keys are zeroed.', { default: '1000' }),

  // ---- audit
  AUDIT_RETENTION_DAYS: s(posInt.max(36500), 'Days an audit record is kept before the retention job may delete it (hashes and checkpoints are kept forever).', { default: '1095' }),
  AUDIT_LOG_NAME: s(z.string().regex(/^[^\s+]+$/, 'no spaces or "+"').max(200), 'Checkpoint signing key name and origin prefix (origin = NAME/<orgId>); defaults to <public host>/audit. Fixed per tree once used.'),
  AUDIT_SEAL_INTERVAL_MS: s(posInt.min(50).max(60000), 'How often the sealer folds new audit records into the Merkle trees and signs checkpoints.', { default: '1000' }),
  AUDIT_SEAL_BATCH: s(posInt.max(100000), 'Most audit records sealed in one sealing transaction (rounds repeat at once while more are waiting).', { default: '5000' }),
  AUDIT_ALERTS: s(bool, 'Run the anomaly detectors over the audit stream.', { default: 'true' }),
  AUDIT_ALERT_BRUTE_FORCE: s(z.string().regex(/^\d+\/\d+$/), 'Brute force: N refused sign-ins (wrong password, locked, rate-limited) on one account within S seconds ("N/S"); the default matches the lockout (PALISADE_LOCKOUT_THRESHOLD failures in PALISADE_LOCKOUT_SECONDS).', { default: '5/900' }),
  AUDIT_ALERT_CREDENTIAL_STUFFING: s(z.string().regex(/^\d+\/\d+$/), 'Credential stuffing: failed sign-ins on N distinct accounts from one IP within S seconds ("N/S").', { default: '10/600' }),
  AUDIT_ALERT_DENIED_BURST: s(z.string().regex(/^\d+\/\d+$/), 'Denied burst: N denied requests by one API key within S seconds ("N/S").', { default: '20/60' }),
  AUDIT_ALERT_OUTBOUND_FAILURES: s(z.string().regex(/^\d+\/\d+$/), 'Outbound failures: N failed outbound calls in one organisation within S seconds ("N/S").', { default: '10/300' }),
  AUDIT_ALERT_MASS_READS: s(z.string().regex(/^\d+(\.\d+)?x\/\d+$/), 'Mass reads: reads in the last hour above F times the hourly 7-day baseline and at least M ("Fx/M").', { default: '10x/1000' }),
  AUDIT_ALERT_ADMIN_NEW_SOURCE_DAYS: s(z.coerce.number().int().min(0).max(3650), 'Admin sign-in from an IP and a user agent neither seen for that admin in this many days (0 turns it off).', { default: '90' }),

  // ---- identity (accounts, passwords, sessions, lockout, rate limits, mail)
  PALISADE_PASSWORD_HASH: s(z.enum(['argon2id', 'bcrypt']), 'Password hashing for new hashes: argon2id (OWASP parameters) or bcrypt (cost PALISADE_BCRYPT_COST). Both are always verified.', { default: 'argon2id' }),
  PALISADE_ARGON2_MEMORY_KIB: s(posInt.min(19456).max(4194304), 'argon2id memory cost in KiB (OWASP minimum 19456).', { default: '19456' }),
  PALISADE_ARGON2_TIME_COST: s(posInt.min(2).max(100), 'argon2id passes (OWASP: 2 with 19456 KiB).', { default: '2' }),
  PALISADE_ARGON2_PARALLELISM: s(posInt.max(255), 'argon2id lanes.', { default: '1' }),
  PALISADE_BCRYPT_COST: s(posInt.min(12).max(31), 'bcrypt cost factor when PALISADE_PASSWORD_HASH=bcrypt (at least 12).', { default: '12' }),
  PALISADE_PASSWORD_HASH_CONCURRENCY: s(z.coerce.number().int().min(0).max(64), 'Most password hashes computed at once; 0 = the number of CPU cores, so hashing cannot fill the whole libuv thread pool during a sign-in storm.', { default: '0' }),
  PALISADE_PASSWORD_MIN_LENGTH: s(posInt.min(8).max(64), 'Shortest accepted password, in Unicode code points after NFKC (NIST SP 800-63B-4: 15 when the password is the only factor).', { default: '15' }),
  PALISADE_PASSWORD_MAX_LENGTH: s(posInt.min(64).max(1024), 'Longest accepted password, in code points after NFKC (at least 64).', { default: '128' }),
  PALISADE_SESSION_TOKEN_TTL_SECONDS: s(posInt.min(30).max(900), 'Lifetime of the signed session token in the cookie; the session row is touched when it is refreshed.', { default: '300' }),
  PALISADE_SESSION_IDLE_TIMEOUT_SECONDS: s(posInt.min(300).max(31536000), 'A session unused for this long expires (organisations may set a shorter one for their members).', { default: '604800' }),
  PALISADE_SESSION_ROLLING_WINDOW_SECONDS: s(posInt.min(300).max(31536000), 'Rolling window: a session expires this long after its token was last refreshed.', { default: '2592000' }),
  PALISADE_SESSION_MAX_LIFETIME_SECONDS: s(posInt.min(300).max(31536000), 'Absolute lifetime: a session ends this long after its sign-in however often it is used; then the user signs in again (ASVS V7.3.2).', { default: '7776000' }),
  PALISADE_SESSION_MAX_PER_USER: s(posInt.min(1).max(1000), 'Concurrent sessions one account may hold; a new sign-in beyond it ends the least recently used ones (ASVS V7.1.2).', { default: '20' }),
  PALISADE_LOCKOUT_THRESHOLD: s(posInt.max(100), 'Consecutive failed sign-ins that lock an account.', { default: '5' }),
  PALISADE_LOCKOUT_SECONDS: s(posInt.max(86400), 'How long a locked account stays locked.', { default: '900' }),
  PALISADE_AUTH_RATE_WINDOW_SECONDS: s(posInt.max(86400), 'Window of the authentication rate limits (shared by all nodes through PostgreSQL).', { default: '600' }),
  PALISADE_AUTH_RATE_PER_IP: s(posInt.max(100000), 'Requests one IP address may make to each authentication endpoint per window.', { default: '50' }),
  PALISADE_AUTH_RATE_PER_ACCOUNT: s(posInt.max(100000), 'Requests naming one account (email address or user) each authentication endpoint accepts per window.', { default: '10' }),
  PALISADE_CSRF_TRUSTED_ORIGINS: s(z.string(), 'Origins besides that of PALISADE_PUBLIC_URL allowed to make cookie-authenticated changes (comma-separated, e.g. https://console.example.com). A loopback public URL (localhost, 127.0.0.1, [::1]) trusts all three loopback names on its port.', { default: '' }),
  PALISADE_SUPER_ADMIN_IDS: s(z.string().regex(/^\s*(usr_[a-z0-9]{1,64}\s*(,\s*usr_[a-z0-9]{1,64}\s*)*)?$/, 'comma-separated user ids (usr_…)'), 'User ids (comma-separated, usr_…) of platform super-admins: the reliable way to name one. Set only here, never through the API; checked at every request, so no new sign-in is needed.', { default: '' }),
  PALISADE_SUPER_ADMINS: s(z.string(), 'Email addresses (comma-separated) of platform super-admins, a convenience beside PALISADE_SUPER_ADMIN_IDS: an address counts only for the account holding it verified, resolved at request time (refreshed every 30 s).', { default: '' }),
  SMTP_URL: s(z.string().regex(/^smtps?:\/\//, 'smtp:// or smtps:// URL').refine((v) => !/rejectunauthorized/i.test(v), 'certificate validation cannot be turned off (trust a private CA with SMTP_TLS_CA_FILE)'), 'SMTP server for outgoing mail (smtp:// with STARTTLS, or smtps://). Required with PALISADE_ENV=production; unset in development, mail is printed to the console and kept in the outbox.', { secret: true }),
  SMTP_TLS_CA_FILE: s(z.string().min(1), 'Path to a PEM bundle of the CAs that may sign the SMTP server\'s certificate (a private CA). Unset: the system\'s public CAs. The certificate is always validated, host name included (ASVS V12.3.2).'),
  PALISADE_MAIL_FROM: s(z.string().min(3).max(200).regex(/^[^\r\n\u0000-\u001f\u007f]+$/, 'no control characters'), 'From address of the mail Palisade sends.', { default: 'Palisade <no-reply@localhost>' }),

  // ---- anti-automation beyond /v1/auth, and the record of refused requests (ASVS V2.4.1, V16.3.3)
  PALISADE_LIMIT_INVITATIONS: s(z.string().regex(/^\d+\/\d+$/, 'N/S'), 'Invitations (each sends mail) one organisation may create: N per S seconds ("N/S").', { default: '100/3600' }),
  PALISADE_LIMIT_ORG_CREATION: s(z.string().regex(/^\d+\/\d+$/, 'N/S'), 'Organisations one user may create: N per S seconds ("N/S").', { default: '10/86400' }),
  PALISADE_LIMIT_API_KEY_CREATION: s(z.string().regex(/^\d+\/\d+$/, 'N/S'), 'API keys one organisation may create: N per S seconds ("N/S").', { default: '50/3600' }),
  PALISADE_LIMIT_AUDIT_EXPORT: s(z.string().regex(/^\d+\/\d+$/, 'N/S'), 'Audit log exports one organisation may start: N per S seconds ("N/S").', { default: '20/3600' }),
  PALISADE_REFUSAL_AUDIT_PER_IP: s(z.string().regex(/^\d+\/\d+$/, 'N/S'), 'Refused requests (CSRF, rate limit, validation) recorded in the audit log per client address and kind on each node: N per S seconds; the rest are counted in one suppression record.', { default: '20/600' }),
  PALISADE_REFUSAL_AUDIT_MAX: s(posInt.max(1000000), 'Most refused-request records one node writes per window of PALISADE_REFUSAL_AUDIT_PER_IP, over all addresses.', { default: '1000' }),

  // ---- second factors and step-up (docs/authentication.md)
  PALISADE_MFA_PENDING_SECONDS: s(posInt.min(60).max(3600), 'How long a sign-in waiting for its second factor (or for a required enrolment) may take before the user must start again.', { default: '600' }),
  PALISADE_REQUIRE_MFA: s(bool, 'Every account must use a second factor (ASVS V6.3.3): a sign-in without one must enrol one before the session works, and no one may remove their last, as when an organisation requires MFA of its members.', { default: 'false' }),
  PALISADE_STEP_UP_SECONDS: s(posInt.min(60).max(86400), 'Sensitive actions (password change, removing a factor, new recovery codes, creating API keys, changing SSO or MFA policy) need an authentication within this many seconds.', { default: '600' }),
  PALISADE_MFA_LOCKOUT_THRESHOLD: s(posInt.max(100), 'Consecutive wrong second-factor codes that lock the second step of an account.', { default: '5' }),
  PALISADE_TOTP_ISSUER: s(z.string().min(1).max(100).regex(/^[^:]+$/, 'no ":"'), 'Issuer shown by authenticator apps next to the account (the otpauth:// URI).', { default: 'Palisade' }),
  PALISADE_WEBAUTHN_RP_ID: s(z.string().min(1).max(253), 'WebAuthn relying-party id (a registrable domain); defaults to the host of PALISADE_PUBLIC_URL. WebAuthn refuses IP addresses: use localhost in development.'),
  PALISADE_WEBAUTHN_ORIGINS: s(z.string(), 'Origins (comma-separated) allowed in passkey ceremonies; defaults to the origin of PALISADE_PUBLIC_URL.', { default: '' }),

  PALISADE_DNS_SERVERS: s(z.string(), 'DNS servers (comma-separated, address or address:port) asked for the TXT records that prove an organisation controls an email domain; empty uses the system resolver.', { default: '' }),

  // ---- authz (roles, policy layers, API keys)
  PALISADE_PLANS: s(plansSchema, 'Plans and what each entitles: a JSON object of plan name → features (custom_roles, resource_roles, policy_toggles). An organisation on a plan not listed here has no features.', { default: JSON.stringify(DEFAULT_PLANS) }),
  PALISADE_DEFAULT_PLAN: s(z.string().regex(PLAN_NAME, 'a plan name'), 'The plan a new organisation gets (one of PALISADE_PLANS). A super-admin or the billing handler changes it later.', { default: DEFAULT_NEW_ORG_PLAN }),
  PALISADE_API_KEY_USAGE_FLUSH_SECONDS: s(posInt.max(3600), 'How often API-key last-used times and addresses, kept in memory, are written to the database (one statement per interval, and at shutdown).', { default: '30' }),

  // ---- vault (tenant files; docs/vault.md)
  PALISADE_STORAGE: s(z.enum(['disk', 's3']), 'Where vault files are stored (always encrypted by Palisade first): local disk under PALISADE_STORAGE_DIR, or an S3-compatible bucket.', { default: 'disk' }),
  PALISADE_STORAGE_DIR: s(z.string().min(1), 'Directory of the local-disk file store; defaults to PALISADE_DATA_DIR/files.'),
  PALISADE_S3_BUCKET: s(z.string().min(3).max(63), 'S3 bucket of the file store (PALISADE_STORAGE=s3; required then).'),
  PALISADE_S3_REGION: s(z.string().min(1).max(50), 'S3 region.', { default: 'us-east-1' }),
  PALISADE_S3_ENDPOINT: s(url, 'URL of an S3-compatible service (MinIO, R2, …); unset for AWS S3. Path-style addressing is used.'),
  PALISADE_S3_ACCESS_KEY_ID: s(z.string().min(1), 'S3 access key id; unset: the AWS SDK\'s default credential chain.', { secret: true }),
  PALISADE_S3_SECRET_ACCESS_KEY: s(z.string().min(1), 'S3 secret access key (with PALISADE_S3_ACCESS_KEY_ID).', { secret: true }),
  PALISADE_VAULT_URL_TTL_SECONDS: s(z.coerce.number().int().min(10).max(300), 'Lifetime of signed upload and download URLs; 5 minutes at most (FILE-2).', { default: '300' }),
  PALISADE_VAULT_UPLOADS_PER_HOUR: s(posInt.max(100000), 'Upload URLs one user (or API key) may obtain per organisation in any sliding hour (FILE-4).', { default: '60' }),
  PALISADE_VAULT_MAX_FILE_BYTES: s(posInt.max(1024 ** 4), 'Largest file size an upload may declare, in bytes.', { default: '5368709120' }),
  PALISADE_VAULT_RETENTION_DAYS: s(posInt.max(36500), 'Default retention of vault files, in days, for organisations that set none (FILE-3).', { default: '90' }),
  PALISADE_VAULT_RETENTION_CRON: s(z.string().regex(/^(\S+\s+){4}\S+$/, 'five crontab fields'), 'When the retention job runs (crontab, UTC; graphile-worker runs it once across nodes).', { default: '23 * * * *' }),
  // ---- webhooks and every outbound request (docs/webhooks.md)
  PALISADE_OUTBOUND_ALLOW: s(z.string().regex(/^[0-9A-Fa-f.:/,\s]*$/, 'comma-separated IP addresses/CIDRs'), 'SSRF guard allow-list: comma-separated IP addresses/CIDRs that outbound requests (webhook deliveries, AI egress) may reach although they are not public (loopback, private, link-local). Empty allows none; for tests and internal receivers only.', { default: '' }),
  PALISADE_PRIVACY_EXPORT_HOURS: s(posInt.max(720), 'How long a prepared personal-data export waits for its one download before its archive is deleted (PRIV-1).', { default: '24' }),
  PALISADE_PRIVACY_REQUEST_DAYS: s(z.coerce.number().int().min(1).max(30), 'Deadline of data-subject requests (erasure included), in days from filing; 30 at most (PRIV-2, PRIV-3).', { default: '30' }),
  PALISADE_PRIVACY_REMINDER_DAYS: s(z.coerce.number().int().min(1).max(29), 'Days before a data-subject request\'s deadline that the platform\'s super-admins are reminded of it while it is open; an alert follows when it is overdue (PRIV-3).', { default: '7' }),
  PALISADE_PRIVACY_ERASURE_DELAY_HOURS: s(z.coerce.number().int().min(0).max(720), 'Hours an erasure request waits before the erasure job carries it out (an operator can still reject a mistaken or coerced one); never past the request\'s deadline (PRIV-2).', { default: '24' }),
  // ---- consent and the AI egress guard (docs/privacy.md#consent-and-ai)
  PALISADE_AI_PROVIDER: s(z.enum(['none', 'anthropic', 'openai']), 'The AI provider POST /v1/org/ai/complete talks to: an Anthropic Messages API or an OpenAI-compatible Chat Completions API. none: the route answers 404 ai_not_configured. Organisations still need to consent before any call (PRIV-4).', { default: 'none' }),
  PALISADE_AI_BASE_URL: s(url.refine((v) => /^https?:\/\//.test(v), 'http(s) URL'), 'Base URL of the AI provider (/v1/messages or /v1/chat/completions is appended). Unset: https://api.anthropic.com or https://api.openai.com. Reached only through the SSRF guard: a private or loopback address needs PALISADE_OUTBOUND_ALLOW.', { secret: true }),
  PALISADE_AI_MODEL: s(z.string().min(1).max(200), 'Model name sent to the AI provider. Required with a provider.'),
  PALISADE_AI_API_KEY: s(z.string().min(1).max(500), 'API key of the AI provider (sent only in its header, never logged). Required with a provider.', { secret: true }),
  PALISADE_AI_TIMEOUT_MS: s(z.coerce.number().int().min(100).max(120000), 'Deadline of one AI provider request (connect, send, answer); past it the call answers 503 ai_provider_unavailable and nothing else waits (PRIV-6).', { default: '20000' }),
  PALISADE_LIMIT_AI: s(z.string().regex(/^\d+\/\d+$/, 'N/S'), 'AI completions one user (or API key) may request: N per S seconds ("N/S"); over it, 429 rate_limited with Retry-After (PRIV-6).', { default: '30/60' }),
  PALISADE_PRIVACY_TRIAL_GRACE_DAYS: s(z.coerce.number().int().min(1).max(365), 'Days after a trial organisation\'s expiry (and the notice to its admins) before the retention job deletes it (PRIV-7).', { default: '30' }),
  PALISADE_PRIVACY_NOTIFICATION_DAYS: s(z.coerce.number().int().min(1).max(3650), 'Days finished webhook deliveries, resolved alerts and development mail are kept before the retention job prunes them (PRIV-7).', { default: '90' }),
  PALISADE_WEBHOOK_TIMEOUT_MS: s(posInt.max(60000), 'Deadline of one outbound webhook delivery attempt (connect, send, answer).', { default: '10000' }),
  PALISADE_WEBHOOK_MAX_ATTEMPTS: s(posInt.max(30), 'Attempts of one webhook delivery before it is marked failed (retries back off exponentially with jitter, capped at 6 hours).', { default: '8' }),
  PALISADE_WEBHOOK_RETRY_BASE_SECONDS: s(posInt.max(3600), 'Delay before the first retry of a webhook delivery; doubles with each attempt (full jitter).', { default: '30' }),
  PALISADE_WEBHOOK_DISABLE_AFTER: s(posInt.max(1000), 'Consecutive failed deliveries after which a webhook endpoint is disabled and the organisation\'s admins are alerted.', { default: '5' }),
  PALISADE_STRIPE_WEBHOOK_SECRETS: s(z.string().regex(/^whsec_[A-Za-z0-9]+(,whsec_[A-Za-z0-9]+)*$/, 'comma-separated whsec_ secrets'), 'Signing secrets of the Stripe webhook endpoint (POST /v1/inbound/stripe), comma-separated (two during a rotation). Unset: the endpoint answers 404 stripe_not_configured.', { secret: true }),
  PALISADE_STRIPE_ENDED_PLAN: s(z.string().regex(PLAN_NAME, 'a plan name'), 'The plan an organisation returns to when its Stripe subscription is cancelled, paused or ends unpaid (one of PALISADE_PLANS). Unset: PALISADE_DEFAULT_PLAN.'),
  PALISADE_STRIPE_WEBHOOK_TOLERANCE_SECONDS: s(posInt.max(3600), 'How old a Stripe-Signature timestamp may be (either way) before the event is refused.', { default: '300' }),

  // ---- trust page and security.txt (docs/trust.md)
  PALISADE_SECURITY_CONTACT: s(z.string().min(1).max(2000).regex(/^(mailto:|https:\/\/|tel:)[^\s,]+(,(mailto:|https:\/\/|tel:)[^\s,]+)*$/, 'comma-separated mailto:, https:// or tel: URIs'), 'Where vulnerability reports go (RFC 9116 Contact; comma-separated mailto:, https:// or tel: URIs). Unset: /.well-known/security.txt answers 404 and IR-2 is shown as not in force.'),
  PALISADE_SECURITY_TXT_EXPIRES: s(z.string().datetime({ offset: true }), 'RFC 9116 Expires of security.txt (ISO 8601, e.g. 2027-06-30T00:00:00Z; less than a year ahead). Past it, security.txt is refused (404 security_txt_expired) and IR-2 is not in force; within PALISADE_SECURITY_TXT_WARN_DAYS of it, every start and the trust page warn.'),
  PALISADE_SECURITY_TXT_WARN_DAYS: s(z.coerce.number().int().min(1).max(365), 'Warn this many days before security.txt expires.', { default: '30' }),
  PALISADE_SECURITY_POLICY: s(url, 'URL of the vulnerability disclosure policy (security.txt Policy).'),
  PALISADE_SECURITY_LANGUAGES: s(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*(, ?[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)*$/, 'comma-separated language tags'), 'Languages reports may be written in (security.txt Preferred-Languages).', { default: 'en' }),
  PALISADE_SECURITY_ACK_DAYS: s(z.coerce.number().int().min(1).max(30), 'Days within which a vulnerability report is acknowledged (IR-2): stated in security.txt and on the trust page.', { default: '3' }),
  PALISADE_TRUST_RESIDENCY: s(z.string().min(1).max(500).regex(/^[^\r\n\u0000-\u001f\u007f]+$/, 'no control characters'), 'Where customer data is stored and processed, as published on the trust page (PRIV-9), e.g. "EU (Frankfurt, eu-central-1)". Unset: PRIV-9 is shown as not in force.'),
  PALISADE_TRUST_SUBPROCESSORS: s(z.string().min(1).max(5000).regex(/^(none|[^;|\r\n\u0000-\u001f\u007f]+;[^;|\r\n\u0000-\u001f\u007f]+;[^;|\r\n\u0000-\u001f\u007f]+(\|[^;|\r\n\u0000-\u001f\u007f]+;[^;|\r\n\u0000-\u001f\u007f]+;[^;|\r\n\u0000-\u001f\u007f]+)*)$/, '"none" or entries "name;purpose;location" separated by "|"'), 'Subprocessors published on the trust page (PRIV-9): "name;purpose;location" entries separated by "|", or "none". Unset: PRIV-9 is shown as not in force.'),
  PALISADE_TRUST_CHECK_SECONDS: s(z.coerce.number().int().min(10).max(86400), 'How long the trust page\'s live checks (TLS, HSTS, security.txt) are reused before they run again.', { default: '300' }),
  // ---- backups and drills (docs/backups.md)
  PALISADE_BACKUP_RECIPIENTS: s(z.string().refine((v) => v.split(/[\s,]+/).filter(Boolean).every((r) => /^age1[02-9ac-hj-np-z]{58}$/.test(r)), 'age X25519 recipients (age1…), comma-separated'), 'age X25519 public keys (age1…, comma-separated) every backup is encrypted to; their secret keys stay off the servers. Empty: `palisade backup create` and the daily job refuse (backup_not_configured).', { default: '' }),
  PALISADE_BACKUP_STORAGE: s(z.enum(['disk', 's3']), 'Where backups are written: a local directory (PALISADE_BACKUP_DIR) or an S3-compatible bucket (PALISADE_BACKUP_S3_BUCKET, with the PALISADE_S3_* endpoint and credentials).', { default: 'disk' }),
  PALISADE_BACKUP_DIR: s(z.string().min(1), 'Directory of local backups; defaults to PALISADE_DATA_DIR/backups. Put it on another volume than the database.'),
  PALISADE_BACKUP_S3_BUCKET: s(z.string().min(3).max(63), 'S3 bucket for backups (PALISADE_BACKUP_STORAGE=s3; required then).'),
  PALISADE_BACKUP_RETENTION_DAYS: s(posInt.max(3650), 'Backups older than this many days are deleted by `palisade backup prune` and the daily job (the newest is always kept).', { default: '30' }),
  PALISADE_BACKUP_CRON: s(z.string().regex(/^(\S+\s+){4}\S+$/, 'five crontab fields'), 'When the backup job runs (crontab, UTC; once across nodes).', { default: '17 2 * * *' }),
  PALISADE_BACKUP_DRILL_CRON: s(z.string().regex(/^(\S+\s+){4}\S+$/, 'five crontab fields'), 'When the restore drill runs (crontab, UTC; at least weekly is expected).', { default: '47 3 * * 0' }),
  PALISADE_BACKUP_DRILL_IDENTITY_FILE: s(z.string().min(1), 'age identity file the drill decrypts with (a drill-only recipient listed in PALISADE_BACKUP_RECIPIENTS). Unset: drills fail and alert, as an untested backup is not a backup.'),
  PALISADE_BACKUP_MAX_AGE_HOURS: s(posInt.max(24 * 90), 'The platform operator is alerted when the newest backup is older than this.', { default: '26' }),
  // ---- operator metrics (docs/operations.md#metrics)
  PALISADE_METRICS_TOKEN: s(z.string().min(32).max(512).regex(/^\S+$/, 'no whitespace'), 'Bearer token a Prometheus scraper sends for GET /metrics (at least 32 characters). Unset, and no PALISADE_METRICS_PORT: no metrics are exposed at all.', { secret: true }),
  PALISADE_METRICS_PORT: s(port, 'Serve GET /metrics on a listener of its own on this port (0 picks a free one), instead of the main listener; behind PALISADE_METRICS_TOKEN too when that is set.'),
  PALISADE_METRICS_HOST: s(z.string().min(1), 'Address the metrics listener binds to. Anything but loopback needs PALISADE_METRICS_TOKEN (refused at start otherwise).', { default: '127.0.0.1' }),
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof settings;
type Out<K extends SettingName> = z.output<(typeof settings)[K]['schema']>;
type Defaulted = { [K in SettingName]: (typeof settings)[K] extends { default: string } ? K : never }[SettingName];

/** The validated configuration: settings with a default are always present. */
export type Config = { readonly [K in Defaulted]: Out<K> } & {
  readonly [K in Exclude<SettingName, Defaulted | 'PALISADE_PUBLIC_URL'>]?: Out<K>;
} & { readonly PALISADE_PUBLIC_URL: string };
