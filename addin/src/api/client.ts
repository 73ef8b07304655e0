// The add-in's one door to the Functions app. Nothing else in the add-in calls fetch.
import { authProvider, reportSignInNeeded } from '../auth/provider';
import type { Bilingual } from '../i18n/locale';
import { anySignal, timeoutSignal } from './signals';

export interface HealthReport {
  status: 'ok';
  storage: 'ok' | 'unreachable';
  version: string;
}

/** A failure the pane can explain: `kind` says whether the service was reached at all. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'http' | 'aborted',
    readonly status: number,
    message: string,
    readonly body?: { error?: { code?: string; message?: Bilingual | string; details?: unknown } },
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The bearer token for a call; default: the runtime's sign-in provider (auth/provider.ts). */
  getToken?: () => Promise<string | null>;
}

export function normaliseBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function createApiClient(options: ApiClientOptions) {
  const base = normaliseBaseUrl(options.baseUrl);
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 60000;
  const getToken = options.getToken ?? (() => authProvider().getToken());

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    init: { signal?: AbortSignal; headers?: Record<string, string> } = {},
  ): Promise<{ data: T; headers: Headers }> {
    const timeout = timeoutSignal(timeoutMs);
    const signal = init.signal ? anySignal([init.signal, timeout.signal]) : timeout.signal;
    try {
      return await send<T>(method, path, body, init, signal);
    } finally {
      timeout.clear();
    }
  }

  async function send<T>(
    method: string,
    path: string,
    body: unknown,
    init: { signal?: AbortSignal; headers?: Record<string, string> },
    signal: AbortSignal,
  ): Promise<{ data: T; headers: Headers }> {
    let response: Response;
    let token: string | null = null;
    try {
      // Every call but the health check carries the user's token (the API refuses anonymous callers).
      token = path === '/health' ? null : await getToken();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // fetch's TypeError: the sign-in service (the dev host's issuer) is not there: say "unreachable".
      if (error instanceof TypeError) throw new ApiError('unreachable', 0, reason);
      throw new ApiError('http', 401, `sign-in failed: ${reason}`, { error: { code: 'sign_in_failed' } });
    }
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        signal,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...init.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (init.signal?.aborted) throw new ApiError('aborted', 0, 'aborted');
      throw new ApiError('unreachable', 0, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (response.status === 401) reportSignInNeeded();
    if (!response.ok) {
      const errBody = (parsed ?? {}) as ApiError['body'];
      const m = errBody?.error?.message;
      const message =
        typeof m === 'string' ? m : (m?.['en-US'] ?? `${response.status} ${response.statusText}`);
      throw new ApiError('http', response.status, message, errBody);
    }
    return { data: parsed as T, headers: response.headers };
  }

  return {
    baseUrl: base,
    request,
    async health(signal?: AbortSignal): Promise<HealthReport> {
      return (await request<HealthReport>('GET', '/health', undefined, { signal })).data;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
