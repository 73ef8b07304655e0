// The client checks every answer against the contract before anyone reads it: a malformed answer on any
// route is one bilingual ApiError naming the route, never data cast to a type it does not have.
import { httpRoutes } from '../../../functions/src/routes';
import { ANSWERS, answerSchemaFor } from '../../src/api/answers';
import { ApiError, createApiClient } from '../../src/api/client';

const BASE = 'http://api.test/api';

/** A fetch that answers every request with `status` and `body` (text as given, or JSON). */
function answering(status: number, body: unknown, statusText = status < 400 ? 'OK' : 'Error'): typeof fetch {
  return (async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      statusText,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;
}

/** A path that the row's pattern matches: `\d+` becomes 2026. */
function samplePath(pattern: RegExp): string {
  return pattern.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\\d\+/g, '2026')
    .replace(/\[\^\/\]\+/g, '2026-01')
    .replace(/\(close\|reopen\)/g, 'close')
    .replace(/\\\//g, '/');
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the request did not fail');
}

describe('answer schemas', () => {
  it('has a schema for every route the API registers', () => {
    const missing = httpRoutes.flatMap((route) =>
      route.methods
        .map((method) => [method, `/${route.route.replace(/\{[^}]+\}/g, '2026')}`] as const)
        .filter(([method, path]) => !answerSchemaFor(method, path))
        .map(([method, path]) => `${method} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('ignores the query string and the case of the method', () => {
    const validate = answerSchemaFor('POST', '/prices/validate');
    expect(validate).toBeDefined(); // else the next line would hold for two misses
    expect(answerSchemaFor('post', '/prices/validate?detail=flagged')).toBe(validate);
    expect(answerSchemaFor('GET', '/price-policy?at=2026-03-05')).toBe(
      answerSchemaFor('GET', '/price-policy'),
    );
    expect(answerSchemaFor('GET', '/price-policy')).toBeDefined();
  });
});

describe.each(
  ANSWERS.map((row) => [`${row.method} ${samplePath(row.path)}`, row.method, samplePath(row.path)]),
)('a malformed answer to %s', (_name, method, path) => {
  it('is a bilingual ApiError naming the route and what is wrong (an object where one is asked for)', async () => {
    const api = createApiClient({ baseUrl: BASE, fetch: answering(200, { unexpected: true }) });
    const error = await failureOf(api.request(method, path, method === 'GET' ? undefined : {}));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(200);
    expect(error.code).toBe('malformed_answer');
    expect(error.text['zh-CN']).toContain(`${method} ${path}`);
    expect(error.text['zh-CN']).toContain('回答格式不对');
    expect(error.text['en-US']).toContain(`${method} ${path}`);
    expect(error.text['en-US']).toContain('unexpected shape');
    // Callers that show the service's message (error.body.error.message) show this one.
    expect(error.body?.error?.message).toEqual(error.text);
  });

  it('is refused when the body is not JSON at all', async () => {
    const api = createApiClient({ baseUrl: BASE, fetch: answering(200, '<html>proxy</html>') });
    const error = await failureOf(api.request(method, path));
    expect(error.code).toBe('malformed_answer');
    expect(error.text['en-US']).toContain('(body)');
  });
});

describe('the client', () => {
  it('refuses a month list whose month is not YYYY-MM, naming the field', async () => {
    const month = {
      month: '2026-1',
      state: 'open',
      closedBy: null,
      closedAt: null,
      reopenedBy: null,
      reopenedAt: null,
      reopenReason: null,
      reportVersion: null,
      lastRunAt: null,
      ledgers: {},
    };
    const api = createApiClient({ baseUrl: BASE, fetch: answering(200, { months: [month] }) });
    const error = await failureOf(api.request('GET', '/month-end'));
    expect(error.code).toBe('malformed_answer');
    expect(error.text['en-US']).toContain('months');
    // The same month well formed passes.
    const good = createApiClient({
      baseUrl: BASE,
      fetch: answering(200, { months: [{ ...month, month: '2026-01' }] }),
    });
    await expect(good.request('GET', '/month-end')).resolves.toMatchObject({ status: 200 });
  });

  it('refuses money sent as a float in a statement (money is decimal text to the fen)', async () => {
    const statement = {
      customer: '华东水务',
      month: '2026-01',
      statements: [],
      notes: [],
    };
    const good = createApiClient({ baseUrl: BASE, fetch: answering(200, statement) });
    await expect(good.request('GET', '/statements/华东水务')).resolves.toMatchObject({ status: 200 });
    const line = {
      customer: '华东水务',
      currency: 'CNY',
      month: '2026-01',
      from: '2026-01-01',
      to: '2026-01-31',
      opening: 0.1,
      lines: [],
      totalDebit: '0.00',
      totalCredit: '0.00',
      closing: '0.10',
      aging: [],
      bankAcceptances: { total: '0.00', notMatured: '0.00', bills: [] },
    };
    const api = createApiClient({
      baseUrl: BASE,
      fetch: answering(200, { ...statement, statements: [line] }),
    });
    const error = await failureOf(api.request('GET', '/statements/华东水务'));
    expect(error.code).toBe('malformed_answer');
    expect(error.text['en-US']).toContain('opening');
  });

  it('hands a well-formed answer over as sent', async () => {
    const body = { status: 'ok', storage: 'unreachable', version: '0.1.0', extra: 1 };
    const api = createApiClient({ baseUrl: BASE, fetch: answering(200, body) });
    expect(await api.health()).toEqual(body);
  });

  it('says which field of a health answer is wrong', async () => {
    const api = createApiClient({
      baseUrl: BASE,
      fetch: answering(200, { status: 'ok', storage: null, version: '0.1.0' }),
    });
    const error = await failureOf(api.health());
    expect(error.text['en-US']).toContain('storage');
  });

  it('keeps the service message of an error answer, and its code and details', async () => {
    const message = {
      'zh-CN': '价格政策已被他人更新。',
      'en-US': 'The price policy was changed by someone else.',
    };
    const api = createApiClient({
      baseUrl: BASE,
      fetch: answering(412, { error: { code: 'policy_changed', message, details: { current: null } } }),
    });
    const error = await failureOf(api.request('PUT', '/price-policy', {}));
    expect(error).toMatchObject({ kind: 'http', status: 412, code: 'policy_changed', text: message });
    expect(error.message).toBe(message['en-US']);
    expect(error.details).toEqual({ current: null });
  });

  it('falls back to the status for an error answer that is not a problem body', async () => {
    const api = createApiClient({
      baseUrl: BASE,
      fetch: answering(502, '<html>Bad gateway</html>', 'Bad Gateway'),
    });
    const error = await failureOf(api.request('GET', '/price-policy'));
    expect(error.message).toBe('502 Bad Gateway');
    expect(error.text).toEqual({ 'zh-CN': '502 Bad Gateway', 'en-US': '502 Bad Gateway' });
    expect(error.body).toEqual({});
  });
});
