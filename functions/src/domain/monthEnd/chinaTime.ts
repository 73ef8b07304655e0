/**
 * China-time calendar for month-end. A date typed in a sheet is a China date (UTC+8, no daylight
 * saving); an instant with an offset is turned into its China date first, so a shipment at 23:30 on
 * the last day, China time (15:30 UTC), belongs to that month.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** True for a real calendar date `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// A year of ledgers has a few hundred distinct dates and is read many times per run: remember them.
const knownDates = new Map<string, boolean>();

/** The China date of a ledger date (`YYYY-MM-DD` as is, an instant converted), or null if not a date. */
export function chinaDate(text: string): string | null {
  if (text.length === 10) {
    let valid = knownDates.get(text);
    if (valid === undefined) {
      if (knownDates.size > 50_000) knownDates.clear();
      valid = isCalendarDate(text);
      knownDates.set(text, valid);
    }
    return valid ? text : null;
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const day = text.slice(0, 10);
  if (!isCalendarDate(day)) return null;
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China date of an instant. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-03-31` → `2026-03`. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

function parts(month: string): [number, number] {
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

function monthText(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(month: string, delta: number): string {
  const [y, m] = parts(month);
  const index = y * 12 + (m - 1) + delta;
  return monthText(Math.floor(index / 12), (index % 12) + 1);
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

export function lastDay(month: string): string {
  const [y, m] = parts(month);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Months from `from` to `to`, both included, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}
