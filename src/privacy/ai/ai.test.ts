/* Consent, the AI egress guard and minors over HTTP (PRIV-4, PRIV-5, PRIV-6, PRIV-10), with the
   real app, real PostgreSQL and a stand-in AI provider: a real HTTP server on loopback that
   records every body it receives, so "never arrived" is checked where it matters — at the
   provider. Attacks: AI without consent and after withdrawal, secrets and card numbers hidden in
   the prompt, another organisation's admin, a viewer or an API key granting consent, a minor's
   data without policy and consent, hostile input, a provider that hangs. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/fixtures/app.js';
import { startStandInProvider, type StandInProvider } from '../../../test/fixtures/ai-provider.js';
import { asSuperuser } from '../../../test/fixtures/db.js';
import { addMember, call, createKey, createOrg, createUser, signIn, type Session } from '../../../test/security/harness.js';
import { generateKey } from '../../authz/key-format.js';
import { withOrg, withSystem } from '../../db/index.js';
import type { OrgId } from '../../lib/ids.js';
import { complete } from './provider.js';

let app: TestApp;
let provider: StandInProvider;
let admin: Session;
let orgId: string;
/** An operator: uses AI (ai:use), may not manage it. */
let member: Session;
let other: Session;
let otherOrg: string;
const STANDIN_KEY = 'sk-ant-standin-provider-key-000';
const LIMIT = 30;
const TIMEOUT_MS = 3000;

const ai = (s: Session, body: unknown) => call(app, { session: s }, 'POST', '/v1/org/ai/complete', body);
const grant = (s: Session, policyVersion = '2026-06') => call(app, { session: s }, 'PUT', '/v1/org/ai/consent', { policyVersion });
const withdraw = (s: Session) => call(app, { session: s }, 'DELETE', '/v1/org/ai/consent');

async function auditOf(org: string, action: string): Promise<Array<{ actor_id: string | null; outcome: string; metadata: Record<string, unknown>; target_id: string | null }>> {
  return asSuperuser(app.testDb.ownerUrl, (sql) => sql`select actor_id, outcome, metadata, target_id from audit_events where org_id = ${org} and action = ${action} order by seq`);
}

async function rename(userId: string, name: string): Promise<void> {
  await withSystem(app.testDb.db, (tx) => tx.sql`update users set name = ${name} where id = ${userId}`);
}

beforeAll(async () => {
  provider = await startStandInProvider('Here is the summary.');
  app = await buildTestApp({
    env: {
      PALISADE_AI_PROVIDER: 'anthropic', PALISADE_AI_BASE_URL: provider.url, PALISADE_AI_MODEL: 'claude-standin', PALISADE_AI_API_KEY: STANDIN_KEY,
      PALISADE_AI_TIMEOUT_MS: String(TIMEOUT_MS), PALISADE_OUTBOUND_ALLOW: '127.0.0.1', PALISADE_LIMIT_AI: `${LIMIT}/3600`,
    },
  });
  const a = await createUser(app);
  admin = await signIn(app, a);
  orgId = await createOrg(app, admin, 'AI Org');
  await rename(a.userId, 'Ada Lovelace');
  const v = await createUser(app);
  await addMember(app, orgId, v.userId, ['operator']);
  member = await signIn(app, v, orgId);
  await rename(v.userId, 'Grace Hopper');
  const o = await createUser(app);
  other = await signIn(app, o);
  otherOrg = await createOrg(app, other, 'Other AI Org');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await provider?.stop();
});

beforeEach(() => {
  provider.setMode('answer');
});

