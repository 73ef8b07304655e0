import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { jsonResponse } from '../http/responses';
import { pingStorage, type StorageStatus } from '../storage/ping';
import { version } from '../version';

export interface HealthBody {
  /** The host is up and answering; always 'ok' when there is an answer at all. */
  readonly status: 'ok';
  readonly storage: StorageStatus;
  readonly version: string;
}

/** Storage gets 1.5 s, so health answers within 2 s even when storage is down. */
export const HEALTH_STORAGE_TIMEOUT_MS = 1500;

/**
 * GET /api/health. Always HTTP 200 while the host runs: the body says whether Table Storage
 * answered. (A 503 would make load balancers and the add-in's connection check treat a storage
 * hiccup as "server gone"; the add-in reads `storage` to explain what does not work.)
 */
export async function health(_request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const storage = await pingStorage(HEALTH_STORAGE_TIMEOUT_MS, {
    onError: (err) =>
      context.warn('Health: Table Storage unreachable', err instanceof Error ? err.message : err),
  });
  const body: HealthBody = { status: 'ok', storage, version };
  return jsonResponse(body, 200, { 'Cache-Control': 'no-store' });
}
