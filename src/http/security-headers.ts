/* Headers on every response. The CSP allows nothing from other origins and no inline script or
   style (VAL-3). HSTS is sent only when the request arrived over TLS (directly, or through a
   proxy listed in PALISADE_TRUST_PROXY that says so) — over plain http it would be ignored and
   on localhost it would pin developers' browsers (ENC-1). API responses are never cached. */
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

export const HSTS_VALUE = 'max-age=63072000; includeSubDomains; preload';

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    hsts: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    xPoweredBy: true,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
    if (request.url.startsWith('/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.header('x-request-id', request.id);
    return payload;
  });
}
