/* The backup frame format and the grammar restore and verify share (format.ts, walkBackup), attacked
   with hand-made streams: every frame out of order, every checksum field wrong, bytes after the
   trailer, truncation at every byte, hostile lengths. backup.test.ts proves the same refusals end
   to end through age; here each rule is broken alone, so a rule that stops being enforced fails a
   test of its own (issue 21: these were Stryker survivors of the backup-verify group). Claim BAK-1. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackupCorrupt } from './errors.js';
import { FRAME_MAX, frame, jsonFrame, MAGIC, parseJson, readFrames, TableDigest, type Frame } from './format.js';
import { walkBackup, type BackupVisitor } from './restore.js';
import type { SnapshotHeader, SnapshotTrailer, TableStat } from './snapshot.js';

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function* parts(...list: Buffer[]): AsyncGenerator<Uint8Array> {
  for (const b of list) yield b;
}
async function collect(source: AsyncIterable<Uint8Array>): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of readFrames(source)) out.push(f);
  return out;
}
async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(BackupCorrupt);
  return (e as BackupCorrupt).message;
}

const TABLES = [
  { name: 'public.orgs', columns: ['id', 'name'] },
  { name: 'public.users', columns: ['id', 'email'] },
];
const MIGRATIONS = ['0001_init.sql', '0002_next.sql'];
const ROWS: Record<string, string[]> = { 'public.orgs': ['o1\tAcme\n', 'o2\tBeta\n'], 'public.users': ['u1\ta@example.test\n'] };

function stat(name: string, data: string[]): TableStat {
  const all = Buffer.from(data.join(''));
  return { name, rows: data.join('').split('\n').length - 1, bytes: all.length, sha256: createHash('sha256').update(all).digest('hex') };
}
const header = (over: Partial<SnapshotHeader> = {}): SnapshotHeader => ({ format: 1, createdAt: '2026-12-07T00:00:00Z', snapshotId: 's1', migrations: MIGRATIONS, tables: TABLES, ...over });
const trailer = (over: Partial<SnapshotTrailer> = {}): SnapshotTrailer => ({
  format: 1, createdAt: '2026-12-07T00:00:00Z', snapshotId: 's1', migrations: MIGRATIONS,
  tables: TABLES.map((t) => stat(t.name, ROWS[t.name]!)), sequences: 1, auditEvents: 0, auditCheckpoints: [], ...over,
} as SnapshotTrailer);

/** The frames of a well-formed backup, each replaceable by a test. */
function goodFrames(): Buffer[] {
  const out: Buffer[] = [jsonFrame('H', header())];
  for (const t of TABLES) {
    out.push(jsonFrame('T', t));
    for (const row of ROWS[t.name]!) out.push(frame('D', Buffer.from(row)));
    out.push(jsonFrame('E', stat(t.name, ROWS[t.name]!)));
  }
  out.push(jsonFrame('S', [{ name: 'public.seq', value: '7', isCalled: true }]));
  out.push(jsonFrame('Z', trailer()));
  return out;
}
const stream = (frames: Buffer[]): Buffer => Buffer.concat([MAGIC, ...frames]);
const walk = (frames: Buffer[], v: BackupVisitor = {}) => walkBackup(parts(stream(frames)), v);

