/* Every SQL statement of passkeys: credentials and ceremony challenges (global tables, on the
   platform path through withSystem). Tagged templates only (VAL-2). */
import type { SystemTx } from '../../db/index.js';

export interface CredentialRow {
  id: string;
  user_id: string;
  credential_id: Buffer;
  public_key: Buffer;
  sign_count: string;
  transports: string[];
  name: string;
  aaguid: string;
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

export type ChallengePurpose = 'register' | 'sign_in' | 'second_factor' | 'step_up';

export async function putChallenge(tx: SystemTx, c: { challenge: Buffer; purpose: ChallengePurpose; binding: Buffer; userId: string | null; expiresAt: Date; now: Date }): Promise<void> {
  // Expired challenges of anyone are dropped on the way (few rows, an index on expires_at).
  await tx.sql`delete from webauthn_challenges where expires_at <= ${c.now}`;
  await tx.sql`insert into webauthn_challenges (challenge, purpose, binding, user_id, expires_at)
               values (${c.challenge}, ${c.purpose}, ${c.binding}, ${c.userId}, ${c.expiresAt})`;
}

/** Takes a challenge: found only with its purpose and binding, unexpired, and spent by this very
    statement (one DELETE … RETURNING), so it answers at most once. */
export async function takeChallenge(tx: SystemTx, challenge: Buffer, purpose: ChallengePurpose, binding: Buffer, now: Date): Promise<{ user_id: string | null } | null> {
  const [row] = await tx.sql<{ user_id: string | null }[]>`
    delete from webauthn_challenges
    where challenge = ${challenge} and purpose = ${purpose} and binding = ${binding} and expires_at > ${now}
    returning user_id`;
  return row ?? null;
}

export async function credentialsOf(tx: SystemTx, userId: string): Promise<CredentialRow[]> {
  return tx.sql<CredentialRow[]>`select * from webauthn_credentials where user_id = ${userId} order by created_at, id`;
}

export async function credentialByRawId(tx: SystemTx, credentialId: Buffer): Promise<CredentialRow | null> {
  const [row] = await tx.sql<CredentialRow[]>`select * from webauthn_credentials where credential_id = ${credentialId}`;
  return row ?? null;
}

/** False when the credential id is registered already (to this user or another). */
export async function insertCredential(tx: SystemTx, c: { id: string; userId: string; credentialId: Buffer; publicKey: Buffer; signCount: number; transports: string[]; name: string; aaguid: string; deviceType: string; backedUp: boolean; now: Date }): Promise<boolean> {
  const rows = await tx.sql`
    insert into webauthn_credentials (id, user_id, credential_id, public_key, sign_count, transports, name, aaguid, device_type, backed_up, created_at)
    values (${c.id}, ${c.userId}, ${c.credentialId}, ${c.publicKey}, ${c.signCount}, ${c.transports}, ${c.name}, ${c.aaguid}, ${c.deviceType}, ${c.backedUp}, ${c.now})
    on conflict (credential_id) do nothing
    returning id`;
  return rows.length === 1;
}

/** Records a verified assertion's counter. The WHERE is the clone check made atomic: the new
    counter must be above the stored one, unless both are zero (authenticators without a
    counter). False when it is not: a cloned authenticator, or a concurrent use of the same
    assertion counter. */
export async function advanceCounter(tx: SystemTx, id: string, counter: number, backedUp: boolean, now: Date): Promise<boolean> {
  const rows = await tx.sql`
    update webauthn_credentials set sign_count = ${counter}, backed_up = ${backedUp}, last_used_at = ${now}
    where id = ${id} and (sign_count < ${counter} or (sign_count = 0 and ${counter}::bigint = 0))
    returning id`;
  return rows.length === 1;
}

export async function rename(tx: SystemTx, userId: string, id: string, name: string): Promise<CredentialRow | null> {
  const [row] = await tx.sql<CredentialRow[]>`update webauthn_credentials set name = ${name} where id = ${id} and user_id = ${userId} returning *`;
  return row ?? null;
}

export async function remove(tx: SystemTx, userId: string, id: string): Promise<CredentialRow | null> {
  const [row] = await tx.sql<CredentialRow[]>`delete from webauthn_credentials where id = ${id} and user_id = ${userId} returning *`;
  return row ?? null;
}

/** What a passwordless sign-in needs about the credential's owner: address, organisations, and
    whether their domain's organisation requires single sign-on (which a passkey does not bypass). */
export async function signInFacts(tx: SystemTx, userId: string): Promise<{ email: string; org_ids: string[]; sso_required: boolean } | null> {
  const [row] = await tx.sql<{ email: string; org_ids: string[]; sso_required: boolean }[]>`
    select u.email,
           array(select m.org_id from memberships m where m.user_id = u.id order by m.created_at, m.org_id) as org_ids,
           exists(select 1 from org_domains d join org_sso_connections c on c.org_id = d.org_id
                  where d.domain = split_part(u.email_key, '@', 2) and d.verified_at is not null
                    and c.enabled and c.sso_required) as sso_required
    from users u where u.id = ${userId}`;
  return row ?? null;
}

/** Locks the user's row for a factor removal and reads their factors as they stand. */
export async function lockFactors(tx: SystemTx, userId: string): Promise<{ email: string; totp_confirmed: boolean; passkeys: number; required_by_org: boolean } | null> {
  const [row] = await tx.sql<{ email: string; totp_confirmed: boolean; passkeys: number; required_by_org: boolean }[]>`
    select u.email,
           exists(select 1 from mfa_totp t where t.user_id = u.id and t.confirmed_at is not null) as totp_confirmed,
           (select count(*)::int from webauthn_credentials w where w.user_id = u.id) as passkeys,
           exists(select 1 from memberships m join org_auth_policies p on p.org_id = m.org_id
                  where m.user_id = u.id and p.require_mfa) as required_by_org
    from users u where u.id = ${userId} for update of u`;
  return row ?? null;
}
