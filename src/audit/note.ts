/* C2SP signed notes (c2sp.org/signed-note) with Ed25519 (type 0x01), verification of Ed25519
   witness cosignatures (type 0x04, c2sp.org/tlog-cosignature), and C2SP tlog checkpoints
   (c2sp.org/tlog-checkpoint). Claim AUD-3: anyone with the verifier key can check a checkpoint
   with any standard implementation.

   Invariants:
   - A note is text ending in "\n", a blank line, then lines "— <name> <base64(keyID || sig)>\n".
     The text is separated from the signatures by the LAST blank line. Valid UTF-8, no control
     characters other than "\n" (checked on sign and on open).
   - key ID = SHA-256(name || 0x0A || type || public key)[:4]; a signature counts only when both
     the name and the key ID match a configured verifier. Unknown signatures are ignored; a known
     signature that fails to verify rejects the whole note; no verified known signature rejects it.
   - A verifier key is "name+hex(keyID)+base64(type || public key)". Base64 can contain "+", so it
     is split on the first two "+" only, and the key ID in it must match the one computed.
   - Base64 is RFC 4648 §4, decoded strictly (Node's decoder silently skips junk; we do not).
   - Signing uses node:crypto. Tests check the output with @noble/curves, a separate implementation. */
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign as edSign, verify as edVerify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;
const EM_DASH_PREFIX = '\u2014 ';
/** Spec: verifiers must accept at least 16 signatures; cap to bound work on hostile input. */
const MAX_SIGNATURES = 64;
const MAX_NOTE_BYTES = 1 << 20;

/** A signed note or verifier key that is malformed or does not verify. Never shown to clients
    as-is: callers map it to their own errors. */
export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

// ---- base64 (strict) ---------------------------------------------------------------------

export function toBase64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}

/** Strict RFC 4648 §4 base64: standard alphabet, padding required, canonical trailing bits. */
export function fromBase64(s: string): Uint8Array {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new NoteError('invalid base64');
  const b = Buffer.from(s, 'base64');
  if (b.toString('base64') !== s) throw new NoteError('non-canonical base64');
  return new Uint8Array(b);
}

// ---- keys ----------------------------------------------------------------------------------

function checkKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name) || /[\u0000-\u001f]/.test(name)) {
    throw new NoteError('key name must be non-empty, without spaces or "+"');
  }
}

/** key ID = SHA-256(name || "\n" || type || public key)[:4] (signed-note, tlog-cosignature). */
export function keyId(name: string, type: number, publicKey: Uint8Array): Uint8Array {
  const h = createHash('sha256').update(name, 'utf8').update(Uint8Array.of(0x0a, type)).update(publicKey).digest();
  return new Uint8Array(h.subarray(0, 4));
}

/** "name+hex(keyID)+base64(type || key)". */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  checkKeyName(name);
  const id = Buffer.from(keyId(name, type, publicKey)).toString('hex');
  return `${name}+${id}+${toBase64(Uint8Array.of(type, ...publicKey))}`;
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function ed25519PublicKeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new NoteError('Ed25519 public key must be 32 bytes');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Raw 32-byte Ed25519 public key of a 32-byte seed (RFC 8032 private key). */
export function ed25519PublicKeyFromSeed(seed: Uint8Array): Uint8Array {
  const priv = ed25519PrivateKeyObject(seed);
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

function ed25519PrivateKeyObject(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new TypeError('Ed25519 seed must be 32 bytes');
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function generateEd25519Seed(): Uint8Array {
  return new Uint8Array(randomBytes(32));
}

/** Signs note text under a key name. The private key never leaves this object. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
  /** The verifier key string to publish. */
  readonly verifierKey: string;
  sign(message: Uint8Array): Uint8Array;
}

export function ed25519Signer(name: string, seed: Uint8Array): NoteSigner {
  checkKeyName(name);
  const priv = ed25519PrivateKeyObject(seed);
  const publicKey = ed25519PublicKeyFromSeed(seed);
  return {
    name,
    keyId: keyId(name, SIG_ED25519, publicKey),
    publicKey,
    verifierKey: formatVerifierKey(name, SIG_ED25519, publicKey),
    sign: (message) => new Uint8Array(edSign(null, message, priv)),
  };
}

/** Checks signatures of one key. `verify` gets the note text and the signature bytes after the key ID. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly type: number;
  readonly publicKey: Uint8Array;
  verify(text: string, sig: Uint8Array): boolean;
}

function ed25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  const key = ed25519PublicKeyObject(publicKey);
  return {
    name,
    keyId: keyId(name, SIG_ED25519, publicKey),
    type: SIG_ED25519,
    publicKey,
    verify: (text, sig) => sig.length === 64 && edVerify(null, Buffer.from(text, 'utf8'), key, sig),
  };
}

/* tlog-cosignature: sig = u64 timestamp (big-endian) || Ed25519 signature over
   "cosignature/v1\ntime <timestamp>\n" || note text. */
function cosignatureV1Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  const key = ed25519PublicKeyObject(publicKey);
  return {
    name,
    keyId: keyId(name, SIG_COSIGNATURE_V1, publicKey),
    type: SIG_COSIGNATURE_V1,
    publicKey,
    verify: (text, sig) => {
      if (sig.length !== 8 + 64) return false;
      const ts = Buffer.from(sig.buffer, sig.byteOffset, 8).readBigUInt64BE(0);
      if (ts > 2n ** 63n - 1n) return false;
      const msg = `cosignature/v1\ntime ${ts.toString()}\n${text}`;
      return edVerify(null, Buffer.from(msg, 'utf8'), key, sig.subarray(8));
    },
  };
}

