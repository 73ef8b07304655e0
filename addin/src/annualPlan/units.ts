// The plan's unit (元, 万元 or 台), how fine its months are rounded, how Excel shows it, and exact
// arithmetic on amounts read from cells (integer fen) and amounts the API answers (decimal numbers).
import type { PlanUnit } from '../../../functions/src/contract/plans';
import { fromUnits, scaleOf, toUnits } from '../../../functions/src/contract/decimal';
import { formatCount, formatWan, formatYuan } from '../i18n/format';
import type { Bilingual, Locale } from '../i18n/locale';
import type { MoneyUnit } from '../sheets';

export type { PlanUnit };

/** 1 yuan = 100 fen; 1 万元 = 1,000,000 fen. Quantities are read by the money reader too (×100). */
const FEN_SCALE: Record<PlanUnit, number> = { yuan: 2, wanYuan: 6, units: 2 };

/** Month granularity a person expects: whole yuan, 0.01 万元 (100 yuan), whole units. */
export const DEFAULT_ROUND_TO: Record<PlanUnit, number> = { yuan: 1, wanYuan: 0.01, units: 1 };

/** The choices the pane offers for rounding months, per unit. */
export const ROUND_TO_CHOICES: Record<PlanUnit, readonly number[]> = {
  yuan: [1, 100, 1000, 10000],
  wanYuan: [0.01, 0.1, 1],
  units: [1],
};

/** Excel number formats: 元 and 台 whole, 万元 with two decimals. */
export const NUMBER_FORMAT: Record<PlanUnit, string> = {
  yuan: '#,##0',
  wanYuan: '#,##0.00',
  units: '#,##0',
};
export const PERCENT_FORMAT = '0.0%';

export const UNIT_LABEL: Record<PlanUnit, Bilingual> = {
  yuan: { 'zh-CN': '元', 'en-US': 'yuan' },
  wanYuan: { 'zh-CN': '万元', 'en-US': '10k yuan' },
  units: { 'zh-CN': '台', 'en-US': 'units' },
};

const COUNT_UNIT_RE = /[(（]\s*(?:台|件|套|个|units?|pcs|sets?)\s*[)）]|单位\s*[:：]?\s*(?:台|件|套|个)/i;

/**
 * The unit of the annual targets: a unit in the target column's header wins over the title's;
 * `（台）` makes them quantities; nothing said means 元.
 */
export function planUnitOf(hints: {
  header?: string;
  headerUnit?: MoneyUnit;
  title?: string;
  titleUnit?: MoneyUnit;
}): PlanUnit {
  if (hints.headerUnit) return hints.headerUnit === '万元' ? 'wanYuan' : 'yuan';
  if (hints.header && COUNT_UNIT_RE.test(hints.header)) return 'units';
  if (hints.titleUnit) return hints.titleUnit === '万元' ? 'wanYuan' : 'yuan';
  if (hints.title && COUNT_UNIT_RE.test(hints.title)) return 'units';
  return 'yuan';
}

/** An amount read from a cell (integer fen, or quantity × 100) as a number in the plan's unit. */
export function fenToUnit(fen: number, unit: PlanUnit): number {
  return fromUnits(BigInt(fen), FEN_SCALE[unit]);
}

/** Exact sums of equally long rows of decimals (columns added as integers, never as floats). */
export function exactColumnSums(rows: readonly (readonly number[])[], width: number): number[] {
  let scale = 0;
  for (const r of rows) for (const x of r) scale = Math.max(scale, scaleOf(x));
  const sums = new Array<bigint>(width).fill(0n);
  for (const r of rows) for (let i = 0; i < width; i++) sums[i] = (sums[i] ?? 0n) + toUnits(r[i] ?? 0, scale);
  return sums.map((s) => fromUnits(s, scale));
}

/** Exact sum of decimals. */
export function exactTotal(values: readonly number[]): number {
  return exactColumnSums(
    values.map((v) => [v]),
    1,
  )[0] as number;
}

/** An amount in the plan's unit as the pane shows it: ¥1,234.00 / 12.35万元 / 120 台. */
export function formatPlanAmount(locale: Locale, value: number, unit: PlanUnit): string {
  switch (unit) {
    case 'yuan':
      return formatYuan(locale, value);
    case 'wanYuan':
      // formatWan takes yuan; ×10,000 is only for display.
      return formatWan(locale, value * 10000);
    case 'units':
      return `${formatCount(locale, value)} ${UNIT_LABEL.units[locale]}`;
  }
}
