import http from 'node:http';
import type { HttpRequest, InvocationContext } from '@azure/functions';
import { jsonResponse } from '../../src/http/responses';
import type { HttpRoute, TimerRoute } from '../../src/http/route';
import { useDevHost } from '../support/http';

const seen: {
  name: string;
  params: Record<string, string>;
  query: string;
  body: string;
  method: string;
  fn: string;
}[] = [];
const echo = (name: string) => async (request: HttpRequest, context: InvocationContext) => {
  seen.push({
    name,
    params: { ...request.params },
    query: request.query.toString(),
    body: await request.text(),
    method: request.method,
    fn: context.functionName,
  });
  return jsonResponse({ name, params: request.params }, 200, { ETag: 'W/"1"' });
};

const routes: HttpRoute[] = [
  {
    name: 'planByYear',
    methods: ['GET', 'PUT'],
    route: 'plans/{year}',
    handler: echo('planByYear'),
    authLevel: 'anonymous',
  },
  {
    name: 'currentPlan',
    methods: ['GET'],
    route: 'plans/current',
    handler: echo('currentPlan'),
    authLevel: 'anonymous',
  },
  {
    name: 'plans',
    methods: ['GET'],
    route: 'plans/{year?}/{month?}',
    handler: echo('plans'),
    authLevel: 'anonymous',
  },
  {
    name: 'created',
    methods: ['POST'],
    route: 'things',
    handler: async () => ({
      status: 201,
      body: 'made',
      headers: { Location: '/api/things/1', 'Content-Type': 'text/plain' },
    }),
    authLevel: 'anonymous',
  },
];
const ticks: string[] = [];
const timers: TimerRoute[] = [
  {
    name: 'monthEnd',
    schedule: '0 0 18 L * *',
    handler: async (timer, context) => {
      ticks.push(`${context.functionName}:${timer.isPastDue}`);
    },
  },
];

describe('dev host', () => {
  const host = useDevHost({ routes, timers, guard: false });
  beforeEach(() => (seen.length = 0));

  it('routes by template with params, query and body, preferring literal segments', async () => {
    const put = await fetch(`${host.baseUrl}/plans/2026?region=%E5%8D%8E%E5%8C%97&x=1&x=2`, {
      method: 'PUT',
      body: '{"a":1}',
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('x-salesdesk-function')).toBe('planByYear');
    expect(seen[0]).toEqual({
      name: 'planByYear',
      params: { year: '2026' },
      query: 'region=%E5%8D%8E%E5%8C%97&x=1&x=2',
      body: '{"a":1}',
      method: 'PUT',
      fn: 'planByYear',
    });
    expect(await (await fetch(`${host.baseUrl}/plans/current`)).json()).toEqual({
      name: 'currentPlan',
      params: {},
    });
    expect(await (await fetch(`${host.baseUrl}/PLANS/2026/`)).json()).toEqual({
      name: 'planByYear',
      params: { year: '2026' },
    });
  });

  it('serves optional parameters when they are absent', async () => {
    expect(await (await fetch(`${host.baseUrl}/plans`)).json()).toEqual({ name: 'plans', params: {} });
    expect(await (await fetch(`${host.baseUrl}/plans/2026/3`)).json()).toEqual({
      name: 'plans',
      params: { year: '2026', month: '3' },
    });
  });

  it('writes status, body and headers of a non-JSON response', async () => {
    const res = await fetch(`${host.baseUrl}/things`, { method: 'POST' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe('/api/things/1');
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe('made');
  });

  it('answers 404 with a JSON problem for unknown paths, inside and outside /api', async () => {
    for (const path of ['/api/nothing-here', '/plans/2026', '/']) {
      const res = await fetch(`${host.origin}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        error: { code: 'not_found', message: { 'zh-CN': expect.any(String) } },
      });
    }
  });

  it('answers 405 with an Allow header when the path exists but the method does not', async () => {
    const res = await fetch(`${host.baseUrl}/plans/2026`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, PUT');
    expect(await res.json()).toMatchObject({
      error: { code: 'method_not_allowed', details: { allow: 'GET, PUT' } },
    });
  });

  it('answers a CORS preflight from the task pane, allowing If-Match', async () => {
    const res = await fetch(`${host.baseUrl}/plans/2026`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://localhost:3000',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type, if-match',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')).toContain('if-match');
    expect(seen).toHaveLength(0);
  });

  it('adds CORS headers exposing ETag to responses for allowed origins only', async () => {
    const allowed = await fetch(`${host.baseUrl}/plans/2026`, {
      headers: { Origin: 'https://localhost:3000' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag');
    expect(allowed.headers.get('etag')).toBe('W/"1"');

    const other = await fetch(`${host.baseUrl}/plans/2026`, { headers: { Origin: 'https://evil.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await fetch(`${host.baseUrl}/plans/2026`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('runs a timer on POST /admin/functions/{name}, as Core Tools does', async () => {
    const res = await fetch(`${host.origin}/admin/functions/monthEnd`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(202);
    expect(ticks).toEqual(['monthEnd:false']);
    expect((await fetch(`${host.origin}/admin/functions/nope`, { method: 'POST' })).status).toBe(404);
  });

  it('keeps serving after a client aborts mid-body', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request(`${host.baseUrl}/plans/2026`, {
        method: 'PUT',
        headers: { 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('partial', () => {
        req.destroy();
        resolve();
      });
    });
    expect((await fetch(`${host.baseUrl}/plans/current`)).status).toBe(200);
    expect(seen.map((s) => s.name)).toEqual(['currentPlan']);
    expect(host.logs.filter((l) => l.includes('failed to answer'))).toEqual([]);
  });
});
