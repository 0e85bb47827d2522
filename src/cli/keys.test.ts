import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { loadConfig } from '../config/load.js';
import { createKeyring, cryptoConfig, envKekSet, fileKekSet, isInside, kekSetFromConfig, rotateKekFile, type KekSet } from '../crypto/index.js';
import { withOrg, type Actor } from '../db/index.js';
import { createIntegrations } from '../integrations/index.js';
import { newId, type OrgId } from '../lib/ids.js';
import { moveKek, runKeysCommand, type KeysContext } from './keys.js';
import { appendAudit } from '../audit/index.js';

const actor: Actor = { type: 'user', id: 'usr_admin' };
let t: TestDb;
let dir: string;

async function makeOrgWithSecrets(keks: KekSet, n: number): Promise<{ org: OrgId; ids: string[]; values: string[] }> {
  const org = newId('org') as OrgId;
  await withOrg(t.db, org, actor, (tx) => tx.sql`insert into orgs (id, name) values (${org}, 'CLI org')`);
  const vault = createIntegrations({ db: t.db, keyring: createKeyring({ record: appendAudit, db: t.db, keks }) });
  const ids: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = `rk_test_${randomBytes(20).toString('hex')}`;
    ids.push((await vault.connect({ orgId: org, actor }, { provider: 'stripe', name: `k${i}`, credential: v })).id);
    values.push(v);
  }
  return { org, ids, values };
}

async function run(argv: string[], c: Omit<KeysContext, 'out'>): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runKeysCommand(argv, { ...c, out: (l) => lines.push(l) });
  return { code, lines };
}

async function readAll(keks: KekSet, org: OrgId, ids: string[]): Promise<string[]> {
  const vault = createIntegrations({ db: t.db, keyring: createKeyring({ record: appendAudit, db: t.db, keks }) });
  return Promise.all(ids.map((id) => vault.useCredential({ orgId: org, actor }, id, 'cli-test', (v) => v)));
}