describe('consent (PRIV-4)', () => {
  it('PRIV-4: AI is off by default: the state shows it off with an empty ledger, a completion is refused 403 ai_consent_required, and nothing reaches the provider', async () => {
    const st = await call(app, { session: admin }, 'GET', '/v1/org/ai/consent');
    expect(st.status, st.text).toBe(200);
    expect(st.body).toMatchObject({ enabled: false, policyVersion: null, since: null, minorData: false, history: [] });
    const before = provider.received.length;
    const r = await ai(admin, { prompt: 'Summarise our week' });
    expect(r.status, r.text).toBe(403);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.body.code).toBe('ai_consent_required');
    expect(provider.received.length).toBe(before);
    expect((await auditOf(orgId, 'ai.completion')).at(-1)).toMatchObject({ outcome: 'denied', actor_id: admin.userId });
  });

  it('PRIV-4: an operator, a viewer, an API key and another organisation\'s admin cannot turn AI on for the organisation; nothing is recorded', async () => {
    expect((await grant(member)).status).toBe(403);
    const v = await createUser(app);
    await addMember(app, orgId, v.userId, ['viewer']);
    const viewer = await signIn(app, v, orgId);
    expect((await grant(viewer)).status).toBe(403);
    // A viewer does not use AI either (viewers only read).
    expect((await ai(viewer, { prompt: 'hello' })).status).toBe(403);
    expect((await withdraw(member)).status).toBe(403);
    // ai:manage is never a key's: a key cannot be made with it, and a key with ai:use cannot grant.
    const refusedKey = await call(app, { session: admin }, 'POST', '/v1/org/api-keys', { name: 'ai manager', scopes: ['ai:manage'] });
    expect(refusedKey.status).toBeGreaterThanOrEqual(400);
    expect(refusedKey.status).toBeLessThan(500);
    const key = await createKey(app, admin, { name: 'ai user', scopes: ['ai:use'] });
    const byKey = await call(app, { key: key.key }, 'PUT', '/v1/org/ai/consent', { policyVersion: 'v1' });
    expect(byKey.status, byKey.text).toBe(403);
    // Org B's admin "grants" — in org B only (the organisation comes from the caller, TEN-1).
    const foreign = await call(app, { session: other }, 'PUT', '/v1/org/ai/consent', { policyVersion: 'v1' });
    expect(foreign.status, foreign.text).toBe(200);
    const mine = await call(app, { session: admin }, 'GET', '/v1/org/ai/consent');
    expect(mine.body).toMatchObject({ enabled: false, history: [] });
    const rows = await asSuperuser(app.testDb.ownerUrl, (sql) => sql`select org_id from ai_consent_ledger where org_id = ${orgId}`);
    expect(rows).toHaveLength(0);
    // And org B's withdrawal leaves it there, not here.
    expect((await call(app, { session: other }, 'DELETE', '/v1/org/ai/consent')).status).toBe(200);
    expect((await ai(admin, { prompt: 'still off?' })).body.code).toBe('ai_consent_required');
  });

  it('PRIV-4: an admin turns AI on with a policy version; the ledger records time, actor and version; the grant is audited; then a completion goes through', async () => {
    const g = await grant(admin, '2026-06');
    expect(g.status, g.text).toBe(200);
    expect(g.body).toMatchObject({ enabled: true, policyVersion: '2026-06' });
    const history = g.body.history as Array<Record<string, unknown>>;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ flow: 'ai', action: 'granted', policyVersion: '2026-06', actor: { type: 'user', id: admin.userId }, subject: null });
    expect(Date.parse(String(history[0]?.recordedAt))).toBeGreaterThan(Date.now() - 60_000);
    expect((await auditOf(orgId, 'ai.consent.granted')).at(-1)).toMatchObject({ actor_id: admin.userId, outcome: 'allowed', metadata: { policyVersion: '2026-06' } });
    const r = await ai(member, { prompt: 'Summarise our week' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ text: 'Here is the summary.', model: 'claude-standin', redactions: { total: 0, categories: {} } });
    const last = provider.received.at(-1);
    expect(last?.path).toBe('/v1/messages');
    expect(last?.headers['x-api-key']).toBe(STANDIN_KEY);
    expect(JSON.parse(last?.body ?? '{}')).toMatchObject({ model: 'claude-standin', messages: [{ role: 'user', content: 'Summarise our week' }] });
  });

  it('PRIV-4: withdrawal switches AI off at once: the very next call is refused and reaches nothing; the ledger keeps both rows; a new grant turns it on again', async () => {
    expect((await grant(admin, '2026-06')).status).toBe(200);
    const w = await withdraw(admin);
    expect(w.status, w.text).toBe(200);
    expect(w.body).toMatchObject({ enabled: false, policyVersion: null });
    const before = provider.received.length;
    const r = await ai(member, { prompt: 'one more' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('ai_consent_required');
    expect(provider.received.length).toBe(before);
    const st = await call(app, { session: member }, 'GET', '/v1/org/ai/consent');
    expect((st.body.history as Array<{ action: string }>).map((h) => h.action)).toEqual(['withdrawn', 'granted']);
    expect((await auditOf(orgId, 'ai.consent.withdrawn')).at(-1)).toMatchObject({ actor_id: admin.userId, metadata: { policyVersion: '2026-06' } });
    expect((await grant(admin, '2026-07')).body).toMatchObject({ enabled: true, policyVersion: '2026-07' });
  });

  it('PRIV-4: the ledger is append-only: the request role may not UPDATE or DELETE a row, and even the owner is refused by the trigger', async () => {
    const actor = { type: 'user' as const, id: admin.userId };
    await expect(withOrg(app.testDb.db, orgId as OrgId, actor, (tx) => tx.sql`update ai_consent_ledger set policy_version = 'forged' where org_id = ${orgId}`)).rejects.toThrow(/permission denied/);
    await expect(withOrg(app.testDb.db, orgId as OrgId, actor, (tx) => tx.sql`delete from ai_consent_ledger where org_id = ${orgId}`)).rejects.toThrow(/permission denied/);
    await expect(asSuperuser(app.testDb.ownerUrl, (sql) => sql`update ai_consent_ledger set action = 'granted' where org_id = ${orgId}`)).rejects.toThrow(/append-only/);
    await expect(asSuperuser(app.testDb.ownerUrl, (sql) => sql`delete from ai_consent_ledger where org_id = ${orgId}`)).rejects.toThrow(/append-only/);
    await expect(asSuperuser(app.testDb.ownerUrl, (sql) => sql`truncate ai_consent_ledger`)).rejects.toThrow(/append-only/);
    const rows = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ n: number }[]>`select count(*)::int as n from ai_consent_ledger where org_id = ${orgId} and policy_version = 'forged'`);
    expect(rows[0]?.n).toBe(0);
  });
  it('PRIV-4: deleting an organisation takes its ledger with it: the trigger lets only that cascade through', async () => {
    const s = await signIn(app, await createUser(app));
    const gone = await createOrg(app, s, 'Short-lived AI Org');
    expect((await grant(s, 'v1')).status).toBe(200);
    expect((await call(app, { session: s }, 'DELETE', '/v1/org/ai/consent')).status).toBe(200);
    const count = () => asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ n: number }[]>`select count(*)::int as n from ai_consent_ledger where org_id = ${gone}`);
    expect((await count())[0]?.n).toBe(2);
    await asSuperuser(app.testDb.ownerUrl, (sql) => sql`delete from orgs where id = ${gone}`);
    expect((await count())[0]?.n).toBe(0);
    // Another organisation's rows are still refused.
    await expect(asSuperuser(app.testDb.ownerUrl, (sql) => sql`delete from ai_consent_ledger where org_id = ${orgId}`)).rejects.toThrow(/append-only/);
  });
});

