/**
 * The shape of one row of the registration table (routes.ts). It lives here, below the handlers, so a
 * handler file can declare its rows without importing the table that imports it.
 */
import type { HttpMethod, HttpRequest, HttpResponseInit, InvocationContext, Timer } from '@azure/functions';

export type HttpRouteHandler = (
  request: HttpRequest,
  context: InvocationContext,
) => Promise<HttpResponseInit>;
export type TimerRouteHandler = (timer: Timer, context: InvocationContext) => Promise<void>;

export interface HttpRoute {
  /** Function name in Azure: letters, digits, `-`/`_`; unique. */
  readonly name: string;
  readonly methods: readonly HttpMethod[];
  /** Without the `api/` prefix: `health`, `price-policy`, `plans/{year}`, `plans/{year?}`. */
  readonly route: string;
  readonly handler: HttpRouteHandler;
  /** `anonymous` everywhere: callers are authenticated by App Service Authentication, not function keys. */
  readonly authLevel: 'anonymous' | 'function' | 'admin';
}

export interface TimerRoute {
  readonly name: string;
  /** NCRONTAB with seconds, in UTC unless WEBSITE_TIME_ZONE is set: `0 0 18 L * *` etc. */
  readonly schedule: string;
  readonly handler: TimerRouteHandler;
}
