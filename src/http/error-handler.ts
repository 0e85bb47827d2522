/* Every error leaves as RFC 9457 problem+json with a stable code and the request id. A 5xx
   answer is generic: the cause, stack, SQL text and an error's own `detail` go to the log
   (through the redactor), never to the client. Claim VAL-1; ASVS V16.5.

   That includes the refusals Fastify and Node make before a route runs (issue 20): a path
   parameter over the router's limit (414) and a malformed URL go through frameworkErrors, a
   URL over MAX_URL_LENGTH is refused by a hook, and a known path asked with the wrong method
   is a 405 with `Allow` from the not-found handler. Each gets the security headers, the request
   id and a log line like any other refusal. Requests Node cannot parse at all (headers over its
   limit, broken framing) never become a request: clientErrorHandler answers them on the socket
   with the same problem body and headers. */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PalisadeError, RateLimited, NotFound, ValidationFailed } from '../lib/errors.js';
import { newRequestId } from '../lib/ids.js';
import { INVALID_TEXT } from '../lib/text.js';
import {
  BadRequest, HeaderFieldsTooLarge, InternalError, InvalidJson, InvalidText, MethodNotAllowed, PayloadTooLarge,
  UnsupportedMediaType, UriTooLong,
} from './errors.js';
import { fixedSecurityHeaders, requestSecurityHeaders } from './security-headers.js';

/** The router refuses a path parameter longer than this (414), before any route runs. */
export const MAX_PARAM_LENGTH = 200;
/** A whole request target (path and query) longer than this is refused with 414. */
export const MAX_URL_LENGTH = 8192;

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  413: 'Content Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

function problemBody(err: PalisadeError, requestId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: `https://palisade.dev/errors/${err.code}`,
    title: TITLES[err.status] ?? 'Error',
    status: err.status,
    detail: err.message,
    code: err.code,
    requestId,
  };
  if ((err instanceof ValidationFailed || err instanceof InvalidText) && err.issues.length) body.errors = err.issues;
  const extra = (err as { publicFields?: Record<string, unknown> }).publicFields;
  if (extra) Object.assign(body, extra);
  return body;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: PalisadeError): FastifyReply {
  if (err instanceof RateLimited) reply.header('retry-after', String(err.retryAfterSeconds));
  if (err instanceof MethodNotAllowed) reply.header('allow', err.allow.join(', '));
  return reply.status(err.status).type('application/problem+json').send(problemBody(err, request.id));
}

type Validation = Array<{ instancePath?: string; message?: string; params?: unknown }>;

/** text()'s refinement marks its issue (src/lib/text.ts); zod's custom params arrive nested. */
const isInvalidText = (v: { params?: unknown }): boolean =>
  (v.params as { params?: { code?: unknown } } | undefined)?.params?.code === INVALID_TEXT;

/** Maps Fastify's own and unknown errors onto our codes. */
export function toPalisadeError(error: FastifyError | Error): PalisadeError {
  if (error instanceof PalisadeError) return error;
  const fe = error as Omit<FastifyError, 'validation'> & { validation?: Validation };
  if (Array.isArray(fe.validation)) {
    const issues = fe.validation.map((v) => ({ path: v.instancePath || '/', message: v.message ?? 'invalid' }));
    if (fe.validation.some(isInvalidText)) {
      return new InvalidText('The request contains text that cannot be stored (a NUL character or an unpaired surrogate)', issues);
    }
    return new ValidationFailed('The request does not match the schema', issues);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PayloadTooLarge('The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new UnsupportedMediaType('Unsupported content type; send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new InvalidJson('The request body is not valid JSON');
    // The path is never echoed back: it is attacker-chosen text.
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new UriTooLong(`A path segment is longer than ${MAX_PARAM_LENGTH} characters`);
    case 'FST_ERR_BAD_URL':
      return new BadRequest('The URL is malformed');
  }
  if (error instanceof SyntaxError) return new InvalidJson('The request body is not valid JSON');
  const status = fe.statusCode ?? 500;
  if (status === 404) return new NotFound();
  if (status >= 400 && status < 500) return new BadRequest('The request is malformed');
  return new InternalError('Something went wrong on our side; the request id identifies it in our logs', undefined, { cause: error });
}

function logAndSend(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const err = toPalisadeError(error);
  if (err.status >= 500) request.log.error({ err: error, code: err.code }, 'request failed');
  else request.log.info({ code: err.code, detail: err.detail }, 'request refused');
  return sendProblem(reply, request, err);
}

/** Fastify's `frameworkErrors` option: refusals made by the router before any hook runs. Those
    replies skip the onRequest/onSend hooks, so the headers are set here. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(fixedSecurityHeaders());
  requestSecurityHeaders(request, reply);
  void logAndSend(error, request, reply);
}

/** Node's `clientError`: a request too broken to parse (431 for oversized headers, 400 otherwise). */
export function clientErrorHandler(logger: Logger): (err: Error & { code?: string }, socket: Socket) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const requestId = newRequestId();
    const problem = err.code === 'HPE_HEADER_OVERFLOW'
      ? new HeaderFieldsTooLarge('The request headers are too large')
      : new BadRequest('The request could not be parsed');
    logger.info({ reqId: requestId, code: problem.code, parserError: err.code }, 'request refused');
    if (!socket.writable) return void socket.destroy();
    const body = JSON.stringify(problemBody(problem, requestId));
    const headers = { ...fixedSecurityHeaders(), 'cache-control': 'no-store', 'x-request-id': requestId, 'content-type': 'application/problem+json', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
    const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
    socket.end(`HTTP/1.1 ${problem.status} ${TITLES[problem.status] ?? 'Error'}\r\n${head}\r\n\r\n${body}`);
  };
}

/** Route patterns as the router knows them, to tell a wrong method (405) from no such path (404). */
function routeTable(app: FastifyInstance): (path: string) => string[] {
  const routes: Array<{ pattern: RegExp; method: string }> = [];
  app.addHook('onRoute', (route) => {
    const source = route.url
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    for (const m of ([] as string[]).concat(route.method as string | string[])) routes.push({ pattern: new RegExp(`^${source}/?$`), method: m.toUpperCase() });
  });
  return (path) => [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))].sort();
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => logAndSend(error, request, reply));
  const methodsFor = routeTable(app);
  app.setNotFoundHandler((request, reply) => {
    const allow = methodsFor(request.url.split('?')[0] ?? '');
    const err = allow.length ? new MethodNotAllowed(allow) : new NotFound('No such route');
    request.log.info({ code: err.code }, 'request refused');
    return sendProblem(reply, request, err);
  });
}

/** Limits on the request target, checked before authentication (registered after the headers hook). */
export function registerRequestLimits(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_LENGTH) throw new UriTooLong(`The URL is longer than ${MAX_URL_LENGTH} characters`);
  });
}
