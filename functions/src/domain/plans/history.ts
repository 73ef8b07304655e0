/**
 * Monthly shape of prior-year actuals, for the `history` split: net sales per calendar month summed over
 * every year before the plan year, by product type + region and by product type alone. Entries dated in the
 * plan year or later are left out (a partial current year would distort the shape). A month whose net is
 * negative (returns exceeding sales) weighs 0.
 */
import type { ActualEntry } from '../../contract/plans';
import { scaleOf, toUnits } from '../../contract/decimal';

export interface HistoryShapes {
  /** Key `productType\u0000region` → 12 net amounts (bigint units, negatives as 0). */
  byProductTypeRegion: Map<string, bigint[]>;
  byProductType: Map<string, bigint[]>;
  /** Entries used, and the years they cover. */
  used: number;
  years: number[];
  /** Entries dated in the plan year or later, left out. */
  ignored: number;
}

export const regionKey = (productType: string, region: string): string => `${productType}\u0000${region}`;

/** Trimmed dimension, or undefined when empty. */
export function dimension(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function add(map: Map<string, bigint[]>, key: string, month: number, amount: bigint): void {
  let months = map.get(key);
  if (!months) {
    months = new Array<bigint>(12).fill(0n);
    map.set(key, months);
  }
  months[month] = (months[month] ?? 0n) + amount;
}

export function historyShapes(history: readonly ActualEntry[], planYear: number): HistoryShapes {
  const prior = history.filter((e) => Number(e.date.slice(0, 4)) < planYear);
  const scale = prior.reduce((s, e) => Math.max(s, scaleOf(e.amount)), 0);
  const byProductTypeRegion = new Map<string, bigint[]>();
  const byProductType = new Map<string, bigint[]>();
  const years = new Set<number>();
  for (const entry of prior) {
    const month = Number(entry.date.slice(5, 7)) - 1;
    const amount = toUnits(entry.amount, scale);
    const productType = entry.productType.trim();
    const region = dimension(entry.region);
    years.add(Number(entry.date.slice(0, 4)));
    add(byProductType, productType, month, amount);
    if (region) add(byProductTypeRegion, regionKey(productType, region), month, amount);
  }
  for (const map of [byProductTypeRegion, byProductType]) {
    for (const months of map.values()) months.forEach((m, i) => (months[i] = m < 0n ? 0n : m));
  }
  return {
    byProductTypeRegion,
    byProductType,
    used: prior.length,
    years: [...years].sort((a, b) => a - b),
    ignored: history.length - prior.length,
  };
}

/** True when a shape has something to go by (any positive month). */
export function hasShape(months: readonly bigint[] | undefined): months is bigint[] {
  return months !== undefined && months.some((m) => m > 0n);
}
