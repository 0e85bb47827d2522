/* AUD-3: the input guards of the Merkle proof verifiers and builders (issue 21, mutation testing,
   session 8). Each case below is an input that a verifier without that guard *accepts*: the
   hashes are chosen so that the algorithm's arithmetic fits them — a proof one element longer
   than the tree has levels, sizes the wrong way round, a negative, fractional or NaN index or
   size, a hash of the wrong length — so only the guard stands between them and `true`. The
   builders refuse what their callers must never ask for (misaligned ranges, an index past the
   tree, a first size beyond the second) with a TypeError that says which argument is wrong. */
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FRONTIER,
  EMPTY_ROOT,
  appendLeaf,
  consistencyProof,
  consistencyProofNodes,
  hashChildren,
  hashLeaf,
  hashesEqual,
  inclusionProof,
  inclusionProofNodes,
  mapReader,
  memoryReader,
  perfectNodes,
  rootHash,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
import type { Hash } from './merkle.js';

const leaves = Array.from({ length: 16 }, (_, i) => hashLeaf(new TextEncoder().encode(`guard leaf ${i}`)));
const read = memoryReader(leaves);
const root = (n: number): Hash => rootHash(n, read);
const h = (s: string): Hash => hashLeaf(new TextEncoder().encode(s));
/** The fold `sr = H(sr, c)` the consistency verifier makes for a first tree fully to the left. */
const chain = (first: Hash, ...rest: Hash[]): Hash => rest.reduce((acc, c) => hashChildren(acc, c), first);
const short = (b: Hash): Hash => b.subarray(0, 31);

describe('inclusion verification refuses what its arithmetic would accept', () => {
  const proof0 = inclusionProof(0, 4, read);

  it('AUD-3: the genuine proof of leaf 0 verifies (the control for every case below)', () => {
    expect(verifyInclusion(0, 4, leaves[0]!, proof0, root(4))).toBe(true);
  });

  it('AUD-3: a negative, NaN or out-of-tree index carrying leaf 0\'s proof is refused', () => {
    expect(verifyInclusion(-1, 4, leaves[0]!, proof0, root(4))).toBe(false);
    expect(verifyInclusion(-2, 4, leaves[0]!, proof0, root(4))).toBe(false);
    expect(verifyInclusion(Number.NaN, 4, leaves[0]!, proof0, root(4))).toBe(false);
    // index = size: walking it, the verifier's arithmetic lands on leaf 0's path.
    expect(verifyInclusion(4, 4, leaves[0]!, proof0, root(4))).toBe(false);
  });

  it('AUD-3: a fractional or NaN tree size is refused', () => {
    expect(verifyInclusion(0, 1.5, leaves[0]!, [leaves[1]!], root(2))).toBe(false);
    expect(verifyInclusion(0, 2 ** 53 + 2, leaves[0]!, [leaves[1]!], root(2))).toBe(false);
  });

  it('AUD-3: a leaf hash, root or proof element of the wrong length is refused, even when the hashes were computed over it', () => {
    const odd = short(leaves[1]!);
    expect(verifyInclusion(0, 1, odd, [], odd)).toBe(false);
    expect(verifyInclusion(1, 2, odd, [leaves[0]!], hashChildren(leaves[0]!, odd))).toBe(false);
    expect(verifyInclusion(0, 1, leaves[0]!, [], short(leaves[0]!))).toBe(false);
    expect(verifyInclusion(0, 2, leaves[0]!, [odd], hashChildren(leaves[0]!, odd))).toBe(false);
    expect(verifyInclusion(1, 2, leaves[1]!, [odd], hashChildren(odd, leaves[1]!))).toBe(false);
  });

  it('AUD-3: a proof with one element more than the tree has levels is refused, whatever root it is paired with', () => {
    for (let n = 1; n <= 9; n++) {
      for (let i = 0; i < n; i++) {
        const p = inclusionProof(i, n, read);
        const x = h(`extra ${n} ${i}`);
        expect(verifyInclusion(i, n, leaves[i]!, [...p, x], hashChildren(x, root(n))), `${i} of ${n}`).toBe(false);
        expect(verifyInclusion(i, n, leaves[i]!, [...p, x], hashChildren(root(n), x)), `${i} of ${n}`).toBe(false);
      }
    }
  });
});

