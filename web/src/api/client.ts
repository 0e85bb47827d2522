/* The console's one HTTP client: openapi-fetch over the types generated from /openapi.json
   (schema.d.ts), so a call to a route, a parameter or a body field that the server does not have
   fails the type check (npm run typecheck), and a stale schema fails
   test/console/openapi-client.test.ts. Same-origin cookies; every change carries the session's
   CSRF token (AUTH-13), which GET /v1/me hands out. */
import createClient from 'openapi-fetch';
import type { paths } from './schema';

let csrf: string | null = null;

export function setCsrf(token: string | null): void {
  csrf = token;
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

api.use({
  onRequest({ request }) {
    if (csrf && request.method !== 'GET') request.headers.set('x-csrf-token', csrf);
    return request;
  },
});

/** The audit-reason header: the server records why an admin read the audit log (AUD-1). */
export const reason = (why: string) => ({ 'palisade-audit-reason': `console: ${why}` });

export interface Problem {
  code?: string;
  title?: string;
  detail?: string;
  errors?: Array<{ path?: string; message?: string }>;
}

/** A problem+json answer in words (RFC 9457), with its stable code. */
export function problemText(e: unknown, status?: number): string {
  const p = (e ?? {}) as Problem;
  let text = p.detail || p.title || (status ? `HTTP ${status}` : 'The request failed');
  if (Array.isArray(p.errors) && p.errors.length) text += `: ${p.errors.map((x) => `${x.path ? `${x.path} ` : ''}${x.message ?? ''}`).join('; ')}`;
  return p.code ? `${text} (${p.code})` : text;
}
