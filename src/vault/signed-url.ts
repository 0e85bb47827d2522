/* Signed URLs for uploads and downloads (FILE-2). Palisade serves them itself, so it encrypts
   and decrypts on the way; the storage backend's own presigned URLs are never handed out.

   Invariants
   - A URL is issued only after the route's permission check on the file's collection.
   - The signature is an HMAC under a key from the keyring (keyring.fingerprint: HMAC-SHA256 under
     a key derived by HKDF from the organisation's current data key, label "vault.url.v1"), over
     "palisade.vault.url.v1" ‖ method ‖ org id ‖ file id ‖ expiry, newline-separated. So a URL is
     bound to one organisation (its key and its id), one file, one method and one expiry;
     changing any of them, or a byte of the signature, fails verification.
   - Expiry is at most 5 minutes after issue (PALISADE_VAULT_URL_TTL_SECONDS may only lower it);
     the verifier refuses an expiry further out than that, whatever the signature says.
   - Signatures are compared in constant time. Every failure is the same signed_url_invalid,
     except a genuine URL past its expiry (signed_url_expired), which tells the holder nothing new.
   - A rotation of the organisation's data key invalidates outstanding URLs (≤ 5 minutes of them). */
import { timingSafeEqual } from 'node:crypto';

export const MAX_URL_TTL_SECONDS = 300;
export type UrlMethod = 'GET' | 'PUT';

export interface UrlClaims {
  method: UrlMethod;
  orgId: string;
  fileId: string;
  /** Unix seconds. */
  expires: number;
}

/** The signed message: injective (ids and methods cannot contain a newline). */
export function urlMessage(c: UrlClaims): string {
  for (const v of [c.orgId, c.fileId]) if (!/^[a-z]{2,8}_[a-z2-7]{1,64}$/.test(v)) throw new TypeError('invalid id in a signed URL');
  if (!Number.isSafeInteger(c.expires) || c.expires < 0) throw new TypeError('invalid expiry');
  return ['palisade.vault.url.v1', c.method, c.orgId, c.fileId, String(c.expires)].join('\n');
}

export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The path and query of a signed URL (the caller prefixes the public base URL). */
export function urlPath(c: UrlClaims, signature: string): string {
  const q = new URLSearchParams({ org: c.orgId, expires: String(c.expires), signature });
  return `/v1/vault/objects/${c.fileId}?${q.toString()}`;
}
