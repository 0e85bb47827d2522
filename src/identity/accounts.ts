/* Account flows: sign-up, email verification, sign-in (a step machine: password, then
   `next: "mfa"` when a second factor is due), sign-out, password change, forgotten-password
   reset. Claims AUTH-1, AUTH-5, AUTH-6, AUTH-7, AUTH-10, AUTH-12, AUTH-14.
   Enumeration safety, by construction:
   - sign-up and forgot-password do the same thing on the request path whatever the address
     (rate limit, validate, and for sign-up the policy check and one password hash), answer 202
     and do the address-dependent work (lookup, token, mail) in the background, so neither the
     answer nor its timing depends on whether the address is registered;
   - sign-in always runs exactly one password verification: against the user's hash, or
     against a dummy hash with the same parameters for an unknown address; every failure
     (unknown, wrong password, locked) is the same InvalidCredentials, after the same
     statements (the lookup, then refusePassword's transaction);
   - an unverified address has no user row (the pending sign-up lives in its token), so it is
     indistinguishable from an unknown one, and an attacker's pending sign-up cannot keep the
     address from its owner (pre-hijacking): only the person who opens the link gets the
     account, with the password they chose.
   Lockout that cannot be turned against the owner (issue 11.2, devices.ts): a browser that
   signed in successfully before (a known device, by its signed cookie) has its own failure
   count, lock and rate limit; every other browser shares the account's. The lockout mail
   carries a single-use unlock link that makes the browser opening it a known device, so the
   person holding the mailbox gets in while the lock still holds for everyone else.
   A password never leaves this file except as a hash; none is logged. */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { withSystem, type Db, type SystemTx } from '../db/index.js';
import type { RequestSource } from '../audit/index.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { NotFound, RateLimited } from '../lib/errors.js';
import type { Mailer } from '../mail/index.js';
import { auditAuthEvent, authAuditStatements } from './audit.js';
import type { Background } from './background.js';
import { emailKey, type IdentityConfig } from './config.js';
import { emails, link } from './emails.js';
import { InvalidCredentials, InvalidToken, PasswordRejected } from './errors.js';
import { SsoRequired } from './sso/errors.js';
import { DEVICE_TTL_MS, type DeviceCookies } from './devices.js';
import type { PasswordHasher } from './passwords.js';
import type { PasswordPolicy } from './password-policy.js';
import type { RateLimiter } from './rate-limit.js';
import * as repo from './repo.js';
import type { IssuedSession, SessionManager } from './sessions.js';
import { issueToken, tokenLookupHash } from './tokens.js';

export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
}

export interface SignInResult {
  user: PublicUser;
  session: IssuedSession;
  /** Present when another step is due before the session is usable: a second factor, or (the
      organisation requires one and the user has none) enrolling one. */
  next?: 'mfa' | 'mfa_enrol';
  /** The Set-Cookie value marking this browser a known device of the account (devices.ts). */
  deviceCookie: string;
}

export interface AccountDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: IdentityConfig;
  hasher: PasswordHasher;
  policy: PasswordPolicy;
  mailer: Mailer;
  rateLimiter: RateLimiter;
  sessions: SessionManager;
  background: Background;
  devices: DeviceCookies;
  /** Overrides whether a second factor is due after the password (tests); by default the
      sign-in lookup reads it (a confirmed factor, or an organisation that requires one). */
  secondFactorRequired?: (userId: string) => Promise<boolean>;
}

