/* Every SQL statement of second factors and step-up. Global tables (mfa_totp,
   mfa_recovery_codes, users' second-step lockout, sessions) on the platform path; the
   organisation's policy (org_auth_policies) in the organisation's transaction. Tagged templates
   only (VAL-2). The secret column is selected only by the functions that decrypt it. */
import type { OrgTx, SystemTx } from '../../db/index.js';

export interface FactorState {
  email: string;
  mfa_locked_until: Date | null;
  totp_secret: Buffer | null;
  totp_confirmed: boolean;
  last_step: number | null;
  recovery_left: number;
  /** Registered passkeys (identity/passkeys). */
  passkeys: number;
  required_by_org: boolean;
}

/** The user's factors, second-step lockout and whether an organisation of theirs requires MFA. */
export async function factorState(tx: SystemTx, userId: string): Promise<FactorState | null> {
  const [row] = await tx.sql<Array<Omit<FactorState, 'last_step'> & { last_step: string | null }>>`
    select u.email, u.mfa_locked_until,
           t.secret as totp_secret, (t.confirmed_at is not null) as totp_confirmed, t.last_step,
           (select count(*)::int from mfa_recovery_codes r where r.user_id = u.id and r.used_at is null) as recovery_left,
           (select count(*)::int from webauthn_credentials w where w.user_id = u.id) as passkeys,
           exists(select 1 from memberships m join org_auth_policies p on p.org_id = m.org_id
                  where m.user_id = u.id and p.require_mfa) as required_by_org
    from users u left join mfa_totp t on t.user_id = u.id
    where u.id = ${userId}`;
  if (!row) return null;
  return { ...row, totp_confirmed: row.totp_secret !== null && row.totp_confirmed, last_step: row.last_step === null ? null : Number(row.last_step) };
}

/** A new (unconfirmed) TOTP enrolment replaces an unconfirmed one; never a confirmed one. */
export async function putPendingTotp(tx: SystemTx, userId: string, secret: Buffer, now: Date): Promise<boolean> {
  const rows = await tx.sql`
    insert into mfa_totp (user_id, secret, confirmed_at, last_step, created_at) values (${userId}, ${secret}, null, null, ${now})
    on conflict (user_id) do update set secret = excluded.secret, created_at = excluded.created_at, last_step = null
      where mfa_totp.confirmed_at is null
    returning user_id`;
  return rows.length === 1;
}

/** Records `step` as used; false when it (or a later step) was used already: the replay check,
    atomic, so two requests with one code cannot both pass. */
export async function useTotpStep(tx: SystemTx, userId: string, step: number, confirm: boolean, now: Date): Promise<boolean> {
  const rows = await tx.sql`
    update mfa_totp set last_step = ${step},
      confirmed_at = case when ${confirm} then coalesce(confirmed_at, ${now}::timestamptz) else confirmed_at end
    where user_id = ${userId} and (last_step is null or last_step < ${step})
      and (confirmed_at is not null) = ${!confirm}
    returning user_id`;
  return rows.length === 1;
}

export async function deleteTotp(tx: SystemTx, userId: string): Promise<boolean> {
  const rows = await tx.sql`delete from mfa_totp where user_id = ${userId} and confirmed_at is not null returning user_id`;
  return rows.length === 1;
}

/** A new set voids the old one (used and unused). */
export async function replaceRecoveryCodes(tx: SystemTx, userId: string, hashes: readonly Buffer[], now: Date): Promise<void> {
  await tx.sql`delete from mfa_recovery_codes where user_id = ${userId}`;
  await tx.sql`insert into mfa_recovery_codes ${tx.sql(hashes.map((h) => ({ user_id: userId, code_hash: h, created_at: now })))}`;
}

export async function deleteRecoveryCodes(tx: SystemTx, userId: string): Promise<void> {
  await tx.sql`delete from mfa_recovery_codes where user_id = ${userId}`;
}

/** Spends a recovery code: 'used' when this call spent it, 'reused' when it was spent before,
    'unknown' otherwise. Atomic: one code cannot be spent twice. */
