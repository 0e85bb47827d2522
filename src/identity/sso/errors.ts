/* Errors of single sign-on. Every failed callback is one answer (sso_failed); the audit log
   records which check refused it. */
import { PalisadeError, registerErrorCodes } from '../../lib/errors.js';

export class SsoFailed extends PalisadeError {
  readonly code = 'sso_failed' as const;
  readonly status = 400;
  constructor(message = 'Single sign-on failed; start again from the sign-in page') {
    super(message);
  }
}

export class SsoNotConfigured extends PalisadeError {
  readonly code = 'sso_not_configured' as const;
  readonly status = 404;
  constructor() {
    super('No single sign-on is configured for this address or organisation');
  }
}

export class SsoAccountExists extends PalisadeError {
  readonly code = 'sso_account_exists' as const;
  readonly status = 409;
  constructor() {
    super('An account with this address already exists: sign in with its password (linking it to single sign-on needs proof of both)');
  }
}

export class SsoRequired extends PalisadeError {
  readonly code = 'sso_required' as const;
  readonly status = 403;
  constructor() {
    super('Your organisation requires single sign-on for this address: use GET /v1/auth/sso/start');
  }
}

export class DomainNotVerified extends PalisadeError {
  readonly code = 'domain_not_verified' as const;
  readonly status = 409;
  constructor() {
    super('The domain could not be verified: publish the TXT record shown, or it is verified by another organisation');
  }
}

registerErrorCodes('identity.sso', {
  sso_failed: 400,
  sso_not_configured: 404,
  sso_account_exists: 409,
  sso_required: 403,
  domain_not_verified: 409,
});
