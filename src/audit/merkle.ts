/* RFC 6962 / RFC 9162 Merkle tree hashing, proofs and their verification (claim AUD-3).

   leaf hash  = SHA-256(0x00 || data)              RFC 9162 §2.1.1
   node hash  = SHA-256(0x01 || left || right)
   empty tree = SHA-256("")

   Everything here is computed from *perfect subtrees*: the node at (level, index) is the hash of
   the 2^level leaves [index·2^level, (index+1)·2^level). Every range that the RFC's recursive
   definitions touch (MTH, PATH, SUBPROOF) starts at a multiple of a power of two at least as large
   as the range, so it splits into aligned perfect subtrees of decreasing size, and its hash is those
   subtrees folded from the right. That is why storage only needs perfect subtrees (level 0 = the
   leaf hashes): a caller asks `*Nodes()` which ones a computation needs, fetches exactly those, and
   runs the pure computation with a reader over them. Leaf data is never needed once its leaf hash
   is stored, which is what lets retention drop records while proofs and verification keep working.

   Verification follows RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) step by step.
   Sizes and indexes are JS numbers; bit operations would truncate to 32 bits, so this file uses
   arithmetic (floor, multiply) throughout and rejects anything beyond 2^53. */
import { createHash, timingSafeEqual } from 'node:crypto';

export type Hash = Uint8Array;

/** A perfect subtree: the 2^level leaves starting at index·2^level. Level 0 is a leaf. */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

/** Returns the hash of a perfect subtree. Must only be asked for nodes that exist. */
export type NodeReader = (level: number, index: number) => Hash;

export const HASH_SIZE = 32;

export function sha256(...parts: Uint8Array[]): Hash {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** RFC 9162 §2.1.1: MTH({d}) = SHA-256(0x00 || d). */
export function hashLeaf(data: Uint8Array): Hash {
  return sha256(LEAF_PREFIX, data);
}

/** RFC 9162 §2.1.1: SHA-256(0x01 || MTH(left) || MTH(right)). */
export function hashChildren(left: Hash, right: Hash): Hash {
  return sha256(NODE_PREFIX, left, right);
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Hash = sha256();

export function hashesEqual(a: Hash, b: Hash): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`${what} must be a non-negative safe integer`);
}

/** The largest power of two strictly smaller than n (n ≥ 2): the RFC's split point k. */
export function splitPoint(n: number): number {
  if (n < 2) throw new TypeError('splitPoint needs n >= 2');
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The perfect subtrees that make up [start, end), largest first. `start` must be aligned to a
    power of two at least end - start (true of every range in the RFC recursion). */
export function perfectNodes(start: number, end: number): NodeRef[] {
  checkSize(start, 'start');
  checkSize(end, 'end');
  if (end < start) throw new TypeError('range end before start');
  const out: NodeRef[] = [];
  let pos = start;
  let size = 1;
  while (size * 2 <= end - start) size *= 2;
  let level = Math.log2(size);
  while (pos < end) {
    if (pos + size <= end) {
      if (pos % size !== 0) throw new TypeError(`range [${start}, ${end}) is not aligned`);
      out.push({ level, index: pos / size });
      pos += size;
    }
    size /= 2;
    level -= 1;
  }
  return out;
}

/** MTH(D[start:end]) from perfect subtrees (fold from the right). Empty range → EMPTY_ROOT. */
export function rangeHash(start: number, end: number, read: NodeReader): Hash {
  const nodes = perfectNodes(start, end);
  const last = nodes[nodes.length - 1];
  if (!last) return EMPTY_ROOT;
  let h = read(last.level, last.index);
  for (let i = nodes.length - 2; i >= 0; i--) {
    const n = nodes[i]!;
    h = hashChildren(read(n.level, n.index), h);
  }
  return h;
}

/** MTH(D[0:size]). */
export function rootHash(size: number, read: NodeReader): Hash {
  return rangeHash(0, size, read);
}

type Range = readonly [number, number];

/* RFC 9162 §2.1.3.1 PATH(m, D[n]), as the list of ranges whose MTH forms the path, leaf-side first. */
function inclusionRanges(index: number, size: number): Range[] {
  const out: Range[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      out.push([start + k, end]);
    } else {
      walk(m - k, start + k, end);
      out.push([start, start + k]);
    }
  };
  walk(index, 0, size);
  return out;
}

/* RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), as ranges. */
function consistencyRanges(m: number, n: number): Range[] {
  const out: Range[] = [];
  const sub = (mm: number, start: number, end: number, b: boolean): void => {
    const nn = end - start;
    if (mm === nn) {
      if (!b) out.push([start, end]);
      return;
    }
    const k = splitPoint(nn);
    if (mm <= k) {
      sub(mm, start, start + k, b);
      out.push([start + k, end]);
    } else {
      sub(mm - k, start + k, end, false);
      out.push([start, start + k]);
    }
  };
  sub(m, 0, n, true);
  return out;
}

function nodesOf(ranges: Range[]): NodeRef[] {
  return ranges.flatMap(([a, b]) => perfectNodes(a, b));
}

function checkInclusionArgs(index: number, size: number): void {
  checkSize(index, 'leaf index');
  checkSize(size, 'tree size');
  if (index >= size) throw new TypeError('leaf index must be below the tree size');
}

