/* The keys every node shares, kept in the database (identity_keys) so that any node verifies a
   token another node signed:
   - 'session_jwt': an Ed25519 key pair (the 32-byte seed is stored). Session tokens are EdDSA
     JWTs, so another backend can verify them with the public keys alone (GET /v1/auth/jwks)
     and can never mint one.
   - 'csrf': a 256-bit HMAC key from which each session's CSRF token is derived.
   With a key-encryption key set (the crypto module's KekSet), the secret is stored wrapped by
   it (AES-256-GCM, bound to the key's id and purpose) and kek_id names the KEK; without one the
   secret is stored as is, readable only by palisade_system, and a warning is logged at start.
   The first node to start creates the keys under an advisory lock. Claims AUTH-3, ENC-5. */
import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import { withSystem, type Db } from '../db/index.js';
import { newId } from '../lib/ids.js';
import * as repo from './repo.js';

/** Structurally the crypto module's KekProvider: wraps and unwraps a 32-byte key. */
export interface KeyWrapper {
  readonly id: string;
  wrap(key: Uint8Array, context: Uint8Array): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, context: Uint8Array): Promise<Uint8Array>;
}

/** Structurally the crypto module's KekSet. */
export interface KeyWrapperSet {
  current(): KeyWrapper;
  get(id: string): KeyWrapper | undefined;
  refresh?(): Promise<void>;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface IdentityKeys {
  /** The newest session key: signs every new token. */
  signing(): SigningKey;
  /** A verification key by id; reloads from the database once if the id is unknown (a key
      another node created after this one started). */
  verifying(kid: string): Promise<KeyObject | null>;
  csrfKey(): Buffer;
  /** The public session keys as a JWK Set (RFC 7517) for other backends. */
  jwks(): { keys: Array<Record<string, unknown>> };
}

const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function ed25519FromSeed(seed: Uint8Array): { privateKey: KeyObject; publicKey: KeyObject } {
  if (seed.length !== 32) throw new TypeError('Ed25519 seed must be 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function wrapContext(id: string, purpose: string): Uint8Array {
  return Buffer.from(`palisade.identity_keys|${id}|${purpose}`, 'utf8');
}

async function openSecret(row: repo.KeyRow, kek: KeyWrapperSet | undefined): Promise<Buffer> {
  if (!row.kek_id) return Buffer.from(row.secret);
  let w = kek?.get(row.kek_id);
  if (!w && kek?.refresh) {
    await kek.refresh();
    w = kek.get(row.kek_id);
  }
  if (!w) throw new TypeError(`identity key ${row.id} is wrapped by KEK ${row.kek_id}, which this node does not hold`);
  return Buffer.from(await w.unwrap(row.secret, wrapContext(row.id, row.purpose)));
}

export async function loadIdentityKeys(db: Db, opts: { kek?: KeyWrapperSet | undefined; logger: Logger }): Promise<IdentityKeys> {
  if (!opts.kek) {
    opts.logger.warn({ code: 'PAL_WARN_KEYS_UNWRAPPED' }, 'no key-encryption key given to identity: session signing keys are stored unwrapped (readable by palisade_system only)');
  }
  let sessionKeys = new Map<string, SigningKey>();
  let newest: SigningKey | null = null;
  let csrf: Buffer | null = null;

  const load = async (createMissing: boolean): Promise<void> => {
    const rows = await withSystem(db, async (tx) => {
      if (createMissing) await repo.lockKeys(tx);
      let rows = await repo.activeKeys(tx);
      if (createMissing) {
        for (const purpose of ['session_jwt', 'csrf'] as const) {
          if (rows.some((r) => r.purpose === purpose)) continue;
          const id = newId(purpose === 'session_jwt' ? 'sk' : 'ck');
          const secret = randomBytes(32);
          const w = opts.kek?.current();
          const stored = w ? await w.wrap(secret, wrapContext(id, purpose)) : secret;
          await repo.insertKey(tx, { id, purpose, kekId: w?.id ?? null, secret: stored });
          secret.fill(0);
        }
        rows = await repo.activeKeys(tx);
      }
      return rows;
    });
    const next = new Map<string, SigningKey>();
    let first: SigningKey | null = null;
    let csrfNext: Buffer | null = null;
    for (const row of rows) {
      const secret = await openSecret(row, opts.kek);
      if (row.purpose === 'session_jwt') {
        const k = { kid: row.id, ...ed25519FromSeed(secret) };
        next.set(row.id, k);
        first ??= k; // rows are newest first
      } else {
        csrfNext ??= Buffer.from(secret);
      }
      secret.fill(0);
    }
    if (!first || !csrfNext) throw new TypeError('identity keys are missing');
    sessionKeys = next;
    newest = first;
    csrf = csrfNext;
  };

  await load(true);
  let lastReload = 0;

  return {
    signing() {
      if (!newest) throw new TypeError('identity keys not loaded');
      return newest;
    },
    async verifying(kid) {
      const k = sessionKeys.get(kid);
      if (k) return k.publicKey;
      // An unknown kid: reload at most once a second, so junk kids cannot hammer the database.
      if (Date.now() - lastReload < 1000) return null;
      lastReload = Date.now();
      await load(false);
      return sessionKeys.get(kid)?.publicKey ?? null;
    },
    csrfKey() {
      if (!csrf) throw new TypeError('identity keys not loaded');
      return csrf;
    },
    jwks() {
      return {
        keys: [...sessionKeys.values()].map((k) => ({
          ...k.publicKey.export({ format: 'jwk' }),
          kid: k.kid,
          alg: 'EdDSA',
          use: 'sig',
        })),
      };
    },
  };
}

/** KEK rotation (palisade keys rotate-kek): every identity key, retired ones included, is
    rewrapped under the current KEK; an unwrapped one is wrapped. Idempotent and safe to rerun;
    one transaction under the creation lock, so a starting node never sees a half-done state. */
export function identityWrappedKeys(db: Db): {
  name: string;
  usage(): Promise<Map<string, number>>;
  rewrap(kek: KeyWrapperSet): Promise<number>;
} {
  return {
    name: 'identity keys (session signing, CSRF)',
    async usage() {
      const rows = await withSystem(db, (tx) => repo.keyKekUsage(tx));
      return new Map(rows.map((r) => [r.kek_id ?? '(unwrapped)', r.n]));
    },
    async rewrap(kek) {
      await kek.refresh?.();
      const target = kek.current();
      return withSystem(db, async (tx) => {
        await repo.lockKeys(tx);
        const rows = await repo.keysNotUnder(tx, target.id);
        for (const row of rows) {
          const secret = await openSecret(row, kek);
          try {
            await repo.rewrapKey(tx, row.id, target.id, await target.wrap(secret, wrapContext(row.id, row.purpose)));
          } finally {
            secret.fill(0);
          }
        }
        return rows.length;
      });
    },
  };
}
