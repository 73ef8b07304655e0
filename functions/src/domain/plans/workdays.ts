/**
 * Working days per month under China's statutory holidays and make-up working days (调休), from the
 * `chinese-days` package. It knows the official arrangement only for the years the State Council has
 * published (2004–2026 in v1.5.7); for other years it silently answers plain weekdays. We detect that by
 * asking whether the year has any statutory holiday at all, and then count Monday–Friday ourselves and say so.
 */
import chineseDays from 'chinese-days';

export interface WorkdayCalendar {
  year: number;
  /** Working days in January … December. */
  days: number[];
  /** True when the official holiday arrangement was known; false = plain Monday–Friday. */
  official: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Whether chinese-days has the State Council's holiday arrangement for `year`. */
export function hasOfficialCalendar(year: number): boolean {
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

/** Monday–Friday count per month, ignoring holidays. */
export function weekdaysPerMonth(year: number): number[] {
  const days: number[] = [];
  for (let month = 1; month <= 12; month++) {
    let count = 0;
    for (let day = 1; day <= lastDay(year, month); day++) {
      const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
      if (weekday >= 1 && weekday <= 5) count++;
    }
    days.push(count);
  }
  return days;
}

const cache = new Map<number, WorkdayCalendar>();

/** Working days per month of `year` (memoised: a year's calendar does not change). */
export function workdaysPerMonth(year: number): WorkdayCalendar {
  const known = cache.get(year);
  if (known) return { ...known, days: [...known.days] };
  let calendar: WorkdayCalendar;
  if (hasOfficialCalendar(year)) {
    const days: number[] = [];
    for (let month = 1; month <= 12; month++) {
      const from = `${year}-${pad(month)}-01`;
      const to = `${year}-${pad(month)}-${pad(lastDay(year, month))}`;
      days.push(chineseDays.getWorkdaysInRange(from, to).length);
    }
    calendar = { year, days, official: true };
  } else {
    calendar = { year, days: weekdaysPerMonth(year), official: false };
  }
  cache.set(year, calendar);
  return { ...calendar, days: [...calendar.days] };
}
