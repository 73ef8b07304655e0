import { TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
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
 * Where the tables are and how we sign in to them, SalesDesk's own settings first:
 * - `SALESDESK_STORAGE`, a connection string: Azurite, or an account key;
 * - else the app's managed identity (storageCredential) on `SALESDESK_STORAGE_TABLE_URL`, or on
 *   the account named by `SALESDESK_STORAGE_ACCOUNT` (what the Bicep template sets, with the role
 *   "Storage Table Data Contributor"): no key in the app settings;
 * - else the Functions host's settings: `AzureWebJobsStorage` (a connection string), then the identity on
 *   `AzureWebJobsStorage__tableServiceUri` / `__accountName`. Never over a SALESDESK_* setting: the
 *   host's storage may be another account than the department's tables.
 * Locally with nothing set: Azurite. In Azure with nothing set: an error naming the settings, never a
 * silent Azurite.
 */
export type StorageTarget =
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  | {
      readonly kind: 'identity';
      /** `https://<account>.table.core.windows.net` */
      readonly tableUrl: string;
      /** A user-assigned identity's client id (`SALESDESK_STORAGE_CLIENT_ID` / `AzureWebJobsStorage__clientId`). */
      readonly managedIdentityClientId?: string;
    };

/** Storage account names: 3–24 lower-case letters and digits. */
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

export class StorageConfigError extends Error {
  override readonly name = 'StorageConfigError';
}

export function storageTarget(env: Env = process.env): StorageTarget {
  // SalesDesk's own settings outrank the Functions host's AzureWebJobsStorage*: the host's storage may be
  // another account (a template's connection string), and SALESDESK_STORAGE_ACCOUNT names where the
  // department's tables are. Only with no SALESDESK_* setting do the host's settings say where.
  const own = nonEmpty(env.SALESDESK_STORAGE);
  if (own !== undefined) return { kind: 'connectionString', connectionString: connectionStringOf(own) };
  const ownIdentity = nonEmpty(env.SALESDESK_STORAGE_TABLE_URL) ?? nonEmpty(env.SALESDESK_STORAGE_ACCOUNT);
  const host = nonEmpty(env.AzureWebJobsStorage);
  if (ownIdentity === undefined && host !== undefined) {
    return { kind: 'connectionString', connectionString: connectionStringOf(host) };
  }
  const clientId = nonEmpty(env.SALESDESK_STORAGE_CLIENT_ID) ?? nonEmpty(env.AzureWebJobsStorage__clientId);
  const identity = (tableUrl: string): StorageTarget => ({
    kind: 'identity',
    tableUrl,
    ...(clientId ? { managedIdentityClientId: clientId } : {}),
  });
  const url =
    nonEmpty(env.SALESDESK_STORAGE_TABLE_URL) ??
    (nonEmpty(env.SALESDESK_STORAGE_ACCOUNT)
      ? undefined
      : nonEmpty(env.AzureWebJobsStorage__tableServiceUri));
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    // A bearer token is never sent over plain http (the SDK refuses too, later and less clearly).
    if (parsed?.protocol !== 'https:') {
      throw new StorageConfigError(
        `SALESDESK_STORAGE_TABLE_URL "${url}" is not an https URL: expected e.g. ` +
          `https://<account>.table.core.windows.net`,
      );
    }
    return identity(parsed.origin);
  }
  const account = nonEmpty(env.SALESDESK_STORAGE_ACCOUNT) ?? nonEmpty(env.AzureWebJobsStorage__accountName);
  if (account !== undefined) {
    if (!ACCOUNT_NAME.test(account)) {
      throw new StorageConfigError(
        `SALESDESK_STORAGE_ACCOUNT "${account}" is not a storage account name: expected 3–24 lower-case ` +
          `letters and digits (e.g. salesdeskab12cd).`,
      );
    }
    return identity(`https://${account}.table.core.windows.net`);
  }
  if (env.WEBSITE_INSTANCE_ID) {
    throw new StorageConfigError(
      'No storage configured: set the app setting SALESDESK_STORAGE_ACCOUNT (the storage account name, ' +
        'reached with the managed identity) or SALESDESK_STORAGE (a connection string). / ' +
        '未配置存储：请设置应用设置 SALESDESK_STORAGE_ACCOUNT（存储帐户名称，使用托管标识访问）' +
        '或 SALESDESK_STORAGE（连接字符串）。',
    );
  }
  return { kind: 'connectionString', connectionString: azuriteConnectionString() };
}

