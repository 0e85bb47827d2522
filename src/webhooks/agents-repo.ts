/* Every SQL statement of signed agents (agents.ts): the agents in their organisation's
   transaction (RLS), the key lookup of an incoming request on the platform path (the request
   names only its agent), and the nonce store that refuses a replayed signature. */
import type { OrgTx, SystemTx } from '../db/index.js';

export interface AgentRow { id: string; org_id: string; name: string; public_key: Buffer; status: 'active' | 'revoked'; created_at: Date; revoked_at: Date | null; last_seen_at: Date | null }

export async function insertAgent(tx: OrgTx, a: { id: string; name: string; publicKey: Buffer; by: string | null; at: Date }): Promise<AgentRow> {
  const [row] = await tx.sql<AgentRow[]>`
    insert into agents (id, org_id, name, public_key, status, created_by, created_at)
    values (${a.id}, ${tx.orgId}, ${a.name}, ${a.publicKey}, 'active', ${a.by}, ${a.at}) returning *`;
  return row as AgentRow;
}

export async function listAgents(tx: OrgTx): Promise<AgentRow[]> {
  return tx.sql<AgentRow[]>`select * from agents where org_id = ${tx.orgId} order by created_at, id`;
}

export async function revokeAgent(tx: OrgTx, id: string, at: Date): Promise<AgentRow | undefined> {
  const [row] = await tx.sql<AgentRow[]>`
    update agents set status = 'revoked', revoked_at = coalesce(revoked_at, ${at})
    where org_id = ${tx.orgId} and id = ${id} returning *`;
  return row;
}

export async function agentKey(tx: SystemTx, id: string): Promise<{ org_id: string; public_key: Buffer; status: string } | undefined> {
  const [row] = await tx.sql<{ org_id: string; public_key: Buffer; status: string }[]>`
    select org_id, public_key, status from agents where id = ${id}`;
  return row;
}

/** Records a nonce; false when the agent already used it (a replay). */
export async function claimNonce(tx: OrgTx, agentId: string, nonce: string, at: Date): Promise<boolean> {
  const inserted = await tx.sql`
    insert into agent_nonces (org_id, agent_id, nonce, created_at) values (${tx.orgId}, ${agentId}, ${nonce}, ${at})
    on conflict (agent_id, nonce) do nothing returning nonce`;
  return inserted.length === 1;
}

/** Forgets the agent's nonces older than `before` (they fall outside the freshness window) and marks it seen. */
export async function agentSeen(tx: OrgTx, agentId: string, before: Date, at: Date): Promise<void> {
  await tx.sql`delete from agent_nonces where org_id = ${tx.orgId} and agent_id = ${agentId} and created_at < ${before}`;
  await tx.sql`update agents set last_seen_at = ${at} where org_id = ${tx.orgId} and id = ${agentId}`;
}
