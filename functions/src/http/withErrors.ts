import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { UserFacingError } from '../contract/problem';
import { bilingual } from '../contract/text';
import { HttpError, problemResponse } from './responses';

export type Handler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/**
 * Wraps a handler so that whatever it throws becomes a JSON problem response:
 * `HttpError` as given (with its headers); any other `UserFacingError` with a status (storage's
 * conflicts 412/409, size limits 413, bad keys 400) by its status, code, text, details and headers;
 * storage down or past its deadline (a 503 error, also when wrapped as a cause) as 503 with Retry-After;
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
  const unavailable = findUnavailable(err);
  if (unavailable) {
    context.error('Table Storage unavailable', unavailable.message);
    return problemResponse(503, unavailable.code, unavailable.text, unavailable.details, unavailable.headers);
  }
  // Errors thrown below the handlers (storage's conflicts, size limits, bad keys) carry their own answer.
  if (err instanceof UserFacingError && err.status !== undefined) {
    return problemResponse(err.status, err.code, err.text, err.details, err.headers);
  }
  context.error('Unhandled error in handler', err);
  return problemResponse(
    500,
    'internal',
    bilingual(
      `服务器内部错误。请稍后重试；如仍失败，请把编号 ${context.invocationId} 告诉管理员。`,
      `Internal server error. Try again later; if it keeps failing, give the administrator the reference ${context.invocationId}.`,
    ),
    { invocationId: context.invocationId },
  );
}

/**
 * A 503 error (storage down or past its deadline) in `err` or its causes (BatchError and others wrap it):
 * the service is down, not the request wrong, so it answers even when wrapped. Bounded: a cause chain is
 * short, and a cyclic one must not hang the error path.
 */
function findUnavailable(err: unknown): UserFacingError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 8 && current; depth++) {
    if (current instanceof UserFacingError && current.status === 503) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
