/* The OpenAPI 3.1 document is generated from the same zod schemas that validate requests, so
   documentation and enforcement cannot disagree. /docs renders it as plain server-side HTML
   (no script, so it lives under the strict CSP). */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      // Relative: the document describes whichever deployment serves it.
      servers: [{ url: '/', description: 'this deployment' }],
      info: { title: 'Palisade API', version, description: 'The stable HTTP surface of Palisade. Errors are RFC 9457 problem+json with a stable `code`.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-palisade_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: (input) => withContract(jsonSchemaTransform(input) as unknown as Transformed, input.route as RouteLike) as unknown as ReturnType<typeof jsonSchemaTransform>,
    transformObject: jsonSchemaTransformObject,
  });
}

/* The document is the contract (issue 20): beyond the success response each route declares,
   every operation lists the problem responses the pipeline can give it and the credentials it
   takes. Derived from the route itself (its access, method, parameters and body), so a new route
   is documented without anyone remembering to; a route may declare more (409, 410…) in its own
   `response` schema. The fuzz suite fails on any status an operation answers but does not
   document. */
const PROBLEM = {
  description: 'RFC 9457 problem: `code` is listed in docs/errors.md',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
        properties: {
          type: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          code: { type: 'string' },
          requestId: { type: 'string' },
          errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  },
} as const;

type Transformed = { schema: Record<string, unknown>; url: string };
interface RouteLike { method: string | string[]; url: string; config?: unknown; schema?: { body?: unknown; params?: unknown } }

export function problemStatuses(route: { method: string; access: string | undefined; hasBody: boolean; hasParams: boolean }): number[] {
  const s = new Set<number>([400, 414, 429]);
  // A public change may still refuse credentials (sign-in's invalid_credentials, a pending
  // session the handler checks itself): only a public read never answers 401.
  if (route.access !== 'public' || route.method !== 'GET') [401, 403].forEach((x) => s.add(x));
  if (route.method !== 'GET' && route.method !== 'HEAD') s.add(403); // CSRF refusal of a cookie-authenticated change
  if (route.hasParams || route.access === 'org') s.add(404);
  if (route.hasBody) [413, 415, 422].forEach((x) => s.add(x));
  if (route.method !== 'GET' && route.method !== 'HEAD') s.add(409);
  return [...s].sort((a, b) => a - b);
}

function withContract(out: Transformed, route: RouteLike): Transformed {
  const method = ([] as string[]).concat(route.method)[0]?.toUpperCase() ?? 'GET';
  const access = (route.config as { access?: string } | undefined)?.access;
  const schema = { ...out.schema };
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  for (const status of problemStatuses({ method, access, hasBody: Boolean(route.schema?.body), hasParams: /:/.test(route.url) })) {
    response[String(status)] ??= PROBLEM;
  }
  // A route without a success schema answers 204 with no body (changes) or, for reads, the
  // non-JSON body its config says it produces (text/plain, application/jsonl, HTML…).
  if (!Object.keys(response).some((k) => k.startsWith('2'))) {
    const produces = (route.config as { produces?: string } | undefined)?.produces;
    response[method === 'GET' ? '200' : '204'] = method !== 'GET'
      ? { description: 'Done; no content', type: 'null' }
      : { description: 'Success', content: { [produces ?? 'text/plain']: { schema: { type: 'string' } } } };
  }
  schema.response = response;
  if (schema.security !== undefined) return { ...out, schema }; // the route said it itself
  if (access === 'public') schema.security = [];
  else if (access === 'user') schema.security = [{ session: [] }];
  else if (access === 'org') schema.security = [{ session: [] }, { apiKey: [] }];
  return { ...out, schema };
}

export function registerDocsRoutes(app: FastifyInstance): void {
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/docs', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    const doc = app.swagger() as { info: { title: string; version: string }; paths?: Record<string, Record<string, { summary?: string; description?: string }>> };
    const rows = Object.entries(doc.paths ?? {})
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => `<tr><td><code>${esc(method.toUpperCase())}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary ?? op.description ?? '')}</td></tr>`))
      .join('\n');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title><link rel="stylesheet" href="/docs.css"></head><body><main><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p><table><thead><tr><th>Method</th><th>Path</th><th>What</th></tr></thead><tbody>${rows}</tbody></table></main></body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
  app.get('/docs.css', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css').send('body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .8rem;text-align:left}code{font-size:14px}'),
  );
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
