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

/** A request to the Stripe inbox whose Stripe-Signature does not verify over the raw body with
    an endpoint secret inside the tolerance window (missing, forged, altered, stale, wrong secret).
    One answer for all (WH-1). */
export class StripeSignatureInvalid extends PalisadeError {
  readonly code = 'stripe_signature_invalid' as const;
  readonly status = 400;
  constructor(detail?: Record<string, unknown>) {
    super('The Stripe-Signature header does not verify', detail);
  }
}

/** The Stripe inbox has no endpoint secret configured (PALISADE_STRIPE_WEBHOOK_SECRETS). */
export class StripeNotConfigured extends PalisadeError {
  readonly code = 'stripe_not_configured' as const;
  readonly status = 404;
  constructor() {
    super('Stripe webhooks are not configured on this server');
  }
}

registerErrorCodes('webhooks.stripe', {
  stripe_signature_invalid: 400,
  stripe_not_configured: 404,
});

/** A redelivery asked of a disabled endpoint: re-enable it first. */
export class WebhookEndpointDisabled extends PalisadeError {
  readonly code = 'webhook_endpoint_disabled' as const;
  readonly status = 409;
  constructor() {
    super('This webhook endpoint is disabled; re-enable it first');
  }
}

registerErrorCodes('webhooks.outbound', {
  webhook_endpoint_disabled: 409,
});

/** An agent request whose RFC 9421 signature is missing, malformed, does not cover @method, @path
    and content-digest with created and nonce, names no active agent, or does not verify over the
    request (altered method, path, body or digest). One answer for all (WH-3). */
export class AgentSignatureInvalid extends PalisadeError {
  readonly code = 'agent_signature_invalid' as const;
  readonly status = 401;
  constructor(detail?: Record<string, unknown>) {
    super('The request signature does not verify', detail);
  }
}

/** An agent request signed more than 5 minutes away from the server's clock, or past its expires. */
export class AgentSignatureExpired extends PalisadeError {
  readonly code = 'agent_signature_expired' as const;
  readonly status = 401;
  constructor(detail?: Record<string, unknown>) {
    super('The request signature is too old (or dated in the future); sign it again', detail);
  }
}

/** An agent request whose nonce this agent already used: a replay. */
export class AgentNonceReplayed extends PalisadeError {
  readonly code = 'agent_nonce_replayed' as const;
  readonly status = 401;
  constructor(detail?: Record<string, unknown>) {
    super('This request was already received (nonce reused)', detail);
  }
}

/** A correctly signed agent request whose body is not a valid event. */
export class AgentEventInvalid extends PalisadeError {
  readonly code = 'agent_event_invalid' as const;
  readonly status = 400;
  constructor() {
    super('The body is not a valid agent event');
  }
}

/** An agent public key that is not an Ed25519 key (32 raw bytes in base64/base64url, or an SPKI PEM). */
export class AgentPublicKeyInvalid extends PalisadeError {
  readonly code = 'agent_public_key_invalid' as const;
  readonly status = 422;
  constructor() {
    super('The public key is not an Ed25519 public key');
  }
}

registerErrorCodes('webhooks.agents', {
  agent_signature_invalid: 401,
  agent_signature_expired: 401,
  agent_nonce_replayed: 401,
  agent_event_invalid: 400,
  agent_public_key_invalid: 422,
});
