// The pane offers an action to exactly the roles the API's access table lets through its routes:
// nobody is shown a button the API would refuse, and nobody allowed is told no.
import { accessTable } from '../../../functions/src/access';
import { ACTION_ROUTES, rolesFor, type Action } from '../../src/auth/permissions';

describe('pane permissions follow the access table', () => {
  it.each(Object.keys(ACTION_ROUTES) as Action[])('%s', (action) => {
    for (const route of ACTION_ROUTES[action]) {
      const access = accessTable[route];
      if (!access || 'public' in access) throw new Error(`${route} is not a signed-in route`);
      expect([...rolesFor(action)].sort()).toEqual([...access.roles].sort());
    }
  });
});