describe('backup frame format', () => {
  it('BAK-1: a well-formed stream reads the same frames whatever its chunking, down to one byte at a time', async () => {
    const bytes = stream(goodFrames());
    const whole = await collect(parts(bytes));
    expect(whole.map((f) => f.type).join('')).toBe('HTDDETDESZ');
    expect(JSON.parse(whole[0]!.payload.toString('utf8'))).toEqual(header());
    expect(whole[2]!.payload.toString()).toBe('o1\tAcme\n');
    for (const size of [1, 2, 5, 7, MAGIC.length, MAGIC.length + 1]) {
      const got = await collect(chunks(bytes, size));
      expect(got.map((f) => [f.type, f.payload.toString('hex')])).toEqual(whole.map((f) => [f.type, f.payload.toString('hex')]));
    }
    // frame(): one type byte, a big-endian 4-byte length, the payload.
    expect(frame('D', Buffer.from('abc')).toString('hex')).toBe(`44${'00000003'}${Buffer.from('abc').toString('hex')}`);
    expect(frame('Z', Buffer.alloc(258)).subarray(0, 5).toString('hex')).toBe('5a00000102');
  });

  it('BAK-1: a stream cut at any byte is refused as truncated, never read as a shorter backup', async () => {
    const bytes = stream(goodFrames());
    for (let cut = 0; cut < bytes.length; cut++) {
      const msg = await refusal(collect(chunks(bytes.subarray(0, cut), 3)));
      expect(msg).toMatch(cut < MAGIC.length ? /empty or not a Palisade backup/ : /ends before its trailer \(truncated\)/);
    }
  });

  it('BAK-1: a wrong magic line, an unknown frame type and a length beyond the frame limit are refused', async () => {
    const bad = Buffer.from(MAGIC);
    bad[MAGIC.length - 2]! ^= 1; // "PALISADE-BACKUP 0"
    expect(await refusal(collect(parts(Buffer.concat([bad, ...goodFrames()]))))).toMatch(/bad magic/);
    expect(await refusal(collect(chunks(Buffer.concat([bad, ...goodFrames()]), 1)))).toMatch(/bad magic/);
    const unknown = Buffer.from(frame('D', Buffer.from('x')));
    unknown[0] = 'X'.charCodeAt(0);
    expect(await refusal(collect(parts(stream([unknown]))))).toMatch(/unknown frame type 0x58/);
    // A hostile length is refused from its 5 header bytes, before any buffering of its payload.
    const huge = Buffer.alloc(5);
    huge.write('D', 0, 'latin1');
    huge.writeUInt32BE(FRAME_MAX + 1, 1);
    expect(await refusal(collect(parts(stream([huge]))))).toMatch(/frame length out of range/);
    huge.writeUInt32BE(0xffffffff, 1);
    expect(await refusal(collect(parts(stream([huge]))))).toMatch(/frame length out of range/);
  });

  it('BAK-1: a frame of exactly the limit is read; the writer refuses one byte more', async () => {
    const max = frame('D', Buffer.alloc(FRAME_MAX, 0x61));
    const got = await collect(parts(stream([max, jsonFrame('Z', {})])));
    expect(got.map((f) => [f.type, f.payload.length])).toEqual([['D', FRAME_MAX], ['Z', 2]]);
    expect(() => frame('D', Buffer.alloc(FRAME_MAX + 1))).toThrow(new TypeError('frame too large'));
  });

  it('BAK-1: any byte after the trailer is refused, in the trailer\'s chunk or in a later one', async () => {
    const bytes = stream(goodFrames());
    expect(await refusal(collect(parts(Buffer.concat([bytes, Buffer.from([0])]))))).toMatch(/bytes after the trailer/);
    expect(await refusal(collect(parts(bytes, Buffer.from('H'))))).toMatch(/bytes after the trailer/);
    expect(await refusal(collect(parts(bytes, jsonFrame('Z', trailer()))))).toMatch(/bytes after the trailer/);
    // An empty chunk after the trailer is no byte.
    expect((await collect(parts(bytes, Buffer.alloc(0)))).length).toBe(10);
  });

  it('BAK-1: an unreadable JSON frame is refused as corrupt, naming the frame', () => {
    expect(() => parseJson({ type: 'H', payload: Buffer.from('{"format":') }, 'header')).toThrow(BackupCorrupt);
    expect(() => parseJson({ type: 'H', payload: Buffer.from('{"format":') }, 'header')).toThrow(/unreadable header/);
    expect(parseJson({ type: 'E', payload: Buffer.from('{"name":"é"}') }, 'table end')).toEqual({ name: 'é' });
  });

  it('BAK-1: a table\'s digest counts rows (one newline each, wherever chunks split), bytes and SHA-256', () => {
    const d = new TableDigest();
    for (const c of ['\n', 'a\tb\n\n', 'c', 'd\n', '', 'no newline']) d.update(Buffer.from(c));
    expect(d.rows).toBe(4);
    expect(d.bytes).toBe('\na\tb\n\ncd\nno newline'.length);
    expect(d.digest()).toBe(createHash('sha256').update('\na\tb\n\ncd\nno newline').digest('hex'));
    const one = new TableDigest();
    one.update(Buffer.from('\n\n\n'));
    expect(one.rows).toBe(3);
  });
});

