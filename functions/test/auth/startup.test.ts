/**
 * Development identity sources are refused in Azure (WEBSITE_INSTANCE_ID): by the functions at load,
 * by the dev host, and by the dev host's program (a real child process), before anything is served.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { authConfig, trustAppServicePrincipal } from '../../src/auth/config';
import { createLocalIssuer } from '../../src/auth/localIssuer';
import { assertSafeStartup, UnsafeStartupError } from '../../src/auth/startup';
import { createDevHost } from '../../src/devhost/host';

describe('start-up in Azure', () => {
  it('refuses SALESDESK_DEV_IDENTITY or the local issuer when WEBSITE_INSTANCE_ID is set', () => {
    expect(() =>
      assertSafeStartup({ WEBSITE_INSTANCE_ID: 'i-1', SALESDESK_DEV_IDENTITY: 'Sales.Head' }),
    ).toThrow(UnsafeStartupError);
    expect(() =>
      assertSafeStartup({
        WEBSITE_INSTANCE_ID: 'i-1',
        SALESDESK_LOCAL_ISSUER_JWKS_URL: 'http://127.0.0.1/x',
      }),
    ).toThrow(/SALESDESK_LOCAL_ISSUER_JWKS_URL/);
    expect(() => assertSafeStartup({ SALESDESK_DEV_IDENTITY: 'Sales.Head' })).not.toThrow();
    expect(() => assertSafeStartup({ WEBSITE_INSTANCE_ID: 'i-1' })).not.toThrow();
  });

  it('never uses the local issuer configuration in Azure, even if the refusal were bypassed', () => {
    const env = { WEBSITE_INSTANCE_ID: 'i-1', SALESDESK_LOCAL_ISSUER_JWKS_URL: 'http://127.0.0.1/jwks' };
    expect(authConfig(env)).toBeNull();
    expect(authConfig({ SALESDESK_LOCAL_ISSUER_JWKS_URL: 'http://127.0.0.1/jwks' })?.source).toBe('local');
  });

  it('derives Entra issuers from the tenant allow-list', () => {
    const config = authConfig({ SALESDESK_AUTH_TENANT_IDS: 't-1', SALESDESK_AUTH_AUDIENCES: 'api://sd' });
    expect(config).toMatchObject({
      issuers: ['https://login.microsoftonline.com/t-1/v2.0', 'https://sts.windows.net/t-1/'],
      tenants: ['t-1'],
      audiences: ['api://sd'],
      source: 'entra',
    });
    expect(authConfig({ SALESDESK_AUTH_TENANT_IDS: 't-1' })).toBeNull();
  });

  it('trusts App Service Authentication only when asked, switched on and on Azure', () => {
    const all = {
      SALESDESK_TRUST_APP_SERVICE_AUTH: 'true',
      WEBSITE_AUTH_ENABLED: 'True',
      WEBSITE_INSTANCE_ID: 'x',
    };
    expect(trustAppServicePrincipal(all)).toBe(true);
    for (const name of Object.keys(all)) {
      expect(trustAppServicePrincipal({ ...all, [name]: undefined })).toBe(false);
    }
  });

  describe('with WEBSITE_INSTANCE_ID in this process', () => {
    let previous: string | undefined;
    beforeEach(() => {
      previous = process.env.WEBSITE_INSTANCE_ID;
      process.env.WEBSITE_INSTANCE_ID = 'test-instance';
    });
    afterEach(() => {
      if (previous === undefined) delete process.env.WEBSITE_INSTANCE_ID;
      else process.env.WEBSITE_INSTANCE_ID = previous;
    });

    it('the dev host will not serve the local issuer', async () => {
      await expect(
        createDevHost({ routes: [], localIssuer: createLocalIssuer(), log: () => undefined }),
      ).rejects.toThrow(/development only/);
    });

    it('the functions refuse to load (index.ts) when the dev identity is set', () => {
      process.env.SALESDESK_DEV_IDENTITY = 'Sales.Head';
      try {
        jest.isolateModules(() => {
          jest.doMock('@azure/functions', () => ({
            ...jest.requireActual<object>('@azure/functions'),
            app: { http: jest.fn(), timer: jest.fn() },
          }));
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- load index.ts afresh, as the host does
          expect(() => require('../../src/index')).toThrow(/refuses to start/);
        });
      } finally {
        delete process.env.SALESDESK_DEV_IDENTITY;
      }
    });
  });

  it('the dev host program exits before listening when run in Azure with the dev identity', () => {
    const main = path.join(__dirname, '../../src/devhost/main.ts');
    const result = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, WEBSITE_INSTANCE_ID: 'x', SALESDESK_DEV_IDENTITY: 'Sales.Head', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/refuses to start/);
    expect(result.stdout).not.toMatch(/listening/);
  });
});
