/**
 * Token verification over real HTTP on the dev host: real RS256 tokens from the local issuer, the JWKS
 * downloaded by jose from the host. Every way a token can be wrong is refused with 401, and a forged
 * App Service principal header gets nobody in nor changes the name in the audit log.
 */
import { createLocalIssuer } from '../../src/auth/localIssuer';
import { listAudit } from '../../src/storage/auditLog';
import {
  bearer,
  CLERK,
  HEAD,
  principal,
  readExpected,
  testIssuer,
  tokenFor,
  useApi,
  type Problem,
} from '../support/api';

const approval = () => {
  const a = readExpected<{
    approvals: {
      ref: string;
      customer: string;
      model: string;
      minUnitPriceFen: number;
      validFrom: string;
      validTo: string;
    }[];
  }>().approvals[0]!;
  return {
    ref: 'SP-TOKEN-001',
    customer: a.customer,
    model: a.model,
    minUnitPrice: a.minUnitPriceFen / 100,
    currency: 'CNY',
    validFrom: a.validFrom,
    validTo: a.validTo,
  };
};

describe('bearer tokens on the dev host', () => {
  const { call } = useApi();
  const read = (headers: Record<string, string>) => call<Problem>('GET', 'approvals', undefined, headers);

  it('accepts a valid token and answers 401 without one', async () => {
    expect((await read(CLERK)).status).toBe(200);
    const none = await call<Problem>('GET', 'approvals', undefined, { authorization: '' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses an expired token with "sign in again" in both languages, but tolerates a small skew', async () => {
    const expired = await read(bearer(tokenFor('张内勤', ['Sales.Clerk'], { expiresInSeconds: -300 })));
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('token_expired');
    expect(expired.body.error.message['zh-CN']).toContain('请重新登录');
    expect(expired.body.error.message['en-US']).toContain('Sign in again');
    // 20 s past expiry is within the 60 s skew (clocks differ between Entra and the Functions host).
    expect((await read(bearer(tokenFor('张内勤', ['Sales.Clerk'], { expiresInSeconds: -20 })))).status).toBe(
      200,
    );
  });

  it.each([
    ['wrong audience', { audience: 'api://someone-else' }, 'audience'],
    ['wrong issuer', { issuer: 'https://login.microsoftonline.com/evil/v2.0' }, 'issuer'],
    ['tenant not allowed', { tenant: 'another-tenant' }, 'tenant'],
    ['not yet valid', { now: Date.now() + 3600_000 }, 'claims'],
  ])('refuses a token with %s', async (_, override, reason) => {
    const res = await read(bearer(tokenFor('张内勤', ['Sales.Clerk'], override)));
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'invalid_token', details: { reason } });
  });

  it('refuses a token signed with another key, even under the same kid', async () => {
    const impostor = createLocalIssuer(testIssuer().kid);
    const res = await read(bearer(impostor.mint({ roles: ['Sales.Head'], name: '冒充者' })));
    expect(res.status).toBe(401);
    expect(res.body.error.details).toMatchObject({ reason: 'signature' });
  });

  it('refuses a tampered payload (a clerk who rewrites their roles to Sales.Head)', async () => {
    const [header, payload, signature] = tokenFor('张内勤', ['Sales.Clerk']).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['Sales.Head'] })).toString('base64url');
    const res = await call<Problem>(
      'POST',
      'approvals',
      approval(),
      bearer(`${header}.${forged}.${signature}`),
    );
    expect(res.status).toBe(401);
    expect((await read(CLERK)).body).toEqual({ approvals: [] });
  });

  it('refuses unsigned (alg none) and malformed tokens', async () => {
    const claims = JSON.parse(
      Buffer.from(tokenFor('x', ['Sales.Head']).split('.')[1]!, 'base64url').toString(),
    );
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect((await read(bearer(none))).status).toBe(401);
    expect((await read({ authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    expect((await read({ authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
  });

  it('a valid token without any SalesDesk role is signed in but may do nothing: 403', async () => {
    const res = await read(bearer(tokenFor('访客', [])));
    expect(res.status).toBe(403);
    expect(res.body.error.details).toMatchObject({ callerRoles: [] });
  });

  it('a token whose only role is unknown to SalesDesk is refused the same way', async () => {
    expect((await read(bearer(tokenFor('访客', ['Admin'])))).status).toBe(403);
  });

  it('ignores forged principal headers: no way in without a token, and the audit log keeps the token name', async () => {
    const forgedHead = { 'x-ms-client-principal': principal('Forged Head', 'Sales.Head') };
    expect((await call('POST', 'approvals', approval(), { ...forgedHead, authorization: '' })).status).toBe(
      401,
    );
    expect((await call('POST', 'approvals', approval(), { ...CLERK, ...forgedHead })).status).toBe(403);

    const created = await call('POST', 'approvals', approval(), {
      ...HEAD,
      'x-ms-client-principal-name': 'Forged Head',
      'x-ms-client-principal-id': 'forged-id',
    });
    expect(created.status).toBe(201);
    const audit = await listAudit('pricePolicy');
    expect(audit.map((e) => [e.who, e.whoId])).toEqual([['王部长', 'oid-王部长']]);
  });
});
