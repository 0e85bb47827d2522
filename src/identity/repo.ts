/* Every SQL statement of the identity module. Users, sessions, email tokens, signing keys and
   rate-limit counters are global tables reached on the platform path (SystemTx); memberships
   are read here only to fan audit events out to a user's organisations and to apply their
   session policies. Tagged templates only (VAL-2).
   Most functions run inside a caller's transaction (SystemTx). The few that take the platform
   pool itself (`system: Sql`) are single statements, each its own transaction — PostgreSQL
   applies all of a statement's parts (data-modifying WITH clauses included) or none — used
   where one statement replaces a transaction's several round trips (sign-in, issue 6). The
   platform pool is palisade_system, the role withSystem uses; no trigger or policy reads the
   actor setting withSystem adds, so nothing differs but the round trips. */
import type { PendingQuery, Row, Sql } from 'postgres';
import type { SystemTx } from '../db/index.js';

export interface UserRow {
  id: string;
  email: string;
  email_key: string;
  name: string | null;
  password_hash: string | null;
  failed_sign_ins: number;
  locked_until: Date | null;
  email_verified_at: Date;
  created_at: Date;
}

const USER_COLUMNS = ['id', 'email', 'email_key', 'name', 'password_hash', 'failed_sign_ins', 'locked_until', 'email_verified_at', 'created_at'] as const;

// ---- users

export async function findUserByEmailKey(tx: SystemTx, emailKey: string): Promise<UserRow | null> {
  const [row] = await tx.sql<UserRow[]>`select ${tx.sql(USER_COLUMNS)} from users where email_key = ${emailKey}`;
  return row ?? null;
}

export async function findUserById(tx: SystemTx, id: string): Promise<UserRow | null> {
  const [row] = await tx.sql<UserRow[]>`select ${tx.sql(USER_COLUMNS)} from users where id = ${id}`;
  return row ?? null;
}

/** Inserts a verified user; null when the address was taken meanwhile. */
export async function insertUser(
  tx: SystemTx,
  u: { id: string; email: string; emailKey: string; name: string | null; passwordHash: string; now: Date },
): Promise<string | null> {
  const [row] = await tx.sql<{ id: string }[]>`
    insert into users (id, email, email_key, name, password_hash, password_changed_at, email_verified_at, created_at, updated_at)
    values (${u.id}, ${u.email}, ${u.emailKey}, ${u.name}, ${u.passwordHash}, ${u.now}, ${u.now}, ${u.now}, ${u.now})
    on conflict (email_key) do nothing
    returning id`;
  return row?.id ?? null;
}

/** Counts one failed sign-in atomically; locks the account when the count reaches the
    threshold (and starts counting afresh). Attempts while locked are not counted, so a lock is
    never extended by an attacker. Returns whether this failure set the lock. */
export async function recordSignInFailure(
  tx: SystemTx,
  userId: string,
  now: Date,
  threshold: number,
  lockUntil: Date,
): Promise<{ lockedNow: boolean }> {
  const [row] = await tx.sql<{ locked_now: boolean }[]>`
    update users set
      failed_sign_ins = case when failed_sign_ins + 1 >= ${threshold} then 0 else failed_sign_ins + 1 end,
      locked_until = case when failed_sign_ins + 1 >= ${threshold} then ${lockUntil}::timestamptz else locked_until end,
      updated_at = ${now}
    where id = ${userId} and (locked_until is null or locked_until <= ${now})
    returning (failed_sign_ins = 0 and locked_until = ${lockUntil}::timestamptz) as locked_now`;
  return { lockedNow: row?.locked_now ?? false };
}

/** recordSignInFailure for a known device (known_devices): the same count and lock, on the
    device's own row, so an attacker's failures from elsewhere never spend it (issue 11.2). */
export async function recordDeviceFailure(
  tx: SystemTx,
  deviceId: string,
  userId: string,
  now: Date,
  threshold: number,
  lockUntil: Date,
): Promise<{ lockedNow: boolean }> {
  const [row] = await tx.sql<{ locked_now: boolean }[]>`
    update known_devices set
      failed_sign_ins = case when failed_sign_ins + 1 >= ${threshold} then 0 else failed_sign_ins + 1 end,
      locked_until = case when failed_sign_ins + 1 >= ${threshold} then ${lockUntil}::timestamptz else locked_until end
    where id = ${deviceId} and user_id = ${userId} and (locked_until is null or locked_until <= ${now})
    returning (failed_sign_ins = 0 and locked_until = ${lockUntil}::timestamptz) as locked_now`;
  return { lockedNow: row?.locked_now ?? false };
}

