/* The snapshot stream on tables larger than a stream buffer: postgres.js 3.4 leaves the
   connection's socket paused when a COPY's last data and its CopyDone arrive in one socket read
   while the stream's buffer is full, and the next statement on that connection never answers
   (porsager/postgres#499). Every backup of a real-sized database hit it on the table after the
   first large one (bench W11, 10,000 audit records); the backup tests' small tables never did.
   Claim BAK-1. */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { snapshotStream, type SnapshotTrailer } from './snapshot.js';

let t: TestDb;
let owner: postgres.Sql;
const RECORDS = 10_000;

beforeAll(async () => {
  t = await createTestDb();
  owner = postgres(t.ownerUrl, { max: 1, onnotice: () => {} });
  // About 2 MB of COPY text in audit_events (the table that hung), then smaller tables after it.
  await owner`
    insert into audit_events (id, org_id, occurred_at, actor_type, actor_id, action, target_type, target_id, outcome, source_ip, user_agent, request_id, metadata)
    select 'evt_snap' || lpad(to_hex(g), 8, '0'), 'platform', now() - interval '1 day' + g * interval '1 second', 'system', 'snapshot-test',
           'backup.created', 'backup', 'bak_' || g, 'allowed', '127.0.0.1', 'snapshot-test/1', 'req_snap' || g, jsonb_build_object('n', g, 'pad', repeat('x', 64))
    from generate_series(1, ${RECORDS}::int) g`;
});

afterAll(async () => {
  await owner?.end();
  await t?.drop();
});

describe('snapshot stream', () => {
  it('BAK-1: a snapshot holding tables larger than the stream buffer completes on one connection, every table whole', async () => {
    let trailer: SnapshotTrailer | null = null;
    let bytes = 0;
    // One connection (max: 1), as the CLI and the scheduled job use: a paused socket stalls it for good.
    for await (const chunk of snapshotStream({ sql: owner, onTrailer: (x) => { trailer = x; } })) bytes += chunk.length;
    const z = trailer as SnapshotTrailer | null;
    expect(z).not.toBeNull();
    expect(z!.tables.find((x) => x.name === 'public.audit_events')?.rows).toBeGreaterThanOrEqual(RECORDS);
    expect(z!.tables.find((x) => x.name === 'public.audit_events')!.bytes).toBeGreaterThan(1 << 20);
    expect(bytes).toBeGreaterThan(1 << 20);
    // The connection still answers after the last table.
    const [r] = await owner<{ one: number }[]>`select 1 as one`;
    expect(r?.one).toBe(1);
  });
});
