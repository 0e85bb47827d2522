/* Errors of the privacy module. Messages are safe to show a client: they never say whether an
   export or a person exists in another organisation (that is not_found, TEN-4). */
import { defineError, PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** The export's one download already happened (or the archive expired unclaimed). */
export const ExportGone = defineError('privacy', 'export_gone', 410, 'This export has already been downloaded or has expired; request a new one');

/** The export is still being prepared: ask again shortly. */
export const ExportNotReady = defineError('privacy', 'export_not_ready', 409, 'The export is not ready yet');

/** A download link that is not one Palisade issued for this export (forged, altered, another export's). */
export const ExportLinkInvalid = defineError('privacy', 'export_link_invalid', 403, 'This link is not valid');

/** A genuine export link past its expiry. */
export const ExportLinkExpired = defineError('privacy', 'export_link_expired', 403, 'This link has expired; ask for a new one');

/** Erasing this person would leave an organisation with no admin. Make another member admin
    (PATCH /v1/org/members/{userId}) or delete the organisation, then ask again. */
export const ErasureLastAdmin = defineError('privacy', 'erasure_last_admin', 409, 'You are the only admin of an organisation: make another member admin, or delete the organisation, then ask again');

/** A rights request cannot move to that status from the one it is in (a closed request stays
    closed; an erasure is completed only by the erasure itself). */
export class RequestTransitionInvalid extends PalisadeError {
  readonly code = 'privacy_request_transition' as const;
  readonly status = 409;
  constructor(message: string, detail?: Record<string, unknown>) {
    super(message, detail);
  }
}

registerErrorCodes('privacy', { privacy_request_transition: 409 });
