import type { HttpResponseInit } from '@azure/functions';
import { HttpError } from '../../src/http/responses';
import { withErrors } from '../../src/http/withErrors';
import type { HttpRoute } from '../../src/http/route';
import { ConcurrencyError } from '../../src/storage/concurrency';
import { useDevHost } from '../support/http';

const route = (name: string, handler: () => Promise<HttpResponseInit>, wrap = true): HttpRoute => ({
  name,
  methods: ['GET'],
  route: `errors/${name}`,
  authLevel: 'anonymous',
  handler: wrap ? withErrors(handler) : handler,
});

const routes: HttpRoute[] = [
  route('teapot', async () => {
    throw new HttpError(418, 'teapot', { 'zh-CN': '我是茶壶', 'en-US': "I'm a teapot" }, { brewing: true });
  }),
  route('conflict', async () => {
    throw new ConcurrencyError('changed', 'policy', 'current');
  }),
  route('crash', async () => {
    throw new Error('connection string AccountKey=secret leaked');
  }),
  route(
    'unwrapped',
    async () => {
      throw new Error('secret from an unwrapped handler');
    },
    false,
  ),
];

describe('withErrors through the dev host', () => {
  // Stand-in handlers: the guard (tested in test/auth) is not what this file is about.
  const host = useDevHost({ routes, guard: false });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${host.baseUrl}/${path}`, { headers });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  it('answers an HttpError with its status and problem body', async () => {
    const res = await get('errors/teapot');
    expect(res.status).toBe(418);
    expect(JSON.parse(res.text)).toEqual({
      error: {
        code: 'teapot',
        message: { 'zh-CN': '我是茶壶', 'en-US': "I'm a teapot" },
        details: { brewing: true },
      },
    });
  });

  it('answers a ConcurrencyError with 412 "reload and try again"', async () => {
    const res = await get('errors/conflict');
    expect(res.status).toBe(412);
    expect(JSON.parse(res.text)).toMatchObject({
      error: { code: 'concurrency_conflict', details: { kind: 'changed' } },
    });
  });

  it.each(['errors/crash', 'errors/unwrapped'])(
    '%s: 500 JSON problem without the message or stack',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(500);
      expect(res.type).toMatch(/application\/json/);
      const body = JSON.parse(res.text) as { error: { code: string; details: { invocationId: string } } };
      expect(body.error.code).toBe('internal');
      expect(body.error.details.invocationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.text).not.toMatch(/secret|at .*\.ts/);
      // ...but the log has it, under the same reference.
      expect(host.logs.some((l) => l.includes('secret'))).toBe(true);
    },
  );
});
