import { HttpRequest } from '@azure/functions';
import { getCaller, requireRole } from '../../src/http/caller';
import { HttpError } from '../../src/http/responses';

const ROLE_CLAIM = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

function principal(roles: string[], name = 'li.ming@example.cn'): string {
  const json = {
    auth_typ: 'aad',
    name_typ: 'name',
    role_typ: ROLE_CLAIM,
    claims: [
      { typ: 'name', val: name },
      { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: 'oid-1' },
      ...roles.map((val) => ({ typ: ROLE_CLAIM, val })),
    ],
  };
  return Buffer.from(JSON.stringify(json)).toString('base64');
}

const request = (headers: Record<string, string> = {}) =>
  new HttpRequest({ method: 'GET', url: 'http://localhost/api/x', headers });

describe('getCaller', () => {
  it('reads roles, id and name from App Service Authentication when it is on', () => {
    const caller = getCaller(request({ 'x-ms-client-principal': principal(['Sales.Clerk', 'Other.Role']) }), {
      WEBSITE_AUTH_ENABLED: 'True',
    });
    expect(caller).toEqual({
      id: 'oid-1',
      name: 'li.ming@example.cn',
      roles: ['Sales.Clerk'],
      source: 'easy-auth',
    });
  });

  it('prefers the principal id/name headers', () => {
    const caller = getCaller(
      request({
        'x-ms-client-principal': principal(['Finance']),
        'x-ms-client-principal-id': 'id-2',
        'x-ms-client-principal-name': 'wang.kuaiji@example.cn',
      }),
      { WEBSITE_AUTH_ENABLED: 'true' },
    );
    expect(caller).toMatchObject({ id: 'id-2', name: 'wang.kuaiji@example.cn', roles: ['Finance'] });
  });

  it('does not trust the principal header when App Service Authentication is off', () => {
    expect(getCaller(request({ 'x-ms-client-principal': principal(['Sales.Head']) }), {})).toBeNull();
  });

  it('treats a malformed principal as anonymous', () => {
    expect(
      getCaller(request({ 'x-ms-client-principal': '!!not base64 json' }), { WEBSITE_AUTH_ENABLED: 'True' }),
    ).toBeNull();
  });

  it('uses SALESDESK_DEV_IDENTITY locally, with x-salesdesk-dev-roles overriding its roles', () => {
    const env = { SALESDESK_DEV_IDENTITY: 'Sales.Head, Finance' };
    expect(getCaller(request(), env)).toMatchObject({ roles: ['Sales.Head', 'Finance'], source: 'dev' });
    expect(getCaller(request({ 'x-salesdesk-dev-roles': 'Sales.Clerk' }), env)?.roles).toEqual([
      'Sales.Clerk',
    ]);
    expect(getCaller(request({ 'x-salesdesk-dev-roles': '' }), env)?.roles).toEqual([]);
  });

  it('ignores x-salesdesk-dev-roles outside local dev', () => {
    expect(
      getCaller(request({ 'x-salesdesk-dev-roles': 'Sales.Head' }), { WEBSITE_AUTH_ENABLED: 'True' }),
    ).toBeNull();
  });
});

describe('requireRole', () => {
  const clerk = { id: '1', name: 'clerk', roles: ['Sales.Clerk'] as const, source: 'dev' as const };

  it('passes a caller holding any of the roles', () => {
    expect(requireRole(clerk, 'Sales.Head', 'Sales.Clerk')).toBe(clerk);
  });

  it('answers 403 with a JSON problem naming the role in both languages', () => {
    let error: unknown;
    try {
      requireRole(clerk, 'Sales.Head');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(HttpError);
    const response = (error as HttpError).toResponse();
    expect(response.status).toBe(403);
    expect(response.jsonBody).toMatchObject({
      error: {
        code: 'forbidden',
        message: {
          'zh-CN': expect.stringContaining('销售部部长'),
          'en-US': expect.stringContaining('Sales.Head'),
        },
      },
    });
  });

  it('answers 401 for an anonymous caller', () => {
    expect(() => requireRole(null, 'Sales.Head')).toThrow(
      expect.objectContaining({ status: 401, code: 'unauthenticated' }),
    );
  });
});
