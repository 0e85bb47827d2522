/* Errors of the webhooks module (inbound Stripe events, outbound deliveries, signed agents, the
   SSRF guard). Messages are safe to show a client: a refused destination never says which
   address it resolved to, and a refused signature never says which part was wrong. */
import { PalisadeError, registerErrorCodes } from '../lib/errors.js';

/** The destination of an outbound request is not a public address (SSRF guard, WH-4), or its
    URL is unusable (scheme, credentials). Also the answer when a webhook endpoint's URL is refused. */
export class OutboundBlocked extends PalisadeError {
  readonly code = 'outbound_blocked' as const;
  readonly status = 422;
  constructor(detail?: Record<string, unknown>, options?: { cause?: unknown }) {
    super('The destination address is not allowed', detail, options);
  }
}

/** An outbound request failed: network error, deadline, or a response over the size limit. */
export class OutboundFailed extends PalisadeError {
  readonly code = 'outbound_failed' as const;
  readonly status = 502;
  constructor(detail?: Record<string, unknown>, options?: { cause?: unknown }) {
    super('The destination could not be reached', detail, options);
  }
}

registerErrorCodes('webhooks', {
  outbound_blocked: 422,
  outbound_failed: 502,
});
