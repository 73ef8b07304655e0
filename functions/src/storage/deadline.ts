/**
 * Every storage call has a deadline. A per-call pipeline policy (it runs once per SDK call, around the
 * SDK's retries) aborts the in-flight HTTP request when the deadline passes and turns the abort, and
 * connection failures, into `StorageUnavailableError`. It is part of every client `createTableClient`
 * and `createServiceClient` make, so new repositories get it for free.
 */
import type { TableServiceClientOptions } from '@azure/data-tables';
import { isUnreachable, StorageUnavailableError } from './unavailable';

type Env = Readonly<Record<string, string | undefined>>;

export type PipelinePolicy = NonNullable<TableServiceClientOptions['additionalPolicies']>[number]['policy'];

/** A few seconds: long enough for a loaded host's slow call, short enough that the add-in's 60 s is far. */
export const DEFAULT_STORAGE_TIMEOUT_MS = 4000;

/** `SALESDESK_STORAGE_TIMEOUT_MS` (100–120000), else 4 s. */
export function storageTimeoutMs(env: Env = process.env): number {
  const configured = Number(env.SALESDESK_STORAGE_TIMEOUT_MS);
  if (Number.isInteger(configured) && configured >= 100 && configured <= 120_000) return configured;
  return DEFAULT_STORAGE_TIMEOUT_MS;
}

export function storageDeadlinePolicy(timeoutMs: number): PipelinePolicy {
  return {
    name: 'salesdeskStorageDeadline',
    async sendRequest(request, next) {
      const controller = new AbortController();
      const outer = request.abortSignal;
      const forward = (): void => controller.abort();
      if (outer?.aborted) controller.abort();
      else outer?.addEventListener('abort', forward, { once: true });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      request.abortSignal = controller.signal;
      try {
        return await next(request);
      } catch (err) {
        if (timedOut) throw new StorageUnavailableError('timeout', timeoutMs, { cause: err });
        if (isUnreachable(err)) throw new StorageUnavailableError('unreachable', timeoutMs, { cause: err });
        throw err;
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', forward);
      }
    },
  };
}
