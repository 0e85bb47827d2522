/* Exposes the operator metrics (docs/operations.md#metrics), never publicly by default:
   - nothing is exposed unless configured: no route, no listener;
   - PALISADE_METRICS_TOKEN: GET /metrics on the main listener, for `Authorization: Bearer <token>`
     only (compared in constant time over SHA-256 digests, so neither the content nor the length
     of the token leaks through timing); any other request gets 401 and no metrics;
   - PALISADE_METRICS_PORT: a listener of its own on PALISADE_METRICS_HOST (loopback by default),
     serving only GET /metrics — behind the token too when one is set.
   The route is left out of /openapi.json: it is an operator's scrape target, not part of the API. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.js';
import { Unauthenticated } from '../lib/errors.js';
import type { Metrics } from './service.js';

export interface MetricsConfig {
  token: string | null;
  port: number | null;
  host: string;
}

export function metricsConfig(config: Config): MetricsConfig {
  return { token: config.PALISADE_METRICS_TOKEN ?? null, port: config.PALISADE_METRICS_PORT ?? null, host: config.PALISADE_METRICS_HOST };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Whether an Authorization header carries the token, in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S{1,512})$/.exec(header ?? '')?.[1] ?? '';
  // Always compare (an absent header costs the same as a wrong one).
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

export interface MetricsExposure {
  /** The port of the metrics listener, when it has one. */
  readonly port: number | null;
  stop(): Promise<void>;
}

export async function exposeMetrics(http: FastifyInstance, metrics: Metrics, cfg: MetricsConfig): Promise<MetricsExposure> {
  const { token } = cfg;
  if (token && cfg.port === null) {
    http.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      if (!bearerMatches(request.headers.authorization, token)) throw new Unauthenticated('A metrics token is required');
      const out = await metrics.render();
      return reply.header('content-type', out.contentType).header('cache-control', 'no-store').send(out.body);
    });
  }
  if (cfg.port === null) return { port: null, stop: async () => undefined };
  if (!token && !LOOPBACK.has(cfg.host)) throw new TypeError(`PALISADE_METRICS_HOST=${cfg.host} is not loopback: set PALISADE_METRICS_TOKEN, or metrics would be public`);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'); return; }
    if (token && !bearerMatches(req.headers.authorization, token)) { res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('a metrics token is required\n'); return; }
    metrics.render().then(
      (out) => res.writeHead(200, { 'content-type': out.contentType, 'cache-control': 'no-store' }).end(out.body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(cfg.port ?? 0, cfg.host, () => resolve()); });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
