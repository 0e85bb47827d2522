/* A session token is a short-lived signed JWT naming a session row. The row's 30-day window
   slides when the token is refreshed, not on every request (that would be a write each time).
   Every request checks the in-memory revocation set, which LISTEN/NOTIFY keeps current and
   which fails closed while the listener is down (then the row is read on every request).
   Claims AUTH-2, AUTH-3, AUTH-4, AUTH-13, PRIV-8; ASVS V7.2.1, V7.3.1, V7.4.
   Invariants:
   - A session is valid iff its row exists, is not revoked, now < expires_at (the rolling
     window, never beyond created_at + the absolute lifetime: ASVS V7.3.2), now < created_at +
     the absolute lifetime (also when it was shortened after the row was written), and
     now < last_seen_at + inactivity timeout (the configured one, shortened by the
     strictest policy among the user's organisations). Checked at every refresh, and on every
     request while the revocation set is unhealthy.
   - A token's exp is at most the token TTL after its refresh, and never beyond the row's
     window, so between refreshes the signature alone cannot outlive either limit.
   - A session with a pending step (second factor) authenticates nothing.
   - Cookie-authenticated unsafe requests must pass the CSRF check (trusted Origin or
     Sec-Fetch-Site, and X-CSRF-Token bound to the session). On a public route a failing
     request is treated as anonymous; on any other it is refused with csrf_failed. API-key
     requests carry no cookie and never reach this check. */
import type { SuperAdmins } from './super-admins.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { PendingQuery, Row, Sql } from 'postgres';
import { withSystem, type Db, type SystemTx } from '../db/index.js';
import type { Principal, RequestSource } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { newId, type OrgId } from '../lib/ids.js';
import { auditAuthEvent, type AuthEvent } from './audit.js';
import { CSRF_HEADER, SESSION_COOKIE, type IdentityConfig } from './config.js';
import { CsrfFailed, StepUpRequired } from './errors.js';
import * as repo from './repo.js';
import type { RevocationSet } from './revocation.js';
import { clearedSessionCookie, sessionCookie, type SessionClaims, type SessionTokens } from './session-token.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface IssuedSession {
  id: string;
  /** The Set-Cookie header value. */
  cookie: string;
  csrfToken: string;
}

export interface Revocation {
  ids: string[];
}

export interface SessionInfo {
  id: string;
  current: boolean;
  activeOrgId: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** A sign-in waiting for its second step, as the routes of that step see it. */
export interface PendingSession {
  userId: string;
  sessionId: string;
  email: string;
  step: 'mfa' | 'mfa_enrol';
}

export interface NewSessionInput {
  userId: string;
  email: string;
  activeOrgId: string | null;
  pendingStep: string | null;
  amr: string[];
  source: RequestSource;
}

/** A session about to be created: its row's INSERT and its audit record, for the caller to
    commit together (in its transaction, or as parts of its one statement), and the first token. */
export interface NewSession {
  readonly id: string;
  /** The row's INSERT, not yet run. */
  insert(sql: Sql): PendingQuery<Row[]>;
  /** auth.session_created, to be appended in the same transaction as the row (AUTH-12). */
  readonly audit: AuthEvent;
  /** Signs the first token. Hand it out only once the row has committed: until its exp a token
      is checked by its signature, and a token naming a row that never existed must never leave. */
  issue(): Promise<IssuedSession>;
}

export interface SessionManager {
  /** A new session's row, audit record and first token, for the caller to commit (sign-in
      commits them in one statement with its own records). */
  prepare(s: NewSessionInput): NewSession;
  /** The session the request's cookie names, if its token carries a valid signature (expired or
      not): the session a sign-in from this browser replaces (ASVS V7.2.4). */
  presented(request: FastifyRequest): Promise<{ sid: string; sub: string } | null>;
  /** The Authenticator the HTTP auth hook calls. */
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  /** The request's pending session (a sign-in waiting for its second step), or null. Only the
      routes of that step call this; to every other route such a session is no session. Its row
      is always read (pending sessions are few and short), it lives at most the configured
      pending time, and an unsafe request must pass the CSRF check like any other. */
  pending(request: FastifyRequest): Promise<PendingSession | null>;
  /** Throws StepUpRequired unless the session's user proved who they are (sign-in, second step
      or step-up) within the configured step-up time. */
  requireRecentAuth(sessionId: string): Promise<void>;
  /** onSend hook: sets a refreshed token, or clears a dead cookie, unless the route set one. */
  onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown>;
  /** Marks the response as carrying its own session cookie (sign-in, sign-out, org switch). */
  setCookie(request: FastifyRequest, reply: FastifyReply, cookie: string): void;
  /** Re-signs the session's token after its row changed (active org), as a Set-Cookie value. */
  reissue(sessionId: string): Promise<string | null>;
  /** Revokes in the caller's transaction; after commit, pass the result to `revoked()`. */
  revoke(tx: SystemTx, where: { ids: string[]; userId?: string } | { userId: string; exceptId?: string | null }, reason: string): Promise<Revocation>;
  /** After commit: records the revocations in this node's set and waits until the other live
      nodes processed them, so the next request on any node is refused. */
  revoked(r: Revocation): Promise<void>;
  /** The session cap (ASVS V7.1.2): in the caller's transaction, after the new session's row is
      in it, ends the user's least recently used sessions beyond the configured number (never
      `newId`), each audited as auth.session_revoked with reason session_limit. After commit,
      pass the result to `revoked()`. */
  limit(tx: SystemTx, userId: string, newId: string, source: RequestSource, orgIds?: readonly string[]): Promise<Revocation>;
  list(userId: string, currentId: string): Promise<SessionInfo[]>;
  csrfToken(sessionId: string): string;
  /** The Origin / Sec-Fetch-Site half of the CSRF check, for public auth endpoints (login CSRF). */
  originProblem(request: FastifyRequest): string | null;
}

export interface SessionDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: IdentityConfig;
  tokens: SessionTokens;
  revocations: RevocationSet;
  superAdmins: SuperAdmins;
}