describe('consistency verification refuses what its arithmetic would accept', () => {
  const [a, b, c] = [h('a'), h('b'), h('c')];

  it('AUD-3: sizes the wrong way round, negative, NaN or fractional are refused', () => {
    // A first size above the second: 5 then 4 walks the proof as a fully-left first tree.
    expect(verifyConsistency(5, 4, a, chain(a, b, c), [a, b, c])).toBe(false);
    expect(verifyConsistency(-1, 4, a, chain(a, b, c), [a, b, c])).toBe(false);
    expect(verifyConsistency(Number.NaN, 4, a, chain(a, b, c), [a, b, c])).toBe(false);
    // 2 → 4.5: the genuine proof of 2 → 4 fits the arithmetic of 4.5.
    expect(verifyConsistency(2, 4, root(2), root(4), consistencyProof(2, 4, read))).toBe(true);
    expect(verifyConsistency(2, 4.5, root(2), root(4), consistencyProof(2, 4, read))).toBe(false);
    expect(verifyConsistency(2.5, 4, root(2), root(4), consistencyProof(2, 4, read))).toBe(false);
  });

  it('AUD-3: a root or proof element of the wrong length is refused', () => {
    const p = consistencyProof(3, 7, read);
    expect(verifyConsistency(3, 7, root(3), root(7), p)).toBe(true);
    expect(verifyConsistency(3, 7, short(root(3)), root(7), p)).toBe(false);
    expect(verifyConsistency(3, 7, root(3), short(root(7)), p)).toBe(false);
    expect(verifyConsistency(3, 7, root(3), root(7), [...p.slice(0, -1), short(p[p.length - 1]!)])).toBe(false);
    expect(verifyConsistency(2, 4, a, chain(a, short(b)), [short(b)])).toBe(false);
    // A first size that is a power of two puts root1 itself at the head of the path: a short one
    // would be compared with itself.
    expect(verifyConsistency(2, 4, short(a), chain(short(a), b), [b])).toBe(false);
  });

  it('AUD-3: equal sizes need an empty proof and equal roots; from size 0 an empty proof and the empty root', () => {
    expect(verifyConsistency(4, 4, root(4), root(4), [])).toBe(true);
    expect(verifyConsistency(4, 4, root(4), root(4), [a])).toBe(false);
    expect(verifyConsistency(4, 4, root(4), root(5), [])).toBe(false);
    expect(verifyConsistency(0, 4, EMPTY_ROOT, root(4), [])).toBe(true);
    expect(verifyConsistency(0, 4, EMPTY_ROOT, root(4), [a])).toBe(false);
  });

  it('AUD-3: a proof with one element too many is refused, whatever roots it is paired with', () => {
    for (let n = 2; n <= 12; n++) {
      for (let m = 1; m < n; m++) {
        const p = consistencyProof(m, n, read);
        const x = h(`extra ${m} ${n}`);
        expect(verifyConsistency(m, n, root(m), root(n), p), `${m} → ${n}`).toBe(true);
        expect(verifyConsistency(m, n, hashChildren(x, root(m)), hashChildren(x, root(n)), [...p, x]), `${m} → ${n}`).toBe(false);
      }
    }
  });

  it('AUD-3: a proof between m and a smaller second tree does not prove consistency with a larger one', () => {
    // Every step of 3 → 4 fits 3 → 8 too, but the walk ends one level short of the root of 8.
    expect(verifyConsistency(3, 4, root(3), root(4), consistencyProof(3, 4, read))).toBe(true);
    expect(verifyConsistency(3, 8, root(3), root(4), consistencyProof(3, 4, read))).toBe(false);
    expect(verifyConsistency(5, 16, root(5), root(6), consistencyProof(5, 6, read))).toBe(false);
  });
});

