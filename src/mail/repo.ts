/* Every SQL statement of the mail module (the development outbox, a global table reached only
   on the platform path). */
import type { SystemTx } from '../db/index.js';

export interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  created_at: Date;
}

export async function pruneOutbox(tx: SystemTx, olderThan: Date): Promise<void> {
  await tx.sql`delete from mail_outbox where created_at < ${olderThan}`;
}

export async function insertOutbox(tx: SystemTx, row: OutboxRow): Promise<void> {
  await tx.sql`insert into mail_outbox (id, recipient, subject, body, created_at)
               values (${row.id}, ${row.recipient}, ${row.subject}, ${row.body}, ${row.created_at})`;
}

/** Newest first; with afterId, only the rows kept after that one (a later mail to the same address). */
export async function readOutbox(tx: SystemTx, to: string, limit: number, afterId?: string): Promise<OutboxRow[]> {
  const after = afterId === undefined
    ? tx.sql``
    : tx.sql`and seq > coalesce((select seq from mail_outbox where id = ${afterId}), 0)`;
  return tx.sql<OutboxRow[]>`
    select id, recipient, subject, body, created_at from mail_outbox
    where lower(recipient) = ${to.toLowerCase()} ${after}
    order by seq desc limit ${limit}`;
}
