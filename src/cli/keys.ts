/* `palisade keys …`: key-encryption-key and data-key rotation (claim ENC-5). Every command is
   safe to interrupt and rerun: the work list is recomputed from the database, so a rerun
   resumes an unfinished rotation instead of starting another one.

     keys status                     data keys per KEK, and whether this node holds each KEK
     keys rotate-kek [--batch N]     file KEK: generate a new kek.key (the old one is kept as
                                     kek-previous-<id>.key), then rewrap every data key under it.
                                     env KEK: rewrap every data key under PALISADE_KEK (set the new
                                     key there and the old one in PALISADE_KEK_PREVIOUS first).
     keys retire-kek                 file KEK: delete previous key files nothing is wrapped under
     keys move-kek [--from DIR] [--to DIR]
                                     file KEK: move the key files out of the data directory (an
                                     install from before the KEK left it) into PALISADE_KEK_DIR
                                     (default <data dir>-keys); checks them, loses nothing, and a
                                     rerun finishes an interrupted move. Needs no database.
     keys rotate-dek --org <id> [--batch N]
                                     start a new data-key version for the organisation (new writes
                                     use it at once), then re-encrypt its rows still under older ones */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { createKeyring, cryptoConfig, defaultKekDir, isInside, kekSetFromConfig, moveKekFiles, retirePreviousKekFiles, rotateKekFile, type KekSet, type Keyring } from '../crypto/index.js';
import { connectDatabase, withOrg, type Actor, type Db } from '../db/index.js';
import { INTEGRATION_ENCRYPTED_COLUMNS } from '../integrations/index.js';
import { identityWrappedKeys } from '../identity/index.js';
import { appendAudit, auditWrappedKeys } from '../audit/index.js';
import type { OrgId } from '../lib/ids.js';
import { readOrg } from '../orgs/index.js';

export interface KeysContext {
  db: Db;
  keks: KekSet;
  /** Directory of the key files when the KEK comes from a file; null for env/KMS KEKs. */
  kekDir: string | null;
  /** Receives each output line (no trailing newline). */
  out: (line: string) => void;
  /** Columns of envelopes to re-encrypt after a DEK rotation (defaults: every module's). */
  registerColumns?: (keyring: Keyring) => void;
  /** Other keys wrapped by the KEK set (defaults: identity's and audit's), rotated with it. */
  wrappedStores?: WrappedKeyStore[];
}

/** Keys other than data keys that a module stores wrapped by the KEK set; the module owns the
    wrap context, so it alone can rewrap them. */
export interface WrappedKeyStore {
  name: string;
  /** KEK id → number of keys wrapped under it ('(unwrapped)' for none). */
  usage(): Promise<Map<string, number>>;
  /** Rewraps every key not under the current KEK; returns how many. */
  rewrap(keks: KekSet): Promise<number>;
}

const defaultStores = (db: Db): WrappedKeyStore[] => [identityWrappedKeys(db), auditWrappedKeys(db)];

/** KEK id → keys of every store wrapped under it. */
async function storeUsage(stores: WrappedKeyStore[]): Promise<Array<{ store: string; kekId: string; keys: number }>> {
  const out: Array<{ store: string; kekId: string; keys: number }> = [];
  for (const s of stores) for (const [kekId, keys] of await s.usage()) out.push({ store: s.name, kekId, keys });
  return out;
}

const USAGE = `Usage:
  palisade keys status
  palisade keys rotate-kek [--batch N]
  palisade keys retire-kek
  palisade keys move-kek [--from DIR] [--to DIR]
  palisade keys rotate-dek --org <id> [--batch N]`;

const CLI_ACTOR: Actor = { type: 'system', id: 'cli:keys' };

class KeysUsageError extends Error {}

function registerAll(k: Keyring): void {
  for (const c of INTEGRATION_ENCRYPTED_COLUMNS) k.registerEncryptedColumn(c);
}

async function defaultContext(): Promise<{ ctx: KeysContext; close: () => Promise<void> }> {
  const config = loadConfig();
  const crypto = cryptoConfig(config);
  // create: false — a mistyped directory must never mint a new root key.
  const keks = await kekSetFromConfig(crypto, { create: false });
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    appUrl: config.DATABASE_APP_URL,
    systemUrl: config.DATABASE_SYSTEM_URL,
    dataDir: config.PALISADE_DATA_DIR,
    poolMax: 2,
  });
  return {
    ctx: { db: database.db, keks, kekDir: crypto.kek === undefined ? crypto.kekDir : null, out: (l) => process.stdout.write(`${l}\n`) },
    close: () => database.close(),
  };
}

function batchSize(v: string | boolean | undefined): number {
  if (v === undefined) return 200;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw new KeysUsageError('--batch must be an integer from 1 to 10000');
  return n;
}

function progress(out: (l: string) => void, what: string): (p: { done: number; total: number }) => void {
  return ({ done, total }) => out(`  ${what} ${done}/${total}`);
}

