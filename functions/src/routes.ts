import { health } from './functions/health';
import { planRoutes } from './functions/plans';
import { pricePolicyRoutes } from './functions/pricePolicy';
import { priceValidationRoutes } from './functions/priceValidation';
import { approvalRoutes } from './functions/approvals';
import { ledgerRoutes } from './functions/ledgers';
import { monthEndRoutes, monthEndTimer } from './functions/monthEnd';
import { receivablesRoutes } from './functions/receivables';
import { creditFlagsRoutes } from './functions/creditFlags';
import { scorecardRoutes } from './functions/scorecard';
import { MONTH_END_SCHEDULE } from './domain/monthEnd/timerPlan';
import type { HttpRoute, TimerRoute } from './http/route';

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
  ...creditFlagsRoutes,
  ...scorecardRoutes,
];

/**
 * Month-end: daily at 18:00 UTC = 02:00 China time the next day. UTC on purpose: Linux
 * Consumption/Flex ignore WEBSITE_TIME_ZONE. The handler acts on the China 1st and catches up missed months.
 */
export const timers: readonly TimerRoute[] = [
  { name: 'month-end-timer', schedule: MONTH_END_SCHEDULE, handler: monthEndTimer },
];