function checkConsistencyArgs(m: number, n: number): void {
  checkSize(m, 'first size');
  checkSize(n, 'second size');
  if (m > n) throw new TypeError('first size must not exceed second size');
}

/** The perfect subtrees needed to build the inclusion proof of leaf `index` in a tree of `size`. */
export function inclusionProofNodes(index: number, size: number): NodeRef[] {
  checkInclusionArgs(index, size);
  return nodesOf(inclusionRanges(index, size));
}

/** RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(index: number, size: number, read: NodeReader): Hash[] {
  checkInclusionArgs(index, size);
  return inclusionRanges(index, size).map(([a, b]) => rangeHash(a, b, read));
}

/** The perfect subtrees needed for the consistency proof between sizes m and n. */
export function consistencyProofNodes(m: number, n: number): NodeRef[] {
  checkConsistencyArgs(m, n);
  if (m === 0 || m === n) return [];
  return nodesOf(consistencyRanges(m, n));
}

/** RFC 9162 §2.1.4.1: the consistency proof between the trees of m and n leaves (empty when
    m = 0 or m = n: there is nothing to prove). */
export function consistencyProof(m: number, n: number, read: NodeReader): Hash[] {
  checkConsistencyArgs(m, n);
  if (m === 0 || m === n) return [];
  return consistencyRanges(m, n).map(([a, b]) => rangeHash(a, b, read));
}

/** RFC 9162 §2.1.3.2. Returns false (never throws) on any malformed input. */
export function verifyInclusion(index: number, size: number, leafHash: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && hashesEqual(r, root);
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** RFC 9162 §2.1.4.2, extended to the trivial cases the RFC leaves to the caller: equal sizes
    (empty proof, equal roots) and a first tree of size 0 (empty proof, empty root). */
export function verifyConsistency(size1: number, size2: number, root1: Hash, root2: Hash, proof: readonly Hash[]): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size1 > size2) return false;
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  if (size1 === size2) return proof.length === 0 && hashesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0 && hashesEqual(root1, EMPTY_ROOT);
  // 1. An empty path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  // 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7.
  return hashesEqual(fr, root1) && hashesEqual(sr, root2) && sn === 0;
}

/** A reader over leaf hashes held in memory; inner nodes are computed once and memoised. */
export function memoryReader(leafHashes: readonly Hash[]): NodeReader {
  const memo = new Map<string, Hash>();
  const read: NodeReader = (level, index) => {
    if (level === 0) {
      const h = leafHashes[index];
      if (!h) throw new RangeError(`no leaf ${index}`);
      return h;
    }
    const key = `${level}:${index}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const h = hashChildren(read(level - 1, index * 2), read(level - 1, index * 2 + 1));
    memo.set(key, h);
    return h;
  };
  return read;
}

/** A reader over an explicit set of nodes (fetched from storage); asking for a missing node is a bug. */
export function mapReader(nodes: Iterable<{ level: number; index: number; hash: Hash }>): NodeReader {
  const m = new Map<string, Hash>();
  for (const n of nodes) m.set(`${n.level}:${n.index}`, n.hash);
  return (level, index) => {
    const h = m.get(`${level}:${index}`);
    if (!h) throw new RangeError(`node ${level}:${index} not available`);
    return h;
  };
}

/** The right edge of a tree: the perfect subtrees of [0, size), largest first ("compact range").
    Appending a leaf needs only these, so the sealer loads O(log n) hashes per organisation. */
export interface Frontier {
  readonly size: number;
  readonly nodes: readonly (NodeRef & { hash: Hash })[];
}

export const EMPTY_FRONTIER: Frontier = { size: 0, nodes: [] };

/** The nodes a frontier of `size` leaves consists of (fetch these to resume appending). */
export function frontierNodes(size: number): NodeRef[] {
  return perfectNodes(0, size);
}

/** Appends one leaf. Returns the new frontier and every perfect subtree this leaf completed
    (the leaf itself at level 0, then each parent it closed), for storage. */
export function appendLeaf(frontier: Frontier, leafHash: Hash): { frontier: Frontier; completed: (NodeRef & { hash: Hash })[] } {
  if (leafHash.length !== HASH_SIZE) throw new TypeError('leaf hash must be 32 bytes');
  const nodes = [...frontier.nodes];
  let cur: NodeRef & { hash: Hash } = { level: 0, index: frontier.size, hash: leafHash };
  const completed = [cur];
  for (;;) {
    const top = nodes[nodes.length - 1];
    if (!top || top.level !== cur.level) break;
    nodes.pop();
    cur = { level: cur.level + 1, index: Math.floor(cur.index / 2), hash: hashChildren(top.hash, cur.hash) };
    completed.push(cur);
  }
  nodes.push(cur);
  return { frontier: { size: frontier.size + 1, nodes }, completed };
}

/** MTH of the frontier's tree. */
export function frontierRoot(frontier: Frontier): Hash {
  const last = frontier.nodes[frontier.nodes.length - 1];
  if (!last) return EMPTY_ROOT;
  let h = last.hash;
  for (let i = frontier.nodes.length - 2; i >= 0; i--) h = hashChildren(frontier.nodes[i]!.hash, h);
  return h;
}
