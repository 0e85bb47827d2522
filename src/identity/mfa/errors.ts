/* Errors of second factors and step-up. A wrong code, a used code, a reused recovery code and
   a locked second step are one answer (mfa_invalid): the caller already knows the password,
   and the answer must not help them tell which codes were tried. */
import { PalisadeError, registerErrorCodes } from '../../lib/errors.js';

export class MfaInvalid extends PalisadeError {
  readonly code = 'mfa_invalid' as const;
  readonly status = 401;
  constructor() {
    super('The code is incorrect, expired or already used');
  }
}

export class MfaAlreadyEnabled extends PalisadeError {
  readonly code = 'mfa_already_enabled' as const;
  readonly status = 409;
  constructor() {
    super('An authenticator app is already set up; remove it first to set up another');
  }
}

export class MfaNotEnrolling extends PalisadeError {
  readonly code = 'mfa_not_enrolling' as const;
  readonly status = 409;
  constructor() {
    super('No authenticator-app setup is waiting for confirmation; start one first (POST /v1/me/mfa/totp)');
  }
}

export class MfaNotEnabled extends PalisadeError {
  readonly code = 'mfa_not_enabled' as const;
  readonly status = 409;
  constructor(what = 'No second factor is set up') {
    super(what);
  }
}

/** Removing the factor would leave a member of an organisation that requires MFA with none. */
export class MfaRequiredByOrg extends PalisadeError {
  readonly code = 'mfa_required_by_org' as const;
  readonly status = 409;
  constructor() {
    super('An organisation you belong to requires a second factor: add another one before removing this one');
  }
}

registerErrorCodes('identity.mfa', {
  mfa_invalid: 401,
  mfa_already_enabled: 409,
  mfa_not_enrolling: 409,
  mfa_not_enabled: 409,
  mfa_required_by_org: 409,
});
