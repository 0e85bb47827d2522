/* Logs never carry secrets (AUD-6): pino's redaction removes credentials by path, request URLs
   are logged without their query string (tokens travel there in emailed links), and a
   final scrub pass over every line masks anything that still looks like a secret — payment card
   numbers (via the DLP detector, wired in app.ts) and bearer-token-shaped strings. */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { FastifyRequest } from 'fastify';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...['password', 'newPassword', 'currentPassword', 'token', 'secret', 'credential', 'key', 'apiKey', 'csrfToken', 'cookie', 'authorization', 'privateKey', 'kek', 'dek']
    .flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

export type LineScrubber = (line: string) => string;

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
        req: (req: FastifyRequest) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
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
