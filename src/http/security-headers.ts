/* Headers on every response. The CSP allows nothing from other origins and no inline script or
   style (VAL-3). HSTS is sent only when the request arrived over TLS (directly, or through a
   proxy listed in PALISADE_TRUST_PROXY that says so) — over plain http it would be ignored and
   on localhost it would pin developers' browsers (ENC-1). API responses are never cached. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

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

const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  strictTransportSecurity: false,
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
  xPoweredBy: true,
};

/** The headers helmet sets with HELMET_OPTIONS, computed once. They depend on nothing in the
    request, and running helmet's middleware per request re-parsed the CSP every time (≈ 3 % of
    a read's CPU in the issue 6 profile). helmet stays the source of the values. */
export function staticSecurityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let done = false;
  helmet(HELMET_OPTIONS)({} as never, res as never, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  // helmet's middleware is synchronous; if a future version is not, fail at start, not silently.
  if (!done || !headers['content-security-policy']) throw new TypeError('helmet did not produce the security headers synchronously');
  return Object.freeze(headers);
}

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';

let fixedOnce: Readonly<Record<string, string>> | null = null;

/** The headers that do not depend on the request (helmet's, and the permissions policy). */
export function fixedSecurityHeaders(): Readonly<Record<string, string>> {
  fixedOnce ??= Object.freeze({ ...staticSecurityHeaders(), 'permissions-policy': PERMISSIONS_POLICY });
  return fixedOnce;
}

/** The headers that do: HSTS over TLS, no-store on the API, the request id. */
export function requestSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  if (request.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
  if (request.url.startsWith('/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  reply.header('x-request-id', request.id);
}

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  const fixed = fixedSecurityHeaders();
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(fixed);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    requestSecurityHeaders(request, reply);
    return payload;
  });
}
