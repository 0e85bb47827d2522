/* The matrix can fail. This file runs it against deliberately broken builds of the policy —
   decide() is replaced (vi.mock, a throwaway build of this test only) by versions with one check
   removed — and asserts the matrix reports them. A matrix that passed these would prove nothing. */
import { afterEach, describe, expect, it, vi } from 'vitest';

const fault = vi.hoisted(() => ({ mode: 'none' as 'none' | 'allow_all' | 'ignore_key_scopes' | 'roles_ignored' }));

vi.mock('../../src/authz/decide.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/authz/decide.js')>();
  const { BUILTIN_ROLE_PERMISSIONS } = await import('../../src/authz/catalog.js');
  return {
    ...real,
    decide: (input: Parameters<typeof real.decide>[0]) => {
      switch (fault.mode) {
        case 'allow_all':
          return { allowed: true };
        case 'ignore_key_scopes':
          return real.decide({ ...input, keyScopes: null });
        case 'roles_ignored':
          // Membership still checked, but any member counts as an admin.
          return real.decide(input.member ? { ...input, member: { roles: [{ id: 'admin', permissions: BUILTIN_ROLE_PERMISSIONS.admin }] } } : input);
        default:
          return real.decide(input);
      }
    },
  };
});

const { ENTRIES, buildMatrixApp, makeFixture, runMatrix } = await import('./matrix.js');
const { PERMISSIONS, isPermission } = await import('../../src/authz/catalog.js');

async function runBroken(mode: typeof fault.mode, only?: (op: string) => boolean) {
  const app = await buildMatrixApp();
  try {
    const fx = await makeFixture(app); // built with the real policy
    fault.mode = mode;
    const result = await runMatrix(app, fx, only ? { only } : {});
    // The operations whose permission no API key may carry (api_keys:write, ai:manage, …).
    const keyless = result.operations.filter((op) => !only || only(op)).filter((op) => {
      const [m, p] = op.split(' ') as [string, string];
      const perm = app.routeConfigs.get(`${m} ${p.replace(/\{([^}]+)\}/g, ':$1')}`)?.permission;
      return perm !== undefined && isPermission(perm) && !PERMISSIONS[perm].keyScopable;
    });
    return { ...result, keyless };
  } finally {
    fault.mode = 'none';
    await app.close();
  }
}

afterEach(() => {
  fault.mode = 'none';
});

describe('the matrix detects a broken policy', () => {
  it('allow-everything policy: the viewer, the weak key and another org\'s admin change victim data and the matrix says so', async () => {
    // Only the routes this test asserts on (organisation and platform): the whole matrix is the
    // other suite's job, and running it here made this test's duration grow with every new route.
    const { findings } = await runBroken('allow_all', (op) => op.includes(' /v1/org/') || op.includes(' /v1/platform/'));
    const at = (route: string, actor: string) => findings.filter((x) => x.route === route && x.actor === actor).map((x) => x.problem);
    expect(at('POST /v1/org/roles', 'c')).toEqual(['status', 'changed']);
    expect(at('DELETE /v1/org/api-keys/{id}', 'c')).toEqual(['status', 'changed']);
    expect(at('GET /v1/org/members', 'd')).toEqual(['status', 'leak']);
    // The platform layer too: another org's admin could set the victim's plan.
    expect(at('PUT /v1/platform/orgs/{orgId}/plan', 'a')).toEqual(['status', 'changed']);
    expect(findings.length).toBeGreaterThan(20);
  });

  it('a policy that forgets key scopes lets the weak key act as its creator, and the matrix says so', async () => {
    const { findings, keyless } = await runBroken('ignore_key_scopes', (op) => op.startsWith('DELETE /v1/org/') || op.startsWith('PATCH /v1/org/') || op === 'GET /v1/org/members');
    expect(findings.filter((x) => x.actor === 'd' && x.problem === 'status').length).toBeGreaterThan(0);
    expect(findings.filter((x) => x.actor === 'd' && x.problem === 'changed').length).toBeGreaterThan(0);
    // Only the weak victim key — and the attacker's key on the permissions keys may never hold
    // (its own organisation's keys, AI consent…), which it now reaches — gain anything.
    expect(keyless).toContain('DELETE /v1/org/api-keys/{id}');
    expect([...new Set(findings.filter((x) => x.actor !== 'd').map((x) => `${x.route} [${x.actor}]`))].sort()).toEqual(keyless.map((op) => `${op} [b]`).sort());
  });

  it('a policy that ignores which role a member holds lets the viewer administer, and the matrix says so', async () => {
    const { findings } = await runBroken('roles_ignored', (op) => op.includes('/v1/org/roles') || op.includes('/v1/org/members') || op.includes('/v1/org/api-keys'));
    const viewer = findings.filter((x) => x.actor === 'c');
    // (Deleting a role is no longer among them: removal is bounded by what the remover holds,
    // a rule outside decide() that this broken policy does not switch off — issue 11.1.)
    expect(viewer.map((x) => x.route)).toEqual(expect.arrayContaining(['POST /v1/org/roles', 'DELETE /v1/org/api-keys/{id}', 'GET /v1/org/api-keys']));
    expect(viewer.some((x) => x.problem === 'changed')).toBe(true);
  });

  it('a route without a matrix entry fails the run', async () => {
    const saved = ENTRIES['GET /v1/org/members'];
    delete ENTRIES['GET /v1/org/members'];
    try {
      const { findings } = await runBroken('none', (op) => op === 'GET /v1/org/members');
      expect(findings).toEqual([expect.objectContaining({ route: 'GET /v1/org/members', problem: 'no_entry' })]);
    } finally {
      if (saved) ENTRIES['GET /v1/org/members'] = saved;
    }
  });
});
