import { TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
import { continueFirstHttpClient } from './continueFirst';
import { storageDeadlinePolicy, storageTimeoutMs } from './deadline';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
export const AZURITE_DEFAULT_TABLE_PORT = 10002;

type Env = Readonly<Record<string, string | undefined>>;

/** An explicit connection string for Azurite's table service (what `UseDevelopmentStorage=true` means). */
export function azuriteConnectionString(
  port: number = AZURITE_DEFAULT_TABLE_PORT,
  host = '127.0.0.1',
): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `TableEndpoint=http://${host}:${port}/${AZURITE_ACCOUNT};`
  );
}

/**
 * The storage connection string: `SALESDESK_STORAGE`, else `AzureWebJobsStorage`, else local Azurite.
 * `UseDevelopmentStorage=true` becomes an explicit Azurite string (honouring DevelopmentStorageProxyUri's host).
 * Inside Azure (WEBSITE_INSTANCE_ID set) a missing setting is an error, never a silent Azurite.
 */
export function storageConnectionString(env: Env = process.env): string {
  const configured = nonEmpty(env.SALESDESK_STORAGE) ?? nonEmpty(env.AzureWebJobsStorage);
  if (configured === undefined) {
    if (env.WEBSITE_INSTANCE_ID) {
      throw new Error(
        'No storage connection string: set the app setting SALESDESK_STORAGE (or AzureWebJobsStorage) ' +
          'to the storage account connection string.',
      );
    }
    return azuriteConnectionString();
  }
  if (/usedevelopmentstorage\s*=\s*true/i.test(configured)) {
    const proxy = /DevelopmentStorageProxyUri\s*=\s*([^;]+)/i.exec(configured)?.[1];
    return azuriteConnectionString(AZURITE_DEFAULT_TABLE_PORT, proxy ? new URL(proxy).hostname : '127.0.0.1');
  }
  return configured;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Few, short retries: a dead Azurite or a misconfigured account should fail in about a second,
 * not after the SDK's default of several exponential retries. The deadline covers the retries too.
 */
export const RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 150, maxRetryDelayInMs: 600 } as const;

/**
 * Every client gets the deadline (`SALESDESK_STORAGE_TIMEOUT_MS`, per SDK call, retries included) and the
 * HTTP client that holds a write's body back until storage answers (see continueFirst.ts).
 */
export function clientOptions(
  connectionString: string,
  maxRetries: number = RETRY_OPTIONS.maxRetries,
  timeoutMs: number = storageTimeoutMs(),
): TableServiceClientOptions {
  return {
    allowInsecureConnection: /TableEndpoint\s*=\s*http:/i.test(connectionString),
    retryOptions: { ...RETRY_OPTIONS, maxRetries },
    // An escape hatch for an endpoint that never answers 100 Continue (then every write would time out);
    // without it a write abandoned at its deadline can land later (see continueFirst.ts).
    ...(/^(0|false|off)$/i.test(process.env.SALESDESK_STORAGE_EXPECT_CONTINUE ?? '')
      ? {}
      : { httpClient: continueFirstHttpClient }),
    additionalPolicies: [{ policy: storageDeadlinePolicy(timeoutMs), position: 'perCall' }],
  };
}

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;

export interface TableClientOptions {
  /** Defaults to `storageConnectionString()`. */
  readonly connectionString?: string;
  readonly maxRetries?: number;
  /** The deadline of each call in ms; defaults to `SALESDESK_STORAGE_TIMEOUT_MS` or 4 s. */
  readonly timeoutMs?: number;
}

/** The one way to get a `TableClient`. Does not create the table: see `openTable` / `ensureTable`. */
export function createTableClient(tableName: string, options: TableClientOptions = {}): TableClient {
  if (!TABLE_NAME.test(tableName)) {
    throw new Error(
      `Table name "${tableName}" is not allowed: 3–63 letters and digits, starting with a letter (e.g. "PricePolicy").`,
    );
  }
  const connectionString = options.connectionString ?? storageConnectionString();
  return TableClient.fromConnectionString(
    connectionString,
    tableName,
    clientOptions(connectionString, options.maxRetries, options.timeoutMs),
  );
}

export function createServiceClient(options: TableClientOptions = {}): TableServiceClient {
  const connectionString = options.connectionString ?? storageConnectionString();
  return TableServiceClient.fromConnectionString(
    connectionString,
    clientOptions(connectionString, options.maxRetries, options.timeoutMs),
  );
}

// One createTable per table per process (per endpoint: tests point at several Azurites).
const ensured = new Map<string, Promise<void>>();

/** Creates the table if missing (409 "already exists" is fine), once per process; a failure is retried next call. */
export function ensureTable(client: TableClient): Promise<void> {
  const key = `${client.url}|${client.tableName}`;
  let pending = ensured.get(key);
  if (!pending) {
    // The SDK's createTable already treats "TableAlreadyExists" (409) as success.
    pending = client.createTable().then(
      () => undefined,
      (err: unknown) => {
        ensured.delete(key);
        throw err;
      },
    );
    ensured.set(key, pending);
  }
  return pending;
}

/** `createTableClient` + `ensureTable`: what repositories call before their first read or write. */
export async function openTable(tableName: string, options: TableClientOptions = {}): Promise<TableClient> {
  const client = createTableClient(tableName, options);
  await ensureTable(client);
  return client;
}
