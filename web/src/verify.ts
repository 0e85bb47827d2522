/* In-browser verification of an audit record (AUD-3), ported from the first console's script:
   the record's RFC 9162 inclusion proof is recomputed with WebCrypto SHA-256 up to the root of a
   checkpoint, and the checkpoint (a C2SP signed note) must carry an Ed25519 signature by the
   verifier key pinned in this browser. Nothing here trusts the server: a proof for another tree,
   another organisation, another key or a changed leaf fails. Works in browsers and in Node
   (globalThis.crypto.subtle), so test/console/verify.test.ts runs it against the real server. */

export interface Proof {
  leafIndex: number;
  treeSize: number;
  /** base64 of the leaf bytes (the canonical record). */
  leaf: string;
  /** base64 sibling hashes, leaf to root. */
  auditPath: string[];
  /** The signed note, as served. */
  checkpoint: string;
}

export interface VerifierKey {
  name: string;
  id: Uint8Array;
  key: CryptoKey;
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const enc = new TextEncoder();

export function b64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i += 1) d |= (a[i] as number) ^ (b[i] as number);
  return d === 0;
}

/** RFC 9162 §2.1.3.2: does `path` lead from the leaf hash at `index` to `root` in a tree of `size`? */
export async function verifyInclusion(index: number, size: number, leafHash: Uint8Array, path: Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(cat(new Uint8Array([1]), p, r));
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await sha256(cat(new Uint8Array([1]), r, p));
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

/** A signed-note verifier key "<name>+<hex key id>+<base64(0x01 ‖ Ed25519 public key)>". */
export async function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  const a = vkey.indexOf('+');
  const b = vkey.indexOf('+', a + 1);
  if (a <= 0 || b <= a) throw new Error('not a signed-note verifier key');
  const name = vkey.slice(0, a);
  const id = vkey.slice(a + 1, b);
  const key = b64(vkey.slice(b + 1));
  if (key[0] !== 1 || key.length !== 33) throw new Error('not an Ed25519 signed-note key');
  const h = await sha256(cat(enc.encode(`${name}\n`), key));
  if (hex(h.slice(0, 4)) !== id) throw new Error('verifier key hash mismatch');
  const k = await subtle().importKey('raw', key.slice(1), { name: 'Ed25519' }, false, ['verify']);
  return { name, id: h.slice(0, 4), key: k };
}

/** Opens a checkpoint: at least one signature line by `vk` must verify over the note's text. */
export async function openCheckpoint(note: string, vk: VerifierKey): Promise<Checkpoint> {
  const cut = note.lastIndexOf('\n\n');
  if (cut < 0) throw new Error('not a signed note');
  const text = note.slice(0, cut + 1);
  const sigs = note.slice(cut + 2).split('\n').filter(Boolean);
  const ok = await Promise.all(sigs.map(async (line) => {
    const parts = line.split(' ');
    if (parts.length !== 3 || parts[0] !== '\u2014' || parts[1] !== vk.name) return false;
    const sig = b64(parts[2] as string);
    if (!equal(sig.slice(0, 4), vk.id)) return false;
    return subtle().verify({ name: 'Ed25519' }, vk.key, sig.slice(4), enc.encode(text));
  }));
  if (!ok.includes(true)) throw new Error('no valid signature by the pinned key');
  const lines = text.split('\n');
  return { origin: lines[0] ?? '', size: Number(lines[1]), root: b64(lines[2] ?? '') };
}

/** Verifies one record's proof for organisation `orgId` against the pinned key; throws why not. */
export async function verifyRecordProof(p: Proof, vk: VerifierKey, orgId: string): Promise<string> {
  const cp = await openCheckpoint(p.checkpoint, vk);
  if (cp.origin.slice(cp.origin.lastIndexOf('/') + 1) !== orgId) throw new Error(`the checkpoint is for another organisation (${cp.origin})`);
  if (cp.size !== p.treeSize) throw new Error('the proof is for another tree size');
  const leafHash = await sha256(cat(new Uint8Array([0]), b64(p.leaf)));
  if (!(await verifyInclusion(p.leafIndex, p.treeSize, leafHash, p.auditPath.map(b64), cp.root))) throw new Error('the inclusion proof does not lead to the signed root');
  return `Verified: leaf ${p.leafIndex} of ${p.treeSize}, checkpoint signed by ${vk.name}`;
}

/** The key pinned on first use (trust on first use, as the first console did): a server that
    later presents another key is refused until the operator clears the pin. */
export function pinVerifierKey(served: string, storage: Pick<Storage, 'getItem' | 'setItem'>): string {
  const stored = storage.getItem('palisade.vkey');
  if (stored && stored !== served) throw new Error('the server now presents another verifier key than the one pinned in this browser');
  if (!stored) storage.setItem('palisade.vkey', served);
  return served;
}
