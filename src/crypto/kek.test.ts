import { execFileSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecryptionFailed, KekFileInsecure, KekInvalid } from './errors.js';
import {
  envKekSet,
  fileKekSet,
  kmsKekProvider,
  localKekId,
  localKekProvider,
  readKekFile,
  retirePreviousKekFiles,
  rotateKekFile,
  type KekProvider,
  type KmsClient,
} from './kek.js';

/** A stand-in KMS that binds the context like AWS KMS EncryptionContext does. */
function fakeKms(): KmsClient {
  const key = randomBytes(32);
  return {
    async encrypt(pt, ctx) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(ctx);
      const ct = Buffer.concat([c.update(pt), c.final()]);
      return Buffer.concat([iv, ct, c.getAuthTag()]);
    },
    async decrypt(blob, ctx) {
      const b = Buffer.from(blob);
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAAD(ctx);
      d.setAuthTag(b.subarray(b.length - 16));
      const out = d.update(b.subarray(12, b.length - 16));
      try {
        d.final();
      } catch {
        throw new DecryptionFailed('authentication');
      }
      return out;
    },
  };
}

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'palisade-kek-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// One contract, every provider.
const providers: Array<[string, () => Promise<KekProvider>]> = [
  ['local (memory)', async () => localKekProvider(randomBytes(32))],
  ['file', async () => (await fileKekSet(dir, { create: true })).current()],
  ['env', async () => envKekSet(randomBytes(32).toString('base64')).current()],
  ['kms adapter', async () => kmsKekProvider({ id: 'test-kms:key-1', client: fakeKms() })],
];

describe.each(providers)('KEK provider contract: %s', (_name, make) => {
  it('ENC-5: wraps and unwraps a data key; the wrapped form is not the key', async () => {
    const p = await make();
    const dek = randomBytes(32);
    const ctx = Buffer.from('org_a|dk_1|1');
    const w = await p.wrap(dek, ctx);
    expect(Buffer.from(w).includes(dek)).toBe(false);
    expect(Buffer.from(await p.unwrap(w, ctx)).equals(dek)).toBe(true);
  });

  it('ENC-5: a wrapped key does not unwrap under another context or when tampered', async () => {
    const p = await make();
    const dek = randomBytes(32);
    const w = Buffer.from(await p.wrap(dek, Buffer.from('org_a|dk_1|1')));
    await expect(p.unwrap(w, Buffer.from('org_b|dk_1|1'))).rejects.toBeInstanceOf(DecryptionFailed);
    for (const i of [0, 5, w.length - 1]) {
      const t = Buffer.from(w);
      t[i] = (t[i] as number) ^ 0x80;
      await expect(p.unwrap(t, Buffer.from('org_a|dk_1|1'))).rejects.toBeInstanceOf(DecryptionFailed);
    }
  });
});

