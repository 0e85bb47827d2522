/* Errors of the vault. Messages are safe to show a client: they never name another
   organisation's object, a file's contents, or which part of a signed URL was wrong. */
import { PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** A signed URL that is not one Palisade issued for this object and method (forged, altered,
    another file's, another organisation's, another method's). One answer for all (FILE-2). */
export class SignedUrlInvalid extends PalisadeError {
  readonly code = 'signed_url_invalid' as const;
  readonly status = 403;
  constructor(detail?: Record<string, unknown>) {
    super('This link is not valid', detail);
  }
}

/** A genuine signed URL past its expiry (at most 5 minutes after issue). */
export class SignedUrlExpired extends PalisadeError {
  readonly code = 'signed_url_expired' as const;
  readonly status = 403;
  constructor(detail?: Record<string, unknown>) {
    super('This link has expired; ask for a new one', detail);
  }
}

/** The upload sent more bytes than declared when its URL was issued (stopped while streaming). */
export class UploadTooLarge extends PalisadeError {
  readonly code = 'upload_too_large' as const;
  readonly status = 413;
  constructor(detail?: Record<string, unknown>) {
    super('The upload is larger than the size declared for it', detail);
  }
}

/** The upload ended before the declared number of bytes arrived. */
export class UploadIncomplete extends PalisadeError {
  readonly code = 'upload_incomplete' as const;
  readonly status = 400;
  constructor(detail?: Record<string, unknown>) {
    super('The upload is shorter than the size declared for it', detail);
  }
}

/** The upload's Content-Type is not the one declared when its URL was issued. */
export class UploadTypeMismatch extends PalisadeError {
  readonly code = 'upload_type_mismatch' as const;
  readonly status = 415;
  constructor(detail?: Record<string, unknown>) {
    super('The upload\'s Content-Type is not the one declared for it', detail);
  }
}

/** The file's upload already happened (or is happening): an upload URL works once. */
export class FileAlreadyUploaded extends PalisadeError {
  readonly code = 'file_already_uploaded' as const;
  readonly status = 409;
  constructor(detail?: Record<string, unknown>) {
    super('This file has already been uploaded', detail);
  }
}

/** The file has no stored content yet (its upload has not completed). */
export class FileNotUploaded extends PalisadeError {
  readonly code = 'file_not_uploaded' as const;
  readonly status = 409;
  constructor(detail?: Record<string, unknown>) {
    super('This file has not been uploaded yet', detail);
  }
}

/** The file is under legal hold: neither retention nor a request may delete it. */
export class FileOnLegalHold extends PalisadeError {
  readonly code = 'file_on_legal_hold' as const;
  readonly status = 409;
  constructor(detail?: Record<string, unknown>) {
    super('This file is under legal hold and cannot be deleted', detail);
  }
}

/** A collection still holding files cannot be deleted. */
export class CollectionNotEmpty extends PalisadeError {
  readonly code = 'collection_not_empty' as const;
  readonly status = 409;
  constructor(detail?: Record<string, unknown>) {
    super('The collection still holds files; delete them first', detail);
  }
}

registerErrorCodes('vault', {
  signed_url_invalid: 403,
  signed_url_expired: 403,
  upload_too_large: 413,
  upload_incomplete: 400,
  upload_type_mismatch: 415,
  file_already_uploaded: 409,
  file_not_uploaded: 409,
  file_on_legal_hold: 409,
  collection_not_empty: 409,
});
