/* A person's data export over HTTP (PRIV-1), with the real app and real PostgreSQL: the person's
   own archive, an admin's export of a member limited to the organisation, the one-time signed
   link and its forgeries, and the attacks — another organisation's member, an operator asking. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { addMember, call, createOrg, createUser, signIn, type Session } from '../../test/security/harness.js';
import { withSystem } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { PERSON_DATA } from './registry.js';

let app: TestApp;
const clock = fixedClock('2026-06-01T10:00:00Z');
let admin: Session;
let orgId: string;
let member: { userId: string; email: string };
let memberSession: Session;
let outsider: Session;
let outsiderOrg: string;

const pathOf = (url: string) => { const u = new URL(url); return u.pathname + u.search; };

async function ready(url: string, s: Session) {
  await app.privacyIdle();
  const r = await call(app, { session: s }, 'GET', url);
  expect(r.status, r.text).toBe(200);
  return r.body as { id: string; status: string; records: number; download: { url: string } | null; sha256: string };
}

async function fetchArchive(url: string) {
  const res = await app.http.inject({ method: 'GET', url: pathOf(url) });
  return { status: res.statusCode, body: res.body, json: res.statusCode === 200 ? (JSON.parse(res.body) as { manifest: Record<string, unknown>; data: Record<string, Array<Record<string, unknown>>> }) : null, headers: res.headers };
}

beforeAll(async () => {
  app = await buildTestApp({ clock, env: { PALISADE_PUBLIC_URL: 'https://palisade.example.test' } });
  const a = await createUser(app);
  admin = await signIn(app, a);
  orgId = await createOrg(app, admin, 'Export Org');
  member = await createUser(app, `member-${Date.now()}@example.test`);
  await addMember(app, orgId, member.userId, ['viewer']);
  memberSession = await signIn(app, member, orgId);
  // The member also belongs to a second organisation, whose records an admin of the first must not get.
  const o = await createUser(app);
  outsider = await signIn(app, o);
  outsiderOrg = await createOrg(app, outsider, 'Outsider Org');
  await addMember(app, outsiderOrg, member.userId, ['viewer']);
  // Something the member did in each organisation (audited as actor).
  await call(app, { session: memberSession }, 'GET', '/v1/org');
});

afterAll(async () => {
  await app?.close();
});

describe('personal data export', () => {
  it('PRIV-1: a person exports everything held about them: a JSON archive with a manifest, every registered section, no secret', async () => {
    const req = await call(app, { session: memberSession }, 'POST', '/v1/me/export');
    expect(req.status, req.text).toBe(202);
    expect(req.body).toMatchObject({ status: 'pending', scope: 'self', subject: member.userId, download: null });
    const v = await ready(`/v1/me/exports/${String(req.body.id)}`, memberSession);
    expect(v.status).toBe('ready');
    expect(v.download?.url).toMatch(/^https:\/\/palisade\.example\.test\/v1\/privacy\/exports\/pex_[a-z2-7]{26}\/archive\?expires=\d+&signature=fp_/);
    const got = await fetchArchive(v.download?.url ?? '');
    expect(got.status, got.body).toBe(200);
    expect(got.headers['cache-control']).toBe('no-store');
    const { manifest, data } = got.json ?? { manifest: {}, data: {} };
    expect(manifest).toMatchObject({ format: 'palisade.personal-data-export', version: 1, subject: member.userId, scope: { kind: 'self' }, schema: 'docs/privacy.md#export-format' });
    // Every registered table is either a section or listed as excluded with a reason.
    const listed = [...(manifest.sections as Array<{ table: string }>), ...(manifest.excluded as Array<{ table: string }>)].map((s) => s.table).sort();
    expect(listed).toEqual(PERSON_DATA.map((e) => e.table).sort());
    expect(data['identity.account']?.[0]).toMatchObject({ id: member.userId, email: member.email });
    expect(data['identity.sessions']?.length).toBeGreaterThanOrEqual(1);
    expect(data['orgs.memberships']?.map((m) => m.orgId).sort()).toEqual([orgId, outsiderOrg].sort());
    const events = data['audit.events'] ?? [];
    expect(events.some((e) => e.action === 'org.read' && e.actorId === member.userId)).toBe(true);
    expect(events.some((e) => e.action === 'auth.sign_in')).toBe(true);
    expect(events.every((e) => e.actorId === member.userId || e.targetId === member.userId)).toBe(true);
    expect(v.records).toBe(Object.values(data).reduce((n, rows) => n + rows.length, 0));
    // No password hash, no key material.
    expect(got.body).not.toMatch(/\$argon2|\$bcrypt|password_?hash|passwordHash|wrapped_?dek|key_?hash|keyHash|code_?hash|codeHash/);
  });

  it('PRIV-1: the archive is stored only sealed (no plaintext in the database) and is downloadable once; a second download is 410 export_gone', async () => {
    const req = await call(app, { session: memberSession }, 'POST', '/v1/me/export');
    const v = await ready(`/v1/me/exports/${String(req.body.id)}`, memberSession);
    const [row] = await withSystem(app.testDb.db, (tx) => tx.sql<{ archive: Buffer }[]>`select archive from privacy_exports where id = ${v.id}`);
    expect(row?.archive.length).toBeGreaterThan(100);
    expect(row?.archive.includes(Buffer.from(member.email))).toBe(false);
    expect(row?.archive.includes(Buffer.from(member.userId))).toBe(false);
    const url = v.download?.url ?? '';
    expect((await fetchArchive(url)).status).toBe(200);
    const again = await fetchArchive(url);
    expect(again.status).toBe(410);
    expect(JSON.parse(again.body)).toMatchObject({ code: 'export_gone' });
    const after = await call(app, { session: memberSession }, 'GET', `/v1/me/exports/${v.id}`);
    expect(after.body).toMatchObject({ status: 'downloaded', download: null });
    const [cleared] = await withSystem(app.testDb.db, (tx) => tx.sql<{ archive: Buffer | null }[]>`select archive from privacy_exports where id = ${v.id}`);
    expect(cleared?.archive).toBeNull();
    const audited = await withSystem(app.testDb.db, (tx) => tx.sql<{ action: string }[]>`
      select action from audit_events where org_id = 'platform' and metadata->>'exportId' = ${v.id} order by seq`);
    expect(audited.map((a) => a.action)).toEqual(['privacy.export_requested', 'privacy.export_ready', 'privacy.export_downloaded']);
  });

  it('PRIV-1: a forged, altered, far-dated or expired link is refused and takes nothing', async () => {
    const req = await call(app, { session: memberSession }, 'POST', '/v1/me/export');
    const v = await ready(`/v1/me/exports/${String(req.body.id)}`, memberSession);
    const u = new URL(v.download?.url ?? '');
    const sig = u.searchParams.get('signature') ?? '';
    const expires = Number(u.searchParams.get('expires'));
    const flipped = sig.slice(0, -1) + (sig.endsWith('a') ? 'b' : 'a');
    const at = (q: Record<string, string>, id = v.id) => fetchArchive(`https://x.test/v1/privacy/exports/${id}/archive?${new URLSearchParams(q).toString()}`);
    for (const q of [{ expires: String(expires), signature: flipped }, { expires: String(expires + 1), signature: sig }, { expires: String(expires + 86400), signature: sig }]) {
      const r = await at(q);
      expect(r.status, r.body).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ code: 'export_link_invalid' });
    }
    // Another export's id under this signature.
    const other = await call(app, { session: memberSession }, 'POST', '/v1/me/export');
    await app.privacyIdle();
    expect((await at({ expires: String(expires), signature: sig }, String(other.body.id))).status).toBe(403);
    clock.advance(301_000);
    const late = await at({ expires: String(expires), signature: sig });
    expect(late.status).toBe(403);
    expect(JSON.parse(late.body)).toMatchObject({ code: 'export_link_expired' });
    // Nothing was taken: a fresh link still works.
    const fresh = await ready(`/v1/me/exports/${v.id}`, memberSession);
    expect((await fetchArchive(fresh.download?.url ?? '')).status).toBe(200);
  });

  it('PRIV-1: another person cannot read my export\'s status or link (404, like a missing one)', async () => {
    const req = await call(app, { session: memberSession }, 'POST', '/v1/me/export');
    const r = await call(app, { session: admin }, 'GET', `/v1/me/exports/${String(req.body.id)}`);
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('signature');
  });

  it('PRIV-1: an admin with privacy:export exports a member, limited to the organisation (no sessions, no other organisation\'s records)', async () => {
    const req = await call(app, { session: admin }, 'POST', `/v1/org/members/${member.userId}/export`);
    expect(req.status, req.text).toBe(202);
    expect(req.body).toMatchObject({ scope: 'organisation', subject: member.userId });
    const v = await ready(`/v1/org/privacy/exports/${String(req.body.id)}`, admin);
    const got = await fetchArchive(v.download?.url ?? '');
    expect(got.status).toBe(200);
    const { manifest, data } = got.json ?? { manifest: {}, data: {} };
    expect(manifest.scope).toEqual({ kind: 'organisation', orgId });
    expect(data['identity.sessions']).toBeUndefined();
    expect(data['identity.mfa_factors']).toBeUndefined();
    expect(data['orgs.memberships']?.map((m) => m.orgId)).toEqual([orgId]);
    const events = data['audit.events'] ?? [];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.orgId === orgId)).toBe(true);
    expect(got.body).not.toContain(outsiderOrg);
    // The member's own export view does not show the admin's export, and vice versa.
    expect((await call(app, { session: memberSession }, 'GET', `/v1/me/exports/${v.id}`)).status).toBe(404);
    const inOrgLog = await withSystem(app.testDb.db, (tx) => tx.sql<{ action: string; target_type: string | null; target_id: string | null }[]>`
      select action, target_type, target_id from audit_events where org_id = ${orgId} and metadata->>'exportId' = ${v.id} order by seq`);
    // Requested, read by the admin (once or more while it was prepared), downloaded.
    expect(inOrgLog.map((a) => a.action).filter((a, i, all) => a !== 'privacy.export_read' || all[i - 1] !== a)).toEqual(['privacy.export_requested', 'privacy.export_read', 'privacy.export_downloaded']);
    // Each read of the member's export names the member whose data it is (AUD-1).
    const reads = inOrgLog.filter((a) => a.action === 'privacy.export_read');
    expect(new Set(reads.map((a) => `${a.target_type}:${a.target_id}`))).toEqual(new Set([`user:${member.userId}`]));
  });

  it('PRIV-1: exporting another organisation\'s member is 404 exactly like an unknown id, and creates nothing', async () => {
    const foreign = await call(app, { session: outsider }, 'POST', `/v1/org/members/${admin.userId}/export`);
    const unknown = await call(app, { session: outsider }, 'POST', '/v1/org/members/usr_aaaaaaaaaaaaaaaaaaaaaaaaaa/export');
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body, requestId: null }).toEqual({ ...unknown.body, requestId: null });
    const rows = await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from privacy_exports where user_id = ${admin.userId}`);
    expect(rows).toHaveLength(0);
    // An admin's member export is not readable from another organisation.
    const mine = await call(app, { session: admin }, 'POST', `/v1/org/members/${member.userId}/export`);
    expect((await call(app, { session: outsider }, 'GET', `/v1/org/privacy/exports/${String(mine.body.id)}`)).status).toBe(404);
  });

  it('PRIV-1: an operator or a viewer asking for a member export is refused 403 (privacy:export is admin-only)', async () => {
    const op = await createUser(app);
    await addMember(app, orgId, op.userId, ['operator']);
    const opSession = await signIn(app, op, orgId);
    const r = await call(app, { session: opSession }, 'POST', `/v1/org/members/${member.userId}/export`);
    expect(r.status).toBe(403);
    const v = await call(app, { session: memberSession }, 'POST', `/v1/org/members/${admin.userId}/export`);
    expect(v.status).toBe(403);
    const rows = await withSystem(app.testDb.db, (tx) => tx.sql`select 1 from privacy_exports where requested_by = ${'user:' + op.userId}`);
    expect(rows).toHaveLength(0);
  });

  it('PRIV-1: consents (recorded by the person, and about them as a minor), their minor status per organisation and their SSO links are exported; no client secret or token is', async () => {
    const clientSecret = 'export-test-client-secret-9f8e7d6c5b4a';
    // The admin turns AI on (a consent the admin recorded), marks the member a minor and records a consent for the minor's data.
    expect((await call(app, { session: admin }, 'PUT', '/v1/org/ai/consent', { policyVersion: 'exp-2026-06' })).status).toBe(200);
    expect((await call(app, { session: admin }, 'PUT', `/v1/org/privacy/minors/${member.userId}`)).status).toBe(204);
    expect((await call(app, { session: admin }, 'PUT', `/v1/org/ai/minors/${member.userId}/consent`, { policyVersion: 'guardian-v3' })).status).toBe(200);
    // The other organisation's own consent is not the member's; the consent it recorded about the member (not marked a minor there) is.
    expect((await call(app, { session: outsider }, 'PUT', '/v1/org/ai/consent', { policyVersion: 'outsider-v1' })).status).toBe(200);
    expect((await call(app, { session: outsider }, 'PUT', `/v1/org/ai/minors/${member.userId}/consent`, { policyVersion: 'outsider-guardian' })).status).toBe(200);
    // An SSO connection with a client secret, and the member's links to IdP accounts (as the SSO callback writes them) in both organisations.
    const put = await call(app, { session: admin }, 'PUT', '/v1/org/sso', { provider: 'google', clientId: 'export-client', clientSecret, defaultRole: 'viewer' });
    expect(put.status, put.text).toBe(200);
    await withSystem(app.testDb.db, (tx) => tx.sql`
      insert into sso_identities (issuer, subject, user_id, org_id, created_at) values
        ('https://accounts.google.com', 'g-sub-1234567890', ${member.userId}, ${orgId}, ${clock.now()}),
        ('https://login.example.test', 'other-sub-42', ${member.userId}, ${outsiderOrg}, ${clock.now()})`);

    const own = await call(app, { session: memberSession }, 'POST', '/v1/me/export');
    const mine = await fetchArchive((await ready(`/v1/me/exports/${String(own.body.id)}`, memberSession)).download?.url ?? '');
    expect(mine.status, mine.body).toBe(200);
    const d = mine.json?.data ?? {};
    expect(d['privacy.consents']).toEqual([
      expect.objectContaining({ orgId, flow: 'ai_minor_data', subjectId: member.userId, action: 'granted', policyVersion: 'guardian-v3', actorType: 'user', actorId: admin.userId, relation: 'about' }),
      expect.objectContaining({ orgId: outsiderOrg, flow: 'ai_minor_data', subjectId: member.userId, policyVersion: 'outsider-guardian', actorId: outsider.userId, relation: 'about' }),
    ]);
    expect(d['privacy.minor_status']).toEqual(expect.arrayContaining([
      expect.objectContaining({ orgId, minor: true, markedBy: `user:${admin.userId}` }),
      expect.objectContaining({ orgId: outsiderOrg, minor: false, markedAt: null }),
    ]));
    expect(d['privacy.minor_status']).toHaveLength(2);
    expect(d['identity.sso_links']?.map((l) => [l.orgId, l.issuer, l.subject]).sort()).toEqual([
      [orgId, 'https://accounts.google.com', 'g-sub-1234567890'], [outsiderOrg, 'https://login.example.test', 'other-sub-42']].sort());
    const sections = (mine.json?.manifest.sections as Array<{ name: string; records: number }>).filter((x) => ['privacy.consents', 'privacy.minor_status', 'identity.sso_links'].includes(x.name));
    expect(sections.map((x) => [x.name, x.records]).sort()).toEqual([['identity.sso_links', 2], ['privacy.consents', 2], ['privacy.minor_status', 2]]);
    expect(JSON.stringify(mine.json?.manifest.excluded)).not.toMatch(/TODO/);

    // The admin's own export holds the consent the admin recorded for the organisation (and the one recorded about the member).
    const adm = await call(app, { session: admin }, 'POST', '/v1/me/export');
    const theirs = await fetchArchive((await ready(`/v1/me/exports/${String(adm.body.id)}`, admin)).download?.url ?? '');
    const consents = theirs.json?.data['privacy.consents'] ?? [];
    expect(consents.map((c) => [c.flow, c.policyVersion, c.relation]).sort()).toEqual([['ai', 'exp-2026-06', 'recorded'], ['ai_minor_data', 'guardian-v3', 'recorded']]);
    expect(theirs.json?.data['privacy.minor_status']).toEqual([expect.objectContaining({ orgId, minor: false })]);

    // The admin's export of the member: only this organisation's consent, status and link.
    const req = await call(app, { session: admin }, 'POST', `/v1/org/members/${member.userId}/export`);
    const org = await fetchArchive((await ready(`/v1/org/privacy/exports/${String(req.body.id)}`, admin)).download?.url ?? '');
    const od = org.json?.data ?? {};
    expect(od['privacy.consents']?.map((c) => [c.orgId, c.policyVersion])).toEqual([[orgId, 'guardian-v3']]);
    expect(od['privacy.minor_status']).toEqual([expect.objectContaining({ orgId, minor: true })]);
    expect(od['identity.sso_links']?.map((l) => l.subject)).toEqual(['g-sub-1234567890']);
    expect(org.body).not.toContain(outsiderOrg);

    // No secret: not the SSO client secret (nor its sealed form), no token, no key material.
    for (const body of [mine.body, theirs.body, org.body]) {
      expect(body).not.toContain(clientSecret);
      expect(body).not.toMatch(/client_?secret"\s*:|id_?token|access_?token|refresh_?token|code_?verifier|wrapped_?dek/i);
    }
  });
});
