/**
 * Storage that does not answer in time, or not at all. Handlers wrapped in `withErrors` answer 503 with
 * Retry-After for it: the caller's data is fine, the service is not.
 */

/** `timeout`: no answer within the deadline; `unreachable`: connection refused/reset, or storage said 5xx busy. */
export type StorageFailure = 'timeout' | 'unreachable';

export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';

  constructor(
    readonly failure: StorageFailure,
    /** The deadline in force, in ms. */
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(
      failure === 'timeout'
        ? `Table Storage did not answer within ${timeoutMs} ms.`
        : 'Table Storage cannot be reached.',
      options,
    );
  }
}

/** Connection-level failures of a request (no HTTP status): storage is down, not the request wrong. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'REQUEST_SEND_ERROR',
]);

/** Whether an SDK error means "storage is not there" (as opposed to "storage refused this request"). */
export function isUnreachable(err: unknown): boolean {
  const e = err as { statusCode?: unknown; code?: unknown } | null;
  if (typeof e?.statusCode === 'number')
    return e.statusCode === 502 || e.statusCode === 503 || e.statusCode === 504;
  return typeof e?.code === 'string' && CONNECTION_CODES.has(e.code);
}

/** The StorageUnavailableError in `err` or its causes (BatchError and others wrap it), or undefined. */
export function findStorageUnavailable(err: unknown): StorageUnavailableError | undefined {
  let current: unknown = err;
  // Bounded: a cause chain is short, and a cyclic one must not hang the error path.
  for (let depth = 0; depth < 8 && current; depth++) {
    if (current instanceof StorageUnavailableError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
