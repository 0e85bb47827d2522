/* Errors of passkeys. Every refused assertion is one answer (passkey_invalid): unknown, used,
   expired or foreign challenge, another user's or a deleted credential, wrong origin or RP ID,
   a counter that did not advance, a bad signature. The audit record says which. */
import { defineError, PalisadeError, registerErrorCodes } from '../../lib/errors.js';

export const PasskeyInvalid = defineError('identity.passkeys', 'passkey_invalid', 401, 'The passkey could not be verified; ask for a new challenge and try again');

export class PasskeyRegistrationFailed extends PalisadeError {
  readonly code = 'passkey_registration_failed' as const;
  readonly status = 400;
  constructor(reason = 'The passkey could not be registered') {
    super(reason);
  }
}

registerErrorCodes('identity.passkeys', {
  passkey_registration_failed: 400,
});