describe('local key file', () => {
  it('ENC-5: is generated on first start with mode 0600 in a 0700 directory, and reused after', async () => {
    const keyDir = path.join(dir, 'data');
    const a = await fileKekSet(keyDir, { create: true });
    const st = await fs.stat(path.join(keyDir, 'kek.key'));
    expect(st.mode & 0o777).toBe(0o600);
    expect((await fs.stat(keyDir)).mode & 0o777).toBe(0o700);
    const b = await fileKekSet(keyDir, { create: true });
    expect(b.current().id).toBe(a.current().id);
  });

  it('ENC-5: processes starting at once agree on one generated key', async () => {
    const keyDir = path.join(dir, 'race');
    const sets = await Promise.all(Array.from({ length: 8 }, () => fileKekSet(keyDir, { create: true })));
    expect(new Set(sets.map((s) => s.current().id)).size).toBe(1);
    expect((await fs.readdir(keyDir)).sort()).toEqual(['kek.key']);
  });

  it('ENC-5: without create, a missing key file is an error, not a new key', async () => {
    await expect(fileKekSet(dir)).rejects.toBeInstanceOf(KekInvalid);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it.each(['640', '604', '644', '660', '601'])('ENC-5: refuses a key file with mode %s (group/other have access)', async (mode) => {
    await fileKekSet(dir, { create: true });
    await fs.chmod(path.join(dir, 'kek.key'), parseInt(mode, 8));
    const err = await fileKekSet(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KekFileInsecure);
    expect((err as KekFileInsecure).code).toBe('kek_file_insecure');
  });

  it('ENC-5: refuses a symlinked key file', async () => {
    await fs.writeFile(path.join(dir, 'real'), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    await fs.symlink(path.join(dir, 'real'), path.join(dir, 'kek.key'));
    await expect(readKekFile(path.join(dir, 'kek.key'))).rejects.toBeInstanceOf(KekFileInsecure);
  });

  it('refuses key material that is not 32 bytes of base64', async () => {
    await fs.writeFile(path.join(dir, 'kek.key'), 'not-a-key\n', { mode: 0o600 });
    await expect(fileKekSet(dir)).rejects.toBeInstanceOf(KekInvalid);
    expect(() => envKekSet(randomBytes(16).toString('base64'))).toThrow(KekInvalid);
    expect(() => envKekSet(`${randomBytes(32).toString('base64')}x`)).toThrow(KekInvalid);
  });

  it('ENC-5: rotation keeps the old KEK readable beside the new one until it is retired', async () => {
    const before = await fileKekSet(dir, { create: true });
    const oldId = before.current().id;
    const dek = randomBytes(32);
    const wrappedOld = await before.current().wrap(dek, Buffer.from('c'));
    const { previousId, currentId } = await rotateKekFile(dir);
    expect(previousId).toBe(oldId);
    expect(currentId).not.toBe(oldId);
    // A node that loaded the set before the rotation learns the new key on refresh.
    expect(before.get(currentId)).toBeUndefined();
    await before.refresh();
    expect(before.current().id).toBe(currentId);
    const after = await fileKekSet(dir);
    expect(after.ids().sort()).toEqual([oldId, currentId].sort());
    expect(Buffer.from(await (after.get(oldId) as KekProvider).unwrap(wrappedOld, Buffer.from('c'))).equals(dek)).toBe(true);
    expect((await fs.stat(path.join(dir, `kek-previous-${oldId}.key`))).mode & 0o777).toBe(0o600);
    expect(await retirePreviousKekFiles(dir, new Set())).toEqual([oldId]);
    expect((await fileKekSet(dir)).ids()).toEqual([currentId]);
  });

  it('ENC-5: never generates a fresh key when the current file is lost but earlier keys exist', async () => {
    await fileKekSet(dir, { create: true });
    await rotateKekFile(dir);
    await fs.rm(path.join(dir, 'kek.key'));
    await expect(fileKekSet(dir, { create: true })).rejects.toBeInstanceOf(KekInvalid);
  });

  it('a KEK id is derived from the key, the same from file or env, and does not contain it', async () => {
    const set = await fileKekSet(dir, { create: true });
    const raw = (await fs.readFile(path.join(dir, 'kek.key'), 'utf8')).trim();
    expect(envKekSet(raw).current().id).toBe(set.current().id);
    expect(set.current().id).toBe(localKekId(Buffer.from(raw, 'base64')));
    expect(set.current().id).not.toContain(raw.slice(0, 8));
  });

  it('env set: previous keys unwrap, only the current wraps', async () => {
    const k1 = randomBytes(32).toString('base64');
    const k2 = randomBytes(32).toString('base64');
    const old = envKekSet(k1);
    const w = await old.current().wrap(randomBytes(32), Buffer.from('x'));
    const rotated = envKekSet(k2, ` ${k1} `);
    expect(rotated.current().id).not.toBe(old.current().id);
    expect(rotated.get(old.current().id)).toBeDefined();
    await expect((rotated.get(old.current().id) as KekProvider).unwrap(w, Buffer.from('x'))).resolves.toHaveLength(32);
  });
});

describe('deployment secrets', () => {
  it('ENC-6: the repository tracks no key material (no KEK files, no private keys)', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    let files: string[];
    try {
      files = execFileSync('git', ['ls-files', '-z'], { cwd: root }).toString('utf8').split('\0').filter(Boolean);
    } catch {
      throw new Error('git ls-files failed; this test needs the repository');
    }
    expect(files.length).toBeGreaterThan(0);
    const offenders: string[] = [];
    for (const f of files) {
      if (/(^|\/)kek(\.[^/]*)?\.key$|(^|\/)kek-previous-/.test(f) || /\.(pem|key|p12|pfx)$/.test(f)) {
        if (!f.startsWith('test/fixtures/')) offenders.push(f);
      }
    }
    expect(offenders).toEqual([]);
  });
});
