import { createServiceClient, storageConnectionString } from './client';

export type StorageStatus = 'ok' | 'unreachable';

export interface PingOptions {
  readonly connectionString?: string;
  /** Told why storage is unreachable (the health answer itself stays terse). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Asks Table Storage for one page of the table list, without retries, within `timeoutMs`.
 * Resolves `'ok'` or `'unreachable'`; never rejects.
 */
export async function pingStorage(timeoutMs = 1500, options: PingOptions = {}): Promise<StorageStatus> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new Error(`Table Storage did not answer within ${timeoutMs} ms.`));
    }, timeoutMs);
  });
  timedOut.catch(() => undefined); // only ever read through the race below
  try {
    const client = createServiceClient({
      connectionString: options.connectionString ?? storageConnectionString(),
      maxRetries: 0,
    });
    const page = client.listTables({ abortSignal: abort.signal }).byPage({ maxPageSize: 1 }).next();
    // The abort signal should end the request; the race makes sure we answer even if it does not.
    await Promise.race([page, timedOut]);
    return 'ok';
  } catch (err) {
    options.onError?.(err);
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}
