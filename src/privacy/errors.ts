/* Errors of the privacy module. Messages are safe to show a client: they never say whether an
   export or a person exists in another organisation (that is not_found, TEN-4). */
import { PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** The export's one download already happened (or the archive expired unclaimed). */
export class ExportGone extends PalisadeError {
  readonly code = 'export_gone' as const;
  readonly status = 410;
  constructor(detail?: Record<string, unknown>) {
    super('This export has already been downloaded or has expired; request a new one', detail);
  }
}

/** The export is still being prepared: ask again shortly. */
export class ExportNotReady extends PalisadeError {
  readonly code = 'export_not_ready' as const;
  readonly status = 409;
  constructor(detail?: Record<string, unknown>) {
    super('The export is not ready yet', detail);
  }
}

/** A download link that is not one Palisade issued for this export (forged, altered, another export's). */
export class ExportLinkInvalid extends PalisadeError {
  readonly code = 'export_link_invalid' as const;
  readonly status = 403;
  constructor(detail?: Record<string, unknown>) {
    super('This link is not valid', detail);
  }
}

/** A genuine export link past its expiry. */
export class ExportLinkExpired extends PalisadeError {
  readonly code = 'export_link_expired' as const;
  readonly status = 403;
  constructor(detail?: Record<string, unknown>) {
    super('This link has expired; ask for a new one', detail);
  }
}

/** Erasing this person would leave an organisation with no admin. Make another member admin
    (PATCH /v1/org/members/{userId}) or delete the organisation, then ask again. */
export class ErasureLastAdmin extends PalisadeError {
  readonly code = 'erasure_last_admin' as const;
  readonly status = 409;
  constructor(detail?: Record<string, unknown>) {
    super('You are the only admin of an organisation: make another member admin, or delete the organisation, then ask again', detail);
  }
}

/** A rights request cannot move to that status from the one it is in (a closed request stays
    closed; an erasure is completed only by the erasure itself). */
export class RequestTransitionInvalid extends PalisadeError {
  readonly code = 'privacy_request_transition' as const;
  readonly status = 409;
  constructor(message: string, detail?: Record<string, unknown>) {
    super(message, detail);
  }
}

registerErrorCodes('privacy', {
  privacy_request_transition: 409,
  erasure_last_admin: 409,
  export_gone: 410,
  export_not_ready: 409,
  export_link_invalid: 403,
  export_link_expired: 403,
});
