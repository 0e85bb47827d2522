/* Second factors, the second sign-in step, step-up and the organisation's MFA requirement.
   Claims AUTH-8, AUTH-12; ASVS V6.5 (one-time codes), V6.6 (out-of-band and TOTP), V7.5 (re-
   authentication before sensitive actions).
   Invariants:
   - A TOTP secret exists at rest only as a keyring envelope sealed under the user's subject key
     in the platform key chain (AAD: mfa_totp.secret, row = user id); it leaves the server once,
     in the enrolment answer.
   - A TOTP code is accepted once: its step is recorded by the statement that accepts it, and
     that step and every earlier one are refused afterwards (replay), atomically.
   - Recovery codes are stored only as hashes, spent atomically, and every use is audited and
     mailed to the owner.
   - Every second-factor attempt is rate limited per IP and per user (AUTH-11), and wrong codes
     lock the second step after the configured count, on a counter a correct password does not
     reset; the lock is audited and mailed. Attempts while locked are refused without checking.
   - A pending session (sign-in waiting for the second step) is finished by one UPDATE that
     requires it to be still pending, so one code cannot finish it twice; only then is a usable
     token signed.
   - Every enrolment, removal, verification (success and failure), lock, step-up and policy
     change is audited in the transaction that makes it (AUTH-12). */
import type { Logger } from 'pino';
import QRCode from 'qrcode';
import { withOrg, withSystem, type Db, type SystemTx } from '../../db/index.js';
import type { RequestSource } from '../../audit/index.js';
import type { Keyring } from '../../crypto/index.js';
import type { Clock } from '../../lib/clock.js';
import type { Caller } from '../../lib/caller.js';
import type { OrgId } from '../../lib/ids.js';
import { appendAudit } from '../../audit/index.js';
import { auditAuthEvent, type AuthEvent } from '../audit.js';
import { emails } from '../emails.js';
import { InvalidCredentials } from '../errors.js';
import type { Identity } from '../service.js';
import type { PendingSession } from '../sessions.js';
import { MfaAlreadyEnabled, MfaInvalid, MfaNotEnabled, MfaNotEnrolling, MfaRequiredByOrg, MfaRequiredByPlatform } from './errors.js';
import { newRecoveryCodes, normaliseRecoveryCode, recoveryCodeHash } from './recovery.js';
import * as repo from './repo.js';
import { base32Secret, matchStep, newTotpSecret, otpauthUri } from './totp.js';

/** The platform key chain holds secrets that belong to a user, not to an organisation. */
const PLATFORM = 'platform' as OrgId;
const SECRET_REF = (userId: string) => ({ table: 'mfa_totp', column: 'secret', rowId: userId });

export interface MfaStatus {
  totp: { enabled: boolean; pending: boolean };
  /** Registered passkeys (identity/passkeys). */
  passkeys: number;
  recoveryCodesLeft: number;
  requiredByOrg: boolean;
}

export type SecondFactorInput = { code: string } | { recoveryCode: string };
export type StepUpInput = SecondFactorInput | { password: string };

/** A signed-in user (full session), or a pending session that must enrol (org requires MFA). */
export type EnrolCaller = { userId: string; sessionId: string; pending?: PendingSession };

export interface Mfa {
  status(userId: string): Promise<MfaStatus>;
  startTotp(c: EnrolCaller, source: RequestSource): Promise<{ secret: string; otpauthUri: string; qrSvg: string }>;
  /** Confirms with a first code; returns the recovery codes (shown once) and, for a pending
      enrolment session, the cookie of the now usable session. */
  confirmTotp(c: EnrolCaller, code: string, source: RequestSource): Promise<{ recoveryCodes: string[]; cookie?: string }>;
  disableTotp(c: { userId: string; sessionId: string }, source: RequestSource): Promise<void>;
  regenerateRecoveryCodes(c: { userId: string; sessionId: string }, source: RequestSource): Promise<string[]>;
  /** Finishes a sign-in that answered next: "mfa"; returns the usable session's cookie. */
  verify(p: PendingSession, input: SecondFactorInput, source: RequestSource): Promise<{ cookie: string }>;
  /** Proves who the user is again (a second factor when they have one, else the password). */
  stepUp(c: { userId: string; sessionId: string }, input: StepUpInput, source: RequestSource): Promise<void>;
  orgPolicy(c: Caller): Promise<{ requireMfa: boolean; updatedAt: string | null }>;
  setOrgPolicy(c: Caller, requireMfa: boolean): Promise<{ requireMfa: boolean; updatedAt: string | null }>;
}

