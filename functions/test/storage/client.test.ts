import { TableClient } from '@azure/data-tables';
import {
  azuriteConnectionString,
  clientOptions,
  createTableClient,
  openTable,
  storageConnectionString,
} from '../../src/storage/client';
import { pingStorage } from '../../src/storage/ping';
import { freePort } from '../../src/devhost/azurite';
import { uniqueTableName, useAzurite } from '../support/azurite';

const AZURE_STRING =
  'DefaultEndpointsProtocol=https;AccountName=salesdesk;AccountKey=a2V5;EndpointSuffix=core.windows.net';

describe('storageConnectionString', () => {
  it('prefers SALESDESK_STORAGE, then AzureWebJobsStorage', () => {
    expect(storageConnectionString({ SALESDESK_STORAGE: AZURE_STRING, AzureWebJobsStorage: 'other' })).toBe(
      AZURE_STRING,
    );
    expect(storageConnectionString({ SALESDESK_STORAGE: ' ', AzureWebJobsStorage: AZURE_STRING })).toBe(
      AZURE_STRING,
    );
  });

  it('turns UseDevelopmentStorage=true (and nothing at all, locally) into an explicit Azurite string', () => {
    const expected = azuriteConnectionString(10002);
    expect(storageConnectionString({ SALESDESK_STORAGE: 'UseDevelopmentStorage=true' })).toBe(expected);
    expect(storageConnectionString({})).toBe(expected);
    expect(expected).toContain('AccountName=devstoreaccount1;');
    expect(expected).toContain('TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;');
    expect(
      storageConnectionString({
        AzureWebJobsStorage: 'UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite',
      }),
    ).toBe(azuriteConnectionString(10002, 'azurite'));
  });

  it('refuses to fall back to Azurite inside Azure', () => {
    expect(() => storageConnectionString({ WEBSITE_INSTANCE_ID: 'abc' })).toThrow(/SALESDESK_STORAGE/);
  });
});

describe('createTableClient', () => {
  it('allows plain http only for http endpoints and keeps retries short', () => {
    expect(clientOptions(azuriteConnectionString(1234)).allowInsecureConnection).toBe(true);
    expect(clientOptions(AZURE_STRING).allowInsecureConnection).toBe(false);
    expect(clientOptions(AZURE_STRING).retryOptions?.maxRetries).toBeLessThanOrEqual(2);
  });

  it('rejects table names Table Storage would refuse, with an example', () => {
    expect(() => createTableClient('price-policy', { connectionString: AZURE_STRING })).toThrow(
      /e\.g\. "PricePolicy"/,
    );
    expect(createTableClient('PricePolicy', { connectionString: AZURE_STRING }).tableName).toBe(
      'PricePolicy',
    );
  });
});

describe('openTable against Azurite', () => {
  const azurite = useAzurite();

  it('creates the table once per process and reuses it', async () => {
    const createTable = jest.spyOn(TableClient.prototype, 'createTable');
    try {
      const name = uniqueTableName('Open');
      const a = await openTable(name);
      await a.createEntity({ partitionKey: 'p', rowKey: '1' });
      const b = await openTable(name);
      expect((await b.getEntity('p', '1')).rowKey).toBe('1');
      expect(createTable).toHaveBeenCalledTimes(1);
    } finally {
      createTable.mockRestore();
    }
  });

  it('uses SALESDESK_STORAGE from the environment', () => {
    expect(createTableClient('Anything').url).toContain(`:${azurite.port}/`);
  });

  it('answers ping with ok, and unreachable for a port nobody listens on', async () => {
    expect(await pingStorage(1500)).toBe('ok');
    const deadPort = await freePort();
    const errors: unknown[] = [];
    const status = await pingStorage(1500, {
      connectionString: azuriteConnectionString(deadPort),
      onError: (e) => errors.push(e),
    });
    expect(status).toBe('unreachable');
    expect(errors).toHaveLength(1);
  });
});
