/* A session token is a short-lived signed JWT naming a session row (RFC 7519, RFC 8725):
   header {alg: "EdDSA", typ: "palisade-session+jwt", kid}, claims {iss, aud: "palisade",
   sub: user id, sid: session id, org: active org id or null, amr (RFC 8176 methods), pnd:
   pending step or null, sa: always false and ignored (super-admin status is decided at every request, src/identity/super-admins.ts; the claim stays for tokens of earlier versions), iat, exp}. Only EdDSA is accepted (no "none", no HMAC confusion), the explicit typ keeps a
   token of another kind from passing as a session (RFC 8725 §3.11), and every claim is checked.
   An expired token whose signature and claims are otherwise valid is reported as "expired" with
   its claims: the caller may then refresh it against the session row (AUTH-3).
   The CSRF token of a session is HMAC-SHA-256(csrf key, "palisade.csrf.v1|" + session id),
   base64url: stable for the session's life, useless without the cookie, compared in constant
   time (AUTH-13). The cookie is `__Host-` prefixed, HttpOnly, Secure, SameSite=Lax, Path=/,
   without Domain (AUTH-2, PRIV-8).
   Signing is node:crypto's one-shot Ed25519 sign (RFC 8037 §3.1) over the JWS Signing Input
   (RFC 7515 §5.1), on the calling thread: jose signs through WebCrypto, which Node runs as a job
   on libuv's thread pool — behind any argon2id hash in flight, and a pool round trip costs more
   CPU than the 50 µs signature (issue 6). The compact serialisation is three base64url parts;
   its output is byte-for-byte what jose's SignJWT makes for the same header and claims (Ed25519
   is deterministic; session-token.test.ts checks it), and every token is still verified by jose. */
import { createHmac, sign as signBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { IdentityKeys } from './keys.js';
import { SESSION_COOKIE } from './config.js';

export const TOKEN_TYP = 'palisade-session+jwt';
export const TOKEN_AUDIENCE = 'palisade';
/** Verified tokens remembered per node (≈ 0.6 KB each). */
const VERIFIED_CACHE_MAX = 10_000;

export interface SessionClaims {
  sid: string;
  sub: string;
  org: string | null;
  amr: string[];
  pnd: string | null;
  sa: boolean;
  iat: number;
  exp: number;
}

export type TokenCheck =
  | { status: 'valid'; claims: SessionClaims }
  | { status: 'expired'; claims: SessionClaims }
  | { status: 'invalid' };

export interface SessionTokens {
  sign(c: { sid: string; sub: string; org: string | null; amr: string[]; pnd: string | null; sa: boolean }, now: Date, expiresAt: Date): Promise<string>;
  verify(token: string, now: Date): Promise<TokenCheck>;
  csrfToken(sessionId: string): string;
  csrfMatches(sessionId: string, candidate: string | undefined): boolean;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function toClaims(p: JWTPayload): SessionClaims | null {
  const { sid, sub, org, amr, pnd, sa, iat, exp } = p as Record<string, unknown>;
  // jose accepts an aud array that includes ours; a session token names this audience alone
  // (a token minted for several services is not a session token: ASVS V9.2.3).
  if (p.aud !== TOKEN_AUDIENCE) return null;
  if (typeof sid !== 'string' || typeof sub !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') return null;
  if (org !== null && typeof org !== 'string') return null;
  if (pnd !== null && typeof pnd !== 'string') return null;
  if (typeof sa !== 'boolean') return null;
  if (!Array.isArray(amr) || !amr.every((a) => typeof a === 'string')) return null;
  return { sid, sub, org, amr: amr as string[], pnd, sa, iat, exp };
}

export function createSessionTokens(deps: { keys: IdentityKeys; issuer: string }): SessionTokens {
  const { keys, issuer } = deps;
  const getKey = async (header: { kid?: string | undefined }): Promise<KeyObject> => {
    const k = header.kid ? await keys.verifying(header.kid) : null;
    if (!k) throw new errors.JWKSNoMatchingKey();
    return k;
  };
  /* Tokens whose signature and claims were verified, by their exact text, until they expire.
     A browser sends the same token for up to the token TTL (5 minutes), so without this every
     request repeats an Ed25519 verification — and WebCrypto runs it on libuv's thread pool,
     behind any password hash in flight (issue 6, W1/W4). What the cache skips is only work
     whose answer cannot change for those bytes: signature keys are never withdrawn from a
     running node, and exp is still checked on every use. Revocation is not a property of the
     token and is checked by the caller on every request, cached or not. Bounded: the oldest
     entry goes first (Map keeps insertion order). */
  const verified = new Map<string, SessionClaims>();
  const remember = (token: string, claims: SessionClaims): void => {
    if (verified.size >= VERIFIED_CACHE_MAX) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    Object.freeze(claims.amr);
    verified.set(token, Object.freeze(claims));
  };
  const options = (currentDate: Date) => ({ algorithms: ['EdDSA'], issuer, audience: TOKEN_AUDIENCE, typ: TOKEN_TYP, currentDate, clockTolerance: 0, requiredClaims: ['sid', 'sub', 'iat', 'exp'] });

  return {
    async sign(c, now, expiresAt) {
      const k = keys.signing();
      const header = { alg: 'EdDSA', typ: TOKEN_TYP, kid: k.kid };
      const claims = {
        sid: c.sid,
        org: c.org,
        amr: c.amr,
        pnd: c.pnd,
        sa: c.sa,
        iss: issuer,
        aud: TOKEN_AUDIENCE,
        sub: c.sub,
        iat: Math.floor(now.getTime() / 1000),
        exp: Math.floor(expiresAt.getTime() / 1000),
      };
      const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
      return `${input}.${signBytes(null, Buffer.from(input, 'ascii'), k.privateKey).toString('base64url')}`;
    },
    async verify(token, now) {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      const known = verified.get(token);
      if (known) {
        if (known.exp > nowSeconds) return { status: 'valid', claims: known };
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, getKey, options(now));
        const claims = toClaims(payload);
        if (!claims) return { status: 'invalid' };
        remember(token, claims);
        return { status: 'valid', claims };
      } catch (e) {
        if (!(e instanceof errors.JWTExpired) || typeof e.payload.exp !== 'number') return { status: 'invalid' };
        // jose checks the signature before the claims, but stops at the first failed claim:
        // check everything again at the last instant the token was valid.
        try {
          const { payload } = await jwtVerify(token, getKey, options(new Date((e.payload.exp - 1) * 1000)));
          const claims = toClaims(payload);
          return claims ? { status: 'expired', claims } : { status: 'invalid' };
        } catch {
          return { status: 'invalid' };
        }
      }
    },
    csrfToken(sessionId) {
      return createHmac('sha256', keys.csrfKey()).update(`palisade.csrf.v1|${sessionId}`, 'utf8').digest('base64url');
    },
    csrfMatches(sessionId, candidate) {
      if (typeof candidate !== 'string' || candidate.length !== 43) return false;
      const expected = Buffer.from(this.csrfToken(sessionId), 'utf8');
      const got = Buffer.from(candidate, 'utf8');
      return got.length === expected.length && timingSafeEqual(got, expected);
    },
  };
}

/** The Set-Cookie value carrying a session token until `expiresAt` (the session's window). */
export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; Secure; SameSite=Lax`;
}

/** The Set-Cookie value that deletes the session cookie. */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
}
