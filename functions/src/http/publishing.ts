/**
 * What the handlers of versioned, published documents (annual plans, the price policy) share: any signed-in
 * role may read, ETags name versions, and a publish must say which version it worked from (If-Match) so
 * nobody's changes are overwritten. Messages stay with each handler: they name the document.
 */
import type { HttpRequest } from '@azure/functions';
import { getCaller, requireRole, ROLES, type Caller } from './caller';
import type { HttpError } from './responses';

/** Any of the department's roles. */
export function signedIn(request: HttpRequest): Caller {
  return requireRole(getCaller(request), ...ROLES);
}

/** `2026-03-05T02:20:00Z` → `2026-03-05 10:20` (China time, UTC+8). */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The tags of an If-Match / If-None-Match list (`*` included as is). */
export function splitEtags(list: string): string[] {
  return (list.match(/(?:W\/)?"[^"]*"|\*/g) ?? []).map((t) => t.trim());
}

/** True if the request's If-None-Match names `version` (a conditional GET that may answer 304). */
export function ifNoneMatchNames(
  request: HttpRequest,
  version: number,
  versionOf: (etag: string) => number | null,
): boolean {
  const ifNoneMatch = request.headers.get('if-none-match');
  return !!ifNoneMatch && splitEtags(ifNoneMatch).some((tag) => versionOf(tag) === version);
}

type Precondition =
  | { kind: 'none' }
  | { kind: 'ifNoneMatchAny' }
  | { kind: 'ifMatchAny' }
  | { kind: 'ifMatch'; versions: (number | null)[]; raw: string };

function preconditionOf(request: HttpRequest, versionOf: (etag: string) => number | null): Precondition {
  const ifMatch = request.headers.get('if-match');
  if (ifMatch !== null && ifMatch.trim() !== '') {
    const tags = splitEtags(ifMatch);
    if (tags.includes('*')) return { kind: 'ifMatchAny' };
    return { kind: 'ifMatch', versions: tags.map(versionOf), raw: ifMatch };
  }
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null && ifNoneMatch.trim() === '*') return { kind: 'ifNoneMatchAny' };
  return { kind: 'none' };
}

export interface PublishPreconditions<I> {
  /** The version an ETag names, or null if it is not one of this document's. */
  readonly versionOf: (etag: string) => number | null;
  /** 428: a version is published but the request names none (or `*`). */
  readonly required: (current: I) => HttpError;
  /** 412: the request names another version, or expects none/some unlike what is published. */
  readonly stale: (current: I | null, sent: string | null) => HttpError;
}

/**
 * The version a publish worked from, by its If-Match / If-None-Match headers against what is published now
 * (`current`); null: it is the first. Throws the 428 or 412 the handler describes.
 */
export function versionWorkedFrom<I extends { readonly version: number }>(
  request: HttpRequest,
  current: I | null,
  answers: PublishPreconditions<I>,
): number | null {
  const precondition = preconditionOf(request, answers.versionOf);
  if (current) {
    if (precondition.kind === 'none' || precondition.kind === 'ifMatchAny') throw answers.required(current);
    if (precondition.kind === 'ifNoneMatchAny') throw answers.stale(current, '*');
    if (!precondition.versions.includes(current.version)) throw answers.stale(current, precondition.raw);
    return current.version;
  }
  if (precondition.kind === 'ifMatch' || precondition.kind === 'ifMatchAny') {
    throw answers.stale(null, request.headers.get('if-match'));
  }
  return null;
}