export function createSessionManager(deps: SessionDeps): SessionManager {
  const { db, clock, config, tokens, revocations, superAdmins } = deps;
  const { tokenTtlMs, rollingWindowMs, idleTimeoutMs, maxLifetimeMs } = config.session;
  /** The end of the window a refresh at `now` gives a session created at `createdAt`: the
      rolling window, cut at the absolute lifetime (V7.3.2). */
  const windowEnd = (createdAt: Date, now: Date): Date =>
    new Date(Math.min(now.getTime() + rollingWindowMs, createdAt.getTime() + maxLifetimeMs));
  const idleSeconds = Math.floor(idleTimeoutMs / 1000);
  /** Cookies to set in onSend: a refreshed token, or a cleared cookie (value ''). */
  const pending = new WeakMap<FastifyRequest, string>();
  const routeSetCookie = new WeakSet<FastifyRequest>();

  /** Signs a token for a row: exp is the TTL or the end of the window, whichever is first.
      `sa` is always false: super-admin status is decided at every request (super-admins.ts),
      never carried by a token; the claim stays so tokens of earlier versions still verify. */
  const signFor = async (
    row: { id: string; user_id: string; active_org_id: string | null; pending_step: string | null; amr: string[] },
    now: Date,
    windowEnds: Date,
  ): Promise<string> => {
    const exp = new Date(Math.min(now.getTime() + tokenTtlMs, windowEnds.getTime()));
    return tokens.sign({ sid: row.id, sub: row.user_id, org: row.active_org_id, amr: row.amr, pnd: row.pending_step, sa: false }, now, exp);
  };

  /** The session row as it must be for the session to be usable now, or null. */
  const liveRow = async (sid: string, sub: string, now: Date) => {
    const row = await withSystem(db, (tx) => repo.sessionForCheck(tx, sid, idleSeconds));
    if (!row || row.user_id !== sub || row.revoked_at) return null;
    if (row.expires_at.getTime() <= now.getTime()) return null;
    if (row.created_at.getTime() + maxLifetimeMs <= now.getTime()) return null;
    if (row.last_seen_at.getTime() + row.idle_seconds * 1000 <= now.getTime()) return null;
    return row;
  };

  /** Refresh: the token expired; if the row still allows it, slide the window and re-sign. */
  const refresh = async (claims: SessionClaims, now: Date): Promise<{ claims: SessionClaims; cookie: string } | null> => {
    if (revocations.isRevoked(claims.sid)) return null;
    const row = await liveRow(claims.sid, claims.sub, now);
    if (!row) return null;
    const windowEnds = windowEnd(row.created_at, now);
    await withSystem(db, (tx) => repo.touchSession(tx, row.id, now, windowEnds));
    const token = await signFor(row, now, windowEnds);
    const maxAge = Math.min(windowEnds.getTime() - now.getTime(), row.idle_seconds * 1000) / 1000;
    const fresh = await tokens.verify(token, now);
    if (fresh.status !== 'valid') throw new TypeError('a freshly signed session token does not verify');
    return { claims: fresh.claims, cookie: sessionCookie(token, maxAge) };
  };

  const originProblem = (request: FastifyRequest): string | null => {
    const origin = request.headers.origin;
    if (origin !== undefined) return config.trustedOrigins.includes(origin) ? null : 'origin_not_trusted';
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross_site_request';
    return null;
  };

  const csrfProblem = (request: FastifyRequest, sid: string): string | null => {
    const o = originProblem(request);
    if (o) return o;
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || header === '') return 'csrf_token_missing';
    return tokens.csrfMatches(sid, header) ? null : 'csrf_token_mismatch';
  };

  const prepare = (s: NewSessionInput): NewSession => {
    const now = clock.now();
    const id = newId('ses');
    const windowEnds = windowEnd(now, now);
    const row: repo.SessionInsert = {
      id,
      userId: s.userId,
      activeOrgId: s.activeOrgId,
      pendingStep: s.pendingStep,
      amr: s.amr,
      now,
      expiresAt: windowEnds,
      ip: s.source.ip,
      userAgent: s.source.userAgent,
    };
    return {
      id,
      insert: (sql) => repo.insertSession(sql, row),
      audit: {
        action: 'auth.session_created',
        actor: { type: 'user', id: s.userId },
        target: { type: 'session', id },
        outcome: 'allowed',
        source: s.source,
        metadata: { amr: s.amr, pendingStep: s.pendingStep },
        occurredAt: now,
      },
      async issue() {
        const token = await signFor(
          { id, user_id: s.userId, active_org_id: s.activeOrgId, pending_step: s.pendingStep, amr: s.amr },
          now,
          windowEnds,
        );
        return { id, cookie: sessionCookie(token, Math.min(windowEnds.getTime() - now.getTime(), idleTimeoutMs) / 1000), csrfToken: tokens.csrfToken(id) };
      },
    };
  };

  const authenticate = async (request: FastifyRequest): Promise<Principal | null> => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return null;
    const now = clock.now();
    const check = await tokens.verify(cookie, now);
    let claims: SessionClaims;
    if (check.status === 'invalid') {
      pending.set(request, '');
      return null;
    } else if (check.status === 'valid') {
      claims = check.claims;
      if (revocations.isRevoked(claims.sid)) {
        pending.set(request, '');
        return null;
      }
      // Fail closed: without a live listener the set may miss a revocation; read the row.
      if (!revocations.healthy() && !(await liveRow(claims.sid, claims.sub, now))) {
        pending.set(request, '');
        return null;
      }
    } else {
      const refreshed = await refresh(check.claims, now);
      if (!refreshed) {
        pending.set(request, '');
        return null;
      }
      claims = refreshed.claims;
      pending.set(request, refreshed.cookie);
    }
    if (claims.pnd !== null) return null;
    if (!SAFE_METHODS.has(request.method)) {
      const problem = csrfProblem(request, claims.sid);
      if (problem) {
        if (request.routeOptions.config.access === 'public') return null;
        throw new CsrfFailed(problem);
      }
    }
    return {
      kind: 'user',
      userId: claims.sub,
      sessionId: claims.sid,
      orgId: claims.org as OrgId | null,
      // Decided now, from the configuration and the account, never from the token (issue 12).
      superAdmin: await superAdmins.check(claims.sub),
    };
  };

  const pendingOf = async (request: FastifyRequest): Promise<PendingSession | null> => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return null;
    const now = clock.now();
    const check = await tokens.verify(cookie, now);
    // An expired token of a pending session is fine: the row decides, and it is read below.
    if (check.status === 'invalid' || check.claims.pnd === null) return null;
    const { claims } = check;
    if (revocations.isRevoked(claims.sid)) return null;
    const row = await liveRow(claims.sid, claims.sub, now);
    if (!row || (row.pending_step !== 'mfa' && row.pending_step !== 'mfa_enrol')) return null;
    if (row.created_at.getTime() + config.mfa.pendingMs <= now.getTime()) return null;
    if (!SAFE_METHODS.has(request.method)) {
      const problem = csrfProblem(request, claims.sid);
      if (problem) throw new CsrfFailed(problem);
    }
    return { userId: row.user_id, sessionId: row.id, email: row.email, step: row.pending_step };
  };

  return {
    prepare,
    async presented(request) {
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) return null;
      const check = await tokens.verify(cookie, clock.now());
      return check.status === 'invalid' ? null : { sid: check.claims.sid, sub: check.claims.sub };
    },
    authenticate,
    pending: pendingOf,
    async requireRecentAuth(sessionId) {
      const at = await withSystem(db, (tx) => repo.sessionAuthenticatedAt(tx, sessionId));
      if (!at || at.getTime() + config.mfa.stepUpMs <= clock.now().getTime()) {
        throw new StepUpRequired(Math.floor(config.mfa.stepUpMs / 1000));
      }
    },
    async onSend(request, reply, payload) {
      const cookie = pending.get(request);
      if (cookie !== undefined && !routeSetCookie.has(request)) {
        reply.header('set-cookie', cookie === '' ? clearedSessionCookie() : cookie);
      }
      return payload;
    },
    setCookie(request, reply, cookie) {
      routeSetCookie.add(request);
      reply.header('set-cookie', cookie);
    },
    async reissue(sessionId) {
      const now = clock.now();
      const row = await withSystem(db, (tx) => repo.sessionForCheck(tx, sessionId, idleSeconds));
      if (!row || row.revoked_at) return null;
      if (row.created_at.getTime() + maxLifetimeMs <= now.getTime()) return null;
      // The row's window, cut at the absolute lifetime: a row written before the lifetime was
      // shortened may end later than the session now may live (V7.3.2).
      const windowEnds = new Date(Math.min(row.expires_at.getTime(), row.created_at.getTime() + maxLifetimeMs));
      const token = await signFor(row, now, windowEnds);
      const maxAge = Math.min(windowEnds.getTime() - now.getTime(), row.idle_seconds * 1000) / 1000;
      return sessionCookie(token, maxAge);
    },
    async revoke(tx, where, reason) {
      return repo.revokeSessions(tx, where, clock.now(), reason);
    },
    async revoked(r) {
      // Nothing revoked, nothing for other nodes to learn: no barrier round trip (the session cap
      // calls this after every sign-in).
      if (r.ids.length === 0) return;
      await revocations.revoked(r.ids);
    },
    async limit(tx, userId, keepId, source, orgIds) {
      const now = clock.now();
      const max = config.session.maxPerUser;
      const revoked = await repo.revokeSessionsBeyond(tx, userId, keepId, max, now);
      for (const id of revoked.ids) {
        await auditAuthEvent(tx, userId, {
          action: 'auth.session_revoked',
          actor: { type: 'user', id: userId },
          target: { type: 'session', id },
          outcome: 'allowed',
          reason: 'session_limit',
          source,
          occurredAt: now,
          metadata: { userId, limit: max, newSession: keepId },
        }, orgIds);
      }
      return revoked;
    },
    async list(userId, currentId) {
      const now = clock.now();
      const rows = await withSystem(db, async (tx) => {
        const row = await repo.sessionForCheck(tx, currentId, idleSeconds);
        return repo.liveSessionsOfUser(tx, userId, now, row?.idle_seconds ?? idleSeconds);
      });
      return rows
        .filter((r) => r.pending_step === null)
        .map((r) => ({
          id: r.id,
          current: r.id === currentId,
          activeOrgId: r.active_org_id,
          createdAt: r.created_at,
          lastSeenAt: r.last_seen_at,
          expiresAt: r.expires_at,
          ip: r.ip,
          userAgent: r.user_agent,
        }));
    },
    csrfToken: (sid) => tokens.csrfToken(sid),
    originProblem,
  };
}
