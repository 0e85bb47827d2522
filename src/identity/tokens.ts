/* One-time tokens sent by email (verification, password reset, invitation, account unlock). Invariants (AUTH-14):
   - 256 random bits from the CSPRNG (≥ 128 required), base64url, behind a purpose prefix so a
     secret scanner can recognise a leaked one and a token of one purpose is never accepted for
     another (the prefix and the stored purpose must both match).
   - Only SHA-256(token) is stored. A fast hash is right here: the token has 256 bits of entropy,
     so there is nothing to brute-force, and the database never holds a usable token.
   - Single use: the repo consumes a token with one DELETE … WHERE hash = … AND purpose = …
     AND expires_at > now RETURNING, so two concurrent uses cannot both succeed.
   - Expiry: reset 30 minutes, email verification 24 hours, invitation 7 days, the lockout mail's
     unlock link 24 hours. */
import { createHash, randomBytes } from 'node:crypto';

export type TokenPurpose = 'verify_email' | 'password_reset' | 'invitation' | 'account_unlock';

export const TOKEN_TTL_MS: Readonly<Record<TokenPurpose, number>> = Object.freeze({
  verify_email: 24 * 60 * 60 * 1000,
  password_reset: 30 * 60 * 1000,
  invitation: 7 * 24 * 60 * 60 * 1000,
  account_unlock: 24 * 60 * 60 * 1000,
});

const PREFIX: Readonly<Record<TokenPurpose, string>> = Object.freeze({
  verify_email: 'pev',
  password_reset: 'prt',
  invitation: 'pin',
  account_unlock: 'pul',
});

export const TOKEN_BYTES = 32;
const BODY_LEN = Math.ceil((TOKEN_BYTES * 4) / 3); // base64url without padding: 43 chars
const TOKEN_RE = /^(pev|prt|pin|pul)_([A-Za-z0-9_-]+)$/;

export interface IssuedToken {
  /** The secret: goes into the email link and nowhere else. */
  readonly token: string;
  /** SHA-256 of the token: the only thing stored. */
  readonly hash: Buffer;
  readonly purpose: TokenPurpose;
  readonly expiresAt: Date;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function issueToken(purpose: TokenPurpose, now: Date): IssuedToken {
  const token = `${PREFIX[purpose]}_${randomBytes(TOKEN_BYTES).toString('base64url')}`;
  return { token, hash: hashToken(token), purpose, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]) };
}

/** The hash to look up, or null when the string cannot be a token of this purpose (then the
    caller answers exactly as for an unknown token, without a query). */
export function tokenLookupHash(purpose: TokenPurpose, candidate: string): Buffer | null {
  const m = TOKEN_RE.exec(candidate);
  if (!m || m[1] !== PREFIX[purpose] || m[2]?.length !== BODY_LEN) return null;
  return hashToken(candidate);
}
