/* Errors of consent and the AI egress guard (PRIV-4..6, PRIV-10). Messages are safe to show a
   client: they never carry a prompt, a redacted value or the provider's answer. */
import { defineError } from '../../lib/errors.js';

/** AI features are off for this organisation: never consented, or the consent was withdrawn (PRIV-4). */
export const AiConsentRequired = defineError('privacy', 'ai_consent_required', 403, 'AI features are off for this organisation: an admin turns them on (PUT /v1/org/ai/consent)');

/** The operation names a minor whose data may not reach the AI provider: the organisation's
    policy does not allow minors' data, or no consent for this minor is recorded (PRIV-10). */
export const AiMinorDataRefused = defineError('privacy', 'ai_minor_data_refused', 403, 'This operation is about a minor, and the organisation\'s AI policy or a recorded consent does not allow their data to reach the AI provider');

/** No AI provider is configured on this deployment (PALISADE_AI_PROVIDER): the feature does
    not exist here, like an unconfigured Stripe endpoint (404). */
export const AiNotConfigured = defineError('privacy', 'ai_not_configured', 404, 'No AI provider is configured on this deployment');

/** The AI provider did not answer in time, could not be reached, or answered with an error
    (PRIV-6). Nothing else depends on it: every other route keeps working. */
export const AiProviderUnavailable = defineError('privacy', 'ai_provider_unavailable', 503, 'The AI provider is unavailable; try again later');

