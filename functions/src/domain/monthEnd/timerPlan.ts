/**
 * When the scheduled month-end acts. Azure Functions on Linux Consumption/Flex ignore
 * WEBSITE_TIME_ZONE, so the schedule is written in UTC: every day at 18:00 UTC, which is 02:00 China
 * time (UTC+8, no daylight saving) the next day. The handler then looks at the China date:
 *   - on the 1st it runs the month that just ended (a new report version only if ledgers changed);
 *   - on any day it catches up a month of the last `lookback` that has ledgers but no report yet
 *     (the timer was down on the 1st, or the ledgers arrived late).
 * Running is idempotent (run key per month), so a retry or a second instance changes nothing.
 */
import { addMonths, chinaDateOf, monthOf } from './chinaTime';

/** NCRONTAB (with seconds), UTC: 18:00:00 every day. */
export const MONTH_END_SCHEDULE = '0 0 18 * * *';
export const CATCH_UP_MONTHS = 3;

export interface MonthFacts {
  readonly hasLedgers: boolean;
  readonly hasReport: boolean;
}

export function monthsDue(
  now: Date,
  facts: (month: string) => MonthFacts,
  lookback: number = CATCH_UP_MONTHS,
): string[] {
  const today = chinaDateOf(now);
  const current = monthOf(today);
  const due: string[] = [];
  for (let back = lookback; back >= 1; back--) {
    const month = addMonths(current, -back);
    const f = facts(month);
    if (!f.hasLedgers) continue;
    const closingDay = back === 1 && today.endsWith('-01');
    if (closingDay || !f.hasReport) due.push(month);
  }
  return due;
}