/** `keys move-kek`: the key files leave the data directory for PALISADE_KEK_DIR (or --to). */
export async function moveKek(opts: { from?: string | undefined; to?: string | undefined; env?: Record<string, string | undefined> }, out: (l: string) => void, err: (l: string) => void): Promise<number> {
  const config = loadConfig(opts.env ?? process.env);
  const crypto = cryptoConfig(config);
  if (crypto.kek !== undefined) {
    out('Nothing to move: the KEK comes from PALISADE_KEK, not from a key file.');
    return 0;
  }
  const from = opts.from ?? crypto.dataDir;
  const to = opts.to ?? crypto.kekDir;
  if (await isInside(to, crypto.dataDir)) {
    err(`palisade keys: ${to} is inside the data directory ${crypto.dataDir}; choose a directory outside it (default ${defaultKekDir(crypto.dataDir)})`);
    return 2;
  }
  const res = await moveKekFiles(from, to);
  if (res.moved.length === 0) out(`Nothing to move: the key files are already in ${to} (current KEK ${res.currentId}).`);
  else out(`moved ${res.moved.join(', ')} from ${from} to ${to}; current KEK ${res.currentId}, ${res.ids.length} key(s) in all, checked`);
  const configured = config.PALISADE_KEK_DIR !== undefined ? crypto.kekDir : defaultKekDir(config.PALISADE_DATA_DIR);
  if (!(await isInside(to, configured)) || !(await isInside(configured, to))) {
    out(`Start Palisade with PALISADE_KEK_DIR=${to} (it now looks in ${configured}).`);
  }
  return 0;
}

