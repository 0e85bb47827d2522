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

export async function readOutbox(tx: SystemTx, to: string, limit: number): Promise<OutboxRow[]> {
  return tx.sql<OutboxRow[]>`
    select id, recipient, subject, body, created_at from mail_outbox
    where lower(recipient) = ${to.toLowerCase()}
    order by created_at desc, id desc limit ${limit}`;
}
