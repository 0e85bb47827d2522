/* The one string type of every request schema. PostgreSQL cannot store a NUL character in text
   (22021), and a lone UTF-16 surrogate is refused in jsonb (22P05) and silently replaced by
   U+FFFD in text: either way a value that passed validation would fail, or change, on its way
   to the database. text() refuses both at the door with 400 `invalid_text`, so no route can
   turn them into a 500 (issue 20). `lint` refuses a bare z.string() outside src/config. */
import { z } from 'zod';

export const INVALID_TEXT = 'invalid_text';

// With the u flag a well-formed surrogate pair is one code point, so only a lone half matches.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/** True when PostgreSQL stores `s` exactly as given. */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** z.string() that refuses what PostgreSQL cannot store (NUL, lone surrogates). */
export function text(): z.ZodString {
  // eslint-disable-next-line no-restricted-syntax -- the one place a bare z.string() is made
  return z.string().refine(isStorableText, {
    message: 'must not contain a NUL character or an unpaired UTF-16 surrogate',
    params: { code: INVALID_TEXT },
  });
}

/** An email address as every request schema takes it: text(), trimmed, at most 254 characters,
    checked by zod's email rule and documented as `format: email` in /openapi.json (a pipe's
    input side would otherwise document a plain string). */
export function emailAddress() {
  return text().trim().min(3).max(254).pipe(z.email()).meta({ format: 'email' });
}
