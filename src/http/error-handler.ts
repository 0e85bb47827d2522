/* Every error leaves as RFC 9457 problem+json with a stable code and the request id. A 5xx
   answer is generic: the cause, stack, SQL text and an error's own `detail` go to the log
   (through the redactor), never to the client. Claim VAL-1; ASVS V16.5. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PalisadeError, RateLimited, ValidationFailed, NotFound } from '../lib/errors.js';
import { BadRequest, InternalError, InvalidJson, PayloadTooLarge, UnsupportedMediaType } from './errors.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: PalisadeError): FastifyReply {
  const body: Record<string, unknown> = {
    type: `https://palisade.dev/errors/${err.code}`,
    title: TITLES[err.status] ?? 'Error',
    status: err.status,
    detail: err.message,
    code: err.code,
    requestId: request.id,
  };
  if (err instanceof ValidationFailed && err.issues.length) body.errors = err.issues;
  if (err instanceof RateLimited) reply.header('retry-after', String(err.retryAfterSeconds));
  const extra = (err as { publicFields?: Record<string, unknown> }).publicFields;
  if (extra) Object.assign(body, extra);
  return reply.status(err.status).type('application/problem+json').send(body);
}

/** Maps Fastify's own and unknown errors onto our codes. */
export function toPalisadeError(error: FastifyError | Error): PalisadeError {
  if (error instanceof PalisadeError) return error;
  const fe = error as FastifyError & { validation?: Array<{ instancePath?: string; message?: string; params?: unknown }> };
  if (Array.isArray(fe.validation)) {
    const issues = fe.validation.map((v) => ({ path: v.instancePath || '/', message: v.message ?? 'invalid' }));
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
  }
  if (error instanceof SyntaxError) return new InvalidJson('The request body is not valid JSON');
  const status = fe.statusCode ?? 500;
  if (status === 404) return new NotFound();
  if (status >= 400 && status < 500) return new BadRequest('The request is malformed');
  return new InternalError('Something went wrong on our side; the request id identifies it in our logs', undefined, { cause: error });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const err = toPalisadeError(error);
    if (err.status >= 500) request.log.error({ err: error, code: err.code }, 'request failed');
    else request.log.info({ code: err.code, detail: err.detail }, 'request refused');
    return sendProblem(reply, request, err);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, new NotFound('No such route')));
}
