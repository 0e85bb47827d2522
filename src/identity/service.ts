/* createIdentity: builds the identity module from its dependencies (hasher, policy, keys,
   revocation listener, rate limiter, sessions, account flows) and exposes what the HTTP layer
   and the organisations module need. The active organisation lives in the session and changes
   only through switchOrg, which checks membership (TEN-1); a non-member gets the same 404 as a
   missing organisation (TEN-4). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { withSystem, type Db } from '../db/index.js';
import { startNodeBus, type NodeBus } from '../db/node-bus.js';
import type { Actor, Principal, RequestSource } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import type { Mailer } from '../mail/index.js';
import { createAccounts, type Accounts, type PublicUser } from './accounts.js';
import { auditAuthEvent } from './audit.js';
import { createBackground, type Background } from './background.js';
import type { IdentityConfig } from './config.js';
import { loadIdentityKeys, type KeyWrapperSet } from './keys.js';
import { createDeviceCookies } from './devices.js';
import { createPasswordHasher, type PasswordHasher } from './passwords.js';
import { createPasswordPolicy, type PasswordPolicy } from './password-policy.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import * as repo from './repo.js';
import { startRevocationSet, type RevocationSet } from './revocation.js';
import { createSessionManager, type SessionInfo, type SessionManager } from './sessions.js';
import { createSuperAdmins, type SuperAdmins } from './super-admins.js';
import { createSessionTokens } from './session-token.js';

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: IdentityConfig;
  mailer: Mailer;
  /** The crypto module's KEK set: wraps the signing keys at rest. */
  kek?: KeyWrapperSet | undefined;
  /** The MFA module's hook: whether a second factor is due after the password. */
  secondFactorRequired?: (userId: string) => Promise<boolean>;
  /** The node bus the revocation set listens on; without one, identity starts its own. */
  bus?: NodeBus | undefined;
  /** Heartbeat (ms) of the bus identity starts when given none; tests shorten it. */
  heartbeatMs?: number;
  /** Replaces the hasher built from the configuration (tests instrument it). */
  hasher?: PasswordHasher;
  /** Replaces the background runner (tests hold tasks back to see what precedes the answer). */
  background?: Background;
}

export interface Me {
  user: PublicUser;
  memberships: Array<{ orgId: string; name: string; roles: string[] }>;
  activeOrgId: string | null;
  csrfToken: string;
}

