/**
 * The front door: checks on the shape of a request that no handler should have to remember, run by the
 * guard before authentication (cheap, and a cross-site form post is refused for what it is).
 * - Writes must say `Content-Type: application/json`: a browser sends text/plain, form or multipart
 *   bodies cross-site WITHOUT a CORS preflight, so accepting them would let any web page write.
 * - A write that carries an `Origin` must come from an allowed origin (the add-in's).
 * - `If-Match` must name strong ETags: a weak one (`W/"…"`) never matches under strong comparison.
 */
import type { HttpRequest } from '@azure/functions';
import { bilingual } from '../contract/text';
import { HttpError } from './responses';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isWrite(method: string): boolean {
  return WRITES.has(method.toUpperCase());
}

/** Throws the 415 / 403 / 412 a request deserves, or returns when it may go on. */
export function checkFrontDoor(
  request: Pick<HttpRequest, 'method' | 'headers'>,
  origins: readonly string[],
): void {
  if (!isWrite(request.method)) return;

  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json') {
    throw new HttpError(
      415,
      'unsupported_media_type',
      bilingual(
        `请求内容须为 JSON（Content-Type: application/json），实为 ${contentType || '（未注明）'}。`,
        `The request body must be JSON (Content-Type: application/json); found ${contentType || '(none)'}.`,
      ),
      { contentType: contentType || null, expected: 'application/json' },
    );
  }

  const origin = request.headers.get('origin');
  if (origin !== null && !origins.includes('*') && !origins.includes(origin)) {
    throw new HttpError(
      403,
      'origin_not_allowed',
      bilingual(
        `不接受来自 ${origin} 的写入请求：只允许 ${origins.join('、') || '（未配置）'}。`,
        `Writes from ${origin} are not accepted; allowed: ${origins.join(', ') || '(none configured)'}.`,
      ),
      { origin, allowed: origins },
    );
  }

  const ifMatch = request.headers.get('if-match');
  if (ifMatch !== null && /(^|,)\s*W\//i.test(ifMatch)) {
    throw new HttpError(
      412,
      'weak_etag',
      bilingual(
        `If-Match 须使用强 ETag（不带 W/ 前缀），实为 ${ifMatch}。请使用读取时返回的 ETag 原样。`,
        `If-Match needs a strong ETag (without the W/ prefix); found ${ifMatch}. Send the ETag as the read returned it.`,
      ),
      { ifMatch },
    );
  }
}
