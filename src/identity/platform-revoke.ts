/* Platform-wide session kill for incident response (ASVS V7.4.5): every session of one user,
   across all their organisations, or every session of everyone. Used by `palisade sessions
   revoke` (an operator with the database, not an HTTP caller). The rows are revoked in one
   transaction and the trigger of migration 0020 notifies each, so every node drops the
   sessions from the moment it commits (a node whose listener is down reads the rows: revocation.ts fails closed), and no
   token can be refreshed after it. Audited: per session in the platform log and the user's
   organisations' logs for one user; one summary record in the platform log for everyone. */
import { withSystem, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { appendAudit, PLATFORM_ORG } from '../audit/index.js';
import { auditAuthEvent } from './audit.js';
import { emailKey } from './config.js';
import * as repo from './repo.js';

export type PlatformRevokeTarget = { user: string } | { all: true };

export interface PlatformRevokeResult {
  userId: string | null;
  revoked: number;
}

export async function revokeSessionsPlatformWide(db: Db, clock: Clock, target: PlatformRevokeTarget, reason: string): Promise<PlatformRevokeResult> {
  const actor = { type: 'system' as const, id: 'palisade-cli' };
  const now = clock.now();
  return withSystem(db, async (tx) => {
    if ('user' in target) {
      const user = target.user.startsWith('usr_') ? await repo.findUserById(tx, target.user) : await repo.findUserByEmailKey(tx, emailKey(target.user));
      if (!user) return { userId: null, revoked: 0 };
      const r = await repo.revokeSessions(tx, { userId: user.id }, now, `platform_kill: ${reason}`.slice(0, 200));
      for (const id of r.ids) {
        await auditAuthEvent(tx, user.id, { action: 'auth.session_revoked', actor, target: { type: 'session', id }, outcome: 'allowed', reason: `platform-wide kill: ${reason}`, metadata: { userId: user.id, scope: 'user' }, occurredAt: now });
      }
      return { userId: user.id, revoked: r.ids.length };
    }
    const r = await repo.revokeAllSessions(tx, now, `platform_kill: ${reason}`.slice(0, 200));
    await appendAudit(tx, { orgId: PLATFORM_ORG, action: 'auth.sessions_revoked_all', actor, outcome: 'allowed', reason: `platform-wide kill: ${reason}`, metadata: { count: r.ids.length }, occurredAt: now });
    return { userId: null, revoked: r.ids.length };
  });
}