export function verifierFor(name: string, type: number, publicKey: Uint8Array): NoteVerifier {
  checkKeyName(name);
  if (type === SIG_ED25519) return ed25519Verifier(name, publicKey);
  if (type === SIG_COSIGNATURE_V1) return cosignatureV1Verifier(name, publicKey);
  throw new NoteError(`unsupported signature type 0x${type.toString(16).padStart(2, '0')}`);
}

/** Parses "name+hash+base64key" (split on the first two "+" only; the base64 may contain "+"). */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const a = vkey.indexOf('+');
  const b = a < 0 ? -1 : vkey.indexOf('+', a + 1);
  if (a <= 0 || b < 0) throw new NoteError('verifier key must be name+hash+key');
  const name = vkey.slice(0, a);
  const hashHex = vkey.slice(a + 1, b);
  const keyBytes = fromBase64(vkey.slice(b + 1));
  if (!/^[0-9a-f]{8}$/.test(hashHex)) throw new NoteError('verifier key hash must be 8 lowercase hex digits');
  const type = keyBytes[0];
  if (type === undefined) throw new NoteError('verifier key has no key');
  const v = verifierFor(name, type, keyBytes.subarray(1));
  if (Buffer.from(v.keyId).toString('hex') !== hashHex) throw new NoteError('verifier key hash does not match the key');
  return v;
}

// ---- notes ---------------------------------------------------------------------------------

function checkText(s: string, what: string): void {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(s)) throw new NoteError(`${what} contains control characters`);
  if (/\p{Cs}/u.test(s)) throw new NoteError(`${what} is not valid UTF-8`);
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Uint8Array;
  /** The signature bytes after the 4-byte key ID. */
  readonly sig: Uint8Array;
}

/** Signs note text (must end in "\n") with each signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new NoteError('note text must end with a newline');
  checkText(text, 'note text');
  if (signers.length === 0) throw new TypeError('signNote needs a signer');
  const msg = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => `${EM_DASH_PREFIX}${s.name} ${toBase64(Uint8Array.of(...s.keyId, ...s.sign(msg)))}\n`);
  return `${text}\n${lines.join('')}`;
}

/** Splits a signed note into its text and signature lines, checking the format only. */
export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw new NoteError('note too large');
  checkText(note, 'note');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('note has no signature block');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new NoteError('signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('too many signatures');
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(EM_DASH_PREFIX)) throw new NoteError('malformed signature line');
    const rest = line.slice(EM_DASH_PREFIX.length);
    const sp = rest.indexOf(' ');
    if (sp <= 0 || rest.indexOf(' ', sp + 1) >= 0) throw new NoteError('malformed signature line');
    const name = rest.slice(0, sp);
    checkKeyName(name);
    const raw = fromBase64(rest.slice(sp + 1));
    if (raw.length < 5) throw new NoteError('signature too short');
    return { name, keyId: raw.subarray(0, 4), sig: raw.subarray(4) };
  });
  return { text, signatures };
}

function sameId(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Verifies a note against trusted keys. Returns the text and the verifiers whose signatures
    verified; throws NoteError if any known signature fails or none verifies. */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): { text: string; verifiedBy: NoteVerifier[] } {
  const { text, signatures } = parseNote(note);
  const verifiedBy: NoteVerifier[] = [];
  for (const s of signatures) {
    const v = verifiers.find((k) => k.name === s.name && sameId(k.keyId, s.keyId));
    if (!v) continue; // unknown key: ignored, as the spec requires
    if (!v.verify(text, s.sig)) throw new NoteError(`signature by ${s.name} does not verify`);
    if (!verifiedBy.includes(v)) verifiedBy.push(v);
  }
  if (verifiedBy.length === 0) throw new NoteError('no signature from a known key');
  return { text, verifiedBy };
}

// ---- checkpoints ---------------------------------------------------------------------------

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Extension lines (we never write any; parsing keeps them). */
  readonly extensions: readonly string[];
}

/** The checkpoint note text: origin, size, base64 root hash, one per line. */
export function formatCheckpoint(c: Checkpoint): string {
  if (c.origin.length === 0 || c.origin.includes('\n')) throw new NoteError('origin must be one non-empty line');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new NoteError('size must be a non-negative integer');
  if (c.rootHash.length !== 32) throw new NoteError('root hash must be 32 bytes');
  for (const e of c.extensions) if (e.length === 0 || e.includes('\n')) throw new NoteError('extension lines must be non-empty single lines');
  return [c.origin, String(c.size), toBase64(c.rootHash), ...c.extensions].map((l) => `${l}\n`).join('');
}

/** Parses checkpoint note text (not the signatures: use openCheckpoint for a signed note). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new NoteError('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) throw new NoteError('checkpoint needs three lines');
  if (origin.length === 0) throw new NoteError('empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw new NoteError('tree size is not a decimal without leading zeros');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new NoteError('tree size too large');
  const rootHash = fromBase64(rootLine);
  if (rootHash.length !== 32) throw new NoteError('root hash must be 32 bytes');
  if (extensions.some((e) => e.length === 0)) throw new NoteError('empty extension line');
  return { origin, size, rootHash, extensions };
}

export function signCheckpoint(c: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(c), [signer]);
}

/** Verifies a signed checkpoint and parses it. With `origin`, the origin line must equal it. */
export function openCheckpoint(note: string, verifiers: readonly NoteVerifier[], origin?: string): Checkpoint & { text: string } {
  const { text } = openNote(note, verifiers);
  const c = parseCheckpoint(text);
  if (origin !== undefined && c.origin !== origin) throw new NoteError(`checkpoint origin is ${c.origin}, expected ${origin}`);
  return { ...c, text };
}