beforeAll(async () => {
  t = await createTestDb();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'palisade-keys-'));
});
afterAll(async () => {
  await t.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('palisade keys', () => {
  it('ENC-5: rotate-kek (file KEK) generates a new KEK, rewraps every data key with progress, and retire-kek removes the old file', async () => {
    const keks = await fileKekSet(dir, { create: true });
    const oldId = keks.current().id;
    const a = await makeOrgWithSecrets(keks, 3);
    const b = await makeOrgWithSecrets(keks, 2);
    const res = await run(['rotate-kek', '--batch', '1'], { db: t.db, keks, kekDir: dir });
    expect(res.code).toBe(0);
    const newId_ = keks.current().id;
    expect(newId_).not.toBe(oldId);
    expect(res.lines[0]).toContain(`generated a new KEK ${newId_}`);
    expect(res.lines).toContain('  rewrapped 0/2');
    expect(res.lines).toContain('  rewrapped 2/2');
    expect(res.lines.at(-1)).toContain('done: 2 data keys rewrapped');
    expect((await fs.readdir(dir)).sort()).toEqual(['kek.key', `kek-previous-${oldId}.key`].sort());

    const status = await run(['status'], { db: t.db, keks, kekDir: dir });
    expect(status.code).toBe(0);
    expect(status.lines.join('\n')).toMatch(new RegExp(`${newId_}\\s+2 data keys\\s+current`));

    expect((await run(['retire-kek'], { db: t.db, keks, kekDir: dir })).lines).toEqual([`retired ${oldId}`]);
    expect(await fs.readdir(dir)).toEqual(['kek.key']);
    // A process that loads only what is on disk now reads everything.
    const fresh = await fileKekSet(dir);
    expect(await readAll(fresh, a.org, a.ids)).toEqual(a.values);
    expect(await readAll(fresh, b.org, b.ids)).toEqual(b.values);
  });

  it('ENC-5: an interrupted rotate-kek resumes instead of starting another rotation', async () => {
    const keks = await fileKekSet(dir, { create: true });
    const s = await makeOrgWithSecrets(keks, 1);
    // Simulate a crash right after the new key file was written, before any rewrap.
    const { previousId, currentId } = await rotateKekFile(dir);
    await keks.refresh();
    const res = await run(['rotate-kek'], { db: t.db, keks, kekDir: dir });
    expect(res.code).toBe(0);
    expect(res.lines[0]).toMatch(new RegExp(`^resuming: \\d+ data keys are still under ${previousId}`));
    expect(keks.current().id).toBe(currentId); // no third key
    expect(await readAll(await fileKekSet(dir), s.org, s.ids)).toEqual(s.values);
  });

  it('ENC-5: rotate-kek with an env KEK explains the rollout when nothing is stale, and rewraps when it is', async () => {
    const k1 = randomBytes(32).toString('base64');
    const k2 = randomBytes(32).toString('base64');
    const before = envKekSet(k1);
    const s = await makeOrgWithSecrets(before, 1);
    // Keys from the previous test live under the file KEK; hold it too, as a node mid-rollout would.
    const fileKey = (await fs.readFile(path.join(dir, 'kek.key'), 'utf8')).trim();
    const quiet = await run(['rotate-kek'], { db: t.db, keks: envKekSet(k1, fileKey), kekDir: null });
    expect(quiet.lines.join('\n')).toContain('resuming'); // the file-KEK keys are moved under k1
    const idle = await run(['rotate-kek'], { db: t.db, keks: envKekSet(k1), kekDir: null });
    expect(idle.code).toBe(0);
    expect(idle.lines.join('\n')).toContain('set PALISADE_KEK to a new key');
    const rotated = await run(['rotate-kek'], { db: t.db, keks: envKekSet(k2, k1), kekDir: null });
    expect(rotated.code).toBe(0);
    expect(rotated.lines.at(-1)).toContain('remove PALISADE_KEK_PREVIOUS');
    expect(await readAll(envKekSet(k2), s.org, s.ids)).toEqual(s.values);
    const missing = await run(['status'], { db: t.db, keks: envKekSet(k1), kekDir: null });
    expect(missing.code).toBe(1);
    expect(missing.lines.join('\n')).toContain('MISSING on this node');
  });

  it('ENC-5: rotate-dek --org starts a new version and re-encrypts the organisation\'s rows with progress', async () => {
    const keks = envKekSet(randomBytes(32).toString('base64'));
    // Other suites' keys are under other KEKs; rotate-dek touches only this org.
    const s = await makeOrgWithSecrets(keks, 5);
    const res = await run(['rotate-dek', '--org', s.org, '--batch', '2'], { db: t.db, keks, kekDir: null });
    expect(res.code).toBe(0);
    expect(res.lines[0]).toMatch(/^data key dk_[a-z2-7]+ of org_\w+ is now at version 2; new writes use it$/);
    expect(res.lines.slice(1, -1)).toEqual(['  re-encrypted 0/5', '  re-encrypted 2/5', '  re-encrypted 4/5', '  re-encrypted 5/5']);
    expect(res.lines.at(-1)).toBe('done: 5 rows re-encrypted');
    expect(await readAll(keks, s.org, s.ids)).toEqual(s.values);
    const rows = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`select secret from integration_credentials where org_id = ${s.org}`);
    for (const r of rows) expect(r.secret.readUInt32BE(4 + (r.secret[3] as number))).toBe(2);
  });

  it('usage errors exit 2; an unknown organisation exits 1', async () => {
    const keks = envKekSet(randomBytes(32).toString('base64'));
    const c = { db: t.db, keks, kekDir: null };
    expect((await run(['rotate-dek'], c)).code).toBe(2);
    expect((await run(['rotate-kek', '--batch', '0'], c)).code).toBe(2);
    expect((await run(['frobnicate'], c)).code).toBe(2);
    expect((await run(['status', '--bogus'], c)).code).toBe(2);
    const unknown = await run(['rotate-dek', '--org', 'org_nope'], c);
    expect(unknown).toEqual({ code: 1, lines: ['no organisation org_nope'] });
  });
});

describe('the KEK outside the data directory (issue 11.4)', () => {
  const fresh = () => fs.mkdtemp(path.join(os.tmpdir(), 'palisade-data-'));
  const cfg = (env: Record<string, string>) => cryptoConfig(loadConfig(env));
  const mode = async (p: string) => (await fs.stat(p)).mode & 0o777;
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const d of cleanup) await fs.rm(d, { recursive: true, force: true });
  });

  it('ENC-5: by default the KEK is generated outside the data directory (<data dir>-keys, 0600 in 0700), so a copy of the data directory carries no key', async () => {
    const data = await fresh();
    cleanup.push(data, `${data}-keys`);
    const keks = await kekSetFromConfig(cfg({ PALISADE_DATA_DIR: data }), { create: true });
    expect(await fs.readdir(data)).toEqual([]);
    expect(await mode(path.join(`${data}-keys`, 'kek.key'))).toBe(0o600);
    expect(await mode(`${data}-keys`)).toBe(0o700);
    expect(await isInside(`${data}-keys`, data)).toBe(false);
    // The next start reads the same key.
    expect((await kekSetFromConfig(cfg({ PALISADE_DATA_DIR: data }), { create: true })).current().id).toBe(keks.current().id);
  });

  it('ENC-5: production refuses a key directory inside the data directory (also through a symbolic link), saying why and what to run; development only warns', async () => {
    const data = await fresh();
    const outside = await fresh();
    cleanup.push(data, outside);
    await fs.symlink(path.join(data, 'keys'), path.join(outside, 'link'));
    for (const kekDir of [path.join(data, 'keys'), data, path.join(outside, 'link')]) {
      const refused = kekSetFromConfig(cfg({ PALISADE_DATA_DIR: data, PALISADE_KEK_DIR: kekDir }), { create: true });
      await expect(refused).rejects.toMatchObject({ code: 'kek_in_data_dir' });
      const message = await refused.catch((e: Error) => e.message);
      expect(message).toContain('is inside PALISADE_DATA_DIR');
      expect(message).toContain('a copy or backup of the data directory would carry the key');
      expect(message).toContain('palisade keys move-kek --to');
    }
    expect(await fs.readdir(data)).toEqual([]);
    const warnings: string[] = [];
    const dev = await kekSetFromConfig(cfg({ PALISADE_DATA_DIR: data, PALISADE_KEK_DIR: path.join(data, 'keys'), PALISADE_DEV_MODE: '1' }), { create: true, warn: (code) => warnings.push(code) });
    expect(dev.current().id).toMatch(/^kek_/);
    expect(warnings).toEqual(['PAL_WARN_KEK_IN_DATA_DIR']);
  });

  it('ENC-5: an existing install (kek.key in the data directory, a rotation under way) is refused until `palisade keys move-kek`, which moves every key file out and loses nothing', async () => {
    const data = await fresh();
    cleanup.push(data, `${data}-keys`);
    // The install as the old default made it: key files in the data directory, mid-rotation.
    const old = await fileKekSet(data, { create: true });
    const before = await makeOrgWithSecrets(old, 3);
    await rotateKekFile(data);
    const rotated = await fileKekSet(data);
    const after = await makeOrgWithSecrets(rotated, 2);
    expect(rotated.ids()).toHaveLength(2);

    // Start-up neither uses it in place nor mints a second key beside it.
    const refused = kekSetFromConfig(cfg({ PALISADE_DATA_DIR: data }), { create: true });
    await expect(refused).rejects.toMatchObject({ code: 'kek_in_data_dir' });
    expect(await refused.catch((e: Error) => e.message)).toContain("palisade keys move-kek");
    await expect(fs.access(`${data}-keys`)).rejects.toMatchObject({ code: 'ENOENT' });

    const out: string[] = [];
    const err: string[] = [];
    expect(await moveKek({ env: { PALISADE_DATA_DIR: data } }, (l) => out.push(l), (l) => err.push(l))).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(/^moved kek-previous-kek_[a-z2-7]+\.key, kek\.key from .* to .*-keys; current KEK kek_[a-z2-7]+, 2 key\(s\) in all, checked$/);
    expect((await fs.readdir(data)).filter((n) => n.includes('kek'))).toEqual([]);
    for (const n of await fs.readdir(`${data}-keys`)) expect(await mode(path.join(`${data}-keys`, n))).toBe(0o600);

    // The next start finds the same keys, and every secret written before reads back.
    const moved = await kekSetFromConfig(cfg({ PALISADE_DATA_DIR: data }), { create: true });
    expect(moved.current().id).toBe(rotated.current().id);
    expect(moved.ids().sort()).toEqual(rotated.ids().sort());
    expect(await readAll(moved, before.org, before.ids)).toEqual(before.values);
    expect(await readAll(moved, after.org, after.ids)).toEqual(after.values);

    // A rerun is harmless; a destination holding another key is never overwritten.
    const again: string[] = [];
    expect(await moveKek({ env: { PALISADE_DATA_DIR: data } }, (l) => again.push(l), () => {})).toBe(0);
    expect(again[0]).toContain('Nothing to move');
    const other = await fresh();
    cleanup.push(other, `${other}-keys`);
    await fileKekSet(other, { create: true });
    await fs.cp(`${data}-keys`, `${other}-keys`, { recursive: true });
    await expect(moveKek({ env: { PALISADE_DATA_DIR: other } }, () => {}, () => {})).rejects.toMatchObject({ code: 'kek_invalid' });
    expect(await fs.readdir(other)).toContain('kek.key');
    // And never into the data directory itself.
    const inside: string[] = [];
    expect(await moveKek({ env: { PALISADE_DATA_DIR: other }, to: path.join(other, 'keys') }, () => {}, (l) => inside.push(l))).toBe(2);
    expect(inside[0]).toContain('inside the data directory');
  });

  it('ENC-5: an interrupted move (files copied, sources not yet deleted) finishes on a rerun', async () => {
    const data = await fresh();
    cleanup.push(data, `${data}-keys`);
    const old = await fileKekSet(data, { create: true });
    const s = await makeOrgWithSecrets(old, 1);
    await fs.mkdir(`${data}-keys`, { mode: 0o700 });
    await fs.copyFile(path.join(data, 'kek.key'), path.join(`${data}-keys`, 'kek.key'));
    expect(await moveKek({ env: { PALISADE_DATA_DIR: data } }, () => {}, () => {})).toBe(0);
    expect(await fs.readdir(data)).toEqual([]);
    const keks = await kekSetFromConfig(cfg({ PALISADE_DATA_DIR: data }), { create: true });
    expect(await readAll(keks, s.org, s.ids)).toEqual(s.values);
  });
});
