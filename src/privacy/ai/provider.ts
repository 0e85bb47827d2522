/* The one client of an AI provider (PRIV-5, PRIV-6): an Anthropic Messages API
   (POST {base}/v1/messages) or an OpenAI-compatible Chat Completions API
   (POST {base}/v1/chat/completions), chosen by configuration. Every request goes through the
   SSRF guard (safeRequest: public addresses only unless the operator allow-list names it, no
   redirects followed, bounded response size) with the configured deadline, so a provider that
   hangs costs one request its timeout and nothing else: no transaction or pool connection is
   held while it is waited for (service.ts). Any failure — deadline, network, refused address,
   a non-2xx answer, an answer of the wrong shape — is AiProviderUnavailable (503); the
   provider's own words never reach the client. The API key comes from the environment and is
   sent only in its header. ASVS V13.2.4, V13.2.5 (outbound allow-list), V15.3. */
import { safeRequest } from '../../webhooks/index.js';
import { AiProviderUnavailable } from './errors.js';

export type AiProviderKind = 'anthropic' | 'openai';

export interface AiProviderConfig {
  kind: AiProviderKind;
  baseUrl: string;
  model: string;
  apiKey: string;
  timeoutMs: number;
  /** The SSRF guard's operator allow-list (PALISADE_OUTBOUND_ALLOW). */
  allow: readonly string[];
}

export interface Completion {
  text: string;
  model: string;
}

export interface CompletionRequest {
  system: string | null;
  prompt: string;
  maxTokens: number;
}

function endpoint(c: AiProviderConfig): string {
  const base = c.baseUrl.replace(/\/+$/, '');
  return `${base}/v1/${c.kind === 'anthropic' ? 'messages' : 'chat/completions'}`;
}

function requestOf(c: AiProviderConfig, r: CompletionRequest): { headers: Record<string, string>; body: string } {
  if (c.kind === 'anthropic') {
    return {
      headers: { 'content-type': 'application/json', 'x-api-key': c.apiKey, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: c.model, max_tokens: r.maxTokens, ...(r.system ? { system: r.system } : {}), messages: [{ role: 'user', content: r.prompt }] }),
    };
  }
  return {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.apiKey}` },
    body: JSON.stringify({ model: c.model, max_tokens: r.maxTokens, messages: [...(r.system ? [{ role: 'system', content: r.system }] : []), { role: 'user', content: r.prompt }] }),
  };
}

function textOf(kind: AiProviderKind, json: unknown): string | null {
  if (json === null || typeof json !== 'object') return null;
  if (kind === 'anthropic') {
    const content = (json as { content?: unknown }).content;
    if (!Array.isArray(content)) return null;
    const parts = content.filter((p): p is { type: 'text'; text: string } => !!p && typeof p === 'object' && (p as { type?: unknown }).type === 'text' && typeof (p as { text?: unknown }).text === 'string');
    return parts.length ? parts.map((p) => p.text).join('') : null;
  }
  const choices = (json as { choices?: unknown }).choices;
  const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
  const content = first && typeof first === 'object' ? ((first as { message?: { content?: unknown } }).message?.content) : undefined;
  return typeof content === 'string' ? content : null;
}

/** Sends one completion request; throws AiProviderUnavailable on any failure. */
export async function complete(c: AiProviderConfig, r: CompletionRequest): Promise<Completion> {
  const { headers, body } = requestOf(c, r);
  let res;
  try {
    res = await safeRequest(endpoint(c), { method: 'POST', headers, body, timeoutMs: c.timeoutMs, allow: c.allow, maxResponseBytes: 4 * 1024 * 1024 });
  } catch (e) {
    throw new AiProviderUnavailable({ reason: e instanceof Error ? e.message : 'request failed', code: (e as { code?: unknown }).code }, { cause: e });
  }
  if (res.status < 200 || res.status > 299) throw new AiProviderUnavailable({ reason: 'status', status: res.status });
  let json: unknown;
  try {
    json = JSON.parse(res.text());
  } catch (e) {
    throw new AiProviderUnavailable({ reason: 'answer is not JSON' }, { cause: e });
  }
  const text = textOf(c.kind, json);
  if (text === null) throw new AiProviderUnavailable({ reason: 'answer has no text' });
  const model = (json as { model?: unknown }).model;
  return { text, model: typeof model === 'string' ? model.slice(0, 200) : c.model };
}
