/* Errors of consent and the AI egress guard (PRIV-4..6, PRIV-10). Messages are safe to show a
   client: they never carry a prompt, a redacted value or the provider's answer. */
import { PalisadeError, registerErrorCodes } from '../../lib/errors.js';

/** AI features are off for this organisation: never consented, or the consent was withdrawn (PRIV-4). */
export class AiConsentRequired extends PalisadeError {
  readonly code = 'ai_consent_required' as const;
  readonly status = 403;
  constructor(detail?: Record<string, unknown>) {
    super('AI features are off for this organisation: an admin turns them on (PUT /v1/org/ai/consent)', detail);
  }
}

/** The operation names a minor whose data may not reach the AI provider: the organisation's
    policy does not allow minors' data, or no consent for this minor is recorded (PRIV-10). */
export class AiMinorDataRefused extends PalisadeError {
  readonly code = 'ai_minor_data_refused' as const;
  readonly status = 403;
  constructor(detail?: Record<string, unknown>) {
    super('This operation is about a minor, and the organisation\'s AI policy or a recorded consent does not allow their data to reach the AI provider', detail);
  }
}

/** No AI provider is configured on this deployment (PALISADE_AI_PROVIDER): the feature does
    not exist here, like an unconfigured Stripe endpoint (404). */
export class AiNotConfigured extends PalisadeError {
  readonly code = 'ai_not_configured' as const;
  readonly status = 404;
  constructor(detail?: Record<string, unknown>) {
    super('No AI provider is configured on this deployment', detail);
  }
}

/** The AI provider did not answer in time, could not be reached, or answered with an error
    (PRIV-6). Nothing else depends on it: every other route keeps working. */
export class AiProviderUnavailable extends PalisadeError {
  readonly code = 'ai_provider_unavailable' as const;
  readonly status = 503;
  constructor(detail?: Record<string, unknown>, options?: { cause?: unknown }) {
    super('The AI provider is unavailable; try again later', detail, options);
  }
}

registerErrorCodes('privacy', {
  ai_consent_required: 403,
  ai_minor_data_refused: 403,
  ai_not_configured: 404,
  ai_provider_unavailable: 503,
});
