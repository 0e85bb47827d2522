/* Tenant context is a transaction (DESIGN decision 1). withOrg sets palisade.org_id and the
   actor with set_config(..., true) — local to this transaction, so a pooled connection never
   carries one organisation's context into another's request — and runs as palisade_app under
   FORCE ROW LEVEL SECURITY. Repo functions still filter on org_id: two walls. Claims TEN-1, TEN-2. */
import type { Actor, Db, OrgTx, SystemTx } from './types.js';
import type { OrgId } from '../lib/ids.js';

export async function withOrg<T>(db: Db, orgId: OrgId, actor: Actor, fn: (tx: OrgTx) => Promise<T>): Promise<T> {
  if (typeof orgId !== 'string' || orgId.length === 0) throw new TypeError('withOrg needs an org id');
  const actorText = `${actor.type}:${actor.id ?? ''}`;
  const result = await db.app.begin(async (sql) => {
    await sql`select set_config('palisade.org_id', ${orgId}, true), set_config('palisade.actor', ${actorText}, true)`;
    return fn({ sql, orgId, actor });
  });
  return result as T;
}

export async function withSystem<T>(db: Db, fn: (tx: SystemTx) => Promise<T>): Promise<T> {
  const result = await db.system.begin(async (sql) => {
    await sql`select set_config('palisade.actor', 'system:', true)`;
    return fn({ sql, system: true });
  });
  return result as T;
}