export interface MfaDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  keyring: Keyring;
  identity: Identity;
}

export function createMfa(deps: MfaDeps): Mfa {
  const { db, clock, keyring, identity } = deps;
  const { config, rateLimiter, sessions, background, mailer } = identity;
  const mfaConfig = config.mfa;

  const send = (name: string, message: Parameters<typeof mailer.deliver>[0]): void => {
    background.run(name, () => mailer.deliver(message));
  };
  const userActor = (userId: string) => ({ type: 'user' as const, id: userId });
  const event = (userId: string, action: string, source: RequestSource, now: Date, extra: Partial<AuthEvent> = {}): AuthEvent => ({
    action,
    actor: userActor(userId),
    target: { type: 'user', id: userId },
    outcome: 'allowed',
    source,
    occurredAt: now,
    ...extra,
  });

  const seal = (userId: string, secret: Uint8Array) =>
    withOrg(db, PLATFORM, userActor(userId), (tx) => keyring.encryptField(tx, SECRET_REF(userId), secret, { subjectId: userId }));
  const open = (userId: string, envelope: Uint8Array) =>
    withOrg(db, PLATFORM, userActor(userId), (tx) => keyring.decryptField(tx, SECRET_REF(userId), envelope));

  const stateOf = async (userId: string): Promise<repo.FactorState> => {
    const s = await withSystem(db, (tx) => repo.factorState(tx, userId));
    if (!s) throw new InvalidCredentials();
    return s;
  };

  /* A refused second factor: counted towards the second-step lock, audited (and the lock
     audited and mailed when this failure trips it), always the same answer. */
  const refuse = async (userId: string, email: string, now: Date, source: RequestSource, action: string, reason: string, locked: boolean): Promise<never> => {
    const lockUntil = new Date(now.getTime() + config.lockout.durationMs);
    const { lockedNow } = await withSystem(db, async (tx) => {
      const r = locked ? { lockedNow: false } : await repo.recordMfaFailure(tx, userId, now, mfaConfig.lockoutThreshold, lockUntil);
      await auditAuthEvent(tx, userId, event(userId, action, source, now, { outcome: locked ? 'denied' : 'failed', ...(locked ? { denyLayer: 'lockout' } : {}), reason }));
      if (r.lockedNow) {
        await auditAuthEvent(tx, userId, event(userId, 'auth.mfa_lockout', source, now, {
          actor: { type: 'system', id: null },
          outcome: 'denied',
          denyLayer: 'lockout',
          reason: `${mfaConfig.lockoutThreshold} consecutive wrong second-factor codes`,
          metadata: { lockedUntil: lockUntil.toISOString() },
        }));
      }
      return r;
    });
    if (lockedNow) send('mail.mfa_locked', emails.mfaLocked(email, lockUntil));
    throw new MfaInvalid();
  };

  /* Checks a second factor and, in the same transaction as its acceptance, runs `onSuccess`.
     Returns the method used (for amr). */
  const checkSecondFactor = async (
    userId: string,
    input: SecondFactorInput,
    source: RequestSource,
    action: string,
    onSuccess: (tx: SystemTx, now: Date, method: 'otp' | 'recovery_code') => Promise<void>,
  ): Promise<'otp' | 'recovery_code'> => {
    await rateLimiter.hit('mfa_verify', { ip: source.ip, account: userId });
    const state = await stateOf(userId);
    const now = clock.now();
    if (state.mfa_locked_until && state.mfa_locked_until.getTime() > now.getTime()) {
      return refuse(userId, state.email, now, source, action, 'second step locked', true);
    }
    if ('code' in input) {
      if (!state.totp_confirmed || !state.totp_secret) return refuse(userId, state.email, now, source, action, 'no authenticator app set up', false);
      const secret = await open(userId, state.totp_secret);
      const step = matchStep(secret, input.code, now);
      secret.fill(0);
      if (step === null) return refuse(userId, state.email, now, source, action, 'wrong code', false);
      const ok = await withSystem(db, async (tx) => {
        if (!(await repo.useTotpStep(tx, userId, step, false, now))) return false;
        await repo.clearMfaFailures(tx, userId, now);
        await onSuccess(tx, now, 'otp');
        return true;
      });
      if (!ok) return refuse(userId, state.email, now, source, action, 'code already used (replay)', false);
      return 'otp';
    }
    const normalised = normaliseRecoveryCode(input.recoveryCode);
    if (!normalised) return refuse(userId, state.email, now, source, action, 'malformed recovery code', false);
    const hash = recoveryCodeHash(userId, normalised);
    const spent = await withSystem(db, async (tx) => {
      const r = await repo.spendRecoveryCode(tx, userId, hash, now);
      if (r !== 'used') return r;
      await repo.clearMfaFailures(tx, userId, now);
      await auditAuthEvent(tx, userId, event(userId, 'auth.recovery_code_used', source, now, { metadata: { left: Math.max(0, state.recovery_left - 1) } }));
      await onSuccess(tx, now, 'recovery_code');
      return r;
    });
    if (spent !== 'used') return refuse(userId, state.email, now, source, action, spent === 'reused' ? 'recovery code already used' : 'wrong recovery code', false);
    send('mail.recovery_code_used', emails.recoveryCodeUsed(state.email, Math.max(0, state.recovery_left - 1)));
    return 'recovery_code';
  };

  const issueRecoveryCodes = async (tx: SystemTx, userId: string, now: Date): Promise<string[]> => {
    const codes = newRecoveryCodes();
    await repo.replaceRecoveryCodes(tx, userId, codes.map((c) => recoveryCodeHash(userId, normaliseRecoveryCode(c) as string)), now);
    return codes;
  };

  const policyView = (p: { require_mfa: boolean; updated_at: Date | null }) => ({ requireMfa: p.require_mfa, updatedAt: p.updated_at?.toISOString() ?? null });

  return {
    async status(userId) {
      const s = await stateOf(userId);
      return {
        totp: { enabled: s.totp_confirmed, pending: s.totp_secret !== null && !s.totp_confirmed },
        passkeys: s.passkeys,
        recoveryCodesLeft: s.recovery_left,
        requiredByOrg: s.required_by_org,
      };
    },

    async startTotp(c, source) {
      const state = await stateOf(c.userId);
      if (state.totp_confirmed) throw new MfaAlreadyEnabled();
      const secret = newTotpSecret();
      const envelope = await seal(c.userId, secret);
      const now = clock.now();
      const stored = await withSystem(db, async (tx) => {
        if (!(await repo.putPendingTotp(tx, c.userId, envelope, now))) return false;
        await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.mfa_enrolment_started', source, now, { target: { type: 'mfa_factor', id: `totp:${c.userId}` } }));
        return true;
      });
      if (!stored) throw new MfaAlreadyEnabled();
      const uri = otpauthUri(secret, state.email, mfaConfig.totpIssuer);
      const answer = { secret: base32Secret(secret), otpauthUri: uri, qrSvg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
      secret.fill(0);
      return answer;
    },

    async confirmTotp(c, code, source) {
      await rateLimiter.hit('mfa_verify', { ip: source.ip, account: c.userId });
      const state = await stateOf(c.userId);
      if (state.totp_confirmed || !state.totp_secret) throw new MfaNotEnrolling();
      const now = clock.now();
      if (state.mfa_locked_until && state.mfa_locked_until.getTime() > now.getTime()) {
        return refuse(c.userId, state.email, now, source, 'auth.mfa_enrolled', 'second step locked', true);
      }
      const secret = await open(c.userId, state.totp_secret);
      const step = matchStep(secret, code, now);
      secret.fill(0);
      if (step === null) return refuse(c.userId, state.email, now, source, 'auth.mfa_enrolled', 'wrong confirmation code', false);
      const result = await withSystem(db, async (tx) => {
        if (!(await repo.useTotpStep(tx, c.userId, step, true, now))) return null;
        const codes = await issueRecoveryCodes(tx, c.userId, now);
        await repo.clearMfaFailures(tx, c.userId, now);
        await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.mfa_enrolled', source, now, { target: { type: 'mfa_factor', id: `totp:${c.userId}` }, metadata: { factor: 'totp', recoveryCodes: codes.length } }));
        if (c.pending) {
          if (!(await repo.completeSessionStep(tx, c.pending.sessionId, 'mfa_enrol', ['otp'], now))) return null;
          await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.sign_in', source, now, { metadata: { step: 'mfa_enrol', method: 'otp', sessionId: c.pending.sessionId } }));
        }
        return codes;
      });
      if (!result) throw new MfaNotEnrolling();
      send('mail.mfa_enabled', emails.mfaEnabled(state.email, 'An authenticator app'));
      if (!c.pending) return { recoveryCodes: result };
      const cookie = await sessions.reissue(c.pending.sessionId);
      if (!cookie) throw new MfaNotEnrolling();
      return { recoveryCodes: result, cookie };
    },

    async disableTotp(c, source) {
      const state = await stateOf(c.userId);
      if (!state.totp_confirmed) throw new MfaNotEnabled('No authenticator app is set up');
      // Removing it must not leave a member of an MFA-required organisation with no factor.
      if (mfaConfig.requiredForAll && state.passkeys === 0) throw new MfaRequiredByPlatform();
      if (state.required_by_org && state.passkeys === 0) throw new MfaRequiredByOrg();
      const now = clock.now();
      const removed = await withSystem(db, async (tx) => {
        if (!(await repo.deleteTotp(tx, c.userId))) return false;
        // Recovery codes stand in for the factors: they go with the last one.
        if (state.passkeys === 0) await repo.deleteRecoveryCodes(tx, c.userId);
        await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.mfa_removed', source, now, { target: { type: 'mfa_factor', id: `totp:${c.userId}` }, metadata: { factor: 'totp' } }));
        return true;
      });
      if (!removed) throw new MfaNotEnabled('No authenticator app is set up');
      send('mail.mfa_removed', emails.mfaRemoved(state.email, 'An authenticator app'));
    },

    async regenerateRecoveryCodes(c, source) {
      const state = await stateOf(c.userId);
      if (!state.totp_confirmed && state.passkeys === 0) throw new MfaNotEnabled('Recovery codes need a second factor; set one up first');
      const now = clock.now();
      const codes = await withSystem(db, async (tx) => {
        const fresh = await issueRecoveryCodes(tx, c.userId, now);
        await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.recovery_codes_replaced', source, now, { metadata: { count: fresh.length } }));
        return fresh;
      });
      send('mail.recovery_codes_replaced', emails.recoveryCodesReplaced(state.email));
      return codes;
    },

    async verify(p, input, source) {
      if (p.step !== 'mfa') throw new MfaNotEnabled('This sign-in must first set up a second factor (POST /v1/me/mfa/totp)');
      let finished = false;
      await checkSecondFactor(p.userId, input, source, 'auth.mfa_verify', async (tx, now, method) => {
        finished = await repo.completeSessionStep(tx, p.sessionId, 'mfa', [method === 'otp' ? 'otp' : 'rec'], now);
        await auditAuthEvent(tx, p.userId, event(p.userId, 'auth.sign_in', source, now, {
          outcome: finished ? 'allowed' : 'failed',
          ...(finished ? {} : { reason: 'sign-in no longer pending' }),
          metadata: { step: 'mfa', method, sessionId: p.sessionId },
        }));
      });
      const cookie = finished ? await sessions.reissue(p.sessionId) : null;
      if (!cookie) throw new MfaInvalid();
      return { cookie };
    },

    async stepUp(c, input, source) {
      const state = await stateOf(c.userId);
      const mark = async (tx: SystemTx, now: Date, method: string) => {
        await repo.markAuthenticated(tx, c.sessionId, [method], now);
        await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.step_up', source, now, { metadata: { method, sessionId: c.sessionId } }));
      };
      if ('password' in input) {
        // With a second factor, the password alone does not re-authenticate: it is the factor
        // most likely stolen.
        if (state.totp_confirmed || state.passkeys > 0) throw new MfaInvalid();
        await identity.accounts.checkPassword({ userId: c.userId }, input.password, source);
        const now = clock.now();
        await withSystem(db, (tx) => mark(tx, now, 'pwd'));
        return;
      }
      await checkSecondFactor(c.userId, input, source, 'auth.step_up', (tx, now, method) => mark(tx, now, method === 'otp' ? 'otp' : 'rec'));
    },

    async orgPolicy(c) {
      return policyView(await withOrg(db, c.orgId, c.actor, async (tx) => {
        const p = await repo.orgPolicy(tx);
        // Reads of tenant data are audited too.
        await appendAudit(tx, { action: 'org.auth_policy_read', actor: c.actor, target: { type: 'org', id: c.orgId }, outcome: 'allowed', source: c.source, ...(c.reason ? { reason: c.reason } : {}) });
        return p;
      }));
    },

    async setOrgPolicy(c, requireMfa) {
      const now = clock.now();
      return policyView(await withOrg(db, c.orgId, c.actor, async (tx) => {
        const previous = await repo.setOrgRequireMfa(tx, requireMfa, now);
        await appendAudit(tx, {
          action: 'org.mfa_policy_changed',
          actor: c.actor,
          target: { type: 'org', id: c.orgId },
          outcome: 'allowed',
          source: c.source,
          ...(c.reason ? { reason: c.reason } : {}),
          metadata: { requireMfa, previous },
          occurredAt: now,
        });
        return { require_mfa: requireMfa, updated_at: now };
      }));
    },
  };
}
