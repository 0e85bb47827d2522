/* Attempts to get past a control leave a record (ASVS V16.3.3): a request refused for CSRF, for
   a rate limit, or for failing validation (schema, JSON, size, media type) is appended to the
   audit log as `security.request_refused` (outcome denied, deny_layer = the error code) — in
   the caller's organisation's log when the caller is known, else in the platform log — where
   the anomaly detectors and alerts read the audit stream. Authorization denials are already
   audited by the auth hook (authz.denied); sign-in refusals by identity.

   Bounded, so a flood cannot fill storage or turn each junk request into a database write:
   each node records at most PALISADE_REFUSAL_AUDIT_PER_IP refusals per client address and kind
   in a window, and at most PALISADE_REFUSAL_AUDIT_MAX in all per window; the first refusal
   over a bound writes one `security.refusals_suppressed` record saying so (then nothing more
   for that address, or at all, until the window ends). Counters are in memory, at most
   MAX_TRACKED addresses (the oldest forgotten first). Worst case per node and window: MAX
   records, whatever the attacker does; a refusal past the bounds costs no database work. Written
   before the refusal is sent (onSend), so the record exists when the client hears the answer;
   a failing write is logged, never answered. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/schema.js';
import type { Logger } from 'pino';
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import { withSystem, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { actorOf } from '../lib/caller.js';
import { toPalisadeError } from './error-handler.js';

/** Error codes that mean "a control refused this request" (docs/errors.md). */
export const RECORDED_CODES: ReadonlySet<string> = new Set([
  'csrf_failed', 'rate_limited', 'validation_failed', 'invalid_json', 'json_too_deep', 'payload_too_large', 'unsupported_media_type', 'bad_request',
]);
const MAX_TRACKED = 10_000;

export interface RefusalAuditDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  perIp: { count: number; windowMs: number };
  max: number;
}

export function registerRefusalAudit(app: FastifyInstance, deps: RefusalAuditDeps): void {
  const codes = new WeakMap<FastifyRequest, string>();
  let windowStart = 0;
  let total = 0;
  let totalSuppressed = false;
  const perKey = new Map<string, number>();

  /** 'record', 'suppress' (write the one marker) or 'drop'. */
  const admit = (key: string, now: number): 'record' | 'suppress' | 'drop' => {
    if (now - windowStart >= deps.perIp.windowMs) {
      windowStart = now;
      total = 0;
      totalSuppressed = false;
      perKey.clear();
    }
    if (total >= deps.max) {
      if (totalSuppressed) return 'drop';
      totalSuppressed = true;
      return 'suppress';
    }
    const n = (perKey.get(key) ?? 0) + 1;
    if (!perKey.has(key) && perKey.size >= MAX_TRACKED) {
      const oldest = perKey.keys().next();
      if (!oldest.done) perKey.delete(oldest.value);
    }
    perKey.set(key, n);
    if (n > deps.perIp.count + 1) return 'drop';
    total++;
    return n === deps.perIp.count + 1 ? 'suppress' : 'record';
  };

  const auditedElsewhere = new WeakSet<FastifyRequest>();
  app.addHook('onError', async (request, _reply, error) => {
    // The code the client is answered with (Fastify's own errors mapped as the error handler maps them).
    const mapped = toPalisadeError(error);
    if (mapped.audited) auditedElsewhere.add(request); // one record per refused event
    else if (RECORDED_CODES.has(mapped.code)) codes.set(request, mapped.code);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    await record(request, reply.statusCode);
    return payload;
  });
  const record = async (request: FastifyRequest, status: number): Promise<void> => {
    if (auditedElsewhere.has(request)) return;
    const code = codes.get(request) ?? (status === 429 ? 'rate_limited' : undefined);
    if (!code) return;
    const now = deps.clock.now();
    const ip = request.source?.ip ?? request.ip;
    const verdict = admit(`${code}|${ip}`, now.getTime());
    if (verdict === 'drop') return;
    const principal = request.principal;
    const orgId = principal?.orgId ?? PLATFORM_ORG;
    const route = `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
    try {
      await withSystem(deps.db, (tx) =>
        appendAudit(tx, verdict === 'record'
          ? { orgId, action: 'security.request_refused', actor: actorOf(principal), outcome: 'denied', denyLayer: code, source: request.source, occurredAt: now, metadata: { code, status, route } }
          : { orgId, action: 'security.refusals_suppressed', actor: actorOf(principal), outcome: 'denied', denyLayer: code, source: request.source, occurredAt: now,
              reason: totalSuppressed && total >= deps.max ? 'this node reached its refusal-record budget for the window' : 'this address reached its refusal-record budget for the window',
              metadata: { code, route, windowSeconds: deps.perIp.windowMs / 1000, perIp: deps.perIp.count, max: deps.max } }),
      );
    } catch (e) {
      deps.logger.warn({ code: 'PAL_WARN_REFUSAL_AUDIT', err: e }, 'recording a refused request failed');
    }
  };
}

export function refusalAuditConfig(c: Config): Pick<RefusalAuditDeps, 'perIp' | 'max'> {
  const [count, seconds] = c.PALISADE_REFUSAL_AUDIT_PER_IP.split('/').map(Number) as [number, number];
  return { perIp: { count: Math.max(1, count), windowMs: Math.max(1, seconds) * 1000 }, max: c.PALISADE_REFUSAL_AUDIT_MAX };
}
