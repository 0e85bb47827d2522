/* The checkpoint signing key (Ed25519, C2SP signed-note type 0x01). Claim AUD-3.

   Invariants:
   - The 32-byte private seed is stored only wrapped by the keyring's key-encryption key
     (AES-256-GCM under the KEK, bound to the key row id through the wrap context), so a copy of
     the database alone cannot sign checkpoints (ENC-5). The KEK never enters the database.
   - One active key (unique partial index); retired keys stay so the checkpoints they signed
     still verify. Rotation retires the old key and creates a new one in one transaction.
   - The key name is fixed when the key is created (stored with it), so changing the public URL
     later never changes the key ID under which old checkpoints were signed.
   - A node unwraps the seed once and keeps only the signer object; the seed buffer is zeroed. */
import { newId } from '../lib/ids.js';
import { withSystem, type Db, type SystemTx } from '../db/index.js';
import { ed25519PublicKeyFromSeed, ed25519Signer, formatVerifierKey, generateEd25519Seed, parseVerifierKey, SIG_ED25519 } from './note.js';
import type { NoteSigner, NoteVerifier } from './note.js';
import * as repo from './repo.js';

/** One key-encryption key; structurally the crypto keyring's KekProvider. */
export interface WrappingKey {
  readonly id: string;
  wrap(dek: Uint8Array, context: Uint8Array): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, context: Uint8Array): Promise<Uint8Array>;
}

/** The keyring's KEK set (current + previous during a rotation); structurally the crypto KekSet. */
export interface WrappingKeyring {
  current(): WrappingKey;
  get(id: string): WrappingKey | undefined;
}

export interface CheckpointKeys {
  /** The active signer, creating the first key if none exists (call inside the sealing round). */
  signer(tx: SystemTx): Promise<{ signer: NoteSigner; keyId: string }>;
  /** Verifiers for every key ever used, active first. */
  verifiers(): Promise<NoteVerifier[]>;
  /** The active verifier key string (name+hash+base64key), or null before the first key exists. */
  activeVerifierKey(): Promise<string | null>;
  /** All verifier keys with their lifetimes. */
  listVerifierKeys(): Promise<{ verifierKey: string; createdAt: string; retiredAt: string | null }[]>;
  /** Retires the active key and creates a new one; returns the new verifier key. */
  rotate(): Promise<string>;
  /** Creates the first key if there is none; returns the active verifier key. */
  ensure(): Promise<string>;
}

const WRAP_LABEL = 'palisade.audit.checkpoint-key.v1:';
const wrapContext = (keyRowId: string): Uint8Array => new TextEncoder().encode(`${WRAP_LABEL}${keyRowId}`);

export function createCheckpointKeys(deps: { db: Db; keyring: WrappingKeyring; keyName: string }): CheckpointKeys {
  const cache = new Map<string, NoteSigner>();

  async function create(tx: SystemTx): Promise<{ signer: NoteSigner; keyId: string }> {
    const id = newId('ckk');
    const seed = generateEd25519Seed();
    try {
      const kek = deps.keyring.current();
      const wrapped = await kek.wrap(seed, wrapContext(id));
      const publicKey = ed25519PublicKeyFromSeed(seed);
      const signer = ed25519Signer(deps.keyName, seed);
      await repo.insertSigningKey(tx, {
        id,
        key_name: deps.keyName,
        public_key: publicKey,
        verifier_key: formatVerifierKey(deps.keyName, SIG_ED25519, publicKey),
        wrapped_seed: wrapped,
        kek_id: kek.id,
      });
      cache.set(id, signer);
      return { signer, keyId: id };
    } finally {
      seed.fill(0);
    }
  }

  async function load(row: repo.SigningKeyRow): Promise<NoteSigner> {
    const hit = cache.get(row.id);
    if (hit) return hit;
    const kek = deps.keyring.get(row.kek_id);
    if (!kek) throw new Error(`checkpoint key ${row.id} is wrapped by KEK ${row.kek_id}, which this node does not hold`);
    const seed = await kek.unwrap(row.wrapped_seed, wrapContext(row.id));
    try {
      const signer = ed25519Signer(row.key_name, seed);
      // The stored public key must be the seed's: a swapped public_key column would otherwise
      // publish a verifier key for checkpoints this node never signed.
      if (signer.verifierKey !== row.verifier_key) throw new Error(`checkpoint key ${row.id}: stored public key does not match its private key`);
      cache.set(row.id, signer);
      return signer;
    } finally {
      seed.fill(0);
    }
  }

  const keys: CheckpointKeys = {
    async signer(tx) {
      const row = await repo.activeSigningKey(tx.sql);
      if (!row) return create(tx);
      return { signer: await load(row), keyId: row.id };
    },
    async verifiers() {
      const rows = await withSystem(deps.db, (tx) => repo.allSigningKeys(tx.sql));
      rows.sort((a, b) => Number(a.retired_at !== null) - Number(b.retired_at !== null));
      return rows.map((r) => parseVerifierKey(r.verifier_key));
    },
    async activeVerifierKey() {
      const row = await withSystem(deps.db, (tx) => repo.activeSigningKey(tx.sql));
      return row?.verifier_key ?? null;
    },
    async listVerifierKeys() {
      const rows = await withSystem(deps.db, (tx) => repo.allSigningKeys(tx.sql));
      return rows.map((r) => ({ verifierKey: r.verifier_key, createdAt: r.created_at.toISOString(), retiredAt: r.retired_at?.toISOString() ?? null }));
    },
    async rotate() {
      return withSystem(deps.db, async (tx) => {
        await repo.tryRoundLock(tx); // best effort: do not rotate in the middle of a local round
        await repo.retireSigningKeys(tx);
        return (await create(tx)).signer.verifierKey;
      });
    },
    async ensure() {
      return withSystem(deps.db, async (tx) => {
        await repo.waitForRounds(tx);
        return (await keys.signer(tx)).signer.verifierKey;
      });
    },
  };
  return keys;
}

/** KEK rotation (palisade keys rotate-kek): every checkpoint key's seed, retired keys included
    (verify needs only their public keys, but a later rotation of the signer may not), is
    rewrapped under the current KEK. Idempotent; one transaction. */
export function auditWrappedKeys(db: Db): {
  name: string;
  usage(): Promise<Map<string, number>>;
  rewrap(keyring: WrappingKeyring & { refresh?(): Promise<void> }): Promise<number>;
} {
  return {
    name: 'audit checkpoint keys',
    async usage() {
      const rows = await withSystem(db, (tx) => repo.signingKeyKekUsage(tx));
      return new Map(rows.map((r) => [r.kek_id, r.n]));
    },
    async rewrap(keyring) {
      await keyring.refresh?.();
      const target = keyring.current();
      return withSystem(db, async (tx) => {
        const rows = await repo.signingKeysNotUnder(tx, target.id);
        for (const row of rows) {
          const old = keyring.get(row.kek_id);
          if (!old) throw new Error(`checkpoint key ${row.id} is wrapped by KEK ${row.kek_id}, which this node does not hold`);
          const seed = await old.unwrap(row.wrapped_seed, wrapContext(row.id));
          try {
            await repo.rewrapSigningKey(tx, row.id, target.id, await target.wrap(seed, wrapContext(row.id)));
          } finally {
            seed.fill(0);
          }
        }
        return rows.length;
      });
    },
  };
}
