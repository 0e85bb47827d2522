/* Errors of the trust module. */
import { PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** security.txt has no contact or no expiry configured: nothing is published (IR-2 not in force). */
export class SecurityTxtNotConfigured extends PalisadeError {
  readonly code = 'security_txt_not_configured' as const;
  readonly status = 404;
  constructor(detail?: Record<string, unknown>) {
    super('No security.txt is published: the operator has not configured a security contact and expiry', detail);
  }
}

/** security.txt is past its Expires: it is refused rather than served stale (RFC 9116 §2.5.5). */
export class SecurityTxtExpired extends PalisadeError {
  readonly code = 'security_txt_expired' as const;
  readonly status = 404;
  constructor(detail?: Record<string, unknown>) {
    super('The security.txt of this deployment has expired and is not served; the operator must renew it', detail);
  }
}

registerErrorCodes('trust', {
  security_txt_not_configured: 404,
  security_txt_expired: 404,
});
