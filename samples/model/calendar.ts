/** Dates of the sample year as yyyy-mm-dd strings (China time; no clock, no time zone involved). */
import chineseDays from 'chinese-days';

export const YEAR = 2026;

const pad = (n: number): string => String(n).padStart(2, '0');

export const isoDate = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

export function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) throw new Error(`bad date ${iso}`);
  return [y, m, d];
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export const monthOf = (iso: string): number => parts(iso)[1];

export function lastDayOfMonth(month: number): string {
  const t = new Date(Date.UTC(YEAR, month, 0));
  return isoDate(YEAR, month, t.getUTCDate());
}

/** Working days of 2026 with the statutory holidays and make-up days (调休), by month 1–12. */
export function workdaysByMonth(): string[][] {
  const all = chineseDays.getWorkdaysInRange(`${YEAR}-01-01`, `${YEAR}-12-31`, true) as string[];
  const byMonth: string[][] = Array.from({ length: 12 }, () => []);
  for (const day of all) byMonth[monthOf(day) - 1]?.push(day);
  return byMonth;
}

/** The same day if it is a working day, else the next one (may run into the next year). */
export function onOrAfterWorkday(iso: string, workdays: ReadonlySet<string>): string {
  let day = iso;
  for (let i = 0; i < 15 && !workdays.has(day) && day.startsWith(String(YEAR)); i++) day = addDays(day, 1);
  return day;
}
