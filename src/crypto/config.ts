/* The crypto module's slice of the configuration, and the KEK set it selects: PALISADE_KEK
   (+ PALISADE_KEK_PREVIOUS) when set, else the key file in PALISADE_KEK_DIR, generated on first
   start. A KMS is wired in code (kmsKekProvider + staticKekSet).
   Where the key file lives (ENC-5, issue 11): never where a copy of the data directory would
   carry it. By default PALISADE_KEK_DIR is the data directory's sibling `<data dir>-keys` (a copy
   or backup of the data directory does not include it); production (PALISADE_DEV_MODE off)
   refuses a key directory inside the data directory, development warns. An install from before
   this rule keeps `kek.key` in its data directory: startup refuses to mint a second key beside it
   and names the one command that moves it (`palisade keys move-kek`). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import { KekInDataDir, KekInvalid } from './errors.js';
import { KEK_FILE, envKekSet, fileKekSet, type KekSet } from './kek.js';

export interface CryptoConfig {
  kek: string | undefined;
  kekPrevious: string | undefined;
  /** Where the key file lives (absolute). */
  kekDir: string;
  /** True when PALISADE_KEK_DIR was not set (kekDir is the default sibling). */
  kekDirDefaulted: boolean;
  /** PALISADE_DATA_DIR, absolute. */
  dataDir: string;
  /** Production refuses a key file inside the data directory; development only warns. */
  production: boolean;
  dekCache: { ttlMs: number; max: number };
}

/** The default key directory: beside the data directory, never in it. */
export function defaultKekDir(dataDir: string): string {
  return `${path.resolve(dataDir)}-keys`;
}

export function cryptoConfig(c: Config): CryptoConfig {
  return {
    kek: c.PALISADE_KEK,
    kekPrevious: c.PALISADE_KEK_PREVIOUS,
    kekDir: c.PALISADE_KEK_DIR !== undefined ? path.resolve(c.PALISADE_KEK_DIR) : defaultKekDir(c.PALISADE_DATA_DIR),
    kekDirDefaulted: c.PALISADE_KEK_DIR === undefined,
    dataDir: path.resolve(c.PALISADE_DATA_DIR),
    production: !c.PALISADE_DEV_MODE,
    dekCache: { ttlMs: c.PALISADE_DEK_CACHE_TTL_SECONDS * 1000, max: c.PALISADE_DEK_CACHE_MAX },
  };
}

/** The real path of `p`, resolving symbolic links (dangling ones included) in the part of it that exists. */
async function realish(p: string, depth = 0): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await fs.realpath(abs);
  } catch {
    // Missing, or a link to somewhere missing: follow the link, else resolve the parent.
  }
  const st = await fs.lstat(abs).catch(() => null);
  if (st?.isSymbolicLink() && depth < 40) return realish(path.resolve(path.dirname(abs), await fs.readlink(abs)), depth + 1);
  const parent = path.dirname(abs);
  if (parent === abs) return abs;
  return path.join(await realish(parent, depth), path.basename(abs));
}

/** Is `inner` the directory `outer` or inside it (symbolic links resolved)? */
export async function isInside(inner: string, outer: string): Promise<boolean> {
  const [i, o] = await Promise.all([realish(inner), realish(outer)]);
  const rel = path.relative(o, i);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const exists = (file: string): Promise<boolean> => fs.lstat(file).then(() => true, () => false);

/** Refuses a key file where a copy of the data directory would carry it (see the header). */
export async function checkKekPlacement(c: CryptoConfig, warn?: (code: string, message: string) => void): Promise<void> {
  if (c.kek !== undefined) return;
  const legacy = path.join(c.dataDir, KEK_FILE);
  if (c.kekDirDefaulted && (await exists(legacy)) && !(await exists(path.join(c.kekDir, KEK_FILE)))) {
    throw new KekInDataDir(
      `The key-encryption key of this install is still in its data directory (${legacy}), where a copy or backup of the data directory carries it. ` +
        `Move it out with 'palisade keys move-kek' (it moves the key files to ${c.kekDir}, checks them, and changes nothing else), then start again.`,
      { legacy, kekDir: c.kekDir },
    );
  }
  if (!(await isInside(c.kekDir, c.dataDir))) return;
  const why = `PALISADE_KEK_DIR (${c.kekDir}) is inside PALISADE_DATA_DIR (${c.dataDir}): a copy or backup of the data directory would carry the key that decrypts it.`;
  if (c.production) {
    throw new KekInDataDir(
      `${why} Move the key files out with 'palisade keys move-kek --to <directory outside the data directory>' and set PALISADE_KEK_DIR to that directory (or unset it to use ${defaultKekDir(c.dataDir)}), or set PALISADE_KEK.`,
      { kekDir: c.kekDir, dataDir: c.dataDir },
    );
  }
  warn?.('PAL_WARN_KEK_IN_DATA_DIR', `${why} Development mode allows it; production refuses to start.`);
}

/** The KEKs this node holds. With `create`, a missing key file is generated (server start);
    the CLI passes false so a mistyped directory never mints a new root key. */
export async function kekSetFromConfig(c: CryptoConfig, opts: { create: boolean; warn?: (code: string, message: string) => void }): Promise<KekSet> {
  if (c.kek !== undefined) return envKekSet(c.kek, c.kekPrevious);
  if (c.kekPrevious !== undefined) {
    throw new KekInvalid('PALISADE_KEK_PREVIOUS is set but PALISADE_KEK is not');
  }
  await checkKekPlacement(c, opts.warn);
  return fileKekSet(c.kekDir, { create: opts.create });
}
