import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { jsonResponse } from '../http/responses';
import { StorageProbe, type StorageStatus } from '../storage/ping';
import { version } from '../version';

export interface HealthBody {
  /** The host is up and answering; always 'ok' when there is an answer at all. */
  readonly status: 'ok';
  readonly storage: StorageStatus;
  readonly version: string;
  /** When storage was last probed (ISO 8601, UTC) and how old that finding is. */
  readonly checkedAt: string;
  readonly ageMs: number;
}

/** A cold or stale probe is waited for at most 1.5 s, so health answers within 2 s even when storage is down. */
export const HEALTH_STORAGE_TIMEOUT_MS = 1500;

let log: Pick<InvocationContext, 'warn'> | undefined;

/** Probed in the background at most once a second while health is asked; trusted for 30 s. */
export const storageProbe = new StorageProbe({
  freshMs: 1000,
  staleMs: 30_000,
  waitMs: HEALTH_STORAGE_TIMEOUT_MS,
  onError: (err) => log?.warn('Health: Table Storage unreachable', err instanceof Error ? err.message : err),
});

/**
 * GET /api/health. Always HTTP 200 while the host runs: the body says whether Table Storage
 * answered, and how old that finding is. (A 503 would make load balancers and the add-in's connection
 * check treat a storage hiccup as "server gone"; the add-in reads `storage` to explain what does not work.)
 */
export async function health(_request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  log = context;
  const probe = await storageProbe.status();
  const body: HealthBody = { status: 'ok', version, ...probe };
  return jsonResponse(body, 200, { 'Cache-Control': 'no-store' });
}
