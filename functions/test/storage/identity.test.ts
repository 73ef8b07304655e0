/**
 * Storage reached with the app's managed identity (DefaultAzureCredential) when no connection string is
 * set: which client is built for which settings, the start-up error, and that the deadline and the
 * 100-continue HTTP client are still part of every client. No Azure needed: a fake credential and a
 * local TCP server that never answers stand in for Entra ID and Table Storage.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TableClient, TableServiceClient } from '@azure/data-tables';
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import {
  azuriteConnectionString,
  createServiceClient,
  createTableClient,
  StorageConfigError,
  storageConnectionString,
  storageCredential,
  storageTarget,
  storageTargetKey,
} from '../../src/storage/client';
import { continueFirstHttpClient } from '../../src/storage/continueFirst';
import { StorageUnavailableError } from '../../src/storage/unavailable';

const AZURE_STRING =
  'DefaultEndpointsProtocol=https;AccountName=salesdesk;AccountKey=a2V5;EndpointSuffix=core.windows.net';

/** What the SDK keeps of a client's construction (private in its typings, there at run time). */
function internals(client: TableClient | TableServiceClient): {
  credential: unknown;
  clientOptions: { httpClient?: unknown };
  policies: string[];
} {
  const c = client as unknown as { credential: unknown; clientOptions: { httpClient?: unknown } };
  return {
    credential: c.credential,
    clientOptions: c.clientOptions ?? {},
    policies: client.pipeline.getOrderedPolicies().map((p) => p.name),
  };
}

const fakeCredential = (calls: string[][] = []): TokenCredential => ({
  getToken: async (scopes) => {
    calls.push([scopes].flat());
    return { token: 'fake-token', expiresOnTimestamp: Date.now() + 3_600_000 };
  },
});

