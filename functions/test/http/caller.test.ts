import { HttpRequest } from '@azure/functions';
import { requireRole } from '../../src/http/caller';
import { authenticate } from '../../src/http/guard';
import { HttpError } from '../../src/http/responses';

const ROLE_CLAIM = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

function principal(
  roles: string[],
  name = 'li.ming@example.cn',
  more: { typ: string; val: string }[] = [],
): string {
  const json = {
    auth_typ: 'aad',
    name_typ: 'name',
    role_typ: ROLE_CLAIM,
    claims: [
      { typ: 'name', val: name },
      { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: 'oid-1' },
      ...roles.map((val) => ({ typ: ROLE_CLAIM, val })),
      ...more,
    ],
  };
  return Buffer.from(JSON.stringify(json)).toString('base64');
}

const request = (headers: Record<string, string> = {}) =>
  new HttpRequest({ method: 'GET', url: 'http://localhost/api/x', headers });

const AZURE_WITH_AUTH = {
  WEBSITE_INSTANCE_ID: 'abc123',
  WEBSITE_AUTH_ENABLED: 'True',
  SALESDESK_TRUST_APP_SERVICE_AUTH: 'true',
};

describe('App Service Authentication principal', () => {
  it('reads roles, oid and name from the claims when trusted (configured, on, and on Azure)', async () => {
    const caller = await authenticate(
      request({ 'x-ms-client-principal': principal(['Sales.Clerk', 'Other.Role']) }),
      AZURE_WITH_AUTH,
    );
    expect(caller).toEqual({
      id: 'oid-1',
      name: 'li.ming@example.cn',
      roles: ['Sales.Clerk'],
      source: 'easy-auth',
      regions: [],
      groupsOverage: false,
    });
  });

  it('gives a manager the 片区 of its region claim and of its groups mapped by SALESDESK_REGION_GROUPS', async () => {
    const caller = await authenticate(
      request({
        'x-ms-client-principal': principal(['Sales.Manager'], '陈经理', [
          { typ: 'extn.region', val: '华东' },
          { typ: 'groups', val: 'AAAA-1' },
          { typ: 'groups', val: 'bbbb-2' },
        ]),
      }),
      {
        ...AZURE_WITH_AUTH,
        SALESDESK_REGION_CLAIM: 'extn.region',
        SALESDESK_REGION_GROUPS: 'aaaa-1=华中;cccc-3=华南',
      },
    );
    expect(caller?.regions).toEqual(['华东', '华中']);
  });

  it('never takes the name or id from the separate principal headers (anyone can set those)', async () => {
    const caller = await authenticate(
      request({
        'x-ms-client-principal': principal(['Finance']),
        'x-ms-client-principal-id': 'id-2',
        'x-ms-client-principal-name': 'forged@example.cn',
      }),
      AZURE_WITH_AUTH,
    );
    expect(caller).toMatchObject({ id: 'oid-1', name: 'li.ming@example.cn', roles: ['Finance'] });
  });

  it.each([
    ['not configured to trust it', { WEBSITE_INSTANCE_ID: 'abc', WEBSITE_AUTH_ENABLED: 'true' }],
    ['authentication off', { WEBSITE_INSTANCE_ID: 'abc', SALESDESK_TRUST_APP_SERVICE_AUTH: 'true' }],
    ['not on Azure', { WEBSITE_AUTH_ENABLED: 'true', SALESDESK_TRUST_APP_SERVICE_AUTH: 'true' }],
    ['local dev (the old dev identity)', { SALESDESK_DEV_IDENTITY: 'Sales.Head' }],
  ])('ignores the principal header when %s', async (_, env) => {
    expect(
      await authenticate(request({ 'x-ms-client-principal': principal(['Sales.Head']) }), env),
    ).toBeNull();
  });

  it('treats a malformed principal as anonymous', async () => {
    expect(
      await authenticate(request({ 'x-ms-client-principal': '!!not base64 json' }), AZURE_WITH_AUTH),
    ).toBeNull();
  });

  it('gives no dev identity and no x-salesdesk-dev-roles any more: no token, nobody', async () => {
    const env = { SALESDESK_DEV_IDENTITY: 'Sales.Head, Finance' };
    expect(await authenticate(request(), env)).toBeNull();
    expect(await authenticate(request({ 'x-salesdesk-dev-roles': 'Sales.Head' }), env)).toBeNull();
  });
});

describe('requireRole', () => {
  const clerk = { id: '1', name: 'clerk', roles: ['Sales.Clerk'] as const, source: 'token' as const };

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
