/**
 * The package main (dist/src/index.js): the Functions host loads it and we register every row of
 * the tables in routes.ts. Nothing else happens at load time.
 */
import { app, type HttpFunctionOptions, type TimerFunctionOptions } from '@azure/functions';
import type { HttpRoute, TimerRoute } from './http/route';
import { httpRoutes, timers } from './routes';

/** The part of `app` we use, so a test can pass a recording fake. */
export interface FunctionRegistry {
  http(name: string, options: HttpFunctionOptions): void;
  timer(name: string, options: TimerFunctionOptions): void;
}

export function registerAll(
  registry: FunctionRegistry,
  routes: readonly HttpRoute[] = httpRoutes,
  timerRoutes: readonly TimerRoute[] = timers,
): void {
  for (const r of routes) {
    registry.http(r.name, {
      methods: [...r.methods],
      route: r.route,
      authLevel: r.authLevel,
      handler: r.handler,
    });
  }
  for (const t of timerRoutes) {
    registry.timer(t.name, { schedule: t.schedule, handler: t.handler });
  }
}

registerAll(app);