describe('storageTarget: which settings give which storage', () => {
  it('a connection string wins over the managed-identity settings', () => {
    expect(storageTarget({ SALESDESK_STORAGE: AZURE_STRING, SALESDESK_STORAGE_ACCOUNT: 'other' })).toEqual({
      kind: 'connectionString',
      connectionString: AZURE_STRING,
    });
  });

  it('SALESDESK_STORAGE_ACCOUNT (and the Functions convention AzureWebJobsStorage__accountName) → identity', () => {
    expect(storageTarget({ SALESDESK_STORAGE_ACCOUNT: 'salesdeskab12' })).toEqual({
      kind: 'identity',
      tableUrl: 'https://salesdeskab12.table.core.windows.net',
    });
    expect(storageTarget({ AzureWebJobsStorage__accountName: 'hostacct', WEBSITE_INSTANCE_ID: 'x' })).toEqual(
      {
        kind: 'identity',
        tableUrl: 'https://hostacct.table.core.windows.net',
      },
    );
  });

  it("SalesDesk's own account outranks the Functions host's storage (another account, a template's key)", () => {
    const hostKey =
      'DefaultEndpointsProtocol=https;AccountName=hostacct;AccountKey=a2V5;EndpointSuffix=core.windows.net';
    expect(
      storageTarget({ AzureWebJobsStorage: hostKey, SALESDESK_STORAGE_ACCOUNT: 'salesdeskab12' }),
    ).toEqual({
      kind: 'identity',
      tableUrl: 'https://salesdeskab12.table.core.windows.net',
    });
    expect(
      storageTarget({
        AzureWebJobsStorage__tableServiceUri: 'https://hostacct.table.core.windows.net',
        SALESDESK_STORAGE_ACCOUNT: 'salesdeskab12',
      }),
    ).toEqual({ kind: 'identity', tableUrl: 'https://salesdeskab12.table.core.windows.net' });
    // Without a SalesDesk setting the host's connection string still serves (local.settings.json).
    expect(storageTarget({ AzureWebJobsStorage: hostKey })).toEqual({
      kind: 'connectionString',
      connectionString: hostKey,
    });
  });

  it('SALESDESK_STORAGE_TABLE_URL (e.g. a sovereign cloud) wins over the account name; a user-assigned id is kept', () => {
    expect(
      storageTarget({
        SALESDESK_STORAGE_TABLE_URL: 'https://acct.table.core.chinacloudapi.cn/',
        SALESDESK_STORAGE_ACCOUNT: 'other',
        AzureWebJobsStorage__clientId: '11111111-2222-3333-4444-555555555555',
      }),
    ).toEqual({
      kind: 'identity',
      tableUrl: 'https://acct.table.core.chinacloudapi.cn',
      managedIdentityClientId: '11111111-2222-3333-4444-555555555555',
    });
  });

  it('refuses a bad account name or a non-https table URL, naming the setting and what is expected', () => {
    expect(() => storageTarget({ SALESDESK_STORAGE_ACCOUNT: 'Sales_Desk' })).toThrow(
      /SALESDESK_STORAGE_ACCOUNT "Sales_Desk".*3–24 lower-case letters and digits/,
    );
    expect(() =>
      storageTarget({ SALESDESK_STORAGE_TABLE_URL: 'http://acct.table.core.windows.net' }),
    ).toThrow(/SALESDESK_STORAGE_TABLE_URL .* not an https URL/);
  });

  it('in Azure with nothing set: a start-up error naming both settings, in both languages', () => {
    let error: unknown;
    try {
      storageTarget({ WEBSITE_INSTANCE_ID: 'abc' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StorageConfigError);
    const message = (error as Error).message;
    expect(message).toContain('SALESDESK_STORAGE_ACCOUNT');
    expect(message).toContain('SALESDESK_STORAGE ');
    expect(message).toContain('未配置存储');
  });

  it('locally with nothing set: Azurite, as before', () => {
    expect(storageTarget({})).toEqual({
      kind: 'connectionString',
      connectionString: azuriteConnectionString(),
    });
  });

  it('there is no connection string to give when the identity is used', () => {
    expect(() => storageConnectionString({ SALESDESK_STORAGE_ACCOUNT: 'acct123' })).toThrow(
      /managed identity at https:\/\/acct123\.table\.core\.windows\.net/,
    );
    expect(storageTargetKey({ kind: 'identity', tableUrl: 'https://a.table.core.windows.net' })).toBe(
      'https://a.table.core.windows.net',
    );
  });
});

describe('clients built for the managed identity', () => {
  const target = { kind: 'identity', tableUrl: 'https://acct123.table.core.windows.net' } as const;

  it('a TableClient on the account URL with DefaultAzureCredential, the deadline and 100-continue', () => {
    const client = createTableClient('PricePolicy', { target });
    expect(client.url).toBe('https://acct123.table.core.windows.net');
    expect(client.tableName).toBe('PricePolicy');
    const seen = internals(client);
    expect(seen.credential).toBeInstanceOf(DefaultAzureCredential);
    expect(seen.policies).toEqual(
      expect.arrayContaining(['salesdeskStorageDeadline', 'bearerTokenAuthenticationPolicy']),
    );
    expect(seen.clientOptions.httpClient).toBe(continueFirstHttpClient);
  });

  it('a TableServiceClient likewise; both share one credential (one token cache per process)', () => {
    const service = createServiceClient({ target });
    expect(service.url).toBe('https://acct123.table.core.windows.net');
    const seen = internals(service);
    expect(storageCredential(target)).toBeInstanceOf(DefaultAzureCredential);
    expect(storageCredential(target)).toBe(internals(createTableClient('Plans', { target })).credential);
    expect(seen.policies).toContain('salesdeskStorageDeadline');
    expect(seen.policies).toContain('bearerTokenAuthenticationPolicy');
  });

  it('in Azure the managed identity only: never a service principal or identity named by AZURE_CLIENT_* settings', () => {
    const azure = { WEBSITE_INSTANCE_ID: 'x' };
    expect(storageCredential(target, azure)).toBeInstanceOf(ManagedIdentityCredential);
    expect(storageCredential(target, azure)).not.toBeInstanceOf(DefaultAzureCredential);
    const userAssigned = { ...target, managedIdentityClientId: '11111111-2222-3333-4444-555555555555' };
    expect(storageCredential(userAssigned, azure)).toBeInstanceOf(ManagedIdentityCredential);
    // Locally: the developer's sign-in (az login) through DefaultAzureCredential, as before.
    expect(storageCredential(target, {})).toBeInstanceOf(DefaultAzureCredential);
  });

  it('a connection string still builds a key client without any bearer token policy', () => {
    const seen = internals(createTableClient('PricePolicy', { connectionString: AZURE_STRING }));
    expect(seen.credential).not.toBeInstanceOf(DefaultAzureCredential);
    expect(seen.policies).toContain('salesdeskStorageDeadline');
    expect(seen.policies).not.toContain('bearerTokenAuthenticationPolicy');
  });

  it('asks the credential for the storage scope and gives up at the deadline when storage never answers', async () => {
    // A TCP server that accepts and never answers: the TLS handshake hangs like a frozen endpoint.
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const calls: string[][] = [];
    try {
      const client = createTableClient('Deadline', {
        target: { kind: 'identity', tableUrl: `https://127.0.0.1:${port}` },
        credential: fakeCredential(calls),
        maxRetries: 0,
        timeoutMs: 300,
      });
      const error = await client.getEntity('p', 'r').catch((err: unknown) => err);
      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect((error as StorageUnavailableError).failure).toBe('timeout');
      expect(calls).toEqual([['https://storage.azure.com/.default']]);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('index.ts at load in Azure (WEBSITE_INSTANCE_ID)', () => {
  const names = [
    'WEBSITE_INSTANCE_ID',
    'SALESDESK_STORAGE',
    'AzureWebJobsStorage',
    'SALESDESK_STORAGE_ACCOUNT',
    'AzureWebJobsStorage__accountName',
    'SALESDESK_STORAGE_TABLE_URL',
    'AzureWebJobsStorage__tableServiceUri',
  ] as const;
  let saved: Record<string, string | undefined>;
  beforeEach(() => {
    saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
    for (const n of names) delete process.env[n];
    process.env.WEBSITE_INSTANCE_ID = 'test-instance';
  });
  afterEach(() => {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  });

  /** Loads index.ts afresh, as the Functions host does; returns how many functions it registered. */
  function load(): number {
    const http = jest.fn();
    jest.isolateModules(() => {
      jest.doMock('@azure/functions', () => ({
        ...jest.requireActual<object>('@azure/functions'),
        app: { http, timer: jest.fn() },
      }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- load index.ts afresh, as the host does
      require('../../src/index');
    });
    return http.mock.calls.length;
  }

  it('no storage setting stops the app before any function is registered, naming both settings', () => {
    expect(load).toThrow(/SALESDESK_STORAGE_ACCOUNT.*SALESDESK_STORAGE/s);
  });

  it('the Bicep settings (account name, no connection string) start it', () => {
    process.env.SALESDESK_STORAGE_ACCOUNT = 'salesdeskab12';
    process.env.AzureWebJobsStorage__accountName = 'salesdeskab12';
    expect(load()).toBeGreaterThan(0);
  });
});
