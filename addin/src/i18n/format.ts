// Numbers, money and dates per language. Money arrives in yuan (2 decimals) or integer fen.
import type { Locale } from './locale';

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

export function formatCount(locale: Locale, n: number): string {
  return nf(locale, { maximumFractionDigits: 0 }).format(n);
}

export function formatYuan(locale: Locale, yuan: number, currency = 'CNY'): string {
  return nf(locale, { style: 'currency', currency, minimumFractionDigits: 2 }).format(yuan);
}

/** 万元 for the large sums people in the department read (12.35万 / ¥123.5K). */
export function formatWan(locale: Locale, yuan: number): string {
  if (locale === 'zh-CN')
    return `${nf(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(yuan / 10000)}万元`;
  return nf(locale, {
    style: 'currency',
    currency: 'CNY',
    notation: 'compact',
    maximumFractionDigits: 2,
  }).format(yuan);
}

export function formatPercent(locale: Locale, ratio: number, digits = 1): string {
  return nf(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(ratio);
}

/** ISO date (YYYY-MM-DD) → 2026年3月5日 / Mar 5, 2026, without time-zone shifts. */
export function formatDate(locale: Locale, isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}
