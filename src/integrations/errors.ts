/* Errors of the integration vault. No message ever contains the credential. Claim INT-1. */
import { defineError, PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** A Stripe secret key (sk_…) was offered. Refused before anything is stored or logged. */
export const StripeSecretKeyRefused = defineError(
  'integrations',
  'stripe_secret_key_refused',
  422,
  'Stripe secret keys (sk_…) are never accepted. Create a restricted key (rk_…) with only the scopes listed for this provider, and connect that instead.',
);
export type StripeSecretKeyRefused = InstanceType<typeof StripeSecretKeyRefused>;

/** The credential does not have the shape its provider needs. Says what is expected, not what was sent. */
export class IntegrationCredentialInvalid extends PalisadeError {
  readonly code = 'integration_credential_invalid' as const;
  readonly status = 422;
}

registerErrorCodes('integrations', { integration_credential_invalid: 422 });
