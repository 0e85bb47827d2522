/* Test support for the audit module (imported by *.test.ts and the benchmark only). */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { withOrg, withSystem, type Actor, type Db } from '../db/index.js';
import type { OrgId } from '../lib/ids.js';
import { appendAudit, type AuditEventInput } from './append.js';
import type { WrappingKeyring } from './keys.js';

/** An in-memory AES-256-GCM key-encryption key with the keyring's shape. */
export function testKeyring(): WrappingKeyring {
  const key = randomBytes(32);
  const id = `kek_test_${randomBytes(4).toString('hex')}`;
  const provider = {
    id,
    async wrap(dek: Uint8Array, context: Uint8Array) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(context);
      return Buffer.concat([iv, c.update(dek), c.final(), c.getAuthTag()]);
    },
    async unwrap(wrapped: Uint8Array, context: Uint8Array) {
      const w = Buffer.from(wrapped);
      const d = createDecipheriv('aes-256-gcm', key, w.subarray(0, 12));
      d.setAAD(context);
      d.setAuthTag(w.subarray(w.length - 16));
      return Buffer.concat([d.update(w.subarray(12, w.length - 16)), d.final()]);
    },
  };
  return { current: () => provider, get: (k) => (k === id ? provider : undefined) };
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