/** A device the user now knows: a new row, or (same id and user) its expiry moved on. The id
    comes from a device cookie whose signature was checked; a row of another user is never
    taken over (the conflict updates only a row of the same user). */
export async function rememberDevice(tx: SystemTx, d: { id: string; userId: string; now: Date; expiresAt: Date }): Promise<void> {
  await tx.sql`
    insert into known_devices (id, user_id, created_at, last_used_at, expires_at)
    values (${d.id}, ${d.userId}, ${d.now}, ${d.now}, ${d.expiresAt})
    on conflict (id) do update set last_used_at = excluded.last_used_at, expires_at = excluded.expires_at
    where known_devices.user_id = excluded.user_id`;
}

/** Expired devices are dead rows (housekeeping, off the request path). */
export async function pruneKnownDevices(system: Sql, now: Date): Promise<number> {
  const rows = await system`delete from known_devices where id in (select id from known_devices where expires_at <= ${now} for update skip locked)`;
  return rows.count;
}

/** What sign-in reads before it verifies the password, found by one statement that also counts
    the request against its rate limits (see signInLookup). */
export interface SignInCandidate {
  /** When the latest window the request is over the limit of ends; null when within every limit. */
  blocked_until: Date | null;
  /** The user, or null for an address with no account. */
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'password_hash' | 'locked_until'> | null;
  /** The browser's device cookie names a live known device of this user: its own lock applies
      instead of the account's (null: an unknown device). */
  device: { id: string; locked_until: Date | null } | null;
  /** The user's organisations, oldest membership first (none for an unknown address). */
  org_ids: string[];
  /** The user has a confirmed second factor (identity/mfa). */
  has_factor: boolean;
  /** One of the user's organisations requires a second factor (org_auth_policies). */
  mfa_required: boolean;
  /** The address's domain is verified by an organisation that requires single sign-on. */
  sso_required: boolean;
  /** The user's live sessions (unrevoked, unexpired) as this statement saw them: the session
      cap (ASVS V7.1.2) runs only when the new one takes the account past it. */
  live_sessions: number;
}

/** Sign-in's first statement: the rate-limit hits, the user by address and the user's
    organisations, in one round trip. The same statement runs whether or not the address is
    registered (AUTH-7); the caller refuses a limited request before verifying anything. */
export async function signInLookup(system: Sql, limits: RateLimitHits, emailKey: string, deviceId: string | null): Promise<SignInCandidate> {
  const [row] = await system<Array<{ blocked_until: Date | null; id: string | null; email: string; name: string | null; password_hash: string | null; locked_until: Date | null; org_ids: string[]; has_factor: boolean; mfa_required: boolean; sso_required: boolean; live_sessions: number; device_id: string | null; device_locked_until: Date | null }>>`
    with ${rateLimitCounting(system, limits)}
    select (select ends_at from blocked) as blocked_until,
           u.id, u.email, u.name, u.password_hash, u.locked_until,
           array(select m.org_id from memberships m where m.user_id = u.id order by m.created_at, m.org_id) as org_ids,
           exists(select 1 from mfa_totp t where t.user_id = u.id and t.confirmed_at is not null)
             or exists(select 1 from webauthn_credentials w where w.user_id = u.id) as has_factor,
           exists(select 1 from memberships m join org_auth_policies p on p.org_id = m.org_id
                  where m.user_id = u.id and p.require_mfa) as mfa_required,
           exists(select 1 from org_domains d join org_sso_connections c on c.org_id = d.org_id
                  where d.domain = split_part(${emailKey}, '@', 2) and d.verified_at is not null
                    and c.enabled and c.sso_required) as sso_required,
           (select count(*)::int from sessions s where s.user_id = u.id and s.revoked_at is null
              and s.expires_at > ${limits.now}) as live_sessions,
           (select k.id from known_devices k where k.id = ${deviceId}::text and k.user_id = u.id and k.expires_at > ${limits.now}) as device_id,
           (select k.locked_until from known_devices k where k.id = ${deviceId}::text and k.user_id = u.id and k.expires_at > ${limits.now}) as device_locked_until
    from (select) as one left join users u on u.email_key = ${emailKey}`;
  if (!row) throw new TypeError('sign-in lookup returned no row');
  const { blocked_until, org_ids, id, email, name, password_hash, locked_until, has_factor, mfa_required, sso_required, live_sessions, device_id, device_locked_until } = row;
  return {
    blocked_until, org_ids, has_factor, mfa_required, sso_required, live_sessions,
    user: id === null ? null : { id, email, name, password_hash, locked_until },
    device: device_id === null ? null : { id: device_id, locked_until: device_locked_until },
  };
}

