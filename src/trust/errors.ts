/* Errors of the trust module. */
import { defineError } from '../lib/errors.js';

/** security.txt has no contact or no expiry configured: nothing is published (IR-2 not in force). */
export const SecurityTxtNotConfigured = defineError('trust', 'security_txt_not_configured', 404, 'No security.txt is published: the operator has not configured a security contact and expiry');

/** security.txt is past its Expires: it is refused rather than served stale (RFC 9116 §2.5.5). */
export const SecurityTxtExpired = defineError('trust', 'security_txt_expired', 404, 'The security.txt of this deployment has expired and is not served; the operator must renew it');

