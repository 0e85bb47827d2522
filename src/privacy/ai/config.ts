/* The AI egress guard's slice of the configuration (STYLE §4). */
import type { Config } from '../../config/schema.js';
import { outboundAllowList } from '../../webhooks/index.js';
import type { AiConfig } from './service.js';

export function aiConfig(config: Config): AiConfig {
  const kind = config.PALISADE_AI_PROVIDER;
  if (kind === 'none') return { provider: null };
  return {
    provider: {
      kind,
      baseUrl: config.PALISADE_AI_BASE_URL ?? (kind === 'anthropic' ? 'https://api.anthropic.com' : 'https://api.openai.com'),
      model: config.PALISADE_AI_MODEL ?? '',
      apiKey: config.PALISADE_AI_API_KEY ?? '',
      timeoutMs: config.PALISADE_AI_TIMEOUT_MS,
      allow: outboundAllowList(config),
    },
  };
}
