/** Calendar dates as `YYYY-MM-DD` text, which also sorts and compares correctly as strings. */

function digit(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : NaN;
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-29 is not). Read by hand: it runs per line. */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-') return false;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (Number.isNaN(year + month + day) || month < 1 || month > 12 || day < 1) return false;
  if (day <= 28) return true;
  if (month === 2) return day === 29 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China Standard Time (UTC+8, no daylight saving). */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
