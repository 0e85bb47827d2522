/* AUD-1 coverage: every org-scoped route (discovered from the routes the app registers, so new
   routes are covered automatically) is called as an admin of the organisation; every call that
   completes (2xx) must have appended at least one audit record carrying that request's id. Every
   refused call of a viewer must have appended a `denied` record naming the deciding layer.
   Calls and fixtures come from the cross-tenant matrix, so each route gets a body it accepts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSuperuser } from '../fixtures/db.js';
import { call, type Session } from '../security/harness.js';
import { ENTRIES, buildMatrixApp, makeFixture, type Fixture, type MatrixApp } from '../security/matrix.js';

let app: MatrixApp;
let f: Fixture;
let orgRoutes: string[] = [];

beforeAll(async () => {
  app = await buildMatrixApp();
  f = await makeFixture(app);
  // The proof and checkpoint routes need the fixture's records sealed: wait (bounded) for the
  // sealer to fold them in and sign a checkpoint, rather than racing it.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await asSuperuser(app.testDb.ownerUrl, (sql) => sql<{ unsealed: number; size: number }[]>`
      select (select count(*)::int from audit_events e where e.org_id = ${f.victim.orgId}
                and not exists (select 1 from audit_leaves l where l.event_id = e.id)) as unsealed,
             (select coalesce(max(tree_size), 0)::int from audit_checkpoints where org_id = ${f.victim.orgId}) as size`);
    if (row && row.unsealed === 0 && row.size >= 2) break;
    if (Date.now() > deadline) throw new Error(`victim log not sealed: ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  orgRoutes = [...app.routeConfigs.entries()]
    .filter(([k, c]) => c.access === 'org' && !k.startsWith('HEAD '))
    .map(([k]) => k.replace(/:(\w+)/g, '{$1}')) // Fastify's :param as the OpenAPI {param} the matrix uses
    // Reads first, then changes, then deletions; revoking the caller's own sessions last.
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}, 120_000);
afterAll(async () => { await app.close(); });

function rank(route: string): number {
  if (route.endsWith('/sessions') && route.startsWith('DELETE')) return 4;
  if (route.startsWith('GET')) return 0;
  if (route.startsWith('DELETE')) return 2;
  return 1;
}

function urlFor(route: string): { method: string; url: string; body: unknown } {
  const entry = ENTRIES[route];
  if (!entry) throw new Error(`no matrix entry for ${route}`);
  const [method, path] = route.split(' ') as [string, string];
  const params = entry.params?.(f) ?? {};
  let url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'x_missing'));
  const query = entry.query?.(f);
  if (query) url += `?${new URLSearchParams(query).toString()}`;
  return { method, url, body: entry.body?.(f) };
}

async function recordsFor(requestId: string): Promise<Array<{ action: string; outcome: string; deny_layer: string | null; org_id: string }>> {
  return asSuperuser(app.testDb.ownerUrl, (sql) => sql`select action, outcome, deny_layer, org_id from audit_events where request_id = ${requestId}`);
}

describe('audit coverage', () => {
  it('AUD-1: every org-scoped route that completes appends an audit record carrying its request id', async () => {
    expect(orgRoutes.length).toBeGreaterThanOrEqual(20);
    const unaudited: string[] = [];
    const completed: string[] = [];
    const other: string[] = [];
    for (const route of orgRoutes) {
      const { method, url, body } = urlFor(route);
      const r = await call(app, { session: f.victim.admin as Session }, method, url, body, { 'palisade-audit-reason': 'coverage check' });
      if (r.status >= 500) throw new Error(`${route} answered ${r.status}: ${r.text}`);
      if (r.status >= 300) { other.push(`${route} → ${r.status}`); continue; }
      completed.push(route);
      const records = await recordsFor(String(r.headers['x-request-id']));
      // At least one record in the organisation's own log (account events may land in the platform log too).
      if (!records.some((x) => x.org_id === f.victim.orgId)) unaudited.push(route);
    }
    expect(unaudited).toEqual([]);
    // Not vacuous: nearly every org route really completed for its admin.
    expect(completed.length, `refused: ${other.join(', ')}`).toBeGreaterThanOrEqual(orgRoutes.length - 4);
  }, 120_000);

  it('AUD-1: a viewer refused on an org route leaves a denied record naming the deciding layer', async () => {
    let denied = 0;
    for (const route of orgRoutes.filter((r) => !r.startsWith('GET'))) {
      const { method, url, body } = urlFor(route);
      const r = await call(app, { session: f.victim.viewer }, method, url, body);
      if (r.status !== 403) continue;
      denied += 1;
      const records = await recordsFor(String(r.headers['x-request-id']));
      expect(records, route).toContainEqual(expect.objectContaining({ outcome: 'denied', org_id: f.victim.orgId }));
      expect(records.find((x) => x.outcome === 'denied')?.deny_layer, route).toMatch(/^[a-z_]+$/);
      // The response does not say which layer decided.
      expect(r.text).not.toMatch(/layer|org_role|entitlement|policy/);
    }
    expect(denied).toBeGreaterThanOrEqual(8);
  }, 120_000);
});
