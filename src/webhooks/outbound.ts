/* Outbound webhooks in the Standard Webhooks format (standardwebhooks.com). Invariants:
   - Each message is signed with HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>" under
     the endpoint's whsec_ secret (base64 after the prefix); the header is
     `webhook-signature: v1,<base64>` — during a rotation's overlap, one for the new and one for
     the previous secret, space-separated, so receivers can switch secrets at their own pace.
   - A secret is shown once (create, rotate) and stored only as a keyring envelope bound to
     (org, webhook_endpoints, secret|previous_secret, endpoint id).
   - Deliveries go out only through the SSRF guard (safeRequest: checked at connect time, no
     redirects); the endpoint URL is checked again on every attempt.
   - Retries: exponential backoff with full jitter through the job queue; each attempt is logged.
     A delivery fails for good after maxAttempts; after `disableAfter` consecutive failed
     deliveries the endpoint is disabled, audited, and the organisation's admins are alerted.
   - The webhook-id is the delivery id, the same on every retry and manual redelivery, so a
     receiver can deduplicate.
   Claim WH-4; ASVS V10 (webhooks), V11.4 (HMAC), V13.3 (secret storage). */
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { appendAudit, recordsByIds } from '../audit/index.js';
import type { Keyring } from '../crypto/index.js';
import { withOrg, type Db, type OrgTx, type SystemTx } from '../db/index.js';
import type { Actor, Caller } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import { newId, type OrgId } from '../lib/ids.js';
import { assertOutboundUrl, safeRequest, type LookupFn } from './ssrf.js';
import { OutboundBlocked, OutboundFailed, WebhookEndpointDisabled } from './errors.js';
import * as repo from './repo.js';

export const DELIVER_TASK = 'webhooks.deliver';
/** The audit → delivery bridge: one job per organisation and seal round, enqueued in the round. */
export const BRIDGE_TASK = 'webhooks.audit_events';
const BRIDGE_CHUNK = 500;
const TABLE = 'webhook_endpoints';
const SYSTEM: Actor = { type: 'system', id: 'webhooks' };

/** The job queue as this module uses it (src/jobs). */
export interface Queue {
  enqueue(tx: OrgTx | SystemTx, task: string, payload: unknown, opts?: { runAt?: Date; maxAttempts?: number; key?: string }): Promise<void>;
}

export interface OutboundConfig {
  allow: readonly string[];
  timeoutMs: number;
  maxAttempts: number;
  /** First retry delay; doubles each attempt (full jitter), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failed deliveries after which an endpoint is disabled. */
  disableAfter: number;
  /** Default overlap of a rotation (both signatures sent), seconds. */
  rotationOverlapSeconds: number;
}

export interface OutboundDeps {
  db: Db;
  keyring: Keyring;
  clock: Clock;
  queue: Queue;
  config: OutboundConfig;
  /** Tells the organisation's admins (mail) that an endpoint was disabled. */
  alert?: (orgId: string, subject: string, text: string) => Promise<void>;
  random?: () => number;
  /** Resolver override for the SSRF guard (tests). */
  lookup?: LookupFn;
}

export interface EndpointView {
  id: string; url: string; description: string; eventTypes: string[]; status: 'active' | 'disabled';
  disabledReason: string | null; failureStreak: number; rotationEndsAt: string | null; createdAt: string; updatedAt: string;
}
export interface DeliveryView {
  id: string; endpointId: string; eventType: string; status: 'pending' | 'succeeded' | 'failed'; attempts: number;
  nextAttemptAt: string | null; lastStatus: number | null; lastError: string | null; createdAt: string; finishedAt: string | null;
  log: Array<{ attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }>;
}
export interface EndpointInput { url: string; description?: string | undefined; eventTypes: string[] }
export interface EndpointPatch { url?: string | undefined; description?: string | undefined; eventTypes?: string[] | undefined; status?: 'active' | 'disabled' | undefined }

