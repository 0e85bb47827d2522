/* The identity module's client-visible errors. Sign-in failures of every kind (unknown address,
   wrong password, locked account, unverified address) are the one InvalidCredentials answer, so
   the response never tells which (AUTH-5, AUTH-6, AUTH-7). */
import { defineError, PalisadeError, registerErrorCodes } from '../lib/errors.js';
import type { PasswordProblem } from './password-policy.js';

export const InvalidCredentials = defineError('identity', 'invalid_credentials', 401, 'The email address or password is incorrect');

/** A one-time token (verification, reset, invitation) that is unknown, used, expired, of another
    purpose or, for an invitation, addressed to someone else: one answer for all. */
export const InvalidToken = defineError('identity', 'invalid_token', 400, 'This link is invalid or has expired');

const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: 'The password is too short',
  password_too_long: 'The password is too long',
  password_too_common: 'This password is too common or has appeared in a data breach; choose another',
  password_too_repetitive: 'The password is a repeated or sequential pattern; choose another',
  password_contains_email: 'The password must not contain your email address',
  password_contains_context: 'The password must not contain the name of this service',
};

export class PasswordRejected extends PalisadeError {
  readonly status = 400;
  constructor(readonly code: PasswordProblem, readonly publicFields?: Record<string, unknown>) {
    super(PASSWORD_MESSAGES[code]);
  }
}

/** What failed, in words a developer can act on: the origin, or the token (missing or wrong). */
const CSRF_MESSAGES: Record<string, string> = {
  origin_not_trusted: 'Cross-site request refused: the Origin header is not an origin this server trusts (its public URL, PALISADE_PUBLIC_URL, or one of PALISADE_CSRF_TRUSTED_ORIGINS)',
  cross_site_request: 'Cross-site request refused: the browser marked it cross-site (Sec-Fetch-Site)',
  csrf_token_missing: 'CSRF token missing: send the X-CSRF-Token header with the csrfToken returned by sign-in or GET /v1/me',
  csrf_token_mismatch: "CSRF token wrong: the X-CSRF-Token header is not this session's csrfToken (from sign-in or GET /v1/me)",
};

export class CsrfFailed extends PalisadeError {
  readonly code = 'csrf_failed' as const;
  readonly status = 403;
  constructor(reason: string) {
    super(CSRF_MESSAGES[reason] ?? 'Cross-site request refused', { reason });
  }
}

export const OutboxLocalOnly = defineError('identity', 'outbox_local_only', 403, 'The outbox answers only requests made on this machine to a loopback address (http://127.0.0.1 or http://localhost), through no proxy; the same mail is printed on the console of palisade start');

/** A sensitive action needs a recent authentication: POST /v1/auth/step-up, then retry. */
export class StepUpRequired extends PalisadeError {
  readonly code = 'step_up_required' as const;
  readonly status = 403;
  readonly publicFields: Record<string, unknown>;
  constructor(maxAgeSeconds: number) {
    super('This action needs a recent authentication: confirm who you are (POST /v1/auth/step-up), then retry');
    this.publicFields = { stepUp: '/v1/auth/step-up', maxAgeSeconds };
  }
}

registerErrorCodes('identity', {
  step_up_required: 403,
  password_too_short: 400,
  password_too_long: 400,
  password_too_common: 400,
  password_too_repetitive: 400,
  password_contains_email: 400,
  password_contains_context: 400,
  csrf_failed: 403,
});
