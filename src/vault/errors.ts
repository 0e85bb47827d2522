/* Errors of the vault. Messages are safe to show a client: they never name another
   organisation's object, a file's contents, or which part of a signed URL was wrong. */
import { defineError } from '../lib/errors.js';

/** A signed URL that is not one Palisade issued for this object and method (forged, altered,
    another file's, another organisation's, another method's). One answer for all (FILE-2). */
export const SignedUrlInvalid = defineError('vault', 'signed_url_invalid', 403, 'This link is not valid');

/** A genuine signed URL past its expiry (at most 5 minutes after issue). */
export const SignedUrlExpired = defineError('vault', 'signed_url_expired', 403, 'This link has expired; ask for a new one');

/** The upload sent more bytes than declared when its URL was issued (stopped while streaming). */
export const UploadTooLarge = defineError('vault', 'upload_too_large', 413, 'The upload is larger than the size declared for it');

/** The upload ended before the declared number of bytes arrived. */
export const UploadIncomplete = defineError('vault', 'upload_incomplete', 400, 'The upload is shorter than the size declared for it');

/** The upload's Content-Type is not the one declared when its URL was issued. */
export const UploadTypeMismatch = defineError('vault', 'upload_type_mismatch', 415, 'The upload\'s Content-Type is not the one declared for it');

/** The file's upload already happened (or is happening): an upload URL works once. */
export const FileAlreadyUploaded = defineError('vault', 'file_already_uploaded', 409, 'This file has already been uploaded');

/** The file has no stored content yet (its upload has not completed). */
export const FileNotUploaded = defineError('vault', 'file_not_uploaded', 409, 'This file has not been uploaded yet');

/** The file is under legal hold: neither retention nor a request may delete it. */
export const FileOnLegalHold = defineError('vault', 'file_on_legal_hold', 409, 'This file is under legal hold and cannot be deleted');

/** A collection still holding files cannot be deleted. */
export const CollectionNotEmpty = defineError('vault', 'collection_not_empty', 409, 'The collection still holds files; delete them first');


/** The declared content type is not one the vault accepts, or the name's extension is not one of
    that type's (ASVS V5.2.2; src/vault/file-type.ts lists them). */
export const FileTypeNotAllowed = defineError('vault', 'file_type_not_allowed', 415, 'This type of file is not accepted, or the name\'s extension does not match its content type');

/** The uploaded bytes are not of the declared type: wrong magic bytes, text that is not UTF-8,
    or an SVG with scriptable or external content (ASVS V5.2.2, V1.3.4). */
export const UploadContentMismatch = defineError('vault', 'upload_content_mismatch', 415, 'The file\'s content is not of the type declared for it');
