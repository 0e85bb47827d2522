import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser, createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { createKeyring, DecryptionFailed, localKekProvider, staticKekSet, type Keyring } from '../crypto/index.js';
import { withOrg, type Actor } from '../db/index.js';
import { newId, type OrgId } from '../lib/ids.js';
import { IntegrationCredentialInvalid, StripeSecretKeyRefused } from './errors.js';
import { PROVIDERS, checkCredential } from './providers.js';
import { createIntegrations, type Caller, type Integrations } from './service.js';
import { appendAudit } from '../audit/index.js';

const actor: Actor = { type: 'user', id: 'usr_admin' };
let t: TestDb;
let keyring: Keyring;
let vault: Integrations;

async function makeOrg(): Promise<Caller> {
  const id = newId('org') as OrgId;
  await withOrg(t.db, id, actor, (tx) => tx.sql`insert into orgs (id, name) values (${id}, 'Vault org')`);
  return { orgId: id, actor, source: { ip: '203.0.113.9', userAgent: 'test', requestId: 'req_test' } };
}

const rk = () => `rk_live_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')}`;
const sk = () => `sk_live_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x')}`;

/** Every row of every table in the public schema, as text, read as the superuser. */
async function wholeDatabaseText(): Promise<string> {
  return asSuperuser(t.ownerUrl, async (sql) => {
    const tables = await sql<{ name: string }[]>`select tablename as name from pg_tables where schemaname = 'public'`;
    const parts: string[] = [];
    for (const { name } of tables) {
      const rows = await sql<{ t: string }[]>`select x::text as t from ${sql(name)} x`;
      parts.push(...rows.map((r) => r.t));
    }
    return parts.join('\n');
  });
}

async function auditRows(org: string): Promise<Array<{ action: string; outcome: string; reason: string | null; metadata: Record<string, unknown> }>> {
  return asSuperuser(t.ownerUrl, (sql) => sql<Array<{ action: string; outcome: string; reason: string | null; metadata: Record<string, unknown> }>>`
    select action, outcome, reason, metadata from audit_events where org_id = ${org} order by seq`);
}

beforeAll(async () => {
  t = await createTestDb();
  keyring = createKeyring({ record: appendAudit, db: t.db, keks: staticKekSet(localKekProvider(randomBytes(32))) });
  vault = createIntegrations({ db: t.db, keyring });
});
afterAll(async () => {
  await t.drop();
});

