// 结账 / 反结账 from the pane: the month's state (GET /month-end), close (POST …/close) and reopen with a
// reason (POST …/reopen). Who may is the pane's 'closeMonth' permission (Finance alone; auth/permissions,
// checked against functions/src/access.ts rows month-end-close / month-end-reopen). The API still decides.
import type { MonthListResponse, MonthStatus } from '../../../functions/src/contract/monthEnd';
import type { ApiClient } from '../api/client';
import type { Role } from '../auth';
import { can, rolesFor } from '../auth/permissions';

export const CLOSE_ROLES: readonly Role[] = rolesFor('closeMonth');

/** May these roles close and reopen months? (No sign-in provider at all — component tests — lets the API decide.) */
export function mayCloseMonths(roles: readonly Role[] | null): boolean {
  return roles === null || can(roles, 'closeMonth');
}

type Api = Pick<ApiClient, 'request'>;

/** The month's state; an unknown month is open with nothing synced. */
export async function monthStatus(api: Api, month: string): Promise<MonthStatus> {
  const { data } = await api.request<MonthListResponse>('GET', '/month-end');
  return (
    data.months.find((m) => m.month === month) ?? {
      month,
      state: 'open',
      closedBy: null,
      closedAt: null,
      reopenedBy: null,
      reopenedAt: null,
      reopenReason: null,
      reportVersion: null,
      lastRunAt: null,
      ledgers: {},
    }
  );
}

export async function closeMonth(api: Api, month: string, note?: string): Promise<MonthStatus> {
  const { data } = await api.request<MonthStatus>(
    'POST',
    `/month-end/${month}/close`,
    note?.trim() ? { note: note.trim() } : {},
  );
  return data;
}

/** 反结账 needs a reason (kept with the month, and in the audit log). */
export async function reopenMonth(api: Api, month: string, reason: string): Promise<MonthStatus> {
  const { data } = await api.request<MonthStatus>('POST', `/month-end/${month}/reopen`, {
    reason: reason.trim(),
  });
  return data;
}
