/* The cross-tenant attack matrix against the real app (see matrix.ts for the actors and the
   expected answers). The matrix runs once; each test below asserts one property over all of
   its findings. Zero findings is the only pass. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, isPermission } from '../../src/authz/catalog.js';
import { ENTRIES, POWER_ENTRIES, buildMatrixApp, describeFindings, makeFixture, makePowerFixture, runMatrix, runPowerMatrix, type Finding, type MatrixApp } from './matrix.js';

let app: MatrixApp;
let result: Awaited<ReturnType<typeof runMatrix>>;
let power: Awaited<ReturnType<typeof runPowerMatrix>>;

beforeAll(async () => {
  app = await buildMatrixApp();
  const fx = await makeFixture(app);
  result = await runMatrix(app, fx);
  power = await runPowerMatrix(app, await makePowerFixture(app));
});
afterAll(async () => {
  await app?.close();
});

const of = (pred: (f: Finding) => boolean) => describeFindings(result.findings.filter(pred));

describe('cross-tenant attack matrix', () => {
  it('covers every OpenAPI operation with five actors, and every operation has a matrix entry', () => {
    expect(of((f) => f.problem === 'no_entry' || f.problem === 'no_route_config')).toBe('');
    const doc = app.http.swagger() as { paths?: Record<string, Record<string, unknown>> };
    const ops = Object.entries(doc.paths ?? {}).flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`));
    expect(ops.filter((op) => !ENTRIES[op])).toEqual([]);
    expect(result.operations.length).toBeGreaterThanOrEqual(40);
    expect(result.calls).toBeGreaterThanOrEqual(result.operations.length * 5);
    for (const op of ['DELETE /v1/org/api-keys/{id}', 'PATCH /v1/org/roles/{id}', 'DELETE /v1/org/members/{userId}', 'GET /v1/org/members']) expect(result.operations).toContain(op);
  });

  it('TEN-1: through no route does another organisation\'s admin or key, or an anonymous caller, read or change the victim organisation\'s data', () => {
    expect(of((f) => ['a', 'b', 'e'].includes(f.actor))).toBe('');
  });

  it('TEN-4: every route naming another organisation\'s object answers 404, exactly as for an id that does not exist', () => {
    expect(of((f) => f.problem === 'not_like_missing' || (f.problem === 'status' && (f.actor === 'a' || f.actor === 'b')))).toBe('');
    const objectRoutes = result.operations.filter((op) => ENTRIES[op]?.victimObject && op.includes('/v1/org/'));
    expect(objectRoutes.length).toBeGreaterThanOrEqual(8);
    // Compared with a missing id for both foreign actors, less the routes whose permission no key
    // may carry (api_keys:write, ai:manage): there the foreign key is refused 403 before any lookup.
    const keyless = objectRoutes.filter((op) => {
      const [m, p] = op.split(' ') as [string, string];
      const perm = app.routeConfigs.get(`${m} ${p.replace(/\{([^}]+)\}/g, ':$1')}`)?.permission;
      return perm !== undefined && isPermission(perm) && !PERMISSIONS[perm].keyScopable;
    }).length;
    expect(keyless).toBeGreaterThanOrEqual(1);
    expect(result.likeMissingChecks).toBeGreaterThanOrEqual(objectRoutes.length * 2 - keyless);
  });

  it('RBAC-1: a viewer of the victim organisation is refused (403) every route beyond reading, and changes nothing', () => {
    expect(of((f) => f.actor === 'c')).toBe('');
  });

  it('RBAC-4: a victim-organisation key without the route\'s scope is refused (403) everywhere and changes nothing', () => {
    expect(of((f) => f.actor === 'd')).toBe('');
  });

  it('RBAC-3: no call answers 5xx, and every denial recorded in the victim\'s audit log names its layer', () => {
    expect(of((f) => f.problem === 'server_error' || f.problem === 'denial_without_layer')).toBe('');
    expect(describeFindings(result.findings)).toBe('');
  });
});

describe('power bounds inside one organisation (actor f)', () => {
  it('RBAC-2: a member holding only a route\'s own permission can neither give, take away nor switch off power beyond it: demoting or removing an admin, stripping or deleting a role, switching a toggle off for admin are all refused and change nothing', () => {
    expect(power.findings.map((x) => `${x.route} ${x.problem}: ${x.detail}`).join('\n')).toBe('');
    for (const op of ['PATCH /v1/org/members/{userId}', 'DELETE /v1/org/members/{userId}', 'PATCH /v1/org/roles/{id}', 'DELETE /v1/org/roles/{id}', 'PATCH /v1/org/policies']) {
      expect(power.attacked).toContain(op);
      expect(POWER_ENTRIES[op]?.unbounded).toBeUndefined();
    }
  });
});
