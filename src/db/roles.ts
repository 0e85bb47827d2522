/* The roles Palisade connects as (created NOLOGIN by migration 0001). At start-up the owner
   connection gives each LOGIN and a password kept in palisade_internal.role_secrets, readable
   only by the owner. Every node reads the same password, so starting a node never rotates
   another node's credentials away. palisade_app is NOSUPERUSER NOBYPASSRLS and owns no table,
   so FORCE ROW LEVEL SECURITY binds it (TEN-2). */
import { randomBytes } from 'node:crypto';
import { sqlClient } from './client.js';

export const MANAGED_ROLES = ['palisade_app', 'palisade_system', 'palisade_retention'] as const;
export type ManagedRole = (typeof MANAGED_ROLES)[number];

export async function ensureRoleLogins(ownerUrl: string): Promise<Record<ManagedRole, string>> {
  const sql = sqlClient(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const out = {} as Record<ManagedRole, string>;
    await sql.begin(async (tx) => {
      // Serialise concurrent first starts of several nodes.
      await tx`select pg_advisory_xact_lock(hashtext('palisade.role_secrets'))`;
      for (const role of MANAGED_ROLES) {
        const [row] = await tx<{ password: string }[]>`select password from palisade_internal.role_secrets where role_name = ${role}`;
        let password = row?.password;
        if (!password) {
          password = randomBytes(24).toString('base64url');
          await tx`insert into palisade_internal.role_secrets (role_name, password) values (${role}, ${password})`;
        }
        // ALTER ROLE takes no bind parameters; the name is from a fixed list and the password is
        // base64url (no quotes possible), passed through format('%L') for quoting all the same.
        const [q] = await tx<{ stmt: string }[]>`select format('ALTER ROLE %I LOGIN PASSWORD %L', ${role}::text, ${password}::text) as stmt`;
        if (!q) throw new TypeError('format() returned no row');
        await tx.unsafe(q.stmt);
        out[role] = password;
      }
    });
    return out;
  } finally {
    await sql.end();
  }
}

/** The same server and database as ownerUrl, as another role. */
export function roleUrl(ownerUrl: string, role: string, password: string): string {
  const u = new URL(ownerUrl);
  u.username = role;
  u.password = password;
  return u.toString();
}