describe('egress guard (PRIV-5, PRIV-6)', () => {
  beforeAll(async () => {
    await grant(admin, '2026-08');
  });

  it('PRIV-5: a card number, an IBAN, a Palisade API key, a bearer token, a whsec_ secret, a PEM key and a password hidden in the prompt never reach the provider; the reply reports categories and counts, never the values', async () => {
    const apiKey = generateKey().key;
    const secrets = {
      card: '4111 1111 1111 1111',
      iban: 'DE89 3704 0044 0532 0130 00',
      apiKey,
      bearer: 'c2VjcmV0LWJlYXJlci10b2tlbi0xMjM0NTY',
      whsec: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      pemBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
      password: 'hunter2-correct-horse',
    };
    const prompt = [
      `Customer paid with ${secrets.card} and wants a refund to ${secrets.iban}.`,
      `Our key is ${secrets.apiKey}; the call used Authorization: Bearer ${secrets.bearer}`,
      `Webhook secret ${secrets.whsec}, db password: ${secrets.password}`,
      `-----BEGIN ${'PRIVATE'} KEY-----\n${secrets.pemBody}\n-----END ${'PRIVATE'} KEY-----`,
      'What should we answer?',
    ].join('\n');
    const before = provider.received.length;
    const r = await ai(admin, { prompt, system: `You help support. Never mention ${secrets.card.replace(/ /g, '')}.` });
    expect(r.status, r.text).toBe(200);
    expect(provider.received.length).toBe(before + 1);
    const arrived = provider.allText();
    for (const v of Object.values(secrets)) {
      expect(arrived).not.toContain(v);
      expect(r.text).not.toContain(v);
    }
    expect(arrived).not.toContain('4111111111111111');
    expect(arrived).toContain('What should we answer?');
    expect(arrived).toContain('[redacted:card_number]');
    expect(r.body.redactions).toEqual({
      total: 8,
      categories: { card_number: 2, iban: 1, api_key: 1, bearer_token: 1, webhook_secret: 1, private_key: 1, secret: 1 },
    });
    // The audit record says the same, and holds no value either.
    const rec = (await auditOf(orgId, 'ai.completion')).at(-1);
    expect(rec).toMatchObject({ outcome: 'allowed', metadata: { redactions: { total: 8 }, policyVersion: '2026-08', provider: 'anthropic' } });
    for (const v of Object.values(secrets)) expect(JSON.stringify(rec)).not.toContain(v);
    // Nor does any log line.
    for (const v of Object.values(secrets)) expect(app.logs.join('\n')).not.toContain(v);
  });

  it('PRIV-5: the names and addresses of the organisation\'s members and invitees are removed; a member the operation is about keeps them', async () => {
    const invitee = `invitee-${Date.now().toString(36)}@partner.test`;
    const inv = await call(app, { session: admin }, 'POST', '/v1/org/invitations', { email: invitee, roles: ['viewer'] });
    expect(inv.status, inv.text).toBe(201);
    const prompt = `Draft a note from Ada Lovelace (${admin.email}) to grace hopper <${member.email}>, cc ${invitee} and someone@else.test.`;
    const r = await ai(admin, { prompt });
    expect(r.status, r.text).toBe(200);
    const sent = JSON.parse(provider.received.at(-1)?.body ?? '{}') as { messages: Array<{ content: string }> };
    const content = sent.messages[0]?.content ?? '';
    for (const v of ['Ada Lovelace', admin.email, 'grace hopper', member.email, invitee, 'someone@else.test']) expect(content.toLowerCase()).not.toContain(v.toLowerCase());
    expect(r.body.redactions).toEqual({ total: 6, categories: { person_name: 2, person_email: 3, email: 1 } });
    // The operation is about Grace: her name and address are what it needs.
    const about = await ai(admin, { prompt, about: [member.userId] });
    expect(about.status, about.text).toBe(200);
    const kept = (JSON.parse(provider.received.at(-1)?.body ?? '{}') as { messages: Array<{ content: string }> }).messages[0]?.content ?? '';
    expect(kept).toContain('grace hopper');
    expect(kept).toContain(member.email);
    expect(kept).not.toContain('Ada Lovelace');
    expect(kept).not.toContain(admin.email);
    // `about` names only members: another organisation's person is not found (TEN-4).
    expect((await ai(admin, { prompt: 'x', about: [other.userId] })).status).toBe(404);
  });

  it('PRIV-5: the provider is reached only through the SSRF guard: without the operator allow-list the loopback provider is refused and receives nothing', async () => {
    const before = provider.received.length;
    const cfg = { kind: 'anthropic' as const, baseUrl: provider.url, model: 'm', apiKey: 'k', timeoutMs: 2000, allow: [] };
    await expect(complete(cfg, { prompt: 'hello', system: null, maxTokens: 10 })).rejects.toMatchObject({ code: 'ai_provider_unavailable' });
    await expect(complete({ ...cfg, baseUrl: 'http://169.254.169.254' }, { prompt: 'hello', system: null, maxTokens: 10 })).rejects.toMatchObject({ code: 'ai_provider_unavailable' });
    expect(provider.received.length).toBe(before);
    // With it, the OpenAI-compatible shape works too.
    const ok = await complete({ ...cfg, kind: 'openai', allow: ['127.0.0.1'] }, { prompt: 'hello', system: 'be brief', maxTokens: 10 });
    expect(ok.text).toBe('Here is the summary.');
    const last = provider.received.at(-1);
    expect(last?.path).toBe('/v1/chat/completions');
    expect(last?.headers.authorization).toBe('Bearer k');
    expect(JSON.parse(last?.body ?? '{}')).toMatchObject({ messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello' }] });
  });

  it('PRIV-6: a provider that never answers costs its caller the configured timeout and a 503 ai_provider_unavailable, while every other route keeps answering', async () => {
    provider.setMode('hang');
    const before = provider.received.length;
    const pending = ai(member, { prompt: 'Are you there?' });
    // Wait until the provider holds the request (bounded), then use the app meanwhile.
    for (let i = 0; i < 500 && provider.received.length === before; i++) await new Promise((r) => setTimeout(r, 10));
    expect(provider.received.length).toBe(before + 1);
    const during = await Promise.all([
      call(app, { session: admin }, 'GET', '/v1/org'),
      call(app, { session: admin }, 'GET', '/v1/org/ai/consent'),
      call(app, { session: member }, 'GET', '/v1/me'),
      call(app, { none: true }, 'GET', '/healthz'),
    ]);
    expect(during.map((d) => d.status)).toEqual([200, 200, 200, 200]);
    const r = await pending;
    expect(r.status, r.text).toBe(503);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.body.code).toBe('ai_provider_unavailable');
    expect(r.text).not.toContain('timeout');
    expect((await auditOf(orgId, 'ai.completion')).at(-1)).toMatchObject({ outcome: 'failed' });
  }, 30_000);

  it('PRIV-6: a provider that errors or is stopped answers 503 ai_provider_unavailable, without the provider\'s own words', async () => {
    provider.setMode('error');
    const r = await ai(admin, { prompt: 'hello' });
    expect(r.status).toBe(503);
    expect(r.body.code).toBe('ai_provider_unavailable');
    expect(r.text).not.toContain('overloaded');
    const dead = await startStandInProvider();
    await dead.stop();
    const cfg = { kind: 'anthropic' as const, baseUrl: dead.url, model: 'm', apiKey: 'k', timeoutMs: 2000, allow: ['127.0.0.1'] };
    await expect(complete(cfg, { prompt: 'hello', system: null, maxTokens: 10 })).rejects.toMatchObject({ code: 'ai_provider_unavailable', status: 503 });
  });

  it('PRIV-6: AI calls are rate limited per user: past PALISADE_LIMIT_AI the answer is 429 rate_limited with Retry-After, and another user is not affected', async () => {
    const u = await createUser(app);
    await addMember(app, orgId, u.userId, ['operator']);
    const s = await signIn(app, u, orgId);
    for (let i = 0; i < LIMIT; i++) {
      const r = await ai(s, { prompt: `hello ${i}` });
      expect(r.status, r.text).toBe(200);
    }
    const before = provider.received.length;
    const over = await ai(s, { prompt: 'one too many' });
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('rate_limited');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(provider.received.length).toBe(before);
    expect((await ai(member, { prompt: 'me too' })).status).toBe(200);
  }, 60_000);

  it('PRIV-4 PRIV-5 PRIV-10: hostile input to every new route is a 400 problem+json with a listed code, never a 5xx, and reaches no provider', async () => {
    const before = provider.received.length;
    const hostile: Array<[string, string, unknown]> = [
      ['POST', '/v1/org/ai/complete', { prompt: '' }],
      ['POST', '/v1/org/ai/complete', { prompt: 'x'.repeat(32_001) }],
      ['POST', '/v1/org/ai/complete', { prompt: 'a\u0000b' }],
      ['POST', '/v1/org/ai/complete', { prompt: 'ok', about: 'usr_x' }],
      ['POST', '/v1/org/ai/complete', { prompt: 'ok', about: Array.from({ length: 21 }, (_, i) => `u${i}`) }],
      ['POST', '/v1/org/ai/complete', { prompt: 'ok', maxTokens: -1 }],
      ['POST', '/v1/org/ai/complete', { prompt: 'ok', model: 'gpt-evil' }],
      ['POST', '/v1/org/ai/complete', { prompt: '\ud800' }],
      ['PUT', '/v1/org/ai/consent', {}],
      ['PUT', '/v1/org/ai/consent', { policyVersion: 'has spaces' }],
      ['PUT', '/v1/org/ai/consent', { policyVersion: 'v1', orgId: otherOrg }],
      ['PUT', '/v1/org/ai/policy', { minorData: 'yes' }],
      ['PUT', '/v1/org/ai/minors/x/consent', { policyVersion: 'p'.repeat(101) }],
      ['PUT', `/v1/org/privacy/minors/${'x'.repeat(101)}`, undefined],
    ];
    for (const [method, url, body] of hostile) {
      const r = await call(app, { session: admin }, method, url, body);
      expect(r.status, `${method} ${url}: ${r.text}`).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.body.code).toMatch(/^(validation_failed|invalid_text|payload_too_large)$/);
    }
    expect(provider.received.length).toBe(before);
  });
});

