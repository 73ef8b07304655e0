// What the pane lets a user try, by role: the same rules as the API's access table
// (functions/src/access.ts), so nobody is offered a button the API would refuse. The API still decides.
import type { Role } from './provider';

export type Action = 'publishPolicy' | 'publishPlan' | 'registerApproval';

const WHO: Record<Action, readonly Role[]> = {
  publishPolicy: ['Sales.Head'],
  publishPlan: ['Sales.Head'],
  registerApproval: ['Sales.Head'],
};

export function can(roles: readonly Role[], action: Action): boolean {
  return WHO[action].some((r) => roles.includes(r));
}

export function rolesFor(action: Action): readonly Role[] {
  return WHO[action];
}
