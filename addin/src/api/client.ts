// The add-in's one door to the Functions app. Nothing else in the add-in calls fetch. Every answer is
// checked against the contract's schema for its route (answers.ts) before the caller sees it.
import type { HealthAnswer } from '../../../functions/src/contract/health';
import { ProblemBodySchema, UserFacingError } from '../../../functions/src/contract/problem';
import { bilingual } from '../../../functions/src/contract/text';
import type { Bilingual } from '../i18n/locale';
import { answerSchemaFor } from './answers';
import { anySignal, timeoutSignal } from './signals';

/** `GET /health`: `storage` is 'ok' or 'unreachable' today; anything but 'ok' is shown as a problem. */
export type HealthReport = HealthAnswer;

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
}

/** An answer that does not match the contract: said in both languages, with where it went wrong. */
export function malformedAnswer(
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
}

export function normaliseBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export function createApiClient(options: ApiClientOptions) {
  const base = normaliseBaseUrl(options.baseUrl);
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 60000;

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
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        signal,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
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
