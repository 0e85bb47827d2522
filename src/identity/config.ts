/* The identity module's slice of the configuration, in the units the code uses. */
import type { Config } from '../config/schema.js';
import type { PasswordHashingConfig } from './passwords.js';
import type { PasswordPolicyConfig } from './password-policy.js';

export interface IdentityConfig {
  publicUrl: string;
  devMode: boolean;
  /** Who may read the outbox of undeliverable mail: nobody (production), this machine only
      (development), or any client (PALISADE_DEV_MODE=1). */
  outbox: 'off' | 'local' | 'any';
  hashing: PasswordHashingConfig;
  policy: PasswordPolicyConfig;
  session: {
    tokenTtlMs: number;
    idleTimeoutMs: number;
    rollingWindowMs: number;
    /** Absolute lifetime from creation (sign-in); never extended (ASVS V7.3.2). */
    maxLifetimeMs: number;
    /** Concurrent sessions per account; a new one beyond it ends the least recently used (ASVS V7.1.2). */
    maxPerUser: number;
  };
  lockout: { threshold: number; durationMs: number };
  rateLimit: { windowMs: number; perIp: number; perAccount: number };
  /** Origins allowed to make cookie-authenticated changes (the public URL's first). */
  trustedOrigins: readonly string[];
  /** Platform super-admins by user id (PALISADE_SUPER_ADMIN_IDS) and by verified address (PALISADE_SUPER_ADMINS). */
  superAdmins: { ids: readonly string[]; emails: readonly string[] };
  /** Second factors and step-up (identity/mfa). */
  mfa: {
    /** Every account must use a second factor, platform-wide (PALISADE_REQUIRE_MFA; ASVS V6.3.3). */
    requiredForAll: boolean;
    pendingMs: number;
    stepUpMs: number;
    lockoutThreshold: number;
    totpIssuer: string;
    webauthn: { rpId: string; rpName: string; origins: readonly string[] };
  };
}

export const SESSION_COOKIE = '__Host-palisade_session';
export const CSRF_HEADER = 'x-csrf-token';

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The public URL's origin; for a loopback URL, the same origin under each loopback name (a
    browser may be opened at http://localhost:3000 or http://127.0.0.1:3000 for one server). */
export function publicOrigins(publicUrl: string): string[] {
  const u = new URL(publicUrl);
  if (!LOOPBACK_NAMES.includes(u.hostname)) return [u.origin];
  return [u.origin, ...LOOPBACK_NAMES.map((name) => {
    const v = new URL(u.origin);
    v.hostname = name;
    return v.origin;
  })];
}

export function identityConfig(c: Config): IdentityConfig {
  const trusted = [...publicOrigins(c.PALISADE_PUBLIC_URL), ...list(c.PALISADE_CSRF_TRUSTED_ORIGINS).map((o) => new URL(o).origin)];
  return {
    publicUrl: c.PALISADE_PUBLIC_URL.replace(/\/+$/, ''),
    devMode: c.PALISADE_DEV_MODE,
    outbox: c.PALISADE_ENV === 'production' ? 'off' : c.PALISADE_DEV_MODE ? 'any' : 'local',
    hashing: {
      algorithm: c.PALISADE_PASSWORD_HASH,
      argon2MemoryKib: c.PALISADE_ARGON2_MEMORY_KIB,
      argon2TimeCost: c.PALISADE_ARGON2_TIME_COST,
      argon2Parallelism: c.PALISADE_ARGON2_PARALLELISM,
      bcryptCost: c.PALISADE_BCRYPT_COST,
      concurrency: c.PALISADE_PASSWORD_HASH_CONCURRENCY,
    },
    policy: { minLength: c.PALISADE_PASSWORD_MIN_LENGTH, maxLength: c.PALISADE_PASSWORD_MAX_LENGTH, contextWords: ['palisade'] },
    session: {
      tokenTtlMs: c.PALISADE_SESSION_TOKEN_TTL_SECONDS * 1000,
      idleTimeoutMs: c.PALISADE_SESSION_IDLE_TIMEOUT_SECONDS * 1000,
      rollingWindowMs: c.PALISADE_SESSION_ROLLING_WINDOW_SECONDS * 1000,
      maxLifetimeMs: c.PALISADE_SESSION_MAX_LIFETIME_SECONDS * 1000,
      maxPerUser: c.PALISADE_SESSION_MAX_PER_USER,
    },
    lockout: { threshold: c.PALISADE_LOCKOUT_THRESHOLD, durationMs: c.PALISADE_LOCKOUT_SECONDS * 1000 },
    rateLimit: {
      windowMs: c.PALISADE_AUTH_RATE_WINDOW_SECONDS * 1000,
      perIp: c.PALISADE_AUTH_RATE_PER_IP,
      perAccount: c.PALISADE_AUTH_RATE_PER_ACCOUNT,
    },
    trustedOrigins: [...new Set(trusted)],
    superAdmins: { ids: list(c.PALISADE_SUPER_ADMIN_IDS), emails: list(c.PALISADE_SUPER_ADMINS).map((e) => e.toLowerCase()) },
    mfa: {
      requiredForAll: c.PALISADE_REQUIRE_MFA,
      pendingMs: c.PALISADE_MFA_PENDING_SECONDS * 1000,
      stepUpMs: c.PALISADE_STEP_UP_SECONDS * 1000,
      lockoutThreshold: c.PALISADE_MFA_LOCKOUT_THRESHOLD,
      totpIssuer: c.PALISADE_TOTP_ISSUER,
      webauthn: {
        rpId: c.PALISADE_WEBAUTHN_RP_ID ?? new URL(c.PALISADE_PUBLIC_URL).hostname,
        rpName: c.PALISADE_TOTP_ISSUER,
        origins: list(c.PALISADE_WEBAUTHN_ORIGINS).length ? list(c.PALISADE_WEBAUTHN_ORIGINS).map((o) => new URL(o).origin) : [new URL(c.PALISADE_PUBLIC_URL).origin],
      },
    },
  };
}

/** Addresses are compared case-insensitively and without surrounding spaces. */
export function emailKey(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}
