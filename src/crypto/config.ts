/* The crypto module's slice of the configuration, and the KEK set it selects: PALISADE_KEK
   (+ PALISADE_KEK_PREVIOUS) when set, else the key file in PALISADE_KEK_DIR (default: the data
   directory), generated on first start. A KMS is wired in code (kmsKekProvider + staticKekSet). */
import type { Config } from '../config/schema.js';
import { KekInvalid } from './errors.js';
import { envKekSet, fileKekSet, type KekSet } from './kek.js';

export interface CryptoConfig {
  kek: string | undefined;
  kekPrevious: string | undefined;
  kekDir: string;
  dekCache: { ttlMs: number; max: number };
}

export function cryptoConfig(c: Config): CryptoConfig {
  return {
    kek: c.PALISADE_KEK,
    kekPrevious: c.PALISADE_KEK_PREVIOUS,
    kekDir: c.PALISADE_KEK_DIR ?? c.PALISADE_DATA_DIR,
    dekCache: { ttlMs: c.PALISADE_DEK_CACHE_TTL_SECONDS * 1000, max: c.PALISADE_DEK_CACHE_MAX },
  };
}

/** The KEKs this node holds. With `create`, a missing key file is generated (server start);
    the CLI passes false so a mistyped directory never mints a new root key. */
export async function kekSetFromConfig(c: CryptoConfig, opts: { create: boolean }): Promise<KekSet> {
  if (c.kek !== undefined) return envKekSet(c.kek, c.kekPrevious);
  if (c.kekPrevious !== undefined) {
    throw new KekInvalid('PALISADE_KEK_PREVIOUS is set but PALISADE_KEK is not');
  }
  return fileKekSet(c.kekDir, { create: opts.create });
}
