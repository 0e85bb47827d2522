/* W6, in-process: encrypt+decrypt of 1 KiB, one mode per process run (the bench interleaves
   the runs). argv[2]: JSON { mode, durationS, appUrl?, systemUrl?, orgId? }; prints one JSON line
   { ok, seconds, rps } where one op = one encrypt plus one decrypt.
   - raw:      node:crypto AES-256-GCM, fresh 12-byte IV, 16-byte tag; no header, no AAD.
   - envelope: the crypto module's envelope (src/crypto/aead.ts seal/open: versioned header,
               AAD binding org/table/column/row) with the DEK taken from the keyring's DEK cache
               on every operation — what the keyring does once the cache has the key.
   - keyring:  the keyring's encryptField/decryptField with the DEK cached, 100 pairs per org
               transaction, 10 transactions at a time: adds the key-version lookups each call
               makes in the org transaction (so a destroyed key is refused at once everywhere). */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, seal } from '../../src/crypto/aead.js';
import { createDekCache, createKeyring } from '../../src/crypto/keyring.js';
import { systemClock } from '../../src/lib/clock.js';
import { localKekProvider, staticKekSet } from '../../src/crypto/index.js';
import { createDb, withOrg } from '../../src/db/index.js';
import type { OrgId } from '../../src/lib/ids.js';
import { appendAudit } from '../../src/audit/index.js';

interface Spec { mode: 'raw' | 'envelope' | 'keyring'; durationS: number; appUrl?: string; systemUrl?: string; orgId?: string; kekBase64?: string }
const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;
const plaintext = randomBytes(1024);
const key = randomBytes(32);

function rawPair(): void {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  const tag = c.getAuthTag();
  const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  d.setAuthTag(tag);
  const pt = Buffer.concat([d.update(ct), d.final()]);
  if (pt.length !== plaintext.length) throw new Error('round trip failed');
}

const ref = { keyId: 'dk_benchbenchbenchbenchbenchbench', version: 1 };
const ctx = { orgId: 'org_benchbenchbenchbenchbenchbench', table: 'integrations', column: 'credential', rowId: 'int_benchbenchbenchbenchbenchbench' };
// The keyring's DEK cache, holding the key: each operation fetches it, as a hot request does.
const cache = createDekCache(300_000, 1000, systemClock);
const cacheId = `${ctx.orgId}\u0000${ref.keyId}\u0000${ref.version}`;
cache.set(cacheId, Buffer.from(key));
function envelopePair(): void {
  const dek = cache.get(cacheId);
  if (!dek) throw new Error('DEK evicted');
  const env = seal(dek, ref, ctx, plaintext);
  const pt = open(dek, env, ctx, ref);
  if (pt.length !== plaintext.length) throw new Error('round trip failed');
}

function loopSync(fn: () => void, ms: number): number {
  let n = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return n;
}

async function main(): Promise<{ ok: number; seconds: number }> {
  const ms = spec.durationS * 1000;
  if (spec.mode === 'raw' || spec.mode === 'envelope') {
    const fn = spec.mode === 'raw' ? rawPair : envelopePair;
    loopSync(fn, Math.min(1000, ms / 5)); // JIT warm-up, not counted
    const t = performance.now();
    const ok = loopSync(fn, ms);
    return { ok, seconds: (performance.now() - t) / 1000 };
  }
  const db = createDb({ appUrl: spec.appUrl ?? '', systemUrl: spec.systemUrl ?? '', appMax: 10 });
  try {
    // One KEK for the whole bench run: every run of this mode must unwrap the org key the first made.
    const keyring = createKeyring({ record: appendAudit, db, keks: staticKekSet(localKekProvider(Buffer.from(spec.kekBase64 ?? '', 'base64'))) });
    const orgId = (spec.orgId ?? '') as OrgId;
    const actor = { type: 'system' as const, id: 'bench' };
    const field = { table: 'bench', column: 'secret', rowId: 'row_1' };
    const batch = async () =>
      withOrg(db, orgId, actor, async (tx) => {
        for (let i = 0; i < 100; i++) {
          const env = await keyring.encryptField(tx, field, plaintext);
          const pt = await keyring.decryptField(tx, field, env);
          if (pt.length !== plaintext.length) throw new Error('round trip failed');
        }
      });
    await batch(); // creates the org key and fills the DEK cache
    const loops = async (untilMs: number) => {
      let n = 0;
      await Promise.all(Array.from({ length: 10 }, async () => {
        while (performance.now() < untilMs) {
          await batch();
          n += 100;
        }
      }));
      return n;
    };
    await loops(performance.now() + Math.min(1000, ms / 5));
    const t = performance.now();
    const ok = await loops(t + ms);
    return { ok, seconds: (performance.now() - t) / 1000 };
  } finally {
    await db.close();
  }
}

const r = await main();
process.stdout.write(`${JSON.stringify({ ...r, rps: r.ok / r.seconds })}\n`);