describe('proof builders refuse arguments no caller may pass', () => {
  it('AUD-3: an empty or single-element split, a range ending before its start and a misaligned range are programmer errors', () => {
    expect(() => splitPoint(1)).toThrow(new TypeError('splitPoint needs n >= 2'));
    expect(() => splitPoint(0)).toThrow(TypeError);
    expect(splitPoint(2)).toBe(1);
    expect(splitPoint(5)).toBe(4);
    expect(() => perfectNodes(5, 3)).toThrow(new TypeError('range end before start'));
    expect(() => perfectNodes(1, 3)).toThrow(new TypeError('range [1, 3) is not aligned'));
    expect(() => perfectNodes(-2, 0)).toThrow(new TypeError('start must be a non-negative safe integer'));
    expect(() => perfectNodes(0.5, 2)).toThrow(new TypeError('start must be a non-negative safe integer'));
    expect(() => perfectNodes(0, 2 ** 53)).toThrow(new TypeError('end must be a non-negative safe integer'));
    expect(perfectNodes(4, 7)).toEqual([{ level: 1, index: 2 }, { level: 0, index: 6 }]);
  });

  it('AUD-3: an index at or past the tree, a negative size or a first size beyond the second are refused with their reason', () => {
    expect(() => inclusionProofNodes(4, 4)).toThrow(new TypeError('leaf index must be below the tree size'));
    expect(() => inclusionProof(-1, 4, read)).toThrow(new TypeError('leaf index must be a non-negative safe integer'));
    expect(() => inclusionProofNodes(0, -1)).toThrow(new TypeError('tree size must be a non-negative safe integer'));
    expect(() => consistencyProofNodes(5, 4)).toThrow(new TypeError('first size must not exceed second size'));
    expect(() => consistencyProof(5, 4, read)).toThrow(new TypeError('first size must not exceed second size'));
    expect(() => consistencyProof(-1, 4, read)).toThrow(new TypeError('first size must be a non-negative safe integer'));
    expect(() => consistencyProofNodes(1, 1.5)).toThrow(new TypeError('second size must be a non-negative safe integer'));
  });

  it('AUD-3: from an empty first tree there is nothing to prove: an empty proof that verifies against the empty root', () => {
    expect(consistencyProof(0, 5, read)).toEqual([]);
    expect(consistencyProofNodes(0, 5)).toEqual([]);
    expect(consistencyProof(5, 5, read)).toEqual([]);
    expect(consistencyProofNodes(5, 5)).toEqual([]);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, root(5), consistencyProof(0, 5, read))).toBe(true);
  });

  it('AUD-3: readers refuse a node they do not hold; appending refuses a leaf hash of the wrong length; hashes of different lengths are unequal', () => {
    expect(() => memoryReader(leaves.slice(0, 3))(0, 5)).toThrow(new RangeError('no leaf 5'));
    expect(() => memoryReader(leaves.slice(0, 3))(1, 1)).toThrow(new RangeError('no leaf 3'));
    expect(() => mapReader([{ level: 0, index: 0, hash: leaves[0]! }])(1, 0)).toThrow(new RangeError('node 1:0 not available'));
    expect(() => appendLeaf(EMPTY_FRONTIER, short(leaves[0]!))).toThrow(new TypeError('leaf hash must be 32 bytes'));
    expect(hashesEqual(leaves[0]!, short(leaves[0]!))).toBe(false);
    expect(hashesEqual(short(leaves[0]!), leaves[0]!)).toBe(false);
    expect(hashesEqual(leaves[0]!, Uint8Array.from(leaves[0]!))).toBe(true);
  });
});
