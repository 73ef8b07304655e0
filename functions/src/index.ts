/**
 * The package main (dist/src/index.js): the Functions host loads it and we register every row of
 * the tables in routes.ts. Nothing else happens at load time.
 */
import { app, type HttpFunctionOptions, type TimerFunctionOptions } from '@azure/functions';
import { assertSafeStartup } from './auth/startup';
import { guardRoutes } from './http/guard';
import type { HttpRoute, TimerRoute } from './http/route';
import { httpRoutes, timers } from './routes';
import { storageTarget } from './storage/client';

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
  // Every function behind the guard: front door, token, access table (access.ts).
  for (const r of guardRoutes(routes)) {
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

// A development identity source set in Azure stops the app here, before any function is registered.
assertSafeStartup();
// No storage configured in Azure (neither SALESDESK_STORAGE_ACCOUNT nor SALESDESK_STORAGE) stops it here
// too, with the settings named, instead of a 500 on every request.
storageTarget();
registerAll(app);