export async function spendRecoveryCode(tx: SystemTx, userId: string, hash: Buffer, now: Date): Promise<'used' | 'reused' | 'unknown'> {
  const [row] = await tx.sql<{ spent: boolean }[]>`
    with spent as (
      update mfa_recovery_codes set used_at = ${now}
      where user_id = ${userId} and code_hash = ${hash} and used_at is null
      returning 1
    )
    select exists(select 1 from spent) as spent,
           exists(select 1 from mfa_recovery_codes where user_id = ${userId} and code_hash = ${hash}) as known`;
  const r = row as { spent: boolean; known?: boolean } | undefined;
  if (r?.spent) return 'used';
  return r?.known ? 'reused' : 'unknown';
}

/** A wrong second-factor code: counted; the count reaching the threshold locks the second step
    (and restarts). Not counted while locked, so an attacker cannot extend the lock. */
export async function recordMfaFailure(tx: SystemTx, userId: string, now: Date, threshold: number, lockUntil: Date): Promise<{ lockedNow: boolean }> {
  const [row] = await tx.sql<{ locked_now: boolean }[]>`
    update users set
      failed_mfa = case when failed_mfa + 1 >= ${threshold} then 0 else failed_mfa + 1 end,
      mfa_locked_until = case when failed_mfa + 1 >= ${threshold} then ${lockUntil}::timestamptz else mfa_locked_until end,
      updated_at = ${now}
    where id = ${userId} and (mfa_locked_until is null or mfa_locked_until <= ${now})
    returning (failed_mfa = 0 and mfa_locked_until = ${lockUntil}::timestamptz) as locked_now`;
  return { lockedNow: row?.locked_now ?? false };
}

export async function clearMfaFailures(tx: SystemTx, userId: string, now: Date): Promise<void> {
  await tx.sql`update users set failed_mfa = 0, mfa_locked_until = null, updated_at = ${now}
               where id = ${userId} and (failed_mfa <> 0 or mfa_locked_until is not null)`;
}

/** Finishes a pending sign-in step: the session becomes usable, its methods recorded. False when
    the session is no longer waiting for that step (finished by a concurrent request, revoked). */
export async function completeSessionStep(tx: SystemTx, sessionId: string, step: 'mfa' | 'mfa_enrol', amr: readonly string[], now: Date): Promise<boolean> {
  const rows = await tx.sql`
    update sessions set pending_step = null, amr = array(select distinct unnest(amr || ${amr as string[]}::text[])), authenticated_at = ${now}
    where id = ${sessionId} and pending_step = ${step} and revoked_at is null
    returning id`;
  return rows.length === 1;
}

/** Step-up: the session's user proved who they are again. */
export async function markAuthenticated(tx: SystemTx, sessionId: string, amr: readonly string[], now: Date): Promise<void> {
  await tx.sql`
    update sessions set authenticated_at = ${now}, amr = array(select distinct unnest(amr || ${amr as string[]}::text[]))
    where id = ${sessionId} and revoked_at is null and pending_step is null`;
}

// ---- the organisation's policy (tenant table, RLS)

export async function orgPolicy(tx: OrgTx): Promise<{ require_mfa: boolean; updated_at: Date | null }> {
  const [row] = await tx.sql<{ require_mfa: boolean; updated_at: Date }[]>`
    select require_mfa, updated_at from org_auth_policies where org_id = ${tx.orgId}`;
  return row ?? { require_mfa: false, updated_at: null };
}

export async function setOrgRequireMfa(tx: OrgTx, requireMfa: boolean, now: Date): Promise<boolean> {
  const [row] = await tx.sql<{ previous: boolean | null }[]>`
    with old as (select require_mfa from org_auth_policies where org_id = ${tx.orgId} for update),
    up as (
      insert into org_auth_policies (org_id, require_mfa, updated_at) values (${tx.orgId}, ${requireMfa}, ${now})
      on conflict (org_id) do update set require_mfa = excluded.require_mfa, updated_at = excluded.updated_at
      returning 1
    )
    select (select require_mfa from old) as previous, (select count(*) from up) as n`;
  return row?.previous ?? false;
}