/** A successful sign-in, in one statement (one transaction): the failure count and any lock
    cleared (and the hash replaced when it was re-hashed; a row with nothing to clear is not
    rewritten), the session row, and the audit records of both. A session therefore never
    exists without its records, nor the records without the session (AUTH-12). `session` and
    `audits` are statements built by their owners (sessions.ts, the audit module's appendAudit):
    each becomes one WITH clause. */
export async function commitSignIn(
  system: Sql,
  s: {
    userId: string;
    now: Date;
    rehash: string | null;
    /** The device signing in: a known one has its own count cleared (the account's lock of
        unknown devices stays); any other becomes known. */
    device: { id: string; known: boolean; expiresAt: Date };
    session: PendingQuery<Row[]>;
    audits: readonly PendingQuery<Row[]>[];
  },
): Promise<void> {
  const audits = s.audits.map((q, i) => system`, ${system(`audit_${i}`)} as (${q})`);
  const d = s.device;
  await system`
    with signed_in as (
      update users set
        failed_sign_ins = case when ${d.known} then failed_sign_ins else 0 end,
        locked_until = case when ${d.known} then locked_until else null end,
        password_hash = coalesce(${s.rehash}::text, password_hash), updated_at = ${s.now}
      where id = ${s.userId} and ((not ${d.known} and (failed_sign_ins <> 0 or locked_until is not null)) or ${s.rehash}::text is not null)
    ), device as (
      insert into known_devices (id, user_id, created_at, last_used_at, expires_at)
      values (${d.id}, ${s.userId}, ${s.now}, ${s.now}, ${d.expiresAt})
      on conflict (id) do update set failed_sign_ins = 0, locked_until = null, last_used_at = excluded.last_used_at, expires_at = excluded.expires_at
      where known_devices.user_id = excluded.user_id
    ), session as (${s.session})${audits.length > 0 ? audits : system``}
    select`;
}

/** A new password also clears the lockout: the owner proved control of the account. And it
    forgets every known device: a browser that signed in with the old password (perhaps an
    attacker's) keeps no budget of its own. */
export async function setPassword(tx: SystemTx, userId: string, hash: string, now: Date): Promise<void> {
  await tx.sql`update users set password_hash = ${hash}, password_changed_at = ${now}, failed_sign_ins = 0,
               locked_until = null, updated_at = ${now} where id = ${userId}`;
  await tx.sql`delete from known_devices where user_id = ${userId}`;
}

export interface MembershipRow {
  org_id: string;
  org_name: string;
  roles: string[];
  created_at: Date;
}

export async function membershipsOfUser(tx: SystemTx, userId: string): Promise<MembershipRow[]> {
  return tx.sql<MembershipRow[]>`
    select m.org_id, o.name as org_name, m.roles, m.created_at
    from memberships m join orgs o on o.id = m.org_id
    where m.user_id = ${userId}
    order by m.created_at, m.org_id`;
}

export async function orgIdsOfUser(tx: SystemTx, userId: string): Promise<string[]> {
  const rows = await tx.sql<{ org_id: string }[]>`select org_id from memberships where user_id = ${userId} order by org_id`;
  return rows.map((r) => r.org_id);
}

export async function isMember(tx: SystemTx, userId: string, orgId: string): Promise<boolean> {
  const [row] = await tx.sql`select 1 from memberships where user_id = ${userId} and org_id = ${orgId}`;
  return row !== undefined;
}

// ---- one-time email tokens

