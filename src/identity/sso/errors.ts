/* Errors of single sign-on. Every failed callback is one answer (sso_failed); the audit log
   records which check refused it. */
import { defineError, PalisadeError, registerErrorCodes } from '../../lib/errors.js';

export class SsoFailed extends PalisadeError {
  readonly code = 'sso_failed' as const;
  readonly status = 400;
  constructor(message = 'Single sign-on failed; start again from the sign-in page') {
    super(message);
  }
}

export const SsoNotConfigured = defineError('identity.sso', 'sso_not_configured', 404, 'No single sign-on is configured for this address or organisation');

export const SsoAccountExists = defineError('identity.sso', 'sso_account_exists', 409, 'An account with this address already exists: sign in with its password (linking it to single sign-on needs proof of both)');

export const SsoRequired = defineError('identity.sso', 'sso_required', 403, 'Your organisation requires single sign-on for this address: use GET /v1/auth/sso/start');

export const DomainNotVerified = defineError('identity.sso', 'domain_not_verified', 409, 'The domain could not be verified: publish the TXT record shown, or it is verified by another organisation');

registerErrorCodes('identity.sso', {
  sso_failed: 400,
});
