/* Errors of second factors and step-up. A wrong code, a used code, a reused recovery code and
   a locked second step are one answer (mfa_invalid): the caller already knows the password,
   and the answer must not help them tell which codes were tried. */
import { defineError, PalisadeError, registerErrorCodes } from '../../lib/errors.js';

export const MfaInvalid = defineError('identity.mfa', 'mfa_invalid', 401, 'The code is incorrect, expired or already used');

export const MfaAlreadyEnabled = defineError('identity.mfa', 'mfa_already_enabled', 409, 'An authenticator app is already set up; remove it first to set up another');

export const MfaNotEnrolling = defineError('identity.mfa', 'mfa_not_enrolling', 409, 'No authenticator-app setup is waiting for confirmation; start one first (POST /v1/me/mfa/totp)');

export class MfaNotEnabled extends PalisadeError {
  readonly code = 'mfa_not_enabled' as const;
  readonly status = 409;
  constructor(what = 'No second factor is set up') {
    super(what);
  }
}

/** Removing the factor would leave a member of an organisation that requires MFA with none. */
export const MfaRequiredByOrg = defineError('identity.mfa', 'mfa_required_by_org', 409, 'An organisation you belong to requires a second factor: add another one before removing this one');

/** Removing the factor would leave an account without one where the installation requires MFA of
    every account (PALISADE_REQUIRE_MFA): the organisation's code would name a rule that is not the cause. */
export const MfaRequiredByPlatform = defineError('identity.mfa', 'mfa_required_by_platform', 409, 'This installation requires a second factor on every account: add another one before removing this one');

registerErrorCodes('identity.mfa', {
  mfa_not_enabled: 409,
});
