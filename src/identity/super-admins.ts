/* Who is a platform super-admin, decided at request time (issue 12): by user id
   (PALISADE_SUPER_ADMIN_IDS, the reliable way: an id is never reassigned), or by address
   (PALISADE_SUPER_ADMINS, a convenience). An address counts only for the account that holds it
   verified now: it is resolved against users on the platform path, never taken from a token or
   a request, one statement per user per REFRESH_MS on each node, so a change of address takes
   effect within it. Nothing is baked into a session: a
   super-admin added to the configuration is one at the next request after the restart, with no
   new sign-in; one removed stops being one likewise. Claim RBAC-3; ASVS V8.2.1, V8.3.1. */
import { withSystem, type Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import * as repo from './repo.js';

/** How long one user's address check is reused. */
export const REFRESH_MS = 30_000;

export interface SuperAdmins {
  /** Is this user a platform super-admin now? */
  check(userId: string): Promise<boolean>;
  /** Every super-admin's user id and verified address now (alert delivery for the platform log). */
  list(): Promise<Array<{ userId: string; email: string }>>;
}

export function createSuperAdmins(deps: { db: Db; clock: Clock; ids: readonly string[]; emails: readonly string[] }): SuperAdmins {
  const ids = new Set(deps.ids.map((i) => i.trim()).filter(Boolean));
  const emails = [...new Set(deps.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  /** userId → whether the account holds a configured address, and when that was read. */
  const byAddress = new Map<string, { at: number; value: boolean }>();

  return {
    async check(userId) {
      if (ids.has(userId)) return true;
      if (emails.length === 0) return false;
      const now = deps.clock.now().getTime();
      const hit = byAddress.get(userId);
      if (hit && now - hit.at < REFRESH_MS) return hit.value;
      const value = await withSystem(deps.db, (tx) => repo.hasVerifiedEmailIn(tx, userId, emails));
      if (byAddress.size >= CACHE_MAX) byAddress.clear();
      byAddress.set(userId, { at: now, value });
      return value;
    },
    async list() {
      if (ids.size === 0 && emails.length === 0) return [];
      const rows = await withSystem(deps.db, (tx) => repo.verifiedUsersByIdOrEmail(tx, [...ids], emails));
      return rows.map((r) => ({ userId: r.id, email: r.email }));
    },
  };
}

/** Users whose address check is remembered per node (cleared when full). */
const CACHE_MAX = 10_000;