describe('integration vault', () => {
  it('INT-1: a Stripe secret key is refused, under any provider, and never stored', async () => {
    const c = await makeOrg();
    const key = sk();
    for (const provider of ['stripe', 'webhook_url', 'smtp', 'sms'] as const) {
      const err = await vault.connect(c, { provider, name: `try ${provider}`, credential: key }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StripeSecretKeyRefused);
      expect((err as StripeSecretKeyRefused).code).toBe('stripe_secret_key_refused');
      expect((err as StripeSecretKeyRefused).status).toBe(422);
      expect(JSON.stringify({ m: (err as Error).message, d: (err as StripeSecretKeyRefused).detail })).not.toContain(key.slice(8));
    }
    const test = `sk_test_${randomBytes(20).toString('hex')}`;
    await expect(vault.connect(c, { provider: 'stripe', name: 'test', credential: `  ${test}\n` })).rejects.toBeInstanceOf(StripeSecretKeyRefused);
    const rows = await asSuperuser(t.ownerUrl, (sql) => sql`select 1 from integration_credentials where org_id = ${c.orgId}`);
    expect(rows).toHaveLength(0);
    const db = await wholeDatabaseText();
    expect(db).not.toContain(key.slice(8));
    expect(db).not.toContain(test.slice(8));
    const refused = (await auditRows(c.orgId)).filter((e) => e.action === 'integration.connect_refused');
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({ outcome: 'denied', reason: 'stripe_secret_key_refused', metadata: { provider: 'stripe' } });
  });

  it('INT-1: Stripe accepts restricted keys only (rk_live_/rk_test_); publishable keys are refused', async () => {
    const c = await makeOrg();
    const live = await vault.connect(c, { provider: 'stripe', name: 'billing', credential: rk() });
    expect(live.provider).toBe('stripe');
    await vault.connect(c, { provider: 'stripe', name: 'billing test', credential: `rk_test_${randomBytes(16).toString('hex')}` });
    for (const bad of [`pk_live_${randomBytes(16).toString('hex')}`, 'rk_live_short', `whsec_${randomBytes(16).toString('hex')}`, 'rk_live_has spaces in it']) {
      await expect(vault.connect(c, { provider: 'stripe', name: 'bad', credential: bad })).rejects.toBeInstanceOf(IntegrationCredentialInvalid);
    }
  });

  it('INT-2: every provider declares its scopes, and a connection records exactly those', async () => {
    for (const p of vault.providers()) {
      expect(p.scopes.length).toBeGreaterThan(0);
      for (const s of p.scopes) expect(s.description.length).toBeGreaterThan(0);
    }
    expect(vault.providers().map((p) => p.id).sort()).toEqual(['sms', 'smtp', 'stripe', 'webhook_url']);
    const c = await makeOrg();
    const v = await vault.connect(c, { provider: 'stripe', name: 'billing', credential: rk() });
    expect(v.scopes).toEqual(PROVIDERS.stripe.scopes.map((s) => s.name));
    expect(v.scopes).toEqual(['customers:read', 'subscriptions:read', 'invoices:read']);
  });

  it('INT-4: connect and list return metadata only: fingerprint and last 4, never the value', async () => {
    const c = await makeOrg();
    const creds = {
      stripe: rk(),
      webhook_url: `https://hooks.example.com/services/T000/B000/${randomBytes(16).toString('hex')}`,
      smtp: `smtps://mailer:${randomBytes(12).toString('hex')}@smtp.example.com:465`,
      sms: `AC${randomBytes(16).toString('hex')}:${randomBytes(16).toString('hex')}`,
    };
    const secretParts: Record<string, string> = {
      stripe: creds.stripe,
      webhook_url: creds.webhook_url,
      smtp: (creds.smtp.split(':')[2] as string).split('@')[0] as string,
      sms: creds.sms.split(':')[1] as string,
    };
    const views = [];
    for (const [provider, credential] of Object.entries(creds) as Array<[keyof typeof creds, string]>) {
      const v = await vault.connect(c, { provider, name: provider, credential });
      views.push(v);
      expect(Object.keys(v).sort()).toEqual(['createdAt', 'fingerprint', 'id', 'last4', 'name', 'provider', 'rotatedAt', 'scopes']);
      expect(v.last4).toBe((secretParts[provider] as string).slice(-4));
      expect(v.fingerprint).toMatch(/^fp_/);
    }
    const listed = await vault.list(c, 10, null);
    expect(listed.items).toHaveLength(4);
    const out = JSON.stringify({ views, listed });
    for (const cred of Object.values(creds)) expect(out).not.toContain(cred);
    for (const part of Object.values(secretParts)) expect(out).not.toContain(part);
  });

  it('INT-4 / ENC-4: reading the whole database directly finds no plaintext of any stored secret', async () => {
    const c = await makeOrg();
    const values = [
      rk(),
      `https://hooks.example.com/services/${randomBytes(16).toString('hex')}`,
      `smtps://mailer:${randomBytes(12).toString('hex')}@smtp.example.com:465`,
      `AC${randomBytes(16).toString('hex')}:${randomBytes(16).toString('hex')}`,
    ];
    const providers = ['stripe', 'webhook_url', 'smtp', 'sms'] as const;
    const fps: string[] = [];
    for (let i = 0; i < values.length; i++) {
      fps.push((await vault.connect(c, { provider: providers[i] as (typeof providers)[number], name: `n${i}`, credential: values[i] as string })).fingerprint);
    }
    const db = await wholeDatabaseText();
    for (const fp of fps) expect(db).toContain(fp); // the dump does cover the vault's rows
    for (const v of values) {
      expect(db).not.toContain(v);
      expect(db).not.toContain(Buffer.from(v).toString('hex')); // bytea renders as hex
      expect(db).not.toContain(Buffer.from(v).toString('base64'));
      // the distinctive random part alone
      const random = v.match(/[0-9a-f]{24,}|[A-Za-z0-9]{30,}/)?.[0] as string;
      expect(db).not.toContain(random);
      expect(db).not.toContain(Buffer.from(random).toString('hex'));
    }
  });

  it('INT-3: disconnecting destroys the ciphertext in one action', async () => {
    const c = await makeOrg();
    const v = await vault.connect(c, { provider: 'stripe', name: 'billing', credential: rk() });
    const [before] = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`select secret from integration_credentials where id = ${v.id}`);
    expect(before?.secret.length).toBeGreaterThan(40);
    await vault.disconnect(c, v.id);
    const after = await asSuperuser(t.ownerUrl, (sql) => sql`select 1 from integration_credentials where id = ${v.id}`);
    expect(after).toHaveLength(0);
    expect(await wholeDatabaseText()).not.toContain((before?.secret as Buffer).toString('hex'));
    await expect(vault.useCredential(c, v.id, 'test', (x) => x)).rejects.toMatchObject({ code: 'not_found' });
    await expect(vault.disconnect(c, v.id)).rejects.toMatchObject({ code: 'not_found' });
    const ev = (await auditRows(c.orgId)).find((e) => e.action === 'integration.disconnected');
    expect(ev).toMatchObject({ outcome: 'allowed', metadata: { provider: 'stripe', fingerprint: v.fingerprint } });
  });

  it('INT-3: a copy of a disconnected credential\'s ciphertext (as a backup holds it) stays readable only while the organisation\'s data key lives; destroying the key makes it unreadable for good', async () => {
    const c = await makeOrg();
    const v = await vault.connect(c, { provider: 'stripe', name: 'billing', credential: rk() });
    const [copy] = await asSuperuser(t.ownerUrl, (sql) => sql<{ secret: Buffer }[]>`select secret from integration_credentials where id = ${v.id}`);
    await vault.disconnect(c, v.id);
    const ref = { table: 'integration_credentials', column: 'secret', rowId: v.id };
    // The row is gone, but the organisation's key is not: an old copy (a backup) still opens.
    const stillReadable = await withOrg(t.db, c.orgId, actor, (tx) => keyring.decryptField(tx, ref, copy!.secret));
    expect(stillReadable.toString('utf8')).toMatch(/^rk_live_/);
    // Crypto-shredding the organisation's keys is what erases it everywhere, backups included.
    await withOrg(t.db, c.orgId, actor, (tx) => keyring.destroyOrgKeys(tx));
    await expect(withOrg(t.db, c.orgId, actor, (tx) => keyring.decryptField(tx, ref, copy!.secret))).rejects.toMatchObject({ code: 'key_destroyed' });
  });

  it('another organisation can neither list, use nor disconnect a credential (not_found)', async () => {
    const a = await makeOrg();
    const b = await makeOrg();
    const v = await vault.connect(a, { provider: 'stripe', name: 'billing', credential: rk() });
    expect((await vault.list(b, 10, null)).items).toEqual([]);
    await expect(vault.useCredential(b, v.id, 'probe', (x) => x)).rejects.toMatchObject({ code: 'not_found' });
    await expect(vault.disconnect(b, v.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(vault.rotate(b, v.id, rk())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('INT-4: only the server-side path decrypts, and every decryption is audited with its purpose', async () => {
    const c = await makeOrg();
    const value = rk();
    const v = await vault.connect(c, { provider: 'stripe', name: 'billing', credential: value });
    const got = await vault.useCredential(c, v.id, 'sync-plans', (secret, meta) => ({ secret, meta }));
    expect(got.secret).toBe(value);
    expect(got.meta.id).toBe(v.id);
    const ev = (await auditRows(c.orgId)).filter((e) => e.action === 'integration.credential_decrypted');
    expect(ev).toEqual([{ action: 'integration.credential_decrypted', outcome: 'allowed', reason: null, metadata: { provider: 'stripe', purpose: 'sync-plans' } }]);
    expect(JSON.stringify(await auditRows(c.orgId))).not.toContain(value);
  });

  it('ENC-4: a tampered or moved credential fails with a typed error, and both failures are audited', async () => {
    const c = await makeOrg();
    const v1 = await vault.connect(c, { provider: 'stripe', name: 'one', credential: rk() });
    const v2 = await vault.connect(c, { provider: 'stripe', name: 'two', credential: rk() });
    await asSuperuser(t.ownerUrl, (sql) => sql`update integration_credentials set secret = set_byte(secret, 40, get_byte(secret, 40) # 255) where id = ${v1.id}`);
    await expect(vault.useCredential(c, v1.id, 'send', (x) => x)).rejects.toBeInstanceOf(DecryptionFailed);
    await asSuperuser(t.ownerUrl, (sql) => sql`
      update integration_credentials set secret = (select secret from integration_credentials where id = ${v2.id}) where id = ${v1.id}`);
    await expect(vault.useCredential(c, v1.id, 'send', (x) => x)).rejects.toMatchObject({ code: 'decryption_failed' });
    const rows = await auditRows(c.orgId);
    expect(rows.filter((e) => e.action === 'integration.credential_decrypted' && e.outcome === 'failed')).toHaveLength(2);
    expect(rows.filter((e) => e.action === 'crypto.decryption_failed' && e.outcome === 'failed')).toHaveLength(2);
  });

  it('rotation replaces the value and fingerprint, and records rotatedAt', async () => {
    const c = await makeOrg();
    const v = await vault.connect(c, { provider: 'stripe', name: 'billing', credential: rk() });
    const next = rk();
    const r = await vault.rotate(c, v.id, next);
    expect(r.rotatedAt).not.toBeNull();
    expect(r.fingerprint).not.toBe(v.fingerprint);
    expect(r.last4).toBe(next.slice(-4));
    expect(await vault.useCredential(c, v.id, 'check', (x) => x)).toBe(next);
    await expect(vault.rotate(c, v.id, sk())).rejects.toBeInstanceOf(StripeSecretKeyRefused);
  });

  it('names are unique per organisation; lists page with a cursor', async () => {
    const c = await makeOrg();
    for (let i = 0; i < 5; i++) await vault.connect(c, { provider: 'stripe', name: `k${i}`, credential: rk() });
    await expect(vault.connect(c, { provider: 'stripe', name: 'k0', credential: rk() })).rejects.toMatchObject({ code: 'conflict' });
    const p1 = await vault.list(c, 2, null);
    const p2 = await vault.list(c, 2, p1.nextCursor);
    const p3 = await vault.list(c, 2, p2.nextCursor);
    expect([...p1.items, ...p2.items, ...p3.items].map((i) => i.name).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(p3.nextCursor).toBeNull();
    await expect(vault.list(c, 2, 'garbage')).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('ENC-5: integration credentials are re-encrypted under a new DEK version and stay usable', async () => {
    const c = await makeOrg();
    const value = rk();
    const v = await vault.connect(c, { provider: 'stripe', name: 'billing', credential: value });
    await withOrg(t.db, c.orgId, actor, (tx) => keyring.rotateDek(tx));
    expect(await keyring.countStaleRows(c.orgId)).toBe(1);
    expect(await keyring.reencryptOrg(c.orgId)).toEqual({ reencrypted: 1, remaining: 0 });
    expect(await vault.useCredential(c, v.id, 'check', (x) => x)).toBe(value);
  });
});

describe('credential formats', () => {
  it('checks each provider format and says what is expected without echoing the value', () => {
    expect(() => checkCredential('webhook_url', 'http://hooks.example.com/x')).toThrow(IntegrationCredentialInvalid);
    expect(() => checkCredential('webhook_url', 'https://user:pw@hooks.example.com/x')).toThrow(IntegrationCredentialInvalid);
    expect(() => checkCredential('smtp', 'smtps://smtp.example.com:465')).toThrow(IntegrationCredentialInvalid);
    expect(() => checkCredential('smtp', 'https://u:p@smtp.example.com')).toThrow(IntegrationCredentialInvalid);
    expect(() => checkCredential('sms', 'justatoken')).toThrow(IntegrationCredentialInvalid);
    expect(checkCredential('smtp', 'smtp://u:short@h:587').secretPart).toBeNull(); // too short to show 4 chars
    const err = (() => {
      try {
        checkCredential('sms', 'AC123:secret-value-here');
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err?.message).not.toContain('secret-value-here');
  });
});
