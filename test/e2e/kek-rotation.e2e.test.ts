/* ENC-5 end to end: KEK rotation covers every key wrapped by the KEK set — data keys, the
   session-signing and CSRF keys, the audit checkpoint key. After rotate-kek and retire-kek, a
   node that holds only the new KEK starts, keeps existing sessions valid, and keeps sealing. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../fixtures/db.js';
import { buildTestApp, type TestApp } from '../fixtures/app.js';
import { fileKekSet } from '../../src/crypto/index.js';
import { runKeysCommand } from '../../src/cli/keys.js';
import { call, createOrg, createUser, signIn } from '../security/harness.js';

let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'palisade-kekrot-'));
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

async function waitSealed(app: TestApp, orgId: string): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [row] = await asSuperuser(t.ownerUrl, (sql) => sql<{ unsealed: number; size: number }[]>`
      select (select count(*)::int from audit_events e where e.org_id = ${orgId} and not exists (select 1 from audit_leaves l where l.event_id = e.id)) as unsealed,
             (select coalesce(max(tree_size), 0)::int from audit_checkpoints where org_id = ${orgId}) as size`);
    if (row && row.unsealed === 0 && row.size > 0) return row.size;
    if (Date.now() > deadline) throw new Error(`not sealed: ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 100));
    void app;
  }
}

describe('KEK rotation end to end', () => {
  it('ENC-5: rotate-kek rewraps the session, CSRF and checkpoint keys too; after retire-kek a node with only the new KEK serves the old sessions and keeps sealing', async () => {
    const env = { PALISADE_KEK_DIR: dir };
    // Node 1 under KEK A: creates the identity keys and the checkpoint key, a session, sealed records.
    const app1 = await buildTestApp({ testDb: t, env });
    const user = await createUser(app1);
    const session = await signIn(app1, user);
    const orgId = await createOrg(app1, session, 'Rotation Co');
    await waitSealed(app1, orgId);
    const kekA = (await fileKekSet(dir, { create: false })).current().id;
    const wrappedUnder = async () => asSuperuser(t.ownerUrl, async (sql) => ({
      identity: (await sql<{ kek_id: string }[]>`select distinct kek_id from identity_keys`).map((r) => r.kek_id),
      audit: (await sql<{ kek_id: string }[]>`select distinct kek_id from audit_signing_keys`).map((r) => r.kek_id),
    }));
    expect(await wrappedUnder()).toEqual({ identity: [kekA], audit: [kekA] });
    await app1.close();

    // Rotate, then retire the old KEK file.
    const lines: string[] = [];
    const keks = await fileKekSet(dir, { create: false });
    expect(await runKeysCommand(['rotate-kek'], { db: t.db, keks, kekDir: dir, out: (l) => lines.push(l) })).toBe(0);
    const kekB = keks.current().id;
    expect(kekB).not.toBe(kekA);
    expect(lines.join('\n')).toMatch(/rewrapped 2 identity keys/);
    expect(lines.join('\n')).toMatch(/rewrapped 1 audit checkpoint keys/);
    expect(await wrappedUnder()).toEqual({ identity: [kekB], audit: [kekB] });
    expect(await runKeysCommand(['retire-kek'], { db: t.db, keks, kekDir: dir, out: (l) => lines.push(l) })).toBe(0);
    expect((await fs.readdir(dir)).filter((f) => f.includes(kekA))).toEqual([]);

    // Node 2 holds only KEK B: it starts, the session signed before the rotation still works,
    // and new records are sealed and signed with the (rewrapped) checkpoint key.
    const app2 = await buildTestApp({ testDb: t, env });
    try {
      const me = await call(app2, { session }, 'GET', '/v1/me');
      expect(me.status).toBe(200);
      const renamed = await call(app2, { session }, 'PATCH', '/v1/org', { name: 'Rotation Co 2' });
      expect(renamed.status).toBe(200);
      const size = await waitSealed(app2, orgId);
      expect(size).toBeGreaterThan(2);
    } finally {
      await app2.close();
    }
  }, 120_000);

  it('ENC-5: retire-kek keeps a KEK that still wraps an identity or checkpoint key', async () => {
    // A KEK set whose current key is new but whose identity/audit keys were never rewrapped.
    const dir2 = await fs.mkdtemp(path.join(os.tmpdir(), 'palisade-kekret-'));
    try {
      const t2 = await createTestDb();
      try {
        const app = await buildTestApp({ testDb: t2, env: { PALISADE_KEK_DIR: dir2 } });
        await app.close();
        const keks = await fileKekSet(dir2, { create: false });
        const oldId = keks.current().id;
        const { rotateKekFile } = await import('../../src/crypto/index.js');
        await rotateKekFile(dir2);
        await keks.refresh();
        const lines: string[] = [];
        expect(await runKeysCommand(['retire-kek'], { db: t2.db, keks, kekDir: dir2, out: (l) => lines.push(l) })).toBe(0);
        expect((await fs.readdir(dir2)).some((f) => f.includes(oldId))).toBe(true);
        expect(lines.join('\n')).toContain(`kept ${oldId}`);
      } finally {
        await t2.drop();
      }
    } finally {
      await fs.rm(dir2, { recursive: true, force: true });
    }
  }, 120_000);
});
