import { health } from './functions/health';
import { planRoutes } from './functions/plans';
import { pricePolicyRoutes } from './functions/pricePolicy';
import { priceValidationRoutes } from './functions/priceValidation';
import { approvalRoutes } from './functions/approvals';
import type { HttpRoute, TimerRoute } from './http/route';

/** THE registration table. `index.ts` registers it with Azure; the dev host serves the same rows. */
export const httpRoutes: readonly HttpRoute[] = [
  { name: 'health', methods: ['GET'], route: 'health', handler: health, authLevel: 'anonymous' },
  ...planRoutes,
  ...pricePolicyRoutes,
  ...priceValidationRoutes,
  ...approvalRoutes,
];

export const timers: readonly TimerRoute[] = [];