export async function insertEmailToken(
  tx: SystemTx,
  t: {
    hash: Buffer;
    purpose: 'verify_email' | 'password_reset' | 'account_unlock';
    userId: string | null;
    emailKey: string;
    pendingEmail?: string | null;
    pendingName?: string | null;
    pendingPasswordHash?: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.sql`
    insert into email_tokens (token_hash, purpose, user_id, email_key, pending_email, pending_name, pending_password_hash, created_at, expires_at)
    values (${t.hash}, ${t.purpose}, ${t.userId}, ${t.emailKey}, ${t.pendingEmail ?? null}, ${t.pendingName ?? null},
            ${t.pendingPasswordHash ?? null}, ${t.now}, ${t.expiresAt})`;
}

/** Removes earlier tokens of one purpose for an address (only the newest link works) and any
    expired token (housekeeping). */
export async function deleteEmailTokensFor(tx: SystemTx, emailKey: string, purpose: 'verify_email' | 'password_reset' | 'account_unlock', now: Date): Promise<void> {
  await tx.sql`delete from email_tokens where (email_key = ${emailKey} and purpose = ${purpose}) or expires_at <= ${now}`;
}

export interface EmailTokenRow {
  user_id: string | null;
  email_key: string;
  pending_email: string | null;
  pending_name: string | null;
  pending_password_hash: string | null;
}

/** Single use: the row is deleted by the statement that reads it, so two concurrent uses cannot
    both succeed. Expired rows never match. */
export async function consumeEmailToken(tx: SystemTx, hash: Buffer, purpose: 'verify_email' | 'password_reset' | 'account_unlock', now: Date): Promise<EmailTokenRow | null> {
  const [row] = await tx.sql<EmailTokenRow[]>`
    delete from email_tokens where token_hash = ${hash} and purpose = ${purpose} and expires_at > ${now}
    returning user_id, email_key, pending_email, pending_name, pending_password_hash`;
  return row ?? null;
}

/** Reads a reset token without consuming it (to check the new password against the address). */
export async function peekResetToken(tx: SystemTx, hash: Buffer, now: Date): Promise<{ user_id: string; email: string } | null> {
  const [row] = await tx.sql<{ user_id: string; email: string }[]>`
    select t.user_id, u.email from email_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${hash} and t.purpose = 'password_reset' and t.expires_at > ${now}`;
  return row ?? null;
}

// ---- sessions

export interface SessionRow {
  id: string;
  user_id: string;
  active_org_id: string | null;
  pending_step: string | null;
  amr: string[];
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Date | null;
}

export interface SessionInsert {
  id: string;
  userId: string;
  activeOrgId: string | null;
  pendingStep: string | null;
  amr: string[];
  now: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** The INSERT of a new session row, not yet run: the caller runs it in its transaction or
    embeds it in its statement. */
export function insertSession(sql: Sql, s: SessionInsert): PendingQuery<Row[]> {
  return sql`
    insert into sessions (id, user_id, active_org_id, pending_step, amr, created_at, last_seen_at, expires_at, ip, user_agent)
    values (${s.id}, ${s.userId}, ${s.activeOrgId}, ${s.pendingStep}, ${s.amr}, ${s.now}, ${s.now}, ${s.expiresAt}, ${s.ip}, ${s.userAgent})`;
}

/** The session, its user's address, and the inactivity timeout that applies to it: the
    configured one, shortened by the strictest policy of the user's organisations. */
export async function sessionForCheck(
  tx: SystemTx,
  id: string,
  configuredIdleSeconds: number,
): Promise<(SessionRow & { email: string; idle_seconds: number }) | null> {
  const [row] = await tx.sql<(SessionRow & { email: string; idle_seconds: number })[]>`
    select s.id, s.user_id, s.active_org_id, s.pending_step, s.amr, s.created_at, s.last_seen_at, s.expires_at,
           s.ip, s.user_agent, s.revoked_at, u.email,
           least(${configuredIdleSeconds}::int, (
             select min((o.settings->>'sessionIdleTimeoutSeconds')::int)
             from memberships m join orgs o on o.id = m.org_id
             where m.user_id = s.user_id and jsonb_typeof(o.settings->'sessionIdleTimeoutSeconds') = 'number'
           )) as idle_seconds
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id}`;
  return row ?? null;
}

/** When the session's user last proved who they are (sign-in, second step, step-up), for the
    step-up check; null for a missing, revoked or pending session. */
export async function sessionAuthenticatedAt(tx: SystemTx, id: string): Promise<Date | null> {
  const [row] = await tx.sql<{ at: Date }[]>`
    select coalesce(authenticated_at, created_at) as at from sessions
    where id = ${id} and revoked_at is null and pending_step is null`;
  return row?.at ?? null;
}

export async function touchSession(tx: SystemTx, id: string, now: Date, expiresAt: Date): Promise<void> {
  await tx.sql`update sessions set last_seen_at = ${now}, expires_at = ${expiresAt} where id = ${id} and revoked_at is null`;
}

export async function setActiveOrg(tx: SystemTx, sessionId: string, orgId: string | null, now: Date): Promise<void> {
  await tx.sql`update sessions set active_org_id = ${orgId}, last_seen_at = ${now} where id = ${sessionId} and revoked_at is null`;
}

/** Live sessions of a user: not revoked, inside the rolling window and the inactivity timeout. */
export async function liveSessionsOfUser(tx: SystemTx, userId: string, now: Date, idleSeconds: number): Promise<SessionRow[]> {
  return tx.sql<SessionRow[]>`
    select id, user_id, active_org_id, pending_step, amr, created_at, last_seen_at, expires_at, ip, user_agent, revoked_at
    from sessions
    where user_id = ${userId} and revoked_at is null and expires_at > ${now}
      and last_seen_at + make_interval(secs => ${idleSeconds}) > ${now}
    order by created_at desc, id desc
    limit 500`;
}

/** Revokes sessions; the trigger of migration 0020 notifies each id to every node's revocation
    set when this transaction commits, never before. Returns the ids. */
export async function revokeSessions(
  tx: SystemTx,
  where: { ids: string[]; userId?: string } | { userId: string; exceptId?: string | null },
  now: Date,
  reason: string,
): Promise<{ ids: string[] }> {
  const rows =
    'ids' in where
      ? await tx.sql<{ id: string }[]>`
          update sessions set revoked_at = ${now}, revoked_reason = ${reason}
          where id = any(${where.ids}::text[]) and revoked_at is null
            and (${where.userId ?? null}::text is null or user_id = ${where.userId ?? null})
          returning id`
      : await tx.sql<{ id: string }[]>`
          update sessions set revoked_at = ${now}, revoked_reason = ${reason}
          where user_id = ${where.userId} and revoked_at is null and id is distinct from ${where.exceptId ?? null}
          returning id`;
  return { ids: rows.map((r) => r.id) };
}

/** The session cap (ASVS V7.1.2): revokes the user's unrevoked, unexpired sessions beyond the
    `max` most recently used, never `keepId` (the new one, which counts as the most recent). The
    advisory lock serialises the caps of one user, so the last to run sees every committed
    session and leaves at most `max`. Notified by the trigger like revokeSessions. */
export async function revokeSessionsBeyond(tx: SystemTx, userId: string, keepId: string, max: number, now: Date): Promise<{ ids: string[] }> {
  await tx.sql`select pg_advisory_xact_lock(hashtext('palisade.session_cap'), hashtext(${userId}))`;
  const rows = await tx.sql<{ id: string }[]>`
    update sessions set revoked_at = ${now}, revoked_reason = 'session_limit'
    where id in (
      select id from sessions
      where user_id = ${userId} and revoked_at is null and expires_at > ${now} and id <> ${keepId}
      order by last_seen_at desc, created_at desc, id desc
      offset ${max - 1}
    )
    returning id`;
  return { ids: rows.map((r) => r.id) };
}

/** Revokes every live session of everyone (platform-wide kill, ASVS V7.4.5); notified by the
    trigger like revokeSessions. */
export async function revokeAllSessions(tx: SystemTx, now: Date, reason: string): Promise<{ ids: string[] }> {
  const rows = await tx.sql<{ id: string }[]>`
    update sessions set revoked_at = ${now}, revoked_reason = ${reason}
    where revoked_at is null and expires_at > ${now}
    returning id`;
  return { ids: rows.map((r) => r.id) };
}

export async function revokedSince(tx: SystemTx, since: Date): Promise<string[]> {
  const rows = await tx.sql<{ id: string }[]>`select id from sessions where revoked_at is not null and revoked_at >= ${since}`;
  return rows.map((r) => r.id);
}

// ---- signing keys

export interface KeyRow {
  id: string;
  purpose: 'session_jwt' | 'csrf';
  kek_id: string | null;
  secret: Buffer;
  created_at: Date;
}

export async function lockKeys(tx: SystemTx): Promise<void> {
  // One node at a time creates the first keys; the others then read them.
  await tx.sql`select pg_advisory_xact_lock(hashtext('palisade.identity_keys'))`;
}

export async function activeKeys(tx: SystemTx): Promise<KeyRow[]> {
  return tx.sql<KeyRow[]>`select id, purpose, kek_id, secret, created_at from identity_keys where retired_at is null order by created_at desc, id`;
}

/** Keys not wrapped under `kekId` (unwrapped ones included), locked for a rewrap. */
export async function keysNotUnder(tx: SystemTx, kekId: string): Promise<KeyRow[]> {
  return tx.sql<KeyRow[]>`select id, purpose, kek_id, secret, created_at from identity_keys where kek_id is distinct from ${kekId} order by id for update`;
}

export async function rewrapKey(tx: SystemTx, id: string, kekId: string, secret: Uint8Array): Promise<void> {
  await tx.sql`update identity_keys set kek_id = ${kekId}, secret = ${Buffer.from(secret)} where id = ${id}`;
}

export async function keyKekUsage(tx: SystemTx): Promise<Array<{ kek_id: string | null; n: number }>> {
  return tx.sql<Array<{ kek_id: string | null; n: number }>>`select kek_id, count(*)::int as n from identity_keys group by kek_id`;
}

export async function insertKey(tx: SystemTx, k: { id: string; purpose: 'session_jwt' | 'csrf'; kekId: string | null; secret: Uint8Array }): Promise<void> {
  await tx.sql`insert into identity_keys (id, purpose, kek_id, secret) values (${k.id}, ${k.purpose}, ${k.kekId}, ${Buffer.from(k.secret)})`;
}

// ---- rate limits

/** Counters to increment for one request: `keys[i]` is allowed `limits[i]` hits per window. */
export interface RateLimitHits {
  keys: readonly string[];
  limits: readonly number[];
  now: Date;
  windowEndsAt: Date;
}

/* One hit on each fixed-window counter, atomically (a new window starts when the old one
   ended), as WITH clauses `wanted`, `hits` and `blocked` for the caller's statement; `blocked`
   has one row whose `ends_at` is the end of the latest window the request is over the limit of
   (null when within every limit). Rows are upserted in the order of `keys`, so two requests
   never lock the same two counters in opposite orders. */
function rateLimitCounting(sql: Sql, h: RateLimitHits): PendingQuery<Row[]> {
  return sql`
    wanted as (select k, lim from unnest(${h.keys as string[]}::text[], ${h.limits as number[]}::int[]) as w(k, lim)),
    hits as (
      insert into auth_rate_limits as r (key, points, window_ends_at)
      select k, 1, ${h.windowEndsAt}::timestamptz from wanted
      on conflict (key) do update set
        points = case when r.window_ends_at <= ${h.now}::timestamptz then 1 else r.points + 1 end,
        window_ends_at = case when r.window_ends_at <= ${h.now}::timestamptz then excluded.window_ends_at else r.window_ends_at end
      returning r.key, r.points, r.window_ends_at),
    blocked as (select max(hits.window_ends_at) as ends_at from hits join wanted on wanted.k = hits.key where hits.points > wanted.lim)`;
}

/** Counts one request against its limits, in one statement; see rateLimitCounting. */
export async function rateLimitHit(system: Sql, h: RateLimitHits): Promise<Date | null> {
  const [row] = await system<{ ends_at: Date | null }[]>`with ${rateLimitCounting(system, h)} select ends_at from blocked`;
  if (!row) throw new TypeError('rate limit upsert returned nothing');
  return row.ends_at;
}

/** Deletes expired windows, skipping any a request has locked: the housekeeping never waits for
    a row lock, so it can never deadlock with a request's upserts (which lock an IP counter, then
    an account counter) and make that request fail. A skipped row goes next time. */
export async function pruneRateLimits(system: Sql, now: Date): Promise<number> {
  const rows = await system`
    delete from auth_rate_limits where key in (
      select key from auth_rate_limits where window_ends_at <= ${now} for update skip locked)`;
  return rows.count;
}

// ---- super-admins (super-admins.ts) ----------------------------------------------------------

/** Whether the user's verified address is one of `emailKeys`. */
export async function hasVerifiedEmailIn(tx: SystemTx, userId: string, emailKeys: readonly string[]): Promise<boolean> {
  const rows = await tx.sql`
    select 1 from users where id = ${userId} and email_key = any (${emailKeys as string[]}::text[]) and email_verified_at is not null`;
  return rows.length > 0;
}

/** Users with a verified address named by id or by address key. */
export async function verifiedUsersByIdOrEmail(tx: SystemTx, ids: readonly string[], emailKeys: readonly string[]): Promise<Array<{ id: string; email: string }>> {
  return tx.sql<Array<{ id: string; email: string }>>`
    select id, email from users
    where (id = any (${ids as string[]}::text[]) or email_key = any (${emailKeys as string[]}::text[]))
      and email_verified_at is not null
    order by id`;
}
