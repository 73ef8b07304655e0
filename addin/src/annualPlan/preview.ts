// What the pane shows before anything is written: the split's totals by month and by product type,
// and how many rows fell back from the chosen method.
import type { PlanUnit, SplitResponse } from '../../../functions/src/contract/plans';
import type { Locale } from '../i18n/locale';
import { monthLabel } from './texts';
import { exactTotal, formatPlanAmount } from './units';

export interface PlanPreview {
  annual: string;
  byMonth: { month: string; amount: string }[];
  byProductType: { productType: string; amount: string }[];
  rows: number;
  /** Rows split by another method than the one asked for (history without history, …). */
  fellBack: number;
}

export function planPreview(split: SplitResponse, unit: PlanUnit, locale: Locale): PlanPreview {
  const f = (x: number) => formatPlanAmount(locale, x, unit);
  const types: string[] = [];
  for (const r of split.rows) {
    const ty = r.productType.trim();
    if (!types.includes(ty)) types.push(ty);
  }
  return {
    annual: f(split.totals.annual),
    byMonth: split.totals.byMonth.map((x, i) => ({ month: monthLabel(locale, i + 1), amount: f(x) })),
    byProductType: types.map((productType) => ({
      productType,
      amount: f(exactTotal(split.totals.byProductType[productType] ?? [])),
    })),
    rows: split.rows.length,
    fellBack: split.rows.filter((r) => r.basis.method !== split.method || r.basis.reason !== undefined)
      .length,
  };
}
