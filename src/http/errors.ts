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
  not_ready: 503,
  https_required: 403,
  internal_error: 500,
});
