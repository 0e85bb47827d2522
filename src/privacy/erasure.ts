/* Erasure by crypto-shredding (PRIV-2). Claims PRIV-2; ASVS V14.2.x, V14.3.

   What erasePerson does, in order:
   1. Refuses (erasure_last_admin) when the person is the only admin of an organisation: that
      organisation would be left with nobody able to run it. The path forward is to make another
      member admin, or delete the organisation, then erase.
   2. Destroys every subject key of the person, in every key chain (the 'platform' chain seals
      their TOTP secret and export archives; organisations may seal more). Everything ever
      encrypted under those keys — in the database, in object storage, in every backup — is
      unreadable from that commit on (key_destroyed). Each destruction is an audit record, and
      every node drops the keys from its cache before the erasure goes on (node bus barrier).
   3. In one transaction: revokes their sessions (every node drops them, by notification),
      deletes mail, tokens and invitations addressed to them, deletes the account row (its
      cascade takes sessions, memberships, factors, recovery codes, roles on resources, exports;
      leaving an organisation revokes the keys they created there), clears the free text of
      their rights requests, completes their erasure request and writes the audit records.
   What stays, and why (docs/privacy.md): audit records, which are append-only and sealed into
   signed Merkle trees — changing one would break `palisade audit verify`. They name the person
   by the opaque id only, which nothing maps back to a person once the account row is gone (a
   pseudonym); their IP addresses and browsers stay until audit retention deletes them.
   Organisation records (files, collections, keys, policies) keep their author's opaque id.

   Time: constant in the amount of the person's audit history (records are not touched), linear
   only in their sessions, memberships and keys. */
import { appendAudit, PLATFORM_ORG, type RequestSource } from '../audit/index.js';
import type { Keyring } from '../crypto/index.js';
import { lockAuthzFacts, withOrg, withSystem, type Actor, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import type { OrgId } from '../lib/ids.js';
import { ErasureLastAdmin } from './errors.js';
import * as repo from './repo.js';

export interface ErasureDeps {
  db: Db;
  keyring: Keyring;
  clock: Clock;
  /** After commit: waits until every node has dropped the revoked sessions (identity's barrier). */
  sessionsRevoked?: ((ids: string[]) => Promise<void>) | undefined;
}

export interface ErasureResult {
  /** The pseudonym the audit log keeps (the person's opaque id). */
  pseudonym: string;
  keysDestroyed: number;
  organisations: number;
  erasedAt: string;
}

export interface EraseOptions {
  actor: Actor;
  source?: RequestSource | undefined;
  /** The erasure request this completes, if any. */
  requestId?: string | undefined;
}

function isLastAdminViolation(e: unknown): boolean {
  const err = e as { code?: string; constraint_name?: string };
  return err.code === '23514' && err.constraint_name === 'org_keeps_an_admin';
}

/** Organisations the person is the only admin of (the erasure is refused while there are any). */
export async function soleAdminOf(db: Db, userId: string): Promise<string[]> {
  return withSystem(db, (tx) => repo.soleAdminOrgs(tx, userId));
}

export async function erasePerson(deps: ErasureDeps, userId: string, opts: EraseOptions): Promise<ErasureResult> {
  const { db, keyring, clock } = deps;
  const known = await withSystem(db, (tx) => repo.userExists(tx, userId));
  if (!known) throw new NotFound();
  const blocking = await soleAdminOf(db, userId);
  if (blocking.length) throw new ErasureLastAdmin({ orgs: blocking });

  // 2. Crypto-shredding, chain by chain (each organisation's keys are written under its own RLS).
  let keysDestroyed = 0;
  for (const orgId of await withSystem(db, (tx) => repo.subjectKeyOrgs(tx, userId))) {
    keysDestroyed += await withOrg(db, orgId as OrgId, opts.actor, (tx) => keyring.destroySubjectKey(tx, userId));
  }
  // Every node has dropped (and zeroed) the keys from its cache before the erasure goes on.
  if (keysDestroyed) await keyring.destroyedEverywhere();

  // 3. The plaintext, in one transaction.
  const now = clock.now();
  try {
    let revoked: string[] = [];
    const orgs = await withSystem(db, async (tx) => {
      const memberOf = await repo.orgIdsOf(tx, userId);
      for (const orgId of [...memberOf].sort()) await lockAuthzFacts(tx, orgId, 'exclusive');
      revoked = await repo.revokeSessions(tx, userId, now);
      await repo.deletePersonRows(tx, userId);
      await repo.clearRequestDetails(tx, userId, now, opts.requestId ?? null);
      const e = {
        action: 'privacy.person_erased', actor: opts.actor, target: { type: 'user', id: userId }, outcome: 'allowed' as const,
        source: opts.source, metadata: { keysDestroyed, requestId: opts.requestId ?? null }, occurredAt: now,
      };
      await appendAudit(tx, { ...e, orgId: PLATFORM_ORG });
      for (const orgId of memberOf) await appendAudit(tx, { ...e, orgId });
      return memberOf.length;
    });
    if (revoked.length) await deps.sessionsRevoked?.(revoked);
    return { pseudonym: userId, keysDestroyed, organisations: orgs, erasedAt: now.toISOString() };
  } catch (e) {
    // An admin role granted between the check and the commit's count: the database refused.
    if (isLastAdminViolation(e)) throw new ErasureLastAdmin({ race: true });
    throw e;
  }
}
