/**
 * The access table (access.ts) on every function of the route table, with real tokens for each role:
 * allowed → through to the handler (neither 401 nor 403), other roles → 403 naming the roles needed,
 * no token → 401. Bodies are `{}`: allowed writes then fail validation, so nothing is stored.
 */
import { accessTable, type Access } from '../../src/access';
import { compileRoute } from '../../src/devhost/routeTemplate';
import { ROLES } from '../../src/http/caller';
import { SYNC_ROLES } from '../../src/functions/ledgers';
import { CLOSE_ROLES, RUN_ROLES } from '../../src/functions/monthEnd';
import { httpRoutes } from '../../src/routes';
import { bearer, MANAGER_EAST, tokenFor, useApi, type Problem } from '../support/api';

const CALLERS = [...ROLES.map((role) => [role, [role]] as const)];
const cases = httpRoutes.flatMap((route) =>
  route.methods.map((method) => ({ name: route.name, method, path: compileRoute(route.route).example() })),
);

describe('access table', () => {
  const { call } = useApi();

  it('has one row for every function and none for functions that do not exist', () => {
    expect(Object.keys(accessTable).sort()).toEqual(httpRoutes.map((r) => r.name).sort());
  });

  it('only /api/health is public; publishing is for Sales.Head alone', () => {
    const publicRows = Object.entries(accessTable).filter(([, a]) => 'public' in a);
    expect(publicRows.map(([name]) => name)).toEqual(['health']);
    for (const name of ['plans-publish', 'price-policy-publish', 'approvals-register']) {
      expect(accessTable[name]).toEqual({ roles: ['Sales.Head'] });
    }
  });

  it.each(cases)(
    '$method $path ($name): allowed roles pass, others 403, no token 401',
    async ({ name, method, path }) => {
      const access: Access = accessTable[name]!;
      const body = method === 'GET' ? undefined : {};
      for (const [label, roles] of CALLERS) {
        const res = await call<Problem>(method, path, body, bearer(tokenFor(`测试-${label}`, roles)));
        const allowed = 'public' in access || roles.some((r) => access.roles.includes(r));
        if (allowed && 'region' in access && label === 'Sales.Manager') {
          // Per-region data: a manager whose token names no 片区 is refused before the handler.
          expect(`${label}: ${res.status} ${res.body.error.code}`).toBe(`${label}: 403 region_missing`);
          const regional = await call<Problem>(method, path, body, MANAGER_EAST);
          if (access.region === 'refused') expect(regional.body.error.code).toBe('company_wide');
          else expect(`${label} 华东: ${regional.status}`).not.toMatch(/: 40[13]$/);
        } else if (allowed) {
          expect(`${label}: ${res.status}`).not.toMatch(/: 40[13]$/);
        } else {
          expect(`${label}: ${res.status}`).toBe(`${label}: 403`);
          expect(res.body.error.details).toMatchObject({
            requiredAnyOf: (access as { roles: string[] }).roles,
          });
          expect(res.body.error.message['zh-CN']).toContain(access.roles.length ? access.roles[0]! : '');
        }
      }
      const anonymous = await call<Problem>(method, path, body, { authorization: '' });
      if ('public' in access) expect(anonymous.status).toBe(200);
      else expect(anonymous.status).toBe(401);
    },
  );

  it('agrees with the role lists the month-end handlers check themselves', () => {
    const roles = (name: string) => [...(accessTable[name] as { roles: string[] }).roles].sort();
    expect(roles('month-end-run')).toEqual([...RUN_ROLES].sort());
    expect(roles('month-end-close')).toEqual([...CLOSE_ROLES].sort());
    expect(roles('month-end-reopen')).toEqual([...CLOSE_ROLES].sort());
    expect(roles('ledgers-sync')).toEqual([...new Set(Object.values(SYNC_ROLES).flat())].sort());
  });

  it('a function missing from the table: reads need a role, writes are refused to everyone', async () => {
    const { accessFor } = await import('../../src/access');
    expect(accessFor('rebates-settle', 'POST')).toEqual({ roles: [] });
    expect(accessFor('scorecard-get', 'GET')).toEqual({ roles: ROLES });
  });
});
