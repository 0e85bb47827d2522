/* Builds the Fastify instance with the cross-cutting pieces every route gets: request ids,
   logging with redaction, strict JSON parsing with size and depth limits, zod validation (unknown
   fields refused by the route schemas), problem+json errors, security headers, OpenAPI, and the
   auth hook. Domain routes are registered by app.ts. */
import { newRequestId } from '../lib/ids.js';
import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import type { Logger } from 'pino';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config/schema.js';
import { lazyRequestLogger } from './logger.js';
import { clientErrorHandler, frameworkErrorHandler, MAX_PARAM_LENGTH, registerErrorHandling, registerRequestLimits } from './error-handler.js';
import { registerJsonParser } from './json-parser.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerOpenApi } from './openapi.js';
import type { BodyInspector } from './types.js';

export interface HttpOptions {
  config: Config;
  logger: Logger;
  version: string;
  bodyInspectors?: BodyInspector[];
}

export const TLS_CIPHERS = [
  'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256',
].join(':');

function trustProxy(setting: string): string[] | false {
  const list = setting.split(',').map((s) => s.trim()).filter(Boolean);
  return list.length ? list : false;
}

export async function buildHttp(opts: HttpOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const https = config.PALISADE_TLS_CERT && config.PALISADE_TLS_KEY
    ? { https: { cert: readFileSync(config.PALISADE_TLS_CERT), key: readFileSync(config.PALISADE_TLS_KEY), minVersion: 'TLSv1.2' as const, ciphers: TLS_CIPHERS, honorCipherOrder: true } }
    : {};
  const app = Fastify({
    ...https,
    loggerInstance: opts.logger,
    // Fastify's two lines per request ("incoming request", "request completed") are replaced by
    // one (the onResponse hook below) that has everything an operator needs.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: newRequestId,
    childLoggerFactory: (logger, bindings, options) => lazyRequestLogger(logger as unknown as Logger, bindings, options as Record<string, unknown>),
    trustProxy: trustProxy(config.PALISADE_TRUST_PROXY),
    bodyLimit: config.PALISADE_BODY_LIMIT_BYTES,
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler: clientErrorHandler(opts.logger),
  }) as unknown as FastifyInstance;
  /* One access-log line per request: method, route pattern (the registered path, e.g.
     /v1/org/members/:id, so ids and tokens in a path are not logged; null when no route matched),
     status, duration in milliseconds and the request id (reqId, also the X-Request-Id header).
     Never the URL itself, the query string, a header or a cookie: links carry tokens in their
     query and fragment, and headers carry credentials (AUD-6). */
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? null, status: reply.statusCode, durationMs: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerJsonParser(app, { bodyLimit: config.PALISADE_BODY_LIMIT_BYTES, maxDepth: config.PALISADE_JSON_MAX_DEPTH });
  await app.register(cookie);
  await registerSecurityHeaders(app);
  registerRequestLimits(app);
  await registerOpenApi(app, opts.version);
  for (const inspect of opts.bodyInspectors ?? []) {
    app.addHook('preValidation', async (request) => {
      if (request.body !== undefined && request.body !== null) request.body = inspect(request.body, request);
    });
  }
  return app;
}