describe('minors (PRIV-10)', () => {
  let minor: Session;
  let minorId: string;

  beforeAll(async () => {
    const m = await createUser(app);
    minorId = m.userId;
    await addMember(app, orgId, m.userId, ['viewer']);
    minor = await signIn(app, m, orgId);
    await rename(m.userId, 'Tom Sawyer');
    await grant(admin, '2026-09');
  });

  it('PRIV-10: marking a member as a minor is audited and needs minors:write; an operator is refused, another organisation\'s admin gets 404 as for an unknown person', async () => {
    expect((await call(app, { session: member }, 'PUT', `/v1/org/privacy/minors/${minorId}`)).status).toBe(403);
    expect((await call(app, { session: other }, 'PUT', `/v1/org/privacy/minors/${minorId}`)).status).toBe(404);
    expect((await call(app, { session: other }, 'PUT', '/v1/org/privacy/minors/usr_aaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);
    const put = await call(app, { session: admin }, 'PUT', `/v1/org/privacy/minors/${minorId}`);
    expect(put.status, put.text).toBe(204);
    expect((await auditOf(orgId, 'privacy.minor.marked')).at(-1)).toMatchObject({ actor_id: admin.userId, target_id: minorId });
    const list = await call(app, { session: member }, 'GET', '/v1/org/privacy/minors');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ userId: minorId, aiConsent: null })]);
    // Another organisation sees none of it.
    expect((await call(app, { session: other }, 'GET', '/v1/org/privacy/minors')).body.items).toEqual([]);
  });

  it('PRIV-10: a minor\'s data sent to AI is refused without the policy and the minor\'s consent, refused with only one of them, and flows only with both; withdrawing the consent refuses again', async () => {
    const prompt = 'Write a birthday note for Tom Sawyer.';
    const before = provider.received.length;
    const refuse = async () => {
      const r = await ai(admin, { prompt, about: [minorId] });
      expect(r.status, r.text).toBe(403);
      expect(r.body.code).toBe('ai_minor_data_refused');
    };
    await refuse(); // neither
    expect((await call(app, { session: admin }, 'PUT', '/v1/org/ai/policy', { minorData: true })).body).toMatchObject({ minorData: true });
    await refuse(); // policy only
    expect((await call(app, { session: admin }, 'PUT', '/v1/org/ai/policy', { minorData: false })).status).toBe(200);
    const c = await call(app, { session: admin }, 'PUT', `/v1/org/ai/minors/${minorId}/consent`, { policyVersion: 'guardian-2026' });
    expect(c.status, c.text).toBe(200);
    expect(c.body).toMatchObject({ userId: minorId, aiConsent: { policyVersion: 'guardian-2026' } });
    await refuse(); // consent only
    expect(provider.received.length).toBe(before);
    expect((await auditOf(orgId, 'ai.completion')).at(-1)).toMatchObject({ outcome: 'denied', metadata: { refused: 'minor data' } });
    await call(app, { session: admin }, 'PUT', '/v1/org/ai/policy', { minorData: true });
    const ok = await ai(admin, { prompt, about: [minorId] });
    expect(ok.status, ok.text).toBe(200);
    expect(provider.received.at(-1)?.body).toContain('Tom Sawyer');
    expect((await auditOf(orgId, 'ai.minor_consent.granted')).at(-1)).toMatchObject({ actor_id: admin.userId, target_id: minorId });
    const w = await call(app, { session: admin }, 'DELETE', `/v1/org/ai/minors/${minorId}/consent`);
    expect(w.body).toMatchObject({ aiConsent: null });
    await refuse();
    // An operator or the minor themself cannot record the consent.
    expect((await call(app, { session: member }, 'PUT', `/v1/org/ai/minors/${minorId}/consent`, { policyVersion: 'x' })).status).toBe(403);
    expect((await call(app, { session: minor }, 'PUT', `/v1/org/ai/minors/${minorId}/consent`, { policyVersion: 'x' })).status).toBe(403);
  });

  it('PRIV-10: a minor the operation is not about is stripped like everyone, whatever the consent', async () => {
    const r = await ai(admin, { prompt: 'Remind Tom Sawyer and Grace Hopper about the trip.' });
    expect(r.status, r.text).toBe(200);
    const body = provider.received.at(-1)?.body ?? '';
    expect(body).not.toContain('Tom Sawyer');
    expect(body).not.toContain('Grace Hopper');
    expect(r.body.redactions).toEqual({ total: 2, categories: { person_name: 2 } });
    // Unmarking is audited too.
    expect((await call(app, { session: admin }, 'DELETE', `/v1/org/privacy/minors/${minorId}`)).status).toBe(204);
    expect((await auditOf(orgId, 'privacy.minor.unmarked')).at(-1)).toMatchObject({ target_id: minorId });
  });
});
