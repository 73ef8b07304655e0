/**
 * Storage that does not answer in time, or not at all. Handlers wrapped in `withErrors` answer 503 with
 * Retry-After for it: the caller's data is fine, the service is not.
 */

import { UserFacingError } from '../contract/problem';
import { bilingual } from '../contract/text';

/** `timeout`: no answer within the deadline; `unreachable`: connection refused/reset, or storage said 5xx busy. */
export type StorageFailure = 'timeout' | 'unreachable';

/** Seconds the caller is asked to wait before trying again when storage is down. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * 503 `storage_unavailable`: nothing is wrong with the caller's data. A write that timed out was abandoned
 * before its body was sent (see storage/continueFirst.ts), so trying again cannot store it twice.
 */
export class StorageUnavailableError extends UserFacingError {
  override readonly name = 'StorageUnavailableError';

  constructor(
    readonly failure: StorageFailure,
    /** The deadline in force, in ms. */
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(
      'storage_unavailable',
      bilingual(
        `服务暂时不可用：数据存储${failure === 'timeout' ? '未在规定时间内响应' : '无法连接'}。您的数据没有问题，请稍后重试。`,
        `Service temporarily unavailable: data storage ${failure === 'timeout' ? 'did not answer in time' : 'cannot be reached'}. Nothing is wrong with your data; try again shortly.`,
      ),
      {
        status: 503,
        details: { storage: failure, retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS },
        headers: { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) },
        cause: options?.cause,
        logMessage:
          failure === 'timeout'
            ? `Table Storage did not answer within ${timeoutMs} ms.`
            : 'Table Storage cannot be reached.',
      },
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