export interface Outbound {
  createEndpoint(c: Caller, input: EndpointInput): Promise<{ endpoint: EndpointView; secret: string }>;
  listEndpoints(c: Caller): Promise<EndpointView[]>;
  getEndpoint(c: Caller, id: string): Promise<EndpointView>;
  updateEndpoint(c: Caller, id: string, patch: EndpointPatch): Promise<EndpointView>;
  deleteEndpoint(c: Caller, id: string): Promise<void>;
  rotateSecret(c: Caller, id: string, overlapSeconds?: number): Promise<{ endpoint: EndpointView; secret: string }>;
  listDeliveries(c: Caller, endpointId: string): Promise<DeliveryView[]>;
  redeliver(c: Caller, endpointId: string, deliveryId: string): Promise<DeliveryView>;
  /** Queues `type` for every active endpoint of the organisation subscribed to it (in the caller's transaction when given). */
  emit(orgId: string, type: string, data: unknown, tx?: OrgTx): Promise<number>;
  /** The audit stream, inside the seal round's transaction: for each organisation with an active
      endpoint, a `webhooks.audit_events` job naming the round's records (ids only). The jobs
      commit with the round or not at all, so a failure or a crash afterwards loses nothing. */
  queueAuditEvents(tx: SystemTx, records: ReadonlyArray<AuditRecordLike>): Promise<void>;
  /** The bridge job: sealed records become `audit.<action>` deliveries, one per record and
      endpoint however often the job runs (retry, redelivery of the job). */
  bridge(payload: unknown): Promise<void>;
  /** The job handler: one attempt of one delivery. */
  attempt(payload: unknown): Promise<void>;
}

export interface AuditRecordLike {
  readonly id: string;
  readonly orgId: string;
  readonly occurredAt: string;
  readonly action: string;
  readonly actor: { readonly type: string; readonly id: string | null };
  readonly target: { readonly type: string | null; readonly id: string | null } | null;
  readonly outcome: string;
}

/** Does an endpoint subscribed to `types` receive `type`? Exact names, "<family>.*", or "*". */
export function subscribed(types: readonly string[], type: string): boolean {
  const family = `${type.split('.')[0]}.*`;
  return types.some((t) => t === type || t === family || t === '*');
}

/* Records of the deliveries themselves never become events: a failing endpoint subscribed to
   everything would otherwise feed itself. */
const NOT_EMITTED = ['webhook.delivery', 'webhook.endpoint_disabled'];

