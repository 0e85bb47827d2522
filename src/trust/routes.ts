/* The public trust surface: /trust (HTML), /trust.json, /trust.css and
   /.well-known/security.txt. All public, all cheap: the report is cached (service.ts); the
   security.txt body is computed from configuration and the clock on each request so it can
   never be served past its Expires. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Config } from '../config/schema.js';
import type { Clock } from '../lib/clock.js';
import { SecurityTxtExpired, SecurityTxtNotConfigured } from './errors.js';
import { renderTrustPage, TRUST_CSS } from './render.js';
import { problem, trustReport } from './schemas.js';
import { securityTxt, securityTxtSettings } from './security-txt.js';
import type { ProbeContext, Trust } from './service.js';

export interface TrustRouteOptions {
  config: Config;
  clock: Clock;
  trust: Trust;
}

const tags = ['trust'];

export async function trustRoutes(app: FastifyInstance, opts: TrustRouteOptions): Promise<void> {
  const settings = securityTxtSettings(opts.config);
  const probe = (): ProbeContext => {
    const addr = app.server.address() as AddressInfo | null;
    const host = !addr ? '' : addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address === '::' ? '::1' : addr.address;
    return {
      listener: addr && addr.port ? { host, port: addr.port } : null,
      async get(path) {
        const r = await app.inject({ method: 'GET', url: path });
        return { status: r.statusCode, body: r.body };
      },
    };
  };
  const current = () => opts.trust.current(probe(), renderTrustPage);
  // The page lists every test of every claim (≈ 130 kB of HTML); gzipped once per built report
  // (the same object until the cache is dropped), it travels as ≈ 27 kB to a browser that accepts
  // gzip. Nothing per request but a lookup.
  const zipped = new WeakMap<object, { html: Buffer; json: Buffer }>();
  const send = async (request: FastifyRequest, reply: FastifyReply, kind: 'html' | 'json', type: string) => {
    const built = await current();
    reply.type(type).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (!/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.send(built[kind]);
    let z = zipped.get(built);
    if (!z) {
      z = { html: gzipSync(built.html), json: gzipSync(built.json) };
      zipped.set(built, z);
    }
    return reply.header('content-encoding', 'gzip').send(z[kind]);
  };

  app.get('/trust', {
    config: { access: 'public', produces: 'text/html' },
    schema: { summary: 'The trust page (text/html): every claim with its status, evidence, live check or declaration', tags },
  }, async (request, reply) => send(request, reply, 'html', 'text/html; charset=utf-8'));

  app.get('/trust.json', {
    config: { access: 'public' },
    schema: { summary: 'The trust report as JSON (the data of /trust)', tags, response: { 200: trustReport } },
  }, async (request, reply) => send(request, reply, 'json', 'application/json; charset=utf-8'));

  app.get('/trust.css', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(TRUST_CSS));

  app.get('/.well-known/security.txt', {
    config: { access: 'public', produces: 'text/plain' },
    schema: { summary: 'RFC 9116 security.txt from configuration (text/plain); refused once expired (IR-2)', tags, response: { 404: problem } },
  }, async (_request, reply) => {
    const s = securityTxt(settings, opts.clock.now());
    if (s.state === 'not_configured') throw new SecurityTxtNotConfigured({ missing: s.missing });
    if (s.state === 'expired') throw new SecurityTxtExpired({ expires: s.expires.toISOString() });
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(s.text);
  });
}