describe('backup grammar (walkBackup)', () => {
  it('BAK-1: a well-formed backup is walked in order: header, each table with its index, data and checked stats, sequences; the trailer is returned', async () => {
    const calls: unknown[] = [];
    const t = await walk(goodFrames(), {
      header: async (h) => { calls.push(['H', h.tables.length]); },
      tableStart: async (s, i) => { calls.push(['T', s.name, i]); },
      data: (c) => { calls.push(['D', c.toString()]); },
      tableEnd: async (s, st) => { calls.push(['E', s.name, st]); },
      sequences: async (s) => { calls.push(['S', s]); },
    });
    expect(t).toEqual(trailer());
    expect(calls).toEqual([
      ['H', 2],
      ['T', 'public.orgs', 0], ['D', 'o1\tAcme\n'], ['D', 'o2\tBeta\n'], ['E', 'public.orgs', stat('public.orgs', ROWS['public.orgs']!)],
      ['T', 'public.users', 1], ['D', 'u1\ta@example.test\n'], ['E', 'public.users', stat('public.users', ROWS['public.users']!)],
      ['S', [{ name: 'public.seq', value: '7', isCalled: true }]],
    ]);
    // A visitor is optional at every step.
    expect(await walk(goodFrames())).toEqual(trailer());
  });

  it('BAK-1: the header must come first, once, in the known format', async () => {
    const g = goodFrames();
    expect(await refusal(walk(g.slice(1)))).toMatch(/the first frame is not the header/);
    expect(await refusal(walk([g[0]!, g[0]!, ...g.slice(1)]))).toMatch(/a second header/);
    expect(await refusal(walk([jsonFrame('H', header({ format: 2 as 1 })), ...g.slice(1)]))).toMatch(/unknown header format/);
    expect(await refusal(walk([jsonFrame('H', { ...header(), tables: {} }), ...g.slice(1)]))).toMatch(/unknown header format/);
    expect(await refusal(walk([jsonFrame('H', { ...header(), migrations: 'all' }), ...g.slice(1)]))).toMatch(/unknown header format/);
  });

  it('BAK-1: tables come in the header\'s order with its columns, one at a time, never after the sequences', async () => {
    const g = goodFrames(); // H T D D E T D E S Z
    const [H, T1, D1, D2, E1, T2, D3, E2, S, Z] = g as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(await refusal(walk([H, T2, D3, E2, T1, D1, D2, E1, S, Z]))).toMatch(/unexpected table public.users/);
    expect(await refusal(walk([H, jsonFrame('T', { name: 'public.evil', columns: ['id', 'name'] }), D1, D2, E1, T2, D3, E2, S, Z]))).toMatch(/unexpected table public.evil/);
    expect(await refusal(walk([H, jsonFrame('T', { name: 'public.orgs', columns: ['id'] }), D1, D2, E1, T2, D3, E2, S, Z]))).toMatch(/unexpected table public.orgs/);
    expect(await refusal(walk([H, jsonFrame('T', { name: 'public.orgs', columns: ['id', 'name', 'x'] }), D1, D2, E1, T2, D3, E2, S, Z]))).toMatch(/unexpected table/);
    expect(await refusal(walk([H, T1, D1, D2, E1, T2, D3, E2, jsonFrame('T', TABLES[0]), S, Z]))).toMatch(/unexpected table/);
    expect(await refusal(walk([H, T1, T1, D1, D2, E1, T2, D3, E2, S, Z]))).toMatch(/table frame out of order/);
    expect(await refusal(walk([H, T1, D1, D2, E1, T2, D3, E2, S, T1, Z]))).toMatch(/table frame out of order/);
  });

  it('BAK-1: data and table ends belong inside a table', async () => {
    const [H, T1, D1, D2, E1, T2, D3, E2, S, Z] = goodFrames() as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(await refusal(walk([H, D1, T1, D2, E1, T2, D3, E2, S, Z]))).toMatch(/data outside a table/);
    expect(await refusal(walk([H, T1, D1, D2, E1, D3, T2, E2, S, Z]))).toMatch(/data outside a table/);
    expect(await refusal(walk([H, E1, T1, D1, D2, E1, T2, D3, E2, S, Z]))).toMatch(/table end without a table/);
    expect(await refusal(walk([H, T1, D1, D2, E1, E1, T2, D3, E2, S, Z]))).toMatch(/table end without a table/);
  });

  it('BAK-1: a table whose name, row count, byte count or SHA-256 differs from its end frame is refused', async () => {
    const [H, T1, D1, D2, , T2, D3, E2, S, Z] = goodFrames() as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    const good = stat('public.orgs', ROWS['public.orgs']!);
    for (const wrong of [{ name: 'public.users' }, { rows: good.rows + 1 }, { bytes: good.bytes - 1 }, { sha256: createHash('sha256').update('x').digest('hex') }]) {
      expect(await refusal(walk([H, T1, D1, D2, jsonFrame('E', { ...good, ...wrong }), T2, D3, E2, S, Z]))).toMatch(/table public.orgs does not match its checksum/);
    }
    // A row changed in place (same length, same count) is caught by the hash alone.
    expect(await refusal(walk([H, T1, frame('D', Buffer.from('o1\tAcmf\n')), D2, jsonFrame('E', good), T2, D3, E2, S, Z]))).toMatch(/does not match its checksum/);
    // A row dropped with the count and size still claimed.
    expect(await refusal(walk([H, T1, D1, jsonFrame('E', good), T2, D3, E2, S, Z]))).toMatch(/does not match its checksum/);
  });

  it('BAK-1: the sequences come once, after every table is closed; the trailer only after them', async () => {
    const [H, T1, D1, D2, E1, T2, D3, E2, S, Z] = goodFrames() as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(await refusal(walk([H, T1, D1, D2, E1, S, T2, D3, E2, Z]))).toMatch(/sequences frame out of order/);
    expect(await refusal(walk([H, T1, D1, D2, E1, T2, D3, S, E2, Z]))).toMatch(/sequences frame out of order/);
    expect(await refusal(walk([H, T1, D1, D2, E1, T2, D3, E2, S, S, Z]))).toMatch(/sequences frame out of order/);
    expect(await refusal(walk([H, T1, D1, D2, E1, T2, D3, E2, Z]))).toMatch(/trailer before the sequences/);
    // A header naming no tables: the sequences may follow it at once.
    expect(await walk([jsonFrame('H', header({ tables: [] })), S, jsonFrame('Z', trailer({ tables: [] }))])).toEqual(trailer({ tables: [] }));
  });

  it('BAK-1: an unreadable frame is refused naming which frame it was, with the parse error kept for the log; a checksum refusal logs both sides', async () => {
    const [H, T1, D1, D2, E1, T2, D3, E2, S] = goodFrames() as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    const junk = (t: 'H' | 'T' | 'E' | 'S' | 'Z') => frame(t, Buffer.from('{"cut'));
    const cases: [Buffer[], string][] = [
      [[junk('H')], 'header'],
      [[H, junk('T')], 'table start'],
      [[H, T1, D1, D2, junk('E')], 'table end'],
      [[H, T1, D1, D2, E1, T2, D3, E2, junk('S')], 'sequences'],
      [[H, T1, D1, D2, E1, T2, D3, E2, S, junk('Z')], 'trailer'],
    ];
    for (const [frames, what] of cases) {
      const e = await walk(frames).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(BackupCorrupt);
      expect((e as Error).message).toBe(`The backup is corrupted or truncated: unreadable ${what}`);
      expect((e as Error).cause).toBeInstanceOf(SyntaxError);
    }
    // Verify walks without a visitor: an unreadable sequences frame must fail it as it fails restore.
    const noVisitor = await walk([H, T1, D1, D2, E1, T2, D3, E2, frame('S', Buffer.from('{"cut')), jsonFrame('Z', trailer())]).catch((err: unknown) => err);
    expect((noVisitor as Error).message).toMatch(/unreadable sequences/);
    expect(await refusal(walk([H, T1, D1, D2, E1, T2, D3, E2, jsonFrame('S', { name: 'public.seq' }), jsonFrame('Z', trailer())]))).toMatch(/unreadable sequences/);
    const wrong = { ...stat('public.orgs', ROWS['public.orgs']!), rows: 9 };
    const e = await walk([H, T1, D1, D2, jsonFrame('E', wrong)]).catch((err: unknown) => err);
    expect((e as BackupCorrupt).detail).toEqual({ expected: wrong, got: stat('public.orgs', ROWS['public.orgs']!) });
  });

  it('BAK-1: a trailer that disagrees with the tables read or with the header\'s migrations is refused', async () => {
    const g = goodFrames();
    const body = g.slice(0, -1);
    const t = trailer();
    expect(await refusal(walk([...body, jsonFrame('Z', { ...t, tables: t.tables.slice(0, 1) })]))).toMatch(/the trailer does not match the tables/);
    expect(await refusal(walk([...body, jsonFrame('Z', { ...t, tables: [t.tables[0], { ...t.tables[1]!, rows: 2 }] })]))).toMatch(/the trailer does not match the tables/);
    expect(await refusal(walk([...body, jsonFrame('Z', { ...t, migrations: MIGRATIONS.slice(0, 1) })]))).toMatch(/the trailer does not match the header/);
    expect(await refusal(walk([...body, jsonFrame('Z', { ...t, migrations: [...MIGRATIONS].reverse() })]))).toMatch(/the trailer does not match the header/);
    // Only the header's frame and magic: truncated.
    expect(await refusal(walk([g[0]!]))).toMatch(/ends before its trailer/);
  });
});
