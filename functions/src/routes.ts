import type { HttpMethod, HttpRequest, HttpResponseInit, InvocationContext, Timer } from '@azure/functions';
import { health } from './functions/health';
import { planRoutes } from './functions/plans';
import { pricePolicyRoutes } from './functions/pricePolicy';
import { priceValidationRoutes } from './functions/priceValidation';
import { approvalRoutes } from './functions/approvals';
import { ledgerRoutes } from './functions/ledgers';
import { monthEndRoutes, monthEndTimer } from './functions/monthEnd';
import { receivablesRoutes } from './functions/receivables';
import { scorecardRoutes } from './functions/scorecard';
import { MONTH_END_SCHEDULE } from './domain/monthEnd/timerPlan';

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

/** THE registration table. `index.ts` registers it with Azure; the dev host serves the same rows. */
export const httpRoutes: readonly HttpRoute[] = [
  { name: 'health', methods: ['GET'], route: 'health', handler: health, authLevel: 'anonymous' },
  ...planRoutes,
  ...pricePolicyRoutes,
  ...priceValidationRoutes,
  ...approvalRoutes,
  ...ledgerRoutes,
  ...monthEndRoutes,
  ...receivablesRoutes,
  ...scorecardRoutes,
];

/**
 * Month-end: daily at 18:00 UTC = 02:00 China time the next day. UTC on purpose: Linux
 * Consumption/Flex ignore WEBSITE_TIME_ZONE. The handler acts on the China 1st and catches up missed months.
 */
export const timers: readonly TimerRoute[] = [
  { name: 'month-end-timer', schedule: MONTH_END_SCHEDULE, handler: monthEndTimer },
];
