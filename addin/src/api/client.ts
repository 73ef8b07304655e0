// The add-in's one door to the Functions app. Nothing else in the add-in calls fetch. Every answer is
// checked against the contract's schema for its route (answers.ts) before the caller sees it.
import type { HealthAnswer } from '../../../functions/src/contract/health';
import { ProblemBodySchema, UserFacingError } from '../../../functions/src/contract/problem';
import { bilingual } from '../../../functions/src/contract/text';
import { authProvider, reportSignInNeeded } from '../auth/provider';
import type { Bilingual } from '../i18n/locale';
import { strings } from '../i18n/strings';
import { answerSchemaFor } from './answers';
import { anySignal, timeoutSignal } from './signals';

/** `GET /health`: `storage` is 'ok' or 'unreachable' today; anything but 'ok' is shown as a problem. */
export type HealthReport = HealthAnswer;

/** How long to wait before trying again when the service gives no Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

type ApiErrorBody = { error?: { code?: string; message?: Bilingual | string; details?: unknown } };

/**
 * A failure the pane can explain: `kind` says whether the service was reached at all; `text` is the
 * service's own bilingual message when it sent one. `message` stays the en-US/technical one, for logs.
 */
export class ApiError extends UserFacingError {
  declare readonly status: number;

  constructor(
    readonly kind: 'unreachable' | 'http' | 'aborted',
    status: number,
    message: string,
    readonly body?: ApiErrorBody,
  ) {
    const sent = body?.error?.message;
    super(body?.error?.code ?? kind, sent && typeof sent === 'object' ? sent : bilingual(message, message), {
      status,
      details: body?.error?.details,
      logMessage: message,
    });
    this.name = 'ApiError';
  }

  /**
   * 503: the service (its storage) is down for a moment. Nothing is wrong with the user's data; the pane
   * says "服务暂时不可用" and offers to try again after `retryAfterSeconds`.
   */
  get unavailable(): boolean {
    return this.kind === 'http' && this.status === 503;
  }

  /** Seconds to wait before trying again (503's Retry-After), when unavailable. */
  retryAfterSeconds?: number;
}

/**
 * A 503, whatever answered it (our problem body, or a gateway's HTML page): marked `unavailable` with the
 * seconds to wait, and said as "service temporarily unavailable, your data is fine" when no message came.
 */
function unavailableError(response: Response, body: ApiError['body']): ApiError {
  const header = Number(response.headers.get('retry-after'));
  const details = body?.error?.details as { retryAfterSeconds?: unknown } | undefined;
  const fromBody = Number(details?.retryAfterSeconds);
  const seconds =
    Number.isFinite(header) && header > 0
      ? header
      : Number.isFinite(fromBody) && fromBody > 0
        ? fromBody
        : DEFAULT_RETRY_AFTER_SECONDS;
  const fill = (text: string) => text.replace('{seconds}', String(seconds));
  // The service's own words when it gave them (ours name storage); a gateway's page gets the generic text.
  const given = body?.error?.message;
  const message: Bilingual =
    given && typeof given === 'object'
      ? given
      : {
          'zh-CN': fill(strings.serviceUnavailable['zh-CN']),
          'en-US': fill(strings.serviceUnavailable['en-US']),
        };
  const error = new ApiError('http', 503, message['en-US'], {
    error: { ...body?.error, code: body?.error?.code ?? 'service_unavailable', message },
  });
  error.retryAfterSeconds = seconds;
  return error;
}

/** An answer that does not match the contract: said in both languages, with where it went wrong. */
function malformedAnswer(
  method: string,
  path: string,
  status: number,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ApiError {
  const where = issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
    .join('; ');
  const more = issues.length > 3 ? ` (+${issues.length - 3})` : '';
  const text = bilingual(
    `SalesDesk 服务的回答格式不对（${method} ${path}，HTTP ${status}）：${where}${more}。请确认服务与加载项版本一致，或告诉管理员。`,
    `The SalesDesk service answered in an unexpected shape (${method} ${path}, HTTP ${status}): ${where}${more}. Check that the service and the add-in are the same version, or tell the administrator.`,
  );
  return new ApiError('http', status, text['en-US'], {
    error: {
      code: 'malformed_answer',
      message: text,
      details: { method, path, issues: issues.slice(0, 20) },
    },
  });
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
  ): Promise<{ data: T; headers: Headers; status: number }> {
    const timeout = timeoutSignal(timeoutMs);
    const both = init.signal ? anySignal([init.signal, timeout.signal]) : undefined;
    try {
      return await send<T>(method, path, body, init, both?.signal ?? timeout.signal);
    } finally {
      timeout.clear();
      both?.dispose();
    }
  }

  async function send<T>(
    method: string,
    path: string,
    body: unknown,
    init: { signal?: AbortSignal; headers?: Record<string, string> },
    signal: AbortSignal,
  ): Promise<{ data: T; headers: Headers; status: number }> {
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
    if (response.status === 503) throw unavailableError(response, parsed as ApiError['body']);
    if (!response.ok) {
      // A body that is not a problem (a proxy's HTML page, say) is dropped: the status says enough.
      const problem = ProblemBodySchema.safeParse(parsed);
      const errBody: ApiErrorBody = problem.success ? problem.data : {};
      const m = errBody.error?.message;
      const message =
        typeof m === 'string' ? m : (m?.['en-US'] ?? `${response.status} ${response.statusText}`);
      throw new ApiError('http', response.status, message, errBody);
    }
    const schema = answerSchemaFor(method, path);
    if (schema) {
      const checked = schema.safeParse(parsed);
      if (!checked.success) throw malformedAnswer(method, path, response.status, checked.error.issues);
    }
    // The answer as sent (not zod's copy): nothing is stripped or defaulted on the way in.
    return { data: parsed as T, headers: response.headers, status: response.status };
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
