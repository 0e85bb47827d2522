import { PalisadeError, registerErrorCodes } from '../lib/errors.js';

export class InvalidJson extends PalisadeError {
  readonly code = 'invalid_json' as const;
  readonly status = 400;
}
export class JsonTooDeep extends PalisadeError {
  readonly code = 'json_too_deep' as const;
  readonly status = 400;
}
export class PayloadTooLarge extends PalisadeError {
  readonly code = 'payload_too_large' as const;
  readonly status = 413;
}
export class UnsupportedMediaType extends PalisadeError {
  readonly code = 'unsupported_media_type' as const;
  readonly status = 415;
}
export class BadRequest extends PalisadeError {
  readonly code = 'bad_request' as const;
  readonly status = 400;
}
/** A string PostgreSQL cannot store (NUL, a lone surrogate): see src/lib/text.ts. */
export class InvalidText extends PalisadeError {
  readonly code = 'invalid_text' as const;
  readonly status = 400;
  constructor(message: string, readonly issues: ReadonlyArray<{ path: string; message: string }> = []) {
    super(message);
  }
}
/** A known path asked with a method it does not answer; `allow` lists the ones it does. */
export class MethodNotAllowed extends PalisadeError {
  readonly code = 'method_not_allowed' as const;
  readonly status = 405;
  constructor(readonly allow: readonly string[]) {
    super(`This path answers ${allow.join(', ')}`);
  }
}
export class UriTooLong extends PalisadeError {
  readonly code = 'uri_too_long' as const;
  readonly status = 414;
}
export class HeaderFieldsTooLarge extends PalisadeError {
  readonly code = 'header_fields_too_large' as const;
  readonly status = 431;
}
export class NotReady extends PalisadeError {
  readonly code = 'not_ready' as const;
  readonly status = 503;
}
/** The API over plain HTTP (the redirect port): refused, never redirected (ASVS V4.1.2). */
export class HttpsRequired extends PalisadeError {
  readonly code = 'https_required' as const;
  readonly status = 403;
}
export class InternalError extends PalisadeError {
  readonly code = 'internal_error' as const;
  readonly status = 500;
}

registerErrorCodes('http', {
  invalid_json: 400,
  json_too_deep: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  bad_request: 400,
  invalid_text: 400,
  method_not_allowed: 405,
  uri_too_long: 414,
  header_fields_too_large: 431,
  not_ready: 503,
  https_required: 403,
  internal_error: 500,
});