/** Entry point of `palisade keys`. Returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runKeysCommand(argv: string[], ctx?: KeysContext): Promise<number> {
  const err = (l: string) => process.stderr.write(`${l}\n`);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { org: { type: 'string' }, batch: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    err(`palisade keys: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub, ...extra] = positionals;
  if (values.help || !sub) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (extra.length > 0 || !['status', 'rotate-kek', 'retire-kek', 'rotate-dek', 'move-kek'].includes(sub)) {
    err(`palisade keys: unknown arguments\n${USAGE}`);
    return 2;
  }
  if (sub === 'move-kek') return moveKek({ from: values.from, to: values.to }, (l) => process.stdout.write(`${l}\n`), err);
  let batch: number;
  try {
    batch = batchSize(values.batch);
    if (sub === 'rotate-dek' && !values.org) throw new KeysUsageError('rotate-dek needs --org <id>');
  } catch (e) {
    err(`palisade keys: ${(e as Error).message}`);
    return 2;
  }

  const own = ctx ? null : await defaultContext();
  const c = ctx ?? (own as { ctx: KeysContext }).ctx;
  try {
    const keyring = createKeyring({ record: appendAudit, db: c.db, keks: c.keks, cache: { ttlMs: 60_000, max: 100 } });
    (c.registerColumns ?? registerAll)(keyring);
    switch (sub) {
      case 'status':
        return await status(c, keyring);
      case 'rotate-kek':
        return await rotateKek(c, keyring, batch);
      case 'retire-kek':
        return await retireKek(c, keyring);
      default:
        return await rotateDek(c, keyring, values.org as string, batch);
    }
  } finally {
    await own?.close();
  }
}

async function status(c: KeysContext, keyring: Keyring): Promise<number> {
  const usage = await keyring.kekUsage();
  c.out(`KEK source: ${c.kekDir === null ? 'environment/KMS' : `key file in ${c.kekDir}`}`);
  for (const u of usage) {
    c.out(`  ${u.kekId}  ${String(u.keys).padStart(7)} data keys  ${u.current ? 'current' : u.known ? 'previous (held)' : 'MISSING on this node'}`);
  }
  const current = c.keks.current().id;
  let missing = usage.some((u) => !u.known);
  for (const s of await storeUsage(c.wrappedStores ?? defaultStores(c.db))) {
    const known = c.keks.get(s.kekId) !== undefined;
    missing ||= !known && s.kekId !== '(unwrapped)';
    c.out(`  ${s.kekId}  ${String(s.keys).padStart(7)} ${s.store}  ${s.kekId === current ? 'current' : known ? 'previous (held)' : s.kekId === '(unwrapped)' ? 'not wrapped' : 'MISSING on this node'}`);
  }
  return missing ? 1 : 0;
}

async function rotateKek(c: KeysContext, keyring: Keyring, batch: number): Promise<number> {
  const stores = c.wrappedStores ?? defaultStores(c.db);
  const before = await keyring.kekUsage();
  const currentId = c.keks.current().id;
  // Keys of the other stores still under an older KEK make this a resumed rotation too.
  const storeStale = (await storeUsage(stores)).filter((s) => s.kekId !== currentId && s.keys > 0);
  const stale = [
    ...before.filter((u) => !u.current && u.keys > 0),
    ...storeStale.map((s) => ({ kekId: s.kekId, keys: s.keys, known: c.keks.get(s.kekId) !== undefined || s.kekId === '(unwrapped)', current: false })),
  ];
  const missing = stale.filter((u) => !u.known);
  if (missing.length > 0) {
    c.out(`cannot rotate: data keys are wrapped under KEKs this node does not hold: ${missing.map((m) => m.kekId).join(', ')}`);
    return 1;
  }
  if (stale.length > 0) {
    c.out(`resuming: ${stale.reduce((a, u) => a + u.keys, 0)} data keys are still under ${stale.map((u) => u.kekId).join(', ')}`);
  } else if (c.kekDir !== null) {
    const { previousId, currentId } = await rotateKekFile(c.kekDir);
    await c.keks.refresh();
    c.out(`generated a new KEK ${currentId}; the previous one (${previousId}) is kept as kek-previous-${previousId}.key until retired`);
  } else {
    c.out(`every data key is already wrapped under the current KEK ${c.keks.current().id}.`);
    c.out('To rotate: on every node set PALISADE_KEK to a new key (openssl rand -base64 32) and PALISADE_KEK_PREVIOUS to the');
    c.out('old one, restart the nodes one by one, then run this command again.');
    return 0;
  }
  c.out(`rewrapping data keys under ${c.keks.current().id}`);
  const res = await keyring.rewrapAll({ batchSize: batch, onProgress: progress(c.out, 'rewrapped') });
  for (const f of res.failed) c.out(`  FAILED (wrapped key does not authenticate): org ${f.orgId} key ${f.keyId} v${f.version}`);
  if (res.remaining > 0) {
    c.out(`${res.remaining} data keys are still under an older KEK; rerun to continue${res.failed.length ? ' (failed keys need investigation)' : ''}`);
    return 1;
  }
  for (const s of stores) {
    try {
      const n = await s.rewrap(c.keks);
      c.out(`rewrapped ${n} ${s.name}`);
    } catch (e) {
      c.out(`FAILED to rewrap ${s.name}: ${(e as Error).message}; rerun to continue`);
      return 1;
    }
  }
  c.out(`done: ${res.rewrapped} data keys rewrapped. Once every node runs with the new KEK, ${c.kekDir !== null ? "run 'palisade keys retire-kek'" : 'remove PALISADE_KEK_PREVIOUS'}.`);
  return 0;
}

async function retireKek(c: KeysContext, keyring: Keyring): Promise<number> {
  const usage = await keyring.kekUsage();
  const stores = await storeUsage(c.wrappedStores ?? defaultStores(c.db));
  // A KEK is in use while any data key or any other wrapped key (session signing, CSRF, audit
  // checkpoint) is under it: retiring it would leave that key unreadable at the next start.
  const inUse = new Set([...usage.filter((u) => u.keys > 0 || u.current).map((u) => u.kekId), ...stores.filter((s) => s.keys > 0).map((s) => s.kekId)]);
  if (c.kekDir === null) {
    const unused = c.keks.ids().filter((id) => !inUse.has(id));
    c.out(unused.length ? `no data key is wrapped under ${unused.join(', ')}: remove them from PALISADE_KEK_PREVIOUS` : 'every configured previous KEK still wraps data keys');
    return 0;
  }
  const removed = await retirePreviousKekFiles(c.kekDir, inUse);
  c.out(removed.length ? `retired ${removed.join(', ')}` : 'nothing to retire');
  const still = [...new Set([...usage.filter((u) => !u.current && u.keys > 0).map((u) => u.kekId), ...stores.filter((s) => s.keys > 0 && s.kekId !== c.keks.current().id && s.kekId !== '(unwrapped)').map((s) => s.kekId)])];
  if (still.length) c.out(`kept ${still.join(', ')}: keys are still wrapped under them (run rotate-kek)`);
  return 0;
}

async function rotateDek(c: KeysContext, keyring: Keyring, org: string, batch: number): Promise<number> {
  const orgId = org as OrgId;
  const exists = await withOrg(c.db, orgId, CLI_ACTOR, (tx) => readOrg(tx));
  if (!exists) {
    c.out(`no organisation ${org}`);
    return 1;
  }
  const stale = await keyring.countStaleRows(orgId);
  if (stale > 0) {
    c.out(`resuming: ${stale} rows of ${org} are still under an older data-key version`);
  } else {
    const k = await withOrg(c.db, orgId, CLI_ACTOR, (tx) => keyring.rotateDek(tx));
    c.out(`data key ${k.keyId} of ${org} is now at version ${k.version}; new writes use it`);
  }
  const res = await keyring.reencryptOrg(orgId, { batchSize: batch, actor: CLI_ACTOR, onProgress: progress(c.out, 're-encrypted') });
  if (res.remaining > 0) {
    c.out(`${res.remaining} rows still under older versions; rerun to continue`);
    return 1;
  }
  c.out(`done: ${res.reencrypted} rows re-encrypted`);
  return 0;
}
