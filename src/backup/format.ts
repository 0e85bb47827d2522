/* The plaintext inside a backup (before age encryption): a magic line, then frames of
   [type: 1 byte][length: 4 bytes, big-endian][payload]. Types:
     H  header (JSON): format, creation time, migrations, tables in load order
     T  table start (JSON: name, columns)
     D  table data: a chunk of PostgreSQL COPY text format
     E  table end (JSON: rows, bytes, sha256 of the table's COPY bytes)
     S  sequences (JSON: name, value, isCalled)
     Z  trailer (JSON: the inner manifest), always last
   The reader refuses a frame out of order, a table whose bytes or rows differ from its E frame,
   a stream that ends before Z, and bytes after Z: truncation and corruption are detected even
   without age's own authentication (which also catches both). Claim BAK-1. */
import { createHash, type Hash } from 'node:crypto';
import { BackupCorrupt } from './errors.js';

export const MAGIC = Buffer.from('PALISADE-BACKUP 1\n');
export const FRAME_MAX = 16 * 1024 * 1024;

export type FrameType = 'H' | 'T' | 'D' | 'E' | 'S' | 'Z';

export function frame(type: FrameType, payload: Uint8Array): Buffer {
  if (payload.length > FRAME_MAX) throw new TypeError('frame too large');
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

export function jsonFrame(type: FrameType, value: unknown): Buffer {
  return frame(type, Buffer.from(JSON.stringify(value)));
}

export interface Frame {
  type: FrameType;
  payload: Buffer;
}

/** Parses frames from a byte stream; throws BackupCorrupt on anything malformed or short. */
export async function* readFrames(source: AsyncIterable<Uint8Array>): AsyncGenerator<Frame> {
  let buf = Buffer.alloc(0);
  let magicSeen = false;
  let ended = false;
  for await (const chunk of source) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    if (!magicSeen) {
      if (buf.length < MAGIC.length) continue;
      if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupCorrupt('not a Palisade backup (bad magic)');
      buf = buf.subarray(MAGIC.length);
      magicSeen = true;
    }
    for (;;) {
      if (ended) {
        if (buf.length) throw new BackupCorrupt('bytes after the trailer');
        break;
      }
      if (buf.length < 5) break;
      const type = String.fromCharCode(buf[0]!) as FrameType;
      if (!'HTDESZ'.includes(type)) throw new BackupCorrupt(`unknown frame type 0x${buf[0]!.toString(16)}`);
      const len = buf.readUInt32BE(1);
      if (len > FRAME_MAX) throw new BackupCorrupt('frame length out of range');
      if (buf.length < 5 + len) break;
      const payload = buf.subarray(5, 5 + len);
      buf = buf.subarray(5 + len);
      if (type === 'Z') ended = true;
      yield { type, payload };
    }
  }
  if (!magicSeen) throw new BackupCorrupt('empty or not a Palisade backup');
  if (!ended) throw new BackupCorrupt('the backup ends before its trailer (truncated)');
}

export function parseJson<T>(f: Frame, what: string): T {
  try {
    return JSON.parse(f.payload.toString('utf8')) as T;
  } catch (e) {
    throw new BackupCorrupt(`unreadable ${what}`, undefined, { cause: e });
  }
}

/** Counts rows of COPY text format (one line per row; newlines inside values are escaped). */
export class TableDigest {
  rows = 0;
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    let i = -1;
    while ((i = indexOfNewline(chunk, i + 1)) !== -1) this.rows++;
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

function indexOfNewline(b: Uint8Array, from: number): number {
  return Buffer.prototype.indexOf.call(b, 10, from) as number;
}
