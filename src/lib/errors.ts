/* Every error a client can see is a PalisadeError subclass with a stable `code` (listed in
   docs/errors.md, checked by errors.test.ts) and an HTTP status. `message` is safe to show a
   client; `detail` and `cause` are for logs only and are never serialised into a response.
   The HTTP layer turns these into RFC 9457 problem+json; anything else becomes a generic 500. */

export abstract class PalisadeError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  constructor(
    message: string,
    readonly detail?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
  /** Set by a module that has already written this refusal's audit record (a sign-in refused by
      its rate limit): the generic refusal record (http/refusal-audit.ts) is then not written
      a second time for the same event. */
  audited = false;
}

/** A missing object and another organisation's object are the same answer (TEN-4). */
export class NotFound extends PalisadeError {
  readonly code = 'not_found' as const;
  readonly status = 404;
  constructor(message = 'Not found', detail?: Record<string, unknown>) {
    super(message, detail);
  }
}

export class ValidationFailed extends PalisadeError {
  readonly code = 'validation_failed' as const;
  readonly status = 400;
  constructor(
    message: string,
    readonly issues: ReadonlyArray<{ path: string; message: string }> = [],
  ) {
    super(message);
  }
}

export class Unauthenticated extends PalisadeError {
  readonly code = 'unauthenticated' as const;
  readonly status = 401;
  constructor(message = 'Authentication required') {
    super(message);
  }
}

export class Forbidden extends PalisadeError {
  readonly code = 'forbidden' as const;
  readonly status = 403;
  constructor(message = 'You do not have permission to do this', detail?: Record<string, unknown>) {
    super(message, detail);
  }
}

export class Conflict extends PalisadeError {
  readonly code = 'conflict' as const;
  readonly status = 409;
}

export class RateLimited extends PalisadeError {
  readonly code = 'rate_limited' as const;
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number, message = 'Too many requests; try again later') {
    super(message);
  }
}

/** Every error class a client may see, for the docs/errors.md consistency test. Modules add
    theirs through registerErrorCodes() in their errors.ts. */
const registered = new Map<string, { status: number; source: string }>();

export function registerErrorCodes(source: string, codes: Record<string, number>): void {
  for (const [code, status] of Object.entries(codes)) {
    const existing = registered.get(code);
    if (existing && existing.source !== source) {
      throw new TypeError(`error code ${code} registered twice (${existing.source}, ${source})`);
    }
    registered.set(code, { status, source });
  }
}

export function registeredErrorCodes(): ReadonlyMap<string, { status: number; source: string }> {
  return registered;
}

registerErrorCodes('lib', {
  not_found: 404,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
});

/** A module's error whose message is fixed: one call declares its code, status and client message
    and registers the code for the docs/errors.md check. The class is named after the code
    (`signed_url_invalid` → SignedUrlInvalid) for logs. `detail` and `cause` stay for logs. An error
    that carries more (a message per case, a Retry-After) is still written as a class. */
export function defineError<const C extends string, const S extends number>(source: string, code: C, status: S, message: string) {
  registerErrorCodes(source, { [code]: status });
  const DefinedError = class extends PalisadeError {
    readonly code: C = code;
    readonly status: S = status;
    constructor(detail?: Record<string, unknown>, options?: { cause?: unknown }) {
      super(message, detail, options);
    }
  };
  Object.defineProperty(DefinedError, 'name', { value: code.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') });
  return DefinedError;
}
