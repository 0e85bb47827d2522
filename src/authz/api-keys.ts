/* Restricted API keys (RBAC-4). Invariants:
   - a key is bound to the organisation it was created in and acts as its creator, limited to
     its scopes: decide() runs the creator's current roles, plan and toggles on every request,
     so a creator who loses a permission takes it from their keys, and a creator who leaves the
     organisation has their keys revoked in the same transaction (trigger in 0003_authz.sql);
   - at creation every scope must be a key-scopable catalog permission the creator holds;
   - only SHA-256(key) is stored; the key is returned once;
   - a revocation committed through Palisade is refused by every node on the next request: keys
     are verified by an indexed lookup by hash on the platform path, and the verified-key cache
     below is emptied of a key by the database's notification of any change to its row, with the
     revoking node waiting for every live node's acknowledgement before it answers;
   - verification never writes: last-used time and address are kept in memory and written in
     one statement per flush interval (and at shutdown);
   - a rejected key (revoked, expired, outside its IP allow-list) is audited in its organisation,
     at most once a minute per key and reason, so a flood of bad requests cannot flood the log.
   The key format and the choice of SHA-256 are explained in key-format.ts. */
import type { FastifyRequest } from 'fastify';
import { appendAudit } from '../audit/index.js';
import { withOrg, withSystem, type Db } from '../db/index.js';
import type { NodeBus } from '../db/node-bus.js';
import { actorOf, type OrgPrincipal, type Principal, type RequestSource } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { Forbidden, NotFound, Unauthenticated, ValidationFailed } from '../lib/errors.js';
import { newId, type OrgId } from '../lib/ids.js';
import { normalizeIp, parseCidr } from './cidr.js';
import { holds } from './decide.js';
import { PermissionNotHeld, UnknownPermission } from './errors.js';
import { generateKey, hashKey, isWellFormedKey, KEY_PREFIX } from './key-format.js';
import { isPermission, specOf, type PermissionSpec } from './catalog.js';
import * as repo from './repo.js';
import type { AuthzService } from './service.js';

export interface ApiKeyInput {
  name: string;
  scopes: string[];
  expiresAt?: Date | undefined;
  allowedIps?: string[] | undefined;
}

export interface ApiKeyView {
  id: string;
  name: string;
  hint: string;
  scopes: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  allowedIps: string[] | null;
  status: 'active' | 'expired' | 'revoked';
  revokedAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
}

export interface ApiKeysDeps {
  db: Db;
  clock: Clock;
  /** The node bus (notifications of key rows, barrier); without it every request looks its key up. */
  bus?: NodeBus | undefined;
  service: Pick<AuthzService, 'loadFacts'>;
  /** How often batched last-used marks are written. */
  usageFlushMs: number;
  onError?: (message: string, error: unknown) => void;
}

type Ctx = { source?: RequestSource; reason?: string | undefined };

export interface ApiKeys {
  /** The `Authorization: Bearer pal_live_…` authenticator for the auth hook. */
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  /** Writes pending last-used marks now (one statement); returns the rows updated. */
  flushUsage(): Promise<number>;
  /** Marks not yet written (tests, metrics). */
  pendingUsage(): number;
  create(p: OrgPrincipal, input: ApiKeyInput, ctx?: Ctx): Promise<{ key: string; apiKey: ApiKeyView }>;
  list(p: OrgPrincipal, ctx?: Ctx): Promise<ApiKeyView[]>;
  revoke(p: OrgPrincipal, id: string, ctx?: Ctx): Promise<void>;
  stop(): Promise<void>;
}

/** Notified with a key's id when its row changes (trigger of migration 0020). */
export const API_KEY_CHANNEL = 'palisade_api_key_changed';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const KEY_CACHE_TTL_MS = 30_000;
const KEY_CACHE_MAX = 10_000;
const REJECTION_AUDIT_INTERVAL_MS = 60_000;

