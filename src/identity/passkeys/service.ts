/* Passkeys (WebAuthn Level 3, through @simplewebauthn/server): registration, and assertions as
   passwordless sign-in (discoverable credential), as the second step of a password or SSO
   sign-in, and as step-up. Claims AUTH-8, AUTH-12; ASVS V6.5/V6.6 (multi-factor), V6.8
   (phishing-resistant authenticators), V7.5 (re-authentication).
   Invariants:
   - rpID and the accepted origins come from configuration (PALISADE_WEBAUTHN_RP_ID, default the
     host of PALISADE_PUBLIC_URL; PALISADE_WEBAUTHN_ORIGINS, default its origin), never from the
     request. An assertion made on another origin (a phishing page) or for another RP ID fails.
   - User verification is required in every ceremony: a passkey alone is two factors
     (possession + PIN/biometric), so a passwordless sign-in is a full, MFA session.
   - A challenge is 32 random bytes, lives CHALLENGE_TTL_MS, and is bound to whoever asked for
     it: the session (registration, second step, step-up) or the asking browser's HttpOnly
     cookie (passwordless). It is taken by one DELETE … RETURNING before the signature is
     checked, so it answers at most once, even when the check then fails: a replayed assertion
     or one made for another session's challenge is refused.
   - The credential must be the user's: in the second step and step-up, a credential of another
     user is refused; in passwordless sign-in, the user handle must name the credential's owner.
     A deleted credential is unknown.
   - The signature counter must advance (unless the authenticator keeps none: both zero), checked
     by the library and again atomically by the UPDATE that records it; a counter that went back
     is a cloned authenticator: refused and audited with that reason.
   - Registering, renaming and deleting a passkey is audited in its transaction (AUTH-12), mailed
     (added/removed), and needs a recent authentication (routes); the last factor of a member of
     an organisation that requires MFA cannot be deleted. */
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { withSystem, type Db, type SystemTx } from '../../db/index.js';
import type { RequestSource } from '../../audit/index.js';
import type { Clock } from '../../lib/clock.js';
import { NotFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { auditAuthEvent, type AuthEvent } from '../audit.js';
import { emails } from '../emails.js';
import { InvalidCredentials } from '../errors.js';
import type { Identity } from '../service.js';
import type { PendingSession } from '../sessions.js';
import { MfaRequiredByOrg, MfaRequiredByPlatform } from '../mfa/errors.js';
import { newRecoveryCodes, normaliseRecoveryCode, recoveryCodeHash } from '../mfa/recovery.js';
import * as mfaRepo from '../mfa/repo.js';
import { SsoRequired } from '../sso/errors.js';
import { PasskeyInvalid, PasskeyRegistrationFailed } from './errors.js';
import * as repo from './repo.js';

/** How long a ceremony's challenge answers (the browser's own timeout is set a little shorter). */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** The cookie holding the passwordless ceremony's browser binding (random; only its hash is stored). */
export const PASSKEY_COOKIE = '__Host-palisade_passkey';

export interface PasskeyView {
  id: string;
  name: string;
  aaguid: string;
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  transports: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

/** Who registers: a signed-in user, or a pending sign-in that must enrol a factor. */
export type RegisterCaller = { userId: string; sessionId: string; pending?: PendingSession };

/** Who asks for an assertion: nobody yet (passwordless), a pending second step, or a signed-in
    user stepping up. Decided by the route from the request's session, never from the body. */
export type AssertionCaller =
  | { mode: 'sign_in'; browser: string }
  | { mode: 'second_factor'; pending: PendingSession }
  | { mode: 'step_up'; userId: string; sessionId: string };

export interface Passkeys {
  registrationOptions(c: RegisterCaller): Promise<PublicKeyCredentialCreationOptionsJSON>;
  /** Verifies the attestation; returns the passkey, the recovery codes when it is the user's
      first factor, and for a pending enrolment the cookie of the now usable session. */
  register(c: RegisterCaller, input: { name?: string | undefined; response: RegistrationResponseJSON }, source: RequestSource): Promise<{ passkey: PasskeyView; recoveryCodes?: string[]; cookie?: string }>;
  list(userId: string): Promise<PasskeyView[]>;
  rename(c: { userId: string }, id: string, name: string, source: RequestSource): Promise<PasskeyView>;
  remove(c: { userId: string }, id: string, source: RequestSource): Promise<void>;
  assertionOptions(c: AssertionCaller): Promise<PublicKeyCredentialRequestOptionsJSON>;
  /** Verifies an assertion for the caller's ceremony. sign_in and second_factor answer the
      cookie of a usable session; step_up marks the session recently authenticated. */
  verify(c: AssertionCaller, response: AuthenticationResponseJSON, source: RequestSource): Promise<{ userId: string; sessionId: string; cookie?: string }>;
}

export interface PasskeysDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  identity: Identity;
  config: { rpId: string; rpName: string; origins: string[] };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const sessionBinding = (sessionId: string) => sha256(`session:${sessionId}`);
const browserBinding = (nonce: string) => sha256(`browser:${nonce}`);
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

function view(r: repo.CredentialRow): PasskeyView {
  return {
    id: r.id,
    name: r.name,
    aaguid: r.aaguid,
    deviceType: r.device_type,
    backedUp: r.backed_up,
    transports: r.transports,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
  };
}

/** The challenge the client says it signed, from clientDataJSON (checked again by the library). */
function clientChallenge(clientDataJSON: string): Buffer | null {
  try {
    const parsed = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    if (typeof parsed.challenge !== 'string') return null;
    const raw = Buffer.from(parsed.challenge, 'base64url');
    return raw.length === 32 ? raw : null;
  } catch {
    return null;
  }
}

export function createPasskeys(deps: PasskeysDeps): Passkeys {
  const { db, clock, identity, config } = deps;
  const { sessions, background, mailer, rateLimiter } = identity;
  const timeout = CHALLENGE_TTL_MS - 30_000;

  const send = (name: string, message: Parameters<typeof mailer.deliver>[0]): void => {
    background.run(name, () => mailer.deliver(message));
  };
  const event = (userId: string | null, action: string, source: RequestSource, now: Date, extra: Partial<AuthEvent> = {}): AuthEvent => ({
    action,
    actor: userId ? { type: 'user', id: userId } : { type: 'anonymous', id: null },
    ...(userId ? { target: { type: 'user', id: userId } } : {}),
    outcome: 'allowed',
    source,
    occurredAt: now,
    ...extra,
  });

  const newChallenge = async (purpose: repo.ChallengePurpose, binding: Buffer, userId: string | null): Promise<Uint8Array<ArrayBuffer>> => {
    const challenge = new Uint8Array(randomBytes(32));
    const now = clock.now();
    await withSystem(db, (tx) => repo.putChallenge(tx, { challenge: Buffer.from(challenge), purpose, binding, userId, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS), now }));
    return challenge;
  };

  const bindingOf = (c: AssertionCaller): { purpose: repo.ChallengePurpose; binding: Buffer; userId: string | null } => {
    if (c.mode === 'sign_in') return { purpose: 'sign_in', binding: browserBinding(c.browser), userId: null };
    if (c.mode === 'second_factor') return { purpose: 'second_factor', binding: sessionBinding(c.pending.sessionId), userId: c.pending.userId };
    return { purpose: 'step_up', binding: sessionBinding(c.sessionId), userId: c.userId };
  };

  const factorState = async (userId: string) => {
    const s = await withSystem(db, (tx) => mfaRepo.factorState(tx, userId));
    if (!s) throw new InvalidCredentials();
    return s;
  };

  return {
    async registrationOptions(c) {
      const state = await factorState(c.userId);
      const existing = await withSystem(db, (tx) => repo.credentialsOf(tx, c.userId));
      const challenge = await newChallenge('register', sessionBinding(c.sessionId), c.userId);
      return generateRegistrationOptions({
        rpName: config.rpName,
        rpID: config.rpId,
        userName: state.email,
        userID: new TextEncoder().encode(c.userId),
        challenge,
        timeout,
        attestationType: 'none',
        // A discoverable credential (passwordless sign-in) with user verification (two factors).
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        excludeCredentials: existing.map((r) => ({ id: b64u(r.credential_id), transports: r.transports })),
      });
    },

    async register(c, input, source) {
      await rateLimiter.hit('passkey_register', { ip: source.ip, account: c.userId });
      const now = clock.now();
      const refuse = async (reason: string): Promise<never> => {
        await withSystem(db, (tx) => auditAuthEvent(tx, c.userId, event(c.userId, 'auth.passkey_registered', source, now, { outcome: 'failed', reason })));
        throw new PasskeyRegistrationFailed();
      };
      const challenge = clientChallenge(input.response.response.clientDataJSON);
      if (!challenge) return refuse('malformed client data');
      const taken = await withSystem(db, (tx) => repo.takeChallenge(tx, challenge, 'register', sessionBinding(c.sessionId), now));
      if (!taken || taken.user_id !== c.userId) return refuse('unknown, used, expired or foreign challenge');
      let info;
      try {
        const r = await verifyRegistrationResponse({
          response: input.response,
          expectedChallenge: b64u(challenge),
          expectedOrigin: config.origins,
          expectedRPID: config.rpId,
          requireUserVerification: true,
        });
        if (!r.verified) return refuse('attestation not verified');
        info = r.registrationInfo;
      } catch (e) {
        return refuse(`attestation refused: ${(e as Error).message.slice(0, 200)}`);
      }
      const state = await factorState(c.userId);
      const firstFactor = !state.totp_confirmed && state.passkeys === 0;
      const id = newId('pk');
      const result = await withSystem(db, async (tx) => {
        const stored = await repo.insertCredential(tx, {
          id,
          userId: c.userId,
          credentialId: Buffer.from(info.credential.id, 'base64url'),
          publicKey: Buffer.from(info.credential.publicKey),
          signCount: info.credential.counter,
          transports: info.credential.transports ?? input.response.response.transports ?? [],
          name: input.name ?? 'Passkey',
          aaguid: info.aaguid,
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          now,
        });
        if (!stored) return null;
        const codes = firstFactor && state.recovery_left === 0 ? await issueRecoveryCodes(tx, c.userId, now) : null;
        await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.passkey_registered', source, now, {
          target: { type: 'mfa_factor', id: `passkey:${id}` },
          metadata: { factor: 'passkey', aaguid: info.aaguid, deviceType: info.credentialDeviceType, backedUp: info.credentialBackedUp, recoveryCodes: codes?.length ?? 0 },
        }));
        if (c.pending) {
          if (!(await mfaRepo.completeSessionStep(tx, c.pending.sessionId, 'mfa_enrol', ['hwk'], now))) return null;
          await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.sign_in', source, now, { metadata: { step: 'mfa_enrol', method: 'passkey', sessionId: c.pending.sessionId } }));
        }
        const [row] = (await repo.credentialsOf(tx, c.userId)).filter((r) => r.id === id);
        return { row: row as repo.CredentialRow, codes };
      });
      if (!result) return refuse('credential already registered, or the sign-in is no longer pending');
      send('mail.mfa_enabled', emails.mfaEnabled(state.email, `A passkey ("${result.row.name}")`));
      const out: { passkey: PasskeyView; recoveryCodes?: string[]; cookie?: string } = { passkey: view(result.row) };
      if (result.codes) out.recoveryCodes = result.codes;
      if (c.pending) {
        const cookie = await sessions.reissue(c.pending.sessionId);
        if (!cookie) return refuse('the sign-in is no longer pending');
        out.cookie = cookie;
      }
      return out;
    },

    async list(userId) {
      return (await withSystem(db, (tx) => repo.credentialsOf(tx, userId))).map(view);
    },

    async rename(c, id, name, source) {
      const now = clock.now();
      const row = await withSystem(db, async (tx) => {
        const r = await repo.rename(tx, c.userId, id, name);
        if (r) await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.passkey_renamed', source, now, { target: { type: 'mfa_factor', id: `passkey:${id}` }, metadata: { name } }));
        return r;
      });
      // Another user's passkey and a missing one are the same answer (TEN-4).
      if (!row) throw new NotFound('No such passkey');
      return view(row);
    },

    async remove(c, id, source) {
      const now = clock.now();
      const outcome = await withSystem(db, async (tx) => {
        // One removal at a time per user, so two concurrent removals cannot both pass the
        // last-factor check.
        const before = await repo.lockFactors(tx, c.userId);
        if (!before) return 'missing' as const;
        const r = await repo.remove(tx, c.userId, id);
        if (!r) return 'missing' as const;
        const left = (before.totp_confirmed ? 1 : 0) + before.passkeys - 1;
        // The last factor of a member of an organisation that requires MFA stays.
        if (left === 0 && (before.required_by_org || identity.config.mfa.requiredForAll)) throw new LastFactor();
        if (left === 0) await mfaRepo.deleteRecoveryCodes(tx, c.userId);
        await auditAuthEvent(tx, c.userId, event(c.userId, 'auth.mfa_removed', source, now, { target: { type: 'mfa_factor', id: `passkey:${id}` }, metadata: { factor: 'passkey', name: r.name } }));
        return { name: r.name, email: before.email };
      }).catch((e: unknown) => {
        if (e instanceof LastFactor) return 'last' as const;
        throw e;
      });
      // Another user's passkey and a missing one are the same answer (TEN-4).
      if (outcome === 'missing') throw new NotFound('No such passkey');
      if (outcome === 'last') throw identity.config.mfa.requiredForAll ? new MfaRequiredByPlatform() : new MfaRequiredByOrg();
      send('mail.mfa_removed', emails.mfaRemoved(outcome.email, `A passkey ("${outcome.name}")`));
    },

    async assertionOptions(c) {
      const { purpose, binding, userId } = bindingOf(c);
      const allow = userId ? await withSystem(db, (tx) => repo.credentialsOf(tx, userId)) : [];
      const challenge = await newChallenge(purpose, binding, userId);
      return generateAuthenticationOptions({
        rpID: config.rpId,
        challenge,
        timeout,
        userVerification: 'required',
        // Passwordless: empty, the authenticator offers its discoverable credentials for rpID.
        allowCredentials: allow.map((r) => ({ id: b64u(r.credential_id), transports: r.transports })),
      });
    },

    async verify(c, response, source) {
      const { purpose, binding, userId: expectedUser } = bindingOf(c);
      await rateLimiter.hit('passkey_verify', { ip: source.ip, ...(expectedUser ? { account: expectedUser } : {}) });
      const action = c.mode === 'sign_in' ? 'auth.sign_in' : c.mode === 'second_factor' ? 'auth.mfa_verify' : 'auth.step_up';
      const now = clock.now();
      const refuse = async (reason: string, userId: string | null, metadata: Record<string, unknown> = {}): Promise<never> => {
        await withSystem(db, (tx) => auditAuthEvent(tx, userId, event(userId, action, source, now, { outcome: 'failed', reason, metadata: { method: 'passkey', ...metadata } })));
        throw new PasskeyInvalid();
      };
      const challenge = clientChallenge(response.response.clientDataJSON);
      if (!challenge) return refuse('malformed client data', expectedUser);
      // Spent here, before anything else is checked: it answers at most once.
      const taken = await withSystem(db, (tx) => repo.takeChallenge(tx, challenge, purpose, binding, now));
      if (!taken || taken.user_id !== expectedUser) return refuse('unknown, used, expired or foreign challenge', expectedUser);
      const cred = await withSystem(db, (tx) => repo.credentialByRawId(tx, Buffer.from(response.rawId, 'base64url')));
      if (!cred) return refuse('unknown or deleted credential', expectedUser);
      if (expectedUser !== null && cred.user_id !== expectedUser) return refuse('credential of another user', expectedUser, { credentialOwner: cred.user_id });
      if (expectedUser === null) {
        const handle = response.response.userHandle ? Buffer.from(response.response.userHandle, 'base64url').toString('utf8') : '';
        if (handle !== cred.user_id) return refuse('user handle does not name the credential\'s owner', cred.user_id);
      }
      const userId = cred.user_id;
      let info;
      try {
        const r = await verifyAuthenticationResponse({
          response,
          expectedChallenge: b64u(challenge),
          expectedOrigin: config.origins,
          expectedRPID: config.rpId,
          credential: { id: b64u(cred.credential_id), publicKey: new Uint8Array(cred.public_key), counter: Number(cred.sign_count), transports: cred.transports as never },
          requireUserVerification: true,
        });
        if (!r.verified) return refuse('signature not verified', userId, { passkey: cred.id });
        info = r.authenticationInfo;
      } catch (e) {
        const message = (e as Error).message;
        const clone = /counter/i.test(message);
        return refuse(clone ? 'signature counter did not advance (cloned authenticator?)' : `assertion refused: ${message.slice(0, 200)}`, userId, { passkey: cred.id });
      }

      if (c.mode === 'sign_in') {
        const facts = await withSystem(db, (tx) => repo.signInFacts(tx, userId));
        if (!facts) return refuse('account gone', null);
        if (facts.sso_required) {
          await withSystem(db, (tx) => auditAuthEvent(tx, userId, event(userId, action, source, now, { outcome: 'denied', denyLayer: 'sso_required', reason: 'the organisation requires single sign-on', metadata: { method: 'passkey' } }), facts.org_ids));
          throw new SsoRequired();
        }
        const session = sessions.prepare({ userId, email: facts.email, activeOrgId: facts.org_ids[0] ?? null, pendingStep: null, amr: ['hwk', 'mfa'], source });
        const ok = await withSystem(db, async (tx) => {
          if (!(await repo.advanceCounter(tx, cred.id, info.newCounter, info.credentialBackedUp, now))) return false;
          await session.insert(tx.sql);
          await auditAuthEvent(tx, userId, event(userId, action, source, now, { metadata: { step: 'passkey', method: 'passkey', passkey: cred.id } }), facts.org_ids);
          await auditAuthEvent(tx, userId, session.audit, facts.org_ids);
          return sessions.limit(tx, userId, session.id, source, facts.org_ids);
        });
        if (!ok) return refuse('signature counter did not advance (cloned authenticator?)', userId, { passkey: cred.id });
        await sessions.revoked(ok);
        const issued = await session.issue();
        return { userId, sessionId: session.id, cookie: issued.cookie };
      }

      const sessionId = c.mode === 'second_factor' ? c.pending.sessionId : c.sessionId;
      const ok = await withSystem(db, async (tx) => {
        if (!(await repo.advanceCounter(tx, cred.id, info.newCounter, info.credentialBackedUp, now))) return 'counter' as const;
        if (c.mode === 'second_factor') {
          if (!(await mfaRepo.completeSessionStep(tx, sessionId, 'mfa', ['hwk'], now))) return 'not_pending' as const;
          await mfaRepo.clearMfaFailures(tx, userId, now);
          await auditAuthEvent(tx, userId, event(userId, 'auth.sign_in', source, now, { metadata: { step: 'mfa', method: 'passkey', passkey: cred.id, sessionId } }));
        } else {
          await mfaRepo.markAuthenticated(tx, sessionId, ['hwk'], now);
          await auditAuthEvent(tx, userId, event(userId, 'auth.step_up', source, now, { metadata: { method: 'passkey', passkey: cred.id, sessionId } }));
        }
        return 'ok' as const;
      });
      if (ok === 'counter') return refuse('signature counter did not advance (cloned authenticator?)', userId, { passkey: cred.id });
      if (ok === 'not_pending') return refuse('sign-in no longer pending', userId, { passkey: cred.id });
      if (c.mode === 'step_up') return { userId, sessionId };
      const cookie = await sessions.reissue(sessionId);
      if (!cookie) return refuse('session gone', userId);
      return { userId, sessionId, cookie };
    },
  };
}

class LastFactor extends Error {}

async function issueRecoveryCodes(tx: SystemTx, userId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await mfaRepo.replaceRecoveryCodes(tx, userId, codes.map((c) => recoveryCodeHash(userId, normaliseRecoveryCode(c) as string)), now);
  return codes;
}
