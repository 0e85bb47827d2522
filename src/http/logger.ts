/* Logs never carry secrets (AUD-6). Three layers:
   1. pino redaction removes credentials by path (headers, password/token/key fields);
   2. every string in a log record (message, fields, error messages and stacks) passes through
      the DLP scrubber, so a card number or IBAN pasted anywhere is masked; integers long enough
      to be card numbers are checked too. We scrub values, not the serialised line: a line-level
      pass would mangle numbers such as fractional response times into invalid JSON;
   3. a final line pass masks strings shaped like our own tokens (API keys, JWTs).
   Request URLs are logged without their query string (emailed links carry tokens there). */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { FastifyRequest } from 'fastify';
import { scrubText, scanText } from '../crypto/index.js';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...['password', 'newPassword', 'currentPassword', 'token', 'secret', 'credential', 'key', 'apiKey', 'csrfToken', 'cookie', 'authorization', 'privateKey', 'kek', 'dek']
    .flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

export type LineScrubber = (line: string) => string;

/** Deep-copies a log record with every string scrubbed. Depth-bounded; Errors become plain objects. */
export function scrubValue(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrubText(v);
  if (typeof v === 'number') return Number.isSafeInteger(v) && Math.abs(v) >= 1e12 && scanText(String(v)).length ? '[redacted:number]' : v;
  if (typeof v === 'bigint') return scanText(v.toString()).length ? '[redacted:number]' : v;
  if (v === null || typeof v !== 'object' || depth > 8) return v;
  if (v instanceof Error) {
    const cause = (v as { cause?: unknown }).cause;
    return { type: v.name, message: scrubText(v.message), stack: scrubText(v.stack ?? ''), ...(cause ? { cause: scrubValue(cause, depth + 1) } : {}) };
  }
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, depth + 1));
  if (v instanceof Date || Buffer.isBuffer(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = scrubValue(x, depth + 1);
  return out;
}

export function createLogger(level: string, opts: { stream?: DestinationStream; scrub?: LineScrubber[] } = {}): Logger {
  const scrubbers = opts.scrub ?? [];
  const base = opts.stream ?? pino.destination(1);
  const stream: DestinationStream = scrubbers.length
    ? { write: (line: string) => base.write(scrubbers.reduce((l, f) => f(l), line)) }
    : base;
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        // Only method, path and id: never headers (cookies, tokens) or the query string.
        req: (req: FastifyRequest) => ({ method: req.method, url: typeof req.url === 'string' ? req.url.split('?')[0] : undefined, id: req.id }),
      },
      formatters: { log: (obj) => scrubValue(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    stream,
  );
}

/** Masks things shaped like our own secrets even when they slipped into a free-text message. */
export const scrubTokens: LineScrubber = (line) =>
  line
    .replace(/pal_(live|test)_[A-Za-z0-9_]+/g, 'pal_$1_[redacted]')
    .replace(/\b(rk|sk)_(live|test)_[A-Za-z0-9]+/g, '$1_$2_[redacted]')
    .replace(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '[redacted-jwt]');

const LEVEL_METHODS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** Fastify's per-request logger, made only when a line is actually written at an enabled level.
    Fastify builds a pino child (bindings serialised, redaction compiled) for every request even
    when nothing is logged — about 3 % of a read's CPU at level warn (issue 6 profile). Lines that
    are written go through a real child with the same bindings, so they are identical, and
    redaction, scrubbing and the log audit apply unchanged. */
export function lazyRequestLogger(parent: Logger, bindings: Record<string, unknown>, options: Record<string, unknown>): Logger {
  // A route with its own log level needs the real child at once.
  if (options.level !== undefined) return parent.child(bindings, options);
  let child: Logger | null = null;
  const real = (): Logger => (child ??= parent.child(bindings, options));
  const lazy: Record<string, unknown> = {
    child: (b: Record<string, unknown>, o?: Record<string, unknown>) => real().child(b, o),
    isLevelEnabled: (l: string) => parent.isLevelEnabled(l),
    silent: () => undefined,
    bindings: () => real().bindings(),
  };
  for (const level of LEVEL_METHODS) {
    lazy[level] = (...args: unknown[]) => {
      if (parent.isLevelEnabled(level)) (real()[level] as (...a: unknown[]) => void)(...args);
    };
  }
  Object.defineProperty(lazy, 'level', {
    get: () => (child ?? parent).level,
    set: (v: string) => {
      real().level = v;
    },
  });
  return lazy as unknown as Logger;
}