export function createApiKeys(deps: ApiKeysDeps): ApiKeys {
  const { db, clock } = deps;
  const pending = new Map<string, { at: Date; ip: string | null }>();
  const lastRejectionAudit = new Map<string, number>();
  let flushing: Promise<number> | null = null;

  function view(r: repo.ApiKeyRow): ApiKeyView {
    const now = clock.now();
    const mark = pending.get(r.id);
    const lastUsedAt = mark && (!r.last_used_at || mark.at > r.last_used_at) ? mark.at : r.last_used_at;
    return {
      id: r.id,
      name: r.name,
      hint: r.hint,
      scopes: r.scopes,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at?.toISOString() ?? null,
      allowedIps: r.allowed_ips,
      status: r.revoked_at ? 'revoked' : r.expires_at && r.expires_at <= now ? 'expired' : 'active',
      revokedAt: r.revoked_at?.toISOString() ?? null,
      lastUsedAt: lastUsedAt?.toISOString() ?? null,
      lastUsedIp: mark && lastUsedAt === mark.at ? mark.ip : r.last_used_ip,
    };
  }

  async function flushUsage(): Promise<number> {
    // One flush at a time; marks arriving meanwhile wait for the next one.
    if (flushing) await flushing.catch(() => 0);
    if (pending.size === 0) return 0;
    const marks = [...pending].map(([id, m]) => ({ id, at: m.at, ip: m.ip }));
    pending.clear();
    flushing = withSystem(db, (tx) => repo.recordKeyUsage(tx, marks));
    try {
      return await flushing;
    } catch (e) {
      // Put the marks back (unless newer ones arrived) and try again next interval.
      for (const m of marks) if (!pending.has(m.id)) pending.set(m.id, { at: m.at, ip: m.ip });
      throw e;
    } finally {
      flushing = null;
    }
  }

  const timer = setInterval(() => {
    flushUsage().catch((e: unknown) => deps.onError?.('api key usage flush failed', e));
  }, deps.usageFlushMs);
  timer.unref();

  async function auditRejection(row: repo.KeyLookupRow, problem: string, source: RequestSource): Promise<void> {
    const k = `${row.id}:${problem}`;
    const now = clock.now().getTime();
    const last = lastRejectionAudit.get(k);
    if (last !== undefined && now - last < REJECTION_AUDIT_INTERVAL_MS) return;
    if (lastRejectionAudit.size > 10_000) lastRejectionAudit.clear();
    lastRejectionAudit.set(k, now);
    await withSystem(db, (tx) =>
      appendAudit(tx, {
        orgId: row.org_id,
        action: 'api_key.rejected',
        actor: { type: 'api_key', id: row.id },
        outcome: 'denied',
        target: { type: 'api_key', id: row.id },
        source,
        metadata: { problem },
      }),
    );
  }

  /* Verified keys, by hash, so that a key's request does not cost a lookup (issue 6, W2).
     Revocation stays immediate: a trigger on api_keys (migrations 0008, 0020) notifies the key's
     id on API_KEY_CHANNEL on any change or deletion, every node drops the entry when the
     notification arrives, and revoke() answers only after every live node has passed the node
     bus's barrier, exactly like an authorization change. Kept only: keys with no IP allow-list (the answer must not
     depend on the caller's address), that were active when read; only while the notification
     listener is trusted and no notification of that key arrived during the read; 30 s at most;
     10,000 at most. Expiry is checked on every use. */
  const cached = new Map<string, { row: repo.KeyLookupRow; at: number; epoch: number }>();
  const hashOfId = new Map<string, string>();
  let keyGeneration = 0;
  /** A key's row changed (notification) or was revoked here: drop it, and void reads in flight. */
  const forgetKey = (id: string): void => {
    keyGeneration++;
    const h = hashOfId.get(id);
    if (h !== undefined) cached.delete(h);
    hashOfId.delete(id);
  };
  const bus = deps.bus;
  const unsubscribe = bus?.subscribe(API_KEY_CHANNEL, {
    message: forgetKey,
    untrusted() {
      cached.clear();
      hashOfId.clear();
    },
  });
  function cachedKey(hex: string): repo.KeyLookupRow | undefined {
    const f = bus;
    if (!f?.trusted()) return undefined;
    const e = cached.get(hex);
    if (!e) return undefined;
    if (e.epoch !== f.epoch() || Date.now() - e.at > KEY_CACHE_TTL_MS) {
      cached.delete(hex);
      hashOfId.delete(e.row.id);
      return undefined;
    }
    return e.row;
  }
  async function lookUp(hash: Buffer, hex: string, ip: string | null): Promise<repo.KeyLookupRow | null> {
    const f = bus;
    const before = { generation: keyGeneration, epoch: f?.epoch(), trusted: f?.trusted() ?? false };
    const row = await repo.findKeyByHash(db.system, hash, ip);
    if (row && f && before.trusted && f.trusted() && f.epoch() === before.epoch && keyGeneration === before.generation && row.unrestricted && !row.revoked_at) {
      if (cached.size >= KEY_CACHE_MAX) {
        cached.clear();
        hashOfId.clear();
      }
      cached.set(hex, { row, at: Date.now(), epoch: f.epoch() });
      hashOfId.set(row.id, hex);
    }
    return row;
  }

  /** The `Authorization: Bearer pal_live_…` authenticator. A well-formed key that does not
      verify is a 401 on every non-public route (it is never silently ignored in favour of
      another credential). */
  async function authenticate(request: FastifyRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (typeof header !== 'string') return null;
    const m = BEARER.exec(header);
    const token = m?.[1];
    if (!token || !token.startsWith(KEY_PREFIX.slice(0, 4))) return null;
    const lenient = request.routeOptions.config.access === 'public';
    const refuse = (): null => {
      if (lenient) return null;
      throw new Unauthenticated('Invalid API key');
    };
    if (!isWellFormedKey(token)) return refuse();
    const ip = request.ip ? normalizeIp(request.ip) : null;
    const hash = hashKey(token);
    const hex = hash.toString('hex');
    const row = cachedKey(hex) ?? (await lookUp(hash, hex, ip));
    if (!row) return refuse();
    const now = clock.now();
    const problem = row.revoked_at ? 'revoked' : row.expires_at && row.expires_at <= now ? 'expired' : !row.ip_allowed ? 'ip_not_allowed' : null;
    if (problem) {
      await auditRejection(row, problem, request.source);
      return refuse();
    }
    pending.set(row.id, { at: now, ip });
    return { kind: 'api_key', keyId: row.id, orgId: row.org_id as OrgId, scopes: row.scopes, createdBy: row.created_by };
  }

  return {
    authenticate,
    flushUsage,
    pendingUsage(): number {
      return pending.size;
    },

    async create(p: OrgPrincipal, input: ApiKeyInput, ctx: Ctx = {}): Promise<{ key: string; apiKey: ApiKeyView }> {
      // api_keys:write is not key-scopable, so the route never lets a key here; say it twice.
      if (p.kind !== 'user') throw new Forbidden('API keys are created by signed-in members');
      const scopes = [...new Set(input.scopes)];
      const unknown = scopes.filter((s) => !isPermission(s) || specOf(s).minRole === 'platform');
      if (unknown.length) throw new UnknownPermission(unknown);
      const notScopable = scopes.filter((s) => isPermission(s) && !(specOf(s) as PermissionSpec).keyScopable);
      if (notScopable.length) throw new UnknownPermission(notScopable, 'cannot be given to an API key');
      const now = clock.now();
      if (input.expiresAt && input.expiresAt <= now) throw new ValidationFailed('expiresAt must be in the future', [{ path: 'expiresAt', message: 'must be in the future' }]);
      let allowedIps: string[] | null = null;
      if (input.allowedIps) {
        const parsed = input.allowedIps.map((t) => ({ t, c: parseCidr(t) }));
        const bad = parsed.filter((x) => x.c === null);
        if (bad.length) throw new ValidationFailed('allowedIps: not an IP address or CIDR range', bad.map((b) => ({ path: 'allowedIps', message: `${b.t.slice(0, 60)} is not an address or range` })));
        allowedIps = [...new Set(parsed.map((x) => x.c as string))];
      }
      return withOrg(db, p.orgId, actorOf(p), async (tx) => {
        const facts = await deps.service.loadFacts(tx, p, null);
        const missing = scopes.filter((s) => !holds(facts, s));
        if (missing.length) throw new PermissionNotHeld(missing);
        const k = generateKey();
        const row = await repo.insertApiKey(tx, {
          id: newId('key'),
          name: input.name,
          hash: k.hash,
          hint: k.hint,
          scopes,
          createdBy: p.userId,
          now,
          expiresAt: input.expiresAt ?? null,
          allowedIps,
        });
        await appendAudit(tx, {
          action: 'api_key.created',
          actor: actorOf(p),
          outcome: 'allowed',
          target: { type: 'api_key', id: row.id },
          ...(ctx.source ? { source: ctx.source } : {}),
          ...(ctx.reason ? { reason: ctx.reason } : {}),
          metadata: { name: row.name, hint: row.hint, scopes, expiresAt: row.expires_at?.toISOString() ?? null, allowedIps },
        });
        return { key: k.key, apiKey: view(row) };
      });
    },

    async list(p: OrgPrincipal, ctx: Ctx = {}): Promise<ApiKeyView[]> {
      return withOrg(db, p.orgId, actorOf(p), async (tx) => {
        const rows = await repo.listApiKeys(tx);
        await appendAudit(tx, { action: 'api_key.listed', actor: actorOf(p), outcome: 'allowed', ...(ctx.source ? { source: ctx.source } : {}), metadata: { count: rows.length } });
        return rows.map(view);
      });
    },

    /** Immediate on every node: returns once every live node has dropped the key. Revoking a key
        that is already revoked is a no-op; another organisation's key is not found (TEN-4). */
    async revoke(p: OrgPrincipal, id: string, ctx: Ctx = {}): Promise<void> {
      await withOrg(db, p.orgId, actorOf(p), async (tx) => {
        const actor = actorOf(p);
        const revoked = await repo.revokeApiKey(tx, id, `${actor.type}:${actor.id ?? ''}`, clock.now());
        if (!revoked) {
          if (await repo.apiKeyExists(tx, id)) return;
          throw new NotFound();
        }
        await appendAudit(tx, {
          action: 'api_key.revoked',
          actor,
          outcome: 'allowed',
          target: { type: 'api_key', id },
          ...(ctx.source ? { source: ctx.source } : {}),
          ...(ctx.reason ? { reason: ctx.reason } : {}),
          metadata: { name: revoked.name },
        });
      });
      // Immediate on every node: drop it here, then wait for every live node to have dropped it.
      forgetKey(id);
      await bus?.barrier({
        code: 'PAL_WARN_AUTHZ_UNACKED',
        message: 'some nodes did not acknowledge an API key revocation in time; they stop trusting their caches by their own heartbeat',
      });
    },

    async stop(): Promise<void> {
      clearInterval(timer);
      unsubscribe?.();
      await flushUsage().catch((e: unknown) => deps.onError?.('api key usage flush at shutdown failed', e));
    },
  };
}

