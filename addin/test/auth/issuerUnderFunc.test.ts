/**
 * The preview's role picker under `func start` (Core Tools cannot run here, so its shape is rebuilt):
 * the Functions host serves only the functions (a dev host with the real route table and no issuer
 * endpoints), and `npm start` runs the local issuer on a host of its own (startLocalIssuerHost, the code
 * scripts/start.mjs runs). The functions verify its tokens with the same code as in Azure; the picker
 * finds the issuer at the address the build was given, not on the API's host.
 */
import { createDevHost, type DevHost } from '../../../functions/src/devhost/host';
import { startLocalIssuerHost, type LocalIssuerHost } from '../../../functions/src/devhost/issuerHost';
import { httpRoutes } from '../../../functions/src/routes';
import { useAzurite } from '../../../functions/test/support/azurite';
import { testIssuer } from '../../../functions/test/support/identity';
import { issuerUrl, localIssuerProvider, type Role } from '../../src/auth';

const PANE_ORIGIN = 'https://localhost:3000';

describe('the role picker when the functions run under func start', () => {
  useAzurite();
  let issuer: LocalIssuerHost;
  let functionsHost: DevHost;
  let previousJwks: string | undefined;

  beforeAll(async () => {
    issuer = await startLocalIssuerHost({ port: 0, issuer: testIssuer(), corsOrigins: [PANE_ORIGIN] });
    // What `func start` gets from start.mjs: the JWKS address; no issuer endpoints of its own.
    previousJwks = process.env.SALESDESK_LOCAL_ISSUER_JWKS_URL;
    process.env.SALESDESK_LOCAL_ISSUER_JWKS_URL = issuer.env.SALESDESK_LOCAL_ISSUER_JWKS_URL;
    functionsHost = await createDevHost({ routes: httpRoutes, port: 0, log: () => undefined });
  });

  afterAll(async () => {
    if (previousJwks === undefined) delete process.env.SALESDESK_LOCAL_ISSUER_JWKS_URL;
    else process.env.SALESDESK_LOCAL_ISSUER_JWKS_URL = previousJwks;
    await functionsHost?.close();
    await issuer?.close();
  });

  const picker = (role: Role, issuerBaseUrl?: string) =>
    localIssuerProvider({
      apiBaseUrl: () => `${functionsHost.url}/api`,
      role: () => role,
      ...(issuerBaseUrl ? { issuerBaseUrl: () => issuerBaseUrl } : {}),
    });

  const call = (method: string, route: string, token: string) =>
    fetch(`${functionsHost.url}/api/${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: PANE_ORIGIN },
      ...(method === 'POST' ? { body: '{}' } : {}),
    });

  it('asking the API host (as before) finds no issuer there: the bug this fixes', async () => {
    await expect(picker('Sales.Clerk').getToken()).rejects.toThrow(/local issuer: HTTP 404/);
  });

  it('with the issuer address npm start gives the build, the picked role signs in and the functions accept it', async () => {
    expect(issuer.env.SALESDESK_LOCAL_ISSUER_URL).toBe(issuer.url);
    const clerk = await picker('Sales.Clerk', issuer.env.SALESDESK_LOCAL_ISSUER_URL).getToken();
    expect(clerk).toEqual(expect.any(String));
    // Verified (not 401): a clerk may list approvals, and may not register one (403 naming the head).
    expect((await call('GET', 'approvals', clerk!)).status).toBe(200);
    const refused = await call('POST', 'approvals', clerk!);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain('Sales.Head');

    const head = await picker('Sales.Head', issuer.url).getToken();
    expect((await call('POST', 'approvals', head!)).status).not.toBe(403);
  });

  it("the pane's origin may ask the issuer host from the browser (CORS preflight of the JSON POST)", async () => {
    const res = await fetch(`${issuer.url}/local-issuer/token`, {
      method: 'OPTIONS',
      headers: {
        origin: PANE_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PANE_ORIGIN);
  });

  it('a token the issuer host did not sign is refused by the functions (401)', async () => {
    const forged = (await picker('Sales.Head', issuer.url).getToken())!.replace(/.{8}$/, 'AAAAAAAA');
    expect((await call('GET', 'approvals', forged)).status).toBe(401);
  });

  it('issuerUrl: the configured address wins; without one, the API host without /api', () => {
    expect(issuerUrl('http://localhost:7071/api', 'http://127.0.0.1:7072/')).toBe(
      'http://127.0.0.1:7072/local-issuer/token',
    );
    expect(issuerUrl('http://localhost:7071/api/', undefined)).toBe(
      'http://localhost:7071/local-issuer/token',
    );
    expect(issuerUrl('http://localhost:7071/api', ' ')).toBe('http://localhost:7071/local-issuer/token');
  });
});