/** A new whsec_ secret: 32 random bytes, base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The Standard Webhooks signature of one message under one whsec_ secret. */
export function sign(secret: string, msgId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${msgId}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** A uniform number in [0, 1) from the CSPRNG: src/ never uses Math.random, even for jitter, so
    a source scan can hold that rule without exceptions (ASVS V6.5.3, src/crypto/inventory.test.ts). */
const uniform = (): number => randomInt(0, 2 ** 47) / 2 ** 47;

/** Delay before retry number `attempt` (1 = the first retry): full jitter over an exponential cap. */
export function backoffMs(attempt: number, base: number, max: number, random: () => number = uniform): number {
  const cap = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(cap / 2 + random() * (cap / 2));
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function createOutbound(deps: OutboundDeps): Outbound {
  const { db, keyring, clock, queue, config } = deps;
  const random = deps.random ?? uniform;
  const inOrg = <T>(c: Pick<Caller, 'orgId' | 'actor'>, fn: (tx: OrgTx) => Promise<T>) => withOrg(db, c.orgId, c.actor, fn);
  const audit = (tx: OrgTx, c: Pick<Caller, 'actor'> & Partial<Pick<Caller, 'source' | 'reason'>>, action: string, id: string, metadata: Record<string, unknown> = {}) =>
    appendAudit(tx, { action, actor: c.actor, outcome: 'allowed', target: { type: 'webhook_endpoint', id }, ...(c.source ? { source: c.source } : {}), ...(c.reason ? { reason: c.reason } : {}), metadata });

  const view = (r: repo.EndpointRow, now: Date): EndpointView => ({
    id: r.id, url: r.url, description: r.description, eventTypes: r.event_types, status: r.status, disabledReason: r.disabled_reason,
    failureStreak: r.failure_streak, rotationEndsAt: r.previous_until && r.previous_until > now ? r.previous_until.toISOString() : null,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  });
  const deliveryView = (d: repo.DeliveryRow, log: repo.AttemptRow[]): DeliveryView => ({
    id: d.id, endpointId: d.endpoint_id, eventType: d.event_type, status: d.status, attempts: d.attempts, nextAttemptAt: iso(d.next_attempt_at),
    lastStatus: d.last_status, lastError: d.last_error, createdAt: d.created_at.toISOString(), finishedAt: iso(d.finished_at),
    log: log.filter((a) => a.delivery_id === d.id).map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
  });
  const seal = (tx: OrgTx, id: string, column: 'secret' | 'previous_secret', secret: string) => keyring.encryptField(tx, { table: TABLE, column, rowId: id }, secret);
  const unseal = async (tx: OrgTx, id: string, column: 'secret' | 'previous_secret', env: Buffer) => {
    const plain = await keyring.decryptField(tx, { table: TABLE, column, rowId: id }, env);
    const s = plain.toString('utf8');
    plain.fill(0);
    return s;
  };
  const checkUrl = (url: string): string => assertOutboundUrl(url, config.allow).toString();

  async function queueDelivery(tx: OrgTx, id: string, runAt: Date): Promise<void> {
    await queue.enqueue(tx, DELIVER_TASK, { orgId: tx.orgId, deliveryId: id }, { runAt, maxAttempts: 3 });
  }

  return {
    async createEndpoint(c, input) {
      const url = checkUrl(input.url);
      const now = clock.now();
      const secret = newSecret();
      return inOrg(c, async (tx) => {
        const id = newId('whe');
        const row = await repo.insertEndpoint(tx, { id, url, description: input.description ?? '', eventTypes: [...new Set(input.eventTypes)], secret: await seal(tx, id, 'secret', secret), createdBy: c.actor.id, at: now });
        await audit(tx, c, 'webhook.endpoint_created', id, { url, eventTypes: row.event_types });
        return { endpoint: view(row, now), secret };
      });
    },

    async listEndpoints(c) {
      const now = clock.now();
      return inOrg(c, async (tx) => {
        const rows = await repo.listEndpoints(tx);
        // Reads of tenant data are audited too (AUD-1).
        await audit(tx, c, 'webhook.endpoints_listed', c.orgId, { count: rows.length });
        return rows.map((r) => view(r, now));
      });
    },

    async getEndpoint(c, id) {
      const now = clock.now();
      return inOrg(c, async (tx) => {
        const r = await repo.getEndpoint(tx, id);
        if (!r) throw new NotFound();
        await audit(tx, c, 'webhook.endpoint_read', id);
        return view(r, now);
      });
    },

    async updateEndpoint(c, id, patch) {
      const url = patch.url === undefined ? undefined : checkUrl(patch.url);
      const now = clock.now();
      return inOrg(c, async (tx) => {
        const r = await repo.getEndpoint(tx, id, true);
        if (!r) throw new NotFound();
        const status = patch.status ?? r.status;
        const reenabled = status === 'active' && r.status === 'disabled';
        const row = await repo.updateEndpoint(tx, id, {
          url: url ?? r.url, description: patch.description ?? r.description, eventTypes: patch.eventTypes ? [...new Set(patch.eventTypes)] : r.event_types,
          status, disabledReason: status === 'disabled' ? (r.status === 'disabled' ? r.disabled_reason : 'disabled by a member') : null,
          failureStreak: reenabled ? 0 : r.failure_streak, at: now,
        });
        await audit(tx, c, 'webhook.endpoint_updated', id, { fields: Object.keys(patch).filter((k) => patch[k as keyof EndpointPatch] !== undefined), status });
        return view(row as repo.EndpointRow, now);
      });
    },

    async deleteEndpoint(c, id) {
      await inOrg(c, async (tx) => {
        if (!(await repo.deleteEndpoint(tx, id))) throw new NotFound();
        await audit(tx, c, 'webhook.endpoint_deleted', id);
      });
    },

    async rotateSecret(c, id, overlapSeconds) {
      const now = clock.now();
      const overlap = overlapSeconds ?? config.rotationOverlapSeconds;
      const secret = newSecret();
      return inOrg(c, async (tx) => {
        const r = await repo.getEndpoint(tx, id, true);
        if (!r) throw new NotFound();
        const current = await unseal(tx, id, 'secret', r.secret);
        const until = new Date(now.getTime() + overlap * 1000);
        await repo.rotateSecret(tx, id, await seal(tx, id, 'secret', secret), await seal(tx, id, 'previous_secret', current), until, now);
        await audit(tx, c, 'webhook.secret_rotated', id, { overlapSeconds: overlap });
        const row = await repo.getEndpoint(tx, id);
        return { endpoint: view(row as repo.EndpointRow, now), secret };
      });
    },

    async listDeliveries(c, endpointId) {
      return inOrg(c, async (tx) => {
        if (!(await repo.getEndpoint(tx, endpointId))) throw new NotFound();
        const rows = await repo.listDeliveries(tx, endpointId, 100);
        const log = await repo.attemptsOf(tx, rows.map((d) => d.id));
        await audit(tx, c, 'webhook.deliveries_listed', endpointId, { count: rows.length });
        return rows.map((d) => deliveryView(d, log));
      });
    },

    async redeliver(c, endpointId, deliveryId) {
      const now = clock.now();
      return inOrg(c, async (tx) => {
        const e = await repo.getEndpoint(tx, endpointId);
        const d = await repo.getDelivery(tx, deliveryId);
        if (!e || !d || d.endpoint_id !== endpointId) throw new NotFound();
        if (e.status !== 'active') throw new WebhookEndpointDisabled();
        await repo.settleDelivery(tx, d.id, { status: 'pending', attempts: d.attempts, nextAttemptAt: now, lastStatus: d.last_status, lastError: d.last_error, finishedAt: null });
        await queueDelivery(tx, d.id, now);
        await audit(tx, c, 'webhook.redelivery_requested', endpointId, { deliveryId: d.id });
        const after = await repo.getDelivery(tx, d.id);
        return deliveryView(after as repo.DeliveryRow, await repo.attemptsOf(tx, [d.id]));
      });
    },

    async emit(orgId, type, data, given) {
      const now = clock.now();
      const run = async (tx: OrgTx): Promise<number> => {
        const endpoints = (await repo.listEndpoints(tx)).filter((e) => e.status === 'active' && subscribed(e.event_types, type));
        for (const e of endpoints) {
          const id = newId('msg');
          await repo.insertDelivery(tx, { id, endpointId: e.id, eventType: type, payload: { type, timestamp: now.toISOString(), data }, at: now });
          await queueDelivery(tx, id, now);
        }
        return endpoints.length;
      };
      return given ? run(given) : withOrg(db, orgId as OrgId, SYSTEM, run);
    },

    async queueAuditEvents(tx, records) {
      const byOrg = new Map<string, string[]>();
      for (const r of records) {
        if (r.orgId === 'platform' || NOT_EMITTED.some((p) => r.action.startsWith(p))) continue;
        byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r.id]);
      }
      for (const orgId of await repo.orgsWithActiveEndpoints(tx, [...byOrg.keys()])) {
        const ids = byOrg.get(orgId) ?? [];
        for (let i = 0; i < ids.length; i += BRIDGE_CHUNK) {
          await queue.enqueue(tx, BRIDGE_TASK, { orgId, eventIds: ids.slice(i, i + BRIDGE_CHUNK) }, { maxAttempts: 25 });
        }
      }
    },

    async bridge(payload) {
      const p = payload as { orgId?: unknown; eventIds?: unknown };
      if (typeof p.orgId !== 'string' || !Array.isArray(p.eventIds) || !p.eventIds.every((x) => typeof x === 'string')) return;
      const eventIds = p.eventIds as string[];
      const now = clock.now();
      // One transaction: every delivery of the job, or none (a failure rolls all back and the
      // queue retries); the unique source_event_id makes a second run add nothing.
      await withOrg(db, p.orgId as OrgId, SYSTEM, async (tx) => {
        const endpoints = (await repo.listEndpoints(tx)).filter((e) => e.status === 'active');
        if (endpoints.length === 0) return;
        for (const r of await recordsByIds(tx, eventIds)) {
          if (NOT_EMITTED.some((x) => r.action.startsWith(x))) continue;
          const type = `audit.${r.action}`;
          const data = { id: r.id, action: r.action, occurredAt: r.occurredAt, actor: r.actor, target: r.target, outcome: r.outcome };
          for (const e of endpoints) {
            if (!subscribed(e.event_types, type)) continue;
            const id = newId('msg');
            if (await repo.insertDelivery(tx, { id, endpointId: e.id, eventType: type, payload: { type, timestamp: now.toISOString(), data }, at: now, sourceEventId: r.id })) {
              await queueDelivery(tx, id, now);
            }
          }
        }
      });
    },

    async attempt(payload) {
      const p = payload as { orgId?: unknown; deliveryId?: unknown };
      if (typeof p.orgId !== 'string' || typeof p.deliveryId !== 'string') return;
      const orgId = p.orgId as OrgId;
      const deliveryId = p.deliveryId;
      // Read what to send (and the secrets) in one short transaction; send outside any transaction.
      const job = await withOrg(db, orgId, SYSTEM, async (tx) => {
        const d = await repo.getDelivery(tx, deliveryId);
        if (!d || d.status !== 'pending') return null;
        const e = await repo.getEndpoint(tx, d.endpoint_id);
        if (!e || e.status !== 'active') return null;
        const now = clock.now();
        const secrets = [await unseal(tx, e.id, 'secret', e.secret)];
        if (e.previous_secret && e.previous_until && e.previous_until > now) secrets.push(await unseal(tx, e.id, 'previous_secret', e.previous_secret));
        return { d, e, secrets };
      });
      if (!job) return;
      const { d, e, secrets } = job;
      const started = clock.now();
      const ts = Math.floor(started.getTime() / 1000);
      const body = JSON.stringify(d.payload);
      let statusCode: number | null = null;
      let error: string | null = null;
      const t0 = performance.now();
      try {
        const res = await safeRequest(e.url, {
          method: 'POST', body, timeoutMs: config.timeoutMs, allow: config.allow, maxResponseBytes: 64 * 1024,
          headers: {
            'content-type': 'application/json', 'user-agent': 'Palisade-Webhooks/1',
            'webhook-id': d.id, 'webhook-timestamp': String(ts), 'webhook-signature': secrets.map((s) => sign(s, d.id, ts, body)).join(' '),
          },
          ...(deps.lookup ? { lookup: deps.lookup } : {}),
        });
        statusCode = res.status;
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}${res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : ''}`;
      } catch (err) {
        error = err instanceof OutboundBlocked ? 'destination refused by the SSRF guard' : err instanceof OutboundFailed ? `unreachable (${String(err.detail?.reason ?? 'network')})` : 'send failed';
      }
      const durationMs = Math.round(performance.now() - t0);
      const ok = error === null;
      const now = clock.now();
      let disabled = false;
      await withOrg(db, orgId, SYSTEM, async (tx) => {
        const current = await repo.getDelivery(tx, deliveryId, true);
        if (!current || current.status !== 'pending') return; // settled by another worker meanwhile
        const attempts = current.attempts + 1;
        await repo.recordAttempt(tx, { deliveryId, attempt: attempts, at: started, statusCode, error, durationMs });
        if (ok) {
          await repo.settleDelivery(tx, deliveryId, { status: 'succeeded', attempts, nextAttemptAt: null, lastStatus: statusCode, lastError: null, finishedAt: now });
          await repo.setFailureStreak(tx, e.id, 0, null, now);
          return;
        }
        if (attempts < config.maxAttempts) {
          const next = new Date(now.getTime() + backoffMs(attempts, config.baseDelayMs, config.maxDelayMs, random));
          await repo.settleDelivery(tx, deliveryId, { status: 'pending', attempts, nextAttemptAt: next, lastStatus: statusCode, lastError: error, finishedAt: null });
          await queueDelivery(tx, deliveryId, next);
          return;
        }
        await repo.settleDelivery(tx, deliveryId, { status: 'failed', attempts, nextAttemptAt: null, lastStatus: statusCode, lastError: error, finishedAt: now });
        const endpoint = await repo.getEndpoint(tx, e.id, true);
        if (!endpoint) return;
        const streak = endpoint.failure_streak + 1;
        disabled = streak >= config.disableAfter && endpoint.status === 'active';
        await repo.setFailureStreak(tx, e.id, streak, disabled ? { reason: `${streak} consecutive deliveries failed` } : null, now);
        await appendAudit(tx, { action: 'webhook.delivery_failed', actor: SYSTEM, outcome: 'failed', target: { type: 'webhook_endpoint', id: e.id }, metadata: { deliveryId, attempts, lastError: error } });
        if (disabled) await appendAudit(tx, { action: 'webhook.endpoint_disabled', actor: SYSTEM, outcome: 'allowed', target: { type: 'webhook_endpoint', id: e.id }, metadata: { failureStreak: streak } });
      });
      if (disabled && deps.alert) {
        await deps.alert(orgId, 'A webhook endpoint was disabled', `The webhook endpoint ${e.id} (${e.url}) was disabled after repeated failed deliveries (last: ${error ?? 'unknown'}).\n\nFix the receiver, then re-enable it: PATCH /v1/org/webhooks/${e.id} {"status":"active"}.`);
      }
    },
  };
}
