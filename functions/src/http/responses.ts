import type { HttpResponseInit } from '@azure/functions';
import { UserFacingError, type ProblemBody } from '../contract/problem';
import type { Bilingual } from '../contract/text';

/**
 * The task pane reads ETag (for If-Match) and Location from another origin. App Service's CORS
 * cannot be told to expose headers, so responses that carry them say so themselves.
 */
export function exposeHeaders(headers: Record<string, string>): Record<string, string> {
  const names = Object.keys(headers).filter((h) => /^(etag|location)$/i.test(h));
  if (names.length === 0 || Object.keys(headers).some((h) => /^access-control-expose-headers$/i.test(h))) {
    return headers;
  }
  return { ...headers, 'Access-Control-Expose-Headers': names.join(', ') };
}

/** A JSON response. `jsonBody` makes @azure/functions set `Content-Type: application/json`. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers?: Record<string, string>,
): HttpResponseInit {
  return headers ? { status, jsonBody: body, headers: exposeHeaders(headers) } : { status, jsonBody: body };
}

export function problemResponse(
  status: number,
  code: string,
  message: Bilingual,
  details?: unknown,
  headers?: Record<string, string>,
): HttpResponseInit {
  const body: ProblemBody = { error: details === undefined ? { code, message } : { code, message, details } };
  return jsonResponse(body, status, headers);
}

/**
 * Thrown anywhere below a handler wrapped in `withErrors` to answer with a problem body.
 * `message` (the Error's) is the en-US text, for logs.
 */
export class HttpError extends UserFacingError {
  override readonly name = 'HttpError';
  override readonly status: number;

  constructor(
    status: number,
    code: string,
    text: Bilingual,
    details?: unknown,
    headers?: Record<string, string>,
  ) {
    super(code, text, { status, details, ...(headers ? { headers } : {}) });
    this.status = status;
  }

  toResponse(): HttpResponseInit {
    return problemResponse(this.status, this.code, this.text, this.details, this.headers);
  }
}
