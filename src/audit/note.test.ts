import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { hashLeaf, inclusionProof, memoryReader, rootHash, verifyInclusion } from './merkle.js';
import {
  NoteError,
  SIG_ED25519,
  ed25519PublicKeyFromSeed,
  ed25519Signer,
  formatCheckpoint,
  formatVerifierKey,
  fromBase64,
  generateEd25519Seed,
  keyId,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  toBase64,
} from './note.js';

interface Vectors {
  leaves_hex: string[];
  signed_note_spec_example: { vkey: string; note: string };
  checkpoint_vector: {
    log_seed_hex: string;
    log_vkey: string;
    checkpoint_body: string;
    signed_checkpoint: string;
    witness_seed_hex: string;
    witness_vkey_type04: string;
    cosignature_timestamp: number;
    cosigned_checkpoint: string;
  };
  tlog_proof_vector: string;
}
const vectorsPath = fileURLToPath(new URL('../../test/fixtures/vectors/tlog-webhook-vectors.json', import.meta.url));
const V = JSON.parse(readFileSync(vectorsPath, 'utf8')) as Vectors;
const CP = V.checkpoint_vector;
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

describe('signed notes (c2sp.org/signed-note)', () => {
  it('AUD-3: the spec example note verifies with its vkey', () => {
    const v = parseVerifierKey(V.signed_note_spec_example.vkey);
    expect(v.name).toBe('example.com/foo');
    const { text, verifiedBy } = openNote(V.signed_note_spec_example.note, [v]);
    expect(text).toBe('This is an example message.\n');
    expect(verifiedBy).toEqual([v]);
  });

  it('AUD-3: the spec example fails when its text or signature changes', () => {
    const v = parseVerifierKey(V.signed_note_spec_example.vkey);
    const note = V.signed_note_spec_example.note;
    expect(() => openNote(note.replace('example message', 'example massage'), [v])).toThrow(NoteError);
    const sigStart = note.indexOf('Uw2Q');
    const flipped = note.slice(0, sigStart + 10) + (note[sigStart + 10] === 'A' ? 'B' : 'A') + note.slice(sigStart + 11);
    expect(() => openNote(flipped, [v])).toThrow(NoteError);
  });

  it('a vkey whose base64 contains "+" is split on the first two "+" only', () => {
    // The checkpoint vector's log vkey contains "+" in its base64 part.
    expect(CP.log_vkey.split('+').length).toBeGreaterThan(3);
    const v = parseVerifierKey(CP.log_vkey);
    expect(v.name).toBe('audit.example.test/log');
    expect(Buffer.from(v.publicKey)).toEqual(Buffer.from(ed25519PublicKeyFromSeed(unhex(CP.log_seed_hex))));
  });

  it('rejects malformed verifier keys', () => {
    expect(() => parseVerifierKey('nohash')).toThrow(NoteError);
    expect(() => parseVerifierKey('a+00000000+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk')).toThrow(/hash does not match/);
    expect(() => parseVerifierKey(CP.log_vkey.replace('+7bb89108+', '+7BB89108+'))).toThrow(NoteError);
    expect(() => parseVerifierKey(`${CP.log_vkey}!`)).toThrow(NoteError);
    const raw = parseVerifierKey(CP.log_vkey).publicKey;
    expect(() => parseVerifierKey(formatVerifierKey('x', 0x07, raw))).toThrow(/unsupported signature type/);
  });

  it('ignores signatures from unknown keys and rejects a note with none from a known key', () => {
    const a = ed25519Signer('a.example/k', generateEd25519Seed());
    const b = ed25519Signer('b.example/k', generateEd25519Seed());
    const note = signNote('hello\n', [a, b]);
    expect(openNote(note, [parseVerifierKey(b.verifierKey)]).verifiedBy.map((v) => v.name)).toEqual(['b.example/k']);
    expect(() => openNote(note, [])).toThrow(/no signature from a known key/);
    // Same name, different key: the key ID differs, so the signature is ignored, not accepted.
    const impostor = ed25519Signer('a.example/k', generateEd25519Seed());
    expect(() => openNote(note, [parseVerifierKey(impostor.verifierKey)])).toThrow(/no signature from a known key/);
  });

  it('enforces the note format', () => {
    const s = ed25519Signer('a.example/k', generateEd25519Seed());
    expect(() => signNote('no newline', [s])).toThrow(NoteError);
    expect(() => signNote('tab\there\n', [s])).toThrow(NoteError);
    expect(() => ed25519Signer('has space', generateEd25519Seed())).toThrow(NoteError);
    expect(() => ed25519Signer('has+plus', generateEd25519Seed())).toThrow(NoteError);
    expect(() => parseNote('text\n')).toThrow(NoteError);
    expect(() => parseNote('text\n\n- a AAAA\n')).toThrow(NoteError);
    expect(() => fromBase64('AAA')).toThrow(NoteError);
    expect(() => fromBase64('AAB=')).toThrow(NoteError); // non-canonical trailing bits
    // Text may contain blank lines: the LAST blank line separates the signatures.
    const note = signNote('one\n\ntwo\n', [s]);
    expect(openNote(note, [parseVerifierKey(s.verifierKey)]).text).toBe('one\n\ntwo\n');
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  it('AUD-3: the checkpoint vector is reproduced byte for byte from its seed and the 8-leaf root', () => {
    const signer = ed25519Signer('audit.example.test/log', unhex(CP.log_seed_hex));
    expect(signer.verifierKey).toBe(CP.log_vkey);
    const leaves = V.leaves_hex.map((l) => hashLeaf(unhex(l)));
    const root = rootHash(8, memoryReader(leaves));
    const body = formatCheckpoint({ origin: 'audit.example.test/log', size: 8, rootHash: root, extensions: [] });
    expect(body).toBe(CP.checkpoint_body);
    // Ed25519 (RFC 8032) is deterministic, so the signed note is identical.
    expect(signCheckpoint(parseCheckpoint(body), signer)).toBe(CP.signed_checkpoint);
  });

  it('AUD-3: the signed and the cosigned checkpoint vectors open with the log key; the witness line is ignored without its key', () => {
    const log = parseVerifierKey(CP.log_vkey);
    for (const note of [CP.signed_checkpoint, CP.cosigned_checkpoint]) {
      const c = openCheckpoint(note, [log], 'audit.example.test/log');
      expect(c.size).toBe(8);
      expect(toBase64(c.rootHash)).toBe('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=');
    }
    expect(() => openCheckpoint(CP.signed_checkpoint, [log], 'other.example/log')).toThrow(/origin/);
  });

  it('AUD-3: the witness cosignature (type 0x04, timestamped) verifies with the witness vkey', () => {
    const w = parseVerifierKey(CP.witness_vkey_type04);
    expect(Buffer.from(w.publicKey)).toEqual(Buffer.from(ed25519PublicKeyFromSeed(unhex(CP.witness_seed_hex))));
    const { verifiedBy } = openNote(CP.cosigned_checkpoint, [w]);
    expect(verifiedBy.map((v) => v.name)).toEqual(['witness.example.test/w1']);
    const sigLine = parseNote(CP.cosigned_checkpoint).signatures.find((s) => s.name === 'witness.example.test/w1')!;
    expect(Buffer.from(sigLine.sig.subarray(0, 8)).readBigUInt64BE(0)).toBe(BigInt(CP.cosignature_timestamp));
    // Both keys together: both verify.
    expect(openNote(CP.cosigned_checkpoint, [parseVerifierKey(CP.log_vkey), w]).verifiedBy).toHaveLength(2);
  });

  it('AUD-3: the tlog-proof vector (index 5) verifies against its checkpoint', () => {
    const [head, ...rest] = V.tlog_proof_vector.split('\n\n');
    const note = `${rest.join('\n\n')}`;
    const lines = head!.split('\n');
    expect(lines[0]).toBe('c2sp.org/tlog-proof@v1');
    expect(lines[1]).toBe('index 5');
    const path = lines.slice(2).map(fromBase64);
    const cp = openCheckpoint(note, [parseVerifierKey(CP.log_vkey)]);
    const leaf = hashLeaf(unhex(V.leaves_hex[5]!));
    expect(verifyInclusion(5, cp.size, leaf, path, cp.rootHash)).toBe(true);
    const leaves = V.leaves_hex.map((l) => hashLeaf(unhex(l)));
    expect(inclusionProof(5, 8, memoryReader(leaves)).map(toBase64)).toEqual(lines.slice(2));
  });

  it('AUD-3: a product checkpoint signed with node:crypto verifies with @noble/curves (a separate Ed25519)', () => {
    const seed = generateEd25519Seed();
    const signer = ed25519Signer('palisade.example/audit', seed);
    const note = signCheckpoint({ origin: 'palisade.example/audit/org_x', size: 3, rootHash: new Uint8Array(32).fill(7), extensions: [] }, signer);
    // Independent parse: split at the last blank line, take the signature line apart by hand.
    const cut = note.lastIndexOf('\n\n');
    const text = note.slice(0, cut + 1);
    const [, name, b64] = /^\u2014 (\S+) (\S+)\n$/.exec(note.slice(cut + 2))!;
    expect(name).toBe('palisade.example/audit');
    const raw = Buffer.from(b64!, 'base64');
    const pub = ed25519.getPublicKey(seed);
    expect(Buffer.from(pub)).toEqual(Buffer.from(signer.publicKey));
    expect(Buffer.from(raw.subarray(0, 4))).toEqual(Buffer.from(keyId(name!, SIG_ED25519, pub)));
    expect(ed25519.verify(raw.subarray(4), new TextEncoder().encode(text), pub)).toBe(true);
    expect(ed25519.verify(raw.subarray(4), new TextEncoder().encode(text.replace('\n3\n', '\n4\n')), pub)).toBe(false);
    // And the reverse direction: a note signed by noble opens with our verifier.
    const nobleSig = ed25519.sign(new TextEncoder().encode(text), seed);
    const nobleNote = `${text}\n\u2014 ${name} ${Buffer.concat([raw.subarray(0, 4), nobleSig]).toString('base64')}\n`;
    expect(openCheckpoint(nobleNote, [parseVerifierKey(signer.verifierKey)]).size).toBe(3);
  });

  it('rejects malformed checkpoint text', () => {
    const root = toBase64(new Uint8Array(32));
    expect(() => parseCheckpoint(`o\n01\n${root}\n`)).toThrow(/leading zeros/);
    expect(() => parseCheckpoint(`o\n1\n${toBase64(new Uint8Array(31))}\n`)).toThrow(/32 bytes/);
    expect(() => parseCheckpoint(`o\n1\n`)).toThrow(NoteError);
    expect(() => parseCheckpoint(`\n1\n${root}\n`)).toThrow(/origin/);
    expect(parseCheckpoint(`o\n0\n${root}\next\n`).extensions).toEqual(['ext']);
  });
});
