/* Errors of the integration vault. No message ever contains the credential. Claim INT-1. */
import { PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** A Stripe secret key (sk_…) was offered. Refused before anything is stored or logged. */
export class StripeSecretKeyRefused extends PalisadeError {
  readonly code = 'stripe_secret_key_refused' as const;
  readonly status = 422;
  constructor() {
    super(
      'Stripe secret keys (sk_…) are never accepted. Create a restricted key (rk_…) with only the scopes listed for this provider, and connect that instead.',
    );
  }
}

/** The credential does not have the shape its provider needs. Says what is expected, not what was sent. */
export class IntegrationCredentialInvalid extends PalisadeError {
  readonly code = 'integration_credential_invalid' as const;
  readonly status = 422;
}

registerErrorCodes('integrations', {
  stripe_secret_key_refused: 422,
  integration_credential_invalid: 422,
});
