/* Erasure by crypto-shredding (PRIV-2), proven from outside: after the erasure job, a superuser
   read of every table holds none of the person's plaintext, copies of their ciphertexts (as a
   backup keeps them) no longer decrypt, their session is dead, and `palisade audit verify` still
   passes with the person kept only as an opaque id. The last-admin guard refuses with a path
   forward; the deadline is tracked and configurable shorter. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { auditVerify, dumpText, ERASURE_CLOCK_START, personWithTotp, totpRef } from '../../test/fixtures/erasure.js';
import { addMember, call, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { appendAudit } from '../audit/index.js';
import { createKeyring, cryptoConfig, kekSetFromConfig, type Keyring } from '../crypto/index.js';
import { withOrg, withSystem } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import type { OrgId } from '../lib/ids.js';
import { createPrivacy } from './service.js';

let app: TestApp;
let keyring: Keyring;
const clock = fixedClock(ERASURE_CLOCK_START);
let admin: Session;
let orgId: string;

const PLATFORM = 'platform' as OrgId;
const system = { type: 'system' as const, id: 'test' };

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

beforeAll(async () => {
  // The queue runs only when the test drains it (the erasure job waits out its delay by this clock).
  app = await buildTestApp({ clock, env: { PALISADE_JOBS_WORKER: 'false' } });
  const keks = await kekSetFromConfig(cryptoConfig(app.config), { create: false });
  keyring = createKeyring({ db: app.testDb.db, clock, keks, record: appendAudit });
  const a = await createUser(app);
  admin = await signIn(app, a);
  orgId = await createOrg(app, admin, 'Erasure Org');
});

afterAll(async () => {
  await app?.close();
});

describe('erasure', () => {
  it('PRIV-2: an erasure request is tracked against its deadline, carried out by the erasure job; afterwards a superuser dump holds none of the person\'s plaintext, their ciphertexts no longer decrypt, and audit verify passes', async () => {
    // Personal data of every kind: a sealed TOTP secret, an export archive waiting, audit records.
    const person = await personWithTotp(app, orgId, `erase-me-${Date.now()}@example.test`);
    const { email, s, secret } = person;
    const exp = await call(app, { session: s }, 'POST', '/v1/me/export');
    await app.privacyIdle();
    await call(app, { session: s }, 'GET', '/v1/org');
    const marker = `my words ${Date.now()}`;
    const filed = await call(app, { session: s }, 'POST', '/v1/me/privacy-requests', { type: 'erasure', details: marker });
    expect(filed.status, filed.text).toBe(202);
    expect(filed.body).toMatchObject({ type: 'erasure', status: 'open', dueAt: '2030-07-01T10:00:00.000Z' });
    expect((await call(app, { session: s }, 'POST', '/v1/me/privacy-requests', { type: 'erasure' })).status).toBe(409);
    // What a backup taken now keeps: the ciphertexts.
    const [arc] = await withSystem(app.testDb.db, (tx) => tx.sql<{ archive: Buffer }[]>`select archive from privacy_exports where id = ${String(exp.body.id)}`);
    const arcRef = { table: 'privacy_exports', column: 'archive', rowId: String(exp.body.id) };
    expect((await withOrg(app.testDb.db, PLATFORM, system, (tx) => keyring.decryptField(tx, totpRef(person.userId), person.sealed))).length).toBeGreaterThan(0);
    const before = await dumpText(app);
    expect(before).toContain(email);
    expect(before).toContain(marker);

    // The erasure job waits out PALISADE_PRIVACY_ERASURE_DELAY_HOURS (24), then runs on the queue.
    await app.jobs.drain({ dueBy: clock.now() });
    expect(await dumpText(app)).toContain(email);
    clock.advance(25 * 3600_000);
    await app.jobs.drain({ dueBy: clock.now() });

    const after = await dumpText(app);
    for (const plain of [email, email.toLowerCase(), `Name of ${email}`, marker, secret]) {
      expect(after).not.toContain(plain);
      expect(after).not.toContain(hex(plain));
    }
    await expect(withOrg(app.testDb.db, PLATFORM, system, (tx) => keyring.decryptField(tx, totpRef(person.userId), person.sealed))).rejects.toMatchObject({ code: 'key_destroyed' });
    await expect(withOrg(app.testDb.db, PLATFORM, system, (tx) => keyring.decryptField(tx, arcRef, arc!.archive))).rejects.toMatchObject({ code: 'key_destroyed' });
    // The session is dead; the request is completed, without the person's words.
    expect((await call(app, { session: s }, 'GET', '/v1/me')).status).toBe(401);
    const [req] = await withSystem(app.testDb.db, (tx) => tx.sql<{ status: string; details: string | null; closed_at: Date | null }[]>`select status, details, closed_at from privacy_requests where id = ${String(filed.body.id)}`);
    expect(req).toMatchObject({ status: 'completed', details: null });
    // Audit records stay, naming the person by opaque id only; the log still verifies.
    const kept = await withSystem(app.testDb.db, (tx) => tx.sql<{ action: string }[]>`select action from audit_events where actor_id = ${person.userId} or target_id = ${person.userId}`);
    expect(kept.map((k) => k.action)).toEqual(expect.arrayContaining(['org.read', 'privacy.person_erased']));
    const verified = await auditVerify(app);
    expect(verified.code, verified.out).toBe(0);
  });

  it('PRIV-2: the last admin of an organisation is refused (409 erasure_last_admin, with the path forward); once another admin is named, the erasure goes through', async () => {
    const lone = await createUser(app);
    const s = await signIn(app, lone);
    const own = await createOrg(app, s, 'Lone Admin Org');
    const r = await call(app, { session: s }, 'POST', '/v1/me/privacy-requests', { type: 'erasure' });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'erasure_last_admin' });
    expect(String(r.body.detail)).toMatch(/make another member admin, or delete the organisation/);
    await expect(app.privacy.erasePerson(lone.userId, { actor: system })).rejects.toMatchObject({ code: 'erasure_last_admin' });
    expect(await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from users where id = ${lone.userId}`)).toHaveLength(1);
    const other = await createUser(app);
    await addMember(app, own, other.userId, ['admin']);
    const ok = await call(app, { session: s }, 'POST', '/v1/me/privacy-requests', { type: 'erasure' });
    expect(ok.status, ok.text).toBe(202);
    clock.advance(25 * 3600_000);
    await app.jobs.drain({ dueBy: clock.now() });
    expect(await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from users where id = ${lone.userId}`)).toHaveLength(0);
    expect(await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from memberships where org_id = ${own}`)).toHaveLength(1);
  });

  it('PRIV-2: an erasure request that became blocked (an admin left meanwhile) stays open with the reason noted, never half-done', async () => {
    const p = await createUser(app);
    const s = await signIn(app, p);
    const own = await createOrg(app, s, 'Blocked Org');
    const co = await createUser(app);
    await addMember(app, own, co.userId, ['admin']);
    const filed = await call(app, { session: s }, 'POST', '/v1/me/privacy-requests', { type: 'erasure' });
    expect(filed.status).toBe(202);
    await withSystem(app.testDb.db, (tx) => tx.sql`delete from memberships where org_id = ${own} and user_id = ${co.userId}`);
    clock.advance(25 * 3600_000);
    await app.jobs.drain({ dueBy: clock.now() });
    // The hourly sweep finds it blocked again, and leaves it open.
    expect(await app.privacy.runErasures()).toEqual({ erased: 0, blocked: 1 });
    const [req] = await withSystem(app.testDb.db, (tx) => tx.sql<{ status: string; resolution: string }[]>`select status, resolution from privacy_requests where id = ${String(filed.body.id)}`);
    expect(req?.status).toBe('open');
    expect(req?.resolution).toMatch(/only admin/);
    const keys = await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from crypto_keys where subject_id = ${p.userId} and destroyed_at is not null`);
    expect(keys).toHaveLength(0);
  });

  it('PRIV-2 PRIV-3: the deadline is 30 days by default and configurable shorter', async () => {
    const p = await createUser(app);
    const short = createPrivacy({ db: app.testDb.db, keyring, clock, config: { exportHours: 24, requestDays: 7, publicUrl: 'https://x.test' } });
    const r = await short.fileRequest({ userId: p.userId, source: { ip: null, userAgent: null, requestId: null } }, 'erasure', null);
    expect(r.dueAt).toBe(new Date(clock.now().getTime() + 7 * 86400_000).toISOString());
    expect(app.config.PALISADE_PRIVACY_REQUEST_DAYS).toBe(30);
  });
});
