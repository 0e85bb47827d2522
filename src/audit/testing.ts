/* Test support for the audit module (imported by *.test.ts and the benchmark only). */
import { randomBytes } from 'node:crypto';
import { localKekProvider, staticKekSet } from '../crypto/index.js';
import { withOrg, withSystem, type Actor, type Db } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';
import { appendAudit, type AuditEventInput } from './append.js';
import type { WrappingKeyring } from './keys.js';

/** A fresh in-memory KEK from the crypto module (the same provider the file and env KEKs use). */
export function testKeyring(): WrappingKeyring {
  return staticKekSet(localKekProvider(randomBytes(32)));
}

export const userActor = (id: string): Actor => ({ type: 'user', id });

/** Appends one audit record in its own organisation transaction (as the request path would). */
export async function appendIn(db: Db, orgId: string, e: Partial<AuditEventInput> = {}): Promise<string> {
  return withOrg(db, orgId as OrgId, e.actor ?? userActor('usr_test'), (tx) =>
    appendAudit(tx, { action: 'test.thing.update', actor: userActor('usr_test'), outcome: 'allowed', ...e }),
  );
}

/** Creates an organisation row (the audit tables do not require one, but other modules do). */
export async function makeOrg(db: Db, name = 'Test org'): Promise<OrgId> {
  const id = `org_${randomBytes(8).toString('hex')}` as OrgId;
  await withSystem(db, (tx) => tx.sql`insert into orgs (id, name) values (${id}, ${name})`);
  return id;
}
