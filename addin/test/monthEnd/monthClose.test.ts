// 结账 / 反结账 from the add-in against the real dev host (Azurite): Finance closes and reopens with a
// reason; a clerk is refused by the API as the pane says; the pane's CLOSE_ROLES are the API's rows.
import { accessTable } from '../../../functions/src/access';
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { tokenFor } from '../support/signIn';
import { ApiError, createApiClient } from '../../src/api/client';
import { CLOSE_ROLES, closeMonth, mayCloseMonths, monthStatus, reopenMonth } from '../../src/monthEnd';

describe('month close from the pane', () => {
  useAzurite();
  const host = useDevHost();
  const as = (name: string, ...roles: string[]) =>
    createApiClient({ baseUrl: host.baseUrl, getToken: async () => tokenFor(name, roles) });

  it('offers the buttons to exactly the roles the API lets close and reopen', () => {
    for (const row of ['month-end-close', 'month-end-reopen']) {
      const access = accessTable[row];
      expect(access && 'roles' in access ? [...access.roles].sort() : null).toEqual([...CLOSE_ROLES].sort());
    }
    expect(mayCloseMonths(['Finance'])).toBe(true);
    expect(mayCloseMonths(['Sales.Clerk', 'Sales.Head'])).toBe(false);
    expect(mayCloseMonths([])).toBe(false);
  });

  it('Finance closes a month and reopens it with a reason; the state says who and why', async () => {
    const finance = as('王会计', 'Finance');
    expect((await monthStatus(finance, '2026-03')).state).toBe('open');
    const closed = await closeMonth(finance, '2026-03');
    expect(closed).toMatchObject({ month: '2026-03', state: 'closed', closedBy: '王会计' });
    expect((await monthStatus(finance, '2026-03')).state).toBe('closed');
    // Closing again is a conflict that names who closed it.
    await expect(closeMonth(finance, '2026-03')).rejects.toMatchObject({ status: 409 });
    const reopened = await reopenMonth(finance, '2026-03', '  补录一笔退货  ');
    expect(reopened).toMatchObject({ state: 'open', reopenedBy: '王会计', reopenReason: '补录一笔退货' });
  });

  it('a clerk is refused (403), and a reopen without a reason is refused (400)', async () => {
    const clerk = as('张内勤', 'Sales.Clerk');
    const refused = await closeMonth(clerk, '2026-02').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(403);
    const finance = as('王会计', 'Finance');
    await closeMonth(finance, '2026-02');
    await expect(reopenMonth(finance, '2026-02', '   ')).rejects.toMatchObject({ status: 400 });
    expect((await monthStatus(finance, '2026-02')).state).toBe('closed');
  });
});
