// What the pane lets a user try, by role: the same rules as the API's access table
// (functions/src/access.ts), so nobody is offered a button the API would refuse. The API still decides.
import type { Role } from './provider';

export type Action = 'publishPolicy' | 'publishPlan' | 'registerApproval' | 'runMonthEnd' | 'closeMonth';

const WHO: Record<Action, readonly Role[]> = {
  publishPolicy: ['Sales.Head'],
  publishPlan: ['Sales.Head'],
  registerApproval: ['Sales.Head'],
  // Syncing the ledgers and running the month (a manager reads the scorecard and receivables instead).
  runMonthEnd: ['Sales.Head', 'Sales.Clerk', 'Finance'],
  // 结账 and 反结账 (charter: Finance alone).
  closeMonth: ['Finance'],
};

/** The API route whose access row each action follows (addin/test/auth/permissions.test.ts checks it). */
export const ACTION_ROUTES: Readonly<Record<Action, readonly string[]>> = {
  publishPolicy: ['price-policy-publish'],
  publishPlan: ['plans-publish'],
  registerApproval: ['approvals-register'],
  runMonthEnd: ['month-end-run', 'ledgers-sync'],
  closeMonth: ['month-end-close', 'month-end-reopen'],
};

export function can(roles: readonly Role[], action: Action): boolean {
  return WHO[action].some((r) => roles.includes(r));
}

export function rolesFor(action: Action): readonly Role[] {
  return WHO[action];
}
