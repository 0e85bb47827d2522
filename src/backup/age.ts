/* age encryption of backup streams (age-encryption on npm; the files open with the standard
   `age` CLI: `age -d -i key.txt bak_….age`). Only X25519 recipients (`age1…`): Debian's age 1.1
   cannot read the post-quantum hybrid ones. The identity (secret key) is never configured on
   the servers for backups; restore and drills are handed it. Claims ENC-7, BAK-1. */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Decrypter, Encrypter, identityToRecipient } from 'age-encryption';
import { BackupCorrupt, BackupWrongIdentity } from './errors.js';

const RECIPIENT_RE = /^age1[02-9ac-hj-np-z]{58}$/;

export function isX25519Recipient(s: string): boolean {
  return RECIPIENT_RE.test(s);
}

export function parseRecipients(csv: string): string[] {
  return csv.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);
}

/** The secret keys of an identity file as age-keygen writes it (comments and blank lines skipped). */
export function parseIdentityFile(text: string): string[] {
  const keys = text.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('AGE-SECRET-KEY-1'));
  if (!keys.length) throw new TypeError('no AGE-SECRET-KEY-1… line in the identity file');
  return keys;
}

export async function recipientOf(identity: string): Promise<string> {
  return (await identityToRecipient(identity)) as string;
}

export async function encryptStream(plain: Readable, recipients: readonly string[]): Promise<Readable> {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  const out = await e.encrypt(Readable.toWeb(plain) as unknown as ReadableStream<Uint8Array>);
  return Readable.fromWeb(out as unknown as WebReadableStream<Uint8Array>);
}

/** Decrypts; the header is checked before this resolves. A file for other recipients is
    BackupWrongIdentity (naming the manifest's recipients), a damaged header BackupCorrupt. Damage
    in the payload surfaces while reading the returned stream. */
export async function decryptStream(cipher: Readable, identities: readonly string[], manifestRecipients: readonly string[]): Promise<Readable> {
  const d = new Decrypter();
  for (const i of identities) d.addIdentity(i);
  let out;
  try {
    out = await d.decrypt(Readable.toWeb(cipher) as unknown as ReadableStream<Uint8Array>);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/no identity matched/.test(msg)) {
      throw new BackupWrongIdentity(manifestRecipients, await recipientOf(identities[0] ?? '').catch(() => null));
    }
    throw new BackupCorrupt('the age header is unreadable', { reason: msg }, { cause: e });
  }
  return Readable.fromWeb(out as unknown as WebReadableStream<Uint8Array>);
}

/** Wraps a decrypted stream so age's own failures (a chunk that does not authenticate, a missing
    final chunk) read as BackupCorrupt. */
export async function* plaintextOf(stream: Readable): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) yield chunk;
  } catch (e) {
    if (e instanceof BackupCorrupt) throw e;
    throw new BackupCorrupt('the encrypted payload does not authenticate', { reason: e instanceof Error ? e.message : String(e) }, { cause: e });
  }
}