/**
 * The storage connection string: `SALESDESK_STORAGE`, else `AzureWebJobsStorage`, else local Azurite.
 * `UseDevelopmentStorage=true` becomes an explicit Azurite string (honouring DevelopmentStorageProxyUri's host).
 * Throws when storage is reached with the managed identity instead (no connection string exists then).
 */
export function storageConnectionString(env: Env = process.env): string {
  const target = storageTarget(env);
  if (target.kind === 'connectionString') return target.connectionString;
  throw new StorageConfigError(
    `No storage connection string: storage is reached with the managed identity at ${target.tableUrl}.`,
  );
}

/** One string per storage endpoint (for per-endpoint caches: the health probe, ensureTable). */
export function storageTargetKey(target: StorageTarget = storageTarget()): string {
  return target.kind === 'connectionString' ? target.connectionString : target.tableUrl;
}

function connectionStringOf(configured: string): string {
  if (/usedevelopmentstorage\s*=\s*true/i.test(configured)) {
    const proxy = /DevelopmentStorageProxyUri\s*=\s*([^;]+)/i.exec(configured)?.[1];
    return azuriteConnectionString(AZURITE_DEFAULT_TABLE_PORT, proxy ? new URL(proxy).hostname : '127.0.0.1');
  }
  return configured;
}

let sharedCredential:
  { clientId: string | undefined; azure: boolean; credential: TokenCredential } | undefined;

/**
 * One credential per process: it caches its tokens, so every client shares it. In Azure it is the app's
 * managed identity and nothing else: DefaultAzureCredential would first take a service principal from
 * AZURE_CLIENT_ID/AZURE_CLIENT_SECRET (set for some other purpose) or a user-assigned identity named by
 * AZURE_CLIENT_ID, i.e. another account than the one granted the tables. On a laptop: your `az login`.
 */
export function storageCredential(
  target: Extract<StorageTarget, { kind: 'identity' }>,
  env: Env = process.env,
): TokenCredential {
  const clientId = target.managedIdentityClientId;
  const azure = !!env.WEBSITE_INSTANCE_ID;
  if (!sharedCredential || sharedCredential.clientId !== clientId || sharedCredential.azure !== azure) {
    sharedCredential = {
      clientId,
      azure,
      credential: azure
        ? clientId
          ? new ManagedIdentityCredential({ clientId })
          : new ManagedIdentityCredential()
        : new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {}),
    };
  }
  return sharedCredential.credential;
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
  target: StorageTarget | string,
  maxRetries: number = RETRY_OPTIONS.maxRetries,
  timeoutMs: number = storageTimeoutMs(),
): TableServiceClientOptions {
  const connectionString =
    typeof target === 'string' ? target : target.kind === 'connectionString' ? target.connectionString : '';
  return {
    // Only Azurite's http endpoints; the managed identity's URL is always https.
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
  /** Defaults to `storageTarget()` (a connection string or the managed identity, from the settings). */
  readonly connectionString?: string;
  /** Overrides the settings (tests); `connectionString` wins. */
  readonly target?: StorageTarget;
  /** The managed identity's credential; defaults to one shared `DefaultAzureCredential` (tests pass a fake). */
  readonly credential?: TokenCredential;
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
  const target = targetOf(options);
  const clientOpts = clientOptions(target, options.maxRetries, options.timeoutMs);
  if (target.kind === 'connectionString') {
    return TableClient.fromConnectionString(target.connectionString, tableName, clientOpts);
  }
  return new TableClient(
    target.tableUrl,
    tableName,
    options.credential ?? storageCredential(target),
    clientOpts,
  );
}

export function createServiceClient(options: TableClientOptions = {}): TableServiceClient {
  const target = targetOf(options);
  const clientOpts = clientOptions(target, options.maxRetries, options.timeoutMs);
  if (target.kind === 'connectionString') {
    return TableServiceClient.fromConnectionString(target.connectionString, clientOpts);
  }
  return new TableServiceClient(target.tableUrl, options.credential ?? storageCredential(target), clientOpts);
}

function targetOf(options: TableClientOptions): StorageTarget {
  if (options.connectionString !== undefined) {
    return { kind: 'connectionString', connectionString: options.connectionString };
  }
  return options.target ?? storageTarget();
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