export interface Identity {
  readonly accounts: Accounts;
  readonly sessions: SessionManager;
  readonly rateLimiter: RateLimiter;
  readonly hasher: PasswordHasher;
  readonly policy: PasswordPolicy;
  readonly revocations: RevocationSet;
  readonly mailer: Mailer;
  readonly config: IdentityConfig;
  /** Runs work after the response (mail); failures are logged, never sent to the client. */
  readonly background: Background;
  /** Platform super-admins, decided at request time (by user id, or by verified address). */
  readonly superAdmins: SuperAdmins;
  /** The Authenticator for the HTTP auth hook (session cookie). */
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  /** Root onSend hook: refreshed or cleared session cookies. */
  onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown>;
  me(principal: { userId: string; sessionId: string; orgId: string | null }): Promise<Me>;
  /** Makes `orgId` the session's active organisation; NotFound unless the user is a member. */
  switchOrg(principal: { userId: string; sessionId: string }, orgId: string, source: RequestSource): Promise<string>;
  listSessions(principal: { userId: string; sessionId: string }): Promise<SessionInfo[]>;
  revokeSession(principal: { userId: string; sessionId: string }, sessionId: string, source: RequestSource): Promise<void>;
  revokeOtherSessions(principal: { userId: string; sessionId: string }, source: RequestSource): Promise<number>;
  /** An organisation admin revokes every session of a member (the caller checked membership). */
  revokeAllSessionsOf(userId: string, by: { actor: Actor; orgId: string; source: RequestSource }): Promise<number>;
  /** Ends the session a new sign-in from the same browser replaces (ASVS V7.2.4): the cookie
      is overwritten, and the old session must not live on where a copy of its token might. */
  endReplacedSession(previous: { sid: string; sub: string }, by: { userId: string; source: RequestSource }): Promise<void>;
  /** The public keys of session tokens, for other backends (JWK Set). */
  jwks(): { keys: Array<Record<string, unknown>> };
  /** Waits for background work (mail, sign-up processing) to finish. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function createIdentity(deps: IdentityDeps): Promise<Identity> {
  const { db, clock, logger, config, mailer } = deps;
  const log = logger.child({ component: 'identity' });
  const [hasher, policy, keys] = await Promise.all([
    deps.hasher ?? createPasswordHasher(config.hashing),
    createPasswordPolicy(config.policy),
    loadIdentityKeys(db, { kek: deps.kek, logger: log }),
  ]);
  const tokens = createSessionTokens({ keys, issuer: config.publicUrl });
  const ownBus = deps.bus ? null : await startNodeBus({ db, logger, ...(deps.heartbeatMs ? { heartbeatMs: deps.heartbeatMs } : {}) });
  const bus = deps.bus ?? (ownBus as NodeBus);
  const revocations = await startRevocationSet({
    bus,
    db,
    clock,
    logger: log,
    // A token issued just before a revocation lives at most one TTL; keep a minute of margin.
    retentionMs: config.session.tokenTtlMs + 60_000,
  });
  const rateLimiter = createRateLimiter({ db, clock, ...config.rateLimit, logger: log });
  const superAdmins = createSuperAdmins({ db, clock, ids: config.superAdmins.ids, emails: config.superAdmins.emails });
  const sessions = createSessionManager({ db, clock, logger: log, config, tokens, revocations, superAdmins });
  const background = deps.background ?? createBackground(log);
  const accounts = createAccounts({
    db,
    clock,
    logger: log,
    config,
    hasher,
    policy,
    mailer,
    rateLimiter,
    sessions,
    background,
    devices: createDeviceCookies(keys),
    ...(deps.secondFactorRequired ? { secondFactorRequired: deps.secondFactorRequired } : {}),
  });

  const revokeWithAudit = async (
    userId: string,
    where: { ids: string[]; userId?: string } | { userId: string; exceptId?: string | null },
    reason: string,
    actor: Actor,
    source: RequestSource,
  ): Promise<string[]> => {
    const revocation = await withSystem(db, async (tx) => {
      const revoked = await sessions.revoke(tx, where, reason);
      for (const id of revoked.ids) {
        await auditAuthEvent(tx, userId, {
          action: 'auth.session_revoked',
          actor,
          target: { type: 'session', id },
          outcome: 'allowed',
          reason,
          source,
          metadata: { userId },
        });
      }
      return revoked;
    });
    await sessions.revoked(revocation);
    return revocation.ids;
  };

  return {
    accounts,
    sessions,
    rateLimiter,
    hasher,
    policy,
    revocations,
    mailer,
    config,
    background,
    superAdmins,
    authenticate: sessions.authenticate,
    onSend: sessions.onSend,
    async me(p) {
      const [user, memberships] = await Promise.all([
        accounts.user(p.userId),
        withSystem(db, (tx) => repo.membershipsOfUser(tx, p.userId)),
      ]);
      return {
        user,
        memberships: memberships.map((m) => ({ orgId: m.org_id, name: m.org_name, roles: m.roles })),
        // Reported only while still a member: a removed member's token may name the org briefly.
        activeOrgId: p.orgId && memberships.some((m) => m.org_id === p.orgId) ? p.orgId : null,
        csrfToken: sessions.csrfToken(p.sessionId),
      };
    },
    async switchOrg(p, orgId, source) {
      const now = clock.now();
      const ok = await withSystem(db, async (tx) => {
        if (!(await repo.isMember(tx, p.userId, orgId))) return false;
        await repo.setActiveOrg(tx, p.sessionId, orgId, now);
        await auditAuthEvent(tx, p.userId, {
          action: 'auth.org_switched',
          actor: { type: 'user', id: p.userId },
          target: { type: 'org', id: orgId },
          outcome: 'allowed',
          source,
          metadata: { sessionId: p.sessionId },
          occurredAt: now,
        });
        return true;
      });
      if (!ok) throw new NotFound();
      const cookie = await sessions.reissue(p.sessionId);
      if (!cookie) throw new NotFound();
      return cookie;
    },
    listSessions: (p) => sessions.list(p.userId, p.sessionId),
    async revokeSession(p, sessionId, source) {
      const ids = await revokeWithAudit(p.userId, { ids: [sessionId], userId: p.userId }, 'revoked_by_user', { type: 'user', id: p.userId }, source);
      if (ids.length === 0) throw new NotFound();
    },
    async revokeOtherSessions(p, source) {
      const ids = await revokeWithAudit(p.userId, { userId: p.userId, exceptId: p.sessionId }, 'revoked_by_user', { type: 'user', id: p.userId }, source);
      return ids.length;
    },
    async revokeAllSessionsOf(userId, by) {
      const ids = await revokeWithAudit(userId, { userId }, `revoked_by_org_admin:${by.orgId}`, by.actor, by.source);
      return ids.length;
    },
    async endReplacedSession(previous, by) {
      await revokeWithAudit(previous.sub, { ids: [previous.sid], userId: previous.sub }, 'replaced_by_sign_in', { type: 'user', id: by.userId }, by.source);
    },
    jwks: () => keys.jwks(),
    idle: () => background.idle(),
    async stop() {
      await background.idle();
      revocations.stop();
      await ownBus?.stop();
    },
  };
}
