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
      info: { title: 'Palisade API', version, description: 'The stable HTTP surface of Palisade. Errors are RFC 9457 problem+json with a stable `code`.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-palisade_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
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
