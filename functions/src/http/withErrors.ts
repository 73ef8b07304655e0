import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { ConcurrencyError } from '../storage/concurrency';
import { KeyError } from '../storage/keys';
import { StorageLimitError } from '../storage/limits';
import { findStorageUnavailable } from '../storage/unavailable';
import { localized } from './problem';
import { HttpError, problemResponse } from './responses';

export type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/**
 * Wraps a handler so that whatever it throws becomes a JSON problem response:
 * `HttpError` as given; `ConcurrencyError` as 412/409 ("reload and try again");
 * `StorageLimitError`/`KeyError` as 413/400; storage down or past its deadline as 503 with Retry-After;
 * anything else as 500 without the stack (logged instead).
 */
export function withErrors(handler: Handler): Handler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      return errorResponse(err, context);
    }
  };
}

export function errorResponse(
  err: unknown,
  context: Pick<InvocationContext, 'error' | 'invocationId'>,
): HttpResponseInit {
  if (err instanceof HttpError) return err.toResponse();
  const unavailable = findStorageUnavailable(err);
  if (unavailable) {
    context.error('Table Storage unavailable', unavailable.message);
    return storageUnavailableResponse(unavailable.failure);
  }
  if (err instanceof ConcurrencyError) {
    const exists = err.kind === 'exists';
    return problemResponse(
      exists ? 409 : 412,
      exists ? 'already_exists' : 'concurrency_conflict',
      exists
        ? localized(
            '该记录已存在（可能刚被他人创建）。请刷新后再试。',
            'This record already exists (someone may just have created it). Refresh and try again.',
          )
        : localized(
            '该记录已被他人修改或删除。请刷新后再试。',
            'Someone else changed or deleted this record. Refresh and try again.',
          ),
      { kind: err.kind },
    );
  }
  if (err instanceof StorageLimitError) {
    return problemResponse(
      413,
      'too_large_to_store',
      localized(
        `数据过大，无法保存：${err.property ? `字段 ${err.property} ` : ''}上限 ${err.max}，实际 ${err.actual}。请拆分后再提交。`,
        `Too large to store: ${err.property ? `field ${err.property}, ` : ''}limit ${err.max}, actual ${err.actual}. Split it and try again.`,
      ),
      { limit: err.limit, property: err.property, max: err.max, actual: err.actual },
    );
  }
  if (err instanceof KeyError) {
    return problemResponse(
      400,
      'bad_key',
      localized(
        '编号无法保存（过长或含有不允许的字符）。',
        'An identifier cannot be stored (too long or has characters that are not allowed).',
      ),
      { reason: err.message },
    );
  }
  context.error('Unhandled error in handler', err);
  return problemResponse(
    500,
    'internal',
    localized(
      `服务器内部错误。请稍后重试；如仍失败，请把编号 ${context.invocationId} 告诉管理员。`,
      `Internal server error. Try again later; if it keeps failing, give the administrator the reference ${context.invocationId}.`,
    ),
    { invocationId: context.invocationId },
  );
}

/** Seconds the caller is asked to wait before trying again when storage is down. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * 503 `storage_unavailable`: nothing is wrong with the caller's data. A write that timed out was abandoned
 * before its body was sent (see storage/continueFirst.ts), so trying again cannot store it twice.
 */
export function storageUnavailableResponse(failure: 'timeout' | 'unreachable'): HttpResponseInit {
  return problemResponse(
    503,
    'storage_unavailable',
    localized(
      `服务暂时不可用：数据存储${failure === 'timeout' ? '未在规定时间内响应' : '无法连接'}。您的数据没有问题，请稍后重试。`,
      `Service temporarily unavailable: data storage ${failure === 'timeout' ? 'did not answer in time' : 'cannot be reached'}. Nothing is wrong with your data; try again shortly.`,
    ),
    { storage: failure, retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS },
    { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) },
  );
}
