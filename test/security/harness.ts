/* Actors for the authorization and cross-tenant suites: real users signed in through
   POST /v1/auth/sign-in (real session cookies, real CSRF tokens), real API keys made through
   POST /v1/org/api-keys. Only the rows no HTTP route creates directly — a verified account, a
   membership, a plan — are written on the platform path. */
import type { TestApp } from '../fixtures/app.js';
import { withSystem } from '../../src/db/index.js';
import { newId } from '../../src/lib/ids.js';
import { createPasswordHasher } from '../../src/identity/passwords.js';

export const PASSWORD = 'violet harbour kettle drifts north at dawn';
let hashOnce: Promise<string> | null = null;

async function passwordHash(): Promise<string> {
  hashOnce ??= createPasswordHasher().then((h) => h.hash(PASSWORD));
  return hashOnce;
}

export interface Session {
  userId: string;
  email: string;
  cookie: string;
  csrf: string;
}

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  text: string;
  headers: Record<string, unknown>;
}

export type Credential = { session: Session } | { key: string } | { none: true };

export function headersFor(c: Credential, method: string): Record<string, string> {
  if ('session' in c) {
    const h: Record<string, string> = { cookie: c.session.cookie };
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())) h['x-csrf-token'] = c.session.csrf;
    return h;
  }
  if ('key' in c) return { authorization: `Bearer ${c.key}` };
  return {};
}

export async function call(app: TestApp, c: Credential, method: string, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<Reply> {
  const res = await app.http.inject({
    method: method as 'GET',
    url,
    headers: { ...headersFor(c, method), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  let parsed: Record<string, unknown> = {};
  try {
    parsed = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  return { status: res.statusCode, body: parsed, text: res.body, headers: res.headers as Record<string, unknown> };
}

/** A verified account (the sign-up flow is the identity suite's subject, not this one's). */
export async function createUser(app: TestApp, email = `${newId('u')}@example.test`): Promise<{ userId: string; email: string }> {
  const id = newId('usr');
  const hash = await passwordHash();
  await withSystem(app.testDb.db, (tx) => tx.sql`
    insert into users (id, email, email_key, name, password_hash, password_changed_at, email_verified_at, created_at, updated_at)
    values (${id}, ${email}, ${email.toLowerCase()}, ${'Name of ' + email}, ${hash}, now(), now(), now(), now())`);
  return { userId: id, email };
}

function cookieFrom(setCookie: unknown): string | null {
  const list = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
  for (const c of list as string[]) {
    const pair = c.split(';')[0] ?? '';
    if (pair.startsWith('__Host-palisade_session=') && pair.length > '__Host-palisade_session='.length) return pair;
  }
  return null;
}

export async function signIn(app: TestApp, user: { userId: string; email: string }, orgId?: string): Promise<Session> {
  const res = await call(app, { none: true }, 'POST', '/v1/auth/sign-in', { email: user.email, password: PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${res.text}`);
  const cookie = cookieFrom(res.headers['set-cookie']);
  if (!cookie) throw new Error('sign-in set no session cookie');
  const s: Session = { userId: user.userId, email: user.email, cookie, csrf: String(res.body.csrfToken) };
  if (orgId) await selectOrg(app, s, orgId);
  return s;
}

export async function selectOrg(app: TestApp, s: Session, orgId: string): Promise<void> {
  const res = await call(app, { session: s }, 'PUT', '/v1/me/active-org', { orgId });
  if (res.status !== 204 && res.status !== 200) throw new Error(`active-org answered ${res.status}: ${res.text}`);
  const cookie = cookieFrom(res.headers['set-cookie']);
  if (cookie) s.cookie = cookie;
}

export async function createOrg(app: TestApp, s: Session, name: string): Promise<string> {
  const res = await call(app, { session: s }, 'POST', '/v1/orgs', { name });
  if (res.status !== 201) throw new Error(`create org answered ${res.status}: ${res.text}`);
  const id = String(res.body.id);
  await selectOrg(app, s, id);
  return id;
}

/** Plans are set by a super-admin; fixtures set them on the platform path. */
/* These helpers change authorization facts by plain SQL, as an operator could. The app's facts
   cache hears of such a change through the database's notification, not from the code that made
   it (src/authz/facts-cache.ts): wait for that notification, as the next request on any other
   node would, rather than racing it. */
async function afterNotified(app: TestApp, orgId: string, change: () => Promise<boolean>): Promise<void> {
  const before = app.authzFacts.ticket(orgId);
  if (!(await change())) return; // nothing changed: no notification comes
  for (let i = 0; i < 500 && app.authzFacts.ticket(orgId) === before; i++) await new Promise((r) => setTimeout(r, 10));
  if (app.authzFacts.ticket(orgId) === before) throw new Error(`no authorization notification for ${orgId}`);
}

export async function setPlan(app: TestApp, orgId: string, plan: string): Promise<void> {
  await afterNotified(app, orgId, async () => {
    const rows = await withSystem(app.testDb.db, (tx) => tx.sql`update orgs set plan = ${plan} where id = ${orgId} and plan <> ${plan} returning id`);
    return rows.length > 0;
  });
}

export async function addMember(app: TestApp, orgId: string, userId: string, roles: string[]): Promise<void> {
  await afterNotified(app, orgId, async () => {
    await withSystem(app.testDb.db, (tx) => tx.sql`insert into memberships (org_id, user_id, roles, created_at) values (${orgId}, ${userId}, ${roles}, now())`);
    return true;
  });
}

export async function createKey(app: TestApp, s: Session, body: { name: string; scopes: string[]; expiresAt?: string; allowedIps?: string[] }): Promise<{ key: string; id: string }> {
  const res = await call(app, { session: s }, 'POST', '/v1/org/api-keys', body);
  if (res.status !== 201) throw new Error(`create key answered ${res.status}: ${res.text}`);
  return { key: String(res.body.key), id: String((res.body.apiKey as { id: string }).id) };
}