export interface Accounts {
  signUp(input: { email: string; password: string; name?: string | undefined }, source: RequestSource): Promise<void>;
  verifyEmail(token: string, source: RequestSource): Promise<void>;
  /** `deviceCookie`: the value of the browser's device cookie, if it sent one (devices.ts). */
  signIn(input: { email: string; password: string }, source: RequestSource, deviceCookie?: string): Promise<SignInResult>;
  /** Spends the lockout mail's unlock link: the browser opening it becomes a known device of the
      account (the returned Set-Cookie value); throws InvalidToken for a spent, expired or forged link. */
  unlock(token: string, source: RequestSource): Promise<{ deviceCookie: string }>;
  signOut(session: { userId: string; sessionId: string } | null, source: RequestSource): Promise<void>;
  forgotPassword(email: string, source: RequestSource): Promise<void>;
  resetPassword(token: string, password: string, source: RequestSource): Promise<void>;
  changePassword(who: { userId: string; sessionId: string }, current: string, next: string, source: RequestSource): Promise<void>;
  user(userId: string): Promise<PublicUser>;
  /** Step-up with the password (a user with no second factor): checks it like a password change
      does (rate limited, a wrong one counts towards the lockout) and throws InvalidCredentials. */
  checkPassword(who: { userId: string }, password: string, source: RequestSource): Promise<void>;
}

/** How an address is named in the audit log when no user row exists: never the address itself
    (it may be a mistyped password), only a short digest to correlate attempts. */
function addressDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 16);
}

const anonymous = { type: 'anonymous', id: null } as const;
/** An id no user has (ids are `usr_` + base32). */
const NO_USER = 'usr_-';

