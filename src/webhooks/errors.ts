/* Errors of the webhooks module (inbound Stripe events, outbound deliveries, signed agents, the
   SSRF guard). Messages are safe to show a client: a refused destination never says which
   address it resolved to, and a refused signature never says which part was wrong. */
import { defineError } from '../lib/errors.js';

/** The destination of an outbound request is not a public address (SSRF guard, WH-4), or its
    URL is unusable (scheme, credentials). Also the answer when a webhook endpoint's URL is refused. */
export const OutboundBlocked = defineError('webhooks', 'outbound_blocked', 422, 'The destination address is not allowed');
export type OutboundBlocked = InstanceType<typeof OutboundBlocked>;

/** An outbound request failed: network error, deadline, or a response over the size limit. */
export const OutboundFailed = defineError('webhooks', 'outbound_failed', 502, 'The destination could not be reached');
export type OutboundFailed = InstanceType<typeof OutboundFailed>;

/** A request to the Stripe inbox whose Stripe-Signature does not verify over the raw body with
    an endpoint secret inside the tolerance window (missing, forged, altered, stale, wrong secret).
    One answer for all (WH-1). */
export const StripeSignatureInvalid = defineError('webhooks.stripe', 'stripe_signature_invalid', 400, 'The Stripe-Signature header does not verify');

/** The Stripe inbox has no endpoint secret configured (PALISADE_STRIPE_WEBHOOK_SECRETS). */
export const StripeNotConfigured = defineError('webhooks.stripe', 'stripe_not_configured', 404, 'Stripe webhooks are not configured on this server');

/** A redelivery asked of a disabled endpoint: re-enable it first. */
export const WebhookEndpointDisabled = defineError('webhooks.outbound', 'webhook_endpoint_disabled', 409, 'This webhook endpoint is disabled; re-enable it first');

/** An agent request whose RFC 9421 signature is missing, malformed, does not cover @method, @path
    and content-digest with created and nonce, names no active agent, or does not verify over the
    request (altered method, path, body or digest). One answer for all (WH-3). */
export const AgentSignatureInvalid = defineError('webhooks.agents', 'agent_signature_invalid', 401, 'The request signature does not verify');

/** An agent request signed more than 5 minutes away from the server's clock, or past its expires. */
export const AgentSignatureExpired = defineError('webhooks.agents', 'agent_signature_expired', 401, 'The request signature is too old (or dated in the future); sign it again');

/** An agent request whose nonce this agent already used: a replay. */
export const AgentNonceReplayed = defineError('webhooks.agents', 'agent_nonce_replayed', 401, 'This request was already received (nonce reused)');

/** A correctly signed agent request whose body is not a valid event. */
export const AgentEventInvalid = defineError('webhooks.agents', 'agent_event_invalid', 400, 'The body is not a valid agent event');

/** An agent public key that is not an Ed25519 key (32 raw bytes in base64/base64url, or an SPKI PEM). */
export const AgentPublicKeyInvalid = defineError('webhooks.agents', 'agent_public_key_invalid', 422, 'The public key is not an Ed25519 public key');

