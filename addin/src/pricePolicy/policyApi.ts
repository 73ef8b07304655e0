// The price-policy endpoints as the tab uses them (docs/api-pricing.md): the published version with
// its ETag, the version list, and a publish that names the version it was compared with.
import type { LocalizedText, PricePolicy } from '../../../functions/src/contract/pricing';
import { ApiError, type ApiClient } from '../api/client';

export interface PublishedPolicy {
  version: number;
  effectiveDate: string;
  policy: PricePolicy;
  publishedBy: string;
  publishedAt: string;
  summary?: LocalizedText;
  /** The ETag to send back as If-Match. */
  etag: string | null;
}

export interface PolicyVersionEntry {
  version: number;
  effectiveDate: string;
  publishedBy: string;
  publishedAt: string;
  summary?: LocalizedText;
  products?: number;
  rules?: number;
}

export interface PolicyVersions {
  current: number | null;
  versions: PolicyVersionEntry[];
}

/** The latest published version; null when none is published yet (404). */
export async function fetchPublished(api: ApiClient, signal?: AbortSignal): Promise<PublishedPolicy | null> {
  try {
    const { data, headers } = await api.request<Omit<PublishedPolicy, 'etag'>>(
      'GET',
      '/price-policy',
      undefined,
      {
        ...(signal ? { signal } : {}),
      },
    );
    return { ...data, etag: headers.get('etag') };
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'http' && error.status === 404) return null;
    throw error;
  }
}

/** One earlier version with its policy (to re-publish it as the current one). */
export async function fetchVersion(
  api: ApiClient,
  version: number,
  signal?: AbortSignal,
): Promise<Omit<PublishedPolicy, 'etag'>> {
  const { data } = await api.request<Omit<PublishedPolicy, 'etag'>>(
    'GET',
    `/price-policy/versions/${version}`,
    undefined,
    { ...(signal ? { signal } : {}) },
  );
  return data;
}

export async function fetchVersions(api: ApiClient, signal?: AbortSignal): Promise<PolicyVersions> {
  const { data } = await api.request<PolicyVersions>('GET', '/price-policy/versions', undefined, {
    ...(signal ? { signal } : {}),
  });
  return { current: data?.current ?? null, versions: Array.isArray(data?.versions) ? data.versions : [] };
}

export type PublishOutcome =
  | { kind: 'published'; version: number; effectiveDate: string }
  /** Someone published after the version we compared with. */
  | { kind: 'conflict'; current: { version: number; publishedBy: string; publishedAt: string } | null }
  | { kind: 'forbidden' }
  | { kind: 'failed'; error: ApiError };

interface ConflictDetails {
  current?: { version?: unknown; publishedBy?: unknown; publishedAt?: unknown } | null;
}

/**
 * PUT /api/price-policy. `basedOn` is the ETag of the version the draft was compared with; null for the
 * first publish (sent as If-None-Match: *, so a publish by someone else in between is a conflict too).
 */
export async function publishPolicy(
  api: ApiClient,
  policy: PricePolicy,
  basedOn: string | null,
): Promise<PublishOutcome> {
  const headers: Record<string, string> = basedOn ? { 'If-Match': basedOn } : { 'If-None-Match': '*' };
  try {
    const { data } = await api.request<{ version: number; effectiveDate: string }>(
      'PUT',
      '/price-policy',
      policy,
      {
        headers,
      },
    );
    return { kind: 'published', version: data.version, effectiveDate: data.effectiveDate };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.kind === 'http' && error.status === 412) {
      const c = (error.body?.error?.details as ConflictDetails | undefined)?.current;
      const current =
        c && typeof c.version === 'number'
          ? {
              version: c.version,
              publishedBy: typeof c.publishedBy === 'string' ? c.publishedBy : '',
              publishedAt: typeof c.publishedAt === 'string' ? c.publishedAt : '',
            }
          : null;
      return { kind: 'conflict', current };
    }
    if (error.kind === 'http' && error.status === 403) return { kind: 'forbidden' };
    return { kind: 'failed', error };
  }
}