export function createAccounts(deps: AccountDeps): Accounts {
  const { db, clock, config, hasher, policy, mailer, rateLimiter, sessions, background, devices } = deps;
  const secondFactorRequired = deps.secondFactorRequired;

  const checkPassword = (password: string, email: string | null): void => {
    const problem = policy.check(password, { email });
    if (problem) throw new PasswordRejected(problem, { minLength: policy.config.minLength, maxLength: policy.config.maxLength });
  };

  type MailMessage = Parameters<Mailer['deliver']>[0];
  const send = (name: string, message: MailMessage): void => {
    background.run(name, () => mailer.deliver(message));
  };

  /* A refused password check — a wrong password, an unknown address, a locked account: counted
     towards the lockout, audited, the lock audited and mailed to the owner when this failure
     trips it, and always the same generic answer. Shared by sign-in and password change (AUTH-6).
     Every refusal runs the same statements (AUTH-7): the count update runs for an unknown
     address too, against an id no user has, and for a locked account, where it matches nothing
     (attempts while locked are not counted, so an attacker never extends a lock). `orgIds` are
     the user's organisations when the caller read them already; otherwise the fan-out looks
     them up. With `deviceId` (a known device, devices.ts) the failure counts on that device
     alone: its own lock, no mail (the person at that browser sees the refusal); without it on
     the account's lock of unknown devices, whose mail carries a single-use unlock link. */
  const refusePassword = async (
    who: { user: { id: string; email: string }; orgIds?: readonly string[]; deviceId?: string | null } | { unknownKey: string },
    now: Date,
    source: RequestSource,
    how: { action: string; outcome: 'failed' | 'denied'; denyLayer?: string; reason: string; lockReason?: string; metadata?: Record<string, unknown> },
  ): Promise<never> => {
    const lockUntil = new Date(now.getTime() + config.lockout.durationMs);
    const user = 'user' in who ? who.user : null;
    const orgIds = 'user' in who ? who.orgIds : undefined;
    const deviceId = 'user' in who ? (who.deviceId ?? null) : null;
    const { lockedNow, unlockUrl } = await withSystem(db, async (tx) => {
      const r = user && deviceId
        ? await repo.recordDeviceFailure(tx, deviceId, user.id, now, config.lockout.threshold, lockUntil)
        : await repo.recordSignInFailure(tx, user?.id ?? NO_USER, now, config.lockout.threshold, lockUntil);
      await auditAuthEvent(
        tx,
        user?.id ?? null,
        {
          action: how.action,
          actor: user ? { type: 'user', id: user.id } : anonymous,
          target: user ? { type: 'user', id: user.id } : { type: 'email', id: addressDigest('unknownKey' in who ? who.unknownKey : '') },
          outcome: how.outcome,
          ...(how.denyLayer ? { denyLayer: how.denyLayer } : {}),
          reason: how.reason,
          source,
          ...(how.metadata ? { metadata: how.metadata } : {}),
          occurredAt: now,
        },
        orgIds,
      );
      if (user && r.lockedNow) {
        await auditAuthEvent(
          tx,
          user.id,
          {
            action: 'auth.lockout',
            actor: { type: 'system', id: null },
            target: { type: 'user', id: user.id },
            outcome: 'denied',
            denyLayer: 'lockout',
            reason: `${config.lockout.threshold} ${how.lockReason ?? 'consecutive failures'}${deviceId ? ' on one known device' : ''}`,
            source,
            metadata: { lockedUntil: lockUntil.toISOString(), scope: deviceId ? 'device' : 'unknown_devices', ...(deviceId ? { deviceId } : {}) },
            occurredAt: now,
          },
          orgIds,
        );
      }
      if (!user || !r.lockedNow || deviceId) return { lockedNow: r.lockedNow, unlockUrl: null };
      // The unlock link of this lock; an earlier lock's link stops working.
      const key = emailKey(user.email);
      await repo.deleteEmailTokensFor(tx, key, 'account_unlock', now);
      const t = issueToken('account_unlock', now);
      await repo.insertEmailToken(tx, { hash: t.hash, purpose: 'account_unlock', userId: user.id, emailKey: key, now, expiresAt: t.expiresAt });
      return { lockedNow: true, unlockUrl: link(config.publicUrl, '/unlock', t.token) };
    });
    if (user && lockedNow && unlockUrl) send('mail.locked', emails.locked(user.email, lockUntil, config.publicUrl, unlockUrl));
    throw new InvalidCredentials();
  };

  /* A rate-limited authentication attempt is a refusal like any other (AUTH-12, AUD-5): audited
     (platform log and the account's organisations), then answered 429. It costs no hash and is
     not counted towards the lockout; the brute-force detector counts it with the other refusals
     of the account. */
  const auditLimited = async (
    e: RateLimited,
    who: { user: { id: string }; orgIds?: readonly string[] } | { unknownKey: string },
    now: Date,
    source: RequestSource,
    action: string,
  ): Promise<never> => {
    const user = 'user' in who ? who.user : null;
    await withSystem(db, (tx) =>
      auditAuthEvent(
        tx,
        user?.id ?? null,
        {
          action,
          actor: user ? { type: 'user', id: user.id } : anonymous,
          target: user ? { type: 'user', id: user.id } : { type: 'email', id: addressDigest('unknownKey' in who ? who.unknownKey : '') },
          outcome: 'denied',
          denyLayer: 'rate_limit',
          reason: 'too many attempts',
          source,
          metadata: { retryAfterSeconds: e.retryAfterSeconds },
          occurredAt: now,
        },
        'user' in who ? who.orgIds : undefined,
      ),
    );
    e.audited = true;
    throw e;
  };

  /* A new password, the sessions it ends, and the audit records of both, in the caller's
     transaction: shared by reset (all sessions) and change (all but the caller's). */
  const replacePassword = async (
    tx: SystemTx,
    userId: string,
    newHash: string,
    now: Date,
    source: RequestSource,
    how: { action: string; reason: string; revokeReason: string; exceptSessionId?: string | null },
  ) => {
    await repo.setPassword(tx, userId, newHash, now);
    const revocation = await sessions.revoke(tx, { userId, exceptId: how.exceptSessionId ?? null }, how.revokeReason);
    const actor = { type: 'user' as const, id: userId };
    await auditAuthEvent(tx, userId, {
      action: how.action,
      actor,
      target: { type: 'user', id: userId },
      outcome: 'allowed',
      reason: how.reason,
      source,
      metadata: { sessionsRevoked: revocation.ids.length },
      occurredAt: now,
    });
    for (const id of revocation.ids) {
      await auditAuthEvent(tx, userId, { action: 'auth.session_revoked', actor, target: { type: 'session', id }, outcome: 'allowed', reason: how.revokeReason, source, occurredAt: now });
    }
    return revocation;
  };

  return {
    async signUp(input, source) {
      const key = emailKey(input.email);
      await rateLimiter.hit('sign_up', { ip: source.ip, account: key });
      checkPassword(input.password, key);
      // Paid whether or not the address is registered: the request path is the same for both.
      const passwordHash = await hasher.hash(input.password);
      const now = clock.now();
      background.run('sign_up', async () => {
        // The mail leaves only after the transaction commits: a link must never reach its reader
        // before the token it carries exists (a fast reader's click answered invalid_token).
        const mail = await withSystem(db, async (tx): Promise<[string, MailMessage]> => {
          const existing = await repo.findUserByEmailKey(tx, key);
          if (existing) {
            await auditAuthEvent(tx, existing.id, {
              action: 'auth.sign_up',
              actor: anonymous,
              target: { type: 'user', id: existing.id },
              outcome: 'failed',
              reason: 'address already registered; owner notified',
              source,
              occurredAt: now,
            });
            return ['mail.already_registered', emails.alreadyRegistered(existing.email, config.publicUrl)];
          }
          await repo.deleteEmailTokensFor(tx, key, 'verify_email', now);
          const t = issueToken('verify_email', now);
          await repo.insertEmailToken(tx, {
            hash: t.hash,
            purpose: 'verify_email',
            userId: null,
            emailKey: key,
            pendingEmail: input.email.trim(),
            pendingName: input.name ?? null,
            pendingPasswordHash: passwordHash,
            now,
            expiresAt: t.expiresAt,
          });
          await auditAuthEvent(tx, null, {
            action: 'auth.sign_up',
            actor: anonymous,
            target: { type: 'email', id: addressDigest(key) },
            outcome: 'allowed',
            reason: 'verification link sent',
            source,
            occurredAt: now,
          });
          return ['mail.verify', emails.verify(input.email.trim(), link(config.publicUrl, '/verify-email', t.token))];
        });
        send(...mail);
      });
    },

    async verifyEmail(token, source) {
      await rateLimiter.hit('verify_email', { ip: source.ip });
      const hash = tokenLookupHash('verify_email', token);
      if (!hash) throw new InvalidToken();
      const now = clock.now();
      const ok = await withSystem(db, async (tx) => {
        const row = await repo.consumeEmailToken(tx, hash, 'verify_email', now);
        if (!row || !row.pending_email || !row.pending_password_hash) return false;
        const userId = await repo.insertUser(tx, {
          id: newId('usr'),
          email: row.pending_email,
          emailKey: row.email_key,
          name: row.pending_name,
          passwordHash: row.pending_password_hash,
          now,
        });
        // Verified already through another link: this one is spent, and says so.
        if (!userId) return false;
        await repo.deleteEmailTokensFor(tx, row.email_key, 'verify_email', now);
        await auditAuthEvent(tx, userId, {
          action: 'auth.email_verified',
          actor: { type: 'user', id: userId },
          target: { type: 'user', id: userId },
          outcome: 'allowed',
          source,
          occurredAt: now,
        });
        return true;
      });
      if (!ok) throw new InvalidToken();
    },

    /* Sign-in costs two statements besides the hash (issue 6): one before it (rate limits, the
       user, the user's organisations: repo.signInLookup) and, on success, one after it
       (repo.commitSignIn: the lockout count cleared, the session row and the audit records of
       the sign-in and the session, in every log, all or nothing). A refusal is one transaction
       of the same statements whatever the reason (refusePassword). */
    async signIn(input, source, deviceCookie) {
      const key = emailKey(input.email);
      // A browser known to this account is limited per device, not per account: an attacker
      // naming the account elsewhere cannot spend the owner's budget (issue 11.2).
      const presented = devices.read(deviceCookie, key);
      const limits = rateLimiter.counting('sign_in', presented ? { ip: source.ip, device: presented } : { ip: source.ip, account: key });
      const found = await repo.signInLookup(db.system, limits, key, presented);
      const user = found.user;
      const device = found.device;
      // Refused before any verification: a limited request costs no hash.
      try {
        rateLimiter.enforce(limits, found.blocked_until);
      } catch (e) {
        if (!(e instanceof RateLimited)) throw e;
        return auditLimited(e, user ? { user, orgIds: found.org_ids } : { unknownKey: key }, clock.now(), source, 'auth.sign_in');
      }
      // The address's organisation signs its people in through its IdP only (AUTH-9): refused
      // before any verification, the same way for every address of the domain.
      if (found.sso_required) {
        await withSystem(db, (tx) => auditAuthEvent(tx, found.user?.id ?? null, {
          action: 'auth.sign_in',
          actor: anonymous,
          target: found.user ? { type: 'user', id: found.user.id } : { type: 'email', id: addressDigest(key) },
          outcome: 'denied',
          denyLayer: 'sso_required',
          reason: 'the organisation requires single sign-on',
          source,
        }, found.org_ids));
        throw new SsoRequired();
      }
      // Exactly one verification on every path (AUTH-7).
      const passwordOk = user?.password_hash ? await hasher.verify(user.password_hash, input.password) : await hasher.verifyDummy(input.password);
      const now = clock.now();

      if (!user) {
        return refusePassword({ unknownKey: key }, now, source, { action: 'auth.sign_in', outcome: 'failed', reason: 'invalid credentials' });
      }
      const known = { user: { id: user.id, email: user.email }, orgIds: found.org_ids, deviceId: device?.id ?? null };
      // A known device answers to its own lock only; every other browser to the account's.
      const lockedUntil = device ? device.locked_until : user.locked_until;
      if (lockedUntil !== null && lockedUntil.getTime() > now.getTime()) {
        return refusePassword(known, now, source, {
          action: 'auth.sign_in',
          outcome: 'denied',
          denyLayer: 'lockout',
          reason: 'account locked',
          lockReason: 'consecutive failed sign-ins',
          metadata: { lockedUntil: lockedUntil.toISOString(), passwordCorrect: passwordOk, ...(device ? { deviceId: device.id } : {}) },
        });
      }
      if (!passwordOk) {
        return refusePassword(known, now, source, { action: 'auth.sign_in', outcome: 'failed', reason: 'invalid credentials', lockReason: 'consecutive failed sign-ins' });
      }

      // Success. Re-hash when the stored hash was made with other parameters.
      const rehash = user.password_hash && hasher.needsRehash(user.password_hash) ? await hasher.hash(input.password) : null;
      const forced = secondFactorRequired ? await secondFactorRequired(user.id) : false;
      const mfa: 'mfa' | 'mfa_enrol' | null = forced || found.has_factor ? 'mfa' : found.mfa_required || config.mfa.requiredForAll ? 'mfa_enrol' : null;
      const session = sessions.prepare({
        userId: user.id,
        email: user.email,
        // The oldest membership is active until the user switches (PUT /v1/me/active-org).
        activeOrgId: found.org_ids[0] ?? null,
        pendingStep: mfa,
        amr: ['pwd'],
        source,
      });
      const audits = await authAuditStatements(db.system, found.org_ids, [
        {
          action: 'auth.sign_in',
          actor: { type: 'user', id: user.id },
          target: { type: 'user', id: user.id },
          outcome: 'allowed',
          source,
          metadata: { step: 'password', next: mfa, rehashed: rehash !== null, knownDevice: device !== null },
          occurredAt: now,
        },
        session.audit,
      ]);
      // The token is handed out only once the statement committed (sessions.ts, NewSession.issue).
      // A browser that presented a valid cookie for this address keeps its id (its row may have
      // expired or been forgotten); any other gets a new one.
      const deviceId = device?.id ?? presented ?? devices.newId();
      const [, issued] = await Promise.all([
        repo.commitSignIn(db.system, {
          userId: user.id, now, rehash,
          device: { id: deviceId, known: device !== null, expiresAt: new Date(now.getTime() + DEVICE_TTL_MS) },
          session: session.insert(db.system), audits,
        }),
        session.issue(),
      ]);
      // The cap on concurrent sessions (ASVS V7.1.2), once the new row has committed — only when
      // the new session takes the account past it, so an ordinary sign-in stays two statements.
      if (found.live_sessions + 1 > config.session.maxPerUser) {
        await sessions.revoked(await withSystem(db, (tx) => sessions.limit(tx, user.id, session.id, source, found.org_ids)));
      }
      return { user: { id: user.id, email: user.email, name: user.name }, session: issued, deviceCookie: devices.cookie(deviceId, key), ...(mfa ? { next: mfa } : {}) };
    },

    async unlock(token, source) {
      await rateLimiter.hit('unlock', { ip: source.ip });
      const hash = tokenLookupHash('account_unlock', token);
      if (!hash) throw new InvalidToken();
      const now = clock.now();
      const done = await withSystem(db, async (tx) => {
        const row = await repo.consumeEmailToken(tx, hash, 'account_unlock', now);
        if (!row?.user_id) return null;
        const deviceId = devices.newId();
        await repo.rememberDevice(tx, { id: deviceId, userId: row.user_id, now, expiresAt: new Date(now.getTime() + DEVICE_TTL_MS) });
        await auditAuthEvent(tx, row.user_id, {
          action: 'auth.unlock',
          actor: { type: 'user', id: row.user_id },
          target: { type: 'user', id: row.user_id },
          outcome: 'allowed',
          reason: 'unlock link from the lockout mail: this browser is now a known device',
          source,
          metadata: { deviceId },
          occurredAt: now,
        });
        return devices.cookie(deviceId, row.email_key);
      });
      if (!done) throw new InvalidToken();
      return { deviceCookie: done };
    },

    async signOut(session, source) {
      if (!session) return;
      const revocation = await withSystem(db, async (tx) => {
        const revoked = await sessions.revoke(tx, { ids: [session.sessionId] }, 'sign_out');
        await auditAuthEvent(tx, session.userId, {
          action: 'auth.sign_out',
          actor: { type: 'user', id: session.userId },
          target: { type: 'session', id: session.sessionId },
          outcome: 'allowed',
          source,
        });
        return revoked;
      });
      await sessions.revoked(revocation);
    },

    async forgotPassword(email, source) {
      const key = emailKey(email);
      await rateLimiter.hit('password_forgot', { ip: source.ip, account: key });
      const now = clock.now();
      background.run('password_forgot', async () => {
        // As in sign-up: the link is mailed once its token is committed.
        const mail = await withSystem(db, async (tx): Promise<MailMessage | null> => {
          const user = await repo.findUserByEmailKey(tx, key);
          if (!user) {
            await auditAuthEvent(tx, null, {
              action: 'auth.password_reset_requested',
              actor: anonymous,
              target: { type: 'email', id: addressDigest(key) },
              outcome: 'failed',
              reason: 'no account for this address; nothing sent',
              source,
              occurredAt: now,
            });
            return null;
          }
          await repo.deleteEmailTokensFor(tx, key, 'password_reset', now);
          const t = issueToken('password_reset', now);
          await repo.insertEmailToken(tx, { hash: t.hash, purpose: 'password_reset', userId: user.id, emailKey: key, now, expiresAt: t.expiresAt });
          await auditAuthEvent(tx, user.id, {
            action: 'auth.password_reset_requested',
            actor: anonymous,
            target: { type: 'user', id: user.id },
            outcome: 'allowed',
            reason: 'reset link sent',
            source,
            occurredAt: now,
          });
          return emails.reset(user.email, link(config.publicUrl, '/reset-password', t.token));
        });
        if (mail) send('mail.reset', mail);
      });
    },

    async resetPassword(token, password, source) {
      await rateLimiter.hit('password_reset', { ip: source.ip });
      const hash = tokenLookupHash('password_reset', token);
      if (!hash) throw new InvalidToken();
      const peek = await withSystem(db, (tx) => repo.peekResetToken(tx, hash, clock.now()));
      if (!peek) throw new InvalidToken();
      // A refused password leaves the link usable, so the user can try another.
      checkPassword(password, peek.email);
      const newHash = await hasher.hash(password);
      const now = clock.now();
      const revoked = await withSystem(db, async (tx) => {
        const row = await repo.consumeEmailToken(tx, hash, 'password_reset', now);
        if (!row?.user_id) return null;
        return replacePassword(tx, row.user_id, newHash, now, source, {
          action: 'auth.password_reset',
          reason: 'password reset by email link; all sessions revoked',
          revokeReason: 'password_reset',
        });
      });
      if (!revoked) throw new InvalidToken();
      await sessions.revoked(revoked);
      send('mail.password_changed', emails.passwordChanged(peek.email));
    },

    async changePassword(who, current, next, source) {
      try {
        await rateLimiter.hit('password_change', { ip: source.ip, account: who.userId });
      } catch (e) {
        if (!(e instanceof RateLimited)) throw e;
        return auditLimited(e, { user: { id: who.userId } }, clock.now(), source, 'auth.password_change');
      }
      const user = await withSystem(db, (tx) => repo.findUserById(tx, who.userId));
      if (!user) throw new InvalidCredentials();
      const ok = user.password_hash ? await hasher.verify(user.password_hash, current) : await hasher.verifyDummy(current);
      const now = clock.now();
      const locked = user.locked_until !== null && user.locked_until.getTime() > now.getTime();
      if (!ok || locked) {
        // A wrong current password counts towards the lockout: a stolen session must not
        // become a free password-guessing oracle.
        return refusePassword({ user }, now, source, {
          action: 'auth.password_change',
          outcome: 'failed',
          reason: locked ? 'account locked' : 'current password incorrect',
          lockReason: 'consecutive failed password checks',
        });
      }
      checkPassword(next, user.email);
      const newHash = await hasher.hash(next);
      const revoked = await withSystem(db, async (tx) => {
        return replacePassword(tx, user.id, newHash, now, source, {
          action: 'auth.password_change',
          reason: 'other sessions revoked',
          revokeReason: 'password_change',
          exceptSessionId: who.sessionId,
        });
      });
      await sessions.revoked(revoked);
      send('mail.password_changed', emails.passwordChanged(user.email));
    },

    async checkPassword(who, password, source) {
      await rateLimiter.hit('step_up', { ip: source.ip, account: who.userId });
      const user = await withSystem(db, (tx) => repo.findUserById(tx, who.userId));
      if (!user) throw new InvalidCredentials();
      const ok = user.password_hash ? await hasher.verify(user.password_hash, password) : await hasher.verifyDummy(password);
      const now = clock.now();
      const locked = user.locked_until !== null && user.locked_until.getTime() > now.getTime();
      if (!ok || locked) {
        return refusePassword({ user }, now, source, {
          action: 'auth.step_up',
          outcome: 'failed',
          reason: locked ? 'account locked' : 'password incorrect',
          lockReason: 'consecutive failed password checks',
        });
      }
    },

    async user(userId) {
      const u = await withSystem(db, (tx) => repo.findUserById(tx, userId));
      if (!u) throw new NotFound();
      return { id: u.id, email: u.email, name: u.name };
    },
  };
}
