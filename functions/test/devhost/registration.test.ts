/**
 * The dev host and Azure must expose the same functions: index.ts registers the routes.ts table
 * with `app`, the dev host serves the same table. Compared through a recording fake of `app`.
 */
import type { HttpFunctionOptions, TimerFunctionOptions } from '@azure/functions';
import { compileRoute } from '../../src/devhost/routeTemplate';
import { httpRoutes, timers } from '../../src/routes';
import { useAzurite } from '../support/azurite';
import { useDevHost } from '../support/http';

type Recorded =
  | { kind: 'http'; name: string; options: HttpFunctionOptions }
  | { kind: 'timer'; name: string; options: TimerFunctionOptions };

const mockLoadTime: Recorded[] = [];
jest.mock('@azure/functions', () => {
  const actual = jest.requireActual<typeof import('@azure/functions')>('@azure/functions');
  return {
    ...actual,
    app: {
      http: (name: string, options: HttpFunctionOptions) =>
        mockLoadTime.push({ kind: 'http', name, options }),
      timer: (name: string, options: TimerFunctionOptions) =>
        mockLoadTime.push({ kind: 'timer', name, options }),
    },
  };
});

// Imported after the mock is in place (jest hoists jest.mock above imports).
import { registerAll } from '../../src/index';

function record(): Recorded[] {
  const calls: Recorded[] = [];
  registerAll({
    http: (name, options) => calls.push({ kind: 'http', name, options }),
    timer: (name, options) => calls.push({ kind: 'timer', name, options }),
  });
  return calls;
}

const httpPairs = (calls: Recorded[]) =>
  calls
    .flatMap((c) =>
      c.kind === 'http' ? (c.options.methods ?? []).map((m) => `${m} ${c.options.route}`) : [],
    )
    .sort();

describe('registration', () => {
  useAzurite();
  const host = useDevHost({ timers });

  it('index.ts registers the whole table when the Functions host loads it', () => {
    expect(mockLoadTime.map((c) => `${c.kind}:${c.name}`)).toEqual(
      record().map((c) => `${c.kind}:${c.name}`),
    );
    expect(mockLoadTime.length).toBe(httpRoutes.length + timers.length);
  });

  it('registers each row as written: methods, route without api/, auth level, handler', () => {
    const calls = record();
    for (const row of httpRoutes) {
      const call = calls.find((c) => c.kind === 'http' && c.name === row.name);
      expect(call?.options).toMatchObject({
        methods: row.methods,
        route: row.route,
        authLevel: row.authLevel,
      });
      // Registered behind the guard (http/guard.ts), never the bare handler.
      expect(typeof call?.options.handler).toBe('function');
      expect(call?.options.handler).not.toBe(row.handler);
      expect(row.route.startsWith('api/') || row.route.startsWith('/')).toBe(false);
    }
    expect(new Set(calls.map((c) => c.name)).size).toBe(calls.length);
  });

  it('the dev host serves the same (method, route) set and the same timers', () => {
    const served = host.host.functions.flatMap((f) => f.methods.map((m) => `${m} ${f.route}`)).sort();
    expect(served).toEqual(httpPairs(record()));
    expect([...host.host.timers].sort()).toEqual(
      record()
        .filter((c) => c.kind === 'timer')
        .map((c) => c.name)
        .sort(),
    );
  });

  it('every registered (method, route) reaches the function of that name on the dev host', async () => {
    for (const call of record()) {
      if (call.kind !== 'http') continue;
      const path = compileRoute(call.options.route ?? call.name).example();
      for (const method of call.options.methods ?? []) {
        const res = await fetch(`${host.baseUrl}/${path}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
        });
        await res.arrayBuffer();
        expect(`${method} ${path} → ${res.headers.get('x-salesdesk-function')}`).toBe(
          `${method} ${path} → ${call.name}`,
        );
      }
    }
  });
});
